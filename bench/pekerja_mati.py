"""A real worker killed in the middle of a PDF, and the next request recovering (sakip/tugas.py).

Run from the project root::

    .venv/bin/python bench/pekerja_mati.py

On a throw-away SQLite database (a temporary folder) it migrates, loads the demo data, asks for the LKjIP PDF of the
Setda of Paser, starts a real ``manage.py db_worker --queue-name pdf`` and kills it with SIGKILL as soon as it has
taken the request (status berjalan). It then shows, with the heartbeat shortened to 1 s and its limit to 3 s:

1. at once: the request is still berjalan, and asking again reuses it (the worker might be busy in one layout);
2. after the limit: asking again ends the dead run as gagal with its message, fails the queue's record that the
   killed worker left RUNNING, and starts a new run;
3. a new worker makes that run's file.

It prints what it sees and the time each step took, and exits non-zero if the recovery did not happen. Migrating
and loading the demo take most of the time (about a minute on a busy 2-core machine), so this is a script and not
a test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="sakip-pekerja-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sakip.settings.dev",
        "DEBUG": "0",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "SAKIP_DATA_DIR": str(tmp),
        "SAKIP_TUGAS_DENYUT": "1",
        "SAKIP_TUGAS_BATAS_DENYUT": "3",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    t0 = time.monotonic()
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "sakip_demo", "--tanpa-pengguna"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    print(f"database ready in {time.monotonic() - t0:.1f} s ({tmp})")

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import transaction
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from laporan import services
    from laporan.models import EksporLaporan
    from renstra.models import PerangkatDaerah

    pd = PerangkatDaerah.objects.filter(nama__icontains="sekretariat daerah").first() or PerangkatDaerah.objects.first()

    def minta() -> EksporLaporan:
        with transaction.atomic():
            return services.ekspor_minta(pd=pd, tahun=2024, format="pdf", user=None)

    def pekerja() -> subprocess.Popen:
        return subprocess.Popen(
            [*manage, "db_worker", "--queue-name", "pdf", "--no-reload", "--interval", "0.1", "--no-startup-delay"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    e1 = minta()
    print(f"asked: file {e1.pk} {e1.status}")
    w = pekerja()
    t = time.monotonic()
    while EksporLaporan.objects.get(pk=e1.pk).status == EksporLaporan.Status.ANTRE:
        if time.monotonic() - t > 60:
            print("the worker never took the request")
            w.kill()
            return 1
        time.sleep(0.05)
    os.kill(w.pid, signal.SIGKILL)
    w.wait()
    e1.refresh_from_db()
    catatan = DBTaskResult.objects.get(pk=e1.tugas_id)
    print(
        f"worker killed {time.monotonic() - t:.1f} s after start: file {e1.pk} {e1.status} ({e1.tahap}), "
        f"task record {catatan.status}"
    )

    lagi = minta()
    print(f"asked again at once: file {lagi.pk}, reused={lagi.dipakai_ulang}")
    ok = lagi.pk == e1.pk
    time.sleep(3.5)
    t = time.monotonic()
    e2 = minta()
    e1.refresh_from_db()
    catatan.refresh_from_db()
    print(
        f"asked after the limit ({time.monotonic() - t:.2f} s): new file {e2.pk} {e2.status}, reused={e2.dipakai_ulang}"
    )
    print(f"  dead file {e1.pk}: {e1.status}: {e1.galat}")
    print(f"  its task record: {catatan.status} ({catatan.exception_class_path})")
    ok = ok and e2.pk != e1.pk and e1.status == "gagal" and catatan.status == TaskResultStatus.FAILED

    w = pekerja()
    t = time.monotonic()
    try:
        while EksporLaporan.objects.get(pk=e2.pk).status in (EksporLaporan.Status.ANTRE, EksporLaporan.Status.BERJALAN):
            if time.monotonic() - t > 300:
                break
            time.sleep(0.2)
    finally:
        w.send_signal(signal.SIGTERM)
        w.wait()
    e2.refresh_from_db()
    print(f"a new worker made file {e2.pk} in {time.monotonic() - t:.1f} s: {e2.status}, {e2.halaman} pages")
    ok = ok and e2.status == "selesai"
    print("recovered" if ok else "NOT RECOVERED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
