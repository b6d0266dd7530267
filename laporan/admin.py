"""Admin for the yearly report (LKjIP) and its narrative sections."""

from __future__ import annotations

import re

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from renstra.admin import TAHUN, FilterPerangkatDaerah, SakipAdmin, StackedInline, ringkas

from .models import KUNCI_NARASI, Laporan, NarasiLaporan

#: The per-sasaran narrative of BAB III: ``bab3.sasaran.<kode>.(analisis|faktor|solusi)``.
KUNCI_SASARAN = re.compile(r"^bab3\.sasaran\.(?P<kode>.+)\.(?P<jenis>analisis|faktor|solusi)$")
JENIS_NARASI_SASARAN = {
    "analisis": _("analisis capaian"),
    "faktor": _("faktor penyebab"),
    "solusi": _("solusi"),
}
NARASI_SASARAN = _("Sasaran %(kode)s: %(jenis)s")

BANTUAN_KUNCI = _(
    "Misalnya kata_pengantar, ikhtisar, bab1.latar_belakang, bab4.saran, atau bab3.sasaran.<kode>.analisis."
)


def nama_bagian(kunci: str) -> str:
    """The printed name of a narrative key, or the key itself when it is not one the report knows."""
    if kunci in KUNCI_NARASI:
        return str(KUNCI_NARASI[kunci])
    if cocok := KUNCI_SASARAN.match(kunci):
        return NARASI_SASARAN % {"kode": cocok["kode"], "jenis": JENIS_NARASI_SASARAN[cocok["jenis"]]}
    return kunci


class BantuanKunciMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "kunci" and field is not None:
            field.help_text = BANTUAN_KUNCI
        return field


class NarasiLaporanInline(BantuanKunciMixin, StackedInline):
    model = NarasiLaporan
    fields = ["kunci", "teks"]

    def get_queryset(self, request):  # a row's name shows the report
        return super().get_queryset(request).select_related("laporan__pd")


@admin.register(Laporan)
class LaporanAdmin(SakipAdmin):
    select_related_selalu = ("pd",)
    list_display = ["__str__", "perangkat_daerah", TAHUN, "penandatangan", "tempat", "tanggal"]
    list_filter = [("pd", FilterPerangkatDaerah), "tahun"]
    list_select_related = ["pd", "penandatangan"]
    search_fields = ["pd__kode", "pd__nama", "pd__singkatan", "tempat", "penandatangan__nama"]
    autocomplete_fields = ["penandatangan"]
    inlines = [NarasiLaporanInline]


@admin.register(NarasiLaporan)
class NarasiLaporanAdmin(BantuanKunciMixin, SakipAdmin):
    list_display = ["laporan", "kunci", "bagian", "teks_ringkas"]
    list_filter = [("laporan__pd", FilterPerangkatDaerah), "laporan__tahun"]
    list_select_related = ["laporan__pd"]
    search_fields = ["kunci", "teks", "laporan__pd__kode", "laporan__pd__nama"]
    autocomplete_fields = ["laporan"]

    @admin.display(description=_("bagian laporan"))
    def bagian(self, obj: NarasiLaporan) -> str:
        return nama_bagian(obj.kunci)

    @admin.display(description=_("teks"))
    def teks_ringkas(self, obj: NarasiLaporan) -> str:
        return ringkas(obj.teks)
