"""Benchmark: the flat DPA matrix of a synthetic province (40 PDs, 100,000 budget lines) against bare openpyxl.

Run from the project root::

    .venv/bin/python bench/excel.py [--runs 3] [--pd 40] [--baris 100000] [--baris-impor 20000]
                                      [--database sqlite|postgres|both]

The parent process creates a throw-away database per engine (a temp SQLite file; a fresh PostgreSQL database that is
dropped at the end) and runs one child per engine on it. The child migrates and builds a deterministic province with
``bulk_create``: per PD 5 units, 10 programs × 5 kegiatan × 10 sub kegiatan, 5 accounts per sub kegiatan (by default
2,500 budget lines per PD), a murni and a perubahan DPA (a pagu line per version) and four quarters of spending per
line. Every measurement runs in a fresh process, so its peak RSS (``ru_maxrss``) is its own:

1. **app**: :func:`anggaran.dpa_datar.tulis_matriks_datar`, the whole export from the database to the file;
2. **bare openpyxl**: ``Workbook(write_only=True)`` writing the same cells, with the same values and number formats,
   from rows read into memory beforehand (untimed): the title block, the header and a ``WriteOnlyCell`` with its
   ``number_format`` for every formatted value, as the openpyxl documentation writes styled cells. **ratio** is
   app ÷ bare, so the cost of our code (the queries, the rows, the writer) shows;
3. **memory flat**: the app's peak RSS on the first ``--pd-kecil`` PDs (10) and on all of them (40), built in that
   order in the same database: a streaming export keeps the same peak whatever the size;
4. **import**: a DPA workbook of 20,000 lines through the application's preview and apply (:func:`ukur_impor`,
   measured by ``bench/excel_impor.py``).

The issue's aims: ratio under 1.3, memory flat, import over 2,000 rows per second. Timings are noisy (other work on
the machine slows every figure down): nothing here asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._buang import Anak, kirim, mulai_anak, per_engine, ringkas, versi_server  # noqa: E402
from bench.excel_impor import baris_ringkas  # noqa: E402

TANDA = "@@bench-excel "  # prefix of the child's result line
TANDA_RUN = "@@bench-excel-run "  # prefix of one run's result line
TAHUN = 2024
KODE_PEMDA = "99.97"
AIM_RASIO = 1.3
AIM_IMPOR = 2000.0  # rows per second
BATAS_DATAR = 1.10  # "flat": the peak at all PDs at most 10 % above the peak at the first ones
AKUN_PER_SUB = 5
UNIT, PROGRAM, KEGIATAN = 5, 10, 5  # per PD; kegiatan per program


def _mib(kib: int) -> float:
    return kib / 1024  # ru_maxrss is in KiB on Linux


def _status(kunci: str) -> float | None:
    """VmRSS or VmHWM of this process in MiB, from /proc (None where there is no /proc)."""
    try:
        teks = Path("/proc/self/status").read_text()
    except OSError:
        return None
    cocok = re.search(rf"^{kunci}:\s+(\d+) kB", teks, re.M)
    return int(cocok.group(1)) / 1024 if cocok else None


def _mulai_puncak() -> float:
    """Reset the peak RSS of this process (Linux: ``5`` into /proc/self/clear_refs), so that the peak read after a
    measurement is the measurement's own and not the one of Django's start-up; returns the current RSS in MiB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS") or _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _puncak() -> float:
    """The peak RSS since :func:`_mulai_puncak` (``ru_maxrss``, the process's whole life, where it can't be reset)."""
    return _status("VmHWM") or _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# --- the synthetic province ------------------------------------------------------------------------------------


def bangun_pd(nomor: int, *, baris_per_pd: int, seed: int) -> tuple[int, int]:
    """One PD of the province with ``baris_per_pd`` budget lines; returns (pagu rows, realisation rows)."""
    from anggaran.models import PaguAnggaran, RealisasiAnggaran, Rekening, VersiAnggaran
    from renstra.models import Kegiatan, Pemda, PerangkatDaerah, Program, SubKegiatan, UnitKerja

    acak = random.Random(seed * 1000 + nomor)
    pemda = Pemda.objects.get(kode=KODE_PEMDA)
    rekening = list(Rekening.objects.filter(kode__startswith="5.1.02.99.").order_by("kode"))
    pd = PerangkatDaerah.objects.create(
        pemda=pemda, kode=f"9.{nomor:02d}.0.00.0.00.01.0000", nama=f"Dinas Uji Beban {nomor:02d} Provinsi Bench"
    )
    unit = UnitKerja.objects.bulk_create(
        UnitKerja(pd=pd, kode=f"BID-{u}", nama=f"Bidang {u} Dinas Uji Beban {nomor:02d}", urutan=u)
        for u in range(1, UNIT + 1)
    )
    n_sub = max(1, baris_per_pd // AKUN_PER_SUB)
    sub_per_kegiatan = max(1, -(-n_sub // (PROGRAM * KEGIATAN)))
    program = Program.objects.bulk_create(
        Program(pd=pd, kode=f"{nomor}.{p:02d}", nama=f"PROGRAM PENUNJANG URUSAN BENCH {nomor:02d}.{p:02d}", urutan=p)
        for p in range(1, PROGRAM + 1)
    )
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(program=pr, kode=f"{pr.kode}.2.{k:02d}", nama=f"Administrasi Kegiatan Bench {pr.kode}.{k}", urutan=k)
        for pr in program
        for k in range(1, KEGIATAN + 1)
    )
    subs: list[SubKegiatan] = []
    for i, kg in enumerate(kegiatan):
        for s in range(1, sub_per_kegiatan + 1):
            if len(subs) == n_sub:
                break
            subs.append(
                SubKegiatan(
                    kegiatan=kg,
                    kode=f"{kg.kode}.{s:04d}",
                    nama=f"Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah Bench {kg.kode}.{s:04d}",
                    unit_kerja=unit[i % UNIT],
                    urutan=s,
                )
            )
    subs = SubKegiatan.objects.bulk_create(subs)
    murni = VersiAnggaran.objects.create(pd=pd, tahun=TAHUN, versi="murni")
    perubahan = VersiAnggaran.objects.create(pd=pd, tahun=TAHUN, versi="perubahan")
    pagu: list[PaguAnggaran] = []
    realisasi: list[RealisasiAnggaran] = []
    n = 0
    for sub in subs:
        for rek in acak.sample(rekening, AKUN_PER_SUB):
            if n == baris_per_pd:
                break
            n += 1
            jumlah_murni = Decimal(acak.randint(10, 5000) * 100_000)
            jumlah = (jumlah_murni * Decimal(acak.randint(90, 110)) / 100).quantize(Decimal(1000))
            pagu += [
                PaguAnggaran(versi=murni, sub_kegiatan=sub, rekening=rek, jumlah=jumlah_murni, urutan=n),
                PaguAnggaran(versi=perubahan, sub_kegiatan=sub, rekening=rek, jumlah=jumlah, urutan=n),
            ]
            for tw in (1, 2, 3, 4):
                bagian = Decimal(acak.randint(5, 30)) / 100
                realisasi.append(
                    RealisasiAnggaran(
                        sub_kegiatan=sub,
                        rekening=rek,
                        tahun=TAHUN,
                        triwulan=tw,
                        jumlah=(jumlah * bagian).quantize(Decimal("0.01")),
                        tahap="diverifikasi",
                    )
                )
    PaguAnggaran.objects.bulk_create(pagu, batch_size=2000)
    RealisasiAnggaran.objects.bulk_create(realisasi, batch_size=2000)
    return len(pagu), len(realisasi)


def bangun_provinsi(dari: int, sampai: int, *, baris_per_pd: int, seed: int) -> tuple[int, int, float]:
    """PDs ``dari``..``sampai`` (1-based, inclusive) of the province; (pagu rows, realisation rows, seconds)."""
    from django.db import transaction

    from anggaran.models import Rekening
    from renstra.models import Pemda

    t = time.perf_counter()
    Pemda.objects.get_or_create(kode=KODE_PEMDA, defaults={"nama": "Provinsi Bench", "jenis": Pemda.Jenis.PROVINSI})
    Rekening.objects.bulk_create(
        [
            Rekening(kode=f"5.1.02.99.01.{r:04d}", uraian=f"Belanja Barang dan Jasa Uji Beban {r:04d}")
            for r in range(1, 41)
        ],
        ignore_conflicts=True,
    )
    pagu = realisasi = 0
    for nomor in range(dari, sampai + 1):
        with transaction.atomic():
            p, r = bangun_pd(nomor, baris_per_pd=baris_per_pd, seed=seed)
        pagu += p
        realisasi += r
    return pagu, realisasi, time.perf_counter() - t


# --- the baseline: bare openpyxl -------------------------------------------------------------------------------


def tulis_bare(baris: list[tuple], kolom: list, blok: Any, berkas: Any) -> None:
    """The same cells with bare openpyxl (write-only): a new ``WriteOnlyCell`` per formatted value."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Matriks DPA")
    akhir = get_column_letter(len(kolom))
    for i, k in enumerate(kolom, 1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    atas = [blok.judul, *blok.baris]
    ws.freeze_panes = f"A{len(atas) + 3}"
    for n, teks in enumerate(atas, 1):
        c = WriteOnlyCell(ws, value=teks)
        if n == 1:
            c.font = Font(bold=True, size=13)
        ws.append([c])
        ws.merged_cells.add(f"A{n}:{akhir}{n}")
    ws.append([])
    tebal = Font(bold=True)
    kepala = []
    for k in kolom:
        c = WriteOnlyCell(ws, value=k.judul)
        c.font = tebal
        kepala.append(c)
    ws.append(kepala)
    format_kolom = [k.format for k in kolom]
    for r in baris:
        isi = []
        for v, fmt in zip(r, format_kolom, strict=True):
            if fmt and v is not None:
                c = WriteOnlyCell(ws, value=v)
                c.number_format = fmt
                isi.append(c)
            else:
                isi.append(v)
        ws.append(isi)
    ws.auto_filter.ref = f"A{len(atas) + 2}:{akhir}{len(atas) + 2 + len(baris)}"
    wb.save(berkas)


# --- one run: a fresh process ----------------------------------------------------------------------------------


def satu_run(engine: str, args: argparse.Namespace) -> int:
    if kode := mulai_anak(engine, "sakip.settings.dev"):
        return kode
    from anggaran.dpa_datar import MatriksDatar, tulis_matriks_datar
    from renstra.models import Pemda

    pemda = Pemda.objects.get(kode=KODE_PEMDA)
    folder = Path(args.simpan) if args.simpan else Path(tempfile.mkdtemp(prefix="sakip-bench-excel-"))
    tujuan = folder / f"datar-{args.mode}-{args.n_pd}.xlsx"
    hasil: dict[str, Any] = {"mode": args.mode, "n_pd": args.n_pd}
    profil = cProfile.Profile() if args.profile else None
    try:
        if args.mode == "app":
            hasil["rss_awal"] = _mulai_puncak()
            if profil:
                profil.enable()
            t0, c0 = time.perf_counter(), time.process_time()
            with open(tujuan, "wb") as f:
                hasil["baris"] = tulis_matriks_datar(pemda=pemda, tahun=TAHUN, berkas=f)
            hasil["waktu"], hasil["cpu"] = time.perf_counter() - t0, time.process_time() - c0
        else:
            eksporter = MatriksDatar(pemda=pemda, tahun=TAHUN)
            kolom, blok = eksporter.kolom(), eksporter.blok_judul()
            hasil["rss_awal"] = _mulai_puncak()
            baris = list(eksporter.iter_rows())  # untimed: the baseline writes from memory
            hasil["rss_data"] = _status("VmRSS") or 0.0
            hasil["baris"] = len(baris)
            if profil:
                profil.enable()
            t0, c0 = time.perf_counter(), time.process_time()
            with open(tujuan, "wb") as f:
                tulis_bare(baris, kolom, blok, f)
            hasil["waktu"], hasil["cpu"] = time.perf_counter() - t0, time.process_time() - c0
        if profil:
            profil.disable()
        hasil["rss_puncak"] = _puncak()
        hasil["bytes"] = tujuan.stat().st_size
    finally:
        if not args.simpan:
            tujuan.unlink(missing_ok=True)
            folder.rmdir()
    if profil:
        s = io.StringIO()
        pstats.Stats(profil, stream=s).sort_stats("tottime").print_stats(25)
        print(s.getvalue(), file=sys.stderr)
    kirim(TANDA_RUN, hasil)
    return 0


def jalankan_run(engine: str, mode: str, n_pd: int, args: argparse.Namespace, profil: bool) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run", engine, "--mode", mode, "--n-pd", str(n_pd)]
    if profil:
        cmd.append("--profile")
    if args.simpan:
        cmd += ["--simpan", args.simpan]
    keluar = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    baris = [x for x in keluar.stdout.splitlines() if x.startswith(TANDA_RUN)]
    if keluar.returncode or not baris:
        print(f"{engine}: {mode} run failed (exit {keluar.returncode})\n{keluar.stderr[-3000:]}", flush=True)
        return None
    if profil:
        print(keluar.stderr[-6000:], flush=True)
    r = json.loads(baris[-1][len(TANDA_RUN) :])
    print(
        f"{engine}: {mode:<4} {n_pd} PDs: {r['waktu']:.2f} s, {r['baris']:,} rows, peak {r['rss_puncak']:.0f} MiB "
        f"(start {r['rss_awal']:.0f})",
        flush=True,
    )
    return r


# --- the import ---------------------------------------------------------------------------------------------------


def ukur_impor(engine: str, args: argparse.Namespace) -> dict[str, Any] | None:
    """An import of ``--baris-impor`` rows (20,000): a PD's DPA workbook through the application's preview and apply
    (:func:`bench.excel_impor.ukur_impor`: a perubahan created from the murni template, then every murni line changed);
    the rate is that of the slower scenario."""
    if not args.baris_impor:
        return None
    from bench.excel_impor import ukur_impor as ukur  # Django must be set up first

    print(f"{engine}: import of {args.baris_impor:,} rows …", flush=True)
    r = ukur(args.baris_impor, runs=args.runs)
    lambat = min((r["buat"], r["ubah"]), key=lambda s: s["baris_per_detik"])
    return {"baris": r["baris"], "waktu": lambat["total"]["median"], "rincian": r}


# --- the child: one engine, one throw-away database ------------------------------------------------------------


def anak(engine: str, args: argparse.Namespace) -> int:
    if kode := mulai_anak(engine, "sakip.settings.dev"):
        return kode
    from django.core.management import call_command
    from django.db import connection

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"{engine}: migrate {time.perf_counter() - t:.1f} s; {os.getloadavg()[0]:.1f} load average", flush=True)
    server = versi_server(connection)
    baris_per_pd = args.baris // args.pd
    kecil = min(args.pd_kecil, args.pd)

    pagu, realisasi, detik = bangun_provinsi(1, kecil, baris_per_pd=baris_per_pd, seed=args.seed)
    print(f"{engine}: {kecil} PDs built in {detik:.1f} s ({pagu:,} pagu, {realisasi:,} realisation rows)", flush=True)
    connection.close()
    runs_kecil = [jalankan_run(engine, "app", kecil, args, False) for _ in range(args.runs)]

    p, r, detik = bangun_provinsi(kecil + 1, args.pd, baris_per_pd=baris_per_pd, seed=args.seed)
    pagu, realisasi = pagu + p, realisasi + r
    print(f"{engine}: {args.pd} PDs built (+{detik:.1f} s; {pagu:,} pagu, {realisasi:,} realisation rows)", flush=True)
    connection.close()
    runs_app, runs_bare = [], []
    for i in range(args.runs):  # interleaved, so a slow moment of the machine hits both
        runs_app.append(jalankan_run(engine, "app", args.pd, args, args.profile and i == 0))
        runs_bare.append(jalankan_run(engine, "bare", args.pd, args, args.profile and i == 0))
    if any(r is None for r in (*runs_kecil, *runs_app, *runs_bare)):
        return 1
    impor = ukur_impor(engine, args)

    def ringkasan(runs: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "baris": runs[0]["baris"],
            "bytes": runs[0]["bytes"],
            "waktu": ringkas([r["waktu"] for r in runs]),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "rss_awal": statistics.median(r["rss_awal"] for r in runs),
            "rss_puncak": max(r["rss_puncak"] for r in runs),
            "rss_data": max((r.get("rss_data", 0) for r in runs), default=0),
        }

    kirim(
        TANDA,
        {
            "engine": engine,
            "server": server,
            "runs": args.runs,
            "n_pd": args.pd,
            "n_pd_kecil": kecil,
            "pagu": pagu,
            "realisasi": realisasi,
            "kecil": ringkasan(runs_kecil),  # type: ignore[arg-type]
            "app": ringkasan(runs_app),  # type: ignore[arg-type]
            "bare": ringkasan(runs_bare),  # type: ignore[arg-type]
            "rasio": statistics.median(a["waktu"] / b["waktu"] for a, b in zip(runs_app, runs_bare, strict=True)),  # type: ignore[index]
            "rasio_cpu": statistics.median(a["cpu"] / b["cpu"] for a, b in zip(runs_app, runs_bare, strict=True)),  # type: ignore[index]
            "impor": impor,
        },
    )
    return 0


# --- the parent --------------------------------------------------------------------------------------------------


def _ok(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def rincian(r: dict[str, Any]) -> list[str]:
    app, bare, kecil = r["app"], r["bare"], r["kecil"]
    naik_kecil = kecil["rss_puncak"] - kecil["rss_awal"]
    naik_besar = app["rss_puncak"] - app["rss_awal"]
    datar = app["rss_puncak"] <= kecil["rss_puncak"] * BATAS_DATAR
    impor = r["impor"]
    if impor:
        laju = impor["baris"] / impor["waktu"]
        teks_impor = (
            f"import {impor['baris']:,} rows in {impor['waktu']:.2f} s: {laju:,.0f} rows/s  "
            f"aim >{AIM_IMPOR:,.0f}: {_ok(laju > AIM_IMPOR)}"
        )
    else:
        teks_impor = "import: not measured (--baris-impor 0)"
    return [
        f"{r['engine']}: {r['server']}, {r['runs']} runs; {r['pagu']:,} pagu and {r['realisasi']:,} realisation rows",
        f"{r['engine']:<9} {r['n_pd']} PDs {app['baris']:,} rows  app median {app['waktu']['median']:.2f} s "
        f"(peak {app['rss_puncak']:.0f} MiB)  bare openpyxl {bare['waktu']['median']:.2f} s "
        f"(peak {bare['rss_puncak']:.0f} MiB)  ratio {r['rasio']:.2f}  "
        f"aim <{AIM_RASIO:g}: {_ok(r['rasio'] < AIM_RASIO)}",
        f"{'':<9} CPU time app {app['cpu']:.2f} s, bare {bare['cpu']:.2f} s: ratio {r['rasio_cpu']:.2f} (the process's "
        f"own work; on PostgreSQL the server's is not in it)",
        f"{'':<9} min-max app {app['waktu']['min']:.2f}-{app['waktu']['max']:.2f} s, bare "
        f"{bare['waktu']['min']:.2f}-{bare['waktu']['max']:.2f} s; "
        f"{app['baris'] / app['waktu']['median']:,.0f} rows/s; "
        f"file {app['bytes'] / 2**20:.1f} MiB; bare: {bare['rss_data'] - bare['rss_awal']:.0f} MiB of rows in memory",
        f"{'':<9} memory: {r['n_pd_kecil']} PDs ({kecil['baris']:,} rows) peak {kecil['rss_puncak']:.0f} MiB "
        f"(+{naik_kecil:.0f} during the export), {r['n_pd']} PDs ({app['baris']:,} rows) peak "
        f"{app['rss_puncak']:.0f} MiB (+{naik_besar:.0f})  flat: {_ok(datar)}",
        f"{'':<9} {teks_impor}",
        *(baris_ringkas({**impor["rincian"], "engine": "", "server": r["server"]}) if impor else []),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="runs of each measurement, each in a fresh process (3)")
    ap.add_argument("--pd", type=int, default=40, help="PDs of the province (default 40)")
    ap.add_argument("--pd-kecil", type=int, default=10, help="PDs of the first, smaller export (default 10)")
    ap.add_argument("--baris", type=int, default=100_000, help="budget lines of the province (default 100,000)")
    ap.add_argument("--database", choices=("sqlite", "postgres", "both"), default="sqlite")
    ap.add_argument("--baris-impor", type=int, default=20_000, help="rows of the import (default 20,000; 0 skips it)")
    ap.add_argument("--seed", type=int, default=2024, help="seed of the synthetic data (default 2024)")
    ap.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server (no database name); a throw-away database is created and dropped",
    )
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the first app and bare runs")
    ap.add_argument("--simpan", metavar="DIR", help="keep the written files in DIR")
    ap.add_argument("--child", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    ap.add_argument("--run", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    ap.add_argument("--mode", choices=("app", "bare"), help=argparse.SUPPRESS)
    ap.add_argument("--n-pd", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.runs < 1 or args.pd < 1 or args.baris < args.pd or args.pd_kecil < 1:
        ap.error("--runs, --pd and --pd-kecil must be at least 1, and --baris at least --pd")
    if args.simpan:
        args.simpan = str(Path(args.simpan).resolve())
        Path(args.simpan).mkdir(parents=True, exist_ok=True)
    if args.run:
        return satu_run(args.run, args)
    if args.child:
        return anak(args.child, args)

    print(
        f"bench/excel.py: the flat DPA matrix of a synthetic province of {args.pd} PDs and {args.baris:,} budget "
        f"lines, {args.runs} runs each in a fresh process (seed {args.seed})",
        flush=True,
    )
    argumen = ["--runs", str(args.runs), "--pd", str(args.pd), "--pd-kecil", str(args.pd_kecil)]
    argumen += ["--baris", str(args.baris), "--seed", str(args.seed), "--baris-impor", str(args.baris_impor)]
    if args.profile:
        argumen.append("--profile")
    if args.simpan:
        argumen += ["--simpan", args.simpan]
    anak_excel = Anak(
        skrip=Path(__file__).resolve(),
        tanda=TANDA,
        argumen=argumen,
        rincian=rincian,
        env=lambda folder: {"DJANGO_SETTINGS_MODULE": "sakip.settings.dev", "DEBUG": "0", "SAKIP_DATA_DIR": folder},
    )
    hasil, gagal = per_engine(anak_excel, args.database, args.pg_url)
    if hasil:
        print("\nsummary (medians; peak = largest RSS of a run's process):")
        for r in hasil:
            print(rincian(r)[1])
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
