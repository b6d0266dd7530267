"""The budget page of a PD's year and the downloads of its DPA workbooks (:mod:`anggaran.dpa`).

A PD's workbooks are small (the Paser demo writes each in well under a second), so they are built in the request.
"""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kinerja import selectors
from renstra.akses import get_pd_for_user
from renstra.models import PerangkatDaerah

from . import dpa
from .excel import JENIS_XLSX
from .excel.buku import nama_berkas_buku, tulis_buku


def _pd(request: HttpRequest, pd_id: int, tahun: int) -> PerangkatDaerah:
    """The PD if the person reads it; 404 otherwise (and for a year out of range)."""
    if not 2000 <= tahun <= 2100:
        raise Http404
    pd = get_pd_for_user(request.user, pd_id)
    if not request.user.has_perm("renstra.view_pd", pd):
        raise Http404
    return pd


@login_required
@require_GET
def dpa_detail(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    pd = _pd(request, pd_id, tahun)
    hasil = selectors.hasil_tahun(pd, tahun)
    ctx = {
        "pd": pd,
        "tahun": tahun,
        "triwulan": selectors.triwulan_navigasi(tahun),  # the navigation's "Pelaporan triwulan", as on the dashboard
        "tahun_list": sorted({*selectors.tahun_dengan_data(pd), tahun}),
        "versi_list": dpa.versi_dpa(pd, tahun),
        "total": hasil.total,
        "ada_anggaran": bool(hasil.total.pagu) or bool(hasil.total.realisasi),
        "jenis_list": list(dpa.JENIS_DPA.values()),
        "boleh_impor": request.user.has_perm("renstra.plan_pd", pd),
    }
    return render(request, "anggaran/dpa_detail.html", ctx)


@login_required
@require_GET
def dpa_unduh(request: HttpRequest, pd_id: int, tahun: int, kode: str) -> HttpResponse:
    if kode not in dpa.JENIS_DPA:
        raise Http404
    pd = _pd(request, pd_id, tahun)
    buku = dpa.buku_dpa(pd=pd, tahun=tahun, kode=kode)
    berkas = io.BytesIO()
    tulis_buku(buku, berkas)
    respons = HttpResponse(berkas.getvalue(), content_type=JENIS_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="{nama_berkas_buku(buku)}"'
    return respons
