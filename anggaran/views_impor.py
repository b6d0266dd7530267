"""Screens of the Excel imports: download a template, upload it, see the preview, apply it (anggaran/impor.py).

Realisations: the unit's operator or the PD's perencana (``renstra.fill_unit``), through the unit's door. DPA: the
PD's perencana (``renstra.plan_pd``). An import's preview and its apply button answer to the same doors.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import services
from kinerja.selectors import label_triwulan
from renstra.akses import get_pd_for_user, get_unit_for_user
from sakip.angka import KOSONG, format_angka, format_persen, format_rupiah

from . import impor
from .excel import JENIS_XLSX
from .forms import ImporDPAForm, ImporForm
from .models import ImporBerkas, VersiAnggaran

RIWAYAT = 10  # recent imports listed on an import page


def _cek_periode(tahun: int, triwulan: int | None = None) -> None:
    if not (2000 <= tahun <= 2100) or (triwulan is not None and triwulan not in (1, 2, 3, 4)):
        raise Http404


def _unduh(data: bytes, nama: str) -> FileResponse:
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=nama, content_type=JENIS_XLSX)


def _alasan_tertutup(unit, tahun: int, triwulan: int) -> str:
    """Why the quarter cannot be filled now (the service's message), or ""."""
    try:
        services.cek_dapat_diisi(unit, tahun, triwulan)
    except services.KinerjaError as e:
        return str(e)
    return ""


# --- realisations of a unit's quarter ------------------------------------------------------------------------------


@login_required
@require_GET
def templat_realisasi(request: HttpRequest, unit_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id, edit=True)
    if alasan := _alasan_tertutup(unit, tahun, triwulan):
        messages.error(request, alasan)
        return redirect("kinerja:entri", unit_id=unit.pk, tahun=tahun, triwulan=triwulan)
    templat = impor.templat_realisasi(unit=unit, tahun=tahun, triwulan=triwulan)
    return _unduh(impor.tulis(templat), impor.nama_templat_realisasi(unit, tahun, triwulan))


@login_required
@require_http_methods(["GET", "POST"])
def impor_realisasi(request: HttpRequest, unit_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id, edit=True)
    form = ImporForm(request.POST, request.FILES) if request.method == "POST" else ImporForm()
    if request.method == "POST" and form.is_valid():
        hasil = impor.impor_unggah(
            berkas=form.cleaned_data["berkas"], user=request.user, pd=unit.pd, tahun=tahun, unit=unit, triwulan=triwulan
        )
        return redirect("anggaran:impor-detail", pk=hasil.pk)
    riwayat = list(
        ImporBerkas.objects.filter(unit=unit, jenis=ImporBerkas.Jenis.REALISASI)
        .select_related("created_by")
        .order_by("-created_at", "-pk")[:RIWAYAT]
    )
    ctx = {
        "pd": unit.pd,
        "unit": unit,
        "tahun": tahun,
        "triwulan": triwulan,
        "label": label_triwulan(triwulan, tahun),
        "form": form,
        "tertutup": _alasan_tertutup(unit, tahun, triwulan),
        "riwayat": riwayat,
    }
    return render(request, "anggaran/impor_realisasi.html", ctx, status=400 if form.errors else 200)


# --- the DPA of a PD -----------------------------------------------------------------------------------------------


def _versi(versi: str) -> str:
    if versi not in VersiAnggaran.Versi.values:
        raise Http404
    return versi


@login_required
@require_GET
def templat_dpa(request: HttpRequest, pd_id: int, tahun: int, versi: str) -> HttpResponse:
    _cek_periode(tahun)
    pd = get_pd_for_user(request.user, pd_id, rencana=True)
    versi = _versi(versi)
    return _unduh(
        impor.tulis(impor.templat_dpa(pd=pd, tahun=tahun, versi=versi)), impor.nama_templat_dpa(pd, tahun, versi)
    )


@login_required
@require_http_methods(["GET", "POST"])
def impor_dpa(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    _cek_periode(tahun)
    pd = get_pd_for_user(request.user, pd_id, rencana=True)
    form = ImporDPAForm(request.POST, request.FILES) if request.method == "POST" else ImporDPAForm()
    if request.method == "POST" and form.is_valid():
        hasil = impor.impor_unggah(
            berkas=form.cleaned_data["berkas"], user=request.user, pd=pd, tahun=tahun, versi=form.cleaned_data["versi"]
        )
        return redirect("anggaran:impor-detail", pk=hasil.pk)
    ada = set(VersiAnggaran.objects.filter(pd=pd, tahun=tahun).values_list("versi", flat=True))
    riwayat = list(
        ImporBerkas.objects.filter(pd=pd, tahun=tahun, jenis=ImporBerkas.Jenis.DPA)
        .select_related("created_by")
        .order_by("-created_at", "-pk")[:RIWAYAT]
    )
    ctx = {
        "pd": pd,
        "tahun": tahun,
        "form": form,
        "versi": [(v, label, v in ada) for v, label in VersiAnggaran.Versi.choices],
        "riwayat": riwayat,
    }
    return render(request, "anggaran/impor_dpa.html", ctx, status=400 if form.errors else 200)


# --- one import: preview and apply ---------------------------------------------------------------------------------


def _impor_untuk_user(request: HttpRequest, pk: int) -> ImporBerkas:
    """The import through the door of what it writes: 404 outside the person's PDs/units, 403 for read-only roles."""
    imp = get_object_or_404(ImporBerkas.objects.select_related("pd", "unit", "created_by"), pk=pk)
    if imp.jenis == ImporBerkas.Jenis.REALISASI:
        imp.unit = get_unit_for_user(request.user, imp.unit_id, edit=True)
        imp.pd = imp.unit.pd
    else:
        imp.pd = get_pd_for_user(request.user, imp.pd_id, rencana=True)
    return imp


LABEL_AKSI = {
    impor.BARU: gettext_lazy("Baru"),
    impor.DIUBAH: gettext_lazy("Diubah"),
    impor.DIHAPUS: gettext_lazy("Dihapus"),
}
#: The badge colour of each kind of change (classes of static/sakip/sakip.css).
LENCANA_AKSI = {impor.BARU: "diverifikasi", impor.DIUBAH: "diajukan", impor.DIHAPUS: "dikembalikan"}


def _tampil_nilai(nilai: str | None, bentuk: str, desimal: int | None) -> str:
    """A value listed in the preview (stored as the text of its Decimal) the Indonesian way; money with its sen only
    when it has some, so a change of sen does not look like no change."""
    if nilai is None or nilai == "":
        return KOSONG
    if bentuk == impor.TEKS:
        return nilai
    d = Decimal(nilai)
    if bentuk == impor.RUPIAH:
        return format_rupiah(d) if d == d.to_integral_value() else f"Rp {format_angka(d, 2)}"
    if bentuk == impor.PERSEN:
        return format_persen(d)
    return format_angka(d, desimal if desimal is not None else 2)


def _rincian(ringkasan: dict, lembar: list[tuple[str, dict]]) -> list[dict]:
    """Per sheet with changes: its key headers, the listed rows with their values formatted, and how many changed
    rows are not listed (beyond impor.BATAS_RINCIAN). Imports checked before the list existed have none."""
    semua = ringkasan.get("rincian")
    if not isinstance(semua, dict):
        return []
    keluar = []
    for nama, a in lembar:
        jumlah = a.get("baru", 0) + a.get("diubah", 0) + a.get("dihapus", 0)
        if not jumlah:
            continue
        daftar = semua.get(nama) or []
        baris = []
        for r in daftar:
            bidang = [
                {
                    "kolom": b["kolom"],
                    "sebelum": _tampil_nilai(b["sebelum"], b["format"], b.get("desimal")),
                    "sesudah": _tampil_nilai(b["sesudah"], b["format"], b.get("desimal")),
                    "angka": b["format"] != impor.TEKS,
                }
                for b in r["bidang"]
            ] or [{"kolom": KOSONG, "sebelum": KOSONG, "sesudah": KOSONG, "angka": False}]
            baris.append(
                {
                    "baris": r["baris"],
                    "aksi": r["aksi"],
                    "label": LABEL_AKSI.get(r["aksi"], r["aksi"]),
                    "lencana": LENCANA_AKSI.get(r["aksi"], ""),
                    "kunci": r["kunci"],
                    "bidang": bidang,
                }
            )
        keluar.append(
            {
                "nama": nama,
                "kunci": [str(j) for j in impor.KUNCI_RINCIAN.get(nama, ())],
                "baris": baris,
                "tidak_tampil": max(0, jumlah - len(daftar)),
            }
        )
    return keluar


@login_required
@require_GET
def impor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    imp = _lepas_macet(_impor_untuk_user(request, pk))
    ringkasan = imp.ringkasan or {}
    lembar = [
        (nama, angka)
        for nama, angka in ringkasan.items()
        if isinstance(angka, dict) and nama not in ("total_pagu", "rincian") and "baru" in angka
    ]
    ctx = {
        "impor": imp,
        "pd": imp.pd,
        "unit": imp.unit,
        "tahun": imp.tahun,
        "triwulan": imp.triwulan,
        "label": label_triwulan(imp.triwulan, imp.tahun) if imp.triwulan else "",
        "lembar": lembar,
        "dpa": imp.jenis == ImporBerkas.Jenis.DPA,
        "total_pagu": {k: Decimal(v) for k, v in ringkasan["total_pagu"].items()}
        if "total_pagu" in ringkasan
        else None,
        "jumlah_galat": ringkasan.get("jumlah_galat", len(imp.galat)),
        "galat_lain": max(ringkasan.get("jumlah_galat", 0) - len(imp.galat), 0),
        "perubahan": sum(a.get("baru", 0) + a.get("diubah", 0) + a.get("dihapus", 0) for _n, a in lembar),
        "rincian": [] if imp.galat else _rincian(ringkasan, lembar),
        "ditolak_saat_diterapkan": bool(ringkasan.get("ditolak_saat_diterapkan")),
        **_konteks_status(imp),
    }
    return render(request, "anggaran/impor_detail.html", ctx)


def _konteks_status(imp: ImporBerkas) -> dict:
    return {"impor": imp, "berjalan": imp.status in BERJALAN}


#: An import whose check or apply waits for or runs in the worker: its page polls the status fragment.
BERJALAN = impor.DIPROSES


def _lepas_macet(imp: ImporBerkas) -> ImporBerkas:
    """The import, ended first if its worker stopped (the page then stops polling and shows why)."""
    if imp.status in BERJALAN and impor.impor_lepas_macet(ImporBerkas.objects.filter(pk=imp.pk)):
        imp.refresh_from_db(fields=["status", "galat", "ringkasan"])
    return imp


@login_required
@require_GET
def impor_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status fragment polled by htmx while the worker checks or applies the import; once it has finished, htmx
    is told to reload the page (``HX-Refresh``), which then shows the preview or the result."""
    imp = _lepas_macet(_impor_untuk_user(request, pk))
    respons = render(request, "anggaran/_impor_status.html", _konteks_status(imp))
    if imp.status not in BERJALAN and request.headers.get("HX-Request"):
        respons["HX-Refresh"] = "true"
    return respons


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    imp = _impor_untuk_user(request, pk)
    try:
        impor.impor_terapkan_minta(impor=imp, user=request.user)
    except services.KinerjaError as e:
        messages.error(request, str(e))
    return redirect("anggaran:impor-detail", pk=imp.pk)
