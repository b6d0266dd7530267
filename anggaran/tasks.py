"""Background work of the Excel imports (``django.tasks``, default queue; ENGINEERING.md §5/§6), as the LKjIP files.

An upload is stored with status ``diperiksa`` and :func:`impor_periksa` checks it
(:func:`anggaran.impor.impor_periksa`); Terapkan moves a preview to ``menerapkan`` and :func:`impor_terapkan_tugas`
applies it (:func:`anggaran.impor.impor_terapkan`). Both receive ids (task arguments are JSON) and do nothing when
the import is no longer waiting (a task delivered twice). Whatever goes wrong ends the import ``ditolak`` with a
sentence for the person, never left waiting; the traceback goes to the log. The import page polls the status
meanwhile. A task first takes its import (:func:`anggaran.impor.impor_klaim`), then writes its sign of life while it
runs (:func:`sakip.tugas.denyut`): an import whose worker was killed is ended by the next poll
(:func:`anggaran.impor.impor_lepas_macet`), and one whose worker is stopped (a second Ctrl+C or SIGTERM) at once.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.tasks import TaskContext, task
from django.utils.translation import gettext_lazy as _

from kinerja.services import KinerjaError
from sakip.tugas import denyut

from . import impor
from .models import ImporBerkas

logger = logging.getLogger(__name__)

Status = ImporBerkas.Status

GAGAL_PERIKSA = _(
    "Berkas gagal diperiksa karena kesalahan pada server (%(jenis)s); tidak ada yang disimpan. Unggah berkasnya lagi; "
    "bila terulang, hubungi pengelola aplikasi."
)
GAGAL_TERAPKAN = _(
    "Impor gagal diterapkan karena kesalahan pada server (%(jenis)s); tidak ada yang disimpan. Unggah berkasnya lagi; "
    "bila terulang, hubungi pengelola aplikasi."
)
#: impor.GAGAL_SIMPAN says "try again"; in the worker the import ends refused, so a new upload is the way.
GAGAL_SIMPAN_TUGAS = _("Data berubah saat impor diterapkan; tidak ada yang disimpan. Unggah berkasnya lagi.")


@task(takes_context=True)
def impor_periksa(context: TaskContext, impor_id: int) -> None:
    """Check an upload waiting with status diperiksa: it ends pratinjau or ditolak."""
    if not impor.impor_klaim(impor_id=impor_id, status=Status.DIPERIKSA, tugas_id=context.task_result.id):
        return  # delivered twice, or ended meanwhile
    try:
        with denyut(ImporBerkas.objects.filter(pk=impor_id, status=Status.DIPERIKSA)):
            impor.impor_periksa(impor_id=impor_id)
    except Exception as e:
        logger.exception("Excel import %s: the check failed", impor_id)
        impor.impor_gagal(impor_id=impor_id, pesan=str(GAGAL_PERIKSA % {"jenis": type(e).__name__}))
    except BaseException:  # the worker is being stopped (SystemExit, KeyboardInterrupt): free the import now
        impor.impor_gagal(impor_id=impor_id, pesan=str(impor.PERIKSA_TERHENTI), terhenti=True)
        raise


@task(takes_context=True)
def impor_terapkan_tugas(context: TaskContext, impor_id: int, user_id: int | None) -> None:
    """Apply an import waiting with status menerapkan, as ``user_id``: it ends diterapkan or ditolak."""
    if not impor.impor_klaim(impor_id=impor_id, status=Status.MENERAPKAN, tugas_id=context.task_result.id):
        return  # delivered twice, or ended meanwhile
    imp = ImporBerkas.objects.select_related("pd", "unit").get(pk=impor_id)
    try:
        user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
        with denyut(ImporBerkas.objects.filter(pk=impor_id, status=Status.MENERAPKAN)):
            impor.impor_terapkan(impor=imp, user=user)
    except KinerjaError as e:
        pesan = GAGAL_SIMPAN_TUGAS if str(e) == str(impor.GAGAL_SIMPAN) else e
        impor.impor_gagal(impor_id=impor_id, pesan=str(pesan))
    except Exception as e:
        logger.exception("Excel import %s: the apply failed", impor_id)
        impor.impor_gagal(impor_id=impor_id, pesan=str(GAGAL_TERAPKAN % {"jenis": type(e).__name__}))
    except BaseException:  # the worker is being stopped: its transaction was rolled back, nothing was written
        impor.impor_gagal(impor_id=impor_id, pesan=str(impor.TERAPKAN_TERHENTI), terhenti=True)
        raise
