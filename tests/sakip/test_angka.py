"""The one number formatter (sakip/angka.py), its strict reader, and the ``angka`` template filter."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from kinerja.hitung import bulatkan
from sakip.angka import (
    ANGKA_KOSONG,
    BUKAN_ANGKA,
    FORMAT_INGGRIS,
    GUNAKAN_KOMA,
    RIBUAN_TIDAK_TEPAT,
    format_angka,
    format_nip,
    format_persen,
    format_rupiah,
    parse_angka,
)

D = Decimal

# --- format_angka --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "desimal", "hasil"),
    [
        (D("1234567.891"), 2, "1.234.567,89"),
        (D("1234567.89"), 2, "1.234.567,89"),
        (D("0.125"), 2, "0,13"),  # half-up; format() alone would give 0,12
        (D("0.135"), 2, "0,14"),
        (D("2.675"), 2, "2,68"),
        (D("0.124999"), 2, "0,12"),
        (D("999.995"), 2, "1.000,00"),  # rounding carries into a new group
        (D("97.1138"), 2, "97,11"),
        (D("153.9556"), 2, "153,96"),
        (D("100"), 2, "100,00"),
        (D("123"), 2, "123,00"),
        (D("1E+3"), 2, "1.000,00"),
        (D("0.5"), 2, "0,50"),
        (0, 2, "0,00"),
        (D("0"), 2, "0,00"),
        (D("-1234.5"), 2, "-1.234,50"),
        (D("-1234567.891"), 2, "-1.234.567,89"),
        (D("-0.125"), 2, "-0,13"),
        (D("-4.6428"), 2, "-4,64"),
        (D("-0.001"), 2, "0,00"),  # never "-0,00"
        (D("-0"), 2, "0,00"),
        (D("-0.4"), 0, "0"),
        (1234567, 0, "1.234.567"),
        (1234567, 2, "1.234.567,00"),
        (-5, 0, "-5"),
        (D("1234567.5"), 0, "1.234.568"),
        (D("2.5"), 0, "3"),
        (D("2370000000.00"), 0, "2.370.000.000"),
        (D("-1000000"), 0, "-1.000.000"),
        (D("999"), 0, "999"),
        (D("1000"), 0, "1.000"),
        (D("3.521697"), 3, "3,522"),
        (D("97.15"), 1, "97,2"),
        (D("12345678901234567890123456.785"), 2, "12.345.678.901.234.567.890.123.456,79"),  # beyond 28 digits
    ],
)
def test_format_angka(nilai: int | Decimal, desimal: int, hasil: str) -> None:
    assert format_angka(nilai, desimal) == hasil


def test_format_angka_default_two_decimals() -> None:
    assert format_angka(D("1234.005")) == "1.234,01"
    assert format_angka(7) == "7,00"


@pytest.mark.parametrize("desimal", [0, 2, 3])
def test_format_angka_none_is_an_em_dash(desimal: int) -> None:
    assert format_angka(None, desimal) == "—"


@pytest.mark.parametrize("nilai", [1.5, 0.125, 0.0, float("nan"), "1.5", "1500", "", True, False, [1], object()])
def test_format_angka_refuses_other_types(nilai: object) -> None:
    with pytest.raises(TypeError):
        format_angka(nilai)  # type: ignore[arg-type]


@pytest.mark.parametrize("nilai", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_format_angka_refuses_non_finite(nilai: Decimal) -> None:
    with pytest.raises(ValueError):
        format_angka(nilai)


@pytest.mark.parametrize(
    ("desimal", "galat"), [(-1, ValueError), ("2", TypeError), (2.0, TypeError), (True, TypeError)]
)
def test_format_angka_refuses_bad_desimal(desimal: object, galat: type[Exception]) -> None:
    with pytest.raises(galat):
        format_angka(D("1"), desimal)  # type: ignore[arg-type]


# --- format_rupiah, format_persen ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        (1234567, "Rp 1.234.567"),
        (D("2370000000.00"), "Rp 2.370.000.000"),
        (D("68350000"), "Rp 68.350.000"),
        (D("1234567.5"), "Rp 1.234.568"),
        (D("1234567.49"), "Rp 1.234.567"),
        (D("999"), "Rp 999"),
        (0, "Rp 0"),
        (D("0.00"), "Rp 0"),
        (D("0.4"), "Rp 0"),
        (D("-30000000"), "-Rp 30.000.000"),
        (D("-0.4"), "Rp 0"),
        (None, "—"),
    ],
)
def test_format_rupiah(nilai: int | Decimal | None, hasil: str) -> None:
    assert format_rupiah(nilai) == hasil


@pytest.mark.parametrize("nilai", [1234567.0, "1234567", True])
def test_format_rupiah_refuses_other_types(nilai: object) -> None:
    with pytest.raises(TypeError):
        format_rupiah(nilai)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("nilai", "desimal", "hasil"),
    [
        (D("97.1138"), 2, "97,11%"),
        (D("97.115"), 2, "97,12%"),
        (D("130.355"), 2, "130,36%"),
        (D("1234.5"), 2, "1.234,50%"),
        (100, 2, "100,00%"),
        (0, 2, "0,00%"),
        (D("-4.6428"), 2, "-4,64%"),
        (D("97.15"), 1, "97,2%"),
        (D("97.5"), 0, "98%"),
        (None, 2, "—"),
    ],
)
def test_format_persen(nilai: int | Decimal | None, desimal: int, hasil: str) -> None:
    assert format_persen(nilai, desimal) == hasil


def test_format_persen_default_two_decimals_and_refuses_floats() -> None:
    assert format_persen(D("97.1138")) == "97,11%"
    with pytest.raises(TypeError):
        format_persen(97.11)  # type: ignore[arg-type]


# --- format_nip ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nip", "hasil"),
    [
        ("198001012005011002", "19800101 200501 1 002"),
        ("196612111986091002", "19661211 198609 1 002"),
        (" 198001012005011002 ", "19800101 200501 1 002"),
        # anything else is returned unchanged
        ("19800101 200501 1 002", "19800101 200501 1 002"),
        ("19800101200501100", "19800101200501100"),  # 17 digits
        ("1980010120050110021", "1980010120050110021"),  # 19 digits
        ("19800101200501100A", "19800101200501100A"),
        ("１９８００１０１２００５０１１００２", "１９８００１０１２００５０１１００２"),  # full-width digits
        ("-", "-"),
        ("", ""),
    ],
)
def test_format_nip(nip: str, hasil: str) -> None:
    assert format_nip(nip) == hasil


# --- parse_angka ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("1.500.000,25", "1500000.25"),
        ("1.500", "1500"),
        ("12.500", "12500"),
        ("100.000", "100000"),
        ("1.234.567,89", "1234567.89"),
        ("97,5", "97.5"),
        ("97,50", "97.50"),
        ("0,125", "0.125"),
        ("1,500", "1.500"),  # a comma is always the decimal mark: 1,5
        ("-3", "-3"),
        ("-1.234,50", "-1234.50"),
        ("-0", "0"),
        ("0", "0"),
        ("1500", "1500"),
        ("007", "7"),
        ("  12 ", "12"),
        ("\t1.500\n", "1500"),
        ("\u00a01.500,5\u00a0", "1500.5"),  # non-breaking spaces, as pasted from a PDF
        ("12345678901234567890123456789012,5", "12345678901234567890123456789012.5"),
    ],
)
def test_parse_angka(teks: str, hasil: str) -> None:
    nilai = parse_angka(teks)
    assert isinstance(nilai, Decimal)
    assert nilai == D(hasil)
    assert str(nilai) == hasil  # exactly the digits typed


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        # a dot not followed by exactly three digits: a decimal point typed the English way
        ("12.50", GUNAKAN_KOMA.format(saran="12,50")),
        ("1500.5", GUNAKAN_KOMA.format(saran="1500,5")),
        ("97.5", GUNAKAN_KOMA.format(saran="97,5")),
        (" 97.5 ", GUNAKAN_KOMA.format(saran="97,5")),
        ("-12.5", GUNAKAN_KOMA.format(saran="-12,5")),
        ("123.4567", GUNAKAN_KOMA.format(saran="123,4567")),
        ("0.125", GUNAKAN_KOMA.format(saran="0,125")),  # a thousands group never starts with 0
        (".5", GUNAKAN_KOMA.format(saran="0,5")),
        # badly grouped thousands
        ("1500.125", RIBUAN_TIDAK_TEPAT.format(teks="1500.125")),
        ("1.50.000", RIBUAN_TIDAK_TEPAT.format(teks="1.50.000")),
        ("1.500.00", RIBUAN_TIDAK_TEPAT.format(teks="1.500.00")),
        ("1.5000", GUNAKAN_KOMA.format(saran="1,5000")),
        ("12.50,5", RIBUAN_TIDAK_TEPAT.format(teks="12.50,5")),
        ("-1500.125", RIBUAN_TIDAK_TEPAT.format(teks="-1500.125")),
        # the English way round
        ("1,500.25", FORMAT_INGGRIS.format(saran="1.500,25")),
        ("1,500,000", FORMAT_INGGRIS.format(saran="1.500.000")),
        ("-1,234,567.89", FORMAT_INGGRIS.format(saran="-1.234.567,89")),
        # not a number
        ("abc", BUKAN_ANGKA.format(teks="abc")),
        ("12a", BUKAN_ANGKA.format(teks="12a")),
        ("1e5", BUKAN_ANGKA.format(teks="1e5")),
        ("NaN", BUKAN_ANGKA.format(teks="NaN")),
        ("Rp 1.500", BUKAN_ANGKA.format(teks="Rp 1.500")),
        ("97%", BUKAN_ANGKA.format(teks="97%")),
        ("1 500", BUKAN_ANGKA.format(teks="1 500")),
        ("+5", BUKAN_ANGKA.format(teks="+5")),
        ("--3", BUKAN_ANGKA.format(teks="--3")),
        ("- 3", BUKAN_ANGKA.format(teks="- 3")),
        ("-", BUKAN_ANGKA.format(teks="-")),
        ("5,", BUKAN_ANGKA.format(teks="5,")),
        ("5.", BUKAN_ANGKA.format(teks="5.")),
        (",5", BUKAN_ANGKA.format(teks=",5")),
        ("1,2,3", BUKAN_ANGKA.format(teks="1,2,3")),
        ("1,2.3", BUKAN_ANGKA.format(teks="1,2.3")),
        ("١٢", BUKAN_ANGKA.format(teks="١٢")),  # Arabic-Indic digits
        ("½", BUKAN_ANGKA.format(teks="½")),
        # empty
        ("", ANGKA_KOSONG),
        ("   ", ANGKA_KOSONG),
    ],
)
def test_parse_angka_refuses(teks: str, pesan: str) -> None:
    with pytest.raises(ValueError) as galat:
        parse_angka(teks)
    assert str(galat.value) == pesan


def test_parse_angka_messages() -> None:
    # the exact wording people see
    with pytest.raises(ValueError) as galat:
        parse_angka("12.50")
    assert str(galat.value) == "Gunakan koma untuk desimal: 12,50"
    with pytest.raises(ValueError) as galat:
        parse_angka("1500.125")
    assert str(galat.value) == (
        "Pemisah ribuan tidak tepat: 1500.125. Titik memisahkan setiap tiga angka (1.500.000), koma untuk desimal."
    )
    with pytest.raises(ValueError) as galat:
        parse_angka("abc")
    assert str(galat.value) == "Bukan angka yang sah: abc"
    with pytest.raises(ValueError) as galat:
        parse_angka("")
    assert str(galat.value) == "Isian angka kosong."


@pytest.mark.parametrize("nilai", [D("1.5"), 15, None, 1.5])
def test_parse_angka_reads_text_only(nilai: object) -> None:
    with pytest.raises(TypeError):
        parse_angka(nilai)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "nilai", [D("1234567.891"), D("0.125"), D("-1234.5"), D("0"), D("2370000000"), D("999.995"), D("-0.004")]
)
def test_format_then_parse_gives_the_rounded_value(nilai: Decimal) -> None:
    assert parse_angka(format_angka(nilai)) == bulatkan(nilai)


# --- the template filter -------------------------------------------------------------------------------


def render(sumber: str, **context: object) -> str:
    return Template("{% load angka %}" + sumber).render(Context(context))


@pytest.mark.parametrize(
    ("sumber", "nilai", "hasil"),
    [
        ("{{ v|angka }}", D("1234567.891"), "1.234.567,89"),
        ("{{ v|angka }}", D("0.125"), "0,13"),
        ("{{ v|angka }}", D("-1234.5"), "-1.234,50"),
        ("{{ v|angka }}", 1234567, "1.234.567,00"),
        ("{{ v|angka }}", None, "—"),
        ("{{ v|angka:0 }}", D("1234567.5"), "1.234.568"),
        ("{{ v|angka:0 }}", None, "—"),
        ("{{ v|angka:3 }}", D("3.521697"), "3,522"),
        ('{{ v|angka:"1" }}', D("97.15"), "97,2"),
        ('{{ v|angka:"rp" }}', 1234567, "Rp 1.234.567"),
        ('{{ v|angka:"rp" }}', D("2370000000.00"), "Rp 2.370.000.000"),
        ('{{ v|angka:"rp" }}', D("1234567.5"), "Rp 1.234.568"),
        ('{{ v|angka:"rp" }}', 0, "-"),  # zero money in tables
        ('{{ v|angka:"rp" }}', D("0.00"), "-"),
        ('{{ v|angka:"rp" }}', D("-30000000"), "-Rp 30.000.000"),
        ('{{ v|angka:"rp" }}', None, "—"),
        ('{{ v|angka:"persen" }}', D("97.1138"), "97,11%"),
        ('{{ v|angka:"persen" }}', D("0"), "0,00%"),
        ('{{ v|angka:"persen" }}', None, "—"),
        ('{{ v|angka:"uang" }}', D("1995862120.40"), "1.995.862.120"),
        ('{{ v|angka:"uang" }}', D("0"), "-"),
        ('{{ v|angka:"uang" }}', None, "—"),
    ],
)
def test_filter_angka(sumber: str, nilai: int | Decimal | None, hasil: str) -> None:
    assert render(sumber, v=nilai) == hasil


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_filter_angka_is_the_same_in_every_language(bahasa: str) -> None:
    with translation.override(bahasa):
        assert render("{{ v|angka }} {{ v|angka:'rp' }}", v=D("1234567.891")) == "1.234.567,89 Rp 1.234.568"


def test_filter_angka_in_a_sentence() -> None:
    sumber = "Capaian {{ c|angka:'persen' }} dengan pagu {{ p|angka:'rp' }} dan sisa {{ s|angka:'rp' }}."
    assert render(sumber, c=D("97.1138"), p=D("2370000000"), s=D("0")) == (
        "Capaian 97,11% dengan pagu Rp 2.370.000.000 dan sisa -."
    )


@pytest.mark.parametrize("arg", ["", ':"rp"', ':"persen"', ":0"])
@pytest.mark.parametrize("nilai", [1.5, "1500", True])
def test_filter_angka_refuses_other_types(arg: str, nilai: object) -> None:
    with pytest.raises(TypeError):
        render("{{ v|angka" + arg + " }}", v=nilai)


def test_filter_angka_undefined_variable_fails_loudly() -> None:
    # Django hands a filter "" for a variable that does not exist: a typo fails in a test, never prints "0,00"
    with pytest.raises(TypeError):
        render("{{ tidak_ada|angka }}")


@pytest.mark.parametrize("arg", ['"x"', '"Rp"', '"-1"', '"2.5"'])
def test_filter_angka_refuses_unknown_arguments(arg: str) -> None:
    with pytest.raises(ValueError):
        render("{{ v|angka:" + arg + " }}", v=D("1"))


@pytest.mark.parametrize(
    ("nilai", "desimal"),
    [(Decimal("97.5000"), 1), (Decimal("3.522"), 3), (Decimal("12.0000"), 0), (12, 0), (Decimal("1500000"), 0)],
)
def test_desimal_tersimpan(nilai, desimal):
    from sakip.angka import desimal_tersimpan

    assert desimal_tersimpan(nilai) == desimal
