"""The two realisation lists as django-tables2 tables.

``render_*`` methods give the HTML cell, every number through :mod:`sakip.angka`; ``value_*`` methods give the
native value (``Decimal``, ``int``, ``datetime``, ``str``) the downloads write, so a spreadsheet gets numbers, not
formatted text. Columns with ``visible=False`` are not shown but are downloaded (the label of a realisation, which
the page prints inside the Realisasi cell).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import django_tables2 as tables
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sakip.angka import format_nilai
from sakip.templatetags.angka import angka

from .selectors import label_triwulan

KOLOM_ANGKA = {"th": {"class": "angka"}, "td": {"class": "angka"}}
FORMAT_WAKTU = "j F Y H:i"


def _urut_kosong_terakhir(queryset: QuerySet, field: str, turun: bool) -> tuple[QuerySet, bool]:
    """Order with empty values last on every database (SQLite and PostgreSQL disagree by default)."""
    urutan = F(field).desc(nulls_last=True) if turun else F(field).asc(nulls_last=True)
    return queryset.order_by(urutan, "pk"), True


class _RealisasiTable(tables.Table):
    """Columns both lists share: period, workflow stage and last change."""

    pd = tables.Column(verbose_name=_("Perangkat Daerah"))
    unit = tables.Column(verbose_name=_("Unit Kerja"), accessor="unit_nama", order_by=("unit_nama", "pk"))
    tahun = tables.Column(verbose_name=_("Tahun"), order_by=("tahun", "pk"))
    triwulan = tables.Column(verbose_name=_("Triwulan"), empty_values=())
    tahap = tables.Column(verbose_name=_("Tahap"), order_by=("tahap", "pk"))
    updated_by = tables.Column(verbose_name=_("Diubah oleh"), order_by=("updated_by__username", "pk"))
    updated_at = tables.Column(verbose_name=_("Diubah"), order_by=("updated_at", "pk"))

    class Meta:
        attrs = {"class": "tabel"}
        orderable = True

    @staticmethod
    def url_entri(unit_id: int | None, tahun: int, triwulan: int | None) -> str | None:
        """The entry page of the row's unit and quarter (none for a yearly row or a row without a unit)."""
        if unit_id is None or triwulan is None:
            return None
        return reverse("kinerja:entri", kwargs={"unit_id": unit_id, "tahun": tahun, "triwulan": triwulan})

    def _tautan(self, teks: str, url: str | None):
        return format_html('<a href="{}">{}</a>', url, teks) if url else teks

    def render_tahun(self, value: int) -> str:
        return str(value)  # a year, not an amount: never "2.024"

    def value_tahun(self, value: int) -> int:
        return value

    def render_triwulan(self, value: int | None) -> str:
        return label_triwulan(value) if value else str(_("Tahunan"))

    def order_triwulan(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return _urut_kosong_terakhir(queryset, "triwulan", is_descending)

    def render_tahap(self, value: str, record) -> str:
        return format_html('<span class="lencana {}">{}</span>', record.tahap, value)

    def value_tahap(self, value: str) -> str:
        return str(value)

    def render_updated_by(self, value) -> str:
        return value.get_full_name() or value.get_username()

    def render_updated_at(self, value: datetime) -> str:
        return dateformat.format(timezone.localtime(value), FORMAT_WAKTU)

    def value_updated_at(self, value: datetime) -> datetime:
        """Local wall-clock time without a zone (spreadsheets have no time zones)."""
        return timezone.localtime(value).replace(tzinfo=None)


class RealisasiKinerjaTable(_RealisasiTable):
    pd = tables.Column(
        verbose_name=_("Perangkat Daerah"), accessor="indikator__pd__nama", order_by=("indikator__pd__nama", "pk")
    )
    indikator = tables.Column(
        verbose_name=_("Indikator Kinerja"), accessor="indikator__kode", order_by=("indikator__kode", "pk")
    )
    satuan = tables.Column(verbose_name=_("Satuan"), accessor="indikator__satuan", order_by=("indikator__satuan", "pk"))
    realisasi = tables.Column(verbose_name=_("Realisasi"), accessor="nilai", empty_values=(), attrs=KOLOM_ANGKA)
    label = tables.Column(verbose_name=_("Label"), visible=False, orderable=False)
    status = tables.Column(verbose_name=_("Status"), order_by=("status", "pk"))

    class Meta(_RealisasiTable.Meta):
        sequence = (
            "pd",
            "unit",
            "indikator",
            "satuan",
            "tahun",
            "triwulan",
            "realisasi",
            "label",
            "status",
            "tahap",
            "updated_by",
            "updated_at",
        )

    def render_indikator(self, record) -> str:
        teks = f"{record.indikator.kode} {record.indikator.uraian}"
        return self._tautan(teks, self.url_entri(record.unit_id, record.tahun, record.triwulan))

    def value_indikator(self, record) -> str:
        return f"{record.indikator.kode} {record.indikator.uraian}"

    def render_realisasi(self, record) -> str:
        return format_nilai(record.nilai, record.label, record.indikator.desimal)

    def value_realisasi(self, record) -> Decimal | None:
        return record.nilai

    def order_realisasi(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        return _urut_kosong_terakhir(queryset, "nilai", is_descending)

    def value_status(self, value: str) -> str:
        return str(value)


class RealisasiAnggaranTable(_RealisasiTable):
    pd = tables.Column(
        verbose_name=_("Perangkat Daerah"),
        accessor="sub_kegiatan__kegiatan__program__pd__nama",
        order_by=("sub_kegiatan__kegiatan__program__pd__nama", "pk"),
    )
    sub_kegiatan = tables.Column(
        verbose_name=_("Sub Kegiatan"), accessor="sub_kegiatan__kode", order_by=("sub_kegiatan__kode", "pk")
    )
    rekening = tables.Column(
        verbose_name=_("Kode Rekening"), accessor="rekening__kode", order_by=("rekening__kode", "pk")
    )
    uraian_rekening = tables.Column(
        verbose_name=_("Uraian Rekening"), accessor="rekening__uraian", order_by=("rekening__uraian", "pk")
    )
    jumlah = tables.Column(verbose_name=_("Realisasi Anggaran"), order_by=("jumlah", "pk"), attrs=KOLOM_ANGKA)

    class Meta(_RealisasiTable.Meta):
        sequence = (
            "pd",
            "unit",
            "sub_kegiatan",
            "rekening",
            "uraian_rekening",
            "tahun",
            "triwulan",
            "jumlah",
            "tahap",
            "updated_by",
            "updated_at",
        )

    def render_sub_kegiatan(self, record) -> str:
        sub = record.sub_kegiatan
        return self._tautan(f"{sub.kode} {sub.nama}", self.url_entri(sub.unit_kerja_id, record.tahun, record.triwulan))

    def value_sub_kegiatan(self, record) -> str:
        return f"{record.sub_kegiatan.kode} {record.sub_kegiatan.nama}"

    def render_jumlah(self, value: Decimal) -> str:
        return angka(value, "rp")

    def value_jumlah(self, value: Decimal) -> Decimal:
        return value
