"""Excel imports (ENGINEERING.md §6): the quarterly realisations of a unit and the pagu of a PD's DPA version.

The flow is the same for both kinds:

1. **Template.** :func:`templat_realisasi` builds the workbook of a unit's quarter from the row builders of the entry
   page (:func:`kinerja.selectors.entri_unit`), prefilled with this quarter's values; :func:`templat_dpa` the lines of
   a DPA version. Each row carries its original key and (realisations) its data version in hidden columns; a hidden
   metadata sheet says which PD, unit, year, quarter or version the file is for.
2. **Preview** (:func:`impor_pratinjau`). The upload is stored as an :class:`~anggaran.models.ImporBerkas` with its
   SHA-256 and checked in full without writing anything: the metadata against the page, the quarter open for entry,
   every row against the rows of SAKIP (key columns, duplicates), number cells holding numbers, then the same forms
   as the web entry (:mod:`kinerja.forms`) and the same rules as the services (the ``cek_*`` functions of
   :mod:`kinerja.services`). A sheet is read only as far as the rows its template holds plus LEBIH_BARIS, and a
   formula cell is refused at its cell (BERISI_RUMUS). The first BATAS_GALAT problems are kept as (sheet, row,
   column, message) and all of them counted; a valid file gets a summary of
   the rows it adds, changes and leaves alone, and the list of every row it adds, changes or removes with its key and
   each changed value before and after (``ringkasan["rincian"]``, collected during the same pass).
3. **Apply** (:func:`impor_terapkan`). The stored file is read and checked again inside one ``transaction.atomic()``
   (with the rows locked on PostgreSQL); one error and nothing is written. Otherwise every row is written in bulk
   with its history (``bulk_create_with_history`` / ``bulk_update_with_history``), carrying the user and the reason
   "Impor Excel #12 (nama-berkas.xlsx)", with the semantics of the per-row services: a new row, or the row updated
   with its version + 1, ``updated_by``, and a returned row back to draf.

A DPA workbook is the **complete** version: a line whose pagu is emptied, or that is missing from the file, is
removed from the version, unless money has been realised on it (then the file is refused). A realisation workbook
changes only the rows whose inputs it fills: an empty row changes nothing.

Everything the checks need is loaded up front in a fixed number of queries, so a file of 20,000 lines is checked and
written in seconds (``bench/excel_impor.py``).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from anggaran.excel import FORMAT_PERSEN, FORMAT_RUPIAH, format_desimal
from anggaran.excel.templat import (
    FORMAT_TEMPLAT,
    INFO,
    ISIAN,
    KUNCI,
    TERSEMBUNYI,
    BarisTemplat,
    BerkasTidakSah,
    BukuTerbaca,
    KolomTemplat,
    LembarTemplat,
    LembarTerbaca,
    Templat,
    buka_templat,
    normal,
    teks_asli,
    tulis_templat,
)
from kinerja import hitung, selectors, services
from kinerja.forms import RealisasiAnggaranForm, RealisasiFisikForm, RealisasiKinerjaForm
from kinerja.models import PelaporanTriwulan, RealisasiKinerja, Tahap
from kinerja.selectors import label_triwulan
from renstra.models import PerangkatDaerah, SubKegiatan, UnitKerja
from sakip import batas
from sakip.angka import format_angka, format_rupiah
from sakip.tugas import batas_antre, batas_denyut, tugas_hentikan

from .forms import PaguForm
from .models import ImporBerkas, PaguAnggaran, RealisasiAnggaran, RealisasiFisik, Rekening, VersiAnggaran

logger = logging.getLogger(__name__)

# --- messages (tests assert them exactly) ------------------------------------------------------------------------

BUKAN_TEMPLAT = _("Berkas ini bukan templat impor SAKIP (lembar Metadata tidak ada); unduh templatnya dari SAKIP.")
JENIS_LAIN = _("Berkas ini templat %(berkas)s, bukan templat %(halaman)s.")
FORMAT_LAIN = _("Templat ini dibuat dengan format lain; unduh templat yang baru.")
TEMPLAT_LAIN = _("Templat ini untuk %(berkas)s, bukan untuk %(halaman)s. Unduh templat dari halaman ini.")
LEMBAR_TIDAK_ADA = _("Lembar %(lembar)s tidak ditemukan; jangan menghapus atau mengganti nama lembar templat.")
KOLOM_TIDAK_ADA = _("Kolom %(kolom)s tidak ditemukan; jangan menghapus atau mengganti judul kolom templat.")
KODE_TIDAK_DIKENAL = _("Kode %(kode)s bukan baris %(unit)s pada triwulan ini.")
KUNCI_DIUBAH = _("Kolom kunci diubah (semula %(asal)s); kembalikan kodenya atau tambahkan baris baru.")
BARIS_GANDA = _("Baris ganda: %(kode)s sudah ada di baris %(baris)s.")
BUKAN_ANGKA = _("Sel %(sel)s berisi %(isi)s, bukan angka; ketik angkanya saja.")
BERISI_RUMUS = _(
    "Sel %(sel)s berisi rumus; impor hanya membaca nilai. Ganti rumusnya dengan nilainya (salin, lalu tempel sebagai "
    "nilai)."
)
RUMUS_LAIN = _("Masih ada %(jumlah)s sel lain yang berisi rumus pada lembar ini.")
STATUS_TIDAK_DIKENAL = _("Status %(status)s tidak dikenal; pilih salah satu: %(pilihan)s.")
DIUBAH_OLEH = _("Diubah oleh %(oleh)s pada %(pada)s menjadi %(nilai)s; unduh templat baru.")
SUB_BUKAN_PD = _("Sub kegiatan %(kode)s bukan milik %(pd)s.")
SUB_KODE_GANDA = _("Kode sub kegiatan %(kode)s dipakai lebih dari satu sub kegiatan %(pd)s; perbaiki di Renstra.")
REKENING_TIDAK_ADA = _("Kode rekening %(kode)s tidak ada dalam bagan akun.")
REKENING_BERTUMPUK = _(
    "Rekening %(kode)s adalah rincian dari rekening %(induk)s pada sub kegiatan %(sub)s (baris %(baris)s), "
    "sehingga jumlah per rekening menghitungnya dua kali; pakai salah satunya."
)
BARIS_BERREALISASI = _(
    "Baris %(sub)s / %(rek)s tidak dapat dihapus dari DPA: sudah ada realisasinya (%(jumlah)s). Isi pagunya kembali."
)
DPA_BERUBAH = _("DPA ini sudah diubah setelah templat diunduh; unduh templat baru agar perubahan itu tidak hilang.")
SUDAH_DIPROSES = _("Impor ini sudah %(status)s; unggah berkasnya lagi untuk impor baru.")
SEDANG_DIPROSES = _("Impor ini %(status)s; tunggu sampai selesai.")
BERKAS_BERUBAH = _("Berkas tersimpan tidak sama dengan yang diunggah; unggah ulang.")
GAGAL_SIMPAN = _("Data berubah saat impor diterapkan; tidak ada yang disimpan. Coba terapkan lagi.")
ALASAN_IMPOR = _("Impor Excel #%(id)s (%(nama)s)")
PERIKSA_TERHENTI = _(
    "Pemeriksaan berkas terhenti karena proses di latar belakang berhenti; tidak ada yang disimpan. Unggah berkasnya "
    "lagi."
)
TERAPKAN_TERHENTI = _(
    "Penerapan impor terhenti karena proses di latar belakang berhenti; tidak ada yang disimpan. Unggah berkasnya lagi."
)

#: At most this many problems are kept, stored and shown; all of them are counted (the summary's jumlah_galat).
BATAS_GALAT = 200
#: Rows a sheet may hold past the rows of its template (empty rows, a few lines added to a DPA): the reading stops
#: past them (anggaran.excel.templat.TERLALU_BANYAK_BARIS).
LEBIH_BARIS = 1000
#: A DPA may have lines the template did not hold (new lines typed below): up to this many per sub kegiatan of the PD.
BARIS_PER_SUB_DPA = 50
#: At most this many added, changed or removed rows per sheet are listed with their values in the preview; the counts
#: cover all of them.
BATAS_RINCIAN = 1000
#: A text value listed in the preview is cut to this many characters.
BATAS_TEKS_RINCIAN = 500
UKURAN_BATCH = 1000
#: bulk_update writes a CASE over its batch for every row of it: smaller batches are a little faster.
UKURAN_BATCH_UBAH = 200

# --- column headers (the reading maps columns by these texts) ----------------------------------------------------

LEMBAR_KINERJA, LEMBAR_ANGGARAN, LEMBAR_FISIK, LEMBAR_DPA = "Kinerja", "Anggaran", "Fisik", "DPA"

K_KODE = _("Kode Indikator")
K_INDIKATOR = _("Indikator Kinerja")
K_SATUAN = _("Satuan")
K_TARGET = _("Target Tahun Ini")
K_TARGET_RA = _("Target TW Ini (Rencana Aksi)")
K_REALISASI = _("Realisasi")
K_LABEL = _("Keterangan Nilai")
K_STATUS = _("Status")
K_CATATAN = _("Catatan")
K_HAMBATAN = _("Hambatan")
K_SOLUSI = _("Solusi")
J_SUB = _("Kode Sub Kegiatan")
J_NAMA_SUB = _("Sub Kegiatan")
J_REK = _("Kode Rekening")
J_URAIAN_REK = _("Uraian Rekening")
A_PAGU = _("Pagu (Rp)")
A_SEBELUM = _("Realisasi s.d. TW Sebelumnya (Rp)")
A_JUMLAH = _("Realisasi TW Ini (Rp)")
F_SEBELUM = _("Fisik s.d. TW Sebelumnya (%)")
F_PERSEN = _("Fisik Kumulatif TW Ini (%)")
D_PROGRAM = _("Program")
D_KEGIATAN = _("Kegiatan")
D_PAGU = _("Pagu (Rp)")
H_ASAL = _("Kunci Asal")
H_VERSI = _("Versi Data")

PEMISAH_KUNCI = " | "

#: The key columns of the rows listed in the preview, per sheet (the ``kunci`` of :func:`_rinci`).
KUNCI_RINCIAN = {
    LEMBAR_KINERJA: (K_KODE, K_INDIKATOR),
    LEMBAR_ANGGARAN: (J_SUB, J_REK),
    LEMBAR_FISIK: (J_SUB,),
    LEMBAR_DPA: (J_SUB, J_REK),
}


def _judul_tw(tw: int) -> str:
    return _g("Realisasi %(tw)s") % {"tw": label_triwulan(tw)}


# --- cell values --------------------------------------------------------------------------------------------------


class BukanAngka(ValueError):
    pass


def angka(nilai: Any) -> Decimal | None:
    """A number cell as a Decimal (a float through its shortest text, so 0.1 stays 0.1); empty → None. Text, dates
    and booleans raise :class:`BukanAngka` (never parsed: ``"1500.125"`` could mean two things)."""
    if nilai is None:
        return None
    if isinstance(nilai, str):
        if not nilai.strip():
            return None
        raise BukanAngka(_g("teks “%(teks)s”") % {"teks": nilai.strip()[:40]})
    if isinstance(nilai, bool):
        raise BukanAngka(_g("nilai benar/salah"))
    if isinstance(nilai, int):
        return Decimal(nilai)
    if isinstance(nilai, float):
        d = Decimal(repr(nilai))
        if not d.is_finite():
            raise BukanAngka(_g("angka tidak sah"))
        return d
    if isinstance(nilai, Decimal):
        return nilai
    if isinstance(nilai, datetime | date | time):
        raise BukanAngka(_g("tanggal atau jam"))
    raise BukanAngka(_g("isian yang tidak dikenal"))


def teks(nilai: Any) -> str:
    """A text cell as text (a number typed into it as its digits, ``12`` not ``12.0``); empty → ``""``."""
    if nilai is None:
        return ""
    if isinstance(nilai, str):
        return teks_asli(nilai).strip()
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, float):
        return repr(nilai)
    if isinstance(nilai, datetime | date):
        return nilai.isoformat()
    return str(nilai)


def _bulat(nilai: Any) -> int | None:
    """The hidden data version: a whole number, else None (the check then reports a conflict)."""
    try:
        d = angka(nilai)
    except BukanAngka:
        return None
    return int(d) if d is not None and d == d.to_integral_value() else None


# --- problems and results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Galat:
    lembar: str
    baris: int | None
    kolom: str  # column letter, "" for the whole row or file
    judul: str  # the column's header
    pesan: str

    def dict(self) -> dict[str, Any]:
        return {
            "lembar": self.lembar,
            "baris": self.baris,
            "kolom": self.kolom,
            "judul": self.judul,
            "pesan": self.pesan,
        }


# --- what a valid file changes, row by row (the preview's list) ----------------------------------------------------

BARU, DIUBAH, DIHAPUS = "baru", "diubah", "dihapus"
#: How a listed value is shown (anggaran/views_impor.py formats it with sakip.angka).
TEKS, RUPIAH, PERSEN, ANGKA = "teks", "rp", "persen", "angka"


def _isi_rincian(nilai: Any) -> str | None:
    """A value as plain JSON data: a Decimal as its exact text (never a float), text cut to BATAS_TEKS_RINCIAN."""
    if nilai is None:
        return None
    if isinstance(nilai, Decimal):
        return str(nilai)
    s = str(nilai)
    return s if len(s) <= BATAS_TEKS_RINCIAN else s[: BATAS_TEKS_RINCIAN - 1] + "…"


def _bidang(judul: str, bentuk: str, sebelum: Any, sesudah: Any, desimal: int | None = None) -> dict[str, Any]:
    d = {"kolom": judul, "format": bentuk, "sebelum": _isi_rincian(sebelum), "sesudah": _isi_rincian(sesudah)}
    if desimal is not None:
        d["desimal"] = desimal
    return d


def _rinci(nomor: int | None, aksi: str, kunci: tuple[str, ...], bidang: list[dict[str, Any]]) -> dict[str, Any]:
    """One listed row: its row in the sheet (None for a DPA line missing from the file), what happens to it, its key
    (as in KUNCI_RINCIAN) and the values that change."""
    return {"baris": nomor, "aksi": aksi, "kunci": list(kunci), "bidang": bidang}


class DaftarGalat(list):
    """The problems found: the first BATAS_GALAT kept, all of them counted (``jumlah``), so a file of 20,000 bad
    rows does not hold 100,000 messages in memory."""

    def __init__(self) -> None:
        super().__init__()
        self.jumlah = 0

    def append(self, galat: Galat) -> None:
        self.jumlah += 1
        if len(self) < BATAS_GALAT:
            super().append(galat)


@dataclass
class Pemeriksaan:
    """What checking a file found; ``tulis`` writes it (only when there is no problem). ``rincian``: per sheet, the
    first BATAS_RINCIAN rows the file adds, changes or removes (see :func:`_rinci`)."""

    galat: DaftarGalat = field(default_factory=DaftarGalat)
    ringkasan: dict[str, Any] = field(default_factory=dict)
    rincian: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    jumlah_baris: int = 0
    tulis: Callable[[Any, str], None] | None = None

    def berkas(self, pesan) -> Pemeriksaan:
        self.galat.append(Galat("", None, "", "", str(pesan)))
        return self


class _Lembar:
    """A sheet read from the file, with a helper to note a problem at a row and a column."""

    def __init__(self, terbaca: LembarTerbaca, galat: DaftarGalat) -> None:
        self.t = terbaca
        self.nama = terbaca.nama
        self._galat = galat
        self._indeks: dict[int, int | None] = {}  # id(header constant) → column index: translated once per sheet

    def nilai(self, baris: tuple, judul) -> Any:
        i = self._indeks.get(id(judul), -1)
        if i == -1:
            i = self._indeks[id(judul)] = self.t.kolom.get(normal(str(judul)))
        if i is None or i >= len(baris):
            return None
        return baris[i]

    def galat(self, nomor: int | None, judul, pesan) -> None:
        j = str(judul) if judul else ""
        self._galat.append(Galat(self.nama, nomor, self.t.huruf(j) if j else "", j, str(pesan)))

    def angka(self, nomor: int, baris: tuple, judul) -> tuple[Decimal | None, bool]:
        """(the number, True) or (None, False) after noting the problem."""
        try:
            return angka(self.nilai(baris, judul)), True
        except BukanAngka as e:
            self.galat(nomor, judul, BUKAN_ANGKA % {"sel": f"{self.t.huruf(str(judul))}{nomor}", "isi": e})
            return None, False

    def cek_kolom(self, wajib) -> bool:
        hilang = [str(j) for j in wajib if not self.t.huruf(str(j))]
        for j in hilang:
            self._galat.append(Galat(self.nama, self.t.baris_kepala, "", j, str(KOLOM_TIDAK_ADA % {"kolom": j})))
        return not hilang

    def cek_asal(self, nomor: int, baris: tuple, kunci: tuple[tuple[Any, str], ...]) -> bool:
        """Each key column still holds what the template wrote (kept in the hidden column); an empty original part
        is a key the person types (a new line)."""
        asal = teks(self.nilai(baris, H_ASAL))
        if not asal:
            return True
        bagian = asal.split(PEMISAH_KUNCI.strip())
        for (judul, kini), semula in zip(kunci, bagian, strict=False):
            if semula.strip() and kini != semula.strip():
                self.galat(nomor, judul, KUNCI_DIUBAH % {"asal": semula.strip()})
                return False
        return True


def _galat_form(lembar: _Lembar, nomor: int, form, judul: dict[str, Any]) -> None:
    for nama, pesan in form.errors.items():
        for p in pesan:
            lembar.galat(nomor, judul.get(nama, ""), p)


def _galat_validasi(lembar: _Lembar, nomor: int, e: ValidationError, judul: dict[str, Any], bawaan) -> None:
    if hasattr(e, "error_dict"):
        for nama, daftar in e.message_dict.items():
            for p in daftar:
                lembar.galat(nomor, judul.get(nama, bawaan), p)
    else:
        for p in e.messages:
            lembar.galat(nomor, bawaan, p)


def _kunci(*bagian: str) -> str:
    return PEMISAH_KUNCI.join(bagian)


def _ringkas(baru: int = 0, diubah: int = 0, tetap: int = 0, **lain: int) -> dict[str, int]:
    return {"baru": baru, "diubah": diubah, "tetap": tetap, **lain}


# --- realisations of a unit's quarter: the template ----------------------------------------------------------------


def _meta_realisasi(unit: UnitKerja, tahun: int, triwulan: int) -> dict[str, Any]:
    return {
        "jenis": ImporBerkas.Jenis.REALISASI.value,
        "pemda": unit.pd.pemda.kode,
        "pd": unit.pd.kode,
        "unit": unit.kode,
        "tahun": tahun,
        "triwulan": triwulan,
    }


def _nilai_tampil(r: RealisasiKinerja | None) -> Decimal | str | None:
    if r is None:
        return None
    if r.nilai is not None:
        return r.nilai
    if r.label:
        return r.label
    return _g("belum tersedia") if r.status == RealisasiKinerja.Status.BELUM_TERSEDIA else None


def _target(n) -> Decimal | str | None:
    if n is None:
        return None
    return n.nilai if n.nilai is not None else (n.label or None)


def _kolom_kinerja(triwulan: int) -> tuple[KolomTemplat, ...]:
    status = tuple(str(label) for _v, label in RealisasiKinerja.Status.choices)
    return (
        KolomTemplat(str(K_KODE), KUNCI, lebar=14),
        KolomTemplat(str(K_INDIKATOR), INFO, lebar=50, bungkus=True),
        KolomTemplat(str(K_SATUAN), INFO, lebar=12),
        KolomTemplat(str(K_TARGET), INFO, lebar=14),
        KolomTemplat(str(K_TARGET_RA), INFO, lebar=14),
        *(KolomTemplat(_judul_tw(t), INFO, lebar=13) for t in range(1, triwulan)),
        KolomTemplat(str(K_REALISASI), ISIAN, lebar=14, minimum=Decimal("0")),
        KolomTemplat(str(K_LABEL), ISIAN, lebar=14),
        KolomTemplat(str(K_STATUS), ISIAN, lebar=15, pilihan=status),
        KolomTemplat(str(K_CATATAN), ISIAN, lebar=30, bungkus=True),
        KolomTemplat(str(K_HAMBATAN), ISIAN, lebar=30, bungkus=True),
        KolomTemplat(str(K_SOLUSI), ISIAN, lebar=30, bungkus=True),
        KolomTemplat(str(H_ASAL), TERSEMBUNYI),
        KolomTemplat(str(H_VERSI), TERSEMBUNYI),
    )


def templat_realisasi(*, unit: UnitKerja, tahun: int, triwulan: int, dibuat: datetime | None = None) -> Templat:
    """The workbook an operator fills for a unit's quarter: sheets Kinerja, Anggaran and Fisik, from the same row
    builders as the entry page, the inputs prefilled with this quarter's values."""
    entri = selectors.entri_unit(unit, tahun, triwulan)
    dibuat = dibuat or timezone.now()
    label = label_triwulan(triwulan, tahun)
    sebelum = range(1, triwulan)

    kinerja = []
    for b in entri.kinerja:
        ind, ini = b.indikator, b.ini
        fmt = format_desimal(ind.desimal)
        nilai = (
            ind.kode,
            ind.uraian,
            ind.satuan,
            _target(b.target),
            _target(b.target_ra),
            *(_nilai_tampil(b.per_triwulan[t - 1]) for t in sebelum),
            ini.nilai if ini else None,
            ini.label if ini else "",
            str(ini.get_status_display()) if ini else None,
            ini.catatan if ini else "",
            ini.hambatan if ini else "",
            ini.solusi if ini else "",
            ind.kode,
            ini.version if ini else 0,
        )
        format_baris = (None, None, None, fmt, fmt, *(fmt for _t in sebelum), fmt, *(None,) * 8)
        kinerja.append(BarisTemplat(nilai, format_baris))

    anggaran = []
    for b in entri.anggaran:
        ini = b.ini
        sebelumnya = b.tahunan + sum((r.jumlah for r in b.per_triwulan[: triwulan - 1] if r), hitung.NOL)
        anggaran.append(
            BarisTemplat(
                (
                    b.sub_kegiatan.kode,
                    b.sub_kegiatan.nama,
                    b.rekening.kode,
                    b.rekening.uraian,
                    b.pagu,
                    sebelumnya,
                    ini.jumlah if ini else None,
                    _kunci(b.sub_kegiatan.kode, b.rekening.kode),
                    ini.version if ini else 0,
                )
            )
        )
    fisik = [
        BarisTemplat(
            (
                b.sub_kegiatan.kode,
                b.sub_kegiatan.nama,
                b.sebelumnya.persen if b.sebelumnya else None,
                b.ini.persen if b.ini else None,
                b.sub_kegiatan.kode,
                b.ini.version if b.ini else 0,
            )
        )
        for b in entri.fisik
    ]
    judul = _g("%(label)s — %(unit)s, %(pd)s") % {"label": label, "unit": unit.nama, "pd": unit.pd.nama}
    lembar = (
        LembarTemplat(
            LEMBAR_KINERJA,
            _g("Realisasi Kinerja %(judul)s") % {"judul": judul},
            _g(
                "Isi kolom berwarna: Realisasi (angka), Keterangan Nilai (bila targetnya berupa label), Status, "
                "Catatan, Hambatan, Solusi. Baris yang kolom isiannya kosong tidak mengubah data. Kolom lain "
                "dikunci; jangan mengubah kode, urutan kolom atau nama lembar."
            ),
            _kolom_kinerja(triwulan),
            tuple(kinerja),
        ),
        LembarTemplat(
            LEMBAR_ANGGARAN,
            _g("Realisasi Anggaran %(judul)s") % {"judul": judul},
            _g(
                "Isi Realisasi TW Ini (Rp): uang yang dibelanjakan dalam triwulan ini saja (bukan sejak Januari). "
                "Realisasi setahun tidak boleh melebihi pagu. Kosong: tidak diubah."
            ),
            (
                KolomTemplat(str(J_SUB), KUNCI, lebar=20),
                KolomTemplat(str(J_NAMA_SUB), INFO, lebar=40, bungkus=True),
                KolomTemplat(str(J_REK), KUNCI, lebar=18),
                KolomTemplat(str(J_URAIAN_REK), INFO, lebar=36, bungkus=True),
                KolomTemplat(str(A_PAGU), INFO, FORMAT_RUPIAH, lebar=18),
                KolomTemplat(str(A_SEBELUM), INFO, FORMAT_RUPIAH, lebar=18),
                KolomTemplat(str(A_JUMLAH), ISIAN, FORMAT_RUPIAH, lebar=18, minimum=Decimal("0")),
                KolomTemplat(str(H_ASAL), TERSEMBUNYI),
                KolomTemplat(str(H_VERSI), TERSEMBUNYI),
            ),
            tuple(anggaran),
        ),
        LembarTemplat(
            LEMBAR_FISIK,
            _g("Realisasi Fisik %(judul)s") % {"judul": judul},
            _g(
                "Isi Fisik Kumulatif TW Ini (%): kemajuan fisik sejak awal tahun, 0 sampai 100, tidak lebih kecil "
                "dari triwulan sebelumnya. Kosong: tidak diubah."
            ),
            (
                KolomTemplat(str(J_SUB), KUNCI, lebar=20),
                KolomTemplat(str(J_NAMA_SUB), INFO, lebar=50, bungkus=True),
                KolomTemplat(str(F_SEBELUM), INFO, FORMAT_PERSEN, lebar=16),
                KolomTemplat(
                    str(F_PERSEN), ISIAN, FORMAT_PERSEN, lebar=16, minimum=Decimal("0"), maksimum=Decimal("100")
                ),
                KolomTemplat(str(H_ASAL), TERSEMBUNYI),
                KolomTemplat(str(H_VERSI), TERSEMBUNYI),
            ),
            tuple(fisik),
        ),
    )
    meta = {**_meta_realisasi(unit, tahun, triwulan), "format": FORMAT_TEMPLAT, "dibuat": _waktu(dibuat)}
    return Templat(tuple(meta.items()), lembar)


def _waktu(t: datetime) -> str:
    return timezone.localtime(t).strftime("%Y-%m-%d %H:%M:%S")


def nama_templat_realisasi(unit: UnitKerja, tahun: int, triwulan: int) -> str:
    return f"templat-realisasi-{_slug(unit.kode)}-{tahun}-tw{triwulan}.xlsx"


def _slug(kode: str) -> str:
    return slugify(kode) or "x"


def tulis(templat: Templat) -> bytes:
    berkas = io.BytesIO()
    tulis_templat(templat, berkas)
    return berkas.getvalue()


# --- realisations of a unit's quarter: the check ------------------------------------------------------------------

KEPALA_REALISASI = {
    LEMBAR_KINERJA: (K_KODE, K_REALISASI, K_STATUS),
    LEMBAR_ANGGARAN: (J_SUB, J_REK, A_JUMLAH),
    LEMBAR_FISIK: (J_SUB, F_PERSEN),
}


def _cek_meta(buku: BukuTerbaca, jenis: str, harap: dict[str, Any], tampil: Callable[[dict], str]) -> str | None:
    """A file-level problem with the metadata, or None."""
    if not buku.ada_meta:
        return str(BUKAN_TEMPLAT)
    meta = buku.meta
    jenis_berkas = teks(meta.get("jenis"))
    if jenis_berkas != jenis:
        nama = dict(ImporBerkas.Jenis.choices)
        return str(
            JENIS_LAIN
            % {
                "berkas": str(nama.get(jenis_berkas, jenis_berkas or "?")).lower(),
                "halaman": str(nama[jenis]).lower(),
            }
        )
    if _bulat(meta.get("format")) != FORMAT_TEMPLAT:
        return str(FORMAT_LAIN)
    berkas = {k: (teks(meta.get(k)) if isinstance(v, str) else _bulat(meta.get(k))) for k, v in harap.items()}
    if berkas != harap:
        return str(TEMPLAT_LAIN % {"berkas": tampil(berkas), "halaman": tampil(harap)})
    return None


def _tampil_realisasi(m: dict) -> str:
    tw = m.get("triwulan")
    periode = label_triwulan(tw, m.get("tahun")) if tw in (1, 2, 3, 4) else f"{m.get('tahun')} TW {tw}"
    return _g("unit %(unit)s (%(pd)s), %(periode)s") % {"unit": m.get("unit"), "pd": _pd_meta(m), "periode": periode}


def _pd_meta(m: dict) -> str:
    """The PD of a template's metadata as people read it: its code and its pemda's (the same code is in every pemda)."""
    return _g("%(pd)s pemda %(pemda)s") % {"pd": m.get("pd"), "pemda": m.get("pemda")}


def _lembar(buku: BukuTerbaca, nama: str, hasil: Pemeriksaan) -> _Lembar | None:
    t = buku.lembar.get(nama)
    if t is None:
        hasil.galat.append(Galat(nama, None, "", "", str(LEMBAR_TIDAK_ADA % {"lembar": nama})))
        return None
    hasil.jumlah_baris += len(t.baris)
    lembar = _Lembar(t, hasil.galat)
    for nomor, huruf, judul in t.rumus:  # a formula is no value: refused at its cell, the other checks wait
        hasil.galat.append(Galat(nama, nomor, huruf, judul, str(BERISI_RUMUS % {"sel": f"{huruf}{nomor}"})))
    if t.jumlah_rumus > len(t.rumus):
        lembar.galat(None, "", RUMUS_LAIN % {"jumlah": format_angka(t.jumlah_rumus - len(t.rumus), 0)})
    return lembar


def _status(teks_status: str) -> str | None:
    """A status as typed (its label from the list, or its stored value) → its value; "" → final (the form's
    default); unknown → None."""
    if not teks_status:
        return RealisasiKinerja.Status.FINAL
    cari = teks_status.casefold()
    for nilai, label in RealisasiKinerja.Status.choices:
        if cari in (str(label).casefold(), nilai):
            return nilai
    return None


def _konflik(lembar: _Lembar, nomor: int, judul, baris, nilai_tampil: str) -> None:
    oleh = baris.updated_by.get_full_name() or baris.updated_by.username if baris.updated_by else "—"
    pada = timezone.localtime(baris.updated_at).strftime("%d-%m-%Y %H.%M") if baris.updated_at else "—"
    lembar.galat(
        nomor, judul, f"{services.SUDAH_DIUBAH} {DIUBAH_OLEH % {'oleh': oleh, 'pada': pada, 'nilai': nilai_tampil}}"
    )


def _kunci_baris_unit(unit: UnitKerja, tahun: int, triwulan: int) -> None:
    """Inside the apply transaction: hold the unit's quarter and its rows until the commit (PostgreSQL; SQLite
    serialises writers with BEGIN IMMEDIATE), so a submit or a web save cannot slip in between check and write."""
    list(PelaporanTriwulan.objects.select_for_update().filter(unit_kerja=unit, tahun=tahun, triwulan=triwulan))
    for qs in services.baris_unit(unit, tahun, triwulan):
        list(qs.model.objects.select_for_update().filter(pk__in=qs.values("pk")).values_list("pk", flat=True))


def periksa_realisasi(
    *, unit: UnitKerja, tahun: int, triwulan: int, berkas: io.BytesIO, kunci: bool = False
) -> Pemeriksaan:
    """Check a realisation workbook of a unit's quarter (see the module's docstring). The sheets are read only once
    the metadata fits and the quarter is open, and each at most as far as the rows of the unit's template go (plus
    LEBIH_BARIS)."""
    try:
        with buka_templat(berkas) as buku:
            return _periksa_realisasi(buku, unit=unit, tahun=tahun, triwulan=triwulan, kunci=kunci)
    except BerkasTidakSah as e:
        return Pemeriksaan().berkas(e)


def _periksa_realisasi(buku: BukuTerbaca, *, unit: UnitKerja, tahun: int, triwulan: int, kunci: bool) -> Pemeriksaan:
    hasil = Pemeriksaan()
    masalah = _cek_meta(buku, ImporBerkas.Jenis.REALISASI, _meta_realisasi(unit, tahun, triwulan), _tampil_realisasi)
    if masalah:
        return hasil.berkas(masalah)
    if kunci:
        _kunci_baris_unit(unit, tahun, triwulan)
    try:
        services.cek_dapat_diisi(unit, tahun, triwulan)
    except services.KinerjaError as e:
        return hasil.berkas(e)

    entri = selectors.entri_unit(unit, tahun, triwulan)
    buku.baca(
        {k: tuple(str(j) for j in v) for k, v in KEPALA_REALISASI.items()},
        {
            LEMBAR_KINERJA: len(entri.kinerja) + LEBIH_BARIS,
            LEMBAR_ANGGARAN: len(entri.anggaran) + LEBIH_BARIS,
            LEMBAR_FISIK: len(entri.fisik) + LEBIH_BARIS,
        },
    )
    lembar_k = _lembar(buku, LEMBAR_KINERJA, hasil)
    lembar_a = _lembar(buku, LEMBAR_ANGGARAN, hasil)
    lembar_f = _lembar(buku, LEMBAR_FISIK, hasil)
    if hasil.galat:
        return hasil

    rencana_k = _periksa_kinerja(lembar_k, entri, unit, hasil)
    rencana_a = _periksa_anggaran(lembar_a, entri, unit, triwulan, hasil)
    rencana_f = _periksa_fisik(lembar_f, entri, unit, hasil)
    if hasil.galat:
        return hasil

    def tulis_semua(user, alasan: str) -> None:
        sekarang = timezone.now()
        for model, (baru, ubah, bidang) in (
            (RealisasiKinerja, rencana_k),
            (RealisasiAnggaran, rencana_a),
            (RealisasiFisik, rencana_f),
        ):
            for obj in baru:
                obj.tahun, obj.triwulan, obj.updated_by = tahun, triwulan, user
            for obj in ubah:
                obj.version += 1
                obj.updated_by, obj.updated_at = user, sekarang
                if obj.tahap == Tahap.DIKEMBALIKAN:
                    obj.tahap = Tahap.DRAF
            _tulis_bulk(model, baru, ubah, [*bidang, "tahap", "version", "updated_by", "updated_at"], user, alasan)

    hasil.tulis = tulis_semua
    return hasil


def _tulis_bulk(model, baru: list, ubah: list, bidang: list[str], user, alasan: str) -> None:
    if baru:
        bulk_create_with_history(baru, model, batch_size=UKURAN_BATCH, default_user=user, default_change_reason=alasan)
    if ubah:
        bulk_update_with_history(
            ubah, model, bidang, batch_size=UKURAN_BATCH_UBAH, default_user=user, default_change_reason=alasan
        )


BIDANG_KINERJA = ["nilai", "label", "status", "catatan", "hambatan", "solusi"]
JUDUL_KINERJA = {
    "nilai": K_REALISASI,
    "label": K_LABEL,
    "status": K_STATUS,
    "catatan": K_CATATAN,
    "hambatan": K_HAMBATAN,
    "solusi": K_SOLUSI,
}


def _rinci_kinerja(
    nomor: int, ind, ini: RealisasiKinerja | None, isi: dict[str, Any], judul: dict[str, str], status: dict[str, str]
) -> dict[str, Any]:
    """A kinerja row for the preview: a changed row with the fields that differ, a new one with what it holds (its
    status always). Read before the row is updated in memory."""
    bidang = []
    for nama in BIDANG_KINERJA:
        sesudah = isi[nama]
        sebelum = getattr(ini, nama) if ini is not None else None
        if (ini is not None and sebelum == sesudah) or (ini is None and sesudah in (None, "")):
            continue
        if nama == "nilai":
            bidang.append(_bidang(judul[nama], ANGKA, sebelum, sesudah, ind.desimal))
        elif nama == "status":
            bidang.append(_bidang(judul[nama], TEKS, status.get(sebelum) if sebelum else None, status[sesudah]))
        else:
            bidang.append(_bidang(judul[nama], TEKS, sebelum or None, sesudah or None))
    return _rinci(nomor, BARU if ini is None else DIUBAH, (ind.kode, ind.uraian), bidang)


def _periksa_kinerja(lembar: _Lembar, entri: selectors.EntriUnit, unit: UnitKerja, hasil: Pemeriksaan):
    baru: list[RealisasiKinerja] = []
    ubah: list[RealisasiKinerja] = []
    jumlah = _ringkas()
    if not lembar.cek_kolom((K_KODE, K_REALISASI, K_LABEL, K_STATUS, K_CATATAN, K_HAMBATAN, K_SOLUSI, H_VERSI)):
        return baru, ubah, BIDANG_KINERJA
    peta = {b.indikator.kode: b for b in entri.kinerja}
    dilihat: dict[str, int] = {}
    judul_form = {**JUDUL_KINERJA, "version": H_VERSI}
    pilihan = ", ".join(str(label) for _v, label in RealisasiKinerja.Status.choices)
    label_status = {v: str(label) for v, label in RealisasiKinerja.Status.choices}
    judul_rinci = {k: str(j) for k, j in JUDUL_KINERJA.items()}
    rincian: list[dict[str, Any]] = []
    for nomor, baris in lembar.t.baris:
        kode = teks(lembar.nilai(baris, K_KODE))
        if not lembar.cek_asal(nomor, baris, ((K_KODE, kode),)):
            continue
        b = peta.get(kode)
        if b is None:
            lembar.galat(nomor, K_KODE, KODE_TIDAK_DIKENAL % {"kode": kode or "—", "unit": unit.nama})
            continue
        if kode in dilihat:
            lembar.galat(nomor, K_KODE, BARIS_GANDA % {"kode": kode, "baris": dilihat[kode]})
            continue
        dilihat[kode] = nomor
        nilai, ok = lembar.angka(nomor, baris, K_REALISASI)
        isian = {
            "label": teks(lembar.nilai(baris, K_LABEL)),
            "status_teks": teks(lembar.nilai(baris, K_STATUS)),
            "catatan": teks(lembar.nilai(baris, K_CATATAN)),
            "hambatan": teks(lembar.nilai(baris, K_HAMBATAN)),
            "solusi": teks(lembar.nilai(baris, K_SOLUSI)),
        }
        if not ok:
            continue
        if nilai is None and not any(isian.values()):
            jumlah["tetap"] += 1  # an empty row changes nothing
            continue
        status = _status(isian.pop("status_teks"))
        if status is None:
            lembar.galat(
                nomor,
                K_STATUS,
                STATUS_TIDAK_DIKENAL % {"status": teks(lembar.nilai(baris, K_STATUS)), "pilihan": pilihan},
            )
            continue
        ind = b.indikator
        form = RealisasiKinerjaForm(
            {**isian, "nilai": nilai, "status": status, "version": _bulat(lembar.nilai(baris, H_VERSI))},
            satuan=ind.satuan,
            desimal=ind.desimal,
        )
        if not form.is_valid():
            _galat_form(lembar, nomor, form, judul_form)
            continue
        d = form.cleaned_data
        isi = {
            "nilai": d["nilai"],
            "label": d["label"].strip(),
            "status": d["status"],
            "catatan": d["catatan"],
            "hambatan": d["hambatan"],
            "solusi": d["solusi"],
        }
        try:
            services.cek_isian_kinerja(nilai=isi["nilai"], label=isi["label"], status=isi["status"])
        except services.KinerjaError as e:
            lembar.galat(nomor, K_REALISASI, e)
            continue
        ini = b.ini
        if ini is not None and all(getattr(ini, k) == v for k, v in isi.items()):
            jumlah["tetap"] += 1
            continue
        try:
            services.cek_versi(baris=ini, version=d["version"])
        except services.KonflikVersi:
            _konflik(
                lembar,
                nomor,
                K_REALISASI,
                ini,
                format_angka(ini.nilai, ind.desimal) if ini.nilai is not None else ini.label,
            )  # type: ignore[union-attr]
            continue
        rinci = (
            _rinci_kinerja(nomor, ind, ini, isi, judul_rinci, label_status) if len(rincian) < BATAS_RINCIAN else None
        )
        obj = ini if ini is not None else RealisasiKinerja(indikator=ind, tahun=entri.tahun, triwulan=entri.triwulan)
        for k, v in isi.items():
            setattr(obj, k, v)
        try:  # the field checks the service runs (decimal places and digits of the value, lengths)
            obj.full_clean(exclude=["indikator", "updated_by"], validate_unique=False, validate_constraints=False)
        except ValidationError as e:
            _galat_validasi(lembar, nomor, e, judul_form, K_REALISASI)
            continue
        if rinci is not None:
            rincian.append(rinci)
        if ini is None:
            baru.append(obj)
            jumlah["baru"] += 1
        else:
            ubah.append(obj)
            jumlah["diubah"] += 1
    hasil.ringkasan[lembar.nama] = jumlah
    if rincian:
        hasil.rincian[lembar.nama] = rincian
    return baru, ubah, BIDANG_KINERJA


def _cek_bidang(model, nama: str, nilai: Decimal, lembar: _Lembar, nomor: int, judul) -> bool:
    """The model field's own checks (digits and decimal places), as full_clean() would run them."""
    try:
        model._meta.get_field(nama).run_validators(nilai)
    except ValidationError as e:
        for p in e.messages:
            lembar.galat(nomor, judul, p)
        return False
    return True


def _periksa_anggaran(lembar: _Lembar, entri: selectors.EntriUnit, unit: UnitKerja, triwulan: int, hasil):
    baru: list[RealisasiAnggaran] = []
    ubah: list[RealisasiAnggaran] = []
    jumlah = _ringkas()
    if not lembar.cek_kolom((J_SUB, J_REK, A_JUMLAH, H_VERSI)):
        return baru, ubah, ["jumlah"]
    peta = {(b.sub_kegiatan.kode, b.rekening.kode): b for b in entri.anggaran}
    dilihat: dict[tuple[str, str], int] = {}
    rincian: list[dict[str, Any]] = []
    judul_rinci = str(A_JUMLAH)
    for nomor, baris in lembar.t.baris:
        sub, rek = teks(lembar.nilai(baris, J_SUB)), teks(lembar.nilai(baris, J_REK))
        if not lembar.cek_asal(nomor, baris, ((J_SUB, sub), (J_REK, rek))):
            continue
        b = peta.get((sub, rek))
        if b is None:
            lembar.galat(
                nomor, J_REK if sub else J_SUB, KODE_TIDAK_DIKENAL % {"kode": _kunci(sub, rek), "unit": unit.nama}
            )
            continue
        if (sub, rek) in dilihat:
            lembar.galat(nomor, J_REK, BARIS_GANDA % {"kode": _kunci(sub, rek), "baris": dilihat[(sub, rek)]})
            continue
        dilihat[(sub, rek)] = nomor
        nilai, ok = lembar.angka(nomor, baris, A_JUMLAH)
        if not ok:
            continue
        if nilai is None:
            jumlah["tetap"] += 1
            continue
        form = RealisasiAnggaranForm({"jumlah": nilai, "version": _bulat(lembar.nilai(baris, H_VERSI))})
        if not form.is_valid():
            _galat_form(lembar, nomor, form, {"jumlah": A_JUMLAH, "version": H_VERSI})
            continue
        nilai = form.cleaned_data["jumlah"]
        if not _cek_bidang(RealisasiAnggaran, "jumlah", nilai, lembar, nomor, A_JUMLAH):
            continue
        lain = b.tahunan + sum(
            (r.jumlah for t, r in enumerate(b.per_triwulan, 1) if r is not None and t != triwulan), hitung.NOL
        )
        try:
            services.cek_realisasi_anggaran(jumlah=nilai, pagu=b.pagu, lain=lain)
        except services.KinerjaError as e:
            lembar.galat(nomor, A_JUMLAH, e)
            continue
        ini = b.ini
        if ini is not None and ini.jumlah == nilai:
            jumlah["tetap"] += 1
            continue
        try:
            services.cek_versi(baris=ini, version=form.cleaned_data["version"])
        except services.KonflikVersi:
            _konflik(lembar, nomor, A_JUMLAH, ini, format_rupiah(ini.jumlah))  # type: ignore[union-attr]
            continue
        if len(rincian) < BATAS_RINCIAN:
            rincian.append(
                _rinci(
                    nomor,
                    BARU if ini is None else DIUBAH,
                    (sub, rek),
                    [_bidang(judul_rinci, RUPIAH, ini.jumlah if ini is not None else None, nilai)],
                )
            )
        if ini is None:
            baru.append(RealisasiAnggaran(sub_kegiatan=b.sub_kegiatan, rekening=b.rekening, jumlah=nilai))
            jumlah["baru"] += 1
        else:
            ini.jumlah = nilai
            ubah.append(ini)
            jumlah["diubah"] += 1
    hasil.ringkasan[lembar.nama] = jumlah
    if rincian:
        hasil.rincian[lembar.nama] = rincian
    return baru, ubah, ["jumlah"]


def _periksa_fisik(lembar: _Lembar, entri: selectors.EntriUnit, unit: UnitKerja, hasil):
    baru: list[RealisasiFisik] = []
    ubah: list[RealisasiFisik] = []
    jumlah = _ringkas()
    if not lembar.cek_kolom((J_SUB, F_PERSEN, H_VERSI)):
        return baru, ubah, ["persen"]
    peta = {b.sub_kegiatan.kode: b for b in entri.fisik}
    dilihat: dict[str, int] = {}
    rincian: list[dict[str, Any]] = []
    judul_rinci = str(F_PERSEN)
    for nomor, baris in lembar.t.baris:
        sub = teks(lembar.nilai(baris, J_SUB))
        if not lembar.cek_asal(nomor, baris, ((J_SUB, sub),)):
            continue
        b = peta.get(sub)
        if b is None:
            lembar.galat(nomor, J_SUB, KODE_TIDAK_DIKENAL % {"kode": sub or "—", "unit": unit.nama})
            continue
        if sub in dilihat:
            lembar.galat(nomor, J_SUB, BARIS_GANDA % {"kode": sub, "baris": dilihat[sub]})
            continue
        dilihat[sub] = nomor
        nilai, ok = lembar.angka(nomor, baris, F_PERSEN)
        if not ok:
            continue
        if nilai is None:
            jumlah["tetap"] += 1
            continue
        form = RealisasiFisikForm({"persen": nilai, "version": _bulat(lembar.nilai(baris, H_VERSI))})
        if not form.is_valid():
            _galat_form(lembar, nomor, form, {"persen": F_PERSEN, "version": H_VERSI})
            continue
        nilai = form.cleaned_data["persen"]
        try:
            services.cek_realisasi_fisik(persen=nilai, sebelum=b.sebelumnya.persen if b.sebelumnya else None)
        except services.KinerjaError as e:
            lembar.galat(nomor, F_PERSEN, e)
            continue
        if not _cek_bidang(RealisasiFisik, "persen", nilai, lembar, nomor, F_PERSEN):
            continue
        ini = b.ini
        if ini is not None and ini.persen == nilai:
            jumlah["tetap"] += 1
            continue
        try:
            services.cek_versi(baris=ini, version=form.cleaned_data["version"])
        except services.KonflikVersi:
            _konflik(lembar, nomor, F_PERSEN, ini, f"{format_angka(ini.persen)}%")  # type: ignore[union-attr]
            continue
        if len(rincian) < BATAS_RINCIAN:
            rincian.append(
                _rinci(
                    nomor,
                    BARU if ini is None else DIUBAH,
                    (sub,),
                    [_bidang(judul_rinci, PERSEN, ini.persen if ini is not None else None, nilai)],
                )
            )
        if ini is None:
            baru.append(RealisasiFisik(sub_kegiatan=b.sub_kegiatan, persen=nilai))
            jumlah["baru"] += 1
        else:
            ini.persen = nilai
            ubah.append(ini)
            jumlah["diubah"] += 1
    hasil.ringkasan[lembar.nama] = jumlah
    if rincian:
        hasil.rincian[lembar.nama] = rincian
    return baru, ubah, ["persen"]


# --- the DPA of a PD: the template ----------------------------------------------------------------------------


def jejak_versi(pd: PerangkatDaerah, tahun: int, versi: str) -> str:
    """A fingerprint of a DPA version's lines (sub kegiatan, account, pagu): written into the template and compared
    when the file comes back, so lines changed meanwhile are not overwritten or removed unseen."""
    h = hashlib.sha256()
    for sub_id, rek_id, jumlah in (
        PaguAnggaran.objects.filter(versi__pd=pd, versi__tahun=tahun, versi__versi=versi)
        .order_by("sub_kegiatan_id", "rekening_id")
        .values_list("sub_kegiatan_id", "rekening_id", "jumlah")
    ):
        h.update(f"{sub_id}:{rek_id}:{jumlah.normalize():f};".encode())
    return h.hexdigest()


def _meta_dpa(pd: PerangkatDaerah, tahun: int, versi: str) -> dict[str, Any]:
    return {"jenis": ImporBerkas.Jenis.DPA.value, "pemda": pd.pemda.kode, "pd": pd.kode, "tahun": tahun, "versi": versi}


def _kolom_dpa() -> tuple[KolomTemplat, ...]:
    return (
        KolomTemplat(str(D_PROGRAM), INFO, lebar=30, bungkus=True),
        KolomTemplat(str(D_KEGIATAN), INFO, lebar=30, bungkus=True),
        KolomTemplat(str(J_SUB), KUNCI, lebar=20),
        KolomTemplat(str(J_NAMA_SUB), INFO, lebar=36, bungkus=True),
        KolomTemplat(str(J_REK), KUNCI, lebar=18),
        KolomTemplat(str(J_URAIAN_REK), INFO, lebar=36, bungkus=True),
        KolomTemplat(str(D_PAGU), ISIAN, FORMAT_RUPIAH, lebar=18, minimum=Decimal("0")),
        KolomTemplat(str(H_ASAL), TERSEMBUNYI),
    )


def _sub_pd(pd: PerangkatDaerah) -> list[SubKegiatan]:
    return list(
        SubKegiatan.objects.filter(kegiatan__program__pd=pd)
        .select_related("kegiatan__program")
        .order_by("kegiatan__program__urutan", "kegiatan__urutan", "urutan", "kode")
    )


def templat_dpa(*, pd: PerangkatDaerah, tahun: int, versi: str, dibuat: datetime | None = None) -> Templat:
    """The workbook of a DPA version: one row per line (sub kegiatan × account) with its pagu; for a version without
    lines, the lines of the murni version (for a perubahan) or one row per sub kegiatan with the account to type;
    then open rows for new lines."""
    dibuat = dibuat or timezone.now()
    garis = list(
        PaguAnggaran.objects.filter(versi__pd=pd, versi__tahun=tahun, versi__versi=versi).select_related(
            "sub_kegiatan__kegiatan__program", "rekening"
        )
    )
    if not garis and versi == VersiAnggaran.Versi.PERUBAHAN:
        garis = list(
            PaguAnggaran.objects.filter(
                versi__pd=pd, versi__tahun=tahun, versi__versi=VersiAnggaran.Versi.MURNI
            ).select_related("sub_kegiatan__kegiatan__program", "rekening")
        )
    baris: list[BarisTemplat] = []
    kolom = _kolom_dpa()
    i_rek = next(i for i, k in enumerate(kolom) if k.judul == str(J_REK))

    def awal(sk: SubKegiatan) -> tuple:
        keg, prog = sk.kegiatan, sk.kegiatan.program
        return (f"{prog.kode} {prog.nama}", f"{keg.kode} {keg.nama}", sk.kode, sk.nama)

    if garis:
        garis.sort(
            key=lambda g: (
                g.sub_kegiatan.kegiatan.program.urutan,
                hitung.kunci_kode(g.sub_kegiatan.kode),
                hitung.kunci_kode(g.rekening.kode),
            )
        )
        for g in garis:
            baris.append(
                BarisTemplat(
                    (
                        *awal(g.sub_kegiatan),
                        g.rekening.kode,
                        g.rekening.uraian,
                        g.jumlah,
                        _kunci(g.sub_kegiatan.kode, g.rekening.kode),
                    )
                )
            )
        n_sub = len({g.sub_kegiatan_id for g in garis})
    else:
        subs = _sub_pd(pd)
        for sk in subs:
            baris.append(BarisTemplat((*awal(sk), None, None, None, _kunci(sk.kode, "")), terbuka=frozenset({i_rek})))
        n_sub = len(subs)
    terbuka = _baris_terbuka(n_sub)
    label_versi = dict(VersiAnggaran.Versi.choices)[versi]
    lembar = LembarTemplat(
        LEMBAR_DPA,
        _g("DPA %(versi)s %(pd)s Tahun %(tahun)s") % {"versi": label_versi, "pd": pd.nama, "tahun": tahun},
        _g(
            "Berkas ini adalah DPA %(versi)s selengkapnya. Ubah Pagu (Rp) pada kolom berwarna. Baris baru: isi Kode "
            "Sub Kegiatan, Kode Rekening dan Pagu pada baris kosong di bawah (perlu lebih banyak baris: buka proteksi "
            "lembar, tanpa kata sandi). Pagu yang dikosongkan menghapus barisnya dari DPA. Jangan mengubah kode "
            "baris yang sudah ada."
        )
        % {"versi": str(label_versi).lower()},
        kolom,
        tuple(baris),
        baris_terbuka=terbuka,
    )
    meta = {
        **_meta_dpa(pd, tahun, versi),
        "format": FORMAT_TEMPLAT,
        "jejak": jejak_versi(pd, tahun, versi),
        "dibuat": _waktu(dibuat),
    }
    return Templat(tuple(meta.items()), (lembar,))


def _baris_terbuka(n_sub: int) -> int:
    """The open rows under the lines of a DPA template, for new lines."""
    return min(10_000, max(500, 3 * n_sub))


def nama_templat_dpa(pd: PerangkatDaerah, tahun: int, versi: str) -> str:
    return f"templat-dpa-{versi}-{_slug(pd.singkatan or pd.kode)}-{tahun}.xlsx"


# --- the DPA of a PD: the check -----------------------------------------------------------------------------------


def _tampil_dpa(m: dict) -> str:
    return _g("DPA %(versi)s %(pd)s tahun %(tahun)s") % {
        "versi": m.get("versi"),
        "pd": _pd_meta(m),
        "tahun": m.get("tahun"),
    }


def periksa_dpa(*, pd: PerangkatDaerah, tahun: int, versi: str, berkas: io.BytesIO, kunci: bool = False) -> Pemeriksaan:
    """Check a DPA workbook (see the module's docstring). The sheet is read only once the metadata fits and the
    version is unchanged, and at most as far as :func:`batas_baris_dpa` goes."""
    try:
        with buka_templat(berkas) as buku:
            return _periksa_dpa(buku, pd=pd, tahun=tahun, versi=versi, kunci=kunci)
    except BerkasTidakSah as e:
        return Pemeriksaan().berkas(e)


def batas_baris_dpa(*, garis_templat: int, n_sub: int) -> int:
    """The rows a DPA sheet may hold: the rows of its template (its lines, or one per sub kegiatan, and the open
    rows) or BARIS_PER_SUB_DPA lines per sub kegiatan of the PD, whichever is more, plus LEBIH_BARIS."""
    return max(garis_templat + _baris_terbuka(n_sub), BARIS_PER_SUB_DPA * n_sub) + LEBIH_BARIS


def _periksa_dpa(buku: BukuTerbaca, *, pd: PerangkatDaerah, tahun: int, versi: str, kunci: bool) -> Pemeriksaan:
    hasil = Pemeriksaan()
    masalah = _cek_meta(buku, ImporBerkas.Jenis.DPA, _meta_dpa(pd, tahun, versi), _tampil_dpa)
    if masalah:
        return hasil.berkas(masalah)
    versi_obj = VersiAnggaran.objects.filter(pd=pd, tahun=tahun, versi=versi).first()
    if kunci and versi_obj is not None:
        VersiAnggaran.objects.select_for_update().filter(pk=versi_obj.pk).first()
    if teks(buku.meta.get("jejak")) != jejak_versi(pd, tahun, versi):
        return hasil.berkas(DPA_BERUBAH)

    # everything the rules need, up front
    sub_daftar = list(SubKegiatan.objects.filter(kegiatan__program__pd=pd).only("pk", "kode", "nama"))
    sub_peta: dict[str, SubKegiatan] = {}
    sub_ganda: set[str] = set()
    for sk in sub_daftar:
        if sk.kode in sub_peta:
            sub_ganda.add(sk.kode)
        sub_peta[sk.kode] = sk
    lama: dict[tuple[int, int], PaguAnggaran] = {}
    if versi_obj is not None:
        lama = {(g.sub_kegiatan_id, g.rekening_id): g for g in PaguAnggaran.objects.filter(versi=versi_obj)}
    garis_templat = len(lama)
    if not garis_templat and versi == VersiAnggaran.Versi.PERUBAHAN:  # the template held the murni's lines
        garis_templat = PaguAnggaran.objects.filter(
            versi__pd=pd, versi__tahun=tahun, versi__versi=VersiAnggaran.Versi.MURNI
        ).count()
    batas = batas_baris_dpa(garis_templat=garis_templat or len(sub_daftar), n_sub=len(sub_daftar))
    buku.baca({LEMBAR_DPA: (str(J_SUB), str(J_REK), str(D_PAGU))}, {LEMBAR_DPA: batas})
    lembar = _lembar(buku, LEMBAR_DPA, hasil)
    if lembar is None or hasil.galat or not lembar.cek_kolom((J_SUB, J_REK, D_PAGU, H_ASAL)):
        return hasil
    rek_peta = {r.kode: r for r in Rekening.objects.only("pk", "kode", "uraian")}

    judul_form = {"sub_kegiatan": J_SUB, "rekening": J_REK, "jumlah": D_PAGU}
    berkas_garis: dict[tuple[int, int], tuple[int, Decimal]] = {}  # (sub, account) → (row, pagu)
    kosong: dict[tuple[int, int], int] = {}  # existing lines whose pagu was emptied → row
    per_sub: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for nomor, baris in lembar.t.baris:
        sub, rek = teks(lembar.nilai(baris, J_SUB)), teks(lembar.nilai(baris, J_REK))
        if not lembar.cek_asal(nomor, baris, ((J_SUB, sub), (J_REK, rek))):
            continue
        nilai, ok = lembar.angka(nomor, baris, D_PAGU)
        if not ok:
            continue
        if nilai is None:  # no pagu: not a line (an existing one is removed)
            sk, r = sub_peta.get(sub), rek_peta.get(rek)
            if sk is not None and r is not None and (sk.pk, r.pk) in lama:
                kosong.setdefault((sk.pk, r.pk), nomor)
            continue
        bersih, salah = PaguForm.periksa({"sub_kegiatan": sub, "rekening": rek, "jumlah": nilai})
        if salah:
            for nama, daftar in salah.items():
                for p in daftar:
                    lembar.galat(nomor, judul_form[nama], p)
            continue
        sk = sub_peta.get(sub)
        if sk is None:
            lembar.galat(nomor, J_SUB, SUB_BUKAN_PD % {"kode": sub, "pd": pd.nama})
            continue
        if sub in sub_ganda:
            lembar.galat(nomor, J_SUB, SUB_KODE_GANDA % {"kode": sub, "pd": pd.nama})
            continue
        r = rek_peta.get(rek)
        if r is None:
            lembar.galat(nomor, J_REK, REKENING_TIDAK_ADA % {"kode": rek})
            continue
        kunci_garis = (sk.pk, r.pk)
        if kunci_garis in berkas_garis:
            lembar.galat(nomor, J_REK, BARIS_GANDA % {"kode": _kunci(sub, rek), "baris": berkas_garis[kunci_garis][0]})
            continue
        berkas_garis[kunci_garis] = (nomor, bersih["jumlah"])
        per_sub[sk.pk].append((rek, nomor))

    kode_sub = {sk.pk: kode for kode, sk in sub_peta.items()}
    kode_rek = {r.pk: kode for kode, r in rek_peta.items()}
    for sub_id, daftar in per_sub.items():
        nomor_rek = dict(daftar)
        for induk, kode in services.rekening_bertumpuk(nomor_rek):
            lembar.galat(
                nomor_rek[kode],
                J_REK,
                REKENING_BERTUMPUK % {"kode": kode, "induk": induk, "sub": kode_sub[sub_id], "baris": nomor_rek[induk]},
            )

    hapus = [g for k, g in lama.items() if k not in berkas_garis]
    if hapus:
        sudah = {
            (s, r): j
            for s, r, j in RealisasiAnggaran.objects.filter(
                sub_kegiatan_id__in={g.sub_kegiatan_id for g in hapus}, tahun=tahun
            )
            .values_list("sub_kegiatan_id", "rekening_id")
            .annotate(j=Sum("jumlah"), n=Count("pk"))
            .values_list("sub_kegiatan_id", "rekening_id", "j")
        }
        for g in hapus:
            k = (g.sub_kegiatan_id, g.rekening_id)
            if k in sudah:
                lembar.galat(
                    kosong.get(k),
                    D_PAGU,
                    BARIS_BERREALISASI
                    % {
                        "sub": kode_sub.get(g.sub_kegiatan_id, "?"),
                        "rek": kode_rek.get(g.rekening_id, "?"),
                        "jumlah": format_rupiah(sudah[k]),
                    },
                )
    if hasil.galat:
        return hasil

    baru, ubah = [], []
    total_lama = sum((g.jumlah for g in lama.values()), Decimal("0"))
    total_baru = sum((j for _n, j in berkas_garis.values()), Decimal("0"))
    tetap = 0
    rincian: list[dict[str, Any]] = []
    judul_rinci = str(D_PAGU)
    for (sub_id, rek_id), (nomor, jumlah) in berkas_garis.items():
        g = lama.get((sub_id, rek_id))
        if g is None:
            baru.append(PaguAnggaran(sub_kegiatan_id=sub_id, rekening_id=rek_id, jumlah=jumlah))
            if len(rincian) < BATAS_RINCIAN:
                rincian.append(
                    _rinci(
                        nomor, BARU, (kode_sub[sub_id], kode_rek[rek_id]), [_bidang(judul_rinci, RUPIAH, None, jumlah)]
                    )
                )
        elif g.jumlah != jumlah:
            if len(rincian) < BATAS_RINCIAN:
                rincian.append(
                    _rinci(
                        nomor,
                        DIUBAH,
                        (kode_sub[sub_id], kode_rek[rek_id]),
                        [_bidang(judul_rinci, RUPIAH, g.jumlah, jumlah)],
                    )
                )
            g.jumlah = jumlah
            ubah.append(g)
        else:
            tetap += 1
    # removed lines: at their emptied row, or (missing from the file) after the rows; the first BATAS_RINCIAN of
    # the changes and of the removals merged in row order are the first BATAS_RINCIAN of all
    dihapus = [
        (
            kosong.get((g.sub_kegiatan_id, g.rekening_id)),
            kode_sub.get(g.sub_kegiatan_id, "?"),
            kode_rek.get(g.rekening_id, "?"),
            g.jumlah,
        )
        for g in hapus
    ]
    dihapus.sort(key=lambda t: (t[0] is None, t[0] or 0, hitung.kunci_kode(t[1]), hitung.kunci_kode(t[2])))
    for nomor, sub, rek, pagu_lama in dihapus[:BATAS_RINCIAN]:
        rincian.append(_rinci(nomor, DIHAPUS, (sub, rek), [_bidang(judul_rinci, RUPIAH, pagu_lama, None)]))
    rincian.sort(key=lambda r: (r["baris"] is None, r["baris"] or 0))
    if rincian:
        hasil.rincian[LEMBAR_DPA] = rincian[:BATAS_RINCIAN]
    hasil.ringkasan[LEMBAR_DPA] = _ringkas(len(baru), len(ubah), tetap, dihapus=len(hapus))
    hasil.ringkasan["total_pagu"] = {"sebelum": str(total_lama), "sesudah": str(total_baru)}

    def tulis_dpa(user, alasan: str) -> None:
        v = versi_obj
        if v is None:
            v = VersiAnggaran(pd=pd, tahun=tahun, versi=versi)
            v._change_reason = alasan
            v.save()
        urutan = max((g.urutan for g in lama.values()), default=0)
        for n, g in enumerate(baru, 1):
            g.versi, g.urutan = v, urutan + n
        _tulis_bulk(PaguAnggaran, baru, ubah, ["jumlah"], user, alasan)
        for g in hapus:
            g._change_reason = alasan
            g._history_user = user
            g.delete()

    hasil.tulis = tulis_dpa
    return hasil


# --- preview and apply ------------------------------------------------------------------------------------------


def _periksa(impor: ImporBerkas, berkas: io.BytesIO, *, kunci: bool) -> Pemeriksaan:
    if impor.jenis == ImporBerkas.Jenis.REALISASI:
        return periksa_realisasi(
            unit=impor.unit, tahun=impor.tahun, triwulan=impor.triwulan, berkas=berkas, kunci=kunci
        )  # type: ignore[arg-type]
    return periksa_dpa(pd=impor.pd, tahun=impor.tahun, versi=impor.versi, berkas=berkas, kunci=kunci)


def _catat(impor: ImporBerkas, hasil: Pemeriksaan) -> None:
    impor.galat = [g.dict() for g in hasil.galat[:BATAS_GALAT]]
    impor.ringkasan = {**hasil.ringkasan, "jumlah_galat": hasil.galat.jumlah}
    if not hasil.galat:  # a refused file shows its problems only
        impor.ringkasan["rincian"] = hasil.rincian
    impor.jumlah_baris = hasil.jumlah_baris


def _baru(
    *,
    data: bytes,
    nama: str,
    user,
    pd: PerangkatDaerah,
    tahun: int,
    unit: UnitKerja | None,
    triwulan: int | None,
    versi: str,
) -> ImporBerkas:
    return ImporBerkas(
        jenis=ImporBerkas.Jenis.REALISASI if unit is not None else ImporBerkas.Jenis.DPA,
        pd=pd,
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        versi=versi,
        nama_asli=(nama or "berkas.xlsx")[:255],
        ukuran=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        created_by=user,
    )


def _pratinjau(impor: ImporBerkas, data: bytes) -> None:
    hasil = _periksa(impor, io.BytesIO(data), kunci=False)
    _catat(impor, hasil)
    impor.status = ImporBerkas.Status.DITOLAK if hasil.galat else ImporBerkas.Status.PRATINJAU


def impor_pratinjau(
    *,
    berkas,
    user,
    pd: PerangkatDaerah,
    tahun: int,
    unit: UnitKerja | None = None,
    triwulan: int | None = None,
    versi: str = "",
) -> ImporBerkas:
    """Store the upload and check it in full at once, without writing any data: a realisation import when ``unit``
    and ``triwulan`` are given, else a DPA import of ``versi``. The result says pratinjau (valid) or ditolak. The
    pages use :func:`impor_unggah` (the check in the worker); this is the same work in the caller (bench, scripts)."""
    data = berkas.read()
    impor = _baru(data=data, nama=berkas.name, user=user, pd=pd, tahun=tahun, unit=unit, triwulan=triwulan, versi=versi)
    _pratinjau(impor, data)
    impor.berkas.save("impor.xlsx", ContentFile(data), save=False)
    impor._change_reason = _g("Diunggah")
    impor.save()
    return impor


def impor_unggah(
    *,
    berkas,
    user,
    pd: PerangkatDaerah,
    tahun: int,
    unit: UnitKerja | None = None,
    triwulan: int | None = None,
    versi: str = "",
) -> ImporBerkas:
    """Store the upload with status diperiksa and enqueue its check (:func:`anggaran.tasks.impor_periksa`, which
    calls :func:`impor_periksa`) once the transaction commits. Arguments as :func:`impor_pratinjau`."""
    from .tasks import impor_periksa as tugas

    data = berkas.read()
    impor = _baru(data=data, nama=berkas.name, user=user, pd=pd, tahun=tahun, unit=unit, triwulan=triwulan, versi=versi)
    impor.status = ImporBerkas.Status.DIPERIKSA
    impor.denyut = timezone.now()  # queued since (sakip/tugas.py)
    impor.berkas.save("impor.xlsx", ContentFile(data), save=False)
    impor._change_reason = _g("Diunggah")
    with transaction.atomic():
        impor.save()
        transaction.on_commit(partial(tugas.enqueue, impor_id=impor.pk))
    return impor


def impor_klaim(*, impor_id: int, status: str, tugas_id: str = "") -> bool:
    """The worker takes the queued check (status diperiksa) or apply (menerapkan) of an import: one conditional
    UPDATE, so a task delivered twice runs once. Its sign of life starts now (sakip/tugas.py). True when taken."""
    sekarang = timezone.now()
    return bool(
        ImporBerkas.objects.filter(pk=impor_id, status=status, mulai__isnull=True).update(
            mulai=sekarang, denyut=sekarang, tugas_id=tugas_id
        )
    )


def impor_periksa(*, impor_id: int) -> ImporBerkas | None:
    """Check a stored upload with status diperiksa: it ends pratinjau or ditolak. None when it is not being checked
    any more (ended meanwhile, its worker taken for dead). The check only reads, outside any transaction, so a big
    file holds no lock while it is read (on SQLite a write transaction locks the whole database)."""
    imp = (
        ImporBerkas.objects.select_related("pd", "unit")
        .filter(pk=impor_id, status=ImporBerkas.Status.DIPERIKSA)
        .first()
    )
    if imp is None:
        return None
    with imp.berkas.open("rb") as f:
        data = f.read()
    if hashlib.sha256(data).hexdigest() != imp.sha256:
        hasil = Pemeriksaan().berkas(BERKAS_BERUBAH)
        _catat(imp, hasil)
        imp.status = ImporBerkas.Status.DITOLAK
    else:
        _pratinjau(imp, data)
    with transaction.atomic():
        if (
            ImporBerkas.objects.select_for_update().filter(pk=impor_id, status=ImporBerkas.Status.DIPERIKSA).first()
            is None
        ):
            return None  # ended meanwhile
        imp._change_reason = _g("Diperiksa")
        imp.save()
    return imp


def _pesan_diproses(imp: ImporBerkas) -> str:
    """Why Terapkan does nothing: the import is being checked or applied, or was already applied or refused."""
    status = imp.get_status_display().lower()
    if imp.status in (ImporBerkas.Status.DIPERIKSA, ImporBerkas.Status.MENERAPKAN):
        return str(SEDANG_DIPROSES % {"status": status})
    return str(SUDAH_DIPROSES % {"status": status})


def impor_terapkan_minta(*, impor: ImporBerkas, user) -> ImporBerkas:
    """Terapkan pressed: move a valid preview to status menerapkan and enqueue its apply
    (:func:`anggaran.tasks.impor_terapkan_tugas`) after commit. The move is one conditional UPDATE, so a second click
    (or a second tab) enqueues nothing and gets SUDAH_DIPROSES."""
    from .tasks import impor_terapkan_tugas as tugas

    with transaction.atomic():
        diklaim = ImporBerkas.objects.filter(pk=impor.pk, status=ImporBerkas.Status.PRATINJAU).update(
            status=ImporBerkas.Status.MENERAPKAN, mulai=None, denyut=timezone.now()
        )
        impor.refresh_from_db(fields=["status"])
        if not diklaim:
            raise services.KinerjaError(_pesan_diproses(impor))
        transaction.on_commit(partial(tugas.enqueue, impor_id=impor.pk, user_id=user.pk))
    return impor


def impor_gagal(*, impor_id: int, pesan: str, terhenti: bool = False) -> bool:
    """End an import whose check or apply failed in the worker: ditolak with ``pesan`` as its one problem, so it is
    never left waiting. Only an import still diperiksa or menerapkan changes; True when it did. ``terhenti``: the
    worker stopped (the file was not found invalid)."""
    with transaction.atomic():
        imp = (
            ImporBerkas.objects.select_for_update()
            .filter(pk=impor_id, status__in=[ImporBerkas.Status.DIPERIKSA, ImporBerkas.Status.MENERAPKAN])
            .first()
        )
        if imp is None:
            return False
        _tolak(imp, pesan, terhenti=terhenti)
        return True


def _tolak(imp: ImporBerkas, pesan: str, *, terhenti: bool) -> None:
    imp.ringkasan = dict(imp.ringkasan or {})
    if imp.status == ImporBerkas.Status.MENERAPKAN and not terhenti:
        imp.ringkasan["ditolak_saat_diterapkan"] = True
    imp.ringkasan.pop("rincian", None)
    imp.galat = [Galat("", None, "", "", str(pesan)).dict()]
    imp.ringkasan["jumlah_galat"] = 1
    imp.status = ImporBerkas.Status.DITOLAK
    if terhenti:
        imp._change_reason = _g("Pekerja latar belakang berhenti")
        imp._history_user = None  # the system found it, whoever's page asked
    else:
        imp._change_reason = _g("Gagal diproses")
    imp.save()


#: Statuses of an import whose check or apply waits for or runs in the worker.
DIPROSES = (ImporBerkas.Status.DIPERIKSA, ImporBerkas.Status.MENERAPKAN)


def _macet() -> Q:
    """Imports whose worker stopped: taken without a sign of life since :func:`sakip.tugas.batas_denyut`, or queued
    since :func:`sakip.tugas.batas_antre` without a worker taking them."""
    return Q(status__in=DIPROSES) & (
        Q(mulai__isnull=False, terakhir__lt=batas_denyut()) | Q(mulai__isnull=True, terakhir__lt=batas_antre())
    )


def impor_lepas_macet(qs=None) -> int:
    """End as ditolak (:data:`PERIKSA_TERHENTI`, :data:`TERAPKAN_TERHENTI`) the imports of ``qs`` (all by default)
    whose worker stopped, so their page stops polling and says to upload again; their task records are failed too.
    An apply is one transaction, rolled back by the database with its dead worker, so nothing of it was written.
    An apply still alive holds its row (PostgreSQL, skipped) or the database (SQLite, which then refuses the lock)
    and is left to finish. The number ended."""
    qs = (ImporBerkas.objects.all() if qs is None else qs).annotate(terakhir=Coalesce("denyut", "created_at"))
    n = 0
    for pk in qs.filter(_macet()).values_list("pk", flat=True):
        try:
            with transaction.atomic():
                imp = qs.select_for_update(skip_locked=True).filter(_macet(), pk=pk).first()
                if imp is None:  # alive again, ended meanwhile, or locked by its live apply
                    continue
                pesan = TERAPKAN_TERHENTI if imp.status == ImporBerkas.Status.MENERAPKAN else PERIKSA_TERHENTI
                _tolak(imp, str(pesan), terhenti=True)
        except OperationalError:  # SQLite: "database is locked" by a long apply, so its worker lives
            continue
        logger.warning("Excel import %s: its worker stopped; ended as ditolak", pk)
        tugas_hentikan(imp.tugas_id, str(pesan))
        n += 1
    return n


def alasan_impor(impor: ImporBerkas) -> str:
    """The change reason every row written by an import carries: "Impor Excel #12 (nama-berkas.xlsx)"."""
    return batas.alasan_riwayat(str(ALASAN_IMPOR % {"id": impor.pk, "nama": impor.nama_asli}))


def impor_terapkan(*, impor: ImporBerkas, user) -> ImporBerkas:
    """(In the worker for the pages, see :func:`impor_terapkan_minta`; from pratinjau or menerapkan.) Check the stored
    file again and write every row in one transaction, or nothing. Returns the import with
    status diterapkan, or ditolak (with the problems found now) when the file is no longer valid."""
    try:
        with transaction.atomic():
            imp = ImporBerkas.objects.select_for_update().get(pk=impor.pk)
            imp.pd, imp.unit = impor.pd, impor.unit  # as the view's access check loaded them
            if imp.status not in (ImporBerkas.Status.PRATINJAU, ImporBerkas.Status.MENERAPKAN):
                raise services.KinerjaError(_pesan_diproses(imp))
            with imp.berkas.open("rb") as f:
                data = f.read()
            if hashlib.sha256(data).hexdigest() != imp.sha256:
                hasil = Pemeriksaan().berkas(BERKAS_BERUBAH)
            else:
                hasil = _periksa(imp, io.BytesIO(data), kunci=True)
            _catat(imp, hasil)
            if hasil.galat or hasil.tulis is None:
                imp.status = ImporBerkas.Status.DITOLAK
                imp.ringkasan["ditolak_saat_diterapkan"] = True
                imp._change_reason = _g("Ditolak saat diterapkan")
                imp.save()
                return imp
            hasil.tulis(user, str(alasan_impor(imp)))
            imp.status = ImporBerkas.Status.DITERAPKAN
            imp.applied_at = timezone.now()
            imp._change_reason = _g("Diterapkan")
            imp.save()
            return imp
    except IntegrityError as e:  # a row created meanwhile by someone else: the whole import rolled back
        raise services.KinerjaError(GAGAL_SIMPAN) from e
