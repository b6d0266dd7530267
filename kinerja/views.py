"""Screens of the quarterly cycle: home, the entry page of a unit's quarter, and the workflow actions.

Views stay thin: check access through the one door of each object, validate a form, call one service, turn its
error into a message on the row. Rows save in place with htmx and come back as the same partial.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from anggaran.models import Rekening, VersiAnggaran
from renstra.akses import cakupan, get_pd_for_user, get_unit_for_user, pd_terlihat, unit_terlihat
from renstra.models import Indikator, PerangkatDaerah, SubKegiatan, UnitKerja
from sakip import batas

from . import selectors, services
from .forms import AlasanForm, BuktiForm, RealisasiAnggaranForm, RealisasiFisikForm, RealisasiKinerjaForm
from .models import BuktiDukung, KunciTriwulan, PelaporanTriwulan, RealisasiKinerja
from .selectors import label_triwulan


def periode_aktif(pd: PerangkatDaerah) -> tuple[int, int]:
    """The year and quarter a person most likely works on: now, or the latest year the PD has a DPA for."""
    now = timezone.localdate()
    tahun_data = VersiAnggaran.objects.filter(pd=pd).aggregate(t=Max("tahun"))["t"]
    if tahun_data is None or tahun_data >= now.year:
        return now.year, (now.month - 1) // 3 + 1
    return tahun_data, 4


def _cek_periode(tahun: int, triwulan: int | None = None) -> None:
    if not (2000 <= tahun <= 2100) or (triwulan is not None and triwulan not in (1, 2, 3, 4)):
        raise Http404


# --- home and navigation ---------------------------------------------------------------------------------------


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Straight to the person's work: an operator to their unit's quarter, a PD role to the PD's quarter."""
    c = cakupan(request.user)
    pds = list(pd_terlihat(request.user)[:2])
    if len(pds) == 1 and not c.semua:
        pd = pds[0]
        tahun, triwulan = periode_aktif(pd)
        units = list(unit_terlihat(request.user, pd)[:2])
        if pd.pk not in c.pd_baca and pd.pemda_id not in c.pemda_baca and len(units) == 1:
            return redirect("kinerja:entri", unit_id=units[0].pk, tahun=tahun, triwulan=triwulan)
        return redirect("kinerja:triwulan", pd_id=pd.pk, tahun=tahun, triwulan=triwulan)
    return redirect("kinerja:pd-list")


@login_required
def pd_list(request: HttpRequest) -> HttpResponse:
    pds = list(pd_terlihat(request.user).order_by("pemda__nama", "nama"))
    baris = [(pd, *periode_aktif(pd)) for pd in pds]
    return render(request, "kinerja/pd_list.html", {"baris": baris})


# --- a PD's quarter: units and their state; verification and locking --------------------------------------------


@login_required
@require_GET
def triwulan_pd(request: HttpRequest, pd_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    pd = get_pd_for_user(request.user, pd_id)
    units = list(unit_terlihat(request.user, pd).filter(pk__in=[u.pk for u in services.unit_pelapor(pd)]))
    status = {
        p.unit_kerja_id: p
        for p in PelaporanTriwulan.objects.filter(unit_kerja__in=units, tahun=tahun, triwulan=triwulan).select_related(
            "diajukan_oleh", "diverifikasi_oleh"
        )
    }
    kunci = KunciTriwulan.objects.filter(pd=pd, tahun=tahun, triwulan=triwulan).select_related("diubah_oleh").first()
    ctx = {
        "pd": pd,
        "tahun": tahun,
        "triwulan": triwulan,
        "label": label_triwulan(triwulan, tahun),
        "baris": [(u, status.get(u.pk)) for u in units],
        "kunci": kunci,
        "perencana": request.user.has_perm("renstra.plan_pd", pd),
        "alasan_form": AlasanForm(),
        "tw_list": [(t, label_triwulan(t)) for t in (1, 2, 3, 4)],
        "tahun_lalu": tahun - 1,
        "tahun_depan": tahun + 1,
    }
    return render(request, "kinerja/triwulan_pd.html", ctx)


@login_required
@require_POST
def triwulan_kunci(request: HttpRequest, pd_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    pd = get_pd_for_user(request.user, pd_id, rencana=True)
    try:
        services.triwulan_kunci(pd=pd, tahun=tahun, triwulan=triwulan, user=request.user)
    except services.KinerjaError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("%(tw)s dikunci.") % {"tw": label_triwulan(triwulan, tahun)})
    return redirect("kinerja:triwulan", pd_id=pd.pk, tahun=tahun, triwulan=triwulan)


def _alasan(form: AlasanForm) -> str:
    """The reason typed, or the form's refusal as a KinerjaError: empty, or past its limit (sakip.batas)."""
    if form.is_valid():
        return form.cleaned_data["alasan"]
    if form.has_error("alasan", "required"):
        raise services.KinerjaError(services.ALASAN_WAJIB)
    raise services.KinerjaError(" ".join(form.errors["alasan"]))


@login_required
@require_POST
def triwulan_buka(request: HttpRequest, pd_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    pd = get_pd_for_user(request.user, pd_id, rencana=True)
    form = AlasanForm(request.POST)
    try:
        services.triwulan_buka(pd=pd, tahun=tahun, triwulan=triwulan, alasan=_alasan(form), user=request.user)
    except services.KinerjaError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("%(tw)s dibuka kembali.") % {"tw": label_triwulan(triwulan, tahun)})
    return redirect("kinerja:triwulan", pd_id=pd.pk, tahun=tahun, triwulan=triwulan)


# --- the entry page of a unit's quarter -------------------------------------------------------------------------


def _ctx_entri(request: HttpRequest, unit: UnitKerja, tahun: int, triwulan: int, entri) -> dict:
    pd = unit.pd
    boleh_isi = request.user.has_perm("renstra.fill_unit", unit)
    return {
        "pd": pd,
        "unit": unit,
        "tahun": tahun,
        "triwulan": triwulan,
        "label": label_triwulan(triwulan, tahun),
        "label_tw": [label_triwulan(t) for t in (1, 2, 3, 4)],
        "tw_list": [(t, label_triwulan(t)) for t in (1, 2, 3, 4)],
        "tahun_lalu": tahun - 1,
        "tahun_depan": tahun + 1,
        "status_pilihan": RealisasiKinerja.Status.choices,
        "entri": entri,
        "boleh_isi": boleh_isi,
        "bisa_isi": boleh_isi and entri.dapat_diisi,  # inputs shown: may fill, and the quarter is open
        "perencana": request.user.has_perm("renstra.plan_pd", pd),
        "maks_catatan": batas.CATATAN,  # the textareas' maxlength; the form refuses longer text anyway
    }


@login_required
@require_GET
def entri(request: HttpRequest, unit_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id)
    data = selectors.entri_unit(unit, tahun, triwulan)
    ctx = _ctx_entri(request, unit, tahun, triwulan, data)
    ctx["units"] = list(
        unit_terlihat(request.user, unit.pd).filter(pk__in=[u.pk for u in services.unit_pelapor(unit.pd)])
    )
    return render(request, "kinerja/entri.html", ctx)


def _balas_baris(request, unit, tahun, triwulan, partial: str, baris, form=None, galat: str = "", konflik=None):
    """Answer a row save or upload with the row itself (htmx) or the page (plain post)."""
    if baris is None:
        raise Http404
    ctx = _ctx_entri(request, unit, tahun, triwulan, _status_unit(unit, tahun, triwulan))
    ctx.update({"b": baris, "form": form, "galat": galat, "konflik": konflik, "tersimpan": form is None and not galat})
    return _baris_atau_halaman(request, f"kinerja/entri.html#{partial}", ctx, unit, tahun, triwulan)


def _baris_kinerja(unit, tahun, triwulan, indikator_id: int):
    return next(iter(selectors.baris_kinerja(unit, tahun, triwulan, [indikator_id])), None)


def _status_unit(unit: UnitKerja, tahun: int, triwulan: int) -> selectors.EntriUnit:
    """The quarter's state without its rows (for a single row's partial)."""
    return selectors.EntriUnit(
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        kinerja=(),
        anggaran=(),
        fisik=(),
        pelaporan=PelaporanTriwulan.objects.filter(unit_kerja=unit, tahun=tahun, triwulan=triwulan).first(),
        dikunci=services.terkunci(unit.pd_id, tahun, triwulan),
    )


def _indikator_unit(unit: UnitKerja, indikator_id: int, tahun: int) -> Indikator:
    ind = selectors._indikator_unit(unit, tahun).filter(pk=indikator_id).first()
    if ind is None:
        raise Http404
    return ind


@login_required
@require_POST
def simpan_kinerja(request: HttpRequest, unit_id: int, tahun: int, triwulan: int, indikator_id: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id, edit=True)
    ind = _indikator_unit(unit, indikator_id, tahun)
    form = RealisasiKinerjaForm(request.POST, satuan=ind.satuan, desimal=ind.desimal)
    galat, konflik = "", None
    if form.is_valid():
        d = form.cleaned_data
        galat, konflik, berhasil = _coba(
            lambda: services.realisasi_kinerja_simpan(
                indikator=ind,
                tahun=tahun,
                triwulan=triwulan,
                version=d["version"],
                nilai=d["nilai"],
                label=d["label"].strip(),
                status=d["status"],
                catatan=d["catatan"],
                hambatan=d["hambatan"],
                solusi=d["solusi"],
                user=request.user,
            )
        )
        if berhasil:
            form = None
    return _balas_baris(
        request,
        unit,
        tahun,
        triwulan,
        "baris-kinerja",
        _baris_kinerja(unit, tahun, triwulan, ind.pk),
        form,
        galat,
        konflik,
    )


def _coba(simpan) -> tuple[str, object | None, bool]:
    """Run one save service; its refusal becomes (message, the other person's row on a conflict, False)."""
    try:
        simpan()
    except services.KonflikVersi as e:
        return str(e), e.baris, False
    except services.KinerjaError as e:
        return str(e), None, False
    return "", None, True


def _baris_atau_halaman(request, partial: str, ctx: dict, unit, tahun, triwulan) -> HttpResponse:
    """htmx gets the row back; a plain form post (no JavaScript) goes back to the page with a message."""
    if request.htmx:
        return render(request, partial, ctx)
    if ctx.get("galat") or (ctx.get("form") is not None and ctx["form"].errors):
        messages.error(request, ctx.get("galat") or _("Periksa isian pada baris yang ditandai."))
    else:
        messages.success(request, _("Tersimpan."))
    return redirect("kinerja:entri", unit_id=unit.pk, tahun=tahun, triwulan=triwulan)


@login_required
@require_POST
def simpan_anggaran(
    request: HttpRequest, unit_id: int, tahun: int, triwulan: int, sub_kegiatan_id: int, rekening_id: int
) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id, edit=True)
    sub = get_object_or_404(
        SubKegiatan.objects.select_related("kegiatan__program", "unit_kerja"), pk=sub_kegiatan_id, unit_kerja=unit
    )
    rekening = get_object_or_404(Rekening, pk=rekening_id)
    form = RealisasiAnggaranForm(request.POST)
    galat, konflik = "", None
    if form.is_valid():
        galat, konflik, berhasil = _coba(
            lambda: services.realisasi_anggaran_simpan(
                sub_kegiatan=sub,
                rekening=rekening,
                tahun=tahun,
                triwulan=triwulan,
                version=form.cleaned_data["version"],
                jumlah=form.cleaned_data["jumlah"],
                user=request.user,
            )
        )
        if berhasil:
            form = None
    baris = selectors.baris_anggaran(unit, tahun, triwulan, kunci=(sub.pk, rekening.pk))
    return _balas_baris(request, unit, tahun, triwulan, "baris-anggaran", next(iter(baris), None), form, galat, konflik)


@login_required
@require_POST
def simpan_fisik(request: HttpRequest, unit_id: int, tahun: int, triwulan: int, sub_kegiatan_id: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id, edit=True)
    sub = get_object_or_404(
        SubKegiatan.objects.select_related("kegiatan__program", "unit_kerja"), pk=sub_kegiatan_id, unit_kerja=unit
    )
    form = RealisasiFisikForm(request.POST)
    galat, konflik = "", None
    if form.is_valid():
        galat, konflik, berhasil = _coba(
            lambda: services.realisasi_fisik_simpan(
                sub_kegiatan=sub,
                tahun=tahun,
                triwulan=triwulan,
                version=form.cleaned_data["version"],
                persen=form.cleaned_data["persen"],
                user=request.user,
            )
        )
        if berhasil:
            form = None
    baris = selectors.baris_fisik(unit, tahun, triwulan, selectors.baris_anggaran(unit, tahun, triwulan), sub.pk)
    return _balas_baris(request, unit, tahun, triwulan, "baris-fisik", next(iter(baris), None), form, galat, konflik)


# --- workflow of a unit's quarter ---------------------------------------------------------------------------------


@login_required
@require_POST
def ajukan(request: HttpRequest, unit_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id, edit=True)
    try:
        services.triwulan_ajukan(unit=unit, tahun=tahun, triwulan=triwulan, user=request.user)
    except services.KinerjaError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("%(tw)s diajukan untuk verifikasi.") % {"tw": label_triwulan(triwulan, tahun)})
    return _kembali(request, unit, tahun, triwulan)


def _kembali(request, unit, tahun, triwulan) -> HttpResponse:
    url = reverse("kinerja:entri", kwargs={"unit_id": unit.pk, "tahun": tahun, "triwulan": triwulan})
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _unit_perencana(request, unit_id: int) -> UnitKerja:
    unit = get_unit_for_user(request.user, unit_id)
    if not request.user.has_perm("renstra.plan_pd", unit.pd):
        raise PermissionDenied(_("Hanya perencana perangkat daerah yang dapat memverifikasi."))
    return unit


@login_required
@require_POST
def verifikasi(request: HttpRequest, unit_id: int, tahun: int, triwulan: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = _unit_perencana(request, unit_id)
    try:
        services.triwulan_verifikasi(unit=unit, tahun=tahun, triwulan=triwulan, user=request.user)
    except services.KinerjaError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request, _("%(tw)s %(unit)s diverifikasi.") % {"tw": label_triwulan(triwulan, tahun), "unit": unit.nama}
        )
    return _kembali(request, unit, tahun, triwulan)


def _model_baris(jenis: str):
    from anggaran.models import RealisasiAnggaran, RealisasiFisik

    return {"kinerja": RealisasiKinerja, "anggaran": RealisasiAnggaran, "fisik": RealisasiFisik}.get(jenis)


@login_required
@require_POST
def kembalikan(request: HttpRequest, unit_id: int, tahun: int, triwulan: int, jenis: str, pk: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = _unit_perencana(request, unit_id)
    model = _model_baris(jenis)
    if model is None:
        raise Http404
    baris = next(
        (b for qs in services.baris_unit(unit, tahun, triwulan) if qs.model is model for b in qs.filter(pk=pk)), None
    )
    if baris is None:
        raise Http404
    form = AlasanForm(request.POST)
    try:
        services.baris_kembalikan(baris=baris, unit=unit, alasan=_alasan(form), user=request.user)
    except services.KinerjaError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Baris dikembalikan kepada operator untuk diperbaiki."))
    return _kembali(request, unit, tahun, triwulan)


# --- evidence -------------------------------------------------------------------------------------------------------


@login_required
@require_POST
def bukti_unggah(request: HttpRequest, unit_id: int, tahun: int, triwulan: int, indikator_id: int) -> HttpResponse:
    _cek_periode(tahun, triwulan)
    unit = get_unit_for_user(request.user, unit_id, edit=True)
    ind = _indikator_unit(unit, indikator_id, tahun)
    form = BuktiForm(request.POST, request.FILES)
    galat = ""
    realisasi = RealisasiKinerja.objects.filter(indikator=ind, tahun=tahun, triwulan=triwulan).first()
    try:
        services.cek_dapat_diisi(unit, tahun, triwulan)
        if realisasi is None:
            raise services.KinerjaError(_("Simpan nilai realisasi dulu, lalu unggah bukti dukungnya."))
        if not form.is_valid():
            raise services.KinerjaError(" ".join(form.errors["berkas"]))
        berkas = form.cleaned_data["berkas"]
        BuktiDukung.objects.create(
            realisasi=realisasi,
            berkas=berkas,
            nama_asli=berkas.name[:255],
            ukuran=berkas.size,
            jenis_konten=berkas.jenis_konten,
            diunggah_oleh=request.user,
        )
    except services.KinerjaError as e:
        galat = str(e)
    return _balas_baris(
        request, unit, tahun, triwulan, "baris-kinerja", _baris_kinerja(unit, tahun, triwulan, ind.pk), galat=galat
    )


@login_required
@require_GET
def bukti_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    bukti = get_object_or_404(BuktiDukung.objects.select_related("realisasi__indikator"), pk=pk)
    ind = bukti.realisasi.indikator
    unit = services.unit_indikator(ind)
    get_pd_for_user(request.user, ind.pd_id)  # 404 outside the person's PDs
    if unit is not None and not request.user.has_perm("renstra.view_unit", unit):
        raise Http404
    return FileResponse(
        bukti.berkas.open("rb"), as_attachment=True, filename=bukti.nama_asli, content_type=bukti.jenis_konten
    )


@login_required
@require_GET
def riwayat(request: HttpRequest, jenis: str, pk: int) -> HttpResponse:
    """Who changed a realisation row, when, from what to what, and why."""
    model = _model_baris(jenis)
    if model is None:
        raise Http404
    baris = get_object_or_404(model, pk=pk)
    if jenis == "kinerja":
        unit = services.unit_indikator(baris.indikator)
        pd_id = baris.indikator.pd_id
    else:
        unit = baris.sub_kegiatan.unit_kerja
        pd_id = baris.sub_kegiatan.kegiatan.program.pd_id
    get_pd_for_user(request.user, pd_id)
    if unit is not None and not request.user.has_perm("renstra.view_unit", unit):
        raise Http404
    catatan = list(baris.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])
    perubahan = []
    for baru, lama in zip(catatan, [*catatan[1:], None], strict=True):
        beda = []
        if lama is not None:
            for c in baru.diff_against(lama, excluded_fields=["updated_at", "version", "updated_by"]).changes:
                beda.append((model._meta.get_field(c.field).verbose_name, c.old, c.new))
        perubahan.append({"catatan": baru, "beda": beda})
    return render(request, "kinerja/_riwayat_isi.html", {"perubahan": perubahan, "model": model})
