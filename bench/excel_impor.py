"""Benchmark: importing a DPA workbook of 20,000 lines (preview + apply), on SQLite and PostgreSQL.

Run from the project root::

    .venv/bin/python bench/excel_impor.py [--runs 3] [--baris 20000] [--database sqlite|postgres|both]

or call :func:`ukur_impor` from another benchmark's child process (``bench/excel.py``), on its throw-away database.

:func:`ukur_impor` builds a PD of its own (codes no other data uses): ``n_baris / 20`` sub kegiatan with 20 accounts
each and a DPA murni of the next year holding every line. Two scenarios, each timed ``runs`` times:

1. **buat**: the perubahan is still empty, so its template comes prefilled with the murni lines; every pagu is
   changed and the file imported, which creates the perubahan (``bulk_create_with_history``). Between runs the
   perubahan is deleted again (outside the timing).
2. **ubah**: the template of the murni itself, every pagu changed: the same number of lines updated in place
   (``bulk_update_with_history``).

The filled workbooks are written through the application's own template writer (:mod:`anggaran.excel.templat`,
write-only openpyxl) with the changed amounts, as a person's spreadsheet program would save them. Each run times
**preview** (:func:`anggaran.impor.impor_pratinjau`: store the upload, read it, check every line) and **apply**
(:func:`anggaran.impor.impor_terapkan`: read and check the stored file again, then write everything and its history
in one transaction). The figure of the issue is rows/s over preview + apply (aim > 2,000 rows/s); **baca** is the
bare read of the same file through :func:`anggaran.excel.templat.baca_templat` (done twice in preview + apply).
Timings are noisy: nothing here asserts.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._buang import Anak, kirim, mulai_anak, per_engine, ringkas, versi_server  # noqa: E402

TANDA = "@@bench-excel-impor "
AIM = 2000  # rows per second over preview + apply
PER_SUB = 20  # accounts per sub kegiatan
TAHUN = 2025
KODE_PEMDA = "BENCH-IMPOR"
KODE_PD = "9.99.0.00.0.00.01.0000"


def _bangun_pd(n_baris: int):
    """A PD with n_baris / PER_SUB sub kegiatan × PER_SUB accounts and its DPA murni of TAHUN (bulk, no history)."""
    from anggaran.models import PaguAnggaran, Rekening, VersiAnggaran
    from renstra.models import Kegiatan, Pemda, PerangkatDaerah, Program, SubKegiatan, UnitKerja

    pemda, _ = Pemda.objects.get_or_create(
        kode=KODE_PEMDA, defaults={"nama": "Pemda Bench Impor", "jenis": "kabupaten"}
    )
    lama = PerangkatDaerah.objects.filter(pemda=pemda, kode=KODE_PD).first()
    if lama is not None:  # a previous call in the same database: start again
        VersiAnggaran.objects.filter(pd=lama).delete()
        SubKegiatan.objects.filter(kegiatan__program__pd=lama).delete()
        UnitKerja.objects.filter(pd=lama).delete()
        lama.delete()
    pd = PerangkatDaerah.objects.create(pemda=pemda, kode=KODE_PD, nama="Badan Bench Impor", singkatan="BBI")
    unit = UnitKerja.objects.create(pd=pd, kode="BIDANG-1", nama="Bidang Satu")
    n_sub = max(1, n_baris // PER_SUB)
    program = [Program.objects.create(pd=pd, kode=f"9.99.{p:02d}", nama=f"PROGRAM {p}", urutan=p) for p in range(1, 11)]
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(
            program=program[k % 10], kode=f"{program[k % 10].kode}.2.{k // 10 + 1:02d}", nama=f"Kegiatan {k}", urutan=k
        )
        for k in range(max(10, n_sub // 10))
    )
    sub = SubKegiatan.objects.bulk_create(
        SubKegiatan(
            kegiatan=kegiatan[s % len(kegiatan)],
            kode=f"{kegiatan[s % len(kegiatan)].kode}.{s + 1:04d}",
            nama=f"Sub kegiatan {s + 1}",
            unit_kerja=unit,
            urutan=s,
        )
        for s in range(n_sub)
    )
    rekening = []
    for i in range(1, PER_SUB + 1):
        r, _ = Rekening.objects.get_or_create(kode=f"5.1.02.99.01.{i:04d}", defaults={"uraian": f"Belanja bench {i}"})
        rekening.append(r)
    murni = VersiAnggaran.objects.create(pd=pd, tahun=TAHUN, versi="murni")
    PaguAnggaran.objects.bulk_create(
        (
            PaguAnggaran(versi=murni, sub_kegiatan=s, rekening=r, jumlah=Decimal(1_000_000 * (i + 1)), urutan=n)
            for n, (s, (i, r)) in enumerate(((s, ir) for s in sub for ir in enumerate(rekening)), 1)
        ),
        batch_size=2000,
    )
    return pd, len(sub) * len(rekening)


def _isi(templat, tambah: int) -> bytes:
    """The template as a person would save it after changing every pagu by ``tambah`` rupiah."""
    from anggaran import impor

    lembar = templat.lembar[0]
    i_pagu = next(i for i, k in enumerate(lembar.kolom) if k.judul == str(impor.D_PAGU))
    baris = tuple(
        dataclasses.replace(b, nilai=(*b.nilai[:i_pagu], b.nilai[i_pagu] + tambah, *b.nilai[i_pagu + 1 :]))
        if b.nilai[i_pagu] is not None
        else b
        for b in lembar.baris
    )
    return impor.tulis(dataclasses.replace(templat, lembar=(dataclasses.replace(lembar, baris=baris),)))


def ukur_impor(n_baris: int = 20000, *, runs: int = 3) -> dict:
    """Preview + apply of a DPA workbook of about ``n_baris`` lines, median over ``runs`` runs per scenario.

    Needs a migrated database (it adds a PD of its own); returns the figures as plain data."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anggaran import impor
    from anggaran.excel.templat import baca_templat
    from anggaran.models import ImporBerkas, PaguAnggaran, VersiAnggaran

    t = time.perf_counter()
    pd, baris = _bangun_pd(n_baris)
    t_bangun = time.perf_counter() - t
    user, _ = get_user_model().objects.get_or_create(username="perencana-bench-impor")

    def sekali(data: bytes, versi: str) -> dict[str, Any]:
        gc.collect()
        berkas = SimpleUploadedFile(f"dpa-{versi}.xlsx", data)
        with CaptureQueriesContext(connection) as q1:
            t0 = time.perf_counter()
            imp = impor.impor_pratinjau(berkas=berkas, user=user, pd=pd, tahun=TAHUN, versi=versi)
            t1 = time.perf_counter()
        if imp.status != ImporBerkas.Status.PRATINJAU:
            raise SystemExit(f"the {versi} workbook was refused: {imp.galat[:5]}")
        with CaptureQueriesContext(connection) as q2:
            t2 = time.perf_counter()
            imp = impor.impor_terapkan(impor=imp, user=user)
            t3 = time.perf_counter()
        if imp.status != ImporBerkas.Status.DITERAPKAN:
            raise SystemExit(f"the {versi} workbook was refused at apply: {imp.galat[:5]}")
        gc.collect()
        t4 = time.perf_counter()
        baca_templat(io.BytesIO(data), {"DPA": (str(impor.J_SUB), str(impor.J_REK), str(impor.D_PAGU))})
        t5 = time.perf_counter()
        return {
            "pratinjau": t1 - t0,
            "terapkan": t3 - t2,
            "baca": t5 - t4,
            "kueri": (len(q1), len(q2)),
            "ringkasan": imp.ringkasan["DPA"],
        }

    hasil: dict[str, Any] = {"baris": baris, "bangun": t_bangun, "runs": runs}
    # 1. buat: the perubahan created from a template prefilled with the murni lines
    t = time.perf_counter()
    data_buat = _isi(impor.templat_dpa(pd=pd, tahun=TAHUN, versi="perubahan"), 1000)
    t_isi = time.perf_counter() - t
    hasil["berkas_kib"] = len(data_buat) / 1024
    hasil["isi"] = t_isi
    ukuran = []
    for _ in range(runs):
        VersiAnggaran.objects.filter(pd=pd, tahun=TAHUN, versi="perubahan").delete()
        ukuran.append(sekali(data_buat, "perubahan"))
    hasil["buat"] = _ringkas_skenario(ukuran, baris)
    # 2. ubah: every line of the murni changed in place
    ukuran = []
    for n in range(runs):
        data = _isi(impor.templat_dpa(pd=pd, tahun=TAHUN, versi="murni"), 1 if n % 2 == 0 else -1)
        ukuran.append(sekali(data, "murni"))
    hasil["ubah"] = _ringkas_skenario(ukuran, baris)
    hasil["riwayat"] = PaguAnggaran.history.filter(versi__pd=pd).count()
    return hasil


def _ringkas_skenario(ukuran: list[dict[str, Any]], baris: int) -> dict[str, Any]:
    total = [u["pratinjau"] + u["terapkan"] for u in ukuran]
    return {
        "total": ringkas(total),
        "pratinjau": ringkas([u["pratinjau"] for u in ukuran]),
        "terapkan": ringkas([u["terapkan"] for u in ukuran]),
        "baca": ringkas([u["baca"] for u in ukuran]),
        "baris_per_detik": baris / statistics.median(total),
        "kueri": ukuran[-1]["kueri"],
        "ringkasan": ukuran[-1]["ringkasan"],
    }


# --- standalone: one child per engine on a throw-away database -----------------------------------------------------


def anak(engine: str, args: argparse.Namespace) -> int:
    if kode := mulai_anak(engine, "sakip.settings.dev"):
        return kode
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    hasil = ukur_impor(args.baris, runs=args.runs)
    hasil |= {"engine": engine, "server": versi_server(connection)}
    connection.close()
    kirim(TANDA, hasil)
    return 0


def baris_ringkas(r: dict[str, Any]) -> list[str]:
    keluar = []
    for nama in ("buat", "ubah"):
        s = r[nama]
        cek = "ok" if s["baris_per_detik"] > AIM else "MISSED"
        keluar.append(
            f"{r['engine']:<9} {nama:<4} {r['baris']} rows: preview {s['pratinjau']['median']:.2f} s + apply "
            f"{s['terapkan']['median']:.2f} s = {s['total']['median']:.2f} s  {s['baris_per_detik']:,.0f} rows/s  "
            f"(read {s['baca']['median']:.2f} s; queries {s['kueri'][0]}+{s['kueri'][1]})  aim >{AIM}/s: {cek}"
        )
    keluar.append(
        f"          {r['server']}; workbook {r['berkas_kib']:.0f} KiB written in {r['isi']:.1f} s; PD built in "
        f"{r['bangun']:.1f} s; {r['riwayat']} history rows; last: {r['buat']['ringkasan']} / {r['ubah']['ringkasan']}"
    )
    return keluar


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per scenario (default 3)")
    ap.add_argument("--baris", type=int, default=20000, help="DPA lines in the workbook (default 20000)")
    ap.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server (no database)")
    ap.add_argument("--child", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.runs < 1 or args.baris < PER_SUB:
        ap.error(f"--runs must be at least 1 and --baris at least {PER_SUB}")
    if args.child:
        return anak(args.child, args)
    print(f"bench/excel_impor.py: DPA import of {args.baris} lines, {args.runs} runs per scenario", flush=True)
    anak_impor = Anak(
        skrip=Path(__file__).resolve(),
        tanda=TANDA,
        argumen=["--runs", str(args.runs), "--baris", str(args.baris)],
        rincian=baris_ringkas,
        env=lambda folder: {"DJANGO_SETTINGS_MODULE": "sakip.settings.dev", "DEBUG": "0", "SAKIP_DATA_DIR": folder},
    )
    _hasil, gagal = per_engine(anak_impor, args.database, args.pg_url)
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
