"""Writes of the LKjIP: the report row, its versions (one per state of the data) and the generated files.

A file is generated in the background (ENGINEERING.md §5): :func:`ekspor_minta` finds the version of today's data and
either returns the file already made for it, or records a request and enqueues :func:`laporan.tasks.laporan_buat`
once the transaction commits. :func:`berkas_tulis` is the generation itself, shared by the task and the ``lkjip``
command.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renstra.models import PerangkatDaerah
from sakip.tugas import batas_antre, batas_denyut, tugas_hentikan

from .konteks import KonteksLaporan, konteks_laporan, sidik
from .models import EksporLaporan, Laporan, VersiLaporan
from .render import berkas_gambar, cetak_html, dokumen_html, gambar_cetak, gambar_data

logger = logging.getLogger(__name__)

Status = EksporLaporan.Status
Format = EksporLaporan.Format

REVIU_BELUM_SELESAI = _("Reviu versi %(nomor)s belum selesai, sehingga pernyataan telah direviu belum dapat dicetak.")
DATA_BERUBAH_SEJAK_REVIU = _(
    "Data laporan telah berubah sejak versi %(nomor)s direviu. Pernyataan telah direviu hanya dapat dicetak untuk "
    "data yang sama dengan versi yang direviu."
)
VERSI_BUKAN_DATA_KINI = _(
    "Data laporan telah berubah sejak versi %(nomor)s. Berkas hanya dapat dibuat dari data terkini (versi %(kini)s)."
)
EKSPOR_MACET = _(
    "Pembuatan berkas terhenti karena proses di latar belakang berhenti; tidak ada berkas yang tersimpan. Silakan "
    "buat ulang."
)
BERKAS_HILANG = _("Berkas tidak ditemukan lagi di penyimpanan dan dibuat ulang.")
FORMAT_TIDAK_DIKENAL = _("Format berkas tidak dikenal.")


class LaporanError(Exception):
    """A request about the report that cannot be met; the message is for the person (Indonesian)."""


def laporan_siapkan(*, pd: PerangkatDaerah, tahun: int) -> Laporan:
    """The report row of the PD's year, created on first use (its place defaults to the PD's)."""
    laporan, _dibuat = Laporan.objects.get_or_create(pd=pd, tahun=tahun, defaults={"tempat": pd.tempat})
    return laporan


def versi_kini(*, laporan: Laporan, konteks: KonteksLaporan, user) -> VersiLaporan:
    """The version whose data hash is ``sidik(konteks)``; a new one (next number) if the data has not been seen."""
    h = sidik(konteks)
    for _percobaan in range(5):
        versi = VersiLaporan.objects.filter(laporan=laporan, params_hash=h).first()
        if versi:
            return versi
        nomor = (VersiLaporan.objects.filter(laporan=laporan).aggregate(n=Max("nomor"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                return VersiLaporan.objects.create(
                    laporan=laporan, nomor=nomor, params_hash=h, dibuat_oleh=user if _orang(user) else None
                )
        except IntegrityError:  # someone else opened this version, or took this number, at the same moment
            continue
    raise RuntimeError("versi_kini: could not claim a version number")


def _orang(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _tugas(ekspor: EksporLaporan):
    from .tasks import laporan_buat

    return laporan_buat.using(queue_name="pdf") if ekspor.format == Format.PDF else laporan_buat


def _macet() -> Q:
    """Runs whose worker stopped: running without a sign of life since :func:`sakip.tugas.batas_denyut`, or queued
    since :func:`sakip.tugas.batas_antre` without a worker taking them."""
    return Q(status=Status.BERJALAN, terakhir__lt=batas_denyut()) | Q(status=Status.ANTRE, dibuat__lt=batas_antre())


def ekspor_lepas_macet(qs=None) -> int:
    """End as failed (:data:`EKSPOR_MACET`) the runs of ``qs`` (all by default) whose worker stopped, so the page
    stops polling and a new request starts a new run; their task records are failed too. Each is one conditional
    UPDATE, so a worker that comes back to life, or two requests at once, cannot undo or double it. The number
    ended."""
    qs = (EksporLaporan.objects.all() if qs is None else qs).annotate(terakhir=Coalesce("denyut", "mulai", "dibuat"))
    n = 0
    for pk, tugas_id in qs.filter(_macet()).values_list("pk", "tugas_id"):
        if qs.filter(_macet(), pk=pk).update(status=Status.GAGAL, galat=str(EKSPOR_MACET), selesai=timezone.now()):
            logger.warning("LKjIP file %s: its worker stopped; ended as failed", pk)
            tugas_hentikan(tugas_id, str(EKSPOR_MACET))
            n += 1
    return n


def _lepas_usang(qs) -> None:
    """Mark as failed, so they can be requested again, the runs whose worker stopped and the finished files missing
    from the storage."""
    ekspor_lepas_macet(qs)
    for e in qs.filter(status=Status.SELESAI):
        if e.berkas and e.berkas.storage.exists(e.berkas.name):
            continue
        EksporLaporan.objects.filter(pk=e.pk, status=e.status).update(
            status=Status.GAGAL, galat=str(BERKAS_HILANG), selesai=timezone.now()
        )


def ekspor_minta(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    format: str,
    user,
    dengan_pernyataan: bool = False,
    versi: VersiLaporan | None = None,
    konteks: KonteksLaporan | None = None,
) -> EksporLaporan:
    """The file of today's report in ``format``: the one already made (or being made) for the same data, else a new
    request enqueued after commit. The returned row carries ``dipakai_ulang`` (True when nothing new was started).

    ``dengan_pernyataan`` adds the statement that the version was reviewed; it needs a version whose review is
    complete and whose data is still today's data (``versi`` names it; by default the version of today's data).
    ``konteks`` is today's report when the caller has just built it."""
    if format not in Format.values:
        raise LaporanError(FORMAT_TIDAK_DIKENAL)
    laporan = laporan_siapkan(pd=pd, tahun=tahun)
    k = konteks or konteks_laporan(pd=pd, tahun=tahun)
    kini = versi_kini(laporan=laporan, konteks=k, user=user)
    if versi is None:
        versi = kini
    elif versi.laporan_id != laporan.pk:
        raise ValueError("the version belongs to another report")
    if versi.pk != kini.pk:  # a file always shows today's data, so it cannot be made for an older version
        pesan = DATA_BERUBAH_SEJAK_REVIU if dengan_pernyataan else VERSI_BUKAN_DATA_KINI
        raise LaporanError(pesan % {"nomor": versi.nomor, "kini": kini.nomor})
    if dengan_pernyataan and versi.reviu_selesai_pada is None:
        raise LaporanError(REVIU_BELUM_SELESAI % {"nomor": versi.nomor})

    sama = EksporLaporan.objects.filter(versi=versi, format=format, dengan_pernyataan=dengan_pernyataan)
    _lepas_usang(sama)
    for _percobaan in range(3):
        ada = sama.filter(status__in=[Status.ANTRE, Status.BERJALAN, Status.SELESAI]).first()
        if ada:
            ada.dipakai_ulang = True
            return ada
        try:
            with transaction.atomic():
                ekspor = EksporLaporan.objects.create(
                    versi=versi,
                    format=format,
                    dengan_pernyataan=dengan_pernyataan,
                    diminta_oleh=user if _orang(user) else None,
                    tahap=str(_("Menunggu giliran")),
                )
        except IntegrityError:  # the same request was recorded at the same moment
            continue
        transaction.on_commit(partial(_tugas(ekspor).enqueue, ekspor_id=ekspor.pk))
        ekspor.dipakai_ulang = False
        return ekspor
    raise RuntimeError("ekspor_minta: could not record the request")


# --- the generation itself -----------------------------------------------------------------------------------


def berkas_tulis(
    k: KonteksLaporan,
    *,
    format: str,
    tujuan: str | Path | BinaryIO,
    tahap: Callable[[int, str], None] | None = None,
) -> int | None:
    """Write the report ``k`` as ``format`` to ``tujuan``; the number of pages of a PDF (None for HTML).

    ``tahap(progres, teks)`` is told when each stage starts."""

    def lapor(progres: int, teks) -> None:
        if tahap:
            tahap(progres, str(teks))

    lapor(30, _("Menyusun HTML"))
    if format == Format.HTML:
        isi = dokumen_html(k, gambar=gambar_data(k.identitas)).encode("utf-8")
        lapor(90, _("Menyimpan berkas"))
        if isinstance(tujuan, (str, Path)):
            Path(tujuan).write_bytes(isi)
        else:
            tujuan.write(isi)
        return None
    if format != Format.PDF:
        raise LaporanError(FORMAT_TIDAK_DIKENAL)
    from .pdf import tulis_pdf

    gambar = gambar_cetak(k.identitas)
    html = cetak_html(k, gambar=gambar)
    lapor(45, _("Tata letak halaman"))
    return tulis_pdf(
        html,
        tujuan=tujuan,
        berkas=berkas_gambar(gambar),  # this report's logo and chart: no other upload can be read
        setelah_tata_letak=lambda _n: lapor(90, _("Menyimpan berkas")),
    )
