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
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._buang import Anak, kirim, mulai_anak, per_engine, ringkas, versi_server  # noqa: E402
from sakip.bundle.sintetis import KODE_PD, TAHUN, bundle_sintetis  # noqa: E402

TANDA = "@@bench-hasil "  # prefix of the child's machine-readable result line
AIM = 1.0  # seconds, median of hasil_dict(hasil_tahun(...))


# --- the child: one engine, one throw-away database ----------------------------------------------------------


def anak(engine: str, args: argparse.Namespace) -> int:
    if kode := mulai_anak(engine, "sakip.settings.dev"):
        return kode

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

    pd = PerangkatDaerah.objects.get(pemda__kode=doc["pemda"]["kode"], kode=KODE_PD)

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
    hasil_baris = {
        "engine": engine,
        "server": versi_server(connection),
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
    kirim(TANDA, hasil_baris)
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


def anak_hasil(args: argparse.Namespace) -> Anak:
    """The child of this script: development settings, DEBUG off."""
    return Anak(
        skrip=Path(__file__).resolve(),
        tanda=TANDA,
        argumen=["--runs", str(args.runs), "--sub-kegiatan", str(args.sub_kegiatan), "--seed", str(args.seed)],
        rincian=lambda r: [baris_ringkas(r), *baris_rinci(r)],
        env=lambda folder: {"DJANGO_SETTINGS_MODULE": "sakip.settings.dev", "DEBUG": "0", "SAKIP_DATA_DIR": folder},
    )


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
    hasil, gagal = per_engine(anak_hasil(args), args.database, args.pg_url)
    if hasil:
        print(f"\nsummary ({hasil[0]['indikator']} indikator, {hasil[0]['sub_kegiatan']} sub kegiatan, medians):")
        for r in hasil:
            print(baris_ringkas(r))
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
