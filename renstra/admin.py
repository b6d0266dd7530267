"""Admin for the organisation and the plan, plus the shared admin base of the four SAKIP apps.

Every model keeps its history (simple-history), so every admin here derives from :class:`SakipAdmin`, a
``SimpleHistoryAdmin``. List pages name their related rows in ``list_select_related`` so they run a fixed number of
queries however many rows a PD has, and foreign keys to large tables (indicators, sub kegiatan, accounts) use
autocomplete widgets instead of dropdowns that would load thousands of rows.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from renstra import akses
from sakip.angka import KOSONG, format_angka, format_nilai, format_nip

from .models import (
    Indikator,
    Keanggotaan,
    Kegiatan,
    Misi,
    Pejabat,
    Pemda,
    PerangkatDaerah,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
    UnitKerja,
)

KODE_SASARAN_GANDA = _("Kode sasaran ini sudah dipakai dalam Renstra yang sama.")
TUJUAN_LAIN_RENSTRA = _("Tujuan ini milik Renstra lain.")


def ringkas(teks: str, panjang: int = 90) -> str:
    """Long uraian cut for a list column."""
    return Truncator(teks).chars(panjang)


def kolom_tahun(nama: str, judul) -> Callable[[Any], str]:
    """A list column for a year: ``2024``, not the ``2.024`` that USE_THOUSAND_SEPARATOR makes of an integer."""

    @admin.display(description=judul, ordering=nama)
    def kolom(obj) -> str:
        tahun = getattr(obj, nama)
        return KOSONG if tahun is None else str(tahun)

    kolom.__name__ = nama
    return kolom


TAHUN = kolom_tahun("tahun", _("tahun"))


class AngkaIndonesia:
    """Decimal inputs read and show Indonesian numbers (``1.500,25``), as every SAKIP form does."""

    formfield_overrides = {models.DecimalField: {"localize": True}}


class FilterDalamCakupan(admin.RelatedFieldListFilter):
    """The related-field filter of every SAKIP admin: its sidebar names only the rows the person may read
    (:func:`terlihat_dalam_cakupan`, the scope of the changelist itself), not every PD and pemda of the installation.
    :meth:`SakipAdmin.get_list_filter` gives it to each related ``list_filter`` entry written as a plain path."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        terlihat = terlihat_dalam_cakupan(request.user, field.related_model._default_manager.all())
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to=Q(pk__in=terlihat.values("pk"))
        )


class FilterPerangkatDaerah(FilterDalamCakupan):
    """The related-field filter for any path ending in a PD, titled "perangkat daerah"."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = _("perangkat daerah")


class KonteksRiwayat(HistoricalRecordContextHelper):
    """History deltas in Indonesian: numbers with every stored decimal place (``68,9500 → 70,0000``) and an empty
    foreign key as ``—`` (simple-history would print "Deleted …")."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, Decimal):
            return format_angka(value, self.model._meta.get_field(change.field).decimal_places)
        if isinstance(value, DeletedObject) and value.pk is None:
            return KOSONG
        return super().prepare_delta_change_value(change, value)


@functools.cache
def jalur_pd(model) -> str | None:
    """The lookup from a model to its perangkat daerah ("pd", "versi__pd", "indikator__pd", …): the shortest chain of
    required foreign keys, else of any foreign keys; None for models that belong to no PD (pemda, accounts, scales)."""
    if model is PerangkatDaerah:
        return "pk"
    for wajib in (True, False):
        antre, dilihat = deque([(model, "")]), {model}
        while antre:
            m, jalur = antre.popleft()
            for f in m._meta.get_fields():
                if not (f.many_to_one or f.one_to_one) or not f.concrete or (wajib and f.null):
                    continue
                tujuan = f.related_model
                nama = f"{jalur}__{f.name}" if jalur else f.name
                if tujuan is PerangkatDaerah:
                    return nama
                if tujuan not in dilihat and tujuan._meta.app_label in ("renstra", "kinerja", "anggaran", "laporan"):
                    dilihat.add(tujuan)
                    antre.append((tujuan, nama))
    return None


def pd_objek(obj) -> PerangkatDaerah | None:
    jalur = jalur_pd(type(obj))
    if jalur is None:
        return None
    if jalur == "pk":
        return obj
    for bagian in jalur.split("__"):
        obj = getattr(obj, bagian, None)
        if obj is None:
            return None
    return obj


def pemda_terlihat(user) -> models.QuerySet[Pemda]:
    """The pemdas whose rows the person may read in the admin: those of their PDs and those they review or
    administer."""
    c = akses.cakupan(user)
    if c.semua:
        return Pemda.objects.all()
    return Pemda.objects.filter(Q(pk__in=c.pemda_baca) | Q(pk__in=akses.pd_terlihat(user).values("pemda_id")))


def terlihat_dalam_cakupan(user, qs: models.QuerySet) -> models.QuerySet:
    """The rows of ``qs`` a person may read in the admin: for a non-superuser those of the PDs they may read, the
    pemdas of :func:`pemda_terlihat`, no account; rows that belong to no PD (chart of accounts, scales) are shared.
    The changelists and their filter sidebars both read through it."""
    if user.is_superuser:
        return qs
    model = qs.model
    if model is Pemda:
        return qs.filter(pk__in=pemda_terlihat(user).values("pk"))
    if model is get_user_model():
        return qs.none()  # accounts are kept on the Pengguna screens
    jalur = jalur_pd(model)
    if jalur is None:
        return qs
    return qs.filter(**{f"{jalur}__in": akses.pd_terlihat(user).values("pk")})


def pilihan_dalam_cakupan(user, qs: models.QuerySet) -> models.QuerySet:
    """What a form of the admin may offer and accept as a related row: for a non-superuser only rows of the PDs they
    change (perencana, admin pemda), the pemdas they administer, no account; rows that belong to no PD (the chart of
    accounts, scales) stay shared. A forged id outside this set fails the form's validation, so nothing is written."""
    if user.is_superuser:
        return qs
    model = qs.model
    if model is Pemda:
        return qs.filter(pk__in=akses.cakupan(user).pemda_admin)
    if model is get_user_model():
        return qs.none()  # accounts are kept on the Pengguna screens
    jalur = jalur_pd(model)
    if jalur is None:
        return qs
    return qs.filter(**{f"{jalur}__in": akses.pd_diubah(user)})


class PilihanDalamCakupan:
    """Every foreign-key and many-to-many choice of an admin form or inline limited by :func:`pilihan_dalam_cakupan`:
    dropdowns, autocomplete widgets and the values a forged POST may carry."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = pilihan_dalam_cakupan(request.user, field.queryset)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = pilihan_dalam_cakupan(request.user, field.queryset)
        return field


class BerkasDiperiksa:
    """An upload through the admin goes through the same check as on the application's screen (sakip.unggahan): a
    file field is editable only when :attr:`pemeriksa_berkas` names the check the application's form calls for it
    (``{"logo": laporan.forms.cek_gambar}``), which then validates every new upload before anything is written; any
    other file field is read-only. Files whose record the application completes itself (evidence: its type, size
    and uploader; an import: its hash, check and status; a generated report) are only uploaded on their screens."""

    #: File field -> the check the application's own form runs on that upload (it raises ValidationError).
    pemeriksa_berkas: dict[str, Callable[[Any], Any]] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        cek = self.pemeriksa_berkas.get(db_field.name)
        if isinstance(db_field, models.FileField) and field is not None and cek is not None:
            field.validators = [*field.validators, cek]  # runs on a new upload only, not on the stored file
        return field

    def get_readonly_fields(self, request, obj=None):
        hanya_baca = list(super().get_readonly_fields(request, obj))
        for f in self.model._meta.fields:
            if isinstance(f, models.FileField) and f.name not in self.pemeriksa_berkas and f.name not in hanya_baca:
                hanya_baca.append(f.name)
        return hanya_baca


class SakipAdmin(BerkasDiperiksa, PilihanDalamCakupan, AngkaIndonesia, SimpleHistoryAdmin):
    """Base of every SAKIP model admin: history per object, Indonesian labels, no revert without change permission.

    Scoped like the screens: a non-superuser sees the rows of the PDs they may read and changes only those of the PDs
    they plan (perencana) or administer (admin pemda); rows that belong to no PD (chart of accounts, scales) are
    read-only for them, and pemdas are those they belong to. Every view of one object (change, delete, history list,
    history entry) opens it through this scope, and a row outside it answers 404 as on the application's screens.
    Related rows offered in forms and autocomplete are those of the PDs the person changes; the filter sidebars of a
    changelist name only the rows the person may read (:class:`FilterDalamCakupan`), and a file is uploaded only
    through the application's check for it (:class:`BerkasDiperiksa`).
    """

    list_per_page = 50
    empty_value_display = KOSONG
    #: Relations every page of this admin reads (``__str__`` of the row): changelist, change page, autocomplete.
    select_related_selalu: tuple[str, ...] = ()

    def get_queryset(self, request):
        qs = terlihat_dalam_cakupan(request.user, super().get_queryset(request))
        if not qs.query.order_by:  # explicit, so that an annotation with GROUP BY keeps the model's order
            qs = qs.order_by(*self.model._meta.ordering, "pk")
        return qs.select_related(*self.select_related_selalu) if self.select_related_selalu else qs

    def get_list_filter(self, request):
        """Every filter on a related row (``"pemda"``, ``"skala"``) lists only the rows the person may read."""
        daftar = []
        for entri in super().get_list_filter(request):
            if isinstance(entri, str) and get_fields_from_path(self.model, entri)[-1].is_relation:
                entri = (entri, FilterDalamCakupan)
            daftar.append(entri)
        return daftar

    def get_search_results(self, request, queryset, search_term):
        qs, distinct = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name == f"{self.admin_site.name}:autocomplete":
            qs = pilihan_dalam_cakupan(request.user, qs)  # offered as a choice: the form accepts no more than this
        return qs, distinct

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404  # another PD's row, as on the screens (Django would redirect to the index)

    def _objek_dalam_cakupan(self, request, object_id) -> None:
        """404 unless the object is one the change view would open. A superuser also reads the history of deleted
        rows, which no longer have a PD to check."""
        if not request.user.is_superuser and self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def _boleh_ubah(self, request, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        if jalur_pd(self.model) is None:
            return False
        if obj is None:
            return bool(akses.pd_diubah(request.user) or akses.cakupan(request.user).pemda_admin)
        if isinstance(obj, PerangkatDaerah):  # an admin pemda creates and keeps the pemda's PDs
            return obj.pemda_id in akses.cakupan(request.user).pemda_admin or obj.pk in akses.pd_diubah(request.user)
        pd = pd_objek(obj)
        return pd is not None and pd.pk in akses.pd_diubah(request.user)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and self._boleh_ubah(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._boleh_ubah(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._boleh_ubah(request, obj)

    def save_model(self, request, obj, form, change):
        if not self._boleh_ubah(request, obj):  # a PD chosen through a related row the person does not plan
            raise PermissionDenied(akses.HANYA_BACA)
        super().save_model(request, obj, form, change)

    def get_historical_record_context_helper(self, request, historical_record):
        return KonteksRiwayat(self.model, historical_record)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._objek_dalam_cakupan(request, object_id)  # Django asks for the permission first: 403, not 404
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._objek_dalam_cakupan(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # simple-history falls back to the newest history entry of a row the queryset does not hold: scope it first.
        self._objek_dalam_cakupan(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history reads the entry by id alone: open the object through the scope first.
        self._objek_dalam_cakupan(request, object_id)
        # simple-history saves a POSTed revert after checking only the view permission: require change permission.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("perangkat daerah"), ordering="pd__kode")
    def perangkat_daerah(self, obj):
        return obj.pd


class TabularInline(BerkasDiperiksa, PilihanDalamCakupan, AngkaIndonesia, admin.TabularInline):
    extra = 0


class StackedInline(BerkasDiperiksa, PilihanDalamCakupan, AngkaIndonesia, admin.StackedInline):
    extra = 0


# --- organisation -----------------------------------------------------------------------------------------


@admin.register(Pemda)
class PemdaAdmin(SakipAdmin):
    list_display = ["kode", "nama", "jenis", "kepala_nama", "zona_waktu"]
    list_filter = ["jenis"]
    search_fields = ["kode", "nama"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(SakipAdmin):
    list_display = ["kode", "nama", "singkatan", "pemda"]
    list_filter = [("pemda", FilterDalamCakupan)]
    list_select_related = ["pemda"]
    search_fields = ["kode", "nama", "singkatan"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(SakipAdmin):
    list_display = ["kode", "nama", "jenis", "perangkat_daerah", "induk", "urutan"]
    list_filter = [("pd", FilterPerangkatDaerah), "jenis"]
    list_select_related = ["pd", "induk"]
    search_fields = ["kode", "nama", "pd__kode", "pd__nama", "pd__singkatan"]
    autocomplete_fields = ["induk"]


@admin.register(Pejabat)
class PejabatAdmin(SakipAdmin):
    list_display = ["kode", "nama_lengkap", "nip_tampil", "jabatan", "perangkat_daerah", "unit_kerja"]
    list_filter = [("pd", FilterPerangkatDaerah)]
    list_select_related = ["pd", "unit_kerja"]
    search_fields = ["kode", "nama", "nip", "jabatan", "pd__kode", "pd__nama"]
    autocomplete_fields = ["unit_kerja"]

    @admin.display(description=_("nama"), ordering="nama")
    def nama_lengkap(self, obj: Pejabat) -> str:
        return obj.nama_lengkap

    @admin.display(description=_("NIP"), ordering="nip")
    def nip_tampil(self, obj: Pejabat) -> str:
        return format_nip(obj.nip)


class HanyaSuperuserMengubah:
    """Accounts, groups and memberships are kept on the application's *Pengguna* screens (renstra.views), where an
    admin pemda manages the users of their own pemda under the rules of renstra.services; in the admin only a
    superuser changes them, whatever model permissions a group grants."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Keanggotaan)
class KeanggotaanAdmin(HanyaSuperuserMengubah, SakipAdmin):
    list_display = ["pengguna", "peran", "pemda", "perangkat_daerah", "unit_kerja"]
    list_filter = ["peran", ("pemda", FilterDalamCakupan), ("pd", FilterPerangkatDaerah)]
    list_select_related = ["user", "pemda", "pd", "unit_kerja"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "pd__kode",
        "pd__nama",
        "unit_kerja__kode",
        "unit_kerja__nama",
    ]
    autocomplete_fields = ["user", "pd", "unit_kerja"]
    ordering = ["user__username", "peran"]

    @admin.display(description=_("pengguna"), ordering="user__username")
    def pengguna(self, obj: Keanggotaan):
        return obj.user


class KeanggotaanInline(HanyaSuperuserMengubah, TabularInline):
    model = Keanggotaan
    fk_name = "user"
    fields = ["peran", "pemda", "pd", "unit_kerja"]
    autocomplete_fields = ["pemda", "pd", "unit_kerja"]
    verbose_name = _("peran")
    verbose_name_plural = _("peran di pemda, perangkat daerah dan unit kerja")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "pemda", "pd", "unit_kerja")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


class HanyaSuperuser(HanyaSuperuserMengubah):
    """Not even listed for anyone else: the accounts of every pemda live in these tables."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(User)
class PenggunaAdmin(HanyaSuperuser, UserAdmin):
    """django.contrib.auth's user admin with the person's SAKIP roles inline, for superusers only: an admin pemda
    manages the users of their pemda on the *Pengguna* screens, so no account of another pemda, no superuser flag, no
    group and no password is within their reach here."""

    inlines = [*UserAdmin.inlines, KeanggotaanInline]


if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class GrupAdmin(HanyaSuperuser, GroupAdmin):
    """Groups carry the model permissions of every role: changed by a superuser only."""


# --- the Renstra ------------------------------------------------------------------------------------------


class MisiInline(TabularInline):
    model = Misi
    fields = ["kode", "uraian", "urutan"]
    show_change_link = True


class TujuanInline(TabularInline):
    model = Tujuan
    fields = ["kode", "uraian", "urutan"]
    show_change_link = True


@admin.register(Renstra)
class RenstraAdmin(SakipAdmin):
    select_related_selalu = ("pd",)
    list_display = [
        "__str__",
        "perangkat_daerah",
        kolom_tahun("tahun_mulai", _("tahun mulai")),
        kolom_tahun("tahun_selesai", _("tahun selesai")),
    ]
    list_filter = [("pd", FilterPerangkatDaerah), "tahun_mulai"]
    list_select_related = ["pd"]
    search_fields = ["pd__kode", "pd__nama", "pd__singkatan", "visi"]
    inlines = [MisiInline, TujuanInline]


@admin.register(Misi)
class MisiAdmin(SakipAdmin):
    list_display = ["kode", "uraian_ringkas", "renstra", "urutan"]
    list_filter = [("renstra__pd", FilterPerangkatDaerah)]
    list_select_related = ["renstra__pd"]
    search_fields = ["kode", "uraian", "renstra__pd__kode", "renstra__pd__nama"]

    @admin.display(description=_("uraian"), ordering="uraian")
    def uraian_ringkas(self, obj: Misi) -> str:
        return ringkas(obj.uraian)


class SasaranInlineFormSet(forms.BaseInlineFormSet):
    """Sasaran typed under a Tujuan take the Tujuan's Renstra; kode stays unique within it."""

    def clean(self) -> None:
        super().clean()
        renstra_id = self.instance.renstra_id
        dipakai: set[str] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or self._should_delete_form(form):
                continue
            form.instance.renstra_id = renstra_id
            kode = form.cleaned_data.get("kode")
            if not kode:
                continue
            lain = Sasaran.objects.filter(renstra_id=renstra_id, kode=kode).exclude(pk=form.instance.pk)
            if kode in dipakai or lain.exists():
                form.add_error("kode", KODE_SASARAN_GANDA)
            dipakai.add(kode)


class SasaranInline(TabularInline):
    model = Sasaran
    fk_name = "tujuan"
    formset = SasaranInlineFormSet
    fields = ["kode", "uraian", "urutan"]
    show_change_link = True


@admin.register(Tujuan)
class TujuanAdmin(SakipAdmin):
    list_display = ["kode", "uraian_ringkas", "renstra", "urutan"]
    list_filter = [("renstra__pd", FilterPerangkatDaerah)]
    list_select_related = ["renstra__pd"]
    search_fields = ["kode", "uraian", "renstra__pd__kode", "renstra__pd__nama"]
    autocomplete_fields = ["misi"]
    inlines = [SasaranInline]

    @admin.display(description=_("uraian"), ordering="uraian")
    def uraian_ringkas(self, obj: Tujuan) -> str:
        return ringkas(obj.uraian)


class SasaranForm(forms.ModelForm):
    class Meta:
        model = Sasaran
        fields = ["renstra", "tujuan", "kode", "uraian", "urutan"]

    def clean(self):
        data = super().clean()
        renstra, tujuan = data.get("renstra"), data.get("tujuan")
        if renstra and tujuan and tujuan.renstra_id != renstra.pk:
            self.add_error("tujuan", TUJUAN_LAIN_RENSTRA)
        return data


@admin.register(Sasaran)
class SasaranAdmin(SakipAdmin):
    form = SasaranForm
    list_display = ["kode", "uraian_ringkas", "kode_tujuan", "renstra", "urutan"]
    list_filter = [("renstra__pd", FilterPerangkatDaerah)]
    list_select_related = ["renstra__pd", "tujuan"]
    search_fields = ["kode", "uraian", "tujuan__kode", "tujuan__uraian", "renstra__pd__kode", "renstra__pd__nama"]
    autocomplete_fields = ["tujuan"]

    @admin.display(description=_("uraian"), ordering="uraian")
    def uraian_ringkas(self, obj: Sasaran) -> str:
        return ringkas(obj.uraian)

    @admin.display(description=_("tujuan"), ordering="tujuan__kode")
    def kode_tujuan(self, obj: Sasaran) -> str:
        return obj.tujuan.kode


# --- program / kegiatan / sub kegiatan --------------------------------------------------------------------


class KegiatanInline(TabularInline):
    model = Kegiatan
    fields = ["kode", "nama", "urutan"]
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(SakipAdmin):
    list_display = ["kode", "nama", "perangkat_daerah", "jumlah_kegiatan", "urutan"]
    list_filter = [("pd", FilterPerangkatDaerah)]
    list_select_related = ["pd"]
    search_fields = ["kode", "nama", "pd__kode", "pd__nama"]
    autocomplete_fields = ["sasaran"]
    inlines = [KegiatanInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_jumlah_kegiatan=Count("kegiatan"))

    @admin.display(description=_("jumlah kegiatan"), ordering="_jumlah_kegiatan")
    def jumlah_kegiatan(self, obj: Program) -> str:
        return format_angka(obj._jumlah_kegiatan, 0)


class SubKegiatanInline(TabularInline):
    model = SubKegiatan
    fields = ["kode", "nama", "unit_kerja", "urutan"]
    autocomplete_fields = ["unit_kerja"]
    show_change_link = True


@admin.register(Kegiatan)
class KegiatanAdmin(SakipAdmin):
    list_display = ["kode", "nama", "program", "urutan"]
    list_filter = [("program__pd", FilterPerangkatDaerah)]
    list_select_related = ["program"]
    search_fields = ["kode", "nama", "program__kode", "program__nama"]
    autocomplete_fields = ["program"]
    inlines = [SubKegiatanInline]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(SakipAdmin):
    list_display = ["kode", "nama", "kode_kegiatan", "unit_kerja", "urutan"]
    list_filter = [("kegiatan__program__pd", FilterPerangkatDaerah)]
    list_select_related = ["kegiatan", "unit_kerja"]
    search_fields = [
        "kode",
        "nama",
        "kegiatan__kode",
        "kegiatan__program__kode",
        "unit_kerja__kode",
        "unit_kerja__nama",
    ]
    autocomplete_fields = ["kegiatan", "unit_kerja"]

    @admin.display(description=_("kegiatan"), ordering="kegiatan__kode")
    def kode_kegiatan(self, obj: SubKegiatan) -> str:
        return obj.kegiatan.kode


# --- indicators -------------------------------------------------------------------------------------------


class TargetIndikatorInline(TabularInline):
    model = TargetIndikator
    fields = ["tahun", "nilai", "label"]

    def get_queryset(self, request):  # a row's name shows the indicator's kode
        return super().get_queryset(request).select_related("indikator")


@admin.register(Indikator)
class IndikatorAdmin(SakipAdmin):
    list_display = [
        "kode",
        "uraian_ringkas",
        "level",
        "iku",
        "satuan",
        "polaritas",
        "akumulasi",
        "perangkat_daerah",
        "unit_kerja",
    ]
    list_filter = [("pd", FilterPerangkatDaerah), "level", "iku", "polaritas", "akumulasi"]
    list_select_related = ["pd", "unit_kerja"]
    search_fields = [
        "kode",
        "uraian",
        "satuan",
        "tujuan__kode",
        "sasaran__kode",
        "program__kode",
        "kegiatan__kode",
        "sub_kegiatan__kode",
        "unit_kerja__nama",
    ]
    autocomplete_fields = [
        "skala_predikat",
        "unit_kerja",
        "menggantikan",
        "tujuan",
        "sasaran",
        "program",
        "kegiatan",
        "sub_kegiatan",
    ]
    fieldsets = [
        (None, {"fields": ["pd", "kode", "uraian", "iku", "urutan"]}),
        (
            _("Kedudukan"),
            {
                "fields": ["level", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"],
                "description": _("Isi satu induk saja, sesuai level indikator."),
            },
        ),
        (_("Pengukuran"), {"fields": ["satuan", "desimal", "polaritas", "akumulasi", "skala_predikat"]}),
        (_("Definisi"), {"fields": ["definisi_operasional", "formula", "sumber_data", "unit_kerja"]}),
        (
            _("Masa berlaku dan kondisi awal"),
            {
                "fields": [
                    "berlaku_dari",
                    "berlaku_sampai",
                    "kondisi_awal_tahun",
                    "kondisi_awal_nilai",
                    "kondisi_awal_label",
                ]
            },
        ),
        (_("Reviu"), {"fields": ["menggantikan"]}),
    ]
    inlines = [TargetIndikatorInline]

    @admin.display(description=_("uraian"), ordering="uraian")
    def uraian_ringkas(self, obj: Indikator) -> str:
        return ringkas(obj.uraian)


@admin.register(TargetIndikator)
class TargetIndikatorAdmin(SakipAdmin):
    list_display = ["kode_indikator", "uraian_indikator", TAHUN, "target"]
    list_filter = [("indikator__pd", FilterPerangkatDaerah), "tahun", "indikator__iku", "indikator__level"]
    list_select_related = ["indikator"]
    search_fields = ["indikator__kode", "indikator__uraian", "label"]
    autocomplete_fields = ["indikator"]

    @admin.display(description=_("kode indikator"), ordering="indikator__kode")
    def kode_indikator(self, obj: TargetIndikator) -> str:
        return obj.indikator.kode

    @admin.display(description=_("indikator"))
    def uraian_indikator(self, obj: TargetIndikator) -> str:
        return ringkas(obj.indikator.uraian, 70)

    @admin.display(description=_("target"), ordering="nilai")
    def target(self, obj: TargetIndikator) -> str:
        return format_nilai(obj.nilai, obj.label, obj.indikator.desimal)
