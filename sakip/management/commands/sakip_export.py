"""python manage.py sakip_export --pd KODE --out FILE: write a PD as sakip-bundle/1."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from renstra.models import PerangkatDaerah
from sakip.bundle.ekspor import ekspor_json


class Command(BaseCommand):
    help = _("Mengekspor satu perangkat daerah sebagai bundle sakip-bundle/1.")

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help=_("kode perangkat daerah"))
        parser.add_argument("--out", required=True, help=_("berkas tujuan, atau - untuk keluaran standar"))

    def handle(self, *args, pd: str, out: str, **options):
        try:
            obj = PerangkatDaerah.objects.select_related("pemda").get(kode=pd)
        except PerangkatDaerah.DoesNotExist as e:
            raise CommandError(_('Perangkat daerah "%(kode)s" tidak ditemukan.') % {"kode": pd}) from e
        teks = ekspor_json(obj)
        if out == "-":
            self.stdout.write(teks, ending="")
            return
        Path(out).write_text(teks, encoding="utf-8")
        self.stderr.write(self.style.SUCCESS(_("Bundle %(pd)s ditulis ke %(out)s.") % {"pd": pd, "out": out}))
