"""The entry page of a unit's quarter: access, in-place saves, Indonesian numbers, two people on one row."""

import re
import threading
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import RealisasiAnggaran, RealisasiFisik
from kinerja import services
from kinerja.models import RealisasiKinerja
from renstra.models import Indikator, Keanggotaan, PerangkatDaerah, SubKegiatan, UnitKerja
from sakip.angka import format_angka, format_rupiah
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import KODE_PD, TAHUN, bundle_sintetis
from tests.formulir import form_data
from tests.sakip.test_unggahan import png

pytestmark = pytest.mark.django_db

TW = 4


@pytest.fixture
def peran(contoh_pd, django_user_model):
    def buat(nama, peran, pd=contoh_pd, unit=None):
        user = django_user_model.objects.create_user(nama, password="x")
        Keanggotaan.objects.create(
            user=user,
            pemda=contoh_pd.pemda,
            pd=pd if peran not in ("reviewer", "admin_pemda") else None,
            unit_kerja=unit,
            peran=peran,
        )
        c = Client()
        c.force_login(user)
        return c

    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    return {
        "unit": pel,
        "trantib": UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-TRANTIB"),
        "operator": buat("op", "operator", unit=pel),
        "operator2": buat("op2", "operator", unit=pel),
        "perencana": buat("ren", "perencana"),
        "reviewer": buat("rev", "reviewer"),
    }


def _url(unit, nama="kinerja:entri", **extra):
    return reverse(nama, kwargs={"unit_id": unit.pk, "tahun": 2024, "triwulan": TW, **extra})


def test_home_takes_an_operator_to_their_unit(peran):
    r = peran["operator"].get("/")
    assert r.status_code == 302 and r["Location"].startswith(f"/unit/{peran['unit'].pk}/")


def test_access_per_role(peran):
    unit, lain = peran["unit"], peran["trantib"]
    assert peran["operator"].get(_url(unit)).status_code == 200
    assert peran["operator"].get(_url(lain)).status_code == 404  # another unit of the same PD
    assert peran["perencana"].get(_url(lain)).status_code == 200
    halaman = peran["reviewer"].get(_url(unit))
    assert halaman.status_code == 200 and 'name="nilai"' not in halaman.content.decode()  # read-only
    ind = Indikator.objects.get(kode="IKU-2")
    assert peran["reviewer"].post(_url(unit, "kinerja:simpan-kinerja", indikator_id=ind.pk), {}).status_code == 403
    anonim = Client().get(_url(unit))
    assert anonim.status_code == 302 and anonim["Location"].startswith("/masuk/")


def _baris(html: str, id_: str) -> str:
    m = re.search(rf'<tr id="{id_}".*?</tr>', html, re.S)
    assert m, id_
    return m.group(0)


def test_a_row_saves_in_place_and_echoes_the_number(peran):
    unit = peran["unit"]
    ind = Indikator.objects.get(kode="IKU-2")
    halaman = peran["operator"].get(_url(unit)).content.decode()
    data = form_data(halaman, f"f-kinerja-{ind.pk}")
    assert data["nilai"] == "91,30"  # shown the Indonesian way
    data["nilai"] = "92,75"
    r = peran["operator"].post(_url(unit, "kinerja:simpan-kinerja", indikator_id=ind.pk), data, HTTP_HX_REQUEST="true")
    baris = r.content.decode()
    assert r.status_code == 200 and baris.lstrip().startswith(f'<tr id="kinerja-{ind.pk}"')
    assert "Tersimpan" in baris and 'value="92,75"' in baris
    assert "103,06" in baris  # capaian recomputed: 92,75 / 90
    assert RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW).nilai == D("92.75")


def test_an_ambiguous_number_is_refused_with_the_reading(peran):
    unit = peran["unit"]
    ind = Indikator.objects.get(kode="IKU-2")
    data = form_data(peran["operator"].get(_url(unit)).content.decode(), f"f-kinerja-{ind.pk}")
    data["nilai"] = "12.50"
    r = peran["operator"].post(_url(unit, "kinerja:simpan-kinerja", indikator_id=ind.pk), data, HTTP_HX_REQUEST="true")
    assert "Gunakan koma untuk desimal: 12,50" in r.content.decode()
    assert RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW).nilai == D("91.3")


def test_money_is_typed_with_thousands_and_checked_against_the_pagu(peran):
    unit = peran["unit"]
    sk = SubKegiatan.objects.get(kode="7.01.02.2.01.0010")
    baris = RealisasiAnggaran.objects.get(sub_kegiatan=sk, tahun=2024, triwulan=TW)
    url = _url(unit, "kinerja:simpan-anggaran", sub_kegiatan_id=sk.pk, rekening_id=baris.rekening_id)
    form_id = f"f-anggaran-{sk.pk}-{baris.rekening_id}"
    data = form_data(peran["operator"].get(_url(unit)).content.decode(), form_id)
    assert data["jumlah"] == "62.000.000"
    data["jumlah"] = "75.000.001"  # 165.000.000 before TW 4 + 75.000.001 > pagu 240.000.000
    r = peran["operator"].post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Realisasi s.d. triwulan ini (Rp 240.000.001) melebihi pagu (Rp 240.000.000)." in r
    baris.refresh_from_db()
    assert baris.jumlah == D("62000000")  # nothing saved
    data["jumlah"] = "1.250.000"
    r = peran["operator"].post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Tersimpan" in _baris(r, f"anggaran-{sk.pk}-{baris.rekening_id}")
    baris.refresh_from_db()
    assert baris.jumlah == D("1250000")


def test_two_people_one_row_nothing_is_overwritten(peran):
    unit = peran["unit"]
    ind = Indikator.objects.get(kode="IKU-2")
    url = _url(unit, "kinerja:simpan-kinerja", indikator_id=ind.pk)
    a = form_data(peran["operator"].get(_url(unit)).content.decode(), f"f-kinerja-{ind.pk}")
    b = form_data(peran["operator2"].get(_url(unit)).content.decode(), f"f-kinerja-{ind.pk}")
    a["nilai"], b["nilai"] = "93", "88,5"
    assert "Tersimpan" in peran["operator"].post(url, a, HTTP_HX_REQUEST="true").content.decode()
    r = peran["operator2"].post(url, b, HTTP_HX_REQUEST="true").content.decode()
    assert "sudah diubah orang lain" in r
    assert "Disimpan oleh op" in r and "93,00" in r  # their value, who saved it
    assert 'value="88,5"' in r  # ours still in the input
    assert RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW).nilai == D("93")
    b2 = form_data(r, f"f-kinerja-{ind.pk}")  # saving again now overwrites knowingly
    assert "Tersimpan" in peran["operator2"].post(url, b2, HTTP_HX_REQUEST="true").content.decode()
    assert RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW).nilai == D("88.5")


_DISIMPAN_OLEH = r"Disimpan oleh %s pada \d{1,2} \w+ \d{4} \d{2}\.\d{2}: %s\."


def test_two_people_one_money_row_nothing_is_overwritten(peran):
    unit = peran["unit"]
    sk = SubKegiatan.objects.get(kode="7.01.02.2.01.0010")
    baris = RealisasiAnggaran.objects.get(sub_kegiatan=sk, tahun=2024, triwulan=TW)
    url = _url(unit, "kinerja:simpan-anggaran", sub_kegiatan_id=sk.pk, rekening_id=baris.rekening_id)
    form_id = f"f-anggaran-{sk.pk}-{baris.rekening_id}"
    a = form_data(peran["operator"].get(_url(unit)).content.decode(), form_id)
    b = form_data(peran["operator2"].get(_url(unit)).content.decode(), form_id)
    a["jumlah"], b["jumlah"] = "70.000.000", "55.500.000"
    assert "Tersimpan" in peran["operator"].post(url, a, HTTP_HX_REQUEST="true").content.decode()
    r = peran["operator2"].post(url, b, HTTP_HX_REQUEST="true").content.decode()
    assert str(services.SUDAH_DIUBAH) in r
    assert re.search(_DISIMPAN_OLEH % ("op", r"Rp 70\.000\.000"), r), r  # their value, who saved it and when
    assert 'value="55.500.000"' in r  # ours still in the input
    baris.refresh_from_db()
    assert (baris.jumlah, baris.updated_by.username) == (D("70000000"), "op")
    b2 = form_data(r, form_id)  # saving again now overwrites knowingly
    assert "Tersimpan" in peran["operator2"].post(url, b2, HTTP_HX_REQUEST="true").content.decode()
    baris.refresh_from_db()
    assert baris.jumlah == D("55500000")


def test_two_people_one_physical_row_nothing_is_overwritten(peran):
    unit = peran["unit"]
    sk = SubKegiatan.objects.get(kode="7.01.02.2.01.0010")
    baris = RealisasiFisik.objects.get(sub_kegiatan=sk, tahun=2024, triwulan=TW)
    url = _url(unit, "kinerja:simpan-fisik", sub_kegiatan_id=sk.pk)
    form_id = f"f-fisik-{sk.pk}"
    a = form_data(peran["operator"].get(_url(unit)).content.decode(), form_id)
    b = form_data(peran["operator2"].get(_url(unit)).content.decode(), form_id)
    a["persen"], b["persen"] = "97,5", "99"
    assert "Tersimpan" in peran["operator"].post(url, a, HTTP_HX_REQUEST="true").content.decode()
    r = peran["operator2"].post(url, b, HTTP_HX_REQUEST="true").content.decode()
    assert str(services.SUDAH_DIUBAH) in r
    assert re.search(_DISIMPAN_OLEH % ("op", "97,50%"), r), r
    assert 'value="99"' in r
    baris.refresh_from_db()
    assert (baris.persen, baris.updated_by.username) == (D("97.5"), "op")
    b2 = form_data(r, form_id)
    assert "Tersimpan" in peran["operator2"].post(url, b2, HTTP_HX_REQUEST="true").content.decode()
    baris.refresh_from_db()
    assert baris.persen == D("99")


@pytest.mark.parametrize("jenis", ["kinerja", "anggaran", "fisik"])
def test_a_save_between_the_check_and_the_claim_is_caught_by_the_database(jenis, peran, monkeypatch, django_user_model):
    """Another person saves after this save has checked the version (cek_versi) and before it claims the row: only
    the version condition of the claim's UPDATE can see it, on SQLite as on PostgreSQL."""
    unit = peran["unit"]
    sk = SubKegiatan.objects.get(kode="7.01.02.2.01.0010")
    ind = Indikator.objects.get(kode="IKU-2")
    lain = django_user_model.objects.get(username="op")
    model, kunci, field, nilai_lain, nilai_kita, url, form_id = {
        "kinerja": (
            RealisasiKinerja,
            {"indikator": ind},
            "nilai",
            D("93"),
            "88,5",
            _url(unit, "kinerja:simpan-kinerja", indikator_id=ind.pk),
            f"f-kinerja-{ind.pk}",
        ),
        "anggaran": (
            RealisasiAnggaran,
            {"sub_kegiatan": sk},
            "jumlah",
            D("70000000"),
            "55.500.000",
            None,
            None,
        ),
        "fisik": (
            RealisasiFisik,
            {"sub_kegiatan": sk},
            "persen",
            D("97.5"),
            "99",
            _url(unit, "kinerja:simpan-fisik", sub_kegiatan_id=sk.pk),
            f"f-fisik-{sk.pk}",
        ),
    }[jenis]
    baris = model.objects.get(tahun=2024, triwulan=TW, **kunci)
    if jenis == "anggaran":
        url = _url(unit, "kinerja:simpan-anggaran", sub_kegiatan_id=sk.pk, rekening_id=baris.rekening_id)
        form_id = f"f-anggaran-{sk.pk}-{baris.rekening_id}"
    data = form_data(peran["operator2"].get(_url(unit)).content.decode(), form_id)
    data[field] = nilai_kita
    cek_asli = services.cek_versi

    def cek_lalu_orang_lain_menyimpan(*, baris, version):
        cek_asli(baris=baris, version=version)  # passes: the form's version is still current
        model.objects.filter(pk=baris.pk).update(**{field: nilai_lain}, version=F("version") + 1, updated_by=lain)

    monkeypatch.setattr(services, "cek_versi", cek_lalu_orang_lain_menyimpan)
    riwayat = baris.history.count()
    r = peran["operator2"].post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert str(services.SUDAH_DIUBAH) in r
    tampil = format_rupiah(nilai_lain) if jenis == "anggaran" else format_angka(nilai_lain)
    assert "Disimpan oleh op pada" in r and tampil in r  # the row as the claim found it
    # The simulated save ran inside the refused save's transaction, so both are rolled back; ours was never written.
    simpanan = model.objects.get(pk=baris.pk)
    assert (getattr(simpanan, field), simpanan.version) == (getattr(baris, field), baris.version)
    assert simpanan.history.count() == riwayat


def test_submit_return_and_history_through_the_screens(peran):
    unit = peran["unit"]
    r = peran["operator"].post(_url(unit, "kinerja:ajukan"), follow=True)
    assert "diajukan untuk verifikasi" in r.content.decode()
    halaman = peran["perencana"].get(_url(unit)).content.decode()
    assert 'id="tombol-verifikasi"' in halaman
    rk = RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=TW)
    r = peran["perencana"].post(
        _url(unit, "kinerja:kembalikan", jenis="kinerja", pk=rk.pk), {"alasan": "Lampirkan bukti survei"}, follow=True
    )
    assert "dikembalikan kepada operator" in r.content.decode()
    halaman = peran["operator"].get(_url(unit)).content.decode()
    assert "Dikembalikan: Lampirkan bukti survei" in _baris(halaman, f"kinerja-{rk.indikator_id}")
    riwayat = peran["operator"].get(reverse("kinerja:riwayat", args=["kinerja", rk.pk])).content.decode()
    assert "Lampirkan bukti survei" in riwayat and "ren" in riwayat


def _kueri_entri(n_sub: int, django_user_model) -> tuple[int, int]:
    hasil, _ = bundle_import(doc=bundle_sintetis(n_sub, seed=5))
    assert hasil.sah
    pd = PerangkatDaerah.objects.get(kode=KODE_PD)
    unit = max(UnitKerja.objects.filter(pd=pd), key=lambda u: u.sub_kegiatan.count())
    user = django_user_model.objects.create_user(f"o{n_sub}", password="x")
    Keanggotaan.objects.create(user=user, pemda=pd.pemda, pd=pd, unit_kerja=unit, peran="operator")
    c = Client()
    c.force_login(user)
    url = reverse("kinerja:entri", kwargs={"unit_id": unit.pk, "tahun": TAHUN, "triwulan": 2})
    c.get(url)  # session and permission caches warm
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(url)
    assert r.status_code == 200
    baris = r.content.decode().count('<tr id="kinerja-') + r.content.decode().count('<tr id="anggaran-')
    pd.delete()
    return len(ctx.captured_queries), baris


def test_entry_page_query_count_is_the_same_at_10_and_100_sub_kegiatan(django_user_model):
    kueri_kecil, baris_kecil = _kueri_entri(10, django_user_model)
    kueri_besar, baris_besar = _kueri_entri(100, django_user_model)
    assert baris_besar > 2 * baris_kecil > 0
    assert kueri_kecil == kueri_besar <= 24


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks need PostgreSQL")
def test_concurrent_saves_of_one_row_let_exactly_one_win(contoh_pd, django_user_model):
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    baris = RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW)
    users = [django_user_model.objects.create_user(f"u{i}") for i in range(4)]
    hasil: list[str] = []
    mulai = threading.Barrier(len(users))

    def simpan(user, nilai):
        try:
            mulai.wait()
            services.realisasi_kinerja_simpan(
                indikator=ind,
                tahun=2024,
                triwulan=TW,
                version=baris.version,
                nilai=nilai,
                label="",
                status="final",
                user=user,
            )
            hasil.append("ok")
        except services.KonflikVersi:
            hasil.append("konflik")
        finally:
            connection.close()

    threads = [threading.Thread(target=simpan, args=(u, D(90 + i))) for i, u in enumerate(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(hasil) == ["konflik", "konflik", "konflik", "ok"]
    versi_awal = baris.version
    baris.refresh_from_db()
    assert baris.version == versi_awal + 1  # one claim, one increment


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("bukti.pdf", b"%PDF-1.7 laporan\nstartxref\n0\n%%EOF\n", None),
        ("foto.png", png(), None),
        ("foto.png", b"\x89PNG\r\n\x1a\n<svg/>", "Gambar ini tidak dapat dibuka"),
        ("tabel.xlsx", b"PK\x03\x04....", "bukan buku kerja Excel"),
        ("skrip.pdf", b"<script>alert(1)</script>", "Jenis berkas tidak diterima"),
        ("makro.xlsm", b"PK\x03\x04....", "Jenis berkas tidak diterima"),
        ("besar.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "Berkas lebih dari 10 MB."),
    ],
)
def test_evidence_is_checked_by_content_and_size(peran, nama, isi, pesan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    unit = peran["unit"]
    ind = Indikator.objects.get(kode="IKU-2")
    url = _url(unit, "kinerja:bukti-unggah", indikator_id=ind.pk)
    r = peran["operator"].post(url, {"berkas": SimpleUploadedFile(nama, isi)}, HTTP_HX_REQUEST="true")
    baris = r.content.decode()
    rk = RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW)
    if pesan is None:
        assert rk.bukti.get().nama_asli == nama
        unduh = peran["reviewer"].get(reverse("kinerja:bukti-unduh", args=[rk.bukti.get().pk]))
        assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == isi
    else:
        assert pesan in baris
        assert not rk.bukti.exists()


def test_ids_and_versions_are_not_written_with_thousand_separators(peran):
    """With USE_THOUSAND_SEPARATOR an id of 12345 would print as "12.345": htmx targets and versions must not."""
    unit = peran["unit"]
    ind = Indikator.objects.get(kode="IKU-2")
    baru = Indikator.objects.create(
        pk=12345,
        pd=ind.pd,
        kode="IKU-9",
        uraian="Indikator nomor besar",
        satuan="Persen",
        level="sasaran",
        sasaran=ind.sasaran,
        unit_kerja=unit,
    )
    RealisasiKinerja.objects.create(indikator=baru, tahun=2024, triwulan=TW, nilai=D("50"), version=1234)
    halaman = peran["operator"].get(_url(unit)).content.decode()
    assert 'id="kinerja-12345"' in halaman and 'hx-target="#kinerja-12345"' in halaman
    data = form_data(halaman, "f-kinerja-12345")
    assert data["version"] == "1234"
    data["nilai"] = "60"
    r = peran["operator"].post(_url(unit, "kinerja:simpan-kinerja", indikator_id=12345), data, HTTP_HX_REQUEST="true")
    assert 'id="kinerja-12345"' in r.content.decode() and "Tersimpan" in r.content.decode()
