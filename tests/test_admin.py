"""The admin covers every model of the four apps, with history, search, filters and a fixed number of queries."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from anggaran.models import AnggaranKas, ImporBerkas, PaguAnggaran, RealisasiAnggaran, RealisasiFisik, VersiAnggaran
from kinerja.models import (
    BuktiDukung,
    KunciTriwulan,
    PelaporanTriwulan,
    PitaSkala,
    RealisasiKinerja,
    SkalaPenilaian,
    StandarNasional,
)
from laporan.models import CatatanReviu, EksporLaporan, Laporan, VersiLaporan
from renstra.admin import KODE_SASARAN_GANDA, KeanggotaanInline
from renstra.models import Indikator, Keanggotaan, PerangkatDaerah, Sasaran, SubKegiatan, Tujuan, UnitKerja
from sakip.angka import format_angka
from sakip.bundle.impor import baca_json, bundle_import
from tests.formulir import form_data

APLIKASI = ("renstra", "kinerja", "anggaran", "laporan")
BUNDLE = Path(__file__).parent / "data" / "contoh-bundle.json"
#: Queries of a list page: session, user, counts, the page, the filter choices. It must not grow with the rows.
BATAS_KUERI = 12
#: Session, user, count and the page of results.
BATAS_KUERI_AUTOCOMPLETE = 4

MODEL = [
    model
    for label in APLIKASI
    for model in apps.get_app_config(label).get_models()
    if not hasattr(model, "instance_type")  # simple-history's Historical* models
]


def _id(model) -> str:
    return model._meta.label


def url(model, aksi: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{aksi}", args=args)


@pytest.fixture
def contoh(db, admin_user):
    """The example bundle, plus one row of each model the bundle does not carry."""
    hasil, ringkasan = bundle_import(doc=baca_json(BUNDLE.read_bytes()))
    assert hasil.sah
    unit = UnitKerja.objects.select_related("pd__pemda").first()
    Keanggotaan.objects.create(
        user=admin_user, pemda=unit.pd.pemda, pd=unit.pd, unit_kerja=unit, peran=Keanggotaan.Peran.OPERATOR
    )
    realisasi = RealisasiKinerja.objects.first()
    BuktiDukung.objects.create(
        realisasi=realisasi,
        berkas=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 contoh"),
        nama_asli="bukti.pdf",
        ukuran=15,
        jenis_konten="application/pdf",
        diunggah_oleh=admin_user,
    )
    StandarNasional.objects.create(indikator=realisasi.indikator, tahun=realisasi.tahun, nilai=Decimal("80"))
    AnggaranKas.objects.create(sub_kegiatan=SubKegiatan.objects.first(), tahun=2024, triwulan=1, jumlah=Decimal("1000"))
    PelaporanTriwulan.objects.create(unit_kerja=unit, tahun=2024, triwulan=1)
    KunciTriwulan.objects.create(pd=unit.pd, tahun=2024, triwulan=1)
    laporan, _ = Laporan.objects.get_or_create(pd=unit.pd, tahun=2024)
    versi = VersiLaporan.objects.create(laporan=laporan, nomor=1, params_hash="0" * 64)
    EksporLaporan.objects.create(versi=versi, format="pdf")
    CatatanReviu.objects.create(versi=versi, bagian="bab-1", judul_bagian="BAB I", teks="Catatan", penulis=admin_user)
    ImporBerkas.objects.create(
        jenis="realisasi", pd=unit.pd, unit=unit, tahun=2024, triwulan=1, nama_asli="isian.xlsx", sha256="0" * 64,
        berkas=SimpleUploadedFile("isian.xlsx", b"PK\x03\x04"), galat=[{"pesan": "contoh"}], created_by=admin_user,
    )  # fmt: skip
    return ringkasan


def test_setiap_model_terdaftar_dengan_riwayat():
    assert len(MODEL) == 42
    for model in MODEL:
        assert admin.site.is_registered(model), model
        assert isinstance(admin.site.get_model_admin(model), SimpleHistoryAdmin), model


def test_user_admin_memuat_keanggotaan():
    model_admin = admin.site.get_model_admin(get_user_model())
    assert KeanggotaanInline in model_admin.inlines


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODEL, ids=_id)
def test_daftar_tambah_dan_cari(admin_client, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "changelist"), {"q": "1.0"}).status_code == 200
    # changed only through the workflow and entry screens
    boleh_tambah = model not in (
        PelaporanTriwulan,
        KunciTriwulan,
        RealisasiKinerja,
        RealisasiAnggaran,
        RealisasiFisik,
        BuktiDukung,
        VersiLaporan,  # made by the report page, the worker and the review screens
        EksporLaporan,
        CatatanReviu,
        ImporBerkas,  # made by the import screens
    )
    assert admin_client.get(url(model, "add")).status_code == (200 if boleh_tambah else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODEL, ids=_id)
def test_halaman_ubah_dan_riwayat(admin_client, contoh, model, django_assert_max_num_queries):
    obj = model.objects.order_by("pk").first()
    assert obj is not None, f"no {model.__name__} to open"
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(url(model, "history", obj.pk)).status_code == 200
    with django_assert_max_num_queries(BATAS_KUERI):
        respons = admin_client.get(url(model, "changelist"))
    assert respons.status_code == 200
    assert respons.context["cl"].result_count == model.objects.count()


@pytest.mark.django_db
def test_halaman_pengguna_dengan_keanggotaan(admin_client, admin_user, contoh):
    respons = admin_client.get(url(get_user_model(), "change", admin_user.pk))
    assert respons.status_code == 200
    assert b"keanggotaan-0-peran" in respons.content


def _kueri_daftar(client, model) -> int:
    with CaptureQueriesContext(connection) as kueri:
        respons = client.get(url(model, "changelist"))
    assert respons.status_code == 200
    return len(kueri)


def _tambah_indikator(jumlah: int) -> list[Indikator]:
    contoh = Indikator.objects.filter(level=Indikator.Level.SASARAN).first()
    baru = [
        Indikator(
            pd=contoh.pd,
            kode=f"UJI-{i}",
            uraian=f"Indikator uji {i}",
            satuan="Persen",
            level=Indikator.Level.SASARAN,
            sasaran=contoh.sasaran,
            unit_kerja=UnitKerja.objects.filter(pd=contoh.pd).first(),
            urutan=1000 + i,
        )
        for i in range(jumlah)
    ]
    return Indikator.objects.bulk_create(baru)


@pytest.mark.django_db
def test_daftar_indikator_tidak_tumbuh_dengan_baris(admin_client, contoh, django_assert_max_num_queries):
    sedikit = _kueri_daftar(admin_client, Indikator)
    _tambah_indikator(60)
    assert Indikator.objects.count() > 50  # a full page (list_per_page)
    with django_assert_max_num_queries(BATAS_KUERI):
        banyak = _kueri_daftar(admin_client, Indikator)
    assert banyak == sedikit


@pytest.mark.django_db
def test_daftar_realisasi_kinerja_tidak_tumbuh_dengan_baris(admin_client, contoh, django_assert_max_num_queries):
    pd = PerangkatDaerah.objects.first()
    filter_pd = {"indikator__pd__id__exact": pd.pk}
    with CaptureQueriesContext(connection) as kueri:
        assert admin_client.get(url(RealisasiKinerja, "changelist"), filter_pd).status_code == 200
    sedikit = len(kueri)
    RealisasiKinerja.objects.bulk_create(
        RealisasiKinerja(indikator=ind, tahun=2030, triwulan=tw, nilai=Decimal(tw))
        for ind in _tambah_indikator(20)
        for tw in (1, 2, 3, 4)
    )
    assert RealisasiKinerja.objects.count() > 100
    with django_assert_max_num_queries(BATAS_KUERI), CaptureQueriesContext(connection) as kueri:
        respons = admin_client.get(url(RealisasiKinerja, "changelist"), filter_pd)
    assert respons.status_code == 200
    assert len(kueri) == sedikit
    # and the unfiltered list, and a page further on
    assert _kueri_daftar(admin_client, RealisasiKinerja) <= BATAS_KUERI
    with django_assert_max_num_queries(BATAS_KUERI):
        assert admin_client.get(url(RealisasiKinerja, "changelist"), {"p": "2"}).status_code == 200


# --- preset scales are read-only --------------------------------------------------------------------------


@pytest.mark.django_db
def test_skala_bawaan_hanya_dibaca(admin_client):
    skala = SkalaPenilaian.objects.filter(bawaan=True).first()
    pita = skala.pita.first()
    respons = admin_client.get(url(SkalaPenilaian, "change", skala.pk))
    assert respons.status_code == 200
    assert b'name="_save"' not in respons.content
    assert b"pita-0-label" not in respons.content  # bands shown as text, not inputs
    assert admin_client.post(url(SkalaPenilaian, "change", skala.pk), {"nama": "Diubah"}).status_code == 403
    assert admin_client.post(url(SkalaPenilaian, "delete", skala.pk), {"post": "yes"}).status_code == 403
    assert admin_client.post(url(PitaSkala, "change", pita.pk), {"label": "Diubah"}).status_code == 403
    assert admin_client.post(url(PitaSkala, "delete", pita.pk), {"post": "yes"}).status_code == 403
    skala.save()  # the presets come from a migration, without history: write one record to revert to
    riwayat = skala.history.first()
    assert admin_client.post(url(SkalaPenilaian, "simple_history", skala.pk, riwayat.pk), {}).status_code == 403
    skala.refresh_from_db()
    assert SkalaPenilaian.objects.filter(pk=skala.pk, bawaan=True).exists()
    assert skala.nama != "Diubah"


@pytest.mark.django_db
def test_skala_buatan_sendiri_dapat_diubah(admin_client):
    skala = SkalaPenilaian.objects.create(kode="skala-uji", nama="Skala uji")
    data = {
        "kode": "skala-uji",
        "nama": "Skala uji diubah",
        "dasar_hukum": "",
        "pita-TOTAL_FORMS": "1",
        "pita-INITIAL_FORMS": "0",
        "pita-0-urutan": "1",
        "pita-0-batas_bawah": "90",
        "pita-0-termasuk": "on",
        "pita-0-label": "Baik",
        "pita-0-warna": "",
    }
    respons = admin_client.post(url(SkalaPenilaian, "change", skala.pk), data)
    assert respons.status_code == 302
    skala.refresh_from_db()
    assert skala.nama == "Skala uji diubah"
    assert not skala.bawaan
    assert skala.pita.get().batas_bawah == Decimal("90")
    assert skala.history.count() == 2


# --- writes through the admin -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model", [RealisasiKinerja, RealisasiAnggaran, RealisasiFisik, BuktiDukung], ids=_id)
def test_realisasi_hanya_dibaca_di_admin(admin_client, contoh, model):
    """Realisations go through the entry screens (workflow, locks); the admin shows them with their history."""
    obj = model.objects.first()
    halaman = admin_client.get(url(model, "change", obj.pk))
    assert halaman.status_code == 200
    assert 'name="_save"' not in halaman.content.decode()
    assert admin_client.post(url(model, "change", obj.pk), {}).status_code == 403
    assert admin_client.get(url(model, "history", obj.pk)).status_code == 200


@pytest.mark.django_db
def test_riwayat_realisasi_tampil_dengan_angka_indonesia(admin_client, admin_user, contoh):
    from kinerja import services

    realisasi = RealisasiKinerja.objects.filter(status="final", nilai__isnull=False, triwulan__isnull=False).first()
    lama = realisasi.nilai
    services.realisasi_kinerja_simpan(
        indikator=realisasi.indikator,
        tahun=realisasi.tahun,
        triwulan=realisasi.triwulan,
        version=realisasi.version,
        nilai=Decimal("12.5"),
        label=realisasi.label,
        status=realisasi.status,
        user=admin_user,
    )
    riwayat = " ".join(admin_client.get(url(RealisasiKinerja, "history", realisasi.pk)).content.decode().split())
    assert f"{format_angka(lama, 4)} &nbsp;&rarr;&nbsp;&nbsp;12,5000" in riwayat  # old → new, Indonesian numbers
    assert "<strong>Diubah oleh:</strong> — &nbsp;&rarr;&nbsp;&nbsp;admin" in riwayat
    assert "<strong>Versi data:</strong>" in riwayat


@pytest.mark.django_db
def test_sasaran_di_bawah_tujuan_memakai_renstra_tujuan(admin_client, contoh):
    tujuan = Tujuan.objects.select_related("renstra").first()
    lama = list(tujuan.sasaran.order_by("pk"))

    def kirim(kode: str):
        data = {
            "renstra": tujuan.renstra_id,
            "kode": tujuan.kode,
            "uraian": tujuan.uraian,
            "misi": [m.pk for m in tujuan.misi.all()],
            "urutan": tujuan.urutan,
            "sasaran-TOTAL_FORMS": str(len(lama) + 1),
            "sasaran-INITIAL_FORMS": str(len(lama)),
        }
        for i, s in enumerate(lama):
            data |= {
                f"sasaran-{i}-id": s.pk,
                f"sasaran-{i}-tujuan": tujuan.pk,
                f"sasaran-{i}-kode": s.kode,
                f"sasaran-{i}-uraian": s.uraian,
                f"sasaran-{i}-urutan": s.urutan,
            }
        n = len(lama)
        data |= {f"sasaran-{n}-tujuan": tujuan.pk, f"sasaran-{n}-kode": kode, f"sasaran-{n}-uraian": "Sasaran baru"}
        data[f"sasaran-{n}-urutan"] = "9"
        return admin_client.post(url(Tujuan, "change", tujuan.pk), data)

    assert lama, "the example's tujuan has sasaran"
    respons = kirim(lama[0].kode)  # the kode of a sasaran already in this Renstra
    assert respons.status_code == 200
    assert str(KODE_SASARAN_GANDA) in str(respons.context["inline_admin_formsets"][0].formset.errors)

    assert kirim("SS-BARU").status_code == 302
    baru = Sasaran.objects.get(kode="SS-BARU")
    assert (baru.renstra_id, baru.tujuan_id) == (tujuan.renstra_id, tujuan.pk)


def _autocomplete() -> list:
    """Every (model, field) an admin page shows as an autocomplete widget, inlines and the user admin included."""
    admins = [admin.site.get_model_admin(model) for model in [*MODEL, get_user_model()]]
    pasangan = {(ma.model, nama) for ma in admins for nama in ma.autocomplete_fields}
    pasangan |= {(inline.model, nama) for ma in admins for inline in ma.inlines for nama in inline.autocomplete_fields}
    urut = sorted(pasangan, key=lambda p: (p[0]._meta.label, p[1]))
    return [pytest.param(model, bidang, id=f"{_id(model)}.{bidang}") for model, bidang in urut]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "bidang"), _autocomplete())
def test_autocomplete_menjawab_tanpa_n_plus_1(admin_client, contoh, model, bidang, django_assert_max_num_queries):
    param = {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": bidang}
    with django_assert_max_num_queries(BATAS_KUERI_AUTOCOMPLETE):  # a label that queried would add one per row
        respons = admin_client.get(reverse("admin:autocomplete"), {**param, "term": ""})
    assert respons.status_code == 200
    target = model._meta.get_field(bidang).related_model
    assert len(respons.json()["results"]) == min(target.objects.count(), 20)


@pytest.mark.django_db
def test_versi_anggaran_menaut_ke_daftar_pagu(admin_client, contoh):
    versi = VersiAnggaran.objects.first()
    respons = admin_client.get(url(VersiAnggaran, "changelist"))
    tautan = f"{url(PaguAnggaran, 'changelist')}?versi__id__exact={versi.pk}"
    assert tautan.encode() in respons.content
    respons = admin_client.get(tautan)
    assert respons.status_code == 200
    assert respons.context["cl"].result_count == versi.pagu.count() > 0


@pytest.mark.django_db
def test_kolom_tahun_dan_rupiah_memakai_format_indonesia(admin_client, contoh):
    respons = admin_client.get(url(PaguAnggaran, "changelist"))
    isi = respons.content.decode()
    assert "Rp 1.500.000.000" in isi
    respons = admin_client.get(url(RealisasiKinerja, "changelist"))
    isi = respons.content.decode()
    assert '<td class="field-tahun">2024</td>' in isi
    assert "2.024" not in isi
    assert "B (68,95)" in isi  # label (angka) of an indicator value


@pytest.mark.django_db
def test_keanggotaan_dengan_cakupan_salah_ditolak_di_formulir(admin_client, admin_user, contoh):
    unit = UnitKerja.objects.select_related("pd").first()
    data = {"user": admin_user.pk, "pemda": unit.pd.pemda_id, "pd": unit.pd_id, "unit_kerja": "", "peran": "operator"}
    respons = admin_client.post(url(Keanggotaan, "add"), data)
    assert respons.status_code == 200  # an operator needs a unit kerja: a form error, not a database error
    assert respons.context["adminform"].form.errors
    data |= {"peran": "perencana"}
    assert admin_client.post(url(Keanggotaan, "add"), data).status_code == 302
    assert Keanggotaan.objects.filter(user=admin_user, peran="perencana", pd=unit.pd).exists()


def test_angka_diketik_cara_indonesia_di_admin(admin_client, contoh):
    pagu = PaguAnggaran.objects.select_related("versi").first()
    halaman = admin_client.get(url(PaguAnggaran, "change", pagu.pk)).content.decode()
    data = form_data(halaman, "paguanggaran_form")
    assert data["jumlah"] == format_angka(pagu.jumlah)  # shown the Indonesian way
    data["jumlah"] = "1.500.000,25"
    respons = admin_client.post(url(PaguAnggaran, "change", pagu.pk), data)
    assert respons.status_code == 302, respons.context["adminform"].form.errors
    pagu.refresh_from_db()
    assert pagu.jumlah == Decimal("1500000.25")
