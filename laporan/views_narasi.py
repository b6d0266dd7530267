"""The report's narrative editor (the planner's texts, place, date, signatory and images) and its images.

Narrative quotes figures through ``{{ nama }}`` placeholders (laporan/narasi.py): the editor lists every placeholder
with its current value next to the texts, and after a save warns about unknown placeholders and typed numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from renstra.akses import get_pd_for_user

from . import services_reviu
from .forms import NarasiForm
from .konteks import muat_dasar
from .models import Laporan
from .narasi import Isian, angka_diketik, isian_dipakai
from .render import GAMBAR, jenis_gambar
from .services_reviu import BagianNarasi


def cek_tahun(tahun: int) -> None:
    if not 2000 <= tahun <= 2100:
        raise Http404


@dataclass(frozen=True)
class BidangNarasi:
    """One textarea of the editor with what the saved text needs fixing."""

    bagian: BagianNarasi
    field: object  # the BoundField
    hilang: tuple[str, ...]  # unknown placeholders in the saved text
    angka: tuple[str, ...]  # numbers typed into the saved text
    tersimpan: str | None  # the stored text, shown after a refused save when it differs from the form's


def _bidang(form: NarasiForm, tersimpan: dict[str, str], isian: dict[str, Isian], konflik: bool) -> list:
    """The narrative fields grouped as printed: [(group title, [BidangNarasi, …]), …]."""
    kelompok: dict[str, list[BidangNarasi]] = {}
    for b in form.bagian:
        teks = tersimpan.get(b.kunci, "")
        hilang = tuple(dict.fromkeys(n for n in isian_dipakai(teks) if n not in isian))
        beda = konflik and (form[b.kunci].value() or "").strip() != teks
        kelompok.setdefault(b.kelompok, []).append(
            BidangNarasi(b, form[b.kunci], hilang, tuple(angka_diketik(teks)), teks if beda else None)
        )
    return list(kelompok.items())


@login_required
@require_http_methods(["GET", "POST"])
def narasi(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    cek_tahun(tahun)
    pd = get_pd_for_user(request.user, pd_id, rencana=True)
    d = muat_dasar(pd, tahun)
    bagian = services_reviu.daftar_bagian_narasi(d.sasaran)
    laporan = d.laporan
    konflik = False
    if request.method == "POST":
        form = NarasiForm(request.POST, request.FILES, pd=pd, bagian=bagian)
        if form.is_valid():
            c = form.cleaned_data
            try:
                services_reviu.narasi_simpan(
                    pd=pd,
                    tahun=tahun,
                    user=request.user,
                    sidik_awal=c["sidik"],
                    tempat=c["tempat"],
                    tanggal=c["tanggal"],
                    penandatangan=c["penandatangan"],
                    logo=c["logo"] or None,
                    hapus_logo=c["hapus_logo"],
                    bagan_organisasi=c["bagan_organisasi"] or None,
                    hapus_bagan_organisasi=c["hapus_bagan_organisasi"],
                    narasi=form.narasi(),
                    kunci_sah=frozenset(b.kunci for b in bagian),
                )
            except services_reviu.ReviuError as e:
                messages.error(request, str(e))
                konflik = True
                data = request.POST.copy()
                sekarang = Laporan.objects.filter(pd=pd, tahun=tahun).first()
                data["sidik"] = services_reviu.sidik_narasi(sekarang)  # a second save overwrites knowingly
                form = NarasiForm(data, pd=pd, bagian=bagian)
                form.is_valid()
            else:
                messages.success(request, _("Narasi dan identitas laporan tersimpan."))
                return redirect("laporan:narasi", pd_id=pd.pk, tahun=tahun)
        else:
            messages.error(request, _("Periksa isian yang ditandai."))
    else:
        form = NarasiForm(
            initial={
                "sidik": services_reviu.sidik_narasi(laporan),
                "tempat": laporan.tempat,
                "tanggal": laporan.tanggal,
                "penandatangan": laporan.penandatangan_id,
                **d.narasi,
            },
            pd=pd,
            bagian=bagian,
        )
    isian = d.isian
    return render(
        request,
        "laporan/narasi.html",
        {
            "pd": pd,
            "tahun": tahun,
            "form": form,
            "laporan": laporan if laporan.pk else None,
            "kelompok": _bidang(form, d.narasi, isian, konflik),
            "isian": list(isian.values()),
        },
    )


@login_required
@require_GET
def gambar(request: HttpRequest, pd_id: int, tahun: int, jenis: str) -> HttpResponse:
    """The report's cover logo or organisation chart, to anyone who may read the PD; 404 when there is none."""
    cek_tahun(tahun)
    if jenis not in GAMBAR:
        raise Http404
    pd = get_pd_for_user(request.user, pd_id)
    laporan = Laporan.objects.filter(pd=pd, tahun=tahun).first()
    berkas = getattr(laporan, GAMBAR[jenis]) if laporan else None
    if not berkas:
        raise Http404
    try:
        f = berkas.open("rb")
    except OSError as e:
        raise Http404 from e
    awal = f.read(16)
    f.seek(0)
    tipe = jenis_gambar(awal)
    if tipe is None:
        f.close()
        raise Http404
    respons = FileResponse(f, content_type=tipe)
    respons["Cache-Control"] = "private, max-age=3600"  # the URL carries the stored name (?v=…): a new image, a new URL
    return respons
