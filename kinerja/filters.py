"""The realisation lists: the rows a person may see, and the filters of the list pages and their downloads.

The base querysets are scoped with :mod:`renstra.akses` before any filter applies, so a PD or unit id in the URL can
only narrow what the person may see, never widen it: a PD outside their scope is not even a valid choice.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from anggaran.models import RealisasiAnggaran
from renstra.akses import cakupan, pd_terlihat
from renstra.models import UnitKerja

from .models import RealisasiKinerja, Tahap
from .selectors import label_triwulan

TAHUNAN = "tahunan"
SEMUA = _("Semua")


def _lingkup(user, pd: str, unit: str) -> Q | None:
    """The rows of the PDs the person may see (``pd_terlihat``), and within a PD the units they may open
    (``unit_terlihat``: every unit for PD-wide and pemda-wide roles, their own unit for an operator)."""
    c = cakupan(user)
    if c.semua:
        return None
    pd_penuh = Q(**{f"{pd}__in": c.pd_baca}) | Q(**{f"{pd}__pemda_id__in": c.pemda_baca})
    return Q(**{f"{pd}__in": pd_terlihat(user).values("pk")}) & (pd_penuh | Q(**{f"{unit}__in": c.unit_operator}))


def unit_terlihat_semua(user) -> QuerySet[UnitKerja]:
    """Every unit the person may open, across all the PDs they may see."""
    qs = UnitKerja.objects.select_related("pd").order_by("pd__nama", "urutan", "kode")
    lingkup = _lingkup(user, "pd", "pk")
    return qs if lingkup is None else qs.filter(lingkup)


def realisasi_kinerja_terlihat(user) -> QuerySet[RealisasiKinerja]:
    """Realisations of indicators the person may see, with the responsible unit (the indicator's own, else its
    sub kegiatan's) as ``unit_id`` and ``unit_nama``; loaded with what the list shows."""
    qs = RealisasiKinerja.objects.annotate(
        unit_id=Coalesce("indikator__unit_kerja_id", "indikator__sub_kegiatan__unit_kerja_id"),
        unit_nama=Coalesce("indikator__unit_kerja__nama", "indikator__sub_kegiatan__unit_kerja__nama", Value("")),
    ).select_related("indikator__pd", "updated_by")
    lingkup = _lingkup(user, "indikator__pd", "unit_id")
    return qs if lingkup is None else qs.filter(lingkup)


def realisasi_anggaran_terlihat(user) -> QuerySet[RealisasiAnggaran]:
    """Spending rows of sub kegiatan the person may see, loaded with what the list shows."""
    qs = RealisasiAnggaran.objects.annotate(
        unit_nama=Coalesce("sub_kegiatan__unit_kerja__nama", Value("")),
    ).select_related("sub_kegiatan__kegiatan__program__pd", "sub_kegiatan__unit_kerja", "rekening", "updated_by")
    lingkup = _lingkup(user, "sub_kegiatan__kegiatan__program__pd", "sub_kegiatan__unit_kerja_id")
    return qs if lingkup is None else qs.filter(lingkup)


class _PilihanUnit(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{obj.nama} ({obj.pd.singkatan or obj.pd.nama})"


class _FilterUnit(django_filters.ModelChoiceFilter):
    field_class = _PilihanUnit


def _pd_pilihan(request) -> QuerySet:
    return pd_terlihat(request.user).order_by("nama")


def _unit_pilihan(request) -> QuerySet[UnitKerja]:
    return unit_terlihat_semua(request.user)


def _tw_pilihan() -> list[tuple[str, str]]:
    return [(str(t), label_triwulan(t)) for t in (1, 2, 3, 4)] + [(TAHUNAN, str(_("Tahunan")))]


class _RealisasiFilter(django_filters.FilterSet):
    """What both lists filter by. ``request`` is required: the choices are the person's own PDs and units."""

    tahun = django_filters.ChoiceFilter(label=_("Tahun"), empty_label=SEMUA)
    triwulan = django_filters.ChoiceFilter(
        label=_("Triwulan"), choices=_tw_pilihan, empty_label=SEMUA, method="filter_triwulan"
    )
    tahap = django_filters.ChoiceFilter(label=_("Tahap"), choices=Tahap.choices, empty_label=SEMUA)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # the years the person has rows for (one query, when the form is built)
        self.filters["tahun"].extra["choices"] = lambda: [
            (str(t), str(t)) for t in self.queryset.order_by("-tahun").values_list("tahun", flat=True).distinct()
        ]

    def filter_triwulan(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == TAHUNAN:
            return queryset.filter(triwulan__isnull=True)
        return queryset.filter(triwulan=int(value))


class RealisasiKinerjaFilter(_RealisasiFilter):
    pd = django_filters.ModelChoiceFilter(
        label=_("Perangkat Daerah"), field_name="indikator__pd", queryset=_pd_pilihan, empty_label=SEMUA
    )
    unit = _FilterUnit(label=_("Unit Kerja"), queryset=_unit_pilihan, empty_label=SEMUA, method="filter_unit")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RealisasiKinerja.Status.choices, empty_label=SEMUA)

    class Meta:
        model = RealisasiKinerja
        fields = ["pd", "unit", "tahun", "triwulan", "tahap", "status"]

    def filter_unit(self, queryset: QuerySet, name: str, value: UnitKerja) -> QuerySet:
        return queryset.filter(unit_id=value.pk)


class RealisasiAnggaranFilter(_RealisasiFilter):
    pd = django_filters.ModelChoiceFilter(
        label=_("Perangkat Daerah"),
        field_name="sub_kegiatan__kegiatan__program__pd",
        queryset=_pd_pilihan,
        empty_label=SEMUA,
    )
    unit = _FilterUnit(
        label=_("Unit Kerja"), field_name="sub_kegiatan__unit_kerja", queryset=_unit_pilihan, empty_label=SEMUA
    )

    class Meta:
        model = RealisasiAnggaran
        fields = ["pd", "unit", "tahun", "triwulan", "tahap"]
