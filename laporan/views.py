"""The report's page: what it will print (signatory, place, date), the data check, the generated files per version,
and the generation of a new file in the background with its status polled by htmx."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from renstra.akses import get_pd_for_user
from sakip.angka import format_angka

from . import services
from .konteks import muat_dasar
from .models import EksporLaporan, Laporan, VersiLaporan
from .pemeriksaan import GALAT, periksa_dasar
from .views_narasi import cek_tahun

Status = EksporLaporan.Status
AKTIF = (Status.ANTRE, Status.BERJALAN)
JENIS_ISI = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


class BuatForm(forms.Form):
    format = forms.ChoiceField(choices=EksporLaporan.Format.choices)
    dengan_pernyataan = forms.BooleanField(required=False)
    versi = forms.IntegerField(required=False, min_value=1)


def ukuran_teks(n: int | None) -> str:
    """A file size for people: ``734 KB``, ``2,4 MB``."""
    if n is None:
        return ""
    if n < 1024 * 1024:
        return f"{format_angka(Decimal(n) / 1024, 0)} KB"
    return f"{format_angka(Decimal(n) / (1024 * 1024), 1)} MB"


@login_required
@require_GET
def detail(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    cek_tahun(tahun)
    pd = get_pd_for_user(request.user, pd_id)
    laporan = Laporan.objects.filter(pd=pd, tahun=tahun).first()
    versi = []
    if laporan:
        services.ekspor_lepas_macet(EksporLaporan.objects.filter(versi__laporan=laporan))
        versi = list(
            VersiLaporan.objects.filter(laporan=laporan)
            .select_related("dibuat_oleh", "reviu_selesai_oleh")
            .prefetch_related(
                Prefetch("ekspor", queryset=EksporLaporan.objects.select_related("diminta_oleh").order_by("-dibuat"))
            )
            .order_by("-nomor")
        )
    for v in versi:
        for e in v.ekspor.all():
            e.ukuran_teks = ukuran_teks(e.ukuran)
    d = muat_dasar(pd, tahun)  # the year as the report reads it: its check and its signatory
    masalah = periksa_dasar(d)
    return render(
        request,
        "laporan/detail.html",
        {
            "pd": pd,
            "tahun": tahun,
            "laporan": laporan,
            "identitas": d.identitas,
            "penandatangan_dipilih": bool(laporan and laporan.penandatangan_id),
            "masalah": masalah,
            "jumlah_galat": sum(1 for m in masalah if m.tingkat == GALAT),
            "jumlah_peringatan": sum(1 for m in masalah if m.tingkat != GALAT),
            "versi_list": versi,
            "boleh_buat": request.user.has_perm("renstra.plan_pd", pd),
        },
    )


@login_required
@require_POST
def buat(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    cek_tahun(tahun)
    pd = get_pd_for_user(request.user, pd_id, rencana=True)
    tujuan = reverse("laporan:detail", kwargs={"pd_id": pd.pk, "tahun": tahun})
    form = BuatForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Permintaan tidak dikenali."))
    else:
        d = form.cleaned_data
        versi = None
        if d["versi"]:
            versi = get_object_or_404(VersiLaporan, pk=d["versi"], laporan__pd=pd, laporan__tahun=tahun)
        try:
            ekspor = services.ekspor_minta(
                pd=pd,
                tahun=tahun,
                format=d["format"],
                user=request.user,
                dengan_pernyataan=d["dengan_pernyataan"],
                versi=versi,
            )
        except services.LaporanError as e:
            messages.error(request, str(e))
        else:
            if not ekspor.dipakai_ulang:
                messages.success(
                    request,
                    _("Berkas %(format)s sedang dibuat. Halaman ini menampilkan kemajuannya.")
                    % {"format": ekspor.get_format_display()},
                )
            elif ekspor.status == Status.SELESAI:
                messages.info(request, _("Berkas sudah tersedia untuk data yang sama."))
            else:
                messages.info(request, _("Berkas untuk data yang sama sedang dibuat."))
    if request.htmx:
        return HttpResponseClientRedirect(tujuan)
    return redirect(tujuan)


def _ekspor_for_user(user, pk: int) -> EksporLaporan:
    """The file if its PD is visible to the person (404 otherwise)."""
    ekspor = get_object_or_404(
        EksporLaporan.objects.select_related("versi__laporan__pd", "diminta_oleh"),
        pk=pk,
    )
    get_pd_for_user(user, ekspor.versi.laporan.pd_id)
    return ekspor


@login_required
@require_GET
def status(request: HttpRequest, pk: int) -> HttpResponse:
    ekspor = _ekspor_for_user(request.user, pk)
    if ekspor.status in AKTIF and services.ekspor_lepas_macet(EksporLaporan.objects.filter(pk=ekspor.pk)):
        ekspor.refresh_from_db()  # its worker stopped: the row now says so, and polling stops
    ekspor.ukuran_teks = ukuran_teks(ekspor.ukuran)
    return render(request, "laporan/_status.html", {"e": ekspor})


def nama_berkas(ekspor: EksporLaporan) -> str:
    """``LKjIP-Setda-Kab-Paser-2024-v3.pdf`` (``-direviu`` when it carries the review statement)."""
    laporan = ekspor.versi.laporan
    pd = laporan.pd
    nama = re.sub(r"[^A-Za-z0-9]+", "-", pd.singkatan or pd.nama).strip("-") or pd.kode
    akhiran = "-direviu" if ekspor.dengan_pernyataan else ""
    return f"LKjIP-{nama}-{laporan.tahun}-v{ekspor.versi.nomor}{akhiran}.{ekspor.format}"


@login_required
@require_GET
def unduh(request: HttpRequest, pk: int) -> FileResponse:
    ekspor = _ekspor_for_user(request.user, pk)
    if ekspor.status != Status.SELESAI or not ekspor.berkas:
        raise Http404
    try:
        berkas = ekspor.berkas.open("rb")
    except OSError as e:
        raise Http404 from e
    return FileResponse(berkas, as_attachment=True, filename=nama_berkas(ekspor), content_type=JENIS_ISI[ekspor.format])
