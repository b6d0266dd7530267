"""What JSON allows but a bundle cannot hold, and texts past their limit: each refused with its JSON path, nothing
written, no traceback (BUNDLE.md §1)."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from renstra.models import PerangkatDaerah, Renstra
from sakip import batas
from sakip.bundle.baca import (
    ANGKA_TERLALU_PANJANG,
    BUKAN_ANGKA_JSON,
    KUNCI_GANDA,
    MAKS_KEDALAMAN,
    TERLALU_DALAM,
    JsonDitolak,
    baca_json,
)
from sakip.bundle.impor import bundle_import
from tests.conftest import DATA

pytestmark = pytest.mark.django_db

PAGU = "tahun[1].anggaran[0].pagu[0].jumlah"
TANDA = "@@SISIP@@"


def _teks_dengan(sisipan: str, letak) -> str:
    """The example bundle as JSON text with the raw fragment ``sisipan`` at the place ``letak`` marks."""
    doc = json.loads((DATA / "contoh-bundle.json").read_text(encoding="utf-8"))
    letak(doc)
    return json.dumps(doc).replace(f'"{TANDA}"', sisipan)


def _di_pagu(doc: dict) -> None:
    doc["tahun"][1]["anggaran"][0]["pagu"][0]["jumlah"] = TANDA


def _impor(tmp_path, teks: str) -> tuple[CommandError, str]:
    berkas = tmp_path / "bundle.json"
    berkas.write_text(teks, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as e:
        call_command("sakip_import", str(berkas), stdout=io.StringIO(), stderr=err)
    return e.value, err.getvalue()


# --- the JSON itself ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("nilai", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_their_path(tmp_path, nilai):
    galat, err = _impor(tmp_path, _teks_dengan(nilai, _di_pagu))
    assert galat.returncode == 1 and "1 galat" in str(galat)
    assert f"galat: {PAGU}: {BUKAN_ANGKA_JSON % {'nilai': nilai}}" in err
    assert PerangkatDaerah.objects.count() == 0


@pytest.mark.parametrize("angka", ["1" + "0" * 30, "1e30", "1E+30", "1000000000000000000000000000000.5"])
def test_a_pagu_past_eighteen_digits_is_refused_by_the_validator(tmp_path, angka):
    _galat, err = _impor(tmp_path, _teks_dengan(angka, _di_pagu))
    assert f"galat: {PAGU}: jumlah uang terlalu besar: " in err
    assert PerangkatDaerah.objects.count() == 0


def test_a_five_thousand_digit_integer_is_refused(tmp_path):
    _galat, err = _impor(tmp_path, _teks_dengan("9" * 5000, _di_pagu))
    assert f"galat: {PAGU}: {ANGKA_TERLALU_PANJANG % {'panjang': '5.000', 'maks': '40'}}" in err
    assert PerangkatDaerah.objects.count() == 0


def test_a_huge_exponent_never_becomes_an_integer():
    """``1e999999999`` is 11 characters; as a year it must be refused, not turned into a billion-digit int."""
    doc = baca_json(_teks_dengan("1e999999999", lambda d: d["renstra"].__setitem__("tahun_mulai", TANDA)))
    hasil, ringkasan = bundle_import(doc=doc)
    assert ringkasan is None
    assert any(m.path == "renstra.tahun_mulai" and "di luar rentang" in m.pesan for m in hasil.galat)


def test_nesting_two_hundred_thousand_levels_deep_is_refused_with_its_path(tmp_path):
    sisipan = "[" * 200_000 + "]" * 200_000
    galat, err = _impor(tmp_path, _teks_dengan(sisipan, lambda d: d["perangkat_daerah"].__setitem__("warna", TANDA)))
    # the root object and perangkat_daerah are two levels, so the list that goes one past the limit is the
    # first item of the 62nd list opened at warna
    path = "perangkat_daerah.warna" + "[0]" * (MAKS_KEDALAMAN - 2)
    assert f"galat: {path}: {TERLALU_DALAM % {'maks': MAKS_KEDALAMAN}}" in err
    assert galat.returncode == 1 and PerangkatDaerah.objects.count() == 0


def test_nesting_is_counted_outside_strings_only():
    teks = _teks_dengan(json.dumps("[" * 1000 + "{"), lambda d: d["renstra"].__setitem__("visi", TANDA))
    assert baca_json(teks)["renstra"]["visi"] == "[" * 1000 + "{"


def test_a_duplicated_key_is_refused_instead_of_taking_the_last(tmp_path):
    teks = _teks_dengan(TANDA, lambda d: None).replace(
        '"perangkat_daerah": {"kode": ', '"perangkat_daerah": {"kode": "9.99.FAKE", "kode": ', 1
    )
    assert '"kode": "9.99.FAKE", "kode"' in teks
    _galat, err = _impor(tmp_path, teks)
    assert f"galat: perangkat_daerah.kode: {KUNCI_GANDA}" in err
    assert PerangkatDaerah.objects.count() == 0


def test_every_problem_of_the_json_is_listed_at_once_in_document_order():
    teks = json.dumps({"a": [1, "@N", {"b": 1}], "c": "@I"}).replace('"@N"', "NaN").replace('"@I"', "-Infinity")
    teks = teks.replace('{"b": 1}', '{"b": 1, "b": 2, "b": 3}')
    with pytest.raises(JsonDitolak) as e:
        baca_json(teks.encode())
    assert [(m.path, m.pesan) for m in e.value.galat] == [
        ("a[1]", str(BUKAN_ANGKA_JSON % {"nilai": "NaN"})),
        ("a[2].b", str(KUNCI_GANDA)),
        ("a[2].b", str(KUNCI_GANDA)),
        ("c", str(BUKAN_ANGKA_JSON % {"nilai": "-Infinity"})),
    ]


def test_the_example_bundles_still_read_exactly():
    doc = baca_json((DATA / "contoh-bundle.json").read_bytes())
    assert doc["tahun"][1]["realisasi_kinerja"][1]["nilai"] == Decimal("83.1")  # a Decimal, not a float
    assert doc["tahun"][1]["anggaran"][0]["pagu"][0]["jumlah"] == 1_500_000_000


# --- texts past their limit --------------------------------------------------------------------------------------


def _pesan(maks: int, panjang: int) -> str:
    return batas.pesan_terlalu_panjang(maks, panjang)


KASUS_TEKS = {
    "visi 10 MB": (
        lambda d, n: d["renstra"].__setitem__("visi", "v" * n),
        "renstra.visi",
        batas.VISI,
        10_000_000,
    ),
    "narasi": (
        lambda d, n: d["tahun"][1]["narasi"].__setitem__("kata_pengantar", "n" * n),
        "tahun[1].narasi.kata_pengantar",
        batas.NARASI,
        batas.NARASI + 1,
    ),
    "catatan triwulan": (
        lambda d, n: d["tahun"][1]["realisasi_kinerja"][1].__setitem__("catatan", "c" * n),
        "tahun[1].realisasi_kinerja[1].catatan",
        batas.CATATAN,
        batas.CATATAN + 1,
    ),
    "uraian sasaran": (
        lambda d, n: d["renstra"]["tujuan"][0]["sasaran"][0].__setitem__("uraian", "u" * n),
        "renstra.tujuan[0].sasaran[0].uraian",
        batas.URAIAN,
        batas.URAIAN + 1,
    ),
    "definisi operasional": (
        lambda d, n: d["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0].__setitem__(
            "definisi_operasional", "d" * n
        ),
        "renstra.tujuan[0].sasaran[0].indikator[0].definisi_operasional",
        batas.DEFINISI,
        batas.DEFINISI + 1,
    ),
    "kode rujukan": (
        lambda d, n: d["tahun"][1]["realisasi_kinerja"][1].__setitem__("indikator", "K" * n),
        "tahun[1].realisasi_kinerja[1].indikator",
        60,
        1_000_000,
    ),
}


@pytest.mark.parametrize("kasus", list(KASUS_TEKS), ids=list(KASUS_TEKS))
def test_a_text_past_its_limit_is_refused_with_its_path(contoh_doc, kasus):
    ubah, path, maks, panjang = KASUS_TEKS[kasus]
    ubah(contoh_doc, panjang)
    hasil, ringkasan = bundle_import(doc=contoh_doc)
    assert ringkasan is None
    assert [str(m) for m in hasil.galat] == [f"{path}: {_pesan(maks, panjang)}"]  # said once, never repeated
    assert PerangkatDaerah.objects.count() == 0 and Renstra.objects.count() == 0


def test_a_text_at_its_limit_is_imported(contoh_doc):
    contoh_doc["renstra"]["visi"] = "v" * batas.VISI
    hasil, _ringkasan = bundle_import(doc=contoh_doc)
    assert hasil.sah, hasil.galat
    assert Renstra.objects.get().visi == "v" * batas.VISI


def test_the_message_names_the_limit_the_indonesian_way():
    assert _pesan(50_000, 9_000_001) == "Paling banyak 50.000 karakter; teks ini 9.000.001 karakter."


@pytest.mark.parametrize(
    ("letak", "nilai", "path", "pesan"),
    [
        (
            lambda d, v: d["tahun"][1]["realisasi_fisik"][0].__setitem__("persen", v),
            "50.123",
            "tahun[1].realisasi_fisik[0].persen",
            "50.123: paling banyak 2 desimal dan 5 digit",
        ),
        (
            lambda d, v: d["tahun"][1]["evaluasi_akip"].__setitem__("nilai", v),
            "1" + "0" * 20,
            "tahun[1].evaluasi_akip.nilai",
            "100000000000000000000: paling banyak 4 desimal dan 16 digit",
        ),
    ],
)
def test_a_number_past_its_fields_digits_is_refused(contoh_doc, letak, nilai, path, pesan):
    letak(contoh_doc, nilai)
    hasil, ringkasan = bundle_import(doc=contoh_doc)
    assert ringkasan is None
    assert f"{path}: {pesan}" in [str(m) for m in hasil.galat]
