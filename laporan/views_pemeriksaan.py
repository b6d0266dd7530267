"""The Pemeriksaan data page: every data problem of a PD's year, grouped by class, each with the link to fix it.

Anyone who may read the PD may open it (the planner fixes, the reviewer checks); the findings come from
:func:`laporan.pemeriksaan.periksa`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from renstra.akses import get_pd_for_user

from .pemeriksaan import GALAT, KATEGORI_DIHITUNG, Masalah, periksa


@dataclass(frozen=True)
class Kelompok:
    """The problems of one class, in the order found; a class is a galat when any of its problems is."""

    judul: str
    jenis: str
    masalah: tuple[Masalah, ...]

    @property
    def tingkat(self) -> str:
        return GALAT if any(m.tingkat == GALAT for m in self.masalah) else self.masalah[0].tingkat


def kelompokkan(masalah: tuple[Masalah, ...]) -> list[Kelompok]:
    """Classes with a galat first, then the warnings, each in the order of the checks."""
    per_judul: dict[str, list[Masalah]] = {}
    for m in masalah:
        per_judul.setdefault(m.judul, []).append(m)
    kelompok = [Kelompok(judul, ms[0].jenis, tuple(ms)) for judul, ms in per_judul.items()]
    return sorted(kelompok, key=lambda k: k.tingkat != GALAT)


@login_required
@require_GET
def pemeriksaan(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    if not 2000 <= tahun <= 2100:
        raise Http404
    pd = get_pd_for_user(request.user, pd_id)
    masalah = periksa(pd=pd, tahun=tahun)
    ctx = {
        "pd": pd,
        "tahun": tahun,
        "kelompok": kelompokkan(masalah),
        "jumlah_galat": sum(1 for m in masalah if m.tingkat == GALAT),
        "jumlah_peringatan": sum(1 for m in masalah if m.tingkat != GALAT),
        "catatan_kategori": KATEGORI_DIHITUNG,
    }
    return render(request, "laporan/pemeriksaan.html", ctx)
