"""Headers of the responses: nothing a signed-in person receives may be kept by a cache, static files may."""

import pytest
from django.core.files.base import ContentFile
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from kinerja.models import BuktiDukung, RealisasiKinerja
from laporan import services as laporan_services
from laporan.models import EksporLaporan
from renstra.models import UnitKerja

pytestmark = pytest.mark.django_db

TAHUN, TW = 2024, 4


def _tanpa_simpan(r) -> bool:
    arahan = {a.strip() for a in r.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= arahan


def test_pages_and_files_for_a_signed_in_person_are_not_cached(
    contoh_pd, django_user_model, django_capture_on_commit_callbacks
):
    admin = django_user_model.objects.create_superuser("admin", password="x")
    c = Client()
    c.force_login(admin)
    unit = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    rk = RealisasiKinerja.objects.filter(indikator__pd=contoh_pd, tahun=TAHUN).first()
    bukti = BuktiDukung(realisasi=rk, nama_asli="bukti.pdf", ukuran=12, jenis_konten="application/pdf")
    bukti.berkas.save("bukti.pdf", ContentFile(b"%PDF-1.7 isi"))
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = laporan_services.ekspor_minta(pd=contoh_pd, tahun=TAHUN, format="html", user=admin)
    ekspor.refresh_from_db()
    assert ekspor.status == EksporLaporan.Status.SELESAI, ekspor.galat

    alamat = {
        "halaman": reverse("kinerja:entri", kwargs={"unit_id": unit.pk, "tahun": TAHUN, "triwulan": TW}),
        "bukti": reverse("kinerja:bukti-unduh", args=[bukti.pk]),
        "berkas laporan": reverse("laporan:unduh", args=[ekspor.pk]),
        "xlsx": reverse("anggaran:templat-realisasi", kwargs={"unit_id": unit.pk, "tahun": TAHUN, "triwulan": TW}),
    }
    disimpan = {}
    for nama, url in alamat.items():
        r = c.get(url)
        assert r.status_code == 200, (nama, r.status_code)
        if nama == "xlsx":
            assert "spreadsheetml" in r["Content-Type"]
        if not _tanpa_simpan(r):
            disimpan[nama] = r.get("Cache-Control")
    assert disimpan == {}


def test_static_files_stay_cacheable(settings, django_user_model):
    settings.WHITENOISE_USE_FINDERS = True  # serve static/ without collectstatic, as in development
    c = Client()  # a new client builds the middleware with these settings
    c.force_login(django_user_model.objects.create_user("op", password="x"))
    r = c.get(static("laporan/cetak.css"))
    assert r.status_code == 200
    assert "no-store" not in r.get("Cache-Control", "") and "max-age" in r["Cache-Control"]
