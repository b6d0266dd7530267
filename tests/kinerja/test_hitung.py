"""Table-driven tests of the calculation core (SAKIP.md §4), with no Django.

Run alone with ``pytest tests/kinerja/test_hitung.py -p no:django``. Every input is a ``Decimal`` made
from a string (``D("84.37")``, never a float); expected figures are the strings a report prints before
localisation (``"102.89"``), compared with ``str(bulatkan(x))`` so the number of decimals is checked too.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.hitung import (
    AKUMULASI,
    BELUM_TERSEDIA,
    FINAL,
    JUMLAH,
    MAKSIMUM,
    MINIMUM,
    NEGATIF,
    POLARITAS,
    POSITIF,
    PRESET,
    RATA_RATA,
    SEMENTARA,
    TAHUN_LALU,
    TERAKHIR,
    HasilIKM,
    NilaiTriwulan,
    Pita,
    Skala,
    Tahunan,
    akumulasi_tahunan,
    bertambah_berkurang,
    bulatkan,
    capaian,
    dihitung_dalam_rata_rata,
    efisiensi,
    fisik_tertimbang,
    ikm,
    jumlah_per_prefiks,
    kategori,
    kemajuan_renstra,
    kunci_kode,
    pertumbuhan,
    prefiks_rekening,
    progres,
    rata_rata,
    serapan,
    sisa,
    target_keuangan,
    total_akip,
)


def D(teks: str) -> Decimal:
    """A Decimal from a string literal; refuses anything else so that no float slips into a table."""
    assert isinstance(teks, str), f"use a string literal, not {teks!r}"
    return Decimal(teks)


def bulat(x: Decimal | None, desimal: int = 2) -> str | None:
    """What the report prints (before localisation): the half-up rounded figure as a string, or None."""
    return None if x is None else str(bulatkan(x, desimal))


def tw(*isi: tuple[int, str | None] | tuple[int, str | None, str]) -> list[NilaiTriwulan]:
    """Quarters from (triwulan, nilai[, status]) rows; nilai None is a qualitative / missing number."""
    hasil = []
    for baris in isi:
        triwulan, nilai, *status = baris
        hasil.append(
            NilaiTriwulan(
                triwulan=triwulan,
                nilai=None if nilai is None else D(nilai),
                status=status[0] if status else FINAL,
            )
        )
    return hasil


def label(nilai: Decimal | None, preset: str) -> str | None:
    pita = kategori(nilai, PRESET[preset])
    return None if pita is None else pita.label


# --- bulatkan ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "desimal", "hasil"),
    [
        ("0.125", 2, "0.13"),  # format() and round() would give 0.12 (half-even)
        ("0.135", 2, "0.14"),
        ("2.675", 2, "2.68"),
        ("0.124999", 2, "0.12"),
        ("0.005", 2, "0.01"),
        ("0.0049", 2, "0.00"),
        ("153.9556", 2, "153.96"),
        ("153.955", 2, "153.96"),
        ("97", 2, "97.00"),
        ("0", 2, "0.00"),
        ("-0.125", 2, "-0.13"),  # half away from zero: ROUND_HALF_UP on the magnitude
        ("-0.124", 2, "-0.12"),
        ("-21.428571", 2, "-21.43"),
        ("-4.6428", 2, "-4.64"),
        ("2.5", 0, "3"),
        ("3.5", 0, "4"),
        ("-2.5", 0, "-3"),
        ("1234567.5", 0, "1234568"),
        ("3.521697", 3, "3.522"),
        ("3.5215", 3, "3.522"),
        ("0.05", 1, "0.1"),
        ("88.042425", 2, "88.04"),
    ],
)
def test_bulatkan_half_up(nilai: str, desimal: int, hasil: str) -> None:
    assert str(bulatkan(D(nilai), desimal)) == hasil


def test_bulatkan_default_is_two_decimals() -> None:
    assert str(bulatkan(D("1.005"))) == "1.01"


# --- capaian -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "hasil"),
    [
        # positif: realisasi / target × 100
        ("100", "100", POSITIF, "100.00"),
        ("82", "84.37", POSITIF, "102.89"),
        ("90", "91.3", POSITIF, "101.44"),
        ("71", "68.95", POSITIF, "97.11"),
        ("240", "238", POSITIF, "99.17"),
        ("4", "5", POSITIF, "125.00"),
        ("2200", "4716", POSITIF, "214.36"),
        ("10", "0", POSITIF, "0.00"),
        # negatif: (2 × target − realisasi) / target × 100, floored at 0
        ("10", "11", NEGATIF, "90.00"),
        ("10", "10", NEGATIF, "100.00"),
        ("10", "5", NEGATIF, "150.00"),
        ("10", "0", NEGATIF, "200.00"),
        ("10", "19.99", NEGATIF, "0.10"),
        ("10", "20", NEGATIF, "0.00"),
        ("10", "25", NEGATIF, "0.00"),  # would be −50: floored at 0
        ("3", "7", NEGATIF, "0.00"),
        # target 0: undefined for positif; negatif gives 100 for realisasi 0, else 0
        ("0", "0", POSITIF, None),
        ("0", "5", POSITIF, None),
        ("0", "0", NEGATIF, "100.00"),
        ("0", "3", NEGATIF, "0.00"),
        ("0", "0.01", NEGATIF, "0.00"),
        ("0.00", "0.00", NEGATIF, "100.00"),
    ],
)
def test_capaian(target: str, realisasi: str, polaritas: str, hasil: str | None) -> None:
    assert bulat(capaian(target=D(target), realisasi=D(realisasi), polaritas=polaritas)) == hasil


@pytest.mark.parametrize("polaritas", POLARITAS)
@pytest.mark.parametrize(("target", "realisasi"), [(None, "5"), ("5", None), (None, None), (None, "0")])
def test_capaian_without_a_number_is_none(target: str | None, realisasi: str | None, polaritas: str) -> None:
    assert (
        capaian(
            target=None if target is None else D(target),
            realisasi=None if realisasi is None else D(realisasi),
            polaritas=polaritas,
        )
        is None
    )


def test_capaian_is_unrounded() -> None:
    nilai = capaian(target=D("3"), realisasi=D("1"), polaritas=POSITIF)
    assert nilai == D("1") / D("3") * D("100")
    assert nilai != bulatkan(nilai)


@pytest.mark.parametrize("polaritas", ["", "Positif", "naik", None])
def test_capaian_unknown_polaritas_raises(polaritas: str) -> None:
    with pytest.raises(ValueError, match="polaritas"):
        capaian(target=D("10"), realisasi=D("5"), polaritas=polaritas)


# --- kemajuan terhadap target akhir Renstra, pertumbuhan, progres --------------------------------------


@pytest.mark.parametrize(
    ("realisasi", "target_akhir", "polaritas", "hasil"),
    [
        ("11", "6", NEGATIF, "16.67"),  # IKU-3: 11 incidents against the 2026 target of 6
        ("68.95", "75", POSITIF, "91.93"),  # IT-1
        ("84.37", "85", POSITIF, "99.26"),  # IKU-1
        ("91.3", "95", POSITIF, "96.11"),  # IKU-2
        ("13", "6", NEGATIF, "0.00"),  # floored
        ("5", "0", POSITIF, None),
        ("0", "0", NEGATIF, "100.00"),
    ],
)
def test_kemajuan_renstra(realisasi: str, target_akhir: str, polaritas: str, hasil: str | None) -> None:
    assert bulat(kemajuan_renstra(realisasi=D(realisasi), target_akhir=D(target_akhir), polaritas=polaritas)) == hasil


@pytest.mark.parametrize(("realisasi", "target_akhir"), [(None, "6"), ("11", None), (None, None)])
def test_kemajuan_renstra_without_a_number_is_none(realisasi: str | None, target_akhir: str | None) -> None:
    hasil = kemajuan_renstra(
        realisasi=None if realisasi is None else D(realisasi),
        target_akhir=None if target_akhir is None else D(target_akhir),
        polaritas=NEGATIF,
    )
    assert hasil is None


@pytest.mark.parametrize(
    ("sekarang", "sebelumnya", "hasil"),
    [
        ("11", "14", "-21.43"),  # IKU-3, 2024 against 2023
        ("84.37", "81.2", "3.90"),  # IKU-1
        ("91.3", "88.5", "3.16"),  # IKU-2
        ("10", "10", "0.00"),
        ("0", "5", "-100.00"),
        ("20", "10", "100.00"),
        # undefined: t−1 is 0, or either year has no number
        ("5", "0", None),
        ("0", "0", None),
        (None, "14", None),
        ("11", None, None),
        (None, None, None),
    ],
)
def test_pertumbuhan(sekarang: str | None, sebelumnya: str | None, hasil: str | None) -> None:
    nilai = pertumbuhan(
        sekarang=None if sekarang is None else D(sekarang),
        sebelumnya=None if sebelumnya is None else D(sebelumnya),
    )
    assert bulat(nilai) == hasil


@pytest.mark.parametrize(
    ("realisasi_kumulatif", "target", "polaritas", "hasil"),
    [
        ("7", "10", None, "70.00"),  # default positif: realisasi s.d. TW n / annual target × 100
        ("88", "87", None, "101.15"),  # IKU-2 TW II against its Rencana Aksi target
        ("88", "90", POSITIF, "97.78"),
        ("7", "6", NEGATIF, "83.33"),  # IKU-3 s.d. TW II against the Rencana Aksi target 6
        ("7", "0", None, None),
        (None, "10", None, None),
        ("7", None, None, None),
    ],
)
def test_progres(realisasi_kumulatif: str | None, target: str | None, polaritas: str | None, hasil: str | None) -> None:
    kwargs = {} if polaritas is None else {"polaritas": polaritas}
    nilai = progres(
        realisasi_kumulatif=None if realisasi_kumulatif is None else D(realisasi_kumulatif),
        target=None if target is None else D(target),
        **kwargs,
    )
    assert bulat(nilai) == hasil


# --- akumulasi_tahunan ---------------------------------------------------------------------------------


def T(nilai: str | None, status: str | None, parsial: bool, terakhir: int | None) -> Tahunan:
    return Tahunan(
        nilai=None if nilai is None else D(nilai), status=status, parsial=parsial, triwulan_terakhir=terakhir
    )


@pytest.mark.parametrize(
    ("akumulasi", "triwulan", "sampai", "hasil"),
    [
        # jumlah: sum of the quarters (IKU-3: 4 + 3 + 2 + 2)
        (JUMLAH, tw((1, "4"), (2, "3"), (3, "2"), (4, "2")), 4, T("11", FINAL, False, 4)),
        (JUMLAH, tw((1, "60"), (2, "60"), (3, "60"), (4, "58")), 4, T("238", FINAL, False, 4)),
        (JUMLAH, tw((2, "1"), (3, "2"), (4, "2")), 4, T("5", FINAL, True, 4)),  # SK-2: no TW I
        (JUMLAH, tw((1, "4"), (2, "3"), (3, "2"), (4, "2")), 2, T("7", FINAL, False, 2)),
        (JUMLAH, tw((1, "4"), (2, "3"), (4, "2")), 3, T("7", FINAL, True, 2)),  # TW III missing
        (JUMLAH, tw((1, "4"), (2, "3"), (3, "2")), 4, T("9", FINAL, True, 3)),  # TW IV missing
        (JUMLAH, tw((1, "4"), (2, None), (3, "2"), (4, "2")), 4, T("8", FINAL, True, 4)),  # TW II qualitative
        (JUMLAH, tw((1, "0"), (2, "0"), (3, "0"), (4, "0")), 4, T("0", FINAL, False, 4)),  # 0 is a number
        (JUMLAH, tw((4, "2"), (1, "4"), (3, "2"), (2, "3")), 4, T("11", FINAL, False, 4)),  # any order
        # terakhir: the latest quarter with a number; partial when it is not quarter `sampai`
        (TERAKHIR, tw((1, "86"), (2, "88"), (3, "90"), (4, "91.3")), 4, T("91.3", FINAL, False, 4)),
        (TERAKHIR, tw((2, "83.1"), (4, "84.37")), 4, T("84.37", FINAL, False, 4)),  # IKU-1: gaps before TW IV
        (TERAKHIR, tw((4, "97.5")), 4, T("97.5", FINAL, False, 4)),
        (TERAKHIR, tw((1, "86"), (2, "88"), (3, "90")), 4, T("90", FINAL, True, 3)),  # no TW IV: partial
        (TERAKHIR, tw((1, "86"), (2, "88"), (3, "90"), (4, None)), 4, T("90", FINAL, True, 3)),
        (
            TERAKHIR,
            tw((1, "86"), (2, "88"), (3, "90"), (4, None, BELUM_TERSEDIA)),
            4,
            T("90", FINAL, True, 3),
        ),
        (TERAKHIR, tw((1, "86"), (2, "88"), (3, "90"), (4, "91.3")), 2, T("88", FINAL, False, 2)),
        (TERAKHIR, tw((1, "86"), (3, "90")), 2, T("86", FINAL, True, 1)),
        (
            TERAKHIR,
            tw((3, "90", SEMENTARA), (4, "91", FINAL)),
            4,
            T("91", FINAL, False, 4),
        ),  # last one's status
        (TERAKHIR, tw((3, "90", FINAL), (4, "91", SEMENTARA)), 4, T("91", SEMENTARA, False, 4)),
        # rata_rata, maksimum, minimum of the quarters that have a number
        (RATA_RATA, tw((1, "86"), (2, "88"), (3, "90"), (4, "91.3")), 4, T("88.825", FINAL, False, 4)),
        (RATA_RATA, tw((1, "86"), (3, "90"), (4, None)), 4, T("88", FINAL, True, 3)),
        (RATA_RATA, tw((1, "86"), (2, "88"), (3, "90"), (4, "91.3")), 2, T("87", FINAL, False, 2)),
        (MAKSIMUM, tw((1, "2"), (2, "5"), (3, "3"), (4, "4")), 4, T("5", FINAL, False, 4)),
        (MAKSIMUM, tw((1, "2"), (2, "5"), (3, "3"), (4, "4")), 1, T("2", FINAL, False, 1)),
        (MAKSIMUM, tw((1, "2"), (3, "3")), 4, T("3", FINAL, True, 3)),
        (MINIMUM, tw((1, "2"), (2, "5"), (3, "3"), (4, "1.5")), 4, T("1.5", FINAL, False, 4)),
        (MINIMUM, tw((1, "2"), (2, "5"), (3, "3"), (4, "1.5")), 3, T("2", FINAL, False, 3)),
        (MINIMUM, tw((2, "5"), (4, "7")), 4, T("5", FINAL, True, 4)),
    ],
)
def test_akumulasi_tahunan(akumulasi: str, triwulan: list[NilaiTriwulan], sampai: int, hasil: Tahunan) -> None:
    assert akumulasi_tahunan(akumulasi=akumulasi, triwulan=triwulan, sampai=sampai) == hasil


def test_akumulasi_tahunan_rata_rata_is_unrounded() -> None:
    hasil = akumulasi_tahunan(akumulasi=RATA_RATA, triwulan=tw((1, "1"), (2, "1"), (3, "2")))
    assert hasil.nilai == D("4") / D("3")


def test_akumulasi_tahunan_sampai_defaults_to_tw_iv() -> None:
    triwulan = tw((1, "4"), (2, "3"), (3, "2"), (4, "2"))
    assert akumulasi_tahunan(akumulasi=JUMLAH, triwulan=triwulan) == T("11", FINAL, False, 4)
    assert akumulasi_tahunan(akumulasi=TERAKHIR, triwulan=triwulan[:3]).parsial is True


@pytest.mark.parametrize("akumulasi", AKUMULASI)
@pytest.mark.parametrize(
    ("triwulan", "sampai", "hasil"),
    [
        ([], 4, T(None, None, True, None)),  # nothing reported
        (tw((3, "5"), (4, "6")), 2, T(None, None, True, None)),  # only quarters after `sampai`
        (tw((1, None), (2, None)), 4, T(None, FINAL, True, None)),  # qualitative only
        (tw((1, None), (2, None, BELUM_TERSEDIA)), 4, T(None, BELUM_TERSEDIA, True, None)),
        (tw((1, None, SEMENTARA), (2, None, TAHUN_LALU)), 4, T(None, SEMENTARA, True, None)),
    ],
)
def test_akumulasi_tahunan_without_a_number(
    akumulasi: str, triwulan: list[NilaiTriwulan], sampai: int, hasil: Tahunan
) -> None:
    assert akumulasi_tahunan(akumulasi=akumulasi, triwulan=triwulan, sampai=sampai) == hasil


@pytest.mark.parametrize("akumulasi", [JUMLAH, RATA_RATA, MAKSIMUM, MINIMUM])
@pytest.mark.parametrize(
    ("status", "hasil"),
    [
        # the weakest status of the quarters used: final < tahun_lalu < sementara < belum_tersedia
        ((FINAL, FINAL, FINAL, FINAL), FINAL),
        ((FINAL, SEMENTARA, FINAL, FINAL), SEMENTARA),
        ((FINAL, FINAL, FINAL, TAHUN_LALU), TAHUN_LALU),
        ((TAHUN_LALU, SEMENTARA, FINAL, FINAL), SEMENTARA),
        ((SEMENTARA, TAHUN_LALU, FINAL, FINAL), SEMENTARA),
        ((FINAL, FINAL, BELUM_TERSEDIA, SEMENTARA), BELUM_TERSEDIA),
    ],
)
def test_akumulasi_tahunan_status_is_the_weakest(akumulasi: str, status: tuple[str, ...], hasil: str) -> None:
    triwulan = tw(*((i, "5", s) for i, s in enumerate(status, start=1)))
    assert akumulasi_tahunan(akumulasi=akumulasi, triwulan=triwulan).status == hasil


def test_akumulasi_tahunan_status_ignores_quarters_without_a_number() -> None:
    triwulan = tw((1, "4"), (2, "3"), (3, None, BELUM_TERSEDIA), (4, "2"))
    assert akumulasi_tahunan(akumulasi=JUMLAH, triwulan=triwulan) == T("9", FINAL, True, 4)


@pytest.mark.parametrize("akumulasi", ["", "sum", "Jumlah", "kumulatif"])
def test_akumulasi_tahunan_unknown_akumulasi_raises(akumulasi: str) -> None:
    with pytest.raises(ValueError, match="akumulasi"):
        akumulasi_tahunan(akumulasi=akumulasi, triwulan=tw((1, "1")))


# --- which realisations count in means (SAKIP.md §3) -----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "tahun_lalu_dihitung", "hasil"),
    [
        (FINAL, False, True),
        (FINAL, True, True),
        (SEMENTARA, False, True),
        (BELUM_TERSEDIA, False, False),  # never counted, never 0
        (BELUM_TERSEDIA, True, False),
        (TAHUN_LALU, False, False),  # only where the policy says so
        (TAHUN_LALU, True, True),
        (None, False, True),
    ],
)
def test_dihitung_dalam_rata_rata(status: str | None, tahun_lalu_dihitung: bool, hasil: bool) -> None:
    assert dihitung_dalam_rata_rata(status=status, tahun_lalu_dihitung=tahun_lalu_dihitung) is hasil


def test_dihitung_dalam_rata_rata_tahun_lalu_default_is_not_counted() -> None:
    assert dihitung_dalam_rata_rata(status=TAHUN_LALU) is False


# --- rata_rata -----------------------------------------------------------------------------------------


def _capaian_positif(*pasangan: tuple[str, str]) -> list[Decimal | None]:
    return [capaian(target=D(t), realisasi=D(r), polaritas=POSITIF) for t, r in pasangan]


def test_rata_rata_of_unrounded_values_sakip_example() -> None:
    nilai = _capaian_positif(("2200", "4716"), ("247", "282"), ("12", "16"))
    assert bulat(rata_rata(nilai)) == "153.96"
    # rounding each capaian first (the mistake the rule forbids) gives 153.95
    assert bulat(rata_rata([bulatkan(n) for n in nilai if n is not None])) == "153.95"


@pytest.mark.parametrize(
    ("nilai", "batas_atas", "hasil"),
    [
        (["100", "90"], None, "95"),
        (["1", "2"], None, "1.5"),
        (["130.36"], None, "130.36"),  # no capping by default
        (["130.36", "100"], None, "115.18"),
        (["130.36", "100"], "120", "110"),  # the policy's ceiling, for means only
        (["120", "100"], "120", "110"),
        (["90", "80"], "120", "85"),  # the ceiling does not raise anything
        (["100", None, "90"], None, "95"),  # None is left out, not counted as 0
        (["100", None, "130"], "120", "110"),
        ([None, None], None, None),
        ([], None, None),
        ([], "120", None),
        (["0", "100"], None, "50"),  # 0 is a number
    ],
)
def test_rata_rata(nilai: list[str | None], batas_atas: str | None, hasil: str | None) -> None:
    hasil_hitung = rata_rata(
        [None if n is None else D(n) for n in nilai], batas_atas=None if batas_atas is None else D(batas_atas)
    )
    assert hasil_hitung == (None if hasil is None else D(hasil))


def test_rata_rata_accepts_a_generator() -> None:
    assert rata_rata(D(n) for n in ("1", "2", "3")) == D("2")


# --- rating scales -------------------------------------------------------------------------------------


def test_presets_shipped() -> None:
    assert set(PRESET) == {"permenpan-12-2015", "permendagri-86-2017", "empat-kelas", "akip", "ikm"}
    for nama, skala in PRESET.items():
        assert skala.nama == nama
        assert all(p.warna.startswith("#") and len(p.warna) == 7 for p in skala.pita)


@pytest.mark.parametrize(
    ("preset", "nilai", "hasil"),
    [
        # PermenPAN-RB 12/2015: > 90 · > 80 · > 70 · > 60 · > 50 · ≤ 50
        ("permenpan-12-2015", "130.36", "Sangat Memuaskan"),
        ("permenpan-12-2015", "97.11", "Sangat Memuaskan"),
        ("permenpan-12-2015", "90.01", "Sangat Memuaskan"),
        # rated as printed (two decimals, half up): 90,0001 prints "90,00", 90,005 prints "90,01"
        ("permenpan-12-2015", "90.0001", "Memuaskan"),
        ("permenpan-12-2015", "90.005", "Sangat Memuaskan"),
        ("permenpan-12-2015", "90", "Memuaskan"),
        ("permenpan-12-2015", "80.01", "Memuaskan"),
        ("permenpan-12-2015", "80", "Sangat Baik"),
        ("permenpan-12-2015", "70.01", "Sangat Baik"),
        ("permenpan-12-2015", "70", "Baik"),
        ("permenpan-12-2015", "60.01", "Baik"),
        ("permenpan-12-2015", "60", "Cukup"),
        ("permenpan-12-2015", "50.01", "Cukup"),
        ("permenpan-12-2015", "50", "Kurang"),
        ("permenpan-12-2015", "0", "Kurang"),
        ("permenpan-12-2015", "-5", "Kurang"),
        # Permendagri 86/2017: > 90 · > 75 · > 65 · > 50 · ≤ 50
        ("permendagri-86-2017", "100", "Sangat Tinggi"),
        ("permendagri-86-2017", "90.01", "Sangat Tinggi"),
        ("permendagri-86-2017", "90", "Tinggi"),
        ("permendagri-86-2017", "75.01", "Tinggi"),
        ("permendagri-86-2017", "75", "Sedang"),
        ("permendagri-86-2017", "65.01", "Sedang"),
        ("permendagri-86-2017", "65", "Rendah"),
        ("permendagri-86-2017", "50.01", "Rendah"),
        ("permendagri-86-2017", "50", "Sangat Rendah"),
        ("permendagri-86-2017", "0", "Sangat Rendah"),
        # Empat kelas: ≥ 100 · ≥ 70 · ≥ 40 · < 40
        ("empat-kelas", "130.36", "Berhasil"),
        ("empat-kelas", "100", "Berhasil"),
        ("empat-kelas", "99.99", "Cukup Berhasil"),
        ("empat-kelas", "70", "Cukup Berhasil"),
        ("empat-kelas", "69.99", "Kurang Berhasil"),
        ("empat-kelas", "40", "Kurang Berhasil"),
        ("empat-kelas", "39.99", "Tidak Berhasil"),
        ("empat-kelas", "0", "Tidak Berhasil"),
        ("empat-kelas", "-1", "Tidak Berhasil"),
        # AKIP predicate (PermenPAN-RB 88/2021): > 90 · > 80 · > 70 · > 60 · > 50 · > 30 · ≥ 0
        ("akip", "100", "AA"),
        ("akip", "90.01", "AA"),
        ("akip", "90", "A"),
        ("akip", "80.01", "A"),
        ("akip", "80", "BB"),
        ("akip", "70.01", "BB"),
        ("akip", "71", "BB"),
        ("akip", "70", "B"),
        ("akip", "68.95", "B"),
        ("akip", "60.01", "B"),
        ("akip", "60", "CC"),
        ("akip", "50.01", "CC"),
        ("akip", "50", "C"),
        ("akip", "30.01", "C"),
        ("akip", "30", "D"),
        ("akip", "0", "D"),
        ("akip", "-0.01", None),  # below every band
        # IKM mutu (PermenPAN-RB 14/2017, on konversi): ≥ 88,31 · ≥ 76,61 · ≥ 65 · ≥ 25
        ("ikm", "100", "A Sangat Baik"),
        ("ikm", "88.31", "A Sangat Baik"),
        ("ikm", "88.3099", "A Sangat Baik"),
        ("ikm", "88.3049", "B Baik"),
        ("ikm", "88.30", "B Baik"),
        ("ikm", "88.04", "B Baik"),
        ("ikm", "76.61", "B Baik"),
        ("ikm", "76.60", "C Kurang Baik"),
        ("ikm", "65", "C Kurang Baik"),
        ("ikm", "64.99", "D Tidak Baik"),
        ("ikm", "25", "D Tidak Baik"),
        ("ikm", "24.99", None),  # below every band
    ],
)
def test_preset_band_boundaries(preset: str, nilai: str, hasil: str | None) -> None:
    assert label(D(nilai), preset) == hasil


@pytest.mark.parametrize("preset", sorted(PRESET))
def test_kategori_of_no_value_is_none(preset: str) -> None:
    assert kategori(None, PRESET[preset]) is None


def test_kategori_returns_the_band_with_its_colour() -> None:
    pita = kategori(D("100"), PRESET["empat-kelas"])
    assert pita == Pita(batas_bawah=D("100"), termasuk=True, label="Berhasil", warna=pita.warna)
    warna = [p.warna for p in PRESET["empat-kelas"].pita]
    assert len(set(warna)) == 4  # hijau, biru, kuning, merah: four different colours


@pytest.mark.parametrize(
    ("batas_bawah", "termasuk", "nilai", "hasil"),
    [
        ("90", False, "90", False),
        ("90", False, "90.01", True),
        ("90", True, "90", True),
        ("90", True, "89.99", False),
        (None, True, "-1000", True),
        (None, False, "0", True),
    ],
)
def test_pita_memuat(batas_bawah: str | None, termasuk: bool, nilai: str, hasil: bool) -> None:
    pita = Pita(batas_bawah=None if batas_bawah is None else D(batas_bawah), termasuk=termasuk, label="x")
    assert pita.memuat(D(nilai)) is hasil


def test_custom_scale() -> None:
    skala = Skala(
        nama="dua-kelas",
        pita=(Pita(D("100"), True, "Tercapai", "#2f9e44"), Pita(None, True, "Belum Tercapai", "#e03131")),
    )
    assert kategori(D("100"), skala).label == "Tercapai"
    assert kategori(D("99.994"), skala).label == "Belum Tercapai"
    assert kategori(D("99.995"), skala).label == "Tercapai"  # printed as 100,00
    assert kategori(D("99.995"), skala, desimal=3).label == "Belum Tercapai"


def test_scale_first_band_that_holds_the_value_wins() -> None:
    skala = Skala(
        nama="s",
        pita=(Pita(D("90"), False, "atas"), Pita(D("90"), True, "tepat 90"), Pita(None, True, "bawah")),
    )
    assert [kategori(D(n), skala).label for n in ("90.5", "90", "89")] == ["atas", "tepat 90", "bawah"]


@pytest.mark.parametrize(
    "batas",
    [
        ("50", "90"),  # ascending
        ("90", "50", "70"),
        ("90", "95", None),
        ("0", "30", "50", "60", "70", "80", "90"),
    ],
)
def test_skala_rejects_bands_not_in_descending_order(batas: tuple[str | None, ...]) -> None:
    pita = tuple(Pita(None if b is None else D(b), False, f"p{i}") for i, b in enumerate(batas))
    with pytest.raises(ValueError, match="menurun"):
        Skala(nama="salah", pita=pita)


def test_skala_rejects_an_open_band_before_the_last() -> None:
    pita = (Pita(None, True, "semua"), Pita(D("50"), False, "atas"))
    with pytest.raises(ValueError, match="hanya pita terakhir"):
        Skala(nama="salah", pita=pita)


# --- money ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pagu", "realisasi", "hasil"),
    [
        ("2370000000", "2301650000", "68350000"),
        ("720000000", "683000000", "37000000"),
        ("100000000", "100000000", "0"),
        ("100000000", "0", "100000000"),
        ("100000000", "100000001", "-1"),  # over-spending shows as negative (a data problem, §7)
    ],
)
def test_sisa(pagu: str, realisasi: str, hasil: str) -> None:
    assert sisa(pagu=D(pagu), realisasi=D(realisasi)) == D(hasil)


@pytest.mark.parametrize(
    ("pagu", "realisasi", "hasil"),
    [
        ("2370000000", "2301650000", "97.12"),
        ("2270000000", "2204250000", "97.10"),
        ("1550000000", "1521250000", "98.15"),
        ("720000000", "683000000", "94.86"),
        ("100000000", "97400000", "97.40"),
        ("420000000", "397500000", "94.64"),
        ("100000000", "0", "0.00"),
        ("100000000", "100000000", "100.00"),
        # undefined without a pagu
        ("0", "0", None),
        ("0", "5000", None),
        (None, "5000", None),
        ("100000000", None, None),
    ],
)
def test_serapan(pagu: str | None, realisasi: str | None, hasil: str | None) -> None:
    nilai = serapan(pagu=None if pagu is None else D(pagu), realisasi=None if realisasi is None else D(realisasi))
    assert bulat(nilai) == hasil


@pytest.mark.parametrize(
    ("murni", "perubahan", "hasil"),
    [
        ("750000000", "720000000", "-30000000"),
        ("1500000000", "1550000000", "50000000"),
        ("100000000", "100000000", "0"),
    ],
)
def test_bertambah_berkurang(murni: str, perubahan: str, hasil: str) -> None:
    assert bertambah_berkurang(pagu_murni=D(murni), pagu_perubahan=D(perubahan)) == D(hasil)


@pytest.mark.parametrize(
    ("triwulan", "murni", "perubahan", "kas", "hasil"),
    [
        # without an anggaran kas: min(pagu murni × n/4, pagu perubahan)
        (1, "1000", "1200", None, "250"),
        (2, "1000", "1200", None, "500"),
        (3, "1000", "1200", None, "750"),
        (4, "1000", "1200", None, "1000"),
        (2, "1000", "600", None, "500"),
        (3, "1000", "600", None, "600"),  # capped at the revised pagu
        (4, "1000", "600", None, "600"),
        (1, "1000", "250", None, "250"),
        (1, "1001", "2000", None, "250.25"),
        # the anggaran kas wins when entered, even 0 and even above the computed figure
        (1, "1000", "1200", "400", "400"),
        (3, "1000", "600", "900", "900"),
        (2, "1000", "1200", "0", "0"),
    ],
)
def test_target_keuangan(triwulan: int, murni: str, perubahan: str, kas: str | None, hasil: str) -> None:
    nilai = target_keuangan(
        triwulan=triwulan,
        pagu_murni=D(murni),
        pagu_perubahan=D(perubahan),
        anggaran_kas_kumulatif=None if kas is None else D(kas),
    )
    assert nilai == D(hasil)


@pytest.mark.parametrize("triwulan", [0, 5, -1, 12])
@pytest.mark.parametrize("kas", [None, "100"])
def test_target_keuangan_bad_quarter_raises(triwulan: int, kas: str | None) -> None:
    with pytest.raises(ValueError, match="triwulan"):
        target_keuangan(
            triwulan=triwulan,
            pagu_murni=D("1000"),
            pagu_perubahan=D("1000"),
            anggaran_kas_kumulatif=None if kas is None else D(kas),
        )


@pytest.mark.parametrize(
    ("capaian_", "serapan_", "hasil"),
    [
        ("102.17", "97.12", "5.05"),
        ("90", "94.64", "-4.64"),
        ("100", "100", "0.00"),
        (None, "97.12", None),
        ("102.17", None, None),
        (None, None, None),
    ],
)
def test_efisiensi(capaian_: str | None, serapan_: str | None, hasil: str | None) -> None:
    nilai = efisiensi(
        capaian=None if capaian_ is None else D(capaian_), serapan=None if serapan_ is None else D(serapan_)
    )
    assert bulat(nilai) == hasil


def test_efisiensi_is_computed_from_unrounded_inputs() -> None:
    # S1 of the example: capaian 102.1673… (mean of 84.37/82 and 91.3/90) − 2301650000/2370000000 × 100
    capaian_s1 = rata_rata(_capaian_positif(("82", "84.37"), ("90", "91.3")))
    serapan_s1 = serapan(pagu=D("2370000000"), realisasi=D("2301650000"))
    nilai = efisiensi(capaian=capaian_s1, serapan=serapan_s1)
    assert nilai == capaian_s1 - serapan_s1
    assert bulat(nilai) == "5.05"


@pytest.mark.parametrize(
    ("anak", "hasil"),
    [
        (
            [("180000000", "100"), ("240000000", "95")],
            "97.14",
        ),  # the example's kegiatan 7.01.02.2.01 at TW IV
        ([("100", "50")], "50.00"),
        ([("100", "100"), ("300", "0")], "25.00"),
        ([("100", "80"), ("100", None)], "80.00"),  # a child without a figure is left out
        ([("100", None)], None),
        ([], None),
        ([("0", "80"), ("0", "60")], None),  # no pagu to weigh by
        ([("0", "80"), ("100", "60")], "60.00"),
    ],
)
def test_fisik_tertimbang(anak: list[tuple[str, str | None]], hasil: str | None) -> None:
    nilai = fisik_tertimbang((D(p), None if f is None else D(f)) for p, f in anak)
    assert bulat(nilai) == hasil


# --- account codes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "hasil"),
    [
        ("5", ["5"]),
        ("5.1", ["5", "5.1"]),
        ("5.1.02", ["5", "5.1", "5.1.02"]),
        ("5.2.02.01.0001", ["5", "5.2", "5.2.02", "5.2.02.01", "5.2.02.01.0001"]),
    ],
)
def test_prefiks_rekening(kode: str, hasil: list[str]) -> None:
    assert prefiks_rekening(kode) == hasil


@pytest.mark.parametrize(
    ("sebelum", "sesudah"),
    [
        ("5.1.2", "5.1.10"),  # numeric, not alphabetic
        ("5.1.02", "5.1.10"),
        ("5", "5.1"),  # a parent before its children
        ("5.1", "5.1.01"),
        ("5.1.99", "5.2"),
        ("5.2", "5.10"),
        ("4.01.01.2.01.0001", "4.01.01.2.01.0002"),
        ("7.01.01.2.06.0002", "7.01.01.2.06.0009"),
        ("7.01.01.2.06.0009", "7.01.02.2.01.0008"),
        ("7.01.01", "7.01.01.2.02"),
        ("5.1.99", "5.1.x"),  # text segments after numbers
        ("5.1.a", "5.1.b"),
    ],
)
def test_kunci_kode_orders(sebelum: str, sesudah: str) -> None:
    assert kunci_kode(sebelum) < kunci_kode(sesudah)


def test_kunci_kode_sorts_a_list() -> None:
    kode = ["5.1.10", "5.2.02", "5", "5.10", "5.1.5", "5.2", "5.1", "5.1.02"]
    assert sorted(kode, key=kunci_kode) == ["5", "5.1", "5.1.02", "5.1.5", "5.1.10", "5.2", "5.2.02", "5.10"]


def test_kunci_kode_leading_zeros_are_the_same_number() -> None:
    assert kunci_kode("5.1.02") == kunci_kode("5.1.2")


# The example DPA (perubahan) and its realisation, by account; each line a leaf.
PAGU_PERUBAHAN = [
    ("5.1.01", "1550000000"),
    ("5.1.02", "150000000"),
    ("5.2.02", "100000000"),
    ("5.1.02", "150000000"),
    ("5.1.02", "180000000"),
    ("5.1.02", "240000000"),
]
REALISASI_ANGGARAN = [
    ("5.1.01", "370000000"),
    ("5.1.01", "375000000"),
    ("5.1.01", "380000000"),
    ("5.1.01", "396250000"),
    ("5.1.02", "45000000"),
    ("5.1.02", "98500000"),
    ("5.2.02", "97400000"),
    ("5.1.02", "30000000"),
    ("5.1.02", "35000000"),
    ("5.1.02", "36000000"),
    ("5.1.02", "41000000"),
    ("5.1.02", "20000000"),
    ("5.1.02", "50000000"),
    ("5.1.02", "45000000"),
    ("5.1.02", "55500000"),
    ("5.1.02", "50000000"),
    ("5.1.02", "60000000"),
    ("5.1.02", "55000000"),
    ("5.1.02", "62000000"),
]


@pytest.mark.parametrize(
    ("baris", "hasil"),
    [
        ([], {}),
        ([("5.1.02", "10")], {"5": "10", "5.1": "10", "5.1.02": "10"}),
        (
            [("5.1.01", "10"), ("5.1.02", "5"), ("5.2.02", "2"), ("5.1.02", "1")],
            {"5": "18", "5.1": "16", "5.1.01": "10", "5.1.02": "6", "5.2": "2", "5.2.02": "2"},
        ),
        (
            PAGU_PERUBAHAN,
            {
                "5": "2370000000",
                "5.1": "2270000000",
                "5.1.01": "1550000000",
                "5.1.02": "720000000",
                "5.2": "100000000",
                "5.2.02": "100000000",
            },
        ),
        (
            REALISASI_ANGGARAN,
            {
                "5": "2301650000",
                "5.1": "2204250000",
                "5.1.01": "1521250000",
                "5.1.02": "683000000",
                "5.2": "97400000",
                "5.2.02": "97400000",
            },
        ),
    ],
)
def test_jumlah_per_prefiks(baris: list[tuple[str, str]], hasil: dict[str, str]) -> None:
    assert jumlah_per_prefiks((k, D(j)) for k, j in baris) == {k: D(v) for k, v in hasil.items()}


@pytest.mark.parametrize(
    ("kode", "serapan_", "sisa_"),
    [
        ("5", "97.12", "68350000"),
        ("5.1", "97.10", "65750000"),
        ("5.1.01", "98.15", "28750000"),
        ("5.1.02", "94.86", "37000000"),
        ("5.2", "97.40", "2600000"),
        ("5.2.02", "97.40", "2600000"),
    ],
)
def test_example_rekening_serapan_and_sisa(kode: str, serapan_: str, sisa_: str) -> None:
    pagu = jumlah_per_prefiks((k, D(j)) for k, j in PAGU_PERUBAHAN)[kode]
    realisasi = jumlah_per_prefiks((k, D(j)) for k, j in REALISASI_ANGGARAN)[kode]
    assert bulat(serapan(pagu=pagu, realisasi=realisasi)) == serapan_
    assert sisa(pagu=pagu, realisasi=realisasi) == D(sisa_)


# --- AKIP and IKM --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("komponen", "hasil", "predikat"),
    [
        (["22.5", "20.1", "11.0", "15.35"], "68.95", "B"),  # the example's evaluation of 2023
        (["30", "30", "15", "25"], "100", "AA"),
        (["27", "24", "12", "17"], "80", "BB"),
        ([], "0", "D"),
    ],
)
def test_total_akip(komponen: list[str], hasil: str, predikat: str) -> None:
    total = total_akip(D(k) for k in komponen)
    assert total == D(hasil)
    assert label(total, "akip") == predikat


@pytest.mark.parametrize(
    ("unsur", "nilai_ikm", "konversi", "mutu"),
    [
        # 9 element means summing to 31.727: IKM 3.521697 prints 3,522 and konversi 88.042425 prints 88,04
        (["3.52"] * 8 + ["3.567"], "3.522", "88.04", "B Baik"),
        (["4"] * 9, "3.996", "99.90", "A Sangat Baik"),
        (["3.5"] * 9, "3.497", "87.41", "B Baik"),
        (["3"] * 9, "2.997", "74.93", "C Kurang Baik"),
        (["2"] * 9, "1.998", "49.95", "D Tidak Baik"),
        (["1"] * 9, "0.999", "24.98", None),  # 24.975: below the lowest IKM band (≥ 25)
        (["4"], "0.444", "11.10", None),
    ],
)
def test_ikm(unsur: list[str], nilai_ikm: str, konversi: str, mutu: str | None) -> None:
    hasil = ikm([D(u) for u in unsur])
    assert hasil == HasilIKM(ikm=sum((D(u) for u in unsur), D("0")) * D("0.111"), konversi=hasil.ikm * D("25"))
    assert bulat(hasil.ikm, 3) == nilai_ikm
    assert bulat(hasil.konversi) == konversi
    assert label(hasil.konversi, "ikm") == mutu


def test_ikm_konversi_comes_from_the_unrounded_ikm() -> None:
    hasil = ikm([D("3.52")] * 8 + [D("3.567")])
    assert hasil.ikm == D("3.521697")
    assert hasil.konversi == D("88.042425")
    assert bulat(bulatkan(hasil.ikm, 3) * D("25")) == "88.05"  # the mistake: converting the printed IKM


@pytest.mark.parametrize(
    "unsur",
    [
        [],
        ["0.99"],
        ["4.01"],
        ["0"],
        ["-3"],
        ["3", "5"],
        ["3.5"] * 8 + ["4.5"],
    ],
)
def test_ikm_refuses_invalid_element_means(unsur: list[str]) -> None:
    with pytest.raises(ValueError, match="IKM"):
        ikm([D(u) for u in unsur])


@pytest.mark.parametrize("batas", ["1", "4", "1.000", "4.000"])
def test_ikm_element_means_bounds_are_inclusive(batas: str) -> None:
    assert ikm([D(batas)] * 9).ikm == D(batas) * 9 * D("0.111")


# --- the worked example: contoh-bundle.json year 2024 → contoh-hasil.json --------------------------------

# kode: (polaritas, akumulasi, quarters, target 2024, target 2026 (Renstra end), realisasi 2023)
CONTOH = {
    "IKU-1": (POSITIF, TERAKHIR, tw((2, "83.1"), (4, "84.37")), "82", "85", "81.2"),
    "IKU-2": (POSITIF, TERAKHIR, tw((1, "86"), (2, "88"), (3, "90"), (4, "91.3")), "90", "95", "88.5"),
    "IKU-3": (NEGATIF, JUMLAH, tw((1, "4"), (2, "3"), (3, "2"), (4, "2")), "10", "6", "14"),
    "P1-1": (POSITIF, TERAKHIR, tw((4, "100")), "100", None, None),
    "P2-1": (POSITIF, TERAKHIR, tw((4, None, BELUM_TERSEDIA)), "95", None, None),
    "SK-1": (POSITIF, JUMLAH, tw((1, "60"), (2, "60"), (3, "60"), (4, "58")), "240", None, None),
    "SK-2": (POSITIF, JUMLAH, tw((2, "1"), (3, "2"), (4, "2")), "4", None, None),
    "SK-3": (POSITIF, JUMLAH, tw((1, "3"), (2, "3"), (3, "3"), (4, "3")), "12", None, None),
    "SK-4": (POSITIF, JUMLAH, tw((1, "2"), (2, "2"), (3, "1"), (4, "2")), "8", None, None),
    "SK-5": (POSITIF, TERAKHIR, tw((4, "97.5")), "100", None, None),
}


def _contoh_realisasi(kode: str) -> Tahunan:
    _, akumulasi, triwulan, *_ = CONTOH[kode]
    return akumulasi_tahunan(akumulasi=akumulasi, triwulan=triwulan)


def _contoh_capaian(kode: str) -> Decimal | None:
    polaritas, _, _, target, *_ = CONTOH[kode]
    return capaian(target=D(target), realisasi=_contoh_realisasi(kode).nilai, polaritas=polaritas)


@pytest.mark.parametrize(
    ("kode", "realisasi", "status", "capaian_", "kategori_", "kemajuan", "pertumbuhan_"),
    [
        ("IKU-1", "84.37", FINAL, "102.89", "Sangat Memuaskan", "99.26", "3.90"),
        ("IKU-2", "91.30", FINAL, "101.44", "Sangat Memuaskan", "96.11", "3.16"),
        ("IKU-3", "11.00", FINAL, "90.00", "Memuaskan", "16.67", "-21.43"),
        ("P1-1", "100.00", FINAL, "100.00", "Sangat Memuaskan", None, None),
        ("P2-1", None, BELUM_TERSEDIA, None, None, None, None),
        ("SK-1", "238.00", FINAL, "99.17", "Sangat Memuaskan", None, None),
        ("SK-2", "5.00", FINAL, "125.00", "Sangat Memuaskan", None, None),
        ("SK-3", "12.00", FINAL, "100.00", "Sangat Memuaskan", None, None),
        ("SK-4", "7.00", FINAL, "87.50", "Memuaskan", None, None),
        ("SK-5", "97.50", FINAL, "97.50", "Sangat Memuaskan", None, None),
    ],
)
def test_contoh_indikator(
    kode: str,
    realisasi: str | None,
    status: str,
    capaian_: str | None,
    kategori_: str | None,
    kemajuan: str | None,
    pertumbuhan_: str | None,
) -> None:
    polaritas, _, _, _, target_akhir, sebelumnya = CONTOH[kode]
    tahunan = _contoh_realisasi(kode)
    assert bulat(tahunan.nilai) == realisasi
    assert tahunan.status == status
    nilai_capaian = _contoh_capaian(kode)
    assert bulat(nilai_capaian) == capaian_
    assert label(nilai_capaian, "permenpan-12-2015") == kategori_
    nilai_kemajuan = kemajuan_renstra(
        realisasi=tahunan.nilai,
        target_akhir=None if target_akhir is None else D(target_akhir),
        polaritas=polaritas,
    )
    assert bulat(nilai_kemajuan) == kemajuan
    nilai_pertumbuhan = pertumbuhan(sekarang=tahunan.nilai, sebelumnya=None if sebelumnya is None else D(sebelumnya))
    assert bulat(nilai_pertumbuhan) == pertumbuhan_


def test_contoh_it_1_entered_as_a_year() -> None:
    realisasi = D("68.95")  # "B (68,95)": an annual value, no quarters
    nilai = capaian(target=D("71"), realisasi=realisasi, polaritas=POSITIF)
    assert bulat(nilai) == "97.11"
    assert label(nilai, "permenpan-12-2015") == "Sangat Memuaskan"
    assert bulat(kemajuan_renstra(realisasi=realisasi, target_akhir=D("75"), polaritas=POSITIF)) == "91.93"
    assert label(realisasi, "akip") == "B"


@pytest.mark.parametrize(
    ("nama", "indikator", "hasil", "kategori_"),
    [
        # capaian sasaran: mean of the capaian of its indicators
        ("S1", ["IKU-1", "IKU-2"], "102.17", "Sangat Memuaskan"),
        ("S2", ["IKU-3"], "90.00", "Memuaskan"),
        # headline: mean of ALL IKU (not of the sasaran means, which would be 96.08)
        ("iku", ["IKU-1", "IKU-2", "IKU-3"], "98.11", "Sangat Memuaskan"),
        # kegiatan K% = mean of its sub kegiatan indicators; P2-1 (belum tersedia) is in no mean
        ("7.01.01.2.02", ["SK-1"], "99.17", "Sangat Memuaskan"),
        ("7.01.01.2.06", ["SK-2", "SK-3"], "112.50", "Sangat Memuaskan"),
        ("7.01.02.2.01", ["SK-4", "SK-5"], "92.50", "Sangat Memuaskan"),
        # a unit: the mean over its own share of each kegiatan (here one sub kegiatan per kegiatan)
        ("SEKSI-PEL", ["SK-3", "SK-5"], "98.75", "Sangat Memuaskan"),
        ("SEKSI-TRANTIB", ["SK-4"], "87.50", "Memuaskan"),
        ("SUBBAG-UMUM", ["SK-1", "SK-2"], "112.08", "Sangat Memuaskan"),
        ("P1-1 and P2-1", ["P1-1", "P2-1"], "100.00", "Sangat Memuaskan"),
    ],
)
def test_contoh_means(nama: str, indikator: list[str], hasil: str, kategori_: str) -> None:
    nilai = rata_rata(_contoh_capaian(k) for k in indikator)
    assert bulat(nilai) == hasil
    assert label(nilai, "permenpan-12-2015") == kategori_


def test_contoh_headline_is_not_the_mean_of_sasaran_means() -> None:
    s1 = rata_rata(_contoh_capaian(k) for k in ("IKU-1", "IKU-2"))
    s2 = rata_rata([_contoh_capaian("IKU-3")])
    assert bulat(rata_rata([s1, s2])) == "96.08"
    assert bulat(rata_rata(_contoh_capaian(k) for k in ("IKU-1", "IKU-2", "IKU-3"))) == "98.11"


def test_contoh_iku_per_kategori() -> None:
    labels = [label(_contoh_capaian(k), "permenpan-12-2015") for k in ("IKU-1", "IKU-2", "IKU-3")]
    assert {x: labels.count(x) for x in labels} == {"Sangat Memuaskan": 2, "Memuaskan": 1}


@pytest.mark.parametrize(
    ("program", "kegiatan", "hasil"),
    [
        # program K% = mean of its kegiatan K% (unrounded)
        ("7.01.01", [["SK-1"], ["SK-2", "SK-3"]], "105.83"),
        ("7.01.02", [["SK-4", "SK-5"]], "92.50"),
    ],
)
def test_contoh_program_k(program: str, kegiatan: list[list[str]], hasil: str) -> None:
    nilai = rata_rata(rata_rata(_contoh_capaian(k) for k in sub) for sub in kegiatan)
    assert bulat(nilai) == hasil


@pytest.mark.parametrize(
    ("sasaran", "indikator", "pagu", "realisasi", "serapan_", "efisiensi_"),
    [
        ("S1", ["IKU-1", "IKU-2"], "2370000000", "2301650000", "97.12", "5.05"),
        ("S2", ["IKU-3"], "420000000", "397500000", "94.64", "-4.64"),
    ],
)
def test_contoh_efisiensi(
    sasaran: str, indikator: list[str], pagu: str, realisasi: str, serapan_: str, efisiensi_: str
) -> None:
    nilai_capaian = rata_rata(_contoh_capaian(k) for k in indikator)
    nilai_serapan = serapan(pagu=D(pagu), realisasi=D(realisasi))
    assert bulat(nilai_serapan) == serapan_
    assert bulat(efisiensi(capaian=nilai_capaian, serapan=nilai_serapan)) == efisiensi_
