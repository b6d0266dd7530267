"""Benchmark: how long and how much memory refusing a workbook bomb takes (an import workbook of a million rows).

Run from the project root::

    .venv/bin/python bench/impor_bom.py [--baris 1000000] [--database sqlite|postgres|both]

One child per engine on a throw-away database (``bench/_buang.py``) builds a small PD (``--baris-pd`` DPA lines,
20 accounts per sub kegiatan, with ``excel_impor._bangun_pd``) and writes two workbooks that carry the metadata of
that PD's DPA template, so that they pass every check before the rows are read:

1. **bom**: the DPA sheet with ``--baris`` rows (a million by default: 11 MB, 190 MB unpacked), every row a line
   of an unknown sub kegiatan, as in the issue (102 s and 650 MB before it was refused with a million messages);
2. **di bawah batas**: as many such rows as stay under the unpacked-size limit
   (``anggaran.excel.templat.BATAS_ISI_ZIP``), so that the zip check lets it through and the row bound stops it.

Each is given to :func:`anggaran.impor.impor_pratinjau` (store, read, check) and timed once; the peak RSS is the
high-water mark of the child since just before the call (reset through ``/proc/self/clear_refs``), so neither Django's
start-up nor writing the workbook counts. The message and the number of problems stored are printed. Timings are
noisy: nothing here asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._buang import Anak, kirim, mulai_anak, per_engine, versi_server  # noqa: E402

TANDA = "@@bench-impor-bom "


def _status(kunci: str) -> float | None:
    try:
        teks = Path("/proc/self/status").read_text()
    except OSError:
        return None
    cocok = re.search(rf"^{kunci}:\s+(\d+) kB", teks, re.M)
    return int(cocok.group(1)) / 1024 if cocok else None


def _mulai_puncak() -> float:
    """Reset the peak RSS (Linux); the current RSS in MiB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _puncak() -> float:
    return _status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tulis_bom(templat, n: int) -> bytes:
    """The DPA template's frame and metadata with ``n`` rows of an unknown sub kegiatan (write-only openpyxl)."""
    from openpyxl import Workbook

    from anggaran import impor
    from anggaran.excel.templat import LEMBAR_META

    lembar = templat.lembar[0]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(lembar.nama)
    ws.append([lembar.judul])
    ws.append([lembar.petunjuk])
    ws.append([k.judul for k in lembar.kolom])
    i_sub = next(i for i, k in enumerate(lembar.kolom) if k.judul == str(impor.J_SUB))
    i_rek = next(i for i, k in enumerate(lembar.kolom) if k.judul == str(impor.J_REK))
    i_pagu = next(i for i, k in enumerate(lembar.kolom) if k.judul == str(impor.D_PAGU))
    for r in range(n):
        baris: list[Any] = [None] * len(lembar.kolom)
        baris[i_sub], baris[i_rek], baris[i_pagu] = "9.99.99.2.99.9999", "5.1.02.99.01.0001", 1_000_000 + r
        ws.append(baris)
    meta = wb.create_sheet(LEMBAR_META)
    for kunci, nilai in templat.meta:
        meta.append([kunci, nilai])
    f = io.BytesIO()
    wb.save(f)
    return f.getvalue()


def _isi_zip(data: bytes) -> int:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sum(i.file_size for i in z.infolist())


def ukur(n_bom: int, n_pd: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anggaran import impor
    from anggaran.excel.templat import BATAS_ISI_ZIP
    from bench.excel_impor import TAHUN, _bangun_pd

    pd, garis = _bangun_pd(n_pd)
    user, _ = get_user_model().objects.get_or_create(username="perencana-bench-bom")
    templat = impor.templat_dpa(pd=pd, tahun=TAHUN, versi="murni")
    hasil: dict[str, Any] = {"garis_pd": garis}
    contoh = 20_000  # what a row unpacks to, measured on a sample, sizes the workbook that stays under the limit
    per_baris = (_isi_zip(tulis_bom(templat, 2 * contoh)) - _isi_zip(tulis_bom(templat, contoh))) / contoh
    n_bawah = int((BATAS_ISI_ZIP * 0.97 - _isi_zip(tulis_bom(templat, 0))) / per_baris)
    for nama, n in (("bom", n_bom), ("di bawah batas", n_bawah)):
        t = time.perf_counter()
        data = tulis_bom(templat, n)
        t_tulis = time.perf_counter() - t
        gc.collect()
        awal = _mulai_puncak()
        t = time.perf_counter()
        imp = impor.impor_pratinjau(
            berkas=SimpleUploadedFile("bom.xlsx", data), user=user, pd=pd, tahun=TAHUN, versi="murni"
        )
        detik = time.perf_counter() - t
        hasil[nama] = {
            "baris": n,
            "mib": len(data) / 2**20,
            "isi_mib": _isi_zip(data) / 2**20,
            "tulis": t_tulis,
            "detik": detik,
            "rss_awal": awal,
            "puncak": _puncak(),
            "status": imp.status,
            "jumlah_galat": imp.ringkasan.get("jumlah_galat"),
            "galat_tersimpan": len(imp.galat),
            "pesan": imp.galat[0]["pesan"] if imp.galat else "",
        }
        del data, imp
    return hasil


def anak(engine: str, args: argparse.Namespace) -> int:
    if kode := mulai_anak(engine, "sakip.settings.dev"):
        return kode
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    hasil = ukur(args.baris, args.baris_pd)
    hasil |= {"engine": engine, "server": versi_server(connection)}
    connection.close()
    kirim(TANDA, hasil)
    return 0


def baris_ringkas(r: dict[str, Any]) -> list[str]:
    keluar = []
    for nama in ("bom", "di bawah batas"):
        s = r[nama]
        keluar.append(
            f"{r['engine']:<9} {nama:<15} {s['baris']:>9,} rows ({s['mib']:.1f} MiB, {s['isi_mib']:.0f} MiB unpacked): "
            f"refused in {s['detik']:.2f} s, peak {s['puncak']:.0f} MiB (+{s['puncak'] - s['rss_awal']:.0f}); "
            f"{s['status']}, {s['jumlah_galat']} problem(s), {s['galat_tersimpan']} stored"
        )
        keluar.append(f"          {s['pesan']}")
    keluar.append(f"          {r['server']}; PD of {r['garis_pd']} DPA lines")
    return keluar


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--baris", type=int, default=1_000_000, help="rows of the bomb (default 1000000)")
    ap.add_argument("--baris-pd", type=int, default=1000, help="DPA lines of the PD (default 1000)")
    ap.add_argument("--database", choices=("sqlite", "postgres", "both"), default="sqlite")
    ap.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server (no database)")
    ap.add_argument("--child", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return anak(args.child, args)
    print(f"bench/impor_bom.py: refusing an import workbook of {args.baris:,} rows", flush=True)
    anak_bom = Anak(
        skrip=Path(__file__).resolve(),
        tanda=TANDA,
        argumen=["--baris", str(args.baris), "--baris-pd", str(args.baris_pd)],
        rincian=baris_ringkas,
        env=lambda folder: {"DJANGO_SETTINGS_MODULE": "sakip.settings.dev", "DEBUG": "0", "SAKIP_DATA_DIR": folder},
    )
    _hasil, gagal = per_engine(anak_bom, args.database, args.pg_url)
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
