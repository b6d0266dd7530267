"""Every figure of a PD's year: the example bundle must give the example results figure for figure."""

import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from kinerja import hitung as h
from kinerja.models import KebijakanPerhitungan, RealisasiKinerja, SkalaPenilaian
from kinerja.rekap import (
    BarisPagu,
    BarisRealisasiAnggaran,
    DataTahun,
    IndikatorData,
    KegiatanData,
    Nilai,
    ProgramData,
    RealisasiData,
    SasaranData,
    SubKegiatanData,
    hitung_tahun,
    realisasi_tahunan,
)
from kinerja.selectors import data_tahun, hasil_tahun
from sakip.bundle.hasil import hasil_dict

SUKAMAJU = "7.01.0.00.0.00.09.0000"


def _beda(a, b, path=""):
    """Every path where two JSON documents differ, for a readable failure."""
    if type(a) is not type(b):
        return [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, dict):
        keluar = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                keluar.append(f"{path}.{k}: hanya di {'hasil' if k in a else 'harapan'}")
            else:
                keluar += _beda(a[k], b[k], f"{path}.{k}")
        return keluar
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} baris != {len(b)} baris"]
        return [x for i, (u, v) in enumerate(zip(a, b, strict=True)) for x in _beda(u, v, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


@pytest.mark.django_db
def test_contoh_bundle_gives_contoh_hasil_figure_for_figure(contoh_pd, contoh_hasil):
    hasil = hasil_dict(hasil_tahun(contoh_pd, 2024))
    assert _beda(hasil, contoh_hasil) == []


@pytest.mark.django_db
def test_lkjip_command_writes_the_results(tmp_path, contoh_pd, contoh_hasil):
    berkas = tmp_path / "hasil.json"
    call_command(
        "lkjip", "--pd", SUKAMAJU, "--tahun", "2024", "--format", "json", "--out", str(berkas), stderr=io.StringIO()
    )
    assert json.loads(berkas.read_text(encoding="utf-8")) == contoh_hasil


@pytest.mark.django_db
def test_paser_headline_matches_its_report(paser_pd):
    """Sekretariat Daerah Kabupaten Paser 2024: the report's consistent figures (seed, Tabel 3.2 and 3.10/3.11)."""
    hasil = hasil_dict(hasil_tahun(paser_pd, 2024))
    assert hasil["skala_capaian"] == "empat-kelas"
    assert hasil["iku"]["jumlah"] == 5
    assert hasil["iku"]["rata_rata"] == "106.71"
    assert hasil["iku"]["kategori"] == "Berhasil"
    iku = {i["kode"]: i for i in hasil["indikator"] if i["iku"]}
    assert iku["IKU-3"]["capaian"] == "130.36"  # 117,32 against 90: stays 130,36 (no ceiling by default)
    assert hasil["anggaran"]["total"]["pagu"] == "256384931909.00"
    assert hasil["anggaran"]["total"]["realisasi"] == "236124072719.00"
    assert hasil["anggaran"]["total"]["serapan"] == "92.10"
    assert hasil["anggaran"]["total"]["pagu_murni"] is None  # the report printed only the perubahan DPA
    # the efficiency table of the report lists only sasaran with capaian >= 100
    assert all(D(e["capaian"]) >= 100 for e in hasil["efisiensi"])


@pytest.mark.django_db
def test_ceiling_policy_caps_values_inside_means_only(contoh_pd):
    KebijakanPerhitungan.objects.filter(pd=contoh_pd).update(batas_atas_capaian=D("100"))
    hasil = hasil_dict(hasil_tahun(contoh_pd, 2024))
    iku = {i["kode"]: i for i in hasil["indikator"]}
    assert iku["IKU-1"]["capaian"] == "102.89"  # the indicator keeps its own figure
    assert hasil["sasaran"][0]["capaian"] == "100.00"  # mean of min(102.89, 100) and min(101.44, 100)
    assert hasil["iku"]["rata_rata"] == "96.67"  # (100 + 100 + 90) / 3


@pytest.mark.django_db
def test_changing_the_scale_changes_every_category(contoh_pd):
    KebijakanPerhitungan.objects.filter(pd=contoh_pd).update(
        skala_capaian=SkalaPenilaian.objects.get(kode="empat-kelas")
    )
    hasil = hasil_dict(hasil_tahun(contoh_pd, 2024))
    assert hasil["skala_capaian"] == "empat-kelas"
    assert hasil["iku"]["per_kategori"] == {"Berhasil": 2, "Cukup Berhasil": 1}
    assert hasil["iku"]["kategori"] == "Cukup Berhasil"  # 98,11 < 100


@pytest.mark.django_db
def test_a_carried_forward_value_counts_only_where_the_policy_says(contoh_pd):
    RealisasiKinerja.objects.filter(indikator__kode="IKU-3", tahun=2024).update(status="tahun_lalu")
    hasil = hasil_dict(hasil_tahun(contoh_pd, 2024))
    assert hasil["iku"]["rata_rata"] == "102.17"  # IKU-3 left out: mean of IKU-1 and IKU-2
    KebijakanPerhitungan.objects.filter(pd=contoh_pd).update(tahun_lalu_dihitung=True)
    assert hasil_dict(hasil_tahun(contoh_pd, 2024))["iku"]["rata_rata"] == "98.11"


@pytest.mark.django_db
def test_a_year_without_data_has_no_figures(contoh_pd):
    hasil = hasil_dict(hasil_tahun(contoh_pd, 2025))
    assert hasil["iku"]["rata_rata"] is None
    assert all(i["capaian"] is None for i in hasil["indikator"])
    assert hasil["anggaran"]["total"]["pagu"] == "0.00"
    assert hasil["anggaran"]["total"]["serapan"] is None


@pytest.mark.django_db
def test_replaced_indicators_leave_the_year_after_their_validity(contoh_pd):
    kode_2024 = [i.kode for i in data_tahun(contoh_pd, 2024).indikator]
    kode_2023 = [i.kode for i in data_tahun(contoh_pd, 2023).indikator]
    assert "IKU-3-LAMA" not in kode_2024
    assert "IKU-3-LAMA" in kode_2023


# --- the pure computation, with data built by hand -------------------------------------------------------


def _data(**kwargs) -> DataTahun:
    dasar = dict(pd_kode="X", tahun=2024, skala=h.PRESET["permenpan-12-2015"])
    return DataTahun(**(dasar | kwargs))


def _ind(id_, kode, level="sasaran", induk=1, **kw) -> IndikatorData:
    return IndikatorData(id=id_, kode=kode, level=level, induk_id=induk, **kw)


def test_annual_entry_wins_over_quarters():
    nilai, status, parsial = realisasi_tahunan(
        [RealisasiData(1, D("10")), RealisasiData(None, D("50"), status="sementara")], akumulasi="jumlah"
    )
    assert (nilai, status, parsial) == (Nilai(D("50")), "sementara", False)


def test_missing_last_quarter_is_partial_and_keeps_its_label():
    nilai, status, parsial = realisasi_tahunan(
        [RealisasiData(2, D("68.95"), "B"), RealisasiData(3, D("70.1"), "BB")], akumulasi="terakhir"
    )
    assert nilai == Nilai(D("70.1"), "BB") and parsial is True and status == "final"


def test_qualitative_value_has_no_capaian_and_stays_out_of_means():
    data = _data(
        sasaran=(SasaranData(1, "S1"),),
        indikator=(
            _ind(1, "A", target_renstra=Nilai(D("80")), realisasi=(RealisasiData(None, D("88")),)),
            _ind(2, "B", target_renstra=Nilai(None, "Baik"), realisasi=(RealisasiData(None, None, "Baik"),)),
        ),
    )
    hasil = hitung_tahun(data)
    assert hasil.indikator[1].capaian is None and hasil.indikator[1].realisasi == Nilai(None, "Baik")
    assert hasil.sasaran[0].capaian == D("110")


def test_target_zero_negatif_and_positif():
    data = _data(
        sasaran=(SasaranData(1, "S1"),),
        indikator=(
            _ind(1, "N0", polaritas="negatif", target_renstra=Nilai(D("0")), realisasi=(RealisasiData(None, D("0")),)),
            _ind(2, "N1", polaritas="negatif", target_renstra=Nilai(D("0")), realisasi=(RealisasiData(None, D("2")),)),
            _ind(3, "P0", target_renstra=Nilai(D("0")), realisasi=(RealisasiData(None, D("5")),)),
        ),
    )
    hasil = hitung_tahun(data)
    assert [i.capaian for i in hasil.indikator] == [D("100"), D("0"), None]
    assert hasil.sasaran[0].capaian == D("50")


def test_pk_target_of_the_highest_version_wins_over_renstra():
    data = _data(
        indikator=(
            _ind(
                1,
                "A",
                target_renstra=Nilai(D("92")),
                target_pk=Nilai(D("90")),
                realisasi=(RealisasiData(4, D("91.3")),),
            ),
        )
    )
    hasil = hitung_tahun(data).indikator[0]
    assert hasil.target == Nilai(D("90")) and hasil.sumber_target == "pk"
    assert h.bulatkan(hasil.capaian) == D("101.44")


def test_money_rolls_up_and_program_efficiency():
    data = _data(
        efisiensi_tingkat="program",
        sasaran=(SasaranData(1, "S1"),),
        program=(ProgramData(10, "P", (1,)),),
        kegiatan=(KegiatanData(20, 10, "K"),),
        sub_kegiatan=(SubKegiatanData(30, 20, "SK-A", "U1"), SubKegiatanData(31, 20, "SK-B", "U2")),
        indikator=(
            _ind(1, "IS", realisasi=(RealisasiData(None, D("60")),), target_renstra=Nilai(D("50"))),
            _ind(
                2,
                "ISK",
                level="sub_kegiatan",
                induk=30,
                target_renstra=Nilai(D("4")),
                realisasi=(RealisasiData(1, D("1")), RealisasiData(2, D("2"))),
                akumulasi="jumlah",
            ),
        ),
        pagu=(
            BarisPagu(30, "5.1.02.01", "murni", D("100")),
            BarisPagu(31, "5.2.02", "murni", D("300")),
            BarisPagu(30, "5.1.02.01", "perubahan", D("120")),
            BarisPagu(31, "5.2.02", "perubahan", D("280")),
        ),
        realisasi_anggaran=(
            BarisRealisasiAnggaran(30, "5.1.02.01", 1, D("60")),
            BarisRealisasiAnggaran(31, "5.2.02", None, D("200")),
        ),
    )
    hasil = hitung_tahun(data)
    rek = {r.kode: r.rp for r in hasil.rekening}
    assert list(rek) == ["5", "5.1", "5.1.02", "5.1.02.01", "5.2", "5.2.02"]
    assert rek["5"].pagu == D("400") and rek["5"].pagu_murni == D("400") and rek["5"].realisasi == D("260")
    assert rek["5.2.02"].realisasi_tw == (0, 0, 0, 0)  # a yearly total counts in realisasi, not in a quarter
    assert rek["5.1"].bertambah_berkurang == D("20")
    assert hasil.total.serapan == D("65")
    assert [u.kode for u in hasil.unit_kerja] == ["U1", "U2"]
    assert hasil.sub_kegiatan[0].capaian_k == D("75")  # 3 of 4
    assert hasil.sub_kegiatan[1].capaian_k is None
    assert hasil.kegiatan[0].capaian_k == D("75")  # mean of the sub kegiatan that have one
    (ef,) = hasil.efisiensi
    assert (ef.tingkat, ef.kode, ef.capaian, ef.serapan, ef.efisiensi) == ("program", "P", D("75"), D("65"), D("10"))
