"""Benchmark: computing ``sakip-hasil/1`` for a large synthetic perangkat daerah, on SQLite and PostgreSQL.

Run from the project root::

    .venv/bin/python bench/hasil.py [--runs 7] [--sub-kegiatan 500] [--database sqlite|postgres|both]

The parent process creates a throw-away database per engine (a temp SQLite file; a fresh PostgreSQL database
that is dropped at the end) and runs one child process per engine with that database in its environment. The
child migrates, imports a deterministic ``sakip-bundle/1`` built in memory (500 sub kegiatan and 1,500 indicators
by default, four quarters of data), then times ``hasil_dict(hasil_tahun(pd, tahun))`` over ``--runs`` runs after one
warm-up and prints medians. The baseline is the bare read of the same fact rows (``values_list`` of the
realisations and pagu lines that ``data_tahun`` loads), measured in the same process, so the overhead of our
code shows as a ratio. The issue's aim is a median under one second. Timings are noisy: nothing here asserts.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sakip.bundle.sintetis import KODE_PD, TAHUN, bundle_sintetis  # noqa: E402

TANDA = "@@bench-hasil "  # prefix of the child's machine-readable result line
PENANDA_BUANG = "SAKIP_BENCH_THROWAWAY"  # set by the parent: the child's database is a throw-away one
AWALAN_DB_PG = "sakip_bench_"
AIM = 1.0  # seconds, median of hasil_dict(hasil_tahun(...))


# --- the child: one engine, one throw-away database ----------------------------------------------------------


def ringkas(xs: list[float]) -> dict[str, float]:
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs)}


def anak(engine: str, args: argparse.Namespace) -> int:
    if os.environ.get(PENANDA_BUANG) != "1":
        print("--child is started by the parent process only (it needs a throw-away database).", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings.dev")
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anggaran.models import PaguAnggaran, RealisasiAnggaran
    from kinerja.models import RealisasiKinerja
    from kinerja.rekap import hitung_tahun
    from kinerja.selectors import data_tahun
    from renstra.models import PerangkatDaerah
    from sakip.bundle.hasil import hasil_dict
    from sakip.bundle.impor import bundle_import

    # Refuse anything but the database the parent created for us.
    nama_db = str(settings.DATABASES["default"]["NAME"])
    if engine == "sqlite":
        aman = connection.vendor == "sqlite" and nama_db == os.environ.get("SQLITE_PATH")
    else:
        aman = connection.vendor == "postgresql" and nama_db.startswith(AWALAN_DB_PG)
    if not aman:
        print(f"{engine}: refusing to run on {connection.vendor} database {nama_db!r}", file=sys.stderr)
        return 2

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    t_migrate = time.perf_counter() - t

    t = time.perf_counter()
    doc = bundle_sintetis(args.sub_kegiatan, args.seed)
    t_bangun = time.perf_counter() - t
    t = time.perf_counter()
    hasil_periksa, ringkasan = bundle_import(doc=doc, user=None)
    t_impor = time.perf_counter() - t
    if not hasil_periksa.sah or ringkasan is None:
        print(f"{engine}: the synthetic bundle was refused ({len(hasil_periksa.galat)} errors):", file=sys.stderr)
        for m in hasil_periksa.galat[:20]:
            print(f"  {m}", file=sys.stderr)
        return 1
    dibuat = sum(ringkasan.dibuat.values())
    print(
        f"{engine}: migrate {t_migrate:.1f} s; bundle built in {t_bangun:.2f} s; "
        f"import {t_impor:.1f} s ({dibuat} rows, {len(hasil_periksa.peringatan)} warnings)",
        flush=True,
    )

    pd = PerangkatDaerah.objects.get(kode=KODE_PD)

    def baseline() -> None:
        """The unavoidable read: the same fact rows data_tahun loads, as bare tuples."""
        list(
            RealisasiKinerja.objects.filter(indikator__pd=pd, tahun__in=(TAHUN, TAHUN - 1)).values_list(
                "indikator_id", "triwulan", "nilai", "label", "status", "tahun_sumber"
            )
        )
        list(
            PaguAnggaran.objects.filter(versi__pd=pd, versi__tahun=TAHUN).values_list(
                "sub_kegiatan_id", "rekening__kode", "versi__versi", "jumlah"
            )
        )
        list(
            RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=TAHUN).values_list(
                "sub_kegiatan_id", "rekening__kode", "triwulan", "jumlah"
            )
        )

    def sekali() -> tuple[float, float, float, int, dict[str, Any]]:
        gc.collect()
        with CaptureQueriesContext(connection) as q:
            t0 = time.perf_counter()
            data = data_tahun(pd, TAHUN)
            t1 = time.perf_counter()
            hasil = hasil_dict(hitung_tahun(data))
            t2 = time.perf_counter()
        gc.collect()
        t3 = time.perf_counter()
        baseline()
        t4 = time.perf_counter()
        return t1 - t0, t2 - t1, t4 - t3, len(q.captured_queries), hasil

    *_, hasil = sekali()  # warm-up
    muat, hitung, dasar, kueri = [], [], [], []
    for _ in range(args.runs):
        a, b, c, n, hasil = sekali()
        muat.append(a)
        hitung.append(b)
        dasar.append(c)
        kueri.append(n)
    total = [a + b for a, b in zip(muat, hitung, strict=True)]

    level: dict[str, int] = {}
    for i in hasil["indikator"]:
        level[i["level"]] = level.get(i["level"], 0) + 1
    if engine == "sqlite":
        server = "SQLite " + ".".join(map(str, connection.Database.sqlite_version_info))
    else:
        server = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    hasil_baris = {
        "engine": engine,
        "server": server,
        "runs": args.runs,
        "indikator": len(hasil["indikator"]),
        "per_level": level,
        "sub_kegiatan": len(hasil["anggaran"]["sub_kegiatan"]),
        "baris": {
            "realisasi_kinerja": RealisasiKinerja.objects.filter(indikator__pd=pd).count(),
            "pagu": PaguAnggaran.objects.filter(versi__pd=pd).count(),
            "realisasi_anggaran": RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd).count(),
        },
        "json_bytes": len(json.dumps(hasil, ensure_ascii=False)),
        "total": ringkas(total),
        "muat": ringkas(muat),
        "hitung": ringkas(hitung),
        "dasar": ringkas(dasar),
        "kueri": [min(kueri), max(kueri)],
        "impor": t_impor,
    }
    connection.close()
    print(TANDA + json.dumps(hasil_baris), flush=True)
    return 0


# --- the parent: throw-away databases, one child per engine, the summary -------------------------------------


def baris_ringkas(r: dict[str, Any]) -> str:
    tot, dasar = r["total"]["median"], r["dasar"]["median"]
    kueri = r["kueri"][0] if r["kueri"][0] == r["kueri"][1] else f"{r['kueri'][0]}-{r['kueri'][1]}"
    return (
        f"{r['engine']:<9} median {tot:.3f} s (load {r['muat']['median']:.3f}, compute {r['hitung']['median']:.3f})"
        f"  queries {kueri}  baseline {dasar:.3f} s  ratio {tot / dasar:.1f}"
        f"  aim <{AIM:g} s: {'ok' if tot < AIM else 'MISSED'}"
    )


def baris_rinci(r: dict[str, Any]) -> list[str]:
    def mm(k: str) -> str:
        return f"{r[k]['min']:.3f}-{r[k]['max']:.3f}"

    b = r["baris"]
    return [
        f"          min-max: total {mm('total')}  load {mm('muat')}  compute {mm('hitung')}  baseline {mm('dasar')}",
        f"          {r['server']}; {r['indikator']} indikator {r['per_level']}; {r['sub_kegiatan']} sub kegiatan",
        f"          rows: {b['realisasi_kinerja']} realisasi kinerja, {b['pagu']} pagu, "
        f"{b['realisasi_anggaran']} realisasi anggaran; result {r['json_bytes'] / 1024:.0f} KiB JSON; "
        f"import (side figure) {r['impor']:.1f} s",
    ]


def jalankan_anak(engine: str, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", engine]
    cmd += ["--runs", str(args.runs), "--sub-kegiatan", str(args.sub_kegiatan), "--seed", str(args.seed)]
    hasil = None
    with subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(TANDA):
                hasil = json.loads(line[len(TANDA) :])
            else:
                print(line, end="", flush=True)
    if proc.returncode != 0 or hasil is None:
        print(f"{engine}: the benchmark failed (exit {proc.returncode})")
        return None
    for line in [baris_ringkas(hasil), *baris_rinci(hasil)]:
        print(line)
    return hasil


def env_anak() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env |= {"DJANGO_SETTINGS_MODULE": "sakip.settings.dev", "DEBUG": "0", PENANDA_BUANG: "1"}
    return env


def pada_sqlite(args: argparse.Namespace) -> dict[str, Any] | None:
    folder = tempfile.mkdtemp(prefix="sakip-bench-")
    try:
        env = env_anak() | {"SQLITE_PATH": str(Path(folder) / "bench.sqlite3"), "SAKIP_DATA_DIR": folder}
        return jalankan_anak("sqlite", env, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def pada_postgres(args: argparse.Namespace) -> tuple[bool, dict[str, Any] | None]:
    """Returns (reachable, result)."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        print("postgres: psycopg is not installed; skipped")
        return False, None
    server = args.pg_url.rstrip("/")
    nama = f"{AWALAN_DB_PG}{os.getpid()}_{int(time.time())}"
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as e:
        print(f"postgres: not reachable at {server} ({str(e).strip().splitlines()[0]}); skipped")
        return False, None
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nama)))
        try:
            env = env_anak() | {"DATABASE_URL": f"{server}/{nama}"}
            return True, jalankan_anak("postgres", env, args)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(nama)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="timed runs after one warm-up (default 7)")
    ap.add_argument("--sub-kegiatan", type=int, default=500, help="sub kegiatan in the synthetic PD (default 500)")
    ap.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--seed", type=int, default=2024, help="seed of the synthetic data (default 2024)")
    ap.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server (no database name); a throw-away database is created and dropped",
    )
    ap.add_argument("--child", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.runs < 1 or args.sub_kegiatan < 1:
        ap.error("--runs and --sub-kegiatan must be at least 1")
    if args.child:
        return anak(args.child, args)

    print(
        f"bench/hasil.py: hasil_dict(hasil_tahun(pd, {TAHUN})) on a synthetic PD of {args.sub_kegiatan} sub kegiatan, "
        f"{args.runs} runs after one warm-up (seed {args.seed})",
        flush=True,
    )
    hasil: list[dict[str, Any]] = []
    gagal = False
    if args.database in ("sqlite", "both"):
        r = pada_sqlite(args)
        gagal |= r is None
        hasil += [r] if r else []
    if args.database in ("postgres", "both"):
        terjangkau, r = pada_postgres(args)
        gagal |= terjangkau and r is None
        hasil += [r] if r else []
    if hasil:
        print(f"\nsummary ({hasil[0]['indikator']} indikator, {hasil[0]['sub_kegiatan']} sub kegiatan, medians):")
        for r in hasil:
            print(baris_ringkas(r))
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
