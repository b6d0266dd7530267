"""Admin for scales and policy, Perjanjian Kinerja, rencana aksi, realisations, AKIP evaluations and comparisons."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from renstra.admin import (
    TAHUN,
    FilterPerangkatDaerah,
    SakipAdmin,
    StackedInline,
    TabularInline,
    kolom_tahun,
    ringkas,
)
from sakip.angka import format_angka, format_nilai, format_rupiah

from .models import (
    AnggaranProgramPK,
    BuktiDukung,
    EvaluasiAkip,
    KebijakanPerhitungan,
    KomponenAkip,
    KunciTriwulan,
    PelaporanTriwulan,
    Pembanding,
    PerjanjianKinerja,
    PitaSkala,
    RealisasiKinerja,
    RekomendasiAkip,
    RencanaAksi,
    SkalaPenilaian,
    StandarNasional,
    TargetPK,
)

#: The model's check constraint bukti_maksimal_10mb, checked in the form so that a big upload is an error message.


class KolomIndikatorMixin:
    """Columns for rows that hang on an indicator (``indikator`` must be in list_select_related)."""

    @admin.display(description=_("kode indikator"), ordering="indikator__kode")
    def kode_indikator(self, obj) -> str:
        return obj.indikator.kode

    @admin.display(description=_("indikator"))
    def uraian_indikator(self, obj) -> str:
        return ringkas(obj.indikator.uraian, 70)

    @admin.display(description=_("nilai"), ordering="nilai")
    def nilai_tampil(self, obj) -> str:
        return format_nilai(obj.nilai, obj.label, obj.indikator.desimal)


# --- scales and policy ------------------------------------------------------------------------------------


class PitaSkalaInline(TabularInline):
    model = PitaSkala
    fields = ["urutan", "batas_bawah", "termasuk", "label", "warna"]

    # ``obj`` is the scale: the bands of a preset scale are shown, never edited.
    def has_add_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.bawaan) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.bawaan) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.bawaan) and super().has_delete_permission(request, obj)


@admin.register(SkalaPenilaian)
class SkalaPenilaianAdmin(SakipAdmin):
    """Scales. The presets shipped with the application (``bawaan``) are read-only."""

    list_display = ["kode", "nama", "dasar_hukum", "bawaan", "jumlah_pita"]
    list_filter = ["bawaan"]
    search_fields = ["kode", "nama", "dasar_hukum"]
    readonly_fields = ["bawaan"]
    prepopulated_fields = {"kode": ["nama"]}
    inlines = [PitaSkalaInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_jumlah_pita=Count("pita"))

    @admin.display(description=_("jumlah pita"), ordering="_jumlah_pita")
    def jumlah_pita(self, obj: SkalaPenilaian) -> str:
        return format_angka(obj._jumlah_pita, 0)

    def has_change_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.bawaan) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.bawaan) and super().has_delete_permission(request, obj)


@admin.register(PitaSkala)
class PitaSkalaAdmin(SakipAdmin):
    list_display = ["skala", "urutan", "label", "batas", "termasuk", "warna"]
    list_filter = ["skala", "skala__bawaan"]
    list_select_related = ["skala"]
    search_fields = ["label", "skala__kode", "skala__nama"]
    ordering = ["skala__kode", "urutan"]

    @admin.display(description=_("batas bawah"), ordering="batas_bawah")
    def batas(self, obj: PitaSkala) -> str:
        return format_angka(obj.batas_bawah)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "skala":  # bands are added to a scale of the pemda, never to a preset
            kwargs["queryset"] = SkalaPenilaian.objects.filter(bawaan=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.skala.bawaan) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj is not None and obj.skala.bawaan) and super().has_delete_permission(request, obj)


@admin.register(KebijakanPerhitungan)
class KebijakanPerhitunganAdmin(SakipAdmin):
    list_display = [
        "perangkat_daerah",
        "skala_capaian",
        "batas_atas",
        "efisiensi_tingkat",
        "efisiensi_hanya_capaian_100",
        "tahun_lalu_dihitung",
    ]
    list_filter = ["skala_capaian", "efisiensi_tingkat", "tahun_lalu_dihitung"]
    list_select_related = ["pd", "skala_capaian"]
    search_fields = ["pd__kode", "pd__nama", "pd__singkatan"]
    ordering = ["pd__kode"]

    @admin.display(description=_("batas atas capaian"), ordering="batas_atas_capaian")
    def batas_atas(self, obj: KebijakanPerhitungan) -> str:
        return format_angka(obj.batas_atas_capaian)


# --- Perjanjian Kinerja and rencana aksi ------------------------------------------------------------------


class TargetPKInline(TabularInline):
    model = TargetPK
    fields = ["indikator", "nilai", "label", "urutan"]
    autocomplete_fields = ["indikator"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pk_dokumen__pd", "indikator")


class AnggaranProgramPKInline(TabularInline):
    model = AnggaranProgramPK
    fields = ["program", "jumlah"]
    autocomplete_fields = ["program"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pk_dokumen__pd", "program")


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(SakipAdmin):
    select_related_selalu = ("pd",)
    list_display = ["__str__", "perangkat_daerah", TAHUN, "versi", "jenis", "tanggal", "pihak_pertama", "anggaran"]
    list_filter = [("pd", FilterPerangkatDaerah), "tahun", "versi", "jenis"]
    list_select_related = ["pd", "pihak_pertama"]
    search_fields = ["pd__kode", "pd__nama", "pd__singkatan", "pihak_pertama__nama", "pihak_kedua_nama"]
    autocomplete_fields = ["pihak_pertama"]
    inlines = [TargetPKInline, AnggaranProgramPKInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_anggaran=Sum("anggaran_program__jumlah"))

    @admin.display(description=_("anggaran program"), ordering="_anggaran")
    def anggaran(self, obj: PerjanjianKinerja) -> str:
        return format_rupiah(obj._anggaran)


@admin.register(TargetPK)
class TargetPKAdmin(KolomIndikatorMixin, SakipAdmin):
    list_display = ["pk_dokumen", "kode_indikator", "uraian_indikator", "nilai_tampil", "urutan"]
    list_filter = [
        ("pk_dokumen__pd", FilterPerangkatDaerah),
        "pk_dokumen__tahun",
        "pk_dokumen__versi",
        "indikator__iku",
    ]
    list_select_related = ["pk_dokumen__pd", "indikator"]
    search_fields = ["indikator__kode", "indikator__uraian", "label", "pk_dokumen__pd__nama"]
    autocomplete_fields = ["pk_dokumen", "indikator"]


@admin.register(AnggaranProgramPK)
class AnggaranProgramPKAdmin(SakipAdmin):
    list_display = ["perjanjian_kinerja", "program", "jumlah_rupiah"]
    list_filter = [("pk_dokumen__pd", FilterPerangkatDaerah), "pk_dokumen__tahun", "pk_dokumen__versi"]
    list_select_related = ["pk_dokumen__pd", "program"]
    search_fields = ["program__kode", "program__nama", "pk_dokumen__pd__nama"]
    autocomplete_fields = ["pk_dokumen", "program"]
    ordering = ["pk_dokumen__pd__kode", "pk_dokumen__tahun", "pk_dokumen__versi", "program__kode"]

    @admin.display(description=_("perjanjian kinerja"), ordering="pk_dokumen")
    def perjanjian_kinerja(self, obj: AnggaranProgramPK):
        return obj.pk_dokumen

    @admin.display(description=_("jumlah"), ordering="jumlah")
    def jumlah_rupiah(self, obj: AnggaranProgramPK) -> str:
        return format_rupiah(obj.jumlah)


@admin.register(RencanaAksi)
class RencanaAksiAdmin(KolomIndikatorMixin, SakipAdmin):
    list_display = ["kode_indikator", "uraian_indikator", TAHUN, "triwulan", "nilai_tampil"]
    list_filter = [("indikator__pd", FilterPerangkatDaerah), "tahun", "triwulan", "indikator__iku"]
    list_select_related = ["indikator"]
    search_fields = ["indikator__kode", "indikator__uraian", "label"]
    autocomplete_fields = ["indikator"]


# --- realisations -----------------------------------------------------------------------------------------


BIDANG_BUKTI_OTOMATIS = ["nama_asli", "ukuran", "jenis_konten", "diunggah_oleh", "diunggah_pada"]


class RealisasiAdminMixin:
    """Realisations are entered, returned, verified and locked on the entry screens (kinerja:entri), where the
    workflow and the quarter locks apply; here they are read-only, with their history."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("diubah oleh"))
    def diubah_oleh(self, obj) -> str:
        return str(obj.updated_by) if obj.updated_by_id else "—"

    @admin.display(description=_("versi data"))
    def versi_data(self, obj) -> str:
        return format_angka(obj.version, 0)


class BuktiDukungInline(RealisasiAdminMixin, TabularInline):
    """Evidence is uploaded on the entry screen; listed here read-only."""

    model = BuktiDukung
    fields = ["berkas", *BIDANG_BUKTI_OTOMATIS]
    readonly_fields = ["berkas", *BIDANG_BUKTI_OTOMATIS]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("diunggah_oleh")


@admin.register(RealisasiKinerja)
class RealisasiKinerjaAdmin(RealisasiAdminMixin, KolomIndikatorMixin, SakipAdmin):
    select_related_selalu = ("indikator",)
    list_display = [
        "kode_indikator",
        "uraian_indikator",
        TAHUN,
        "triwulan",
        "nilai_tampil",
        "status",
        "tahap",
        "updated_at",
    ]
    list_filter = [
        ("indikator__pd", FilterPerangkatDaerah),
        "tahun",
        "triwulan",
        "status",
        "tahap",
        "indikator__iku",
        "indikator__level",
    ]
    list_select_related = ["indikator"]
    search_fields = ["indikator__kode", "indikator__uraian", "label", "catatan", "hambatan", "solusi"]
    autocomplete_fields = ["indikator"]
    fields = [
        "indikator",
        "tahun",
        "triwulan",
        "nilai",
        "label",
        "status",
        "tahun_sumber",
        "catatan",
        "hambatan",
        "solusi",
        "tahap",
        "versi_data",
        "diubah_oleh",
        "updated_at",
    ]
    readonly_fields = ["versi_data", "diubah_oleh", "updated_at"]
    inlines = [BuktiDukungInline]

    def save_formset(self, request, form, formset, change) -> None:
        for obj in formset.save(commit=False):
            if isinstance(obj, BuktiDukung) and obj.diunggah_oleh_id is None:
                obj.diunggah_oleh = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(BuktiDukung)
class BuktiDukungAdmin(RealisasiAdminMixin, SakipAdmin):
    list_display = ["nama_asli", "realisasi", "ukuran_tampil", "jenis_konten", "diunggah_oleh", "diunggah_pada"]
    list_filter = [("realisasi__indikator__pd", FilterPerangkatDaerah), "realisasi__tahun", "jenis_konten"]
    list_select_related = ["realisasi__indikator", "diunggah_oleh"]
    search_fields = ["nama_asli", "realisasi__indikator__kode", "realisasi__indikator__uraian"]
    autocomplete_fields = ["realisasi"]
    fields = ["realisasi", "berkas", *BIDANG_BUKTI_OTOMATIS]
    readonly_fields = BIDANG_BUKTI_OTOMATIS
    ordering = ["-diunggah_pada"]

    @admin.display(description=_("ukuran (bita)"), ordering="ukuran")
    def ukuran_tampil(self, obj: BuktiDukung) -> str:
        return format_angka(obj.ukuran, 0)

    def save_model(self, request, obj, form, change) -> None:
        if obj.diunggah_oleh_id is None:
            obj.diunggah_oleh = request.user
        super().save_model(request, obj, form, change)


# --- AKIP evaluation --------------------------------------------------------------------------------------


class KomponenAkipInline(TabularInline):
    model = KomponenAkip
    fields = ["urutan", "nama", "bobot", "nilai"]


class RekomendasiAkipInline(StackedInline):
    model = RekomendasiAkip
    fields = ["nomor", "uraian", "rencana_aksi", "waktu", "tindak_lanjut", "status"]


@admin.register(EvaluasiAkip)
class EvaluasiAkipAdmin(SakipAdmin):
    select_related_selalu = ("pd",)
    list_display = [
        "__str__",
        "perangkat_daerah",
        kolom_tahun("tahun", _("tahun laporan")),
        kolom_tahun("tahun_dievaluasi", _("tahun yang dievaluasi")),
        "evaluator",
        "nilai_lhe",
        "total",
    ]
    list_filter = [("pd", FilterPerangkatDaerah), "tahun", "tahun_dievaluasi"]
    list_select_related = ["pd"]
    search_fields = ["pd__kode", "pd__nama", "pd__singkatan", "evaluator"]
    ordering = ["pd__kode", "-tahun"]
    inlines = [KomponenAkipInline, RekomendasiAkipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_total=Sum("komponen__nilai"))

    @admin.display(description=_("nilai di LHE"), ordering="nilai")
    def nilai_lhe(self, obj: EvaluasiAkip) -> str:
        return format_angka(obj.nilai)

    @admin.display(description=_("jumlah nilai komponen"), ordering="_total")
    def total(self, obj: EvaluasiAkip) -> str:
        return format_angka(obj._total)


@admin.register(KomponenAkip)
class KomponenAkipAdmin(SakipAdmin):
    list_display = ["evaluasi", "urutan", "nama", "bobot_tampil", "nilai_tampil"]
    list_filter = [("evaluasi__pd", FilterPerangkatDaerah), "evaluasi__tahun"]
    list_select_related = ["evaluasi__pd"]
    search_fields = ["nama", "evaluasi__pd__kode", "evaluasi__pd__nama"]
    autocomplete_fields = ["evaluasi"]

    @admin.display(description=_("bobot"), ordering="bobot")
    def bobot_tampil(self, obj: KomponenAkip) -> str:
        return format_angka(obj.bobot)

    @admin.display(description=_("nilai"), ordering="nilai")
    def nilai_tampil(self, obj: KomponenAkip) -> str:
        return format_angka(obj.nilai)


@admin.register(RekomendasiAkip)
class RekomendasiAkipAdmin(SakipAdmin):
    list_display = ["evaluasi", "nomor", "uraian_ringkas", "waktu", "status"]
    list_filter = ["status", ("evaluasi__pd", FilterPerangkatDaerah), "evaluasi__tahun"]
    list_select_related = ["evaluasi__pd"]
    search_fields = ["uraian", "rencana_aksi", "tindak_lanjut", "evaluasi__pd__kode", "evaluasi__pd__nama"]
    autocomplete_fields = ["evaluasi"]

    @admin.display(description=_("rekomendasi"), ordering="uraian")
    def uraian_ringkas(self, obj: RekomendasiAkip) -> str:
        return ringkas(obj.uraian)


# --- comparisons ------------------------------------------------------------------------------------------


@admin.register(Pembanding)
class PembandingAdmin(KolomIndikatorMixin, SakipAdmin):
    list_display = ["kode_indikator", "uraian_indikator", TAHUN, "instansi", "nilai_tampil", "sumber"]
    list_filter = [("indikator__pd", FilterPerangkatDaerah), "tahun"]
    list_select_related = ["indikator"]
    search_fields = ["instansi", "sumber", "indikator__kode", "indikator__uraian"]
    autocomplete_fields = ["indikator"]


@admin.register(StandarNasional)
class StandarNasionalAdmin(KolomIndikatorMixin, SakipAdmin):
    list_display = ["kode_indikator", "uraian_indikator", TAHUN, "nilai_tampil", "sumber"]
    list_filter = [("indikator__pd", FilterPerangkatDaerah), "tahun"]
    list_select_related = ["indikator"]
    search_fields = ["sumber", "indikator__kode", "indikator__uraian"]
    autocomplete_fields = ["indikator"]
    ordering = ["indikator__kode", "tahun"]


# --- the quarterly workflow ----------------------------------------------------------------------------------------


@admin.register(PelaporanTriwulan)
class PelaporanTriwulanAdmin(SakipAdmin):
    """Read-only here: the stage of a unit's quarter changes only through the workflow screens."""

    list_display = ["unit_kerja", TAHUN, "triwulan", "tahap", "diajukan_oleh", "diajukan_pada", "diverifikasi_oleh"]
    list_filter = [("unit_kerja__pd", FilterPerangkatDaerah), "tahun", "triwulan", "tahap"]
    list_select_related = ["unit_kerja", "diajukan_oleh", "diverifikasi_oleh"]
    search_fields = ["unit_kerja__kode", "unit_kerja__nama"]
    readonly_fields = [
        "unit_kerja",
        "tahun",
        "triwulan",
        "tahap",
        "diajukan_oleh",
        "diajukan_pada",
        "diverifikasi_oleh",
        "diverifikasi_pada",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(KunciTriwulan)
class KunciTriwulanAdmin(SakipAdmin):
    """Read-only here: a quarter is locked and reopened (with a reason) on the workflow screen."""

    list_display = ["perangkat_daerah", TAHUN, "triwulan", "dikunci", "diubah_oleh", "diubah_pada", "alasan"]
    list_filter = [("pd", FilterPerangkatDaerah), "tahun", "triwulan", "dikunci"]
    list_select_related = ["pd", "diubah_oleh"]
    search_fields = ["pd__kode", "pd__nama", "alasan"]
    readonly_fields = ["pd", "tahun", "triwulan", "dikunci", "diubah_oleh", "diubah_pada", "alasan"]

    def has_add_permission(self, request):
        return False
