"""The sakip-bundle/1 contract: validation, import, export (BUNDLE.md §1)."""

import copy
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from anggaran.models import PaguAnggaran, RealisasiAnggaran, Rekening, VersiAnggaran
from kinerja.models import (
    EvaluasiAkip,
    KebijakanPerhitungan,
    PerjanjianKinerja,
    RealisasiKinerja,
    RencanaAksi,
    Tahap,
    TargetPK,
)
from laporan.models import Laporan, NarasiLaporan
from renstra.models import Indikator, Pemda, PerangkatDaerah, SubKegiatan, TargetIndikator, UnitKerja
from sakip.bundle.ekspor import angka_json, ekspor_bundle
from sakip.bundle.impor import bundle_import, periksa
from tests.conftest import DATA, DEMO, muat_bundle, pasang_data_bawaan

pytestmark = pytest.mark.django_db

SUKAMAJU = "7.01.0.00.0.00.09.0000"


def _jumlah_baris() -> dict[str, int]:
    models = (
        Pemda,
        PerangkatDaerah,
        UnitKerja,
        Indikator,
        TargetIndikator,
        SubKegiatan,
        PerjanjianKinerja,
        TargetPK,
        RencanaAksi,
        VersiAnggaran,
        PaguAnggaran,
        RealisasiKinerja,
        RealisasiAnggaran,
        EvaluasiAkip,
        Laporan,
        NarasiLaporan,
    )
    return {m.__name__: m.objects.count() for m in models}


def _jumlah_riwayat() -> int:
    return sum(m.history.count() for m in (Indikator, RealisasiKinerja, RealisasiAnggaran, PaguAnggaran, TargetPK))


# --- a valid bundle --------------------------------------------------------------------------------------


def test_contoh_bundle_is_valid_without_warnings(contoh_doc):
    hasil = periksa(contoh_doc)
    assert hasil.galat == []
    assert hasil.peringatan == []


def test_import_writes_every_part_of_the_bundle(contoh_pd):
    assert contoh_pd.nama == "Kecamatan Sukamaju"
    assert contoh_pd.pemda.kepala_nama == "SITI RAHAYU"
    assert UnitKerja.objects.get(pd=contoh_pd, kode="SUBBAG-UMUM").induk.kode == "SEKCAM"
    assert Indikator.objects.filter(pd=contoh_pd).count() == 12
    iku3 = Indikator.objects.get(pd=contoh_pd, kode="IKU-3")
    assert (iku3.level, iku3.polaritas, iku3.akumulasi, iku3.desimal, iku3.iku) == (
        "sasaran",
        "negatif",
        "jumlah",
        0,
        True,
    )
    assert [i.kode for i in iku3.menggantikan.all()] == ["IKU-3-LAMA"]
    lama = Indikator.objects.get(pd=contoh_pd, kode="IKU-3-LAMA")
    assert (lama.berlaku_dari, lama.berlaku_sampai) == (2021, 2023)
    it1 = Indikator.objects.get(pd=contoh_pd, kode="IT-1")
    assert it1.skala_predikat.kode == "akip"
    assert TargetIndikator.objects.get(indikator=it1, tahun=2024).label == "BB"
    assert PerjanjianKinerja.objects.filter(pd=contoh_pd, tahun=2024).count() == 2
    assert TargetPK.objects.get(pk_dokumen__tahun=2024, pk_dokumen__versi=2, indikator__kode="IKU-2").nilai == 90
    assert RencanaAksi.objects.filter(indikator__kode="IKU-3", tahun=2024).count() == 4
    assert PaguAnggaran.objects.filter(versi__pd=contoh_pd, versi__tahun=2024, versi__versi="perubahan").count() == 6
    tahunan = RealisasiKinerja.objects.get(indikator__kode="P2-1", tahun=2024, triwulan=None)
    assert (tahunan.status, tahunan.nilai) == ("belum_tersedia", None)
    assert tahunan.tahap == Tahap.DRAF  # the quarter's workflow starts on the screens
    assert RealisasiAnggaran.objects.filter(tahun=2024).count() == 19
    assert EvaluasiAkip.objects.get(pd=contoh_pd, tahun=2024).komponen.count() == 4
    assert NarasiLaporan.objects.filter(laporan__pd=contoh_pd).count() == 2
    assert KebijakanPerhitungan.objects.get(pd=contoh_pd).skala_capaian.kode == "permenpan-12-2015"


def test_import_records_history_with_the_reason(contoh_pd):
    rk = RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=4)
    riwayat = rk.history.get()
    assert riwayat.history_type == "+"
    assert riwayat.history_change_reason == "Impor bundle sakip-bundle/1"


def test_dry_run_checks_and_writes_nothing(contoh_doc):
    hasil, ringkasan = bundle_import(doc=contoh_doc, dry_run=True)
    assert hasil.sah and ringkasan is None
    assert PerangkatDaerah.objects.count() == 0


def test_importing_twice_changes_nothing(contoh_doc, contoh_pd):
    sebelum, riwayat = _jumlah_baris(), _jumlah_riwayat()
    hasil, ringkasan = bundle_import(doc=contoh_doc)
    assert hasil.sah
    assert not ringkasan.ada_perubahan, (ringkasan.dibuat, ringkasan.diubah)
    assert _jumlah_baris() == sebelum
    assert _jumlah_riwayat() == riwayat


def test_reimport_updates_by_code_and_keeps_history(contoh_doc, contoh_pd):
    doc = copy.deepcopy(contoh_doc)
    realisasi = doc["tahun"][1]["realisasi_kinerja"]
    baris = next(r for r in realisasi if r["indikator"] == "IKU-2" and r["triwulan"] == 4)
    baris["nilai"] = 92
    _, ringkasan = bundle_import(doc=doc)
    assert ringkasan.diubah == {"realisasikinerja": 1}
    rk = RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=4)
    assert rk.nilai == 92
    baru, lama = rk.history.order_by("-history_id")[:2]
    perubahan = baru.diff_against(lama).changes
    assert [(c.field, c.old, c.new) for c in perubahan] == [("nilai", lama.nilai, baru.nilai)]
    assert lama.nilai == Decimal("91.3") and baru.nilai == 92


def _hapus_semua(pd: PerangkatDaerah) -> None:
    pemda = pd.pemda
    pd.delete()
    pemda.delete()
    Rekening.objects.exclude(pagu__isnull=False).filter(kode__contains="9999").delete()


@pytest.mark.parametrize("berkas", [DATA / "contoh-bundle.json", DEMO / "paser-2024.json"], ids=["contoh", "paser"])
def test_export_import_export_gives_the_same_document(berkas):
    doc = muat_bundle(berkas)
    hasil, _ = bundle_import(doc=doc)
    assert hasil.sah, hasil.galat
    pd = PerangkatDaerah.objects.get(kode=doc["perangkat_daerah"]["kode"])
    pertama = ekspor_bundle(pd)
    _hapus_semua(pd)
    assert PerangkatDaerah.objects.count() == 0 and Indikator.objects.count() == 0

    hasil, _ = bundle_import(doc=json.loads(json.dumps(pertama), parse_float=Decimal))
    assert hasil.sah, hasil.galat
    assert hasil.peringatan == [] or berkas.name == "paser-2024.json"
    kedua = ekspor_bundle(PerangkatDaerah.objects.get(kode=doc["perangkat_daerah"]["kode"]))
    assert kedua == pertama


def test_export_holds_what_the_bundle_said(contoh_doc, contoh_pd):
    doc = ekspor_bundle(contoh_pd)
    assert doc["format"] == "sakip-bundle/1"
    asal = contoh_doc["renstra"]["tujuan"][0]["sasaran"][1]["indikator"][0]
    keluar = doc["renstra"]["tujuan"][0]["sasaran"][1]["indikator"][0]
    assert keluar["kode"] == asal["kode"] == "IKU-3"
    assert keluar["target"] == asal["target"]
    assert keluar["menggantikan"] == ["IKU-3-LAMA"]
    th = {b["tahun"]: b for b in doc["tahun"]}
    assert [pk["versi"] for pk in th[2024]["perjanjian_kinerja"]] == [1, 2]
    assert th[2024]["rencana_aksi"]["IKU-2"] == [85, 87, 89, 90]
    assert th[2024]["realisasi_kinerja"][0] == {
        "indikator": "IT-1",
        "triwulan": None,
        "nilai": {"nilai": 68.95, "label": "B"},
        "status": "final",
    }
    assert sum(b["jumlah"] for b in th[2024]["realisasi_anggaran"]) == 2_301_650_000


@pytest.mark.parametrize(
    ("nilai", "json_nilai"),
    [
        ("82.0000", 82),
        ("84.3700", 84.37),
        ("0.0001", 0.0001),
        ("1234567890123.45", 1234567890123.45),
        ("12345678901234.57", 12345678901234.57),
        (None, None),
    ],
)
def test_numbers_are_written_exactly(nilai, json_nilai):
    from decimal import Decimal

    keluar = angka_json(Decimal(nilai) if nilai else None)
    assert keluar == json_nilai
    if nilai:
        assert Decimal(json.dumps(keluar)) == Decimal(nilai)


# --- bad bundles: every problem with its JSON path, nothing written ---------------------------------------


def _ubah(doc: dict, fn) -> dict:
    doc = copy.deepcopy(doc)
    fn(doc)
    return doc


def _sub(doc: dict) -> dict:
    return doc["program"][0]["kegiatan"][0]["sub_kegiatan"][0]


def _tahun(doc: dict) -> dict:
    return doc["tahun"][1]


KASUS_SALAH = {
    "teks bukan angka": (
        lambda d: _sub(d)["indikator"][0]["target"].__setitem__("2024", "9,5"),
        'program[0].kegiatan[0].sub_kegiatan[0].indikator[0].target.2024: "9,5" bukan angka',
    ),
    "tipe salah": (
        lambda d: _sub(d)["indikator"][0].__setitem__("iku", "ya"),
        "program[0].kegiatan[0].sub_kegiatan[0].indikator[0].iku: harus true atau false",
    ),
    "kode tidak dikenal": (
        lambda d: _tahun(d)["realisasi_kinerja"][0].__setitem__("indikator", "IKU-99"),
        'tahun[1].realisasi_kinerja[0].indikator: kode tidak dikenal: "IKU-99"',
    ),
    "unit tidak dikenal": (
        lambda d: _sub(d).__setitem__("unit_kerja", "SEKSI-X"),
        'program[0].kegiatan[0].sub_kegiatan[0].unit_kerja: kode tidak dikenal: "SEKSI-X"',
    ),
    "kode indikator ganda": (
        lambda d: _sub(d)["indikator"][0].__setitem__("kode", "IKU-1"),
        'program[0].kegiatan[0].sub_kegiatan[0].indikator[0].kode: kode ganda: "IKU-1" sudah dipakai di '
        "renstra.tujuan[0].sasaran[0].indikator[0]",
    ),
    "kode sub kegiatan ganda": (
        lambda d: d["program"][1]["kegiatan"][0]["sub_kegiatan"][0].__setitem__("kode", "7.01.01.2.02.0001"),
        'program[1].kegiatan[0].sub_kegiatan[0].kode: kode ganda: "7.01.01.2.02.0001" sudah dipakai di '
        "program[0].kegiatan[0].sub_kegiatan[0]",
    ),
    "triwulan 5": (
        lambda d: _tahun(d)["realisasi_kinerja"][1].__setitem__("triwulan", 5),
        "tahun[1].realisasi_kinerja[1].triwulan: triwulan harus 1-4 atau null, bukan 5",
    ),
    "triwulan 0 pada anggaran": (
        lambda d: _tahun(d)["realisasi_anggaran"][0].__setitem__("triwulan", 0),
        "tahun[1].realisasi_anggaran[0].triwulan: triwulan harus 1-4 atau null, bukan 0",
    ),
    "uang negatif": (
        lambda d: _tahun(d)["anggaran"][0]["pagu"][0].__setitem__("jumlah", -1500000),
        "tahun[1].anggaran[0].pagu[0].jumlah: jumlah uang tidak boleh negatif: -1500000",
    ),
    "realisasi uang negatif": (
        lambda d: _tahun(d)["realisasi_anggaran"][2].__setitem__("jumlah", "-5.00"),
        'tahun[1].realisasi_anggaran[2].jumlah: jumlah uang tidak boleh negatif: "-5.00"',
    ),
    "realisasi ganda": (
        lambda d: _tahun(d)["realisasi_kinerja"].append(dict(_tahun(d)["realisasi_kinerja"][1])),
        'tahun[1].realisasi_kinerja[29]: realisasi ganda untuk indikator "IKU-1" pada periode yang sama '
        "(lihat tahun[1].realisasi_kinerja[1])",
    ),
    "format salah": (
        lambda d: d.__setitem__("format", "sakip-bundle/2"),
        'format: harus "sakip-bundle/1", bukan "sakip-bundle/2"',
    ),
    "bidang wajib hilang": (
        lambda d: d["perangkat_daerah"].pop("nama"),
        "perangkat_daerah.nama: wajib diisi",
    ),
    "polaritas salah": (
        lambda d: _sub(d)["indikator"][0].__setitem__("polaritas", "naik"),
        'program[0].kegiatan[0].sub_kegiatan[0].indikator[0].polaritas: "naik" bukan salah satu dari: positif, negatif',
    ),
    "nip salah": (
        lambda d: d["pejabat"][0].__setitem__("nip", "1980 0101"),
        'pejabat[0].nip: NIP harus 18 angka: "1980 0101"',
    ),
}


@pytest.mark.parametrize("kasus", list(KASUS_SALAH), ids=list(KASUS_SALAH))
def test_bad_bundle_is_refused_with_its_path(contoh_doc, kasus):
    ubah, pesan = KASUS_SALAH[kasus]
    hasil, ringkasan = bundle_import(doc=_ubah(contoh_doc, ubah))
    assert ringkasan is None
    assert pesan in [str(m) for m in hasil.galat]
    assert PerangkatDaerah.objects.count() == 0


def test_every_error_is_listed_at_once(contoh_doc):
    def rusak(d):
        for ubah, _pesan in KASUS_SALAH.values():
            ubah(d)

    hasil, _ = bundle_import(doc=_ubah(contoh_doc, rusak))
    teks = [str(m) for m in hasil.galat]
    for _ubah_fn, pesan in KASUS_SALAH.values():
        if "kode ganda" in pesan or "realisasi ganda" in pesan:
            continue  # other breakages shift what is a duplicate of what
        assert pesan in teks
    assert PerangkatDaerah.objects.count() == 0


def test_warnings_do_not_block_the_import(contoh_doc):
    def ubah(d):
        d["tahun"][1]["realisasi_anggaran"][0]["jumlah"] = 1_600_000_000  # above its pagu of 1.550.000.000
        d["tahun"][1]["realisasi_kinerja"].append({"indikator": "IKU-3-LAMA", "triwulan": None, "nilai": 100})
        d["perangkat_daerah"]["warna"] = "biru"

    hasil, ringkasan = bundle_import(doc=_ubah(contoh_doc, ubah))
    teks = [str(m) for m in hasil.peringatan]
    assert "perangkat_daerah.warna: bidang tidak dikenal, diabaikan" in teks
    assert 'tahun[1].realisasi_kinerja[29]: indikator "IKU-3-LAMA" tidak memiliki target tahun 2024' in teks
    assert any("melebihi pagu" in t and "7.01.01.2.02.0001" in t for t in teks)
    assert ringkasan is not None and PerangkatDaerah.objects.count() == 1


def test_overlapping_account_codes_are_refused(contoh_doc):
    def ubah(d):
        d["tahun"][1]["anggaran"][0]["pagu"].append(
            {"sub_kegiatan": "7.01.01.2.02.0001", "rekening": "5.1.01.01", "jumlah": 1}
        )

    hasil, _ = bundle_import(doc=_ubah(contoh_doc, ubah))
    assert any("bertumpuk" in str(m) for m in hasil.galat)


# --- the commands ----------------------------------------------------------------------------------------


def test_import_command_dry_run_and_import(tmp_path):
    out = io.StringIO()
    call_command("sakip_import", str(DATA / "contoh-bundle.json"), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "Uji coba: tidak ada yang ditulis" in out.getvalue()
    assert PerangkatDaerah.objects.count() == 0
    call_command("sakip_import", str(DATA / "contoh-bundle.json"), stdout=out, stderr=io.StringIO())
    assert PerangkatDaerah.objects.filter(kode=SUKAMAJU).exists()


def test_import_command_lists_every_error_and_fails(tmp_path, contoh_doc):
    doc = _ubah(contoh_doc, lambda d: (KASUS_SALAH["triwulan 5"][0](d), KASUS_SALAH["uang negatif"][0](d)))
    berkas = tmp_path / "salah.json"
    berkas.write_text(json.dumps(doc, default=str))
    err = io.StringIO()
    with pytest.raises(CommandError) as e:
        call_command("sakip_import", str(berkas), stdout=io.StringIO(), stderr=err)
    assert e.value.returncode == 1
    assert "2 galat" in str(e.value)
    assert "galat: tahun[1].realisasi_kinerja[1].triwulan: triwulan harus 1-4 atau null, bukan 5" in err.getvalue()
    assert "galat: tahun[1].anggaran[0].pagu[0].jumlah: jumlah uang tidak boleh negatif" in err.getvalue()
    assert PerangkatDaerah.objects.count() == 0


def test_import_command_refuses_a_file_that_is_not_json(tmp_path):
    berkas = tmp_path / "bukan.json"
    berkas.write_text("{ini bukan json")
    with pytest.raises(CommandError, match="bukan JSON yang sah"):
        call_command("sakip_import", str(berkas), stdout=io.StringIO(), stderr=io.StringIO())


def test_export_command_writes_the_bundle(tmp_path, contoh_pd):
    berkas = tmp_path / "keluar.json"
    call_command("sakip_export", "--pd", SUKAMAJU, "--out", str(berkas), stderr=io.StringIO())
    doc = json.loads(berkas.read_text(encoding="utf-8"))
    assert doc["perangkat_daerah"]["kode"] == SUKAMAJU
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("sakip_export", "--pd", "0.00", "--out", str(berkas), stderr=io.StringIO())


# --- a PD's own rating scale ---------------------------------------------------------------------------------


def _skala_sendiri(doc: dict, *labels: str) -> dict:
    doc["kebijakan"]["skala_capaian"] = {
        "nama": "Skala Perkada",
        "pita": [
            {"batas_bawah": 90, "termasuk": True, "label": labels[0]},
            {"batas_bawah": None, "termasuk": False, "label": labels[1]},
        ],
    }
    return doc


def _pita(pd: PerangkatDaerah) -> list[str]:
    skala = KebijakanPerhitungan.objects.get(pd=pd).skala_capaian
    return list(skala.pita.order_by("urutan").values_list("label", flat=True))


def test_a_pd_own_scale_is_not_overwritten_by_the_same_name_in_another_pemda(db, contoh_doc):
    """Two pemdas' bundles (same PD code) each bring a scale named "Skala Perkada" with other bands: each PD keeps
    its own bands, and importing the first again changes nothing."""
    pasang_data_bawaan()
    pertama = _skala_sendiri(copy.deepcopy(contoh_doc), "Tinggi", "Rendah")
    kedua = _skala_sendiri(copy.deepcopy(contoh_doc), "Baik", "Kurang")
    kedua["pemda"] = {**kedua["pemda"], "kode": "99.02", "nama": "Kabupaten Lain"}
    for doc in (pertama, kedua):
        hasil, _ = bundle_import(doc=doc)
        assert hasil.sah, hasil.galat
    pd_1 = PerangkatDaerah.objects.get(pemda__kode="99.01", kode=SUKAMAJU)
    pd_2 = PerangkatDaerah.objects.get(pemda__kode="99.02", kode=SUKAMAJU)
    assert (_pita(pd_1), _pita(pd_2)) == (["Tinggi", "Rendah"], ["Baik", "Kurang"])
    assert KebijakanPerhitungan.objects.get(pd=pd_1).skala_capaian.nama == "Skala Perkada"
    _, ringkasan = bundle_import(doc=pertama)
    assert not ringkasan.ada_perubahan
    assert (_pita(pd_1), _pita(pd_2)) == (["Tinggi", "Rendah"], ["Baik", "Kurang"])
    assert ekspor_bundle(pd=pd_2)["kebijakan"]["skala_capaian"]["nama"] == "Skala Perkada"
