"""python manage.py lkjip --pd KODE --tahun YEAR --format json --out FILE: the year's figures (sakip-hasil/1)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kinerja.selectors import hasil_tahun
from renstra.models import PerangkatDaerah
from sakip.bundle.hasil import hasil_json


class Command(BaseCommand):
    help = _("Menghasilkan LKjIP satu perangkat daerah untuk satu tahun.")

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help=_("kode perangkat daerah"))
        parser.add_argument("--tahun", required=True, type=int, help=_("tahun laporan"))
        parser.add_argument("--format", default="json", choices=["json"], help=_("format keluaran"))
        parser.add_argument("--out", required=True, help=_("berkas tujuan, atau - untuk keluaran standar"))

    def handle(self, *args, pd: str, tahun: int, format: str, out: str, **options):
        try:
            obj = PerangkatDaerah.objects.get(kode=pd)
        except PerangkatDaerah.DoesNotExist as e:
            raise CommandError(_('Perangkat daerah "%(kode)s" tidak ditemukan.') % {"kode": pd}) from e
        teks = hasil_json(hasil_tahun(obj, tahun))
        if out == "-":
            self.stdout.write(teks, ending="")
            return
        Path(out).write_text(teks, encoding="utf-8")
        self.stderr.write(
            self.style.SUCCESS(_("Hasil %(pd)s %(tahun)d ditulis ke %(out)s.") % {"pd": pd, "tahun": tahun, "out": out})
        )
