"""Import templates (ENGINEERING.md §6 "Reading"): a template workbook written from plain data, and an uploaded
workbook read back as plain values. This is the only openpyxl code of the imports; what the rows mean and the rules
they must follow live in :mod:`anggaran.impor`.

Every sheet of a template has the same frame: the title in row 1, a short instruction in row 2, the Indonesian
headers in row 3 and the data from row 4. Key columns (the codes that say which row of SAKIP a line is) and
information columns are locked; input columns are unlocked and tinted; the sheet is protected without a password
(a guard against accidents, not security). Hidden columns carry what the import checks but nobody types: the
original key of the row and its data version. A hidden, protected sheet ``Metadata`` says what the file is for
(kind, PD, unit, year, quarter, format version, time generated).

Reading (:func:`buka_templat`) first checks that the file is a zip that holds a workbook and no macros and whose
parts declare at most BATAS_ISI_ZIP unpacked, then opens it with ``load_workbook(read_only=True, data_only=True)``
and reads the metadata sheet. :meth:`BukuTerbaca.baca` then finds the header row of each sheet by its header text and
returns the rows under it as tuples of native values (``int``, ``float``, ``str``, ``datetime`` or ``None``), each
with its row number, at most as many rows as the caller allows (what the template of that unit or PD holds plus a
margin): content further down stops the reading with one message. A formula is no value: when a worksheet part holds
a formula element the file is opened without ``data_only`` and the cells are read with their type, so that each
formula cell can be refused by name (a cached result is never taken as typed).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
from sakip.angka import format_angka

#: Version of the template layout, written in the metadata; a file of another version is refused.
FORMAT_TEMPLAT = 2  # 2: the metadata names the pemda (a PD code is unique within its pemda only)
LEMBAR_META = "Metadata"
BARIS_JUDUL, BARIS_PETUNJUK, BARIS_KEPALA = 1, 2, 3
BARIS_DATA = BARIS_KEPALA + 1

KUNCI, INFO, ISIAN, TERSEMBUNYI = "kunci", "info", "isian", "tersembunyi"

#: Upload limits checked on the zip before openpyxl sees it (a 10 MB upload can unpack to gigabytes): what all parts
#: together declare unpacked. The template of a DPA of 20,000 lines unpacks to about 8 MB.
BATAS_ISI_ZIP = 40 * 1024 * 1024
BATAS_RASIO_ZIP = 100
#: Rows searched for the header row of a sheet; rows of the metadata sheet read.
BARIS_CARI_KEPALA = 20
BARIS_META = 50
#: Empty rows tolerated past the rows a sheet may hold before the reading stops.
BARIS_KOSONG_LEBIH = 1000
#: Formula cells listed per sheet (all are counted).
BATAS_RUMUS = 1000

BUKAN_BUKU_KERJA = _("Berkas ini bukan buku kerja Excel (.xlsx) yang dapat dibaca.")
BERISI_MAKRO = _("Buku kerja bermakro (.xlsm) tidak diterima; simpan sebagai .xlsx tanpa makro.")
TERLALU_BESAR_ISI = _("Isi buku kerja ini terlalu besar untuk dibaca.")
TERLALU_BANYAK_BARIS = _(
    "Lembar %(lembar)s berisi lebih banyak baris daripada yang dapat dimuat templat ini (paling banyak %(batas)s baris "
    "di bawah judul kolom); pembacaan berhenti di baris %(baris)s. Hapus baris yang berlebih, lalu unggah lagi."
)

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
    #: The first BATAS_RUMUS cells holding a formula, as (row number, column letter, header), and how many there are.
    rumus: list[tuple[int, str, str]] = field(default_factory=list)
    jumlah_rumus: int = 0

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
    """An open template: its metadata at once, its sheets once :meth:`baca` has read them. Made by
    :func:`buka_templat`, which closes the workbook."""

    meta: dict[str, Any]
    lembar: dict[str, LembarTerbaca]  # sheet name → sheet, for the sheets found with a header row
    ada_meta: bool
    _wb: Any = None
    _rumus: bool = False  # a worksheet part holds a formula element: cells are read with their type

    def baca(self, kepala: dict[str, tuple[str, ...]], batas: dict[str, int] | None = None) -> None:
        """Read each expected sheet (name → headers that identify its header row): the rows under its header row,
        at most ``batas[name]`` rows of them (the rows the template holds plus a margin). A sheet with content
        further down, or more than BARIS_KOSONG_LEBIH empty rows past that, stops the reading with
        TERLALU_BANYAK_BARIS. Raises :class:`BerkasTidakSah`."""
        try:
            nama_lembar = {normal(n): n for n in self._wb.sheetnames}
            for nama, judul in kepala.items():
                asli = nama_lembar.get(normal(nama))
                if asli is None:
                    continue
                terbaca = _baca_lembar(
                    self._wb[asli], nama, {normal(j) for j in judul}, (batas or {}).get(nama), self._rumus
                )
                if terbaca is not None:
                    self.lembar[nama] = terbaca
        except BerkasTidakSah:
            raise
        except Exception as e:  # read-only mode parses lazily: a damaged sheet fails while its rows are read
            raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e


#: A formula element in a worksheet part (``<f>``, ``<f t="shared" …/>``, with or without a namespace prefix). Other
#: elements named f (``<xm:f>`` of a data validation in an extension) match too: the scan only says whether a sheet
#: must be read with the cells' types, which then tell formulas from values.
_TANDA_RUMUS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


_TANDA_DIMENSI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension[\s/>]")
_TANDA_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s/>]")
_TANDA_LEMBAR = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)worksheet\b[^>]*>")


def _pindai(z: zipfile.ZipFile, info: list[zipfile.ZipInfo]) -> tuple[bool, set[str]]:
    """(a worksheet part holds a formula element, the worksheet parts without a dimension element before their
    data). openpyxl's read-only mode parses a whole sheet on opening to find its size when the dimension is missing:
    35 MB of rows took 18 s before a single row was read."""
    rumus = False
    tanpa_dimensi: set[str] = set()
    for i in info:
        if not (i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")):
            continue
        with z.open(i) as f:
            sisa = b""
            pertama = True
            while potongan := f.read(1 << 20):
                blok = sisa + potongan
                if pertama:
                    dimensi, data = _TANDA_DIMENSI.search(blok), _TANDA_DATA.search(blok)
                    if data is not None and (dimensi is None or dimensi.start() > data.start()):
                        tanpa_dimensi.add(i.filename)
                    pertama = False
                if not rumus and _TANDA_RUMUS.search(blok):
                    rumus = True
                if rumus and not pertama:
                    break
                sisa = blok[-80:]
    return rumus, tanpa_dimensi


def _beri_dimensi(berkas: IO[bytes], bagian: set[str]) -> IO[bytes]:
    """The package again, with a dimension element at the top of each worksheet part in ``bagian`` (the rows are
    read regardless of it: :func:`_baca_lembar` resets the dimensions)."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(berkas) as z, zipfile.ZipFile(keluar, "w", zipfile.ZIP_STORED) as baru:
        for i in z.infolist():
            isi = z.read(i)
            if i.filename in bagian and (m := _TANDA_LEMBAR.search(isi, 0, 1 << 16)):
                isi = isi[: m.end()] + b"<" + m.group(1) + b'dimension ref="A1"/>' + isi[m.end() :]
            baru.writestr(i.filename, isi)
    berkas.seek(0)
    keluar.seek(0)
    return keluar


def cek_zip(berkas: IO[bytes], *, pindai: bool = False) -> tuple[bool, set[str]]:
    """Refuse what is no xlsx package before openpyxl reads it: no zip, no workbook part, macros, or parts that
    declare more than BATAS_ISI_ZIP unpacked (zipfile holds every part to its declared size: a part that unpacks to
    more fails its CRC check and is refused as damaged when it is read). With ``pindai``, also scan the worksheet
    parts (:func:`_pindai`, streaming, about 0.1 s per 10 MB); else (False, empty set)."""
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as z:
            info = z.infolist()
            nama = {i.filename for i in info}
            if "xl/workbook.xml" not in nama:
                raise BerkasTidakSah(BUKAN_BUKU_KERJA)
            if any(n.lower().endswith("vbaproject.bin") for n in nama):
                raise BerkasTidakSah(BERISI_MAKRO)
            isi = sum(i.file_size for i in info)
            padat = sum(i.compress_size for i in info) or 1
            if isi > BATAS_ISI_ZIP or (isi > 5 * 1024 * 1024 and isi / padat > BATAS_RASIO_ZIP):
                raise BerkasTidakSah(TERLALU_BESAR_ISI)
            return _pindai(z, info) if pindai else (False, set())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e
    finally:
        berkas.seek(0)


def cek_buku_kerja(berkas: IO[bytes]) -> None:
    """An uploaded workbook (evidence) opens: the zip checks of :func:`cek_zip`, then openpyxl opens it in read-only
    mode and reads its list of sheets. Raises :class:`BerkasTidakSah`."""
    _rumus, tanpa_dimensi = cek_zip(berkas, pindai=True)
    dibuka = _beri_dimensi(berkas, tanpa_dimensi) if tanpa_dimensi else berkas
    try:
        wb = load_workbook(dibuka, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds of errors on a damaged or foreign package
        raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e
    finally:
        berkas.seek(0)
    try:
        if not wb.sheetnames:
            raise BerkasTidakSah(BUKAN_BUKU_KERJA)
    finally:
        wb.close()


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


def _berisi(nilai: tuple) -> bool:
    return any(v is not None and (not isinstance(v, str) or v.strip()) for v in nilai)


def _baca_lembar(ws, nama: str, dicari: set[str], batas: int | None, rumus: bool) -> LembarTerbaca | None:
    ws.reset_dimensions()  # trust the rows, not the dimension a program wrote (rows added below it are read too)
    awal = list(enumerate(ws.iter_rows(max_row=BARIS_CARI_KEPALA, values_only=True), start=1))
    hasil = _kepala(awal, dicari)
    if hasil is None:
        return None
    nomor_kepala, kolom = hasil
    lembar = LembarTerbaca(nama=nama, baris_kepala=nomor_kepala, kolom=kolom)
    kepala = awal[nomor_kepala - 1][1]
    lebar = max(kolom.values()) + 1  # cells right of the last header are not read (a cell in XFD: no 16,384-wide row)
    akhir = nomor_kepala + batas if batas is not None else None
    if rumus:
        sel = ws.iter_rows(min_row=nomor_kepala + 1, max_col=lebar)
        rows = ((tuple(c.value for c in b), b) for b in sel)
    else:
        rows = ((b, None) for b in ws.iter_rows(min_row=nomor_kepala + 1, max_col=lebar, values_only=True))
    for nomor, (nilai, sel_baris) in enumerate(rows, start=nomor_kepala + 1):
        isi = _berisi(nilai)
        if akhir is not None and nomor > akhir:
            if isi or nomor > akhir + BARIS_KOSONG_LEBIH:
                raise BerkasTidakSah(
                    TERLALU_BANYAK_BARIS % {"lembar": nama, "batas": format_angka(batas, 0), "baris": nomor}
                )
            continue
        if not isi:
            continue
        lembar.baris.append((nomor, nilai))
        if sel_baris is not None:
            for i, c in enumerate(sel_baris):
                if c.data_type == "f":
                    lembar.jumlah_rumus += 1
                    if len(lembar.rumus) < BATAS_RUMUS:
                        judul = kepala[i] if i < len(kepala) and kepala[i] is not None else ""
                        lembar.rumus.append((nomor, get_column_letter(i + 1), " ".join(str(judul).split())))
    return lembar


@contextmanager
def buka_templat(berkas: IO[bytes]) -> Iterator[BukuTerbaca]:
    """Open an uploaded template: the zip checks, then openpyxl in read-only mode (with the cached values, unless a
    sheet holds formulas), the metadata sheet read at once; :meth:`BukuTerbaca.baca` reads the sheets. Raises
    :class:`BerkasTidakSah` if the file is no readable workbook."""
    ada_rumus, tanpa_dimensi = cek_zip(berkas, pindai=True)
    if tanpa_dimensi:
        berkas = _beri_dimensi(berkas, tanpa_dimensi)
    try:
        wb = load_workbook(berkas, read_only=True, data_only=not ada_rumus)
    except Exception as e:  # openpyxl raises many kinds of errors on a damaged or foreign package
        raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e
    try:
        try:
            nama_lembar = {normal(n): n for n in wb.sheetnames}
            meta: dict[str, Any] = {}
            ada_meta = normal(LEMBAR_META) in nama_lembar
            if ada_meta:
                ws = wb[nama_lembar[normal(LEMBAR_META)]]
                for baris in ws.iter_rows(max_row=BARIS_META, max_col=2, values_only=True):
                    if len(baris) >= 2 and isinstance(baris[0], str) and baris[0].strip():
                        meta[baris[0].strip()] = baris[1]
        except Exception as e:
            raise BerkasTidakSah(BUKAN_BUKU_KERJA) from e
        yield BukuTerbaca(meta=meta, lembar={}, ada_meta=ada_meta, _wb=wb, _rumus=ada_rumus)
    finally:
        wb.close()


def baca_templat(
    berkas: IO[bytes], kepala: dict[str, tuple[str, ...]], batas: dict[str, int] | None = None
) -> BukuTerbaca:
    """Read the metadata sheet and, for each expected sheet (name → headers that identify its header row), the rows
    under its header row (see :meth:`BukuTerbaca.baca`). Raises :class:`BerkasTidakSah` if the file is no readable
    workbook."""
    with buka_templat(berkas) as buku:
        buku.baca(kepala, batas)
        return buku
