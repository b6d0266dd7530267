"""Geometry of the dashboard charts, as plain data: the template only places what these functions return.

Pure Python on Decimal (no models, no requests). Coordinates are SVG user units in a fixed ``viewBox`` and are
rounded to one decimal; the SVG scales to the page width through CSS. Templates print them inside
``{% localize off %}`` so they keep a decimal point, while every value label is already written the Indonesian
way by :mod:`sakip.angka`. Charts carry no inline style (CSP): colours are ``fill`` attributes or CSS classes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from sakip.angka import format_angka

NOL = Decimal(0)
SERATUS = Decimal(100)
_SATU_DESIMAL = Decimal("0.1")

#: The value axis has at most this many intervals, of a step 1, 2, 2,5 or 5 times a power of ten.
MAKS_GARIS = 6
_KELIPATAN = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def _k(x: Decimal) -> Decimal:
    """A coordinate, rounded to one decimal."""
    return Decimal(x).quantize(_SATU_DESIMAL, rounding=ROUND_HALF_UP)


def batas_skala(maks: Decimal, *, minimum: Decimal = SERATUS) -> tuple[Decimal, Decimal]:
    """The top of a value axis starting at 0 and its step: a round number at or above ``maks`` (and ``minimum``).

    ``batas_skala(Decimal("102.89"))`` → (120, 20); ``batas_skala(Decimal("100"))`` → (100, 20).
    """
    maks = max(maks, minimum, Decimal(1))
    pangkat = Decimal(1)
    while True:
        for k in _KELIPATAN:
            langkah = k * pangkat
            n = (maks / langkah).to_integral_value(rounding=ROUND_CEILING)
            if n <= MAKS_GARIS:
                return n * langkah, langkah
        pangkat *= 10


@dataclass(frozen=True)
class Garis:
    """A line (axis, grid or reference) with an optional label at (teks_x, teks_y)."""

    x1: Decimal
    y1: Decimal
    x2: Decimal
    y2: Decimal
    teks: str = ""
    teks_x: Decimal = NOL
    teks_y: Decimal = NOL


@dataclass(frozen=True)
class Batang:
    """One bar (or column) with its category label and its value label, both positioned."""

    label: str  # the category ("S1", "TW I")
    judul: str  # the full name, for the tooltip
    nilai: Decimal | None
    teks: str  # the value as printed ("102,17", "—")
    warna: str  # "#rrggbb" from the scale band, or "" for the default colour
    x: Decimal
    y: Decimal
    lebar: Decimal
    tinggi: Decimal
    teks_x: Decimal
    teks_y: Decimal
    label_x: Decimal
    label_y: Decimal


@dataclass(frozen=True)
class Titik:
    """A point of a line series (the target keuangan), with its value label."""

    label: str
    nilai: Decimal
    teks: str
    x: Decimal
    y: Decimal


@dataclass(frozen=True)
class Grafik:
    lebar: Decimal  # the viewBox
    tinggi: Decimal
    batang: tuple[Batang, ...]
    kisi: tuple[Garis, ...]  # grid lines with the axis labels
    sumbu: Garis  # the value axis' zero line
    acuan: Garis | None = None  # the 100 % reference line
    titik: tuple[Titik, ...] = ()  # a line series over the columns

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.lebar} {self.tinggi}"

    @property
    def garis_titik(self) -> str:
        """The ``points`` attribute of the line series (dot decimals, whatever the locale)."""
        return " ".join(f"{t.x},{t.y}" for t in self.titik)


@dataclass(frozen=True)
class Isian:
    """One category of a chart: its label, full name, value and colour."""

    label: str
    nilai: Decimal | None
    judul: str = ""
    warna: str = ""


# --- horizontal bars: capaian per sasaran ------------------------------------------------------------------

BATANG_LEBAR = Decimal(480)
BATANG_KIRI = Decimal(72)  # room for the category labels
BATANG_KANAN = Decimal(56)  # room for the value label after the longest bar
BATANG_ATAS = Decimal(8)
BATANG_TEBAL = Decimal(24)
BATANG_JARAK = Decimal(12)
BATANG_BAWAH = Decimal(26)  # the axis labels


def grafik_batang(isian: Sequence[Isian], *, acuan: Decimal | None = SERATUS, desimal: int = 2) -> Grafik:
    """Horizontal bars from 0, one per item in the given order, with a reference line at ``acuan``.

    An item without a value gets an empty bar (width 0) and the label "—". Negative values are drawn as 0.
    """
    if not isian:
        raise ValueError("grafik tanpa isian")
    nilai = [i.nilai for i in isian if i.nilai is not None]
    atas, langkah = batas_skala(max([*nilai, acuan or NOL], default=NOL))
    lebar_plot = BATANG_LEBAR - BATANG_KIRI - BATANG_KANAN

    def x(v: Decimal) -> Decimal:
        return BATANG_KIRI + max(v, NOL) / atas * lebar_plot

    batang = []
    for n, i in enumerate(isian):
        y = BATANG_ATAS + n * (BATANG_TEBAL + BATANG_JARAK)
        ujung = x(i.nilai) if i.nilai is not None else BATANG_KIRI
        tengah = y + BATANG_TEBAL / 2 + 4  # a text baseline roughly centred on the bar
        batang.append(
            Batang(
                label=i.label,
                judul=i.judul or i.label,
                nilai=i.nilai,
                teks=format_angka(i.nilai, desimal),
                warna=i.warna,
                x=_k(BATANG_KIRI),
                y=_k(y),
                lebar=_k(ujung - BATANG_KIRI),
                tinggi=_k(BATANG_TEBAL),
                teks_x=_k(ujung + 4),
                teks_y=_k(tengah),
                label_x=_k(BATANG_KIRI - 6),
                label_y=_k(tengah),
            )
        )
    bawah = BATANG_ATAS + len(isian) * (BATANG_TEBAL + BATANG_JARAK) - BATANG_JARAK + 4
    kisi = []
    v = NOL
    while v <= atas:
        kisi.append(
            Garis(_k(x(v)), _k(BATANG_ATAS - 4), _k(x(v)), _k(bawah), format_angka(v, 0), _k(x(v)), _k(bawah + 14))
        )
        v += langkah
    garis_acuan = None
    if acuan is not None:
        garis_acuan = Garis(_k(x(acuan)), _k(BATANG_ATAS - 6), _k(x(acuan)), _k(bawah + 2))
    return Grafik(
        lebar=_k(BATANG_LEBAR),
        tinggi=_k(bawah + BATANG_BAWAH),
        batang=tuple(batang),
        kisi=tuple(kisi),
        sumbu=Garis(_k(BATANG_KIRI), _k(BATANG_ATAS - 4), _k(BATANG_KIRI), _k(bawah)),
        acuan=garis_acuan,
    )


# --- columns: serapan per quarter -------------------------------------------------------------------------

KOLOM_LEBAR = Decimal(480)
KOLOM_KIRI = Decimal(44)  # room for the axis labels
KOLOM_KANAN = Decimal(12)
KOLOM_ATAS = Decimal(10)
KOLOM_PLOT = Decimal(200)
KOLOM_BAWAH = Decimal(42)  # the category and value labels, under the axis (clear of the line series)
KOLOM_ISI = Decimal("0.5")  # share of its slot a column fills


def _kolom(
    i: Isian,
    *,
    tengah: Decimal,
    lebar: Decimal,
    dasar: Decimal,
    y: Callable[[Decimal], Decimal],
    teks_y: Decimal,
    label_y: Decimal,
    desimal: int,
) -> Batang:
    """One column centred at ``tengah`` rising from ``dasar`` to its value's height ``y(nilai)`` (none without a
    value), its value label at ``teks_y`` and its category label at ``label_y``."""
    puncak = y(i.nilai) if i.nilai is not None else dasar
    return Batang(
        label=i.label,
        judul=i.judul or i.label,
        nilai=i.nilai,
        teks=format_angka(i.nilai, desimal),
        warna=i.warna,
        x=_k(tengah - lebar / 2),
        y=_k(puncak),
        lebar=_k(lebar),
        tinggi=_k(dasar - puncak),
        teks_x=_k(tengah),
        teks_y=_k(teks_y),
        label_x=_k(tengah),
        label_y=_k(label_y),
    )


def grafik_kolom(isian: Sequence[Isian], *, garis: Sequence[Decimal | None] | None = None, desimal: int = 2) -> Grafik:
    """Vertical columns from 0, one per item, with an optional line series (one point per column, or None).

    An item without a value gets no column (height 0) and the label "—". Value labels sit under the category
    labels, below the axis, so the line series never covers them.
    """
    if not isian:
        raise ValueError("grafik tanpa isian")
    if garis is not None and len(garis) != len(isian):
        raise ValueError("garis harus satu titik per kolom")
    semua = [i.nilai for i in isian if i.nilai is not None] + [g for g in garis or () if g is not None]
    atas, langkah = batas_skala(max(semua, default=NOL))
    lebar_plot = KOLOM_LEBAR - KOLOM_KIRI - KOLOM_KANAN
    slot = lebar_plot / len(isian)
    lebar_kolom = slot * KOLOM_ISI
    dasar = KOLOM_ATAS + KOLOM_PLOT

    def y(v: Decimal) -> Decimal:
        return dasar - max(v, NOL) / atas * KOLOM_PLOT

    kolom = []
    titik = []
    for n, i in enumerate(isian):
        tengah = KOLOM_KIRI + n * slot + slot / 2
        kolom.append(
            _kolom(
                i,
                tengah=tengah,
                lebar=lebar_kolom,
                dasar=dasar,
                y=y,
                teks_y=dasar + 34,
                label_y=dasar + 16,
                desimal=desimal,
            )
        )
        g = garis[n] if garis is not None else None
        if g is not None:
            titik.append(Titik(i.label, g, format_angka(g, desimal), _k(tengah), _k(y(g))))
    kisi = []
    v = NOL
    while v <= atas:
        kisi.append(
            Garis(
                _k(KOLOM_KIRI),
                _k(y(v)),
                _k(KOLOM_LEBAR - KOLOM_KANAN),
                _k(y(v)),
                format_angka(v, 0),
                _k(KOLOM_KIRI - 6),
                _k(y(v) + 4),
            )
        )
        v += langkah
    return Grafik(
        lebar=_k(KOLOM_LEBAR),
        tinggi=_k(dasar + KOLOM_BAWAH),
        batang=tuple(kolom),
        kisi=tuple(kisi),
        sumbu=Garis(_k(KOLOM_KIRI), _k(dasar), _k(KOLOM_LEBAR - KOLOM_KANAN), _k(dasar)),
        titik=tuple(titik),
    )


# --- a multi-year series: realisation columns and the target line (LKjIP BAB III) ---------------------------

TAHUNAN_LEBAR = Decimal(480)
TAHUNAN_KIRI = Decimal(60)  # room for the axis labels (large counts: "2.400")
TAHUNAN_KANAN = Decimal(12)
TAHUNAN_ATAS = Decimal(10)
TAHUNAN_PLOT = Decimal(180)
TAHUNAN_BARIS = Decimal(15)  # the rows under the axis: the year, the realisation, the target
TAHUNAN_LEGENDA = Decimal(12)  # the legend swatch


@dataclass(frozen=True)
class Teks:
    """A label at a position (``x`` is where ``text-anchor`` puts it)."""

    teks: str
    x: Decimal
    y: Decimal


@dataclass(frozen=True)
class Legenda:
    """One legend entry: a swatch whose top-left corner is (x, y), and its text."""

    teks: str
    x: Decimal
    y: Decimal
    teks_x: Decimal
    teks_y: Decimal

    @property
    def tengah_y(self) -> Decimal:
        """The middle of the swatch, for a line sample."""
        return _k(self.y + TAHUNAN_LEGENDA / 2)

    @property
    def titik_x(self) -> Decimal:
        """The middle of a line sample, for its marker."""
        return _k(self.x + TAHUNAN_LEGENDA)

    @property
    def ujung_x(self) -> Decimal:
        """The right end of a line sample as wide as two swatches."""
        return _k(self.x + 2 * TAHUNAN_LEGENDA)


@dataclass(frozen=True)
class GrafikTahunan:
    """Realisation columns per year with the target as a line, and every value printed under the axis.

    ``kolom`` are the realisations (``teks_x/teks_y`` place the value in the row under the year, ``label_x/label_y``
    the year); ``target`` the points of the target line, drawn as ``garis_target`` (one polyline per run of years
    that have a target); ``target_teks`` the target values in the last row.
    """

    lebar: Decimal
    tinggi: Decimal
    kolom: tuple[Batang, ...]
    target: tuple[Titik, ...]
    garis_target: tuple[str, ...]  # ``points`` attributes
    target_teks: tuple[Teks, ...]
    kisi: tuple[Garis, ...]
    sumbu: Garis
    baris_realisasi: Teks  # the row headings, left of the values
    baris_target: Teks
    legenda_realisasi: Legenda
    legenda_target: Legenda

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.lebar} {self.tinggi}"


def grafik_tahunan(
    isian: Sequence[Isian],
    target: Sequence[Decimal | None],
    *,
    desimal: int = 2,
    label_realisasi: str = "Realisasi",
    label_target: str = "Target",
) -> GrafikTahunan:
    """Columns for the realisation of each year (``isian``, one per year, value None where none was reported) and a
    line through the year's target (``target``, None where the year has none), on an axis from 0 that fits both.

    Unlike :func:`grafik_kolom`, the axis is not held at 100: an indicator may count documents or score an index.
    """
    if not isian:
        raise ValueError("grafik tanpa isian")
    if len(target) != len(isian):
        raise ValueError("target harus satu titik per tahun")
    semua = [i.nilai for i in isian if i.nilai is not None] + [t for t in target if t is not None]
    atas, langkah = batas_skala(max(semua, default=NOL), minimum=NOL)
    desimal_sumbu = 0 if langkah == langkah.to_integral_value() else 1
    lebar_plot = TAHUNAN_LEBAR - TAHUNAN_KIRI - TAHUNAN_KANAN
    slot = lebar_plot / len(isian)
    lebar_kolom = slot * KOLOM_ISI
    dasar = TAHUNAN_ATAS + TAHUNAN_PLOT
    y_tahun = dasar + TAHUNAN_BARIS
    y_realisasi = y_tahun + TAHUNAN_BARIS
    y_target = y_realisasi + TAHUNAN_BARIS

    def y(v: Decimal) -> Decimal:
        return dasar - max(v, NOL) / atas * TAHUNAN_PLOT

    kolom = []
    titik: list[Titik] = []
    runs: list[list[Titik]] = []
    target_teks = []
    sebelumnya_ada = False
    for n, (i, t) in enumerate(zip(isian, target, strict=True)):
        tengah = TAHUNAN_KIRI + n * slot + slot / 2
        kolom.append(
            _kolom(
                i,
                tengah=tengah,
                lebar=lebar_kolom,
                dasar=dasar,
                y=y,
                teks_y=y_realisasi,
                label_y=y_tahun,
                desimal=desimal,
            )
        )
        target_teks.append(Teks(format_angka(t, desimal), _k(tengah), _k(y_target)))
        if t is None:
            sebelumnya_ada = False
            continue
        p = Titik(i.label, t, format_angka(t, desimal), _k(tengah), _k(y(t)))
        titik.append(p)
        if sebelumnya_ada:
            runs[-1].append(p)
        else:
            runs.append([p])
        sebelumnya_ada = True
    kisi = []
    v = NOL
    while v <= atas:
        kisi.append(
            Garis(
                _k(TAHUNAN_KIRI),
                _k(y(v)),
                _k(TAHUNAN_LEBAR - TAHUNAN_KANAN),
                _k(y(v)),
                format_angka(v, desimal_sumbu),
                _k(TAHUNAN_KIRI - 6),
                _k(y(v) + 4),
            )
        )
        v += langkah
    y_legenda = y_target + TAHUNAN_BARIS - 4
    legenda_realisasi = Legenda(
        label_realisasi,
        _k(TAHUNAN_KIRI),
        _k(y_legenda),
        _k(TAHUNAN_KIRI + TAHUNAN_LEGENDA + 5),
        _k(y_legenda + TAHUNAN_LEGENDA - 2),
    )
    x_target = TAHUNAN_KIRI + 110
    legenda_target = Legenda(
        label_target,
        _k(x_target),
        _k(y_legenda),
        _k(x_target + 2 * TAHUNAN_LEGENDA + 5),
        _k(y_legenda + TAHUNAN_LEGENDA - 2),
    )
    return GrafikTahunan(
        lebar=_k(TAHUNAN_LEBAR),
        tinggi=_k(y_legenda + TAHUNAN_LEGENDA + 6),
        kolom=tuple(kolom),
        target=tuple(titik),
        garis_target=tuple(" ".join(f"{p.x},{p.y}" for p in run) for run in runs),
        target_teks=tuple(target_teks),
        kisi=tuple(kisi),
        sumbu=Garis(_k(TAHUNAN_KIRI), _k(dasar), _k(TAHUNAN_LEBAR - TAHUNAN_KANAN), _k(dasar)),
        baris_realisasi=Teks(label_realisasi, _k(TAHUNAN_KIRI - 6), _k(y_realisasi)),
        baris_target=Teks(label_target, _k(TAHUNAN_KIRI - 6), _k(y_target)),
        legenda_realisasi=legenda_realisasi,
        legenda_target=legenda_target,
    )
