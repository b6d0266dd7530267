"""Jobs that survive a killed worker (sakip/tugas.py): the heartbeat written from a thread while a job runs, the
queue's record of a dead task, the command a supervisor can run, and the settings' bounds."""

import io
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone

from laporan.models import EksporLaporan, Laporan, VersiLaporan
from sakip import tugas
from tests.pekerja import tugas_berjalan


def _ekspor(pd, **kw) -> EksporLaporan:
    laporan, _ = Laporan.objects.get_or_create(pd=pd, tahun=2024)
    versi = VersiLaporan.objects.create(laporan=laporan, nomor=99, params_hash="a" * 64)
    return EksporLaporan.objects.create(versi=versi, format="pdf", **kw)


@pytest.mark.django_db(transaction=True)  # the heartbeat writes from its own thread and connection
def test_the_heartbeat_is_written_while_the_job_runs_and_stops_with_it(contoh_pd, settings):
    settings.TUGAS_DENYUT = timedelta(seconds=0.05)
    e = _ekspor(contoh_pd, status="berjalan")
    berjalan = EksporLaporan.objects.filter(pk=e.pk, status="berjalan")
    with tugas.denyut(berjalan):
        time.sleep(0.3)  # one long call (a WeasyPrint layout) that writes nothing itself
        e.refresh_from_db()
        pertama = e.denyut
        assert pertama is not None and timezone.now() - pertama < timedelta(seconds=0.2)
        time.sleep(0.2)
        e.refresh_from_db()
        assert e.denyut > pertama
    terakhir = e.denyut
    EksporLaporan.objects.filter(pk=e.pk).update(denyut=None)
    time.sleep(0.2)
    e.refresh_from_db()
    assert e.denyut is None and terakhir is not None  # the thread ended with the block


@pytest.mark.django_db
def test_the_command_ends_the_dead_jobs_and_fails_their_records(contoh_pd, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    catatan = tugas_berjalan("laporan.tasks.laporan_buat", ekspor_id=0)
    mati = _ekspor(contoh_pd, status="berjalan", mulai=timezone.now(), denyut=timezone.now(), tugas_id=str(catatan.pk))
    time_machine.shift(timedelta(minutes=3))
    hidup = EksporLaporan.objects.create(versi=mati.versi, format="html", status="berjalan", denyut=timezone.now())
    keluar = io.StringIO()
    call_command("sakip_tugas_macet", stdout=keluar)
    assert keluar.getvalue().strip() == "Diakhiri: 1 berkas laporan, 0 impor Excel."
    mati.refresh_from_db()
    hidup.refresh_from_db()
    catatan.refresh_from_db()
    assert (mati.status, hidup.status, catatan.status) == ("gagal", "berjalan", TaskResultStatus.FAILED)
    assert not tugas.tugas_hentikan(str(catatan.pk), "lagi")  # only a RUNNING record changes, once
    assert not tugas.tugas_hentikan("bukan-uuid", "x") and not tugas.tugas_hentikan("", "x")


@pytest.mark.parametrize(
    ("env", "pesan"),
    [
        ({"SAKIP_TUGAS_DENYUT": "60", "SAKIP_TUGAS_BATAS_DENYUT": "120"}, "at least three times"),
        ({"SAKIP_TUGAS_DENYUT": "0"}, "at least three times"),
        ({"SAKIP_TUGAS_BATAS_DENYUT": "dua"}, "is not an integer"),
    ],
)
def test_bad_heartbeat_settings_are_refused(env, pesan):
    r = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sakip.settings.test", **env},
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and pesan in r.stderr
