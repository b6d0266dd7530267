"""Background generation of the LKjIP files (``django.tasks``; PDFs on the ``pdf`` queue, ENGINEERING.md §5).

The task receives the id of an :class:`~laporan.models.EksporLaporan` (task arguments are JSON), claims it, rebuilds
the report from today's data and records each stage in ``progres``/``tahap``, which the report page polls. If the
data changed between the request and the run, the file is still made, and attached to the version of the data it
shows. A failure ends ``gagal`` with a sentence for the person in ``galat``; the traceback goes to the log. While it
runs, the task writes its sign of life (:func:`sakip.tugas.denyut`): a run whose worker was killed is ended by the
next request or poll (:func:`laporan.services.ekspor_lepas_macet`), and one whose worker is stopped (a second
Ctrl+C or SIGTERM) is ended at once.
"""

from __future__ import annotations

import dataclasses
import logging
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.tasks import TaskContext, task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.tugas import denyut

from .konteks import konteks_laporan, sidik
from .models import EksporLaporan
from .services import DATA_BERUBAH_SEJAK_REVIU, EKSPOR_MACET, LaporanError, berkas_tulis, versi_kini

logger = logging.getLogger(__name__)

Status = EksporLaporan.Status

GAGAL_UMUM = gettext_lazy(
    "Berkas gagal dibuat karena kesalahan pada server (%(jenis)s). Coba buat ulang; bila terulang, hubungi pengelola "
    "aplikasi."
)
SUDAH_ADA_UNTUK_DATA_BARU = gettext_lazy(
    "Data laporan berubah sebelum berkas ini dibuat, dan berkas untuk data terbaru (versi %(nomor)s) sudah ada."
)


def _tahap(pk: int, progres: int, teks: str) -> None:
    EksporLaporan.objects.filter(pk=pk, status=Status.BERJALAN).update(
        progres=progres, tahap=teks, denyut=timezone.now()
    )


@task(takes_context=True)
def laporan_buat(context: TaskContext, ekspor_id: int) -> None:
    """Generate the file of one request; nothing happens if it is not queued any more (taken, or already done)."""
    sekarang = timezone.now()
    diklaim = EksporLaporan.objects.filter(pk=ekspor_id, status=Status.ANTRE).update(
        status=Status.BERJALAN,
        mulai=sekarang,
        denyut=sekarang,
        tugas_id=context.task_result.id,
        progres=5,
        tahap=_("Menyusun data"),
        galat="",
    )
    if not diklaim:
        return
    ekspor = EksporLaporan.objects.select_related("versi__laporan__pd", "diminta_oleh").get(pk=ekspor_id)
    berjalan = EksporLaporan.objects.filter(pk=ekspor.pk, status=Status.BERJALAN)
    try:
        with denyut(berjalan):
            _buat(ekspor)
    except Exception as e:
        logger.exception("LKjIP file %s (%s) failed", ekspor.pk, ekspor.format)
        pesan = str(e) if isinstance(e, LaporanError) else GAGAL_UMUM % {"jenis": type(e).__name__}
        berjalan.update(status=Status.GAGAL, galat=pesan, selesai=timezone.now())
    except BaseException:  # the worker is being stopped (SystemExit, KeyboardInterrupt): free the request now
        berjalan.update(status=Status.GAGAL, galat=str(EKSPOR_MACET), selesai=timezone.now())
        raise  # the worker records the task itself as failed


def _buat(ekspor: EksporLaporan) -> None:
    laporan = ekspor.versi.laporan
    _tahap(ekspor.pk, 10, _("Menyusun data"))
    k = konteks_laporan(pd=laporan.pd, tahun=laporan.tahun)
    if sidik(k) != ekspor.versi.params_hash:  # the data changed since the request
        if ekspor.dengan_pernyataan:
            raise LaporanError(DATA_BERUBAH_SEJAK_REVIU % {"nomor": ekspor.versi.nomor})
        baru = versi_kini(laporan=laporan, konteks=k, user=ekspor.diminta_oleh)
        try:
            with transaction.atomic():
                EksporLaporan.objects.filter(pk=ekspor.pk).update(versi=baru)
        except IntegrityError as e:  # that version already has this file, made or being made
            raise LaporanError(SUDAH_ADA_UNTUK_DATA_BARU % {"nomor": baru.nomor}) from e
        ekspor.versi = baru
    if ekspor.dengan_pernyataan:
        from .bab import pernyataan

        k = dataclasses.replace(k, pernyataan=pernyataan.susun(versi=ekspor.versi, identitas=k.identitas))

    isi = BytesIO()
    halaman = berkas_tulis(k, format=ekspor.format, tujuan=isi, tahap=lambda p, t: _tahap(ekspor.pk, p, t))
    data = isi.getvalue()
    ekspor.berkas.save(f"lkjip.{ekspor.format}", ContentFile(data), save=False)
    selesai = EksporLaporan.objects.filter(pk=ekspor.pk, status=Status.BERJALAN).update(
        berkas=ekspor.berkas.name,
        ukuran=len(data),
        halaman=halaman,
        status=Status.SELESAI,
        progres=100,
        tahap=_("Selesai"),
        selesai=timezone.now(),
    )
    if not selesai:  # taken for dead meanwhile (services.ekspor_lepas_macet): keep no orphan file
        ekspor.berkas.delete(save=False)
