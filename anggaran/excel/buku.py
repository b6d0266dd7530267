"""Formatted workbooks: the DPA tables as a planner prints them (ENGINEERING.md §6, normal mode).

A :class:`Buku` is plain data (sheets of columns and rows of native values) built elsewhere from the report
builders; :func:`tulis_buku` lays it out. Every sheet gets the same frame:

* a title block on top: the workbook title (bold, merged across the table's width), the PD, the pemda,
  "Tahun Anggaran 2024" and the time of export, then a blank row and the table title;
* the header: one row, or two when there are grouped headers (a group merged over its columns, a column under no
  group merged over both rows), bold, centred, wrapped, on a fill, with thin borders;
* the data: numbers stored as numbers with the column's (or the row's) number format, text through
  :func:`anggaran.excel.teks_sel`, the description column indented by level and wrapped; group rows bold,
  JUMLAH rows bold, the grand total bold with a top border;
* notes under the table;
* panes frozen under the header, an autofilter from the last header row down to the last data row, and a
  landscape A4 print set-up that fits the width on one page (as many pages down as needed) and repeats the header
  rows on every page, with the page number in the footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from anggaran.excel import FORMAT_TANGGAL, _judul_lembar, teks_sel

GAYA_BIASA, GAYA_GRUP, GAYA_JUMLAH, GAYA_TOTAL = "", "grup", "jumlah", "total"
_GAYA = (GAYA_BIASA, GAYA_GRUP, GAYA_JUMLAH, GAYA_TOTAL)
_TINGKAT_MAKS = 4


@dataclass(frozen=True)
class KolomBuku:
    judul: str  # header text of the column (lowest header row)
    format: str | None = None  # FORMAT_RUPIAH, FORMAT_PERSEN, FORMAT_NILAI (from anggaran.excel) or None (text)
    lebar: float = 16
    uraian: bool = False  # the description column: indented by BarisBuku.tingkat, wraps text


@dataclass(frozen=True)
class KepalaGrup:
    """A header cell above several columns ("TW I" over "K" and "Rp")."""

    judul: str
    awal: int  # 0-based first column index
    akhir: int  # inclusive


@dataclass(frozen=True)
class BarisBuku:
    nilai: tuple  # one native value per column: Decimal / int / str / None
    gaya: str = GAYA_BIASA  # "" | "grup" | "jumlah" | "total"
    tingkat: int = 0  # indentation of the uraian column (0..4)
    format: tuple[str | None, ...] | None = None  # per-cell number format; None = the column's


@dataclass(frozen=True)
class Lembar:
    nama: str  # sheet name (cleaned to Excel's 31 characters)
    judul: str  # table title above the header
    kolom: tuple[KolomBuku, ...]
    baris: tuple[BarisBuku, ...]
    kepala_grup: tuple[KepalaGrup, ...] = ()
    catatan: tuple[str, ...] = ()
    filter: bool = True


@dataclass(frozen=True)
class Buku:
    identifier: str  # file name stem: "dpa-rekening"
    judul: str  # first line on top of every sheet
    pd: str
    pemda: str
    tahun: int
    dibuat: datetime  # time of export (aware; written in local time)
    lembar: tuple[Lembar, ...]


# --- styles (shared objects: openpyxl keeps one copy of each in the file) -----------------------------------------

_TIPIS = Side(style="thin", color="808080")
_TEBAL = Side(style="medium", color="000000")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_BINGKAI_TOTAL = Border(left=_TIPIS, right=_TIPIS, top=_TEBAL, bottom=_TIPIS)
_ISI_KEPALA = PatternFill("solid", fgColor="D9E1F2")
_ISI_GRUP = PatternFill("solid", fgColor="F2F2F2")
_HURUF_JUDUL = Font(bold=True, size=13)
_HURUF_TABEL = Font(bold=True, size=11)
_HURUF_TEBAL = Font(bold=True)
_HURUF_KECIL = Font(italic=True, size=9, color="595959")
_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
_KIRI = Alignment(horizontal="left", vertical="center")
_ATAS = Alignment(vertical="top")
_ATAS_BUNGKUS = Alignment(vertical="top", wrap_text=True)
# an indent shows only on left-aligned cells (LibreOffice ignores it on "general")
_URAIAN = tuple(
    Alignment(horizontal="left", vertical="top", wrap_text=True, indent=i) for i in range(_TINGKAT_MAKS + 1)
)
_TINGGI_BARIS = 15  # points per line of 11-point text


def nama_berkas_buku(buku: Buku) -> str:
    """The download's file name: ``dpa-rekening-sekretariat-daerah-kabupaten-paser-2024.xlsx``.

    It names the pemda unless the PD's name already does, since every pemda has a Sekretariat Daerah: the workbooks
    of two pemdas' PDs of the same name, written to one folder, must not overwrite each other."""
    slug = slugify(buku.pd)[:60].strip("-") or "pd"
    pemda = slugify(buku.pemda)[:40].strip("-")
    if pemda and pemda not in slug:
        slug = f"{slug}-{pemda}"
    return f"{buku.identifier}-{slug}-{buku.tahun}.xlsx"


def tulis_buku(buku: Buku, berkas: IO[bytes]) -> None:
    """Write the workbook to ``berkas`` (a binary file or a path)."""
    wb = Workbook()
    wb.remove(wb.active)
    dipakai: set[str] = set()
    for lembar in buku.lembar:
        ws = wb.create_sheet(_nama_unik(force_str(lembar.nama), dipakai))
        _tulis_lembar(ws, buku, lembar)
    if not buku.lembar:  # a workbook needs one sheet
        wb.create_sheet(_judul_lembar(force_str(buku.judul)))
    wb.properties.title = force_str(buku.judul)
    wb.properties.creator = "SAKIP"
    wb.save(berkas)


def _nama_unik(nama: str, dipakai: set[str]) -> str:
    dasar = _judul_lembar(nama)
    hasil, n = dasar, 2
    while hasil.lower() in dipakai:
        akhiran = f" ({n})"
        hasil = dasar[: 31 - len(akhiran)] + akhiran
        n += 1
    dipakai.add(hasil.lower())
    return hasil


def _teks(nilai) -> str:
    return teks_sel(force_str(nilai))


def _tulis_lembar(ws: Worksheet, buku: Buku, lembar: Lembar) -> None:
    kolom = lembar.kolom
    n_kolom = max(len(kolom), 1)
    huruf_akhir = get_column_letter(n_kolom)

    for i, k in enumerate(kolom, 1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    lebar_tabel = sum(k.lebar for k in kolom) or 16

    # title block
    dibuat = timezone.localtime(buku.dibuat) if timezone.is_aware(buku.dibuat) else buku.dibuat
    atas = [
        (force_str(buku.judul), _HURUF_JUDUL),
        (force_str(buku.pd), _HURUF_TEBAL),
        (force_str(buku.pemda), None),
        (_("Tahun Anggaran %(tahun)s") % {"tahun": buku.tahun}, None),
        (_("Diekspor %(waktu)s") % {"waktu": date_format(dibuat, "j F Y H:i")}, _HURUF_KECIL),
    ]
    baris = 1
    for teks, huruf in atas:
        _baris_judul(ws, baris, teks, huruf, huruf_akhir)
        baris += 1
    baris += 1  # blank row
    _baris_judul(ws, baris, force_str(lembar.judul), _HURUF_TABEL, huruf_akhir)
    ws.row_dimensions[baris].height = 20
    baris += 1

    # header
    kepala_awal = baris
    kepala_akhir = _tulis_kepala(ws, kolom, lembar.kepala_grup, kepala_awal)
    data_awal = kepala_akhir + 1

    # data
    baris = data_awal
    lebar_angka = [0.0] * len(kolom)
    for b in lembar.baris:
        _tulis_baris(ws, baris, kolom, b, lebar_angka)
        baris += 1
    data_akhir = baris - 1
    for i, (k, perlu) in enumerate(zip(kolom, lebar_angka, strict=True), 1):
        if perlu > k.lebar:  # a number wider than its column would show as ####
            ws.column_dimensions[get_column_letter(i)].width = perlu

    # notes
    if lembar.catatan:
        baris += 1
        for teks in lembar.catatan:
            _baris_judul(ws, baris, force_str(teks), _HURUF_KECIL, huruf_akhir, bungkus=True, lebar=lebar_tabel)
            baris += 1

    ws.freeze_panes = f"A{data_awal}"
    if lembar.filter and kolom:
        ws.auto_filter.ref = f"A{kepala_akhir}:{huruf_akhir}{max(data_akhir, kepala_akhir)}"
    ws.print_title_rows = f"{kepala_awal}:{kepala_akhir}"
    _atur_cetak(ws)


def _baris_judul(
    ws: Worksheet, baris: int, teks: str, huruf: Font | None, huruf_akhir: str, *, bungkus=False, lebar: float = 0
) -> None:
    sel = ws.cell(row=baris, column=1, value=_teks(teks))
    if huruf is not None:
        sel.font = huruf
    sel.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True) if bungkus else _KIRI
    if huruf_akhir != "A":
        ws.merge_cells(f"A{baris}:{huruf_akhir}{baris}")
    if bungkus:  # a merged cell does not grow with its text: give long notes room
        ws.row_dimensions[baris].height = _TINGGI_BARIS * _jumlah_baris(teks, lebar, 0)


def _tulis_kepala(ws: Worksheet, kolom: tuple[KolomBuku, ...], grup: tuple[KepalaGrup, ...], awal: int) -> int:
    """Write the header rows from row ``awal``; return the last header row."""
    for g in grup:
        if not (0 <= g.awal <= g.akhir < len(kolom)):
            raise ValueError(f"kepala grup {g.judul!r} di luar kolom: {g.awal}..{g.akhir}")
    akhir = awal + 1 if grup else awal
    dalam_grup = {i for g in grup for i in range(g.awal, g.akhir + 1)}
    for i, k in enumerate(kolom, 1):
        atas = awal + 1 if (i - 1) in dalam_grup else awal
        _sel_kepala(ws, atas, i, k.judul)
        if atas != akhir:  # a column under no group: one cell over both rows
            _sel_kepala(ws, akhir, i, "")
            ws.merge_cells(start_row=atas, start_column=i, end_row=akhir, end_column=i)
    for g in grup:
        for i in range(g.awal + 1, g.akhir + 2):
            _sel_kepala(ws, awal, i, g.judul if i == g.awal + 1 else "")
        if g.akhir > g.awal:
            ws.merge_cells(start_row=awal, start_column=g.awal + 1, end_row=awal, end_column=g.akhir + 1)
    # wrapped header text: room for its lines (at least two, so "Realisasi (%)" fits)
    tinggi = dict.fromkeys(range(awal, akhir + 1), 2)
    for i, k in enumerate(kolom):
        baris_kolom = awal + 1 if i in dalam_grup else awal
        n = _jumlah_baris(k.judul, k.lebar, 0, tebal=True)
        if baris_kolom == awal and akhir != awal:  # spans both rows
            n -= 2
        tinggi[baris_kolom] = max(tinggi[baris_kolom], n)
    for g in grup:
        lebar = sum(k.lebar for k in kolom[g.awal : g.akhir + 1])
        tinggi[awal] = max(tinggi[awal], _jumlah_baris(g.judul, lebar, 0, tebal=True))
    for r, n in tinggi.items():
        ws.row_dimensions[r].height = _TINGGI_BARIS * n
    return akhir


def _sel_kepala(ws: Worksheet, baris: int, kolom: int, teks: str) -> None:
    sel = ws.cell(row=baris, column=kolom, value=_teks(teks) if teks else None)
    sel.font, sel.alignment, sel.fill, sel.border = _HURUF_TEBAL, _TENGAH, _ISI_KEPALA, _BINGKAI


def _tulis_baris(
    ws: Worksheet, baris: int, kolom: tuple[KolomBuku, ...], b: BarisBuku, lebar_angka: list[float]
) -> None:
    if len(b.nilai) != len(kolom):
        raise ValueError(f"baris dengan {len(b.nilai)} nilai untuk {len(kolom)} kolom: {b.nilai!r}")
    if b.format is not None and len(b.format) != len(kolom):
        raise ValueError(f"format dengan {len(b.format)} isian untuk {len(kolom)} kolom")
    if b.gaya not in _GAYA:
        raise ValueError(f"gaya baris tidak dikenal: {b.gaya!r}")
    tebal = b.gaya != GAYA_BIASA
    bingkai = _BINGKAI_TOTAL if b.gaya == GAYA_TOTAL else _BINGKAI
    tingkat = min(max(b.tingkat, 0), _TINGKAT_MAKS)
    garis = 1
    for i, (k, v) in enumerate(zip(kolom, b.nilai, strict=True)):
        sel = ws.cell(row=baris, column=i + 1)
        fmt = b.format[i] if b.format is not None and b.format[i] is not None else k.format
        if v is None:
            pass
        elif isinstance(v, bool):
            raise TypeError(f"nilai boolean tidak didukung: {v!r}")
        elif isinstance(v, Decimal | int | float):
            sel.value = v
            if fmt:
                sel.number_format = fmt
            lebar_angka[i] = max(lebar_angka[i], _lebar_angka(v, fmt, tebal=tebal))
        elif isinstance(v, date):
            if isinstance(v, datetime) and timezone.is_aware(v):  # Excel has no time zones
                v = timezone.make_naive(v)
            sel.value = v
            sel.number_format = fmt or FORMAT_TANGGAL
        else:
            sel.value = _teks(v)
        if k.uraian:
            sel.alignment = _URAIAN[tingkat]
        elif isinstance(v, str):
            sel.alignment = _ATAS_BUNGKUS
        else:
            sel.alignment = _ATAS
        if isinstance(v, str):
            garis = max(garis, _jumlah_baris(v, k.lebar, tingkat if k.uraian else 0, tebal=tebal))
        sel.border = bingkai
        if tebal:
            sel.font = _HURUF_TEBAL
        if b.gaya == GAYA_GRUP:
            sel.fill = _ISI_GRUP
    if garis > 1:  # spreadsheet programs do not grow a row for wrapped text on opening: give it the room
        ws.row_dimensions[baris].height = _TINGGI_BARIS * garis


def _lebar_angka(v: Decimal | int | float, fmt: str | None, *, tebal: bool) -> float:
    """The width a number needs in its format (``"Rp" #,##0`` of 256384931909 → "Rp 256,384,931,909")."""
    fmt = fmt or "General"
    digit = len(str(abs(int(v))))
    n = digit + (1 if v < 0 else 0)
    if "#,##" in fmt:
        n += (digit - 1) // 3
    if "." in fmt:
        n += 1 + len(fmt.split(".", 1)[1].split(";", 1)[0].rstrip('"% '))
    elif fmt == "General" and not float(v).is_integer():
        n += 3
    if '"Rp"' in fmt:
        n += 3
    if "%" in fmt:
        n += 1
    return n * (1.1 if tebal else 1.0) + 2


def _jumlah_baris(teks: str, lebar: float, indent: int, *, tebal: bool = False) -> int:
    """How many lines ``teks`` wraps to in a column ``lebar`` wide (a word-wrap estimate in units of the "0" Excel
    measures widths in: capitals are wider, other characters narrower; bold a little wider). It errs on the tall
    side: a row with room to spare reads better than one whose text is cut."""
    muat = max(4.0, lebar - 1 - 1.5 * indent)
    skala = 1.08 if tebal else 1.0

    def ukur(kata: str) -> float:
        return skala * sum(1.2 if c.isupper() else 0.9 for c in kata)

    spasi = 0.9 * skala
    n = 0
    for paragraf in teks.split("\n"):
        baris, panjang = 1, 0.0
        for kata in paragraf.split():
            w = ukur(kata)
            if panjang and panjang + spasi + w > muat:
                baris, panjang = baris + 1, 0.0
            if w > muat:  # a word longer than the line is broken across lines
                potong = int(-(-w // muat))
                baris += potong - 1
                panjang = w - (potong - 1) * muat
            else:
                panjang += w + (spasi if panjang else 0)
        n += baris
    return max(n, 1)


def _atur_cetak(ws: Worksheet) -> None:
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = _("Halaman &P dari &N")
    ws.oddFooter.center.size = 8
