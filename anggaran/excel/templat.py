"""Import templates (ENGINEERING.md §6 "Reading"): a template workbook written from plain data, and an uploaded
workbook read back as plain values. This is the only openpyxl code of the imports; what the rows mean and the rules
they must follow live in :mod:`anggaran.impor`.

Every sheet of a template has the same frame: the title in row 1, a short instruction in row 2, the Indonesian
headers in row 3 and the data from row 4. Key columns (the codes that say which row of SAKIP a line is) and
information columns are locked; input columns are unlocked and tinted; the sheet is protected without a password
(a guard against accidents, not security). Hidden columns carry what the import checks but nobody types: the
original key of the row and its data version. A hidden, protected sheet ``Metadata`` says what the file is for
(kind, PD, unit, year, quarter, format version, time generated).

Reading opens the file with ``load_workbook(read_only=True, data_only=True)`` after checking that it is a zip that
holds a workbook and no macros, finds the header row of each sheet by its header text, and returns the rows as
tuples of native values (``int``, ``float``, ``str``, ``datetime`` or ``None``), each with its row number.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from anggaran.excel import _AWAL_RUMUS, _judul_lembar, teks_sel

#: Version of the template layout, written in the metadata; a file of another version is refused.
FORMAT_TEMPLAT = 2  # 2: the metadata names the pemda (a PD code is unique within its pemda only)
LEMBAR_META = "Metadata"
BARIS_JUDUL, BARIS_PETUNJUK, BARIS_KEPALA = 1, 2, 3
BARIS_DATA = BARIS_KEPALA + 1

KUNCI, INFO, ISIAN, TERSEMBUNYI = "kunci", "info", "isian", "tersembunyi"

#: Upload limits checked on the zip before openpyxl sees it (a 10 MB upload can unpack to gigabytes).
BATAS_ISI_ZIP = 300 * 1024 * 1024
BATAS_RASIO_ZIP = 200
#: Rows searched for the header row of a sheet.
BARIS_CARI_KEPALA = 20

BUKAN_BUKU_KERJA = _("Berkas ini bukan buku kerja Excel (.xlsx) yang dapat dibaca.")
BERISI_MAKRO = _("Buku kerja bermakro (.xlsm) tidak diterima; simpan sebagai .xlsx tanpa makro.")
TERLALU_BESAR_ISI = _("Isi buku kerja ini terlalu besar untuk dibaca.")

_TEBAL = Font(bold=True)
_JUDUL = Font(bold=True, size=12)
_MIRING = Font(italic=True, color="444444")
_ISI_ISIAN = PatternFill("solid", fgColor="FFF6D5")
_ISI_KEPALA = PatternFill("solid", fgColor="DCE6F1")
_ISI_KEPALA_ISIAN = PatternFill("solid", fgColor="FFE699")
_TERBUKA = Protection(locked=False)
_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BUNGKUS = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class KolomTemplat:
    judul: str
    jenis: str = INFO  # KUNCI | INFO | ISIAN | TERSEMBUNYI
    format: str | None = None  # number format of the column's numbers (US notation)
    lebar: float = 14
    pilihan: tuple[str, ...] = ()  # an input from a list (data validation)
    minimum: Decimal | None = None  # an input number from a range (data validation)
    maksimum: Decimal | None = None
    bungkus: bool = False  # wrap long text


@dataclass(frozen=True)
class BarisTemplat:
    nilai: tuple  # one native value per column
    format: tuple[str | None, ...] | None = None  # per-cell number format; None = the column's
    terbuka: frozenset[int] = frozenset()  # key columns (0-based) left open in this row: an empty key to type


@dataclass(frozen=True)
class LembarTemplat:
    nama: str
    judul: str
    petunjuk: str
    kolom: tuple[KolomTemplat, ...]
    baris: tuple[BarisTemplat, ...]
    baris_terbuka: int = 0  # empty rows under the data whose key and input cells are open (new lines)


@dataclass(frozen=True)
class Templat:
    meta: tuple[tuple[str, str | int], ...]
    lembar: tuple[LembarTemplat, ...]


def _sel(ws, nilai: Any, *, format: str | None = None) -> WriteOnlyCell:
    if isinstance(nilai, str):
        return WriteOnlyCell(ws, value=teks_sel(nilai))
    c = WriteOnlyCell(ws, value=nilai)
    if format and nilai is not None:
        c.number_format = format
    return c


def _validasi(k: KolomTemplat) -> DataValidation | None:
    if k.pilihan:
        dv = DataValidation(type="list", formula1='"' + ",".join(k.pilihan) + '"', allow_blank=True)
        dv.error = str(_("Pilih salah satu isian dari daftar."))
    elif k.minimum is not None or k.maksimum is not None:
        if k.maksimum is None:
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=str(k.minimum))
            dv.error = str(_("Isi angka, tidak kurang dari %(min)s.") % {"min": k.minimum})
        else:
            dv = DataValidation(
                type="decimal", operator="between", formula1=str(k.minimum or 0), formula2=str(k.maksimum)
            )
            dv.error = str(_("Isi angka %(min)s sampai %(maks)s.") % {"min": k.minimum or 0, "maks": k.maksimum})
        dv.allow_blank = True
    else:
        return None
    dv.errorTitle = str(_("Isian tidak sah"))
    dv.showErrorMessage = True
    return dv


def _tulis_lembar(wb: Workbook, lembar: LembarTemplat) -> int:
    ws = wb.create_sheet(_judul_lembar(lembar.nama))
    kolom = lembar.kolom
    lebar = len(kolom)
    akhir = get_column_letter(lebar)
    # write-only: widths, hidden columns, panes and row heights before the first row
    for i, k in enumerate(kolom, 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = k.lebar
        if k.jenis == TERSEMBUNYI:
            dim.hidden = True
    ws.freeze_panes = f"A{BARIS_DATA}"
    # a write-only sheet does not record its size; given here, a reader finds it at the top instead of parsing
    # the whole sheet for it (openpyxl's read-only mode does that on opening)
    ukuran = f"A1:{akhir}{BARIS_KEPALA + len(lembar.baris) + lembar.baris_terbuka}"
    ws.calculate_dimension = lambda: ukuran
    ws.row_dimensions[BARIS_PETUNJUK].height = 45
    ws.row_dimensions[BARIS_KEPALA].height = 45
    ws.merged_cells.add(f"A{BARIS_JUDUL}:{akhir}{BARIS_JUDUL}")
    ws.merged_cells.add(f"A{BARIS_PETUNJUK}:{akhir}{BARIS_PETUNJUK}")

    judul = _sel(ws, lembar.judul)
    judul.font = _JUDUL
    ws.append([judul])
    petunjuk = _sel(ws, lembar.petunjuk)
    petunjuk.font = _MIRING
    petunjuk.alignment = _BUNGKUS
    ws.append([petunjuk])
    kepala = []
    for k in kolom:
        c = _sel(ws, k.judul)
        c.font = _TEBAL
        c.alignment = _TENGAH
        c.fill = _ISI_KEPALA_ISIAN if k.jenis == ISIAN else _ISI_KEPALA
        kepala.append(c)
    ws.append(kepala)

    isian = [k.jenis == ISIAN for k in kolom]
    kunci = [k.jenis == KUNCI for k in kolom]
    jumlah = 0
    for baris in lembar.baris:
        sel = []
        for i, (nilai, k) in enumerate(zip(baris.nilai, kolom, strict=True)):
            fmt = baris.format[i] if baris.format is not None and baris.format[i] is not None else k.format
            c = _sel(ws, nilai, format=fmt)
            if isian[i] or (kunci[i] and i in baris.terbuka):
                c.protection = _TERBUKA
                c.fill = _ISI_ISIAN
                if fmt and nilai is None:
                    c.number_format = fmt  # typed numbers take the column's format too
            if k.bungkus:
                c.alignment = _BUNGKUS
            sel.append(c)
        ws.append(sel)
        jumlah += 1
    for _n in range(lembar.baris_terbuka):
        sel = []
        for i, k in enumerate(kolom):
            c = WriteOnlyCell(ws, value=None)
            if isian[i] or kunci[i]:
                c.protection = _TERBUKA
                c.fill = _ISI_ISIAN
                if k.format:
                    c.number_format = k.format
            sel.append(c)
        ws.append(sel)

    terakhir = BARIS_KEPALA + jumlah + lembar.baris_terbuka
    if terakhir > BARIS_KEPALA:
        for i, k in enumerate(kolom, 1):
            if k.jenis == ISIAN and (dv := _validasi(k)) is not None:
                huruf = get_column_letter(i)
                dv.add(f"{huruf}{BARIS_DATA}:{huruf}{terakhir}")
                ws.data_validations.append(dv)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed
    ws.protection.formatRows = False
    ws.print_title_rows = f"{BARIS_KEPALA}:{BARIS_KEPALA}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return jumlah


def tulis_templat(templat: Templat, berkas: IO[bytes]) -> int:
    """Write the template (write-only mode, so a DPA of 20,000 lines stays flat in memory); return the data rows."""
    wb = Workbook(write_only=True)
    jumlah = sum(_tulis_lembar(wb, lembar) for lembar in templat.lembar)
    meta = wb.create_sheet(LEMBAR_META)
    meta.column_dimensions["A"].width = 16
    meta.column_dimensions["B"].width = 40
    meta.append([_sel(meta, str(_("Jangan diubah: lembar ini menandai templat untuk impor SAKIP.")))])
    for kunci, nilai in templat.meta:
        meta.append([_sel(meta, kunci), _sel(meta, nilai)])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.save(berkas)
    return jumlah


# --- reading ----------------------------------------------------------------------------------------------


class BerkasTidakSah(Exception):
    """The upload is no workbook this import can read; ``str(e)`` is the message for the person."""


def teks_asli(teks: str) -> str:
    """The text a template cell was given, undoing :func:`anggaran.excel.teks_sel` (``"'=1+2"`` → ``"=1+2"``)."""
    return teks[1:] if teks.startswith("'") and teks[1:2] and teks[1] in "".join(_AWAL_RUMUS) else teks


def normal(teks: Any) -> str:
    """Header text compared loosely: case, surrounding and repeated spaces do not matter."""
    return " ".join(str(teks).split()).casefold() if teks is not None else ""


@dataclass
class LembarTerbaca:
    nama: str
    baris_kepala: int  # row number of the header row
    kolom: dict[str, int]  # normalised header text → 0-based column index
    baris: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, values) of the non-empty rows

    def nilai(self, baris: tuple, judul: str) -> Any:
        """The value of a row in the column with this header (None if the column or the cell is absent)."""
        i = self.kolom.get(normal(judul))
        if i is None or i >= len(baris):
            return None
        return baris[i]

    def huruf(self, judul: str) -> str:
        """The column letter of a header ("G"), or "" if the sheet has no such column."""
        i = self.kolom.get(normal(judul))
        return "" if i is None else get_column_letter(i + 1)


@dataclass
class BukuTerbaca:
    meta: dict[str, Any]
    lembar: dict[str, LembarTerbaca]  # sheet name → sheet, for the sheets found with a header row
    ada_meta: bool


def cek_zip(berkas: IO[bytes]) -> None:
    """Refuse what is no xlsx package before openpyxl reads it: no zip, no workbook part, macros, or content that
    unpacks to far more than a spreadsheet of this size holds."""
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as z:
            info = z.infolist()
            nama = {i.filename for i in info}
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e
    finally:
        berkas.seek(0)
    if "xl/workbook.xml" not in nama:
        raise BerkasTidakSah(BUKAN_BUKU_KERJA)
    if any(n.lower().endswith("vbaproject.bin") for n in nama):
        raise BerkasTidakSah(BERISI_MAKRO)
    isi = sum(i.file_size for i in info)
    padat = sum(i.compress_size for i in info) or 1
    if isi > BATAS_ISI_ZIP or (isi > 20 * 1024 * 1024 and isi / padat > BATAS_RASIO_ZIP):
        raise BerkasTidakSah(TERLALU_BESAR_ISI)


def _kepala(rows: Iterable[tuple[int, tuple]], dicari: set[str]) -> tuple[int, dict[str, int]] | None:
    """The row among the first ones holding the most of the expected headers, with its header → index map."""
    terbaik: tuple[int, int, dict[str, int]] | None = None
    for nomor, nilai in rows:
        peta: dict[str, int] = {}
        for i, v in enumerate(nilai):
            teks = normal(v)
            if teks and teks not in peta:
                peta[teks] = i
        cocok = len(dicari & peta.keys())
        if cocok and (terbaik is None or cocok > terbaik[1]):
            terbaik = (nomor, cocok, peta)
        if nomor >= BARIS_CARI_KEPALA:
            break
    return (terbaik[0], terbaik[2]) if terbaik else None


def _baca_lembar(ws, nama: str, dicari: set[str]) -> LembarTerbaca | None:
    ws.reset_dimensions()  # trust the rows, not the dimension a program wrote (rows added below it are read too)
    rows = enumerate(ws.iter_rows(values_only=True), start=1)
    awal: list[tuple[int, tuple]] = []
    for nomor, nilai in rows:
        awal.append((nomor, nilai))
        if nomor >= BARIS_CARI_KEPALA:
            break
    hasil = _kepala(awal, dicari)
    if hasil is None:
        return None
    nomor_kepala, kolom = hasil
    lembar = LembarTerbaca(nama=nama, baris_kepala=nomor_kepala, kolom=kolom)

    def simpan(nomor: int, nilai: tuple) -> None:
        if any(v is not None and (not isinstance(v, str) or v.strip()) for v in nilai):
            lembar.baris.append((nomor, nilai))

    for nomor, nilai in awal:
        if nomor > nomor_kepala:
            simpan(nomor, nilai)
    for nomor, nilai in rows:
        simpan(nomor, nilai)
    return lembar


def baca_templat(berkas: IO[bytes], kepala: dict[str, tuple[str, ...]]) -> BukuTerbaca:
    """Read the metadata sheet and, for each expected sheet (name → headers that identify its header row), the rows
    under its header row. Raises :class:`BerkasTidakSah` if the file is no readable workbook."""
    cek_zip(berkas)
    try:
        wb = load_workbook(berkas, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds of errors on a damaged or foreign package
        raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e
    try:
        nama_lembar = {normal(n): n for n in wb.sheetnames}
        meta: dict[str, Any] = {}
        ada_meta = normal(LEMBAR_META) in nama_lembar
        if ada_meta:
            for baris in wb[nama_lembar[normal(LEMBAR_META)]].iter_rows(values_only=True):
                if len(baris) >= 2 and isinstance(baris[0], str) and baris[0].strip():
                    meta[baris[0].strip()] = baris[1]
        lembar = {}
        for nama, judul in kepala.items():
            asli = nama_lembar.get(normal(nama))
            if asli is None:
                continue
            terbaca = _baca_lembar(wb[asli], nama, {normal(j) for j in judul})
            if terbaca is not None:
                lembar[nama] = terbaca
        return BukuTerbaca(meta=meta, lembar=lembar, ada_meta=ada_meta)
    except BerkasTidakSah:
        raise
    except Exception as e:  # read-only mode parses lazily: a damaged sheet fails while its rows are read
        raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e
    finally:
        wb.close()
