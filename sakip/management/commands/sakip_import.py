"""python manage.py sakip_import FILE [--dry-run]: import a sakip-bundle/1 (BUNDLE.md §1)."""

import json
from pathlib import Path
from typing import NoReturn

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.bundle.impor import ImporGagal, JsonDitolak, baca_json, bundle_import

DITOLAK = gettext_lazy("Bundle ditolak: %(n)d galat, tidak ada yang ditulis.")


class Command(BaseCommand):
    help = _("Mengimpor bundle sakip-bundle/1. Seluruh bundle diperiksa dulu; tidak ada yang ditulis bila ada galat.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("berkas JSON bundle"))
        parser.add_argument("--dry-run", action="store_true", help=_("hanya memeriksa, tidak menulis apa pun"))

    def handle(self, *args, file: str, dry_run: bool, **options):
        try:
            doc = baca_json(Path(file).read_bytes())
        except OSError as e:
            raise CommandError(_("Berkas tidak dapat dibaca: %(galat)s") % {"galat": e}) from e
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise CommandError(_("Berkas bukan JSON yang sah: %(galat)s") % {"galat": e}) from e
        except JsonDitolak as e:
            self._tolak(e.galat)
        try:
            hasil, ringkasan = bundle_import(doc=doc, dry_run=dry_run)
        except ImporGagal as e:
            raise CommandError(str(e)) from e
        for m in hasil.peringatan:
            self.stderr.write(self.style.WARNING(_("peringatan: %(masalah)s") % {"masalah": m}))
        if not hasil.sah:
            self._tolak(hasil.galat)
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Bundle sah (%(p)d peringatan). Uji coba: tidak ada yang ditulis.") % {"p": len(hasil.peringatan)}
                )
            )
            return
        assert ringkasan is not None
        dibuat, diubah = sum(ringkasan.dibuat.values()), sum(ringkasan.diubah.values())
        self.stdout.write(
            self.style.SUCCESS(
                _("Impor %(pd)s selesai: %(dibuat)d baris baru, %(diubah)d diubah, %(sama)d tidak berubah.")
                % {"pd": ringkasan.pd_kode, "dibuat": dibuat, "diubah": diubah, "sama": sum(ringkasan.sama.values())}
            )
        )
        if options["verbosity"] >= 2:
            for nama in sorted(set(ringkasan.dibuat) | set(ringkasan.diubah)):
                self.stdout.write(f"  {nama}: +{ringkasan.dibuat[nama]} ~{ringkasan.diubah[nama]}")

    def _tolak(self, galat) -> NoReturn:
        """Every problem on its own line with its JSON path, then the refusal (nothing was written)."""
        for m in galat:
            self.stderr.write(self.style.ERROR(_("galat: %(masalah)s") % {"masalah": m}))
        raise CommandError(DITOLAK % {"n": len(galat)}, returncode=1)
