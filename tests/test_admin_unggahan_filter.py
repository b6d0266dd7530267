"""The admin's uploads and filter sidebars hold as the application's screens do.

An upload through the admin goes through the application's check (sakip.unggahan), or its field is read-only; the
sidebar of a changelist names only the PDs and pemdas the person may read.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from laporan.models import Laporan
from renstra.admin import FilterDalamCakupan
from sakip.demo import pd_demo
from sakip.unggahan import GAMBAR_RUSAK
from tests.formulir import form_data
from tests.laporan.test_narasi_view import png
from tests.test_admin_cakupan import demo  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

User = get_user_model()
APPS = ("renstra", "kinerja", "anggaran", "laporan")
SETDA, SUKAMAJU = "4.01.0.00.0.00.01.0000", "7.01.0.00.0.00.09.0000"


def _klien(username: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


def _admin_sakip():
    return [(m, a) for m, a in admin.site._registry.items() if m._meta.app_label in APPS]


# --- uploads ----------------------------------------------------------------------------------------------------


def test_setiap_bidang_berkas_admin_diperiksa_atau_hanya_baca():
    """No admin form of the four apps (nor of their inlines) takes a file without the application's check."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True)
    for model, model_admin in _admin_sakip():
        pemilik = [(model, model_admin), *((i.model, i) for i in model_admin.get_inline_instances(request))]
        for m, a in pemilik:
            for f in m._meta.fields:
                if not isinstance(f, models.FileField):
                    continue
                hanya_baca = f.name in a.get_readonly_fields(request)
                assert hanya_baca or f.name in a.pemeriksa_berkas, f"{m.__name__}.{f.name}"
                if not hanya_baca:
                    field = a.formfield_for_dbfield(f, request)
                    assert a.pemeriksa_berkas[f.name] in field.validators, f"{m.__name__}.{f.name}"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _kirim_gambar(c: Client, laporan: Laporan, **berkas):
    alamat = reverse("admin:laporan_laporan_change", args=[laporan.pk])
    data = form_data(c.get(alamat).content.decode(), "laporan_form")
    return c.post(alamat, {**data, **berkas})


@pytest.mark.parametrize("bidang", ["logo", "bagan_organisasi"])
def test_gambar_palsu_lewat_admin_ditolak(demo, media, bidang):  # noqa: F811
    """A PNG header followed by SVG is refused by the laporan admin as on the narrative page, and nothing is
    written: the row keeps no file and the media folder stays empty."""
    laporan, _ = Laporan.objects.get_or_create(pd=pd_demo(SETDA), tahun=2024)
    c = _klien("perencana.setda")
    palsu = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n<svg xmlns='http://www.w3.org/2000/svg'/>")
    r = _kirim_gambar(c, laporan, **{bidang: palsu})
    assert r.status_code == 200
    assert str(GAMBAR_RUSAK % {"jenis": "PNG"}) in r.context["adminform"].form.errors[bidang]
    laporan.refresh_from_db()
    assert not getattr(laporan, bidang)
    assert not [p for p in media.rglob("*") if p.is_file()]
    # a real image passes the same form
    r = _kirim_gambar(c, laporan, **{bidang: SimpleUploadedFile("logo.png", png(2, 2))})
    assert r.status_code == 302
    laporan.refresh_from_db()
    assert getattr(laporan, bidang).read() == png(2, 2)


# --- filter sidebars --------------------------------------------------------------------------------------------


def test_setiap_filter_baris_terkait_dibatasi_cakupan():
    """Every list filter on a related row of the four apps' admins lists through FilterDalamCakupan."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True)
    for model, model_admin in _admin_sakip():
        for entri in model_admin.get_list_filter(request):
            jalur = entri[0] if isinstance(entri, (tuple, list)) else entri
            if isinstance(jalur, str) and get_fields_from_path(model, jalur)[-1].is_relation:
                assert isinstance(entri, tuple) and issubclass(entri[1], FilterDalamCakupan), (model, jalur)


def _pilihan_filter(r, jalur: str) -> set[str]:
    """The names the changelist's filter on ``jalur`` offers (Django leaves a filter of one choice out of the page, so
    it is built as the changelist builds it)."""
    cl, request = r.context["cl"], r.wsgi_request
    kelas = dict(e for e in cl.model_admin.get_list_filter(request) if isinstance(e, tuple))[jalur]
    spec = kelas(get_fields_from_path(cl.model, jalur)[-1], request, {}, cl.model, cl.model_admin, jalur)
    return {str(nama) for _, nama in spec.lookup_choices}


@pytest.mark.parametrize(
    ("changelist", "jalur"),
    [("admin:renstra_indikator_changelist", "pd"), ("admin:kinerja_realisasikinerja_changelist", "indikator__pd")],
)
def test_filter_pd_hanya_pd_dalam_cakupan(demo, changelist, jalur):  # noqa: F811
    """``perencana.setda`` is offered Setda in the PD filter, and Sukamaju's name (another pemda) appears nowhere on
    the page; a superuser is offered both. (With one PD in scope Django leaves the filter out of the HTML.)"""
    setda, sukamaju = pd_demo(SETDA), pd_demo(SUKAMAJU)
    r = _klien("perencana.setda").get(reverse(changelist))
    assert setda.nama in _pilihan_filter(r, jalur)
    assert sukamaju.nama not in _pilihan_filter(r, jalur)
    assert sukamaju.nama not in r.content.decode()
    r = _klien("admin").get(reverse(changelist))
    assert {setda.nama, sukamaju.nama} <= _pilihan_filter(r, jalur)
    assert sukamaju.nama in r.content.decode()


def test_filter_pemda_hanya_pemda_dalam_cakupan(demo):  # noqa: F811
    """The pemda filter of the PD list (a plain ``"pemda"`` entry) names the person's pemda only."""
    setda, sukamaju = pd_demo(SETDA), pd_demo(SUKAMAJU)
    assert setda.pemda_id != sukamaju.pemda_id
    alamat, jalur = reverse("admin:renstra_perangkatdaerah_changelist"), "pemda"
    r = _klien("perencana.setda").get(alamat)
    assert setda.pemda.nama in _pilihan_filter(r, jalur)
    assert sukamaju.pemda.nama not in _pilihan_filter(r, jalur)
    assert sukamaju.pemda.nama not in r.content.decode()
    r = _klien("admin").get(alamat)
    assert {setda.pemda.nama, sukamaju.pemda.nama} <= _pilihan_filter(r, jalur)
