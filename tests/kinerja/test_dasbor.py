"""The PD dashboard: who may open it, and that every figure on it is the one computation's figure."""

import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import AnggaranKas
from kinerja import services
from kinerja.models import KunciTriwulan, PelaporanTriwulan, Tahap
from kinerja.selectors import hasil_tahun
from kinerja.views_dasbor import DASBOR_UNTUK_PD, get_pd_dasbor
from renstra.models import Indikator, Keanggotaan, Pemda, PerangkatDaerah, SubKegiatan, UnitKerja
from sakip.angka import format_angka
from sakip.bundle.hasil import hasil_dict
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import KODE_PD, bundle_sintetis

pytestmark = pytest.mark.django_db

TAHUN = 2024
DASBOR_QUERY = 26  # session, user, memberships, PD, years, the year's figures (16), workflow, names


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


def _url(pd, tahun=TAHUN):
    return reverse("kinerja:dasbor", kwargs={"pd_id": pd.pk, "tahun": tahun})


def _halaman(client, user, pd, tahun=TAHUN) -> str:
    client.force_login(user)
    r = client.get(_url(pd, tahun))
    assert r.status_code == 200
    return r.content.decode()


def _bersih(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _teks(html: str, id_: str) -> str:
    """The text of the element with this id (no nested element of the same tag assumed)."""
    m = re.search(rf'<(\w+)[^>]* id="{id_}"[^>]*>(.*?)</\1>', html, re.S)
    assert m, id_
    return _bersih(m.group(2))


def _id(teks: str | None) -> str:
    """A sakip-hasil/1 number ("98.11") as the page prints it ("98,11")."""
    return format_angka(D(teks)) if teks is not None else "—"


# --- access ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peran", "status"),
    [
        ("perencana", 200),
        ("pimpinan", 200),
        ("reviewer", 200),
        ("admin_pemda", 200),
        ("operator", 403),
        ("perencana_lain", 404),
        ("reviewer_lain", 404),
    ],
)
def test_who_may_open_the_dashboard(client, contoh_pd, orang, peran, status):
    client.force_login(orang[peran])
    assert client.get(_url(contoh_pd)).status_code == status


def test_anonymous_goes_to_login(client, contoh_pd):
    r = client.get(_url(contoh_pd))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_an_operator_is_told_who_the_dashboard_is_for(contoh_pd, orang):
    with pytest.raises(PermissionDenied) as e:
        get_pd_dasbor(orang["operator"], contoh_pd.pk)
    assert str(e.value) == str(DASBOR_UNTUK_PD)


@pytest.mark.parametrize("tahun", [1999, 2101])
def test_a_year_out_of_range_is_not_found(client, contoh_pd, orang, tahun):
    client.force_login(orang["perencana"])
    assert client.get(_url(contoh_pd, tahun)).status_code == 404


def test_the_quarter_overview_links_to_the_dashboard_for_pd_readers_only(client, contoh_pd, orang):
    url = reverse("kinerja:triwulan", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN, "triwulan": 4})
    client.force_login(orang["pimpinan"])
    assert f'href="{_url(contoh_pd)}" id="tautan-dasbor"' in client.get(url).content.decode()
    client.force_login(orang["operator"])
    html = client.get(url).content.decode()
    assert _url(contoh_pd) not in html  # neither the link nor the navigation entry


# --- the figures -----------------------------------------------------------------------------------------------


def test_the_headline_is_the_computed_headline(client, contoh_pd, orang):
    html = _halaman(client, orang["pimpinan"], contoh_pd)
    h = hasil_dict(hasil_tahun(contoh_pd, TAHUN))
    assert _teks(html, "rata-iku") == _id(h["iku"]["rata_rata"]) == "98,11"
    assert _teks(html, "kategori-iku") == h["iku"]["kategori"] == "Sangat Memuaskan"
    per_kategori = dict(re.findall(r'<li data-kategori="([^"]+)">.*?<strong>(\d+)</strong>', html, re.S))
    assert (
        per_kategori
        == {k: str(n) for k, n in h["iku"]["per_kategori"].items()}
        == {
            "Sangat Memuaskan": "2",
            "Memuaskan": "1",
        }
    )
    total = h["anggaran"]["total"]
    assert _teks(html, "pagu") == f"Rp {format_angka(D(total['pagu']), 0)}" == "Rp 2.370.000.000"
    assert _teks(html, "realisasi") == f"Rp {format_angka(D(total['realisasi']), 0)}"
    assert _teks(html, "serapan") == f"{_id(total['serapan'])}%" == "97,12%"


def test_one_bar_per_sasaran_with_its_capaian(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    h = hasil_dict(hasil_tahun(contoh_pd, TAHUN))
    svg = re.search(r'<svg class="grafik" id="grafik-capaian".*?</svg>', html, re.S).group(0)
    batang = re.findall(r'<g class="batang" data-kode="([^"]+)">.*?<text class="nilai"[^>]*>([^<]*)</text>', svg, re.S)
    assert batang == [(s["kode"], _id(s["capaian"])) for s in h["sasaran"]] == [("S1", "102,17"), ("S2", "90,00")]
    assert svg.count("<rect ") == len(h["sasaran"])
    assert 'class="acuan"' in svg
    # the colour of each bar is the colour of its band in the PD's scale
    assert re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"', svg) == ["#1a7f37", "#2f9e44"]
    baris = dict(re.findall(r'<tr data-kode="(S\d)">.*?<td class="angka">([^<]*)</td>', html, re.S))
    assert baris == {"S1": "102,17", "S2": "90,00"}


def test_below_target_lists_exactly_the_indicators_under_100(client, contoh_pd, orang):
    html = _halaman(client, orang["reviewer"], contoh_pd)
    h = hasil_dict(hasil_tahun(contoh_pd, TAHUN))
    tabel = re.search(r'id="tabel-di-bawah-target".*?</table>', html, re.S).group(0)
    baris = re.findall(r'<tr data-kode="([^"]+)">(.*?)</tr>', tabel, re.S)
    harapan = [i for i in h["indikator"] if i["capaian"] is not None and D(i["capaian"]) < 100]
    assert [k for k, _ in baris] == [i["kode"] for i in harapan] == ["IT-1", "IKU-3", "SK-1", "SK-4", "SK-5"]
    desimal = dict(Indikator.objects.filter(pd=contoh_pd).values_list("kode", "desimal"))
    for (_, isi), i in zip(baris, harapan, strict=True):
        sel = [_bersih(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", isi, re.S)]
        assert sel[5] == _id(i["capaian"])
        assert sel[6] == i["kategori"]
        # target and realisation with the indicator's own decimals, as on the entry page
        assert format_angka(D(i["target"]), desimal[i["kode"]]) in sel[3]
        assert format_angka(D(i["realisasi"]), desimal[i["kode"]]) in sel[4]
    assert "BB (71,00)" in tabel  # a value with a label prints as "label (number)"


def test_serapan_per_quarter_is_cumulative_against_the_pagu(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    total = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]["total"]
    pagu, kumulatif = D(total["pagu"]), D(0)
    harapan = []
    for x in total["realisasi_tw"]:
        kumulatif += D(x)
        harapan.append(format_angka(kumulatif / pagu * 100))
    svg = re.search(r'id="grafik-serapan".*?</svg>', html, re.S).group(0)
    assert (
        re.findall(r'<text class="nilai"[^>]*>([^<]*)</text>', svg) == harapan == ["19,83", "43,67", "69,55", "97,12"]
    )
    assert svg.count("<rect ") == 4
    # no anggaran kas: the target keuangan is pagu murni × n/4 (at most the pagu perubahan), against the pagu
    titik = re.findall(r"Target keuangan TW [IV]+: ([^<]*)</title>", svg)
    assert titik == ["24,79", "49,58", "74,37", "99,16"]
    assert "pagu murni" in html


def test_the_target_line_follows_the_anggaran_kas_when_entered(client, contoh_pd, orang):
    sub = list(SubKegiatan.objects.filter(kegiatan__program__pd=contoh_pd))
    for tw, jumlah in ((1, 237_000_000), (2, 474_000_000), (3, 711_000_000), (4, 948_000_000)):
        AnggaranKas.objects.create(sub_kegiatan=sub[0], tahun=TAHUN, triwulan=tw, jumlah=D(jumlah) / 2)
        AnggaranKas.objects.create(sub_kegiatan=sub[1], tahun=TAHUN, triwulan=tw, jumlah=D(jumlah) / 2)
    html = _halaman(client, orang["perencana"], contoh_pd)
    titik = re.findall(r"Target keuangan TW [IV]+: ([^<]*)</title>", html)
    assert titik == ["10,00", "30,00", "60,00", "100,00"]  # cumulative kas: 10 %, 30 %, 60 %, 100 % of the pagu
    assert "menurut anggaran kas" in html


def test_submission_progress_per_unit_and_quarter(client, contoh_pd, orang):
    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    PelaporanTriwulan.objects.create(unit_kerja=pel, tahun=TAHUN, triwulan=1, tahap=Tahap.DIVERIFIKASI)
    PelaporanTriwulan.objects.create(unit_kerja=pel, tahun=TAHUN, triwulan=3, tahap=Tahap.DIKEMBALIKAN)
    KunciTriwulan.objects.create(pd=contoh_pd, tahun=TAHUN, triwulan=2, dikunci=True)
    html = _halaman(client, orang["perencana"], contoh_pd)
    tabel = re.search(r'id="tabel-pelaporan".*?</table>', html, re.S).group(0)
    baris = dict(re.findall(r'<tr data-unit="([^"]+)">(.*?)</tr>', tabel, re.S))
    assert list(baris) == [u.kode for u in services.unit_pelapor(contoh_pd)]
    sel = re.findall(r'<a href="([^"]+)"><span class="lencana (\w+)">([^<]*)</span>', baris["SEKSI-PEL"])
    assert [(kelas, label) for _, kelas, label in sel] == [
        ("diverifikasi", "Diverifikasi"),
        ("dikunci", "Dikunci"),
        ("dikembalikan", "Dikembalikan"),
        ("draf", "Draf"),
    ]
    assert [h for h, _, _ in sel] == [
        reverse("kinerja:entri", kwargs={"unit_id": pel.pk, "tahun": TAHUN, "triwulan": tw}) for tw in (1, 2, 3, 4)
    ]
    n = str(len(baris))
    kaki = re.findall(r"<td>(\d+) dari (\d+)</td>", tabel)
    assert kaki == [("1", n), (n, n), ("0", n), ("0", n)]  # verified (or locked) units per quarter


def test_year_switcher_links_the_years_with_data(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    tahun = re.findall(r'<a href="/pd/\d+/(\d{4})/dasbor/"(?: aria-current="page")?>(\d{4})</a>', html)
    assert [t for t, _ in tahun] == ["2023", "2024"]
    assert f'href="{_url(contoh_pd)}" aria-current="page">2024<' in html


def test_a_year_without_data_says_so_in_sentences(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd, 2030)
    assert '<svg class="grafik"' not in html
    assert "Belum ada pagu anggaran (DPA) untuk tahun 2030." in html
    assert "Belum ada capaian indikator untuk tahun 2030." in html
    assert "2.030" not in html  # a year is never printed with a thousands separator
    assert f'href="{_url(contoh_pd, 2024)}"' in html  # the switcher still leads to the years with data


def test_no_inline_style_or_script(client, contoh_pd, orang):
    html = _halaman(client, orang["perencana"], contoh_pd)
    assert " style=" not in html and "<style" not in html
    assert "<script>" not in html and "onclick" not in html


def test_the_navigation_shows_the_dashboard_on_entry_pages_for_pd_readers(client, contoh_pd, orang):
    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    url = reverse("kinerja:entri", kwargs={"unit_id": pel.pk, "tahun": TAHUN, "triwulan": 4})
    client.force_login(orang["perencana"])
    assert f'href="{_url(contoh_pd)}"' in client.get(url).content.decode()
    client.force_login(orang["operator"])
    assert f'href="{_url(contoh_pd)}"' not in client.get(url).content.decode()


# --- query budget ----------------------------------------------------------------------------------------------


def _jumlah_query(client, user, pd) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_url(pd)).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_runs_the_same_queries_for_a_small_and_a_large_pd(client, contoh_pd, orang, django_user_model):
    kecil = _jumlah_query(client, orang["perencana"], contoh_pd)
    hasil, _ = bundle_import(doc=bundle_sintetis(40, seed=5))
    assert hasil.sah, hasil.galat[:5]
    besar_pd = PerangkatDaerah.objects.get(kode=KODE_PD)
    user = django_user_model.objects.create_user("ren-besar", password="x")
    Keanggotaan.objects.create(user=user, pemda=besar_pd.pemda, pd=besar_pd, peran="perencana")
    h = hasil_tahun(besar_pd, TAHUN)
    assert len(h.indikator) > 100 and len(h.sasaran) > len(hasil_tahun(contoh_pd, TAHUN).sasaran)
    besar = _jumlah_query(client, user, besar_pd)
    assert kecil == besar <= DASBOR_QUERY
