"""python manage.py sakip_demo: load the demo PDs and create one demo user per role (idempotent)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from sakip.demo import PASSWORD_DEMO, PENGGUNA_DEMO, demo_load


class Command(BaseCommand):
    help = _("Memuat data demo (Setda Kabupaten Paser 2024 dan Kecamatan Sukamaju) dan pengguna demo per peran.")

    def add_arguments(self, parser):
        parser.add_argument("--tanpa-pengguna", action="store_true", help=_("hanya data, tanpa pengguna demo"))

    def handle(self, *args, tanpa_pengguna: bool, **options):
        for r in demo_load(dengan_pengguna=not tanpa_pengguna):
            self.stdout.write(
                _("%(pd)s: %(baru)d baris baru, %(ubah)d diubah.")
                % {"pd": r.pd_kode, "baru": sum(r.dibuat.values()), "ubah": sum(r.diubah.values())}
            )
        if not tanpa_pengguna:
            nama = ", ".join(["admin", *(p.username for p in PENGGUNA_DEMO)])
            self.stdout.write(
                _("Pengguna demo (kata sandi %(sandi)s): %(nama)s") % {"sandi": PASSWORD_DEMO, "nama": nama}
            )
