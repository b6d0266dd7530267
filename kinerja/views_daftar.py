"""The realisation lists (kinerja and anggaran) and their downloads.

One FilterSet and one table serve the page and its download, so the CSV or XLSX holds exactly the filtered, sorted
rows the page shows, on every page, with the same columns. Rows are scoped to the person before any filter applies
(:mod:`kinerja.filters`); a filter naming a PD or unit outside that scope is invalid and shows nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from anggaran import excel

from . import filters, tables

PER_HALAMAN = 50
FORMAT_UNDUH = ("csv", "xlsx")


@dataclass(frozen=True)
class Daftar:
    jenis: str
    judul: Any
    url: str
    url_unduh: str
    filter_class: type
    tabel_class: type
    ekspor_class: type[excel.EksporTabel]
    urutan_baku: tuple

    def queryset(self, user) -> QuerySet:
        base = filters.realisasi_kinerja_terlihat if self.jenis == "kinerja" else filters.realisasi_anggaran_terlihat
        return base(user).order_by(*self.urutan_baku)


_TW = F("triwulan").asc(nulls_last=True)

KINERJA = Daftar(
    jenis="kinerja",
    judul=_("Realisasi kinerja"),
    url="kinerja:realisasi-list",
    url_unduh="kinerja:realisasi-list-unduh",
    filter_class=filters.RealisasiKinerjaFilter,
    tabel_class=tables.RealisasiKinerjaTable,
    ekspor_class=excel.RealisasiKinerjaEkspor,
    urutan_baku=("indikator__pd__nama", "unit_nama", "indikator__kode", "tahun", _TW, "pk"),
)
ANGGARAN = Daftar(
    jenis="anggaran",
    judul=_("Realisasi anggaran"),
    url="kinerja:anggaran-list",
    url_unduh="kinerja:anggaran-list-unduh",
    filter_class=filters.RealisasiAnggaranFilter,
    tabel_class=tables.RealisasiAnggaranTable,
    ekspor_class=excel.RealisasiAnggaranEkspor,
    urutan_baku=(
        "sub_kegiatan__kegiatan__program__pd__nama",
        "unit_nama",
        "sub_kegiatan__kode",
        "rekening__kode",
        "tahun",
        _TW,
        "pk",
    ),
)


def _tabel(request: HttpRequest, daftar: Daftar, *, halaman: bool):
    """The page's FilterSet and its table, sorted by ``?sort=``; paginated for the page, whole for a download."""
    filterset = daftar.filter_class(request.GET or None, queryset=daftar.queryset(request.user), request=request)
    # an invalid filter (e.g. a PD the person may not see) shows nothing rather than everything
    qs = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
    tabel = daftar.tabel_class(qs)
    RequestConfig(request, paginate={"per_page": PER_HALAMAN} if halaman else False).configure(tabel)
    return filterset, tabel


def _daftar(request: HttpRequest, daftar: Daftar) -> HttpResponse:
    filterset, tabel = _tabel(request, daftar, halaman=True)
    ctx = {
        "daftar": daftar,
        "lain": ANGGARAN if daftar is KINERJA else KINERJA,
        "filter": filterset,
        "tabel": tabel,
        "baris": list(tabel.paginated_rows),  # run the page's query before rendering
    }
    return render(request, "kinerja/realisasi_list.html", ctx)


def _unduh(request: HttpRequest, daftar: Daftar, format: str) -> HttpResponse:
    if format not in FORMAT_UNDUH:
        raise Http404
    _filterset, tabel = _tabel(request, daftar, halaman=False)
    ekspor = daftar.ekspor_class(tabel)
    tanggal = timezone.localdate().isoformat()
    if format == "csv":
        berkas = io.StringIO(newline="")
        excel.tulis_csv(ekspor, berkas)
        isi: bytes = berkas.getvalue().encode("utf-8")
        jenis = excel.JENIS_CSV
    else:
        biner = io.BytesIO()
        excel.tulis_xlsx(ekspor, biner)
        isi = biner.getvalue()
        jenis = excel.JENIS_XLSX
    respons = HttpResponse(isi, content_type=jenis)
    respons["Content-Disposition"] = f'attachment; filename="{ekspor.identifier}-{tanggal}.{format}"'
    return respons


@login_required
@require_GET
def realisasi_list(request: HttpRequest) -> HttpResponse:
    return _daftar(request, KINERJA)


@login_required
@require_GET
def realisasi_list_unduh(request: HttpRequest, format: str) -> HttpResponse:
    return _unduh(request, KINERJA, format)


@login_required
@require_GET
def anggaran_list(request: HttpRequest) -> HttpResponse:
    return _daftar(request, ANGGARAN)


@login_required
@require_GET
def anggaran_list_unduh(request: HttpRequest, format: str) -> HttpResponse:
    return _unduh(request, ANGGARAN, format)
