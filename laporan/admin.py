"""Admin for the yearly report (LKjIP) and its narrative sections; its versions, generated files and review notes are
listed read-only (they are made by the report page, the worker and the review screens)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from renstra.admin import TAHUN, FilterPerangkatDaerah, SakipAdmin, StackedInline, TabularInline, ringkas
from sakip.angka import format_angka

from .forms import cek_gambar
from .models import CatatanReviu, EksporLaporan, Laporan, NarasiLaporan, VersiLaporan
from .services_reviu import nama_bagian

BANTUAN_KUNCI = _(
    "Misalnya kata_pengantar, ikhtisar, bab1.latar_belakang, bab4.saran, atau bab3.sasaran.<kode>.analisis."
)


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
    #: The cover logo and the organisation chart are checked as on the report's narrative page (decoded in full).
    pemeriksa_berkas = {"logo": cek_gambar, "bagan_organisasi": cek_gambar}


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


# --- versions, files and review notes: read-only ------------------------------------------------------------


class HanyaBacaMixin:
    """Made by the report's screens and the worker (laporan:detail, laporan:baca): listed here with their history."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EksporLaporanInline(HanyaBacaMixin, TabularInline):
    model = EksporLaporan
    fields = ["format", "dengan_pernyataan", "status", "progres", "halaman", "ukuran", "diminta_oleh", "dibuat"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("diminta_oleh", "versi__laporan__pd")


class CatatanReviuInline(HanyaBacaMixin, TabularInline):
    model = CatatanReviu
    fields = ["judul_bagian", "teks", "penulis", "jawaban", "dijawab_oleh", "dijawab_pada"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("penulis", "dijawab_oleh", "versi__laporan__pd")


@admin.register(VersiLaporan)
class VersiLaporanAdmin(HanyaBacaMixin, SakipAdmin):
    select_related_selalu = ("laporan__pd",)
    list_display = ["__str__", "perangkat_daerah", "tahun", "nomor_versi", "sidik", "dibuat", "reviu_selesai_pada"]
    list_filter = [("laporan__pd", FilterPerangkatDaerah), "laporan__tahun", "reviu_selesai_pada"]
    list_select_related = ["laporan__pd"]
    search_fields = ["laporan__pd__kode", "laporan__pd__nama", "params_hash"]
    readonly_fields = [
        "laporan",
        "nomor",
        "params_hash",
        "dibuat",
        "dibuat_oleh",
        "reviu_selesai_pada",
        "reviu_selesai_oleh",
    ]
    inlines = [CatatanReviuInline, EksporLaporanInline]

    @admin.display(description=_("perangkat daerah"), ordering="laporan__pd__kode")
    def perangkat_daerah(self, obj: VersiLaporan):
        return obj.laporan.pd

    @admin.display(description=_("tahun"), ordering="laporan__tahun")
    def tahun(self, obj: VersiLaporan) -> str:
        return str(obj.laporan.tahun)

    @admin.display(description=_("versi"), ordering="nomor")
    def nomor_versi(self, obj: VersiLaporan) -> str:
        return format_angka(obj.nomor, 0)

    @admin.display(description=_("sidik data"))
    def sidik(self, obj: VersiLaporan) -> str:
        return obj.params_hash[:12]


@admin.register(EksporLaporan)
class EksporLaporanAdmin(HanyaBacaMixin, SakipAdmin):
    """A generated file keeps no history of its own (the worker records its progress on the row): its history page is
    Django's log of admin actions."""

    object_history_template = None

    def history_view(self, request, object_id, extra_context=None):
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)

    select_related_selalu = ("versi__laporan__pd",)
    list_display = ["__str__", "format", "dengan_pernyataan", "status", "progres", "halaman", "diminta_oleh", "dibuat"]
    list_filter = [("versi__laporan__pd", FilterPerangkatDaerah), "versi__laporan__tahun", "format", "status"]
    list_select_related = ["versi__laporan__pd", "diminta_oleh"]
    search_fields = ["versi__laporan__pd__kode", "versi__laporan__pd__nama", "galat"]
    readonly_fields = [
        "versi",
        "format",
        "dengan_pernyataan",
        "status",
        "progres",
        "tahap",
        "berkas",
        "ukuran",
        "halaman",
        "galat",
        "diminta_oleh",
        "dibuat",
        "mulai",
        "selesai",
    ]


@admin.register(CatatanReviu)
class CatatanReviuAdmin(HanyaBacaMixin, SakipAdmin):
    select_related_selalu = ("versi__laporan__pd",)
    list_display = ["versi", "judul_bagian", "teks_ringkas", "penulis", "dibuat", "dijawab"]
    list_filter = [("versi__laporan__pd", FilterPerangkatDaerah), "versi__laporan__tahun"]
    list_select_related = ["versi__laporan__pd", "penulis"]
    search_fields = ["teks", "jawaban", "judul_bagian", "versi__laporan__pd__kode", "versi__laporan__pd__nama"]
    readonly_fields = [
        "versi",
        "bagian",
        "judul_bagian",
        "teks",
        "penulis",
        "dibuat",
        "jawaban",
        "dijawab_oleh",
        "dijawab_pada",
    ]

    @admin.display(description=_("catatan"))
    def teks_ringkas(self, obj: CatatanReviu) -> str:
        return ringkas(obj.teks)

    @admin.display(description=_("dijawab"), boolean=True)
    def dijawab(self, obj: CatatanReviu) -> bool:
        return bool(obj.jawaban)
