"""Chart geometry (kinerja.grafik): plain Decimal in, positioned bars out; no database, no request."""

from decimal import Decimal as D

import pytest

from kinerja.grafik import (
    BATANG_KIRI,
    KOLOM_ATAS,
    KOLOM_PLOT,
    Isian,
    batas_skala,
    grafik_batang,
    grafik_kolom,
)


@pytest.mark.parametrize(
    ("maks", "atas", "langkah"),
    [
        ("0", "100", "20"),  # never below 100 %
        ("-5", "100", "20"),
        ("100", "100", "20"),
        ("102.89", "120", "20"),
        ("120.01", "125", "25"),
        ("130.36", "150", "25"),
        ("214.36", "250", "50"),
        ("650", "800", "200"),
        ("1000000", "1000000", "200000"),
    ],
)
def test_axis_top_is_a_round_number_at_or_above_the_largest_value(maks, atas, langkah):
    assert batas_skala(D(maks)) == (D(atas), D(langkah))


def test_axis_without_the_100_floor():
    assert batas_skala(D("7"), minimum=D(0)) == (D(8), D(2))  # 7 steps of 1 are too many
    assert batas_skala(D("0"), minimum=D(0)) == (D(1), D(1))  # an empty axis still has a height


def _isian():
    return [
        Isian("S1", D("102.16666666"), "Meningkatnya pelayanan", "#1a7f37"),
        Isian("S2", D("90"), "Meningkatnya ketertiban", "#2f9e44"),
        Isian("S3", None, "Belum terukur"),
    ]


def test_bars_one_per_item_in_order_with_indonesian_labels():
    g = grafik_batang(_isian())
    assert [b.label for b in g.batang] == ["S1", "S2", "S3"]
    assert [b.teks for b in g.batang] == ["102,17", "90,00", "—"]
    assert [b.warna for b in g.batang] == ["#1a7f37", "#2f9e44", ""]
    assert [b.judul for b in g.batang] == ["Meningkatnya pelayanan", "Meningkatnya ketertiban", "Belum terukur"]
    assert [k.teks for k in g.kisi] == ["0", "20", "40", "60", "80", "100", "120"]


def test_bar_length_is_proportional_and_the_reference_line_sits_at_100():
    g = grafik_batang(_isian())
    s1, s2, s3 = g.batang
    # the axis runs to 120: 90 is three quarters of it, 100 five sixths
    lebar_plot = g.kisi[-1].x1 - BATANG_KIRI
    assert abs(s2.lebar - lebar_plot * D("0.75")) <= D("0.1")
    assert abs(g.acuan.x1 - (BATANG_KIRI + lebar_plot * 100 / 120)) <= D("0.1")
    assert s1.x + s1.lebar > g.acuan.x1 > s2.x + s2.lebar
    assert s3.lebar == 0 and s3.teks_x > s3.x
    assert g.acuan.x1 == g.acuan.x2 and g.acuan.y1 < s1.y and g.acuan.y2 > s3.y + s3.tinggi


def test_bars_stay_inside_the_viewbox_and_do_not_overlap():
    g = grafik_batang([Isian(f"S{n}", D(n * 37)) for n in range(1, 9)])
    for a, b in zip(g.batang, g.batang[1:], strict=False):
        assert a.y + a.tinggi < b.y
    for b in g.batang:
        assert b.x >= 0 and b.x + b.lebar <= g.lebar and b.y + b.tinggi <= g.tinggi
        assert b.teks_x < g.lebar
    assert g.viewbox == f"0 0 {g.lebar} {g.tinggi}"


def test_negative_values_draw_as_zero():
    (b,) = grafik_batang([Isian("S1", D("-3"))]).batang
    assert b.lebar == 0 and b.teks == "-3,00"


def test_coordinates_print_with_a_decimal_point():
    g = grafik_kolom([Isian("TW I", D("19.83"))], garis=[D("24.79")])
    assert "," not in g.viewbox and "," not in str(g.batang[0].y)
    assert g.garis_titik.count(",") == 1  # "x,y": the comma only separates the pair


def test_columns_rise_from_the_base_in_proportion():
    g = grafik_kolom(
        [Isian("TW I", D("19.83")), Isian("TW II", D("43.67")), Isian("TW III", None), Isian("TW IV", None)],
        garis=[D("24.79"), D("49.58"), D("74.37"), D("99.16")],
    )
    dasar = KOLOM_ATAS + KOLOM_PLOT
    tw1, tw2, tw3, tw4 = g.batang
    assert [b.teks for b in g.batang] == ["19,83", "43,67", "—", "—"]
    assert all(b.y + b.tinggi == dasar for b in g.batang)
    assert abs(tw2.tinggi - KOLOM_PLOT * D("0.4367")) <= D("0.1")  # the axis runs to 100
    assert tw3.tinggi == 0 and tw4.tinggi == 0
    assert tw1.x < tw2.x < tw3.x < tw4.x
    assert [t.teks for t in g.titik] == ["24,79", "49,58", "74,37", "99,16"]
    assert [t.x for t in g.titik] == [b.teks_x for b in g.batang]  # each point above its column's centre
    assert g.titik[0].y > g.titik[3].y  # higher targets are drawn higher
    assert g.sumbu.y1 == g.sumbu.y2 == dasar


def test_a_line_point_may_be_missing():
    g = grafik_kolom([Isian("TW I", D(10)), Isian("TW II", D(20))], garis=[None, D(30)])
    assert [t.label for t in g.titik] == ["TW II"]


def test_the_axis_grows_with_the_line_series():
    g = grafik_kolom([Isian("TW I", D(10))], garis=[D(130)])
    assert g.kisi[-1].teks == "150"


@pytest.mark.parametrize("fungsi", [grafik_batang, grafik_kolom])
def test_an_empty_chart_is_refused(fungsi):
    with pytest.raises(ValueError):
        fungsi([])


def test_one_point_per_column():
    with pytest.raises(ValueError):
        grafik_kolom([Isian("TW I", D(10))], garis=[D(1), D(2)])
