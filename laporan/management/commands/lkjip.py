"""python manage.py lkjip --pd KODE [--pemda KODE] --tahun YEAR --format json|html|pdf --out FILE.

``json`` writes the year's figures (sakip-hasil/1). ``html`` and ``pdf`` write the LKjIP itself with the same code as
the background task, run here synchronously (not through the queue); the pages and seconds go to stderr.
"""

import sys
import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kinerja.selectors import hasil_tahun
from renstra.models import PerangkatDaerah
from renstra.selectors import PDTidakJelas, pd_dari_kode
from sakip.angka import format_angka
from sakip.bundle.hasil import hasil_json


class Command(BaseCommand):
    help = _("Menghasilkan LKjIP satu perangkat daerah untuk satu tahun.")

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help=_("kode perangkat daerah"))
        parser.add_argument("--pemda", help=_("kode pemda, bila kode perangkat daerah dipakai oleh beberapa pemda"))
        parser.add_argument("--tahun", required=True, type=int, help=_("tahun laporan"))
        parser.add_argument("--format", default="json", choices=["json", "html", "pdf"], help=_("format keluaran"))
        parser.add_argument("--out", required=True, help=_("berkas tujuan, atau - untuk keluaran standar"))

    def handle(self, *args, pd: str, pemda: str | None, tahun: int, format: str, out: str, **options):
        try:
            obj = pd_dari_kode(pd, pemda=pemda)
        except PDTidakJelas as e:
            raise CommandError(str(e)) from e
        if format == "json":
            teks = hasil_json(hasil_tahun(obj, tahun))
            if out == "-":
                self.stdout.write(teks, ending="")
                return
            Path(out).write_text(teks, encoding="utf-8")
        else:
            self._laporan(obj, tahun, format, out)
        self.stderr.write(
            self.style.SUCCESS(_("Hasil %(pd)s %(tahun)d ditulis ke %(out)s.") % {"pd": pd, "tahun": tahun, "out": out})
        )

    def _laporan(self, pd: PerangkatDaerah, tahun: int, format: str, out: str) -> None:
        from laporan.konteks import konteks_laporan
        from laporan.services import berkas_tulis

        mulai = time.perf_counter()
        k = konteks_laporan(pd=pd, tahun=tahun)
        tujuan = sys.stdout.buffer if out == "-" else out
        halaman = berkas_tulis(k, format=format, tujuan=tujuan)
        detik = format_angka(Decimal(time.perf_counter() - mulai), 1)
        if halaman is None:
            self.stderr.write(_("%(detik)s detik") % {"detik": detik})
        else:
            halaman_teks = format_angka(halaman, 0)
            self.stderr.write(_("%(halaman)s halaman, %(detik)s detik") % {"halaman": halaman_teks, "detik": detik})
