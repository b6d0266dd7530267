"""The multi-year chart of BAB III (kinerja.grafik.grafik_tahunan): realisation columns, target line, labels."""

from decimal import Decimal as D

import pytest

from kinerja.grafik import TAHUNAN_ATAS, TAHUNAN_PLOT, Isian, grafik_tahunan

DASAR = TAHUNAN_ATAS + TAHUNAN_PLOT


def _tahun(*nilai):
    return [Isian(str(2022 + n), None if v is None else D(v)) for n, v in enumerate(nilai)]


def test_columns_for_realisations_and_a_point_for_each_target():
    g = grafik_tahunan(_tahun(None, "67.35", "68.95", None, None), [D(70), D(70), D(71), D(71), D(81)])
    assert [b.label for b in g.kolom] == ["2022", "2023", "2024", "2025", "2026"]
    assert [b.teks for b in g.kolom] == ["—", "67,35", "68,95", "—", "—"]
    assert [t.teks for t in g.target_teks] == ["70,00", "70,00", "71,00", "71,00", "81,00"]
    assert [t.label for t in g.target] == ["2022", "2023", "2024", "2025", "2026"]
    assert len(g.garis_target) == 1 and g.garis_target[0].count(" ") == 4
    k22, k23, k24, *_ = g.kolom
    assert k22.tinggi == 0 and k23.tinggi > 0 and k24.tinggi > k23.tinggi
    assert all(b.y + b.tinggi == DASAR for b in g.kolom)
    assert [t.x for t in g.target] == [b.teks_x for b in g.kolom]  # each point above its column's centre


def test_the_axis_is_not_held_at_100():
    g = grafik_tahunan(_tahun("2.77", None), [D("2.75"), D("3")])
    assert [k.teks for k in g.kisi] == ["0", "1", "2", "3"]
    (atas,) = [k for k in g.kisi if k.teks == "3"]
    assert abs(g.target[1].y - atas.y1) <= D("0.1")  # the target 3 sits on the top grid line


def test_axis_labels_keep_a_fractional_step():
    g = grafik_tahunan(_tahun("13"), [None])
    assert [k.teks for k in g.kisi] == ["0,0", "2,5", "5,0", "7,5", "10,0", "12,5", "15,0"]


def test_a_missing_target_breaks_the_line():
    g = grafik_tahunan(_tahun("10", "11", "12", "13"), [D(10), None, D(12), D(14)])
    assert len(g.garis_target) == 2
    assert [t.teks for t in g.target_teks] == ["10,00", "—", "12,00", "14,00"]
    assert g.garis_target[0].count(",") == 1  # a lone point is still written, "x,y"


def test_everything_stays_inside_the_viewbox_with_a_decimal_point():
    g = grafik_tahunan(_tahun("2367", "580", None, "12", "1"), [D(1705), D(245), D(12), None, D(2)])
    assert "," not in g.viewbox
    for b in g.kolom:
        assert b.x >= 0 and b.x + b.lebar <= g.lebar and b.y >= 0 and b.teks_y < g.tinggi
    for a, b in zip(g.kolom, g.kolom[1:], strict=False):
        assert a.x + a.lebar < b.x
    assert g.legenda_target.y + 12 <= g.tinggi and g.legenda_realisasi.teks_x < g.legenda_target.x
    assert g.baris_target.y > g.baris_realisasi.y > g.kolom[0].label_y


def test_inputs_must_match():
    with pytest.raises(ValueError):
        grafik_tahunan([], [])
    with pytest.raises(ValueError):
        grafik_tahunan(_tahun("1"), [D(1), D(2)])
