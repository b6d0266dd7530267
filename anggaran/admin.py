"""Admin for the chart of accounts, DPA versions and their pagu lines, anggaran kas and budget realisations."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Sum
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kinerja.admin import RealisasiAdminMixin
from renstra.admin import TAHUN, FilterPerangkatDaerah, SakipAdmin, TabularInline
from sakip.angka import format_angka, format_rupiah

from .models import AnggaranKas, ImporBerkas, PaguAnggaran, RealisasiAnggaran, RealisasiFisik, Rekening, VersiAnggaran

#: The PD of a row that hangs on a sub kegiatan.
PD_SUB_KEGIATAN = "sub_kegiatan__kegiatan__program__pd"


class KolomSubKegiatanMixin:
    """Columns for rows that hang on a sub kegiatan (``sub_kegiatan`` must be in list_select_related)."""

    @admin.display(description=_("sub kegiatan"), ordering="sub_kegiatan__kode")
    def kode_sub_kegiatan(self, obj) -> str:
        return obj.sub_kegiatan.kode

    @admin.display(description=_("nama sub kegiatan"))
    def nama_sub_kegiatan(self, obj) -> str:
        return obj.sub_kegiatan.nama

    @admin.display(description=_("jumlah"), ordering="jumlah")
    def jumlah_rupiah(self, obj) -> str:
        return format_rupiah(obj.jumlah)


@admin.register(Rekening)
class RekeningAdmin(SakipAdmin):
    list_display = ["kode", "uraian"]
    search_fields = ["kode", "uraian"]
    ordering = ["kode"]


class PaguAnggaranInline(TabularInline):
    model = PaguAnggaran
    fields = ["sub_kegiatan", "rekening", "jumlah", "urutan"]
    autocomplete_fields = ["sub_kegiatan", "rekening"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sub_kegiatan", "rekening")


@admin.register(VersiAnggaran)
class VersiAnggaranAdmin(SakipAdmin):
    select_related_selalu = ("pd",)
    list_display = ["__str__", "perangkat_daerah", TAHUN, "versi", "tanggal", "total_pagu", "baris_pagu"]
    list_filter = [("pd", FilterPerangkatDaerah), "tahun", "versi"]
    list_select_related = ["pd"]
    search_fields = ["pd__kode", "pd__nama", "pd__singkatan"]
    inlines = [PaguAnggaranInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_total_pagu=Sum("pagu__jumlah"))

    @admin.display(description=_("total pagu"), ordering="_total_pagu")
    def total_pagu(self, obj: VersiAnggaran) -> str:
        return format_rupiah(obj._total_pagu)

    @admin.display(description=_("baris pagu"))
    def baris_pagu(self, obj: VersiAnggaran) -> str:
        """A large DPA is easier to search in the pagu list than in the inline (which renders every line)."""
        tautan = reverse("admin:anggaran_paguanggaran_changelist") + f"?versi__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', tautan, _("lihat daftar"))


@admin.register(PaguAnggaran)
class PaguAnggaranAdmin(KolomSubKegiatanMixin, SakipAdmin):
    list_display = ["kode_sub_kegiatan", "nama_sub_kegiatan", "rekening", "jumlah_rupiah", "versi", "urutan"]
    list_filter = [("versi__pd", FilterPerangkatDaerah), "versi__tahun", "versi__versi"]
    list_select_related = ["versi__pd", "sub_kegiatan", "rekening"]
    search_fields = ["sub_kegiatan__kode", "sub_kegiatan__nama", "rekening__kode", "rekening__uraian"]
    autocomplete_fields = ["versi", "sub_kegiatan", "rekening"]


@admin.register(AnggaranKas)
class AnggaranKasAdmin(KolomSubKegiatanMixin, SakipAdmin):
    list_display = ["kode_sub_kegiatan", "nama_sub_kegiatan", TAHUN, "triwulan", "jumlah_rupiah"]
    list_filter = [(PD_SUB_KEGIATAN, FilterPerangkatDaerah), "tahun", "triwulan"]
    list_select_related = ["sub_kegiatan"]
    search_fields = ["sub_kegiatan__kode", "sub_kegiatan__nama"]
    autocomplete_fields = ["sub_kegiatan"]


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(RealisasiAdminMixin, KolomSubKegiatanMixin, SakipAdmin):
    list_display = [
        "kode_sub_kegiatan",
        "nama_sub_kegiatan",
        "rekening",
        TAHUN,
        "triwulan",
        "jumlah_rupiah",
        "tahap",
        "updated_at",
    ]
    list_filter = [(PD_SUB_KEGIATAN, FilterPerangkatDaerah), "tahun", "triwulan", "tahap"]
    list_select_related = ["sub_kegiatan", "rekening"]
    search_fields = ["sub_kegiatan__kode", "sub_kegiatan__nama", "rekening__kode", "rekening__uraian"]
    autocomplete_fields = ["sub_kegiatan", "rekening"]
    fields = [
        "sub_kegiatan",
        "rekening",
        "tahun",
        "triwulan",
        "jumlah",
        "tahap",
        "versi_data",
        "diubah_oleh",
        "updated_at",
    ]
    readonly_fields = ["versi_data", "diubah_oleh", "updated_at"]


@admin.register(RealisasiFisik)
class RealisasiFisikAdmin(RealisasiAdminMixin, KolomSubKegiatanMixin, SakipAdmin):
    list_display = ["kode_sub_kegiatan", "nama_sub_kegiatan", TAHUN, "triwulan", "persen_tampil"]
    list_filter = [(PD_SUB_KEGIATAN, FilterPerangkatDaerah), "tahun", "triwulan"]
    list_select_related = ["sub_kegiatan"]
    search_fields = ["sub_kegiatan__kode", "sub_kegiatan__nama"]
    autocomplete_fields = ["sub_kegiatan"]

    @admin.display(description=_("fisik (%)"), ordering="persen")
    def persen_tampil(self, obj: RealisasiFisik) -> str:
        return format_angka(obj.persen)


@admin.register(ImporBerkas)
class ImporBerkasAdmin(SakipAdmin):
    """Read-only: an import is uploaded, previewed and applied on its own screens (anggaran/views_impor.py), which
    write the rows with their history; here it is listed with what its check found."""

    list_display = [
        "__str__",
        "jenis",
        "perangkat_daerah",
        "unit",
        TAHUN,
        "triwulan",
        "versi",
        "status",
        "jumlah_baris",
        "created_by",
        "created_at",
        "applied_at",
    ]
    list_filter = [("pd", FilterPerangkatDaerah), "jenis", "status", "tahun", "versi"]
    list_select_related = ["pd", "unit", "created_by"]
    search_fields = ["nama_asli", "sha256", "pd__kode", "pd__nama", "unit__kode", "unit__nama"]
    fields = [
        "jenis",
        "pd",
        "unit",
        "tahun",
        "triwulan",
        "versi",
        "nama_asli",
        "ukuran",
        "sha256",
        "status",
        "jumlah_baris",
        "ringkasan",
        "galat",
        "created_by",
        "created_at",
        "applied_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
