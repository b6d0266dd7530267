"""Writes of the report's narrative editor and of the Inspektorat's review.

The planner keeps the report's identity (place, date, signatory, images) and its narrative; the reviewer writes notes
on a chapter or table of one version of the report, the planner answers them, and once every note of that version is
answered the reviewer completes the review, which produces the PDF carrying the *Pernyataan Telah Direviu*.

A version is the report of one state of the data (:func:`laporan.konteks.sidik`): reading a report never creates one,
writing a note does (through :func:`laporan.services.versi_kini`), so a note stays next to the text it was about even
after the data changes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renstra.models import Pejabat, PerangkatDaerah, Sasaran

from . import services
from .konteks import KonteksLaporan, konteks_laporan, sidik
from .models import KUNCI_NARASI, CatatanReviu, Laporan, NarasiLaporan, VersiLaporan

BUKAN_REVIEWER = _("Hanya reviewer Inspektorat yang dapat menulis catatan reviu dan menyelesaikan reviu.")
BUKAN_PERENCANA = _("Hanya perencana perangkat daerah ini yang dapat menjawab catatan reviu.")
BAGIAN_TIDAK_DIKENAL = _("Pilih bab, bagian, tabel atau grafik dari laporan ini.")
CATATAN_KOSONG = _("Tuliskan catatan reviunya.")
JAWABAN_KOSONG = _("Tuliskan jawabannya.")
REVIU_SUDAH_SELESAI = _("Reviu versi %(nomor)s sudah diselesaikan; catatan dan jawabannya tidak dapat diubah lagi.")
DATA_BERUBAH = _(
    "Data laporan berubah sejak halaman ini dibuka. Muat ulang halaman, periksa laporan terbaru, lalu tulis catatan "
    "Anda lagi."
)
CATATAN_BELUM_DIJAWAB = _("Reviu belum dapat diselesaikan: %(n)s catatan belum dijawab perencana (%(bagian)s).")
VERSI_BUKAN_TERKINI = _(
    "Data laporan sudah berubah sejak versi %(nomor)s. Reviu diselesaikan pada versi data terbaru: baca laporan "
    "terbaru lalu selesaikan reviu di sana."
)
PENANDATANGAN_LAIN = _("Penandatangan harus pejabat perangkat daerah ini.")
KUNCI_TIDAK_DIKENAL = _("Bagian narasi tidak dikenal: %(kunci)s.")
NARASI_SUDAH_DIUBAH = _(
    "Narasi atau identitas laporan sudah diubah orang lain setelah Anda membukanya. Isian Anda belum disimpan: "
    "bandingkan dengan teks yang tersimpan sekarang, lalu simpan sekali lagi untuk menimpanya."
)


class ReviuError(Exception):
    """A refused action of the narrative editor or the review; ``str(e)`` is the message shown to the person."""


# --- narrative keys ---------------------------------------------------------------------------------------------

#: The per-sasaran narrative of BAB III: ``bab3.sasaran.<kode>.(analisis|faktor|solusi)``.
KUNCI_SASARAN = re.compile(r"^bab3\.sasaran\.(?P<kode>.+)\.(?P<jenis>analisis|faktor|solusi)$")
JENIS_NARASI_SASARAN = {
    "analisis": _("analisis capaian"),
    "faktor": _("faktor penyebab keberhasilan atau kegagalan"),
    "solusi": _("solusi"),
}
NARASI_SASARAN = _("Sasaran %(kode)s: %(jenis)s")


def nama_bagian(kunci: str) -> str:
    """The printed name of a narrative key, or the key itself when it is not one the report knows."""
    if kunci in KUNCI_NARASI:
        return str(KUNCI_NARASI[kunci])
    if cocok := KUNCI_SASARAN.match(kunci):
        return NARASI_SASARAN % {"kode": cocok["kode"], "jenis": JENIS_NARASI_SASARAN[cocok["jenis"]]}
    return kunci


@dataclass(frozen=True)
class BagianNarasi:
    """One narrative text of the editor: its key, its label, and the group it is shown under."""

    kunci: str
    label: str
    kelompok: str  # "Kata pengantar dan ikhtisar", "BAB I …", "Sasaran S1 — …"


def _bab(kunci: str) -> int:
    """Chapter order of a general narrative key: front matter, BAB I … IV, then anything else."""
    if cocok := re.match(r"^bab(\d)\.", kunci):
        return int(cocok[1])
    return 0 if "." not in kunci else 9


KELOMPOK_BAB = {
    0: _("Kata pengantar dan ikhtisar eksekutif"),
    1: _("BAB I Pendahuluan"),
    2: _("BAB II Perencanaan dan Perjanjian Kinerja"),
    3: _("BAB III Akuntabilitas Kinerja"),
    4: _("BAB IV Penutup"),
    9: _("Lainnya"),
}
KELOMPOK_SASARAN = _("BAB III — Sasaran %(kode)s: %(uraian)s")


def daftar_bagian_narasi(sasaran: list[Sasaran]) -> list[BagianNarasi]:
    """Every narrative text of a year's report in print order: the keys of KUNCI_NARASI, with the three texts of
    each sasaran of the year's Renstra placed in BAB III (after its general keys, before BAB IV)."""
    umum = sorted(KUNCI_NARASI, key=_bab)  # stable: KUNCI_NARASI's order within a chapter
    hasil = [BagianNarasi(k, str(KUNCI_NARASI[k]), str(KELOMPOK_BAB[_bab(k)])) for k in umum if _bab(k) <= 3]
    for s in sasaran:
        kelompok = str(KELOMPOK_SASARAN % {"kode": s.kode, "uraian": s.uraian})
        for jenis, label in JENIS_NARASI_SASARAN.items():
            hasil.append(BagianNarasi(f"bab3.sasaran.{s.kode}.{jenis}", str(label).capitalize(), kelompok))
    hasil += [BagianNarasi(k, str(KUNCI_NARASI[k]), str(KELOMPOK_BAB[_bab(k)])) for k in umum if _bab(k) > 3]
    return hasil


# --- the narrative editor ---------------------------------------------------------------------------------------


def sidik_narasi(laporan: Laporan | None) -> str:
    """A short hash of what the editor shows (identity fields and every narrative text), sent with the form: a save
    whose form was opened on another state is refused instead of silently overwriting someone's text."""
    if laporan is None or laporan.pk is None:
        return hashlib.sha256(b"-").hexdigest()[:16]
    isi = [
        laporan.tempat,
        str(laporan.tanggal),
        str(laporan.penandatangan_id),
        laporan.logo.name or "",
        laporan.bagan_organisasi.name or "",
        *(f"{k}\x1f{t}" for k, t in laporan.narasi.order_by("kunci").values_list("kunci", "teks")),
    ]
    return hashlib.sha256("\x1e".join(isi).encode()).hexdigest()[:16]


@transaction.atomic
def narasi_simpan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    user,
    sidik_awal: str | None,
    tempat: str,
    tanggal: date | None,
    penandatangan: Pejabat | None,
    logo: UploadedFile | None = None,
    hapus_logo: bool = False,
    bagan_organisasi: UploadedFile | None = None,
    hapus_bagan_organisasi: bool = False,
    narasi: dict[str, str],
    kunci_sah: frozenset[str],
) -> Laporan:
    """Save the report's identity and narrative in one transaction, every row through ``save()`` (history).

    ``narasi`` maps keys (all within ``kunci_sah``) to text; an empty text deletes that key's row, an unchanged one is
    left alone. ``sidik_awal`` is :func:`sidik_narasi` of the state the form showed (None skips the check)."""
    laporan = Laporan.objects.select_for_update().filter(pd=pd, tahun=tahun).first()
    if sidik_awal is not None and sidik_awal != sidik_narasi(laporan):
        raise ReviuError(NARASI_SUDAH_DIUBAH)
    for kunci in narasi:
        if kunci not in kunci_sah:
            raise ReviuError(KUNCI_TIDAK_DIKENAL % {"kunci": kunci})
    if penandatangan is not None and penandatangan.pd_id != pd.pk:
        raise ReviuError(PENANDATANGAN_LAIN)
    if laporan is None:
        laporan = services.laporan_siapkan(pd=pd, tahun=tahun)

    laporan.tempat = tempat.strip()
    laporan.tanggal = tanggal
    laporan.penandatangan = penandatangan
    for field, baru, hapus in (
        ("logo", logo, hapus_logo),
        ("bagan_organisasi", bagan_organisasi, hapus_bagan_organisasi),
    ):
        if baru is not None:
            setattr(laporan, field, baru)  # stored under a random name (models._lokasi_gambar)
        elif hapus:
            setattr(laporan, field, "")  # the old file stays: the history and older versions refer to it
    laporan.full_clean()
    laporan.save()

    ada = {n.kunci: n for n in laporan.narasi.all()}
    for kunci, teks in narasi.items():
        teks = teks.replace("\r\n", "\n").strip()
        baris = ada.get(kunci)
        if not teks:
            if baris is not None:
                baris.delete()  # an instance delete: the history keeps the text
        elif baris is None:
            baris = NarasiLaporan(laporan=laporan, kunci=kunci, teks=teks)
            baris.full_clean()
            baris.save()
        elif baris.teks != teks:
            baris.teks = teks
            baris.full_clean()
            baris.save()
    return laporan


# --- the review --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Jangkar:
    """A place of the report a note can be about: a chapter or section heading, a table or a chart."""

    id: str
    judul: str
    jenis: str  # "bagian" | "tabel" | "grafik"


def daftar_jangkar(k: KonteksLaporan) -> list[Jangkar]:
    """Every anchor of the report a reviewer can write about, in print order within each kind."""
    hasil = [Jangkar(b.id, b.judul, "bagian") for b in k.daftar_isi]
    hasil += [Jangkar(r.id, r.lengkap, "tabel") for r in k.daftar_tabel]
    hasil += [Jangkar(r.id, r.lengkap, "grafik") for r in k.daftar_grafik]
    return hasil


def versi_data(*, pd: PerangkatDaerah, tahun: int, k: KonteksLaporan) -> VersiLaporan | None:
    """The stored version of exactly this data, if any: reading looks versions up and never creates one."""
    return (
        VersiLaporan.objects.filter(laporan__pd=pd, laporan__tahun=tahun, params_hash=sidik(k))
        .select_related("reviu_selesai_oleh")
        .first()
    )


def _cek_reviewer(user, pd: PerangkatDaerah) -> None:
    if not user.has_perm("laporan.review_pd", pd):
        raise ReviuError(BUKAN_REVIEWER)


def _cek_belum_selesai(versi: VersiLaporan) -> None:
    if versi.reviu_selesai_pada is not None:
        raise ReviuError(REVIU_SUDAH_SELESAI % {"nomor": versi.nomor})


@transaction.atomic
def catatan_tambah(
    *, pd: PerangkatDaerah, tahun: int, bagian: str, teks: str, user, sidik_dibaca: str = ""
) -> CatatanReviu:
    """A reviewer's note on an anchor of today's report, on the version of today's data (created if new).

    ``sidik_dibaca`` is the data hash of the page the reviewer read: when the data changed since, the note is refused
    rather than attached to a text the reviewer has not seen."""
    _cek_reviewer(user, pd)
    teks = teks.strip()
    if not teks:
        raise ReviuError(CATATAN_KOSONG)
    k = konteks_laporan(pd=pd, tahun=tahun)
    if sidik_dibaca and sidik_dibaca != sidik(k):
        raise ReviuError(DATA_BERUBAH)
    jangkar = {j.id: j for j in daftar_jangkar(k)}
    if bagian not in jangkar:
        raise ReviuError(BAGIAN_TIDAK_DIKENAL)
    laporan = services.laporan_siapkan(pd=pd, tahun=tahun)
    versi = services.versi_kini(laporan=laporan, konteks=k, user=user)
    _cek_belum_selesai(versi)
    catatan = CatatanReviu(
        versi=versi, bagian=bagian, judul_bagian=jangkar[bagian].judul[:300], teks=teks, penulis=user
    )
    catatan.full_clean()
    catatan.save()
    return catatan


@transaction.atomic
def catatan_jawab(*, catatan: CatatanReviu, jawaban: str, user) -> CatatanReviu:
    """The planner's answer to a note (it may be rewritten until the review of its version is complete)."""
    versi = VersiLaporan.objects.select_related("laporan__pd").get(pk=catatan.versi_id)
    if not user.has_perm("renstra.plan_pd", versi.laporan.pd):
        raise ReviuError(BUKAN_PERENCANA)
    _cek_belum_selesai(versi)
    jawaban = jawaban.strip()
    if not jawaban:
        raise ReviuError(JAWABAN_KOSONG)
    catatan.jawaban = jawaban
    catatan.dijawab_oleh = user
    catatan.dijawab_pada = timezone.now()
    catatan.full_clean()
    catatan.save()
    return catatan


@transaction.atomic
def reviu_selesaikan_laporan(*, pd: PerangkatDaerah, tahun: int, sidik_dibaca: str, user) -> VersiLaporan:
    """Complete the review of the report as the reviewer read it (``sidik_dibaca``): its version is made when the
    data has none yet (a review without notes), then :func:`reviu_selesaikan` applies."""
    _cek_reviewer(user, pd)
    k = konteks_laporan(pd=pd, tahun=tahun)
    if sidik_dibaca != sidik(k):
        raise ReviuError(DATA_BERUBAH)
    laporan = services.laporan_siapkan(pd=pd, tahun=tahun)
    versi = services.versi_kini(laporan=laporan, konteks=k, user=user)
    return reviu_selesaikan(versi=versi, user=user, konteks=k)


@transaction.atomic
def reviu_selesaikan(*, versi: VersiLaporan, user, konteks: KonteksLaporan | None = None) -> VersiLaporan:
    """Complete the review of a version: only on today's data and once every note of it is answered. Then the PDF
    of that version with the *Pernyataan Telah Direviu* is requested (made by the worker)."""
    versi = VersiLaporan.objects.select_for_update().select_related("laporan__pd").get(pk=versi.pk)
    pd, tahun = versi.laporan.pd, versi.laporan.tahun
    _cek_reviewer(user, pd)
    _cek_belum_selesai(versi)
    terbuka = list(versi.catatan.filter(jawaban="").order_by("dibuat", "pk"))
    if terbuka:
        bagian = ", ".join(dict.fromkeys(c.judul_bagian for c in terbuka))
        raise ReviuError(CATATAN_BELUM_DIJAWAB % {"n": len(terbuka), "bagian": bagian})
    konteks = konteks or konteks_laporan(pd=pd, tahun=tahun)
    if sidik(konteks) != versi.params_hash:
        raise ReviuError(VERSI_BUKAN_TERKINI % {"nomor": versi.nomor})
    versi.reviu_selesai_pada = timezone.now()
    versi.reviu_selesai_oleh = user
    versi.full_clean()
    versi.save()
    try:
        services.ekspor_minta(
            pd=pd, tahun=tahun, format="pdf", user=user, dengan_pernyataan=True, versi=versi, konteks=konteks
        )
    except services.LaporanError as e:
        raise ReviuError(str(e)) from e
    return versi
