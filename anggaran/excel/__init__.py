"""Spreadsheets (ENGINEERING.md §6). This package is the only place that imports openpyxl: the list downloads
here, the formatted DPA workbooks in :mod:`anggaran.excel.buku`, the import templates and their reading in
:mod:`anggaran.excel.templat`.

An exporter is a class with an ``identifier``, a ``title``, its columns (header, number format, width) and
``iter_rows()`` yielding native values: ``Decimal``, ``int``, ``datetime``, ``str`` or ``None``. The same rows are
written as XLSX (:func:`tulis_xlsx`: real numbers with a number format, a frozen header row with an autofilter, set
column widths; ``write_only`` mode, so memory stays flat) or as CSV (:func:`tulis_csv`: UTF-8 with a BOM, comma
separated, plain machine numbers such as ``1500000.25``). Every text cell goes through :func:`teks_sel` against
formula injection. Values are computed in Python, never written as formulas.

The list exporters take the page's django-tables2 table, already filtered by the page's FilterSet and sorted, and
download every row of it (not only the current page) with the same columns, shown or hidden.

An exporter may put a title block on top of its sheet (:meth:`Eksporter.blok_judul`: a bold title, then lines such
as the pemda, the year and the time of export, each merged across the table's width), as the flat province matrix
of :mod:`anggaran.dpa_datar` does. Every XLSX sheet prints landscape on A4, fitted to the page width, with the
header row repeated on every page.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any, ClassVar

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMAT_RUPIAH = '"Rp" #,##0'
FORMAT_NILAI = "#,##0.00"
FORMAT_PERSEN = "0.00"
FORMAT_TANGGAL = "dd/mm/yyyy"
FORMAT_WAKTU = "dd/mm/yyyy hh:mm"

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JENIS_CSV = "text/csv; charset=utf-8"

#: Text starting with one of these is a formula (or a DDE payload) to a spreadsheet program.
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")
_LEBAR_BAKU = 16


def format_desimal(desimal: int) -> str:
    """The number format of a value with ``desimal`` decimals: 0 → ``#,##0``, 2 → ``#,##0.00``."""
    desimal = min(max(desimal, 0), 10)
    return "#,##0" + ("." + "0" * desimal if desimal else "")


def teks_sel(teks: str) -> str:
    """Text for a cell, never a formula: ``"=1+2"`` → ``"'=1+2"``; other text unchanged."""
    return f"'{teks}" if teks.startswith(_AWAL_RUMUS) else teks


@dataclass(frozen=True)
class Kolom:
    judul: str
    format: str | None = None  # number format for numbers and dates, in US notation
    lebar: float = _LEBAR_BAKU


@dataclass(frozen=True)
class BlokJudul:
    """Lines on top of a sheet, above the header: the title (bold), then e.g. the pemda, the year, the export time."""

    judul: str
    baris: tuple[str, ...] = ()


class Eksporter:
    """One download: what it is called and its rows as native values."""

    identifier: ClassVar[str]
    title: ClassVar[Any]  # a lazily translated string

    def kolom(self) -> list[Kolom]:
        raise NotImplementedError

    def iter_rows(self) -> Iterator[Sequence[Any]]:
        raise NotImplementedError

    def blok_judul(self) -> BlokJudul | None:
        """The title block on top of the XLSX sheet; None: the header is the first row (the list downloads)."""
        return None

    def nama_berkas(self, ekstensi: str) -> str:
        return f"{self.identifier}.{ekstensi}"


class EksporTabel(Eksporter):
    """Every row of a django-tables2 table, with every column (shown or hidden) the table does not exclude from
    export. Values come from the table's ``value_*`` methods, so numbers stay numbers."""

    format_kolom: ClassVar[dict[str, str]] = {}
    lebar_kolom: ClassVar[dict[str, float]] = {}

    def __init__(self, tabel) -> None:
        self.tabel = tabel
        self._kolom_tabel = [k for k in tabel.columns.iterall() if not k.column.exclude_from_export]

    def kolom(self) -> list[Kolom]:
        return [
            Kolom(
                force_str(k.header),
                self.format_kolom.get(k.name),
                self.lebar_kolom.get(k.name, _LEBAR_BAKU),
            )
            for k in self._kolom_tabel
        ]

    def iter_rows(self) -> Iterator[list[Any]]:
        nama = [k.name for k in self._kolom_tabel]
        for baris in self.tabel.rows:
            yield [_asli(baris.get_cell_value(n)) for n in nama]


def _asli(nilai: Any) -> Any:
    """Lazy translations and other str-likes become plain str; numbers, dates and None stay as they are."""
    if nilai is None or isinstance(nilai, bool | int | Decimal | float | date | str):
        return nilai
    return force_str(nilai)


class RealisasiKinerjaEkspor(EksporTabel):
    identifier = "realisasi-kinerja"
    title = _("Realisasi Kinerja")
    format_kolom = {"realisasi": FORMAT_NILAI, "updated_at": FORMAT_WAKTU}
    lebar_kolom = {"pd": 28, "unit": 28, "indikator": 60, "satuan": 12, "tahun": 8, "triwulan": 10, "updated_at": 18}


class RealisasiAnggaranEkspor(EksporTabel):
    identifier = "realisasi-anggaran"
    title = _("Realisasi Anggaran")
    format_kolom = {"jumlah": FORMAT_RUPIAH, "updated_at": FORMAT_WAKTU}
    lebar_kolom = {
        "pd": 28,
        "unit": 28,
        "sub_kegiatan": 60,
        "rekening": 14,
        "uraian_rekening": 36,
        "tahun": 8,
        "triwulan": 10,
        "jumlah": 20,
        "updated_at": 18,
    }


# --- writers -----------------------------------------------------------------------------------------------------


def _judul_lembar(judul: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    bersih = "".join(" " if c in "[]:*?/\\" else c for c in judul).strip()
    return bersih[:31] or "Data"


def _atur_cetak(ws: Any, baris_kepala: int) -> None:
    """Landscape A4, fitted to the page width (as many pages down as needed), the header row on every page."""
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # a sheet property: written before the first row
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{baris_kepala}:{baris_kepala}"
    ws.oddFooter.center.text = force_str(_("Halaman &P dari &N"))
    ws.oddFooter.center.size = 8


def tulis_xlsx(eksporter: Eksporter, berkas: IO[bytes]) -> int:
    """Write the exporter's rows as one sheet to ``berkas``; return the number of data rows.

    Write-only mode streams the rows to the file, so memory stays flat however many rows the exporter yields. A
    formatted cell is one :class:`WriteOnlyCell` per column, styled once and given each row's value in turn:
    openpyxl writes a row's cells before it takes the next row, so the style is never recomputed per cell.
    """
    kolom = eksporter.kolom()
    blok = eksporter.blok_judul()
    huruf_akhir = get_column_letter(max(len(kolom), 1))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_judul_lembar(force_str(eksporter.title)))
    atas: list[tuple[str, Font | None]] = []
    if blok is not None:
        atas = [(force_str(blok.judul), Font(bold=True, size=13))] + [(force_str(b), None) for b in blok.baris]
    baris_kepala = len(atas) + 2 if atas else 1  # a blank row between the title block and the header
    # in write-only mode widths, panes and sheet properties must be set before the first row
    for i, k in enumerate(kolom, 1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    ws.freeze_panes = f"A{baris_kepala + 1}"
    _atur_cetak(ws, baris_kepala)

    for n, (teks, huruf) in enumerate(atas, 1):
        c = WriteOnlyCell(ws, value=teks_sel(teks))
        if huruf is not None:
            c.font = huruf
        ws.append([c])
        if len(kolom) > 1:
            ws.merged_cells.add(f"A{n}:{huruf_akhir}{n}")
    if atas:
        ws.append([])

    tebal = Font(bold=True)
    judul = []
    for k in kolom:
        c = WriteOnlyCell(ws, value=teks_sel(k.judul))
        c.font = tebal
        judul.append(c)
    ws.append(judul)

    # one styled cell per formatted column, reused row after row
    sel_format: list[WriteOnlyCell | None] = []
    for k in kolom:
        c = None
        if k.format:
            c = WriteOnlyCell(ws)
            c.number_format = k.format
        sel_format.append(c)

    jumlah = 0
    for baris in eksporter.iter_rows():
        isi: list[Any] = []
        for v, c in zip(baris, sel_format, strict=True):
            if v is None:
                isi.append(None)
            elif type(v) is str:
                isi.append(teks_sel(v))
            elif c is not None and isinstance(v, int | Decimal | float | date) and not isinstance(v, bool):
                c.value = v
                isi.append(c)
            else:
                v = _asli(v)
                isi.append(teks_sel(v) if isinstance(v, str) else v)
        ws.append(isi)
        jumlah += 1
    if kolom:
        ws.auto_filter.ref = f"A{baris_kepala}:{huruf_akhir}{baris_kepala + jumlah}"
    wb.save(berkas)
    return jumlah


def teks_csv(nilai: Any) -> str:
    """A value as CSV text: numbers as plain machine numbers (``1500000.25``), times as ``2024-04-01 10:00``."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "1" if nilai else "0"
    if isinstance(nilai, Decimal):
        return format(nilai.normalize(), "f") if nilai.is_finite() else ""
    if isinstance(nilai, int | float):
        return str(nilai)
    if isinstance(nilai, datetime):
        return nilai.isoformat(sep=" ", timespec="minutes")
    if isinstance(nilai, date):
        return nilai.isoformat()
    return teks_sel(force_str(nilai))


def baris_csv(eksporter: Eksporter) -> Iterable[list[str]]:
    yield [teks_sel(k.judul) for k in eksporter.kolom()]
    for baris in eksporter.iter_rows():
        yield [teks_csv(v) for v in baris]


def tulis_csv(eksporter: Eksporter, berkas: IO[str]) -> int:
    """Write the header and rows to a text file opened with ``newline=""``: a BOM first, so Excel reads UTF-8."""
    berkas.write("\ufeff")
    penulis = csv.writer(berkas, lineterminator="\r\n")
    jumlah = -1
    for baris in baris_csv(eksporter):
        penulis.writerow(baris)
        jumlah += 1
    return jumlah
