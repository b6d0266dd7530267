"""The LKjIP read in the browser, and the Inspektorat's review on that page.

Anyone who may read the PD reads the report (the same chapters as the PDF, from the same context). Reading never
creates a version: the page looks up the version of today's data by its hash and says "data terbaru (belum ada versi)"
when there is none. The reviewer writes notes on a chapter, section, table or chart (which puts them on the version of
today's data), the planner answers them, and the reviewer completes the review of a version once every note is
answered; the statement then closes the report, here and in that version's PDF.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from renstra.akses import get_pd_for_user

from . import render as render_laporan
from . import services_reviu
from .bab import pernyataan
from .forms import CatatanForm, JawabanForm
from .konteks import konteks_laporan, sidik
from .models import CatatanReviu, VersiLaporan
from .services_reviu import BUKAN_REVIEWER, Jangkar
from .views_narasi import cek_tahun


@dataclass
class KelompokCatatan:
    """The notes on one anchor of the report (or of one earlier version)."""

    id: str  # the anchor, or "versi-3" for an earlier version's group
    judul: str
    catatan: list[CatatanReviu]


def lembar_layar() -> list[str]:
    """Static names of the screen stylesheets of the report: ``laporan/layar.css`` then every ``layar-*.css``."""
    utama = finders.find("laporan/layar.css")
    if not utama:
        return []
    return ["laporan/layar.css", *(f"laporan/{p.name}" for p in sorted(Path(utama).parent.glob("layar-*.css")))]


def _gambar(pd_id: int, tahun: int, k) -> dict[str, str]:
    """The report's images as URLs of the image view; the stored name in the query makes a new image a new URL."""
    hasil = {}
    for jenis, field in render_laporan.GAMBAR.items():
        if nama := getattr(k.identitas, field):
            url = reverse("laporan:gambar", kwargs={"pd_id": pd_id, "tahun": tahun, "jenis": jenis})
            hasil[jenis] = f"{url}?v={slugify(nama)}"
    return hasil


def _kelompok(catatan: list[CatatanReviu], jangkar: list[Jangkar]) -> list[KelompokCatatan]:
    """Notes grouped by anchor, in the report's order (anchors the report no longer has come last)."""
    urutan = {j.id: i for i, j in enumerate(jangkar)}
    grup: dict[str, KelompokCatatan] = {}
    for c in sorted(catatan, key=lambda c: (urutan.get(c.bagian, len(urutan)), c.dibuat, c.pk)):
        grup.setdefault(c.bagian, KelompokCatatan(c.bagian, c.judul_bagian, [])).catatan.append(c)
    return list(grup.values())


@login_required
@require_GET
def baca(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    cek_tahun(tahun)
    pd = get_pd_for_user(request.user, pd_id)
    k = konteks_laporan(pd=pd, tahun=tahun)
    s = sidik(k)
    semua_versi = list(
        VersiLaporan.objects.filter(laporan__pd=pd, laporan__tahun=tahun)
        .select_related("reviu_selesai_oleh")
        .order_by("-nomor")
    )
    versi = next((v for v in semua_versi if v.params_hash == s), None)
    terakhir = semua_versi[0] if semua_versi else None
    selesai = versi is not None and versi.reviu_selesai_pada is not None
    if selesai:
        k = dataclasses.replace(k, pernyataan=pernyataan.susun(versi=versi, identitas=k.identitas))

    jangkar = services_reviu.daftar_jangkar(k)
    catatan = list(
        CatatanReviu.objects.filter(versi__laporan__pd=pd, versi__laporan__tahun=tahun).select_related(
            "versi", "penulis", "dijawab_oleh"
        )
    )
    kini = [c for c in catatan if versi is not None and c.versi_id == versi.pk]
    jumlah = {}
    for c in kini:
        jumlah[c.bagian] = jumlah.get(c.bagian, 0) + 1
    sebelumnya = [
        KelompokCatatan(
            f"versi-{v.nomor}",
            _("Versi %(nomor)s") % {"nomor": v.nomor},
            sorted((c for c in catatan if c.versi_id == v.pk), key=lambda c: (c.dibuat, c.pk)),
        )
        for v in semua_versi
        if v != versi and any(c.versi_id == v.pk for c in catatan)
    ]

    reviewer = request.user.has_perm("laporan.review_pd", pd)
    perencana = request.user.has_perm("renstra.plan_pd", pd)
    # a note goes on the version of today's data (made with the first note when the data is new)
    form_catatan = None
    if reviewer and not selesai:
        form_catatan = CatatanForm(initial={"sidik": s}, jangkar=jangkar, auto_id="reviu-%s")
    ctx = {
        "pd": pd,
        "tahun": tahun,
        "k": k,
        "isi": render_laporan.html_laporan(k, mode=render_laporan.LAYAR, gambar=_gambar(pd.pk, tahun, k)),
        "lembar_layar": lembar_layar(),
        "versi": versi,
        "terakhir": terakhir,
        "selesai": selesai,
        "sidik": s,
        "daftar_isi": [(b, jumlah.get(b.id, 0)) for b in k.daftar_isi],
        "daftar_tabel": [(r, jumlah.get(r.id, 0)) for r in k.daftar_tabel],
        "daftar_grafik": [(r, jumlah.get(r.id, 0)) for r in k.daftar_grafik],
        "kelompok": _kelompok(kini, jangkar),
        "belum_dijawab": sum(1 for c in kini if not c.jawaban),
        "sebelumnya": sebelumnya,
        "reviewer": reviewer,
        "perencana": perencana,
        "form_catatan": form_catatan,
    }
    return render(request, "laporan/baca.html", ctx)


def _ke_baca(pd_id: int, tahun: int, jangkar: str = "") -> HttpResponse:
    url = reverse("laporan:baca", kwargs={"pd_id": pd_id, "tahun": tahun})
    return redirect(f"{url}#{jangkar}" if jangkar else url)


def _pd_reviewer(request: HttpRequest, pd_id: int):
    """The PD for a reviewer's action: 404 outside the person's PDs, 403 for other readers."""
    pd = get_pd_for_user(request.user, pd_id)
    if not request.user.has_perm("laporan.review_pd", pd):
        raise PermissionDenied(BUKAN_REVIEWER)
    return pd


@login_required
@require_POST
def catatan_tambah(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    """A note on the report of today's data: it goes on that data's version, made if it is new."""
    cek_tahun(tahun)
    pd = _pd_reviewer(request, pd_id)
    form = CatatanForm(request.POST, jangkar=None)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _ke_baca(pd.pk, tahun, "panel-reviu")
    try:
        catatan = services_reviu.catatan_tambah(
            pd=pd,
            tahun=tahun,
            bagian=form.cleaned_data["bagian"],
            teks=form.cleaned_data["teks"],
            user=request.user,
            sidik_dibaca=form.cleaned_data["sidik"],
        )
    except services_reviu.ReviuError as e:
        messages.error(request, str(e))
        return _ke_baca(pd.pk, tahun, "panel-reviu")
    messages.success(request, _("Catatan reviu tersimpan pada versi %(nomor)s.") % {"nomor": catatan.versi.nomor})
    return _ke_baca(pd.pk, tahun, f"catatan-{catatan.pk}")


@login_required
@require_POST
def catatan_jawab(request: HttpRequest, pk: int) -> HttpResponse:
    catatan = get_object_or_404(CatatanReviu.objects.select_related("versi__laporan"), pk=pk)
    laporan = catatan.versi.laporan
    get_pd_for_user(request.user, laporan.pd_id, rencana=True)  # 404 outside, 403 for readers
    form = JawabanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _ke_baca(laporan.pd_id, laporan.tahun, f"catatan-{catatan.pk}")
    try:
        services_reviu.catatan_jawab(catatan=catatan, jawaban=form.cleaned_data["jawaban"], user=request.user)
    except services_reviu.ReviuError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Jawaban tersimpan."))
    return _ke_baca(laporan.pd_id, laporan.tahun, f"catatan-{catatan.pk}")


@login_required
@require_POST
def reviu_selesai(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    """Complete the review of the report the reviewer read (its data hash comes with the form)."""
    cek_tahun(tahun)
    pd = _pd_reviewer(request, pd_id)
    try:
        versi = services_reviu.reviu_selesaikan_laporan(
            pd=pd, tahun=tahun, sidik_dibaca=request.POST.get("sidik", ""), user=request.user
        )
    except services_reviu.ReviuError as e:
        messages.error(request, str(e))
        return _ke_baca(pd.pk, tahun, "panel-reviu")
    messages.success(
        request,
        _(
            "Reviu versi %(nomor)s selesai. Laporan PDF dengan Pernyataan Telah Direviu dibuat dan dapat diunduh dari "
            "halaman laporan."
        )
        % {"nomor": versi.nomor},
    )
    return _ke_baca(pd.pk, tahun, "pernyataan-reviu")
