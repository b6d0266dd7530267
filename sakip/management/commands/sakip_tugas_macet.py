"""python manage.py sakip_tugas_macet: end the jobs whose worker stopped (sakip/tugas.py).

The pages do this themselves when someone asks or polls; a supervisor may also run this command, e.g. every few
minutes or when it restarts a worker, so that nothing stays "being made" that nobody looks at."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from anggaran.impor import impor_lepas_macet
from laporan.services import ekspor_lepas_macet
from sakip.angka import format_angka


class Command(BaseCommand):
    help = _("Mengakhiri pekerjaan latar belakang yang pekerjanya berhenti (berkas laporan dan impor Excel).")

    def handle(self, *args, **options):
        ekspor, impor = ekspor_lepas_macet(), impor_lepas_macet()
        self.stdout.write(
            _("Diakhiri: %(ekspor)s berkas laporan, %(impor)s impor Excel.")
            % {"ekspor": format_angka(ekspor, 0), "impor": format_angka(impor, 0)}
        )
