"""python manage.py sakip_export --pd KODE [--pemda KODE] --out FILE: write a PD as sakip-bundle/1."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from renstra.selectors import PDTidakJelas, pd_dari_kode
from sakip.bundle.ekspor import ekspor_json


class Command(BaseCommand):
    help = _("Mengekspor satu perangkat daerah sebagai bundle sakip-bundle/1.")

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help=_("kode perangkat daerah"))
        parser.add_argument("--pemda", help=_("kode pemda, bila kode perangkat daerah dipakai oleh beberapa pemda"))
        parser.add_argument("--out", required=True, help=_("berkas tujuan, atau - untuk keluaran standar"))

    def handle(self, *args, pd: str, pemda: str | None, out: str, **options):
        try:
            obj = pd_dari_kode(pd, pemda=pemda)
        except PDTidakJelas as e:
            raise CommandError(str(e)) from e
        teks = ekspor_json(obj)
        if out == "-":
            self.stdout.write(teks, ending="")
            return
        Path(out).write_text(teks, encoding="utf-8")
        self.stderr.write(self.style.SUCCESS(_("Bundle %(pd)s ditulis ke %(out)s.") % {"pd": pd, "out": out}))
