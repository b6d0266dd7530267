"""Screens of an admin pemda: the pemda's users and their roles per PD and unit, outside the Django admin.

Only an admin pemda of the pemda and superusers come in: other roles get 403, an admin of another pemda 404 (the
pemda is not theirs to see), anonymous visitors the login page. Views stay thin: the door, a form, one service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .akses import cakupan
from .forms import KeanggotaanForm, PenggunaForm, pilihan_unit
from .models import Keanggotaan, Pemda

User = get_user_model()
Peran = Keanggotaan.Peran

PER_HALAMAN = 50


# --- the door ----------------------------------------------------------------------------------------------------


def _pemda_admin(user, pemda_id: int) -> Pemda:
    """The pemda if the person administers it: other roles 403, an admin pemda of another pemda 404."""
    c = cakupan(user)
    if not (c.semua or c.pemda_admin):
        raise PermissionDenied(services.BUKAN_ADMIN)
    if not c.semua and pemda_id not in c.pemda_admin:
        raise Http404
    return get_object_or_404(Pemda, pk=pemda_id)


# --- reads -------------------------------------------------------------------------------------------------------


def _pengguna_pemda(pemda: Pemda) -> QuerySet:
    """People with at least one role in the pemda, each with those roles in ``peran_pemda`` (one prefetch)."""
    peran = (
        Keanggotaan.objects.filter(pemda=pemda)
        .select_related("pd", "unit_kerja")
        .order_by("peran", "pd__nama", "unit_kerja__nama")
    )
    return User.objects.filter(Exists(Keanggotaan.objects.filter(user=OuterRef("pk"), pemda=pemda))).prefetch_related(
        Prefetch("keanggotaan", queryset=peran, to_attr="peran_pemda")
    )


def _cari(qs: QuerySet, q: str) -> QuerySet:
    """Every word of the search in the name, user name or email."""
    for kata in q.split():
        qs = qs.filter(
            Q(first_name__icontains=kata)
            | Q(last_name__icontains=kata)
            | Q(username__icontains=kata)
            | Q(email__icontains=kata)
        )
    return qs


def _form_keanggotaan(form_class, request: HttpRequest, pemda: Pemda, **kwargs):
    url_unit = reverse("renstra:unit-pilihan", args=[pemda.pk])
    data = request.POST if request.method == "POST" else None
    return form_class(data, pemda=pemda, url_unit=url_unit, **kwargs)


def _galat_ke_form(form, e: services.AksesError) -> None:
    form.add_error(e.bidang if e.bidang in form.fields else None, str(e))


# --- screens -----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def pemda_list(request: HttpRequest) -> HttpResponse:
    """Where the "Pengguna" link leads: the one pemda the person administers, or a choice."""
    c = cakupan(request.user)
    if not (c.semua or c.pemda_admin):
        raise PermissionDenied(services.BUKAN_ADMIN)
    pemda = list(Pemda.objects.all() if c.semua else Pemda.objects.filter(pk__in=c.pemda_admin))
    if len(pemda) == 1:
        return redirect("renstra:pengguna-list", pemda_id=pemda[0].pk)
    return render(request, "renstra/pemda_list.html", {"daftar_pemda": pemda})


@login_required
@require_GET
def pengguna_list(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = _pemda_admin(request.user, pemda_id)
    q = request.GET.get("q", "").strip()
    qs = _cari(_pengguna_pemda(pemda), q).order_by("first_name", "last_name", "username")
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    ctx = {"pemda": pemda, "q": q, "halaman": halaman, "baris": list(halaman.object_list)}
    return render(request, "renstra/pengguna_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def pengguna_create(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = _pemda_admin(request.user, pemda_id)
    form = _form_keanggotaan(PenggunaForm, request, pemda, initial={"pd": request.GET.get("pd")})
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            user = services.pengguna_create(
                pemda=pemda,
                username=d["username"],
                nama_depan=d["nama_depan"],
                nama_belakang=d["nama_belakang"],
                email=d["email"],
                password=d["password"],
                peran=d["peran"],
                pd=d["pd"],
                unit_kerja=d["unit_kerja"],
                oleh=request.user,
            )
        except services.AksesError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, _("Pengguna %(nama)s dibuat.") % {"nama": user.username})
            return redirect("renstra:pengguna-detail", pemda_id=pemda.pk, user_id=user.pk)
    return render(request, "renstra/pengguna_create.html", {"pemda": pemda, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def pengguna_detail(request: HttpRequest, pemda_id: int, user_id: int) -> HttpResponse:
    """A person's roles in the pemda, with a form to add one (POST) and a link to remove each."""
    pemda = _pemda_admin(request.user, pemda_id)
    orang = get_object_or_404(_pengguna_pemda(pemda), pk=user_id)
    form = _form_keanggotaan(KeanggotaanForm, request, pemda, initial={"pd": request.GET.get("pd")})
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            k = services.keanggotaan_tambah(
                user=orang, pemda=pemda, peran=d["peran"], pd=d["pd"], unit_kerja=d["unit_kerja"], oleh=request.user
            )
        except services.AksesError as e:
            _galat_ke_form(form, e)
        else:
            messages.success(request, _("Peran %(peran)s ditambahkan.") % {"peran": k.get_peran_display()})
            return redirect("renstra:pengguna-detail", pemda_id=pemda.pk, user_id=orang.pk)
    return render(request, "renstra/pengguna_detail.html", {"pemda": pemda, "orang": orang, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def keanggotaan_hapus(request: HttpRequest, pemda_id: int, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the role."""
    pemda = _pemda_admin(request.user, pemda_id)
    k = get_object_or_404(Keanggotaan.objects.select_related("user", "pemda", "pd", "unit_kerja"), pk=pk, pemda=pemda)
    kembali = redirect("renstra:pengguna-detail", pemda_id=pemda.pk, user_id=k.user_id)
    if request.method == "GET":
        terakhir = not Keanggotaan.objects.filter(user_id=k.user_id, pemda=pemda).exclude(pk=k.pk).exists()
        return render(request, "renstra/keanggotaan_hapus.html", {"pemda": pemda, "k": k, "terakhir": terakhir})
    try:
        services.keanggotaan_hapus(keanggotaan=k, oleh=request.user)
    except services.AksesError as e:
        messages.error(request, str(e))
        return kembali
    messages.success(
        request, _("Peran %(peran)s dicabut dari %(nama)s.") % {"peran": k.get_peran_display(), "nama": k.user}
    )
    if k.user_id == request.user.pk and k.peran == Peran.ADMIN_PEMDA and not request.user.is_superuser:
        return redirect("beranda")  # no longer an admin of this pemda
    if not Keanggotaan.objects.filter(user_id=k.user_id, pemda=pemda).exists():
        return redirect("renstra:pengguna-list", pemda_id=pemda.pk)  # no role left here: off this pemda's list
    return kembali


@login_required
@require_GET
def unit_pilihan(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """The unit options of a PD of the pemda, for the unit select (htmx, when the PD select changes)."""
    pemda = _pemda_admin(request.user, pemda_id)
    pd_id = request.GET.get("pd", "")
    pd = pemda.perangkat_daerah.filter(pk=int(pd_id)).first() if pd_id.isdigit() else None
    return render(request, "renstra/_unit_pilihan.html", {"pilihan": pilihan_unit(pd)})
