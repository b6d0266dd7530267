"""python manage.py dpa_xlsx: the DPA workbooks of a PD's year, or the flat budget matrix of a whole pemda.

* ``--pd KODE [--pemda KODE] --tahun 2024 [--jenis rekening,unit,perubahan,matriks,triwulan] [--keluar DIR]``: the
  formatted workbooks of :mod:`anggaran.dpa` (default: every one), the year loaded once for all of them; ``--pemda``
  is needed when several pemdas have a PD with that code;
* ``--pemda KODE --tahun 2024 --datar [--keluar DIR]``: one sheet with every budget line of every PD of the pemda
  (:func:`anggaran.dpa_datar.tulis_matriks_datar`), written PD by PD at flat memory.

Files go to ``--keluar`` (default: the current folder) under the names the download buttons give them; each is
written to a temporary file first and renamed, so an interrupted run leaves no half-written workbook. The paths,
row counts and seconds are printed.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from anggaran.dpa import JENIS_DPA, buku_dpa
from anggaran.excel.buku import nama_berkas_buku, tulis_buku
from renstra.models import Pemda
from renstra.selectors import PDTidakJelas, pd_dari_kode
from sakip.angka import format_angka


def tulis_aman(tujuan: Path, tulis: Callable[[IO[bytes]], object]) -> object:
    """Write through ``tulis`` into a temporary file beside ``tujuan``, then rename it into place."""
    fd, sementara = tempfile.mkstemp(dir=tujuan.parent, prefix=f".{tujuan.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as berkas:
            hasil = tulis(berkas)
        os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise
    return hasil


class Command(BaseCommand):
    help = _("Menulis buku kerja DPA (XLSX) satu perangkat daerah, atau matriks anggaran datar satu pemda.")

    def add_arguments(self, parser):
        parser.add_argument("--pd", help=_("kode perangkat daerah"))
        parser.add_argument(
            "--pemda",
            help=_("kode pemerintah daerah (bersama --datar, atau bersama --pd bila kodenya dipakai beberapa pemda)"),
        )
        parser.add_argument("--tahun", required=True, type=int, help=_("tahun anggaran"))
        parser.add_argument(
            "--jenis",
            default=",".join(JENIS_DPA),
            help=_("buku kerja yang ditulis, dipisah koma: %(jenis)s") % {"jenis": ", ".join(JENIS_DPA)},
        )
        parser.add_argument("--datar", action="store_true", help=_("matriks datar semua perangkat daerah pemda"))
        parser.add_argument("--keluar", default=".", help=_("folder tujuan (bawaan: folder saat ini)"))

    def handle(self, *args, pd: str | None, pemda: str | None, tahun: int, jenis: str, datar: bool, keluar: str, **o):
        folder = Path(keluar)
        folder.mkdir(parents=True, exist_ok=True)
        if pd is None and pemda is None:
            raise CommandError(_("Sebutkan --pd KODE, atau --pemda KODE bersama --datar."))
        if datar:
            if pd is not None:
                raise CommandError(_("--datar dipakai bersama --pemda, bukan --pd."))
            self._datar(pemda, tahun, folder)
            return
        if pd is None:
            raise CommandError(_("--pemda tanpa --pd hanya dipakai bersama --datar."))
        kode_jenis = [k.strip() for k in jenis.split(",") if k.strip()]
        salah = [k for k in kode_jenis if k not in JENIS_DPA]
        if salah or not kode_jenis:
            raise CommandError(
                _("Jenis buku kerja tidak dikenal: %(salah)s. Pilihan: %(pilihan)s.")
                % {"salah": ", ".join(salah) or "—", "pilihan": ", ".join(JENIS_DPA)}
            )
        try:
            obj = pd_dari_kode(pd, pemda=pemda)
        except PDTidakJelas as e:
            raise CommandError(str(e)) from e

        from laporan.konteks import muat_dasar

        mulai = time.perf_counter()
        d = muat_dasar(obj, tahun)
        dibuat = timezone.now()
        self.stderr.write(_("Data %(pd)s %(tahun)d dimuat (%(detik)s detik).") % self._arg(obj.kode, tahun, mulai))
        for kode in kode_jenis:
            mulai = time.perf_counter()
            buku = buku_dpa(pd=obj, tahun=tahun, kode=kode, dasar=d, dibuat=dibuat)
            tujuan = folder / nama_berkas_buku(buku)
            tulis_aman(tujuan, lambda berkas, b=buku: tulis_buku(b, berkas))
            baris = ", ".join(
                _("%(lembar)s %(n)s baris") % {"lembar": lembar.nama, "n": format_angka(len(lembar.baris), 0)}
                for lembar in buku.lembar
            )
            detik = format_angka(Decimal(time.perf_counter() - mulai), 2)
            self.stdout.write(f"{tujuan}\t{baris}\t" + _("%(detik)s detik") % {"detik": detik})

    def _datar(self, kode: str, tahun: int, folder: Path) -> None:
        try:
            obj = Pemda.objects.get(kode=kode)
        except Pemda.DoesNotExist as e:
            raise CommandError(_('Pemerintah daerah "%(kode)s" tidak ditemukan.') % {"kode": kode}) from e
        from anggaran.dpa_datar import MatriksDatar, tulis_matriks_datar

        mulai = time.perf_counter()
        tujuan = folder / MatriksDatar(pemda=obj, tahun=tahun).nama_berkas("xlsx")
        n = tulis_aman(tujuan, lambda berkas: tulis_matriks_datar(pemda=obj, tahun=tahun, berkas=berkas))
        detik = format_angka(Decimal(time.perf_counter() - mulai), 2)
        self.stdout.write(
            f"{tujuan}\t"
            + _("%(n)s baris") % {"n": format_angka(n, 0)}
            + "\t"
            + _("%(detik)s detik") % {"detik": detik}
        )

    @staticmethod
    def _arg(kode: str, tahun: int, mulai: float) -> dict:
        return {"pd": kode, "tahun": tahun, "detik": format_angka(Decimal(time.perf_counter() - mulai), 2)}
