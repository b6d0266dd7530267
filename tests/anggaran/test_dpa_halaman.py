"""The budget page of a PD's year: who may open it, the DPA versions and totals it shows, and the downloads."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html import unescape

import openpyxl
import pytest
from django.urls import reverse

from anggaran.dpa import JENIS_DPA, buku_dpa
from anggaran.excel import JENIS_XLSX
from anggaran.excel.buku import nama_berkas_buku
from kinerja.selectors import hasil_tahun
from renstra.models import Keanggotaan, Pemda, PerangkatDaerah, UnitKerja
from sakip.angka import format_persen, format_rupiah
from sakip.bundle.hasil import hasil_dict

pytestmark = pytest.mark.django_db

TAHUN = 2024


@pytest.fixture
def orang(contoh_pd, django_user_model):
    pemda_lain = Pemda.objects.create(kode="99.99", nama="Kabupaten Lain", jenis="kabupaten")
    pd_lain = PerangkatDaerah.objects.create(pemda=pemda_lain, kode="9.99.0.00.0.00.01.0000", nama="Dinas Lain")

    def buat(nama, peran, pd=contoh_pd, unit=None):
        user = django_user_model.objects.create_user(nama, password="x")
        pemda_saja = peran in Keanggotaan.PERAN_PEMDA
        Keanggotaan.objects.create(
            user=user, pemda=pd.pemda, pd=None if pemda_saja else pd, unit_kerja=unit, peran=peran
        )
        return user

    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    return {
        "perencana": buat("ren", "perencana"),
        "pimpinan": buat("camat", "pimpinan"),
        "reviewer": buat("inspektorat", "reviewer"),
        "admin_pemda": buat("bappeda", "admin_pemda"),
        "operator": buat("op", "operator", unit=pel),
        "perencana_lain": buat("ren-lain", "perencana", pd=pd_lain),
        "reviewer_lain": buat("insp-lain", "reviewer", pd=pd_lain),
    }


def _url(pd, tahun=TAHUN) -> str:
    return reverse("anggaran:dpa", kwargs={"pd_id": pd.pk, "tahun": tahun})


def _url_unduh(pd, kode: str, tahun=TAHUN) -> str:
    return reverse("anggaran:dpa-unduh", kwargs={"pd_id": pd.pk, "tahun": tahun, "kode": kode})


def _halaman(client, user, pd, tahun=TAHUN) -> str:
    client.force_login(user)
    r = client.get(_url(pd, tahun))
    assert r.status_code == 200
    return r.content.decode()


def _bersih(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _teks(html: str, id_: str) -> str:
    m = re.search(rf'<(\w+)[^>]* id="{id_}"[^>]*>(.*?)</\1>', html, re.S)
    assert m, id_
    return _bersih(m.group(2))


# --- access ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peran", "status"),
    [
        ("perencana", 200),
        ("pimpinan", 200),
        ("reviewer", 200),
        ("admin_pemda", 200),
        ("operator", 200),
        ("perencana_lain", 404),
        ("reviewer_lain", 404),
    ],
)
def test_siapa_boleh_membuka_dan_mengunduh(client, contoh_pd, orang, peran, status):
    client.force_login(orang[peran])
    assert client.get(_url(contoh_pd)).status_code == status
    assert client.get(_url_unduh(contoh_pd, "rekening")).status_code == status


def test_anonim_diarahkan_ke_halaman_masuk(client, contoh_pd):
    for url in (_url(contoh_pd), _url_unduh(contoh_pd, "unit")):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("tahun", [1999, 2101])
def test_tahun_di_luar_rentang_tidak_ada(client, contoh_pd, orang, tahun):
    client.force_login(orang["perencana"])
    assert client.get(_url(contoh_pd, tahun)).status_code == 404
    assert client.get(_url_unduh(contoh_pd, "rekening", tahun)).status_code == 404


def test_post_ditolak(client, contoh_pd, orang):
    client.force_login(orang["perencana"])
    assert client.post(_url(contoh_pd)).status_code == 405
    assert client.post(_url_unduh(contoh_pd, "rekening")).status_code == 405


# --- the page --------------------------------------------------------------------------------------------------


def test_total_sama_dengan_perhitungan(client, contoh_pd, orang):
    t = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]["total"]
    html = _halaman(client, orang["pimpinan"], contoh_pd)
    assert _teks(html, "pagu-murni") == format_rupiah(Decimal(t["pagu_murni"]))
    assert _teks(html, "pagu") == format_rupiah(Decimal(t["pagu"]))
    assert _teks(html, "realisasi") == format_rupiah(Decimal(t["realisasi"]))
    assert _teks(html, "sisa") == format_rupiah(Decimal(t["sisa"]))
    assert _teks(html, "serapan") == format_persen(Decimal(t["serapan"]))
    selisih = Decimal(t["pagu"]) - Decimal(t["pagu_murni"])
    assert _teks(html, "bertambah-berkurang") == format_rupiah(selisih)


def test_versi_dpa_dengan_tanggal_dan_jumlah_baris(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    baris = re.findall(r'<tr data-versi="(\w+)">(.*?)</tr>', html, re.S)
    assert [(v, _bersih(isi)) for v, isi in baris] == [
        ("murni", f"DPA Murni 2 Januari 2024 6 {_rp_versi(contoh_pd, 'murni')}"),
        ("perubahan", f"DPA Perubahan (DPPA) 15 September 2024 6 {_rp_versi(contoh_pd, 'perubahan')}"),
    ]


def _rp_versi(pd, versi: str) -> str:
    from django.db.models import Sum

    from anggaran.models import PaguAnggaran

    jumlah = PaguAnggaran.objects.filter(versi__pd=pd, versi__tahun=TAHUN, versi__versi=versi).aggregate(
        s=Sum("jumlah")
    )["s"]
    return format_rupiah(jumlah)


def test_tombol_unduh_untuk_setiap_buku_kerja(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    tombol = re.findall(r'<a class="tombol" href="([^"]+)" id="unduh-([\w-]+)" download>', html)
    assert [k for _, k in tombol] == list(JENIS_DPA)
    assert [u for u, _ in tombol] == [_url_unduh(contoh_pd, k) for k in JENIS_DPA]
    teks = _bersih(html)
    for j in JENIS_DPA.values():
        assert str(j.judul) in teks and str(j.keterangan) in teks


def test_navigasi_tahun(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    tahun = re.findall(r'<a href="/anggaran/\d+/(\d{4})/"(?: aria-current="page")?>(\d{4})</a>', html)
    assert [t for t, _ in tahun] == ["2023", "2024"]
    assert f'href="{_url(contoh_pd)}" aria-current="page">2024<' in html


def test_tahun_tanpa_dpa(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd, 2030)
    assert "Belum ada DPA yang tercatat untuk tahun 2030." in html
    assert "2.030" not in html
    assert f'href="{_url(contoh_pd, 2024)}"' in html
    assert 'id="tabel-versi"' not in html


def test_murni_tidak_tercatat_dikatakan(client, paser_pd, django_user_model):
    user = django_user_model.objects.create_user("ren", password="x")
    Keanggotaan.objects.create(user=user, pemda=paser_pd.pemda, pd=paser_pd, peran="perencana")
    html = _halaman(client, user, paser_pd)
    assert _teks(html, "pagu-murni") == "—"
    assert "DPA murni tidak tercatat" in html
    t = hasil_dict(hasil_tahun(paser_pd, TAHUN))["anggaran"]["total"]
    assert _teks(html, "pagu") == format_rupiah(Decimal(t["pagu"])) == "Rp 256.384.931.909"
    assert _teks(html, "serapan") == "92,10%"
    assert [_bersih(x) for x in re.findall(r'<tr data-versi="perubahan">(.*?)</tr>', html, re.S)] == [
        "DPA Perubahan (DPPA) tanpa tanggal 68 Rp 256.384.931.909"
    ]


def test_tautan_navigasi_ke_halaman_anggaran(client, contoh_pd, orang):
    client.force_login(orang["perencana"])
    dasbor = client.get(reverse("kinerja:dasbor", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN})).content.decode()
    assert f'<a href="{_url(contoh_pd)}">Anggaran (DPA)</a>' in dasbor
    laporan = client.get(reverse("laporan:detail", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN})).content.decode()
    assert f'<a href="{_url(contoh_pd)}">Anggaran (DPA)</a>' in laporan
    halaman = client.get(_url(contoh_pd)).content.decode()
    assert f'<a href="{_url(contoh_pd)}" aria-current="page">Anggaran (DPA)</a>' in halaman


def test_tanpa_gaya_atau_skrip_sebaris(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    assert " style=" not in html and "<style" not in html
    assert "<script>" not in html and "onclick" not in html


# --- the downloads ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kode", list(JENIS_DPA))
def test_unduh_setiap_buku_kerja(client, contoh_pd, orang, kode):
    client.force_login(orang["reviewer"])
    r = client.get(_url_unduh(contoh_pd, kode))
    assert r.status_code == 200
    assert r["Content-Type"] == JENIS_XLSX
    nama = nama_berkas_buku(buku_dpa(pd=contoh_pd, tahun=TAHUN, kode=kode))
    assert r["Content-Disposition"] == f'attachment; filename="{nama}"'
    assert nama.endswith("-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb.worksheets[0]
    assert ws["A2"].value == contoh_pd.nama and ws["A4"].value == "Tahun Anggaran 2024"
    angka = {
        Decimal(str(c.value)) for w in wb for row in w.iter_rows() for c in row if isinstance(c.value, int | float)
    }
    pagu = Decimal(hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]["total"]["pagu"])
    assert pagu in angka  # the PD's total is in every workbook


def test_kode_tidak_dikenal_tidak_ada(client, contoh_pd, orang):
    client.force_login(orang["perencana"])
    assert client.get(_url_unduh(contoh_pd, "tidak-ada")).status_code == 404


def test_unduh_demo_dengan_jumlah_kueri_tetap(client, paser_pd, django_user_model, django_assert_max_num_queries):
    """Each workbook of the demo in a bounded number of queries (the year is loaded once; no query per row). Speed
    itself is measured by bench/, never asserted in a test."""
    user = django_user_model.objects.create_user("ren", password="x")
    Keanggotaan.objects.create(user=user, pemda=paser_pd.pemda, pd=paser_pd, peran="perencana")
    client.force_login(user)
    for kode in JENIS_DPA:
        with django_assert_max_num_queries(45):
            r = client.get(_url_unduh(paser_pd, kode))
        assert r.status_code == 200 and r.content[:2] == b"PK"


@pytest.mark.parametrize(("peran", "tampil"), [("perencana", True), ("reviewer", False), ("pimpinan", False)])
def test_impor_dpa_hanya_untuk_perencana(client, contoh_pd, orang, peran, tampil):
    html = _halaman(client, orang[peran], contoh_pd)
    tautan = reverse("anggaran:impor-dpa", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN})
    assert (f'href="{tautan}"' in html) is tampil
