"""The LKjIP as plain data: one context, built once, feeds the browser page, the HTML file and the PDF.

:func:`muat_dasar` loads a PD's year once (the models and the computed :class:`~kinerja.rekap.HasilTahun`, the same
computation as ``sakip-hasil/1``). Each chapter module of :mod:`laporan.bab` turns that :class:`Dasar` into a frozen
dataclass of strings and Decimals; :func:`konteks_laporan` puts them together with the numbered tables and charts.
Templates only read attributes: they never query and never compute.

The context holds no model instance, so ``repr()`` of it is a faithful, deterministic picture of the data the report
shows: :func:`sidik` hashes it to decide whether a stored file is still the report of today's data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from anggaran.models import Rekening
from kinerja.hitung import Pita
from kinerja.models import PerjanjianKinerja
from kinerja.rekap import DataTahun, HasilAnggaran, HasilIndikator, HasilSasaran, HasilTahun, hitung_tahun
from kinerja.selectors import data_tahun, renstra_untuk_tahun
from renstra.models import (
    Indikator,
    Kegiatan,
    Misi,
    Pejabat,
    PerangkatDaerah,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Tujuan,
    UnitKerja,
)
from sakip.angka import format_nip

from .models import Laporan
from .narasi import Isian, Narasi, daftar_isian, isi_narasi

#: Raised whenever the templates or the chapter builders change what a report looks like: a stored file made by
#: another version is not reused.
VERSI_TEMPLAT = "lkjip-1"

# --- numbered tables and charts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rujukan:
    """A numbered table or chart: ``Tabel 3.2 Pengukuran IKU Tahun 2024``, anchored at ``#tabel-3-2``."""

    jenis: str  # "tabel" | "grafik" | "gambar"
    nomor: str  # "3.2", "L.1"
    id: str  # the HTML anchor, "tabel-3-2"
    judul: str

    @property
    def label(self) -> str:
        pola = {"tabel": _("Tabel %(nomor)s"), "grafik": _("Grafik %(nomor)s"), "gambar": _("Gambar %(nomor)s")}
        return pola[self.jenis] % {"nomor": self.nomor}

    @property
    def lengkap(self) -> str:
        return f"{self.label} {self.judul}"


@dataclass(frozen=True)
class Bagian:
    """A heading of the table of contents: level 1 (chapters) or 2 (sections), with its anchor."""

    tingkat: int
    id: str  # "bab-3", "bab-3-b"
    judul: str  # "BAB III AKUNTABILITAS KINERJA", "B. Capaian Kinerja Organisasi"


class Penomor:
    """Numbers tables and charts per chapter in the order the chapters ask for them, and collects the headings of
    the table of contents."""

    def __init__(self) -> None:
        self._hitung: dict[tuple[str, str], int] = {}
        self.tabel_semua: list[Rujukan] = []
        self.grafik_semua: list[Rujukan] = []
        self.gambar_semua: list[Rujukan] = []
        self.bagian_semua: list[Bagian] = []

    def bagian(self, tingkat: int, id: str, judul: str) -> Bagian:
        b = Bagian(tingkat, id, judul)
        self.bagian_semua.append(b)
        return b

    def _baru(self, jenis: str, bab: str, judul: str) -> Rujukan:
        n = self._hitung.get((jenis, bab), 0) + 1
        self._hitung[(jenis, bab)] = n
        nomor = f"{bab}.{n}"
        r = Rujukan(jenis, nomor, f"{jenis}-{nomor.replace('.', '-')}".lower(), judul)
        {"tabel": self.tabel_semua, "grafik": self.grafik_semua, "gambar": self.gambar_semua}[jenis].append(r)
        return r

    def tabel(self, bab: str, judul: str) -> Rujukan:
        """``bab`` is "1" … "4" for the chapters, "L" for the annex."""
        return self._baru("tabel", bab, judul)

    def grafik(self, bab: str, judul: str) -> Rujukan:
        return self._baru("grafik", bab, judul)

    def gambar(self, bab: str, judul: str) -> Rujukan:
        """An uploaded picture (the organisation chart)."""
        return self._baru("gambar", bab, judul)


# --- shared pieces --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TandaTangan:
    tempat_tanggal: str  # "Tana Paser, 28 Februari 2025"
    jabatan: str
    nama: str  # with degrees: "Drs. KATSUL WIJAYA, M.Si"
    pangkat: str  # "Pembina Utama Muda (IV/c)"
    nip: str  # grouped "19661211 198609 1 002", or ""


@dataclass(frozen=True)
class Identitas:
    pd_nama: str
    pd_singkatan: str
    pemda_nama: str
    kepala_daerah: str  # "Bupati Paser"
    tahun: int
    tempat: str
    tanggal: date | None
    penandatangan: TandaTangan | None
    logo: str  # storage name of the cover logo, "" when none
    bagan_organisasi: str  # storage name of the organisation chart, ""


def format_tanggal(t: date | None) -> str:
    """``28 Februari 2025`` with Django's Indonesian month names, whatever the active language (the report is
    always Indonesian)."""
    if t is None:
        return ""
    with translation.override("id"):
        return date_format(t, "j F Y")


def nama_pejabat(p: Pejabat) -> str:
    nama = p.nama
    if p.gelar_depan:
        nama = f"{p.gelar_depan} {nama}"
    if p.gelar_belakang:
        nama = f"{nama}, {p.gelar_belakang}"
    return nama


def tanda_tangan(p: Pejabat | None, *, tempat: str, tanggal: date | None) -> TandaTangan | None:
    if p is None:
        return None
    pangkat = p.pangkat
    if p.golongan:
        pangkat = f"{pangkat} ({p.golongan})" if pangkat else p.golongan
    tt = ", ".join(x for x in (tempat, format_tanggal(tanggal)) if x)
    return TandaTangan(tt, p.jabatan, nama_pejabat(p), pangkat, format_nip(p.nip) if p.nip else "")


# --- the data of one PD and year, loaded once ----------------------------------------------------------


@dataclass
class Dasar:
    """Everything the chapter builders read. Not part of the context (it holds models); builders copy what they
    print into their own frozen dataclasses."""

    pd: PerangkatDaerah
    tahun: int
    laporan: Laporan  # unsaved when the PD has no report row for the year yet
    data: DataTahun
    hasil: HasilTahun
    renstra: Renstra | None
    misi: list[Misi]
    tujuan: list[Tujuan]
    sasaran: list[Sasaran]
    program: list[Program]
    kegiatan: list[Kegiatan]
    sub_kegiatan: list[SubKegiatan]
    unit_kerja: list[UnitKerja]
    indikator: dict[str, Indikator]  # by kode: every indicator of the PD (also those replaced or not valid this year)
    rekening: dict[str, str]  # kode → uraian
    pk: list[PerjanjianKinerja]  # the year's PK versions, oldest first
    narasi: dict[str, str]  # raw narrative by key
    identitas: Identitas
    hasil_indikator: dict[str, HasilIndikator] = field(default_factory=dict)
    hasil_sasaran: dict[str, HasilSasaran] = field(default_factory=dict)
    hasil_program: dict[str, HasilAnggaran] = field(default_factory=dict)
    hasil_kegiatan: dict[str, HasilAnggaran] = field(default_factory=dict)
    hasil_sub_kegiatan: dict[str, HasilAnggaran] = field(default_factory=dict)
    hasil_unit: dict[str, HasilAnggaran] = field(default_factory=dict)
    hasil_rekening: dict[str, HasilAnggaran] = field(default_factory=dict)
    hasil_sasaran_anggaran: dict[str, HasilAnggaran] = field(default_factory=dict)

    def kategori(self, pita: Pita | None) -> str:
        return pita.label if pita else ""

    @cached_property
    def isian(self) -> dict[str, Isian]:
        """The narrative placeholders and their values."""
        return daftar_isian(self)

    def narasi_isi(self, kunci: str) -> Narasi | None:
        """The narrative of ``kunci`` with its placeholders filled in, or None when the planner wrote none."""
        teks = self.narasi.get(kunci, "").strip()
        return isi_narasi(teks, self.isian) if teks else None


def muat_dasar(pd: PerangkatDaerah, tahun: int) -> Dasar:
    pd = PerangkatDaerah.objects.select_related("pemda").get(pk=pd.pk)
    laporan = Laporan.objects.select_related("penandatangan").filter(pd=pd, tahun=tahun).first() or Laporan(
        pd=pd, tahun=tahun
    )
    data = data_tahun(pd, tahun)
    hasil = hitung_tahun(data)
    renstra = renstra_untuk_tahun(pd, tahun)
    misi = list(Misi.objects.filter(renstra=renstra).order_by("urutan", "pk")) if renstra else []
    tujuan = list(Tujuan.objects.filter(renstra=renstra).prefetch_related("misi").order_by("urutan", "pk"))
    sasaran = list(
        Sasaran.objects.filter(renstra=renstra).select_related("tujuan").order_by("tujuan__urutan", "urutan", "pk")
    )
    program = list(Program.objects.filter(pd=pd).prefetch_related("sasaran").order_by("urutan", "pk"))
    kegiatan = list(Kegiatan.objects.filter(program__pd=pd).order_by("program__urutan", "urutan", "pk"))
    sub_kegiatan = list(
        SubKegiatan.objects.filter(kegiatan__program__pd=pd)
        .select_related("unit_kerja")
        .order_by("kegiatan__program__urutan", "kegiatan__urutan", "urutan", "pk")
    )
    unit_kerja = list(UnitKerja.objects.filter(pd=pd).order_by("urutan", "pk"))
    indikator = {
        i.kode: i
        for i in Indikator.objects.filter(pd=pd)
        .select_related("unit_kerja")
        .prefetch_related("target", "menggantikan")
        .order_by("urutan", "pk")
    }
    rekening = dict(Rekening.objects.values_list("kode", "uraian"))
    pk = list(
        PerjanjianKinerja.objects.filter(pd=pd, tahun=tahun)
        .select_related("pihak_pertama")
        .prefetch_related("target__indikator", "anggaran_program__program")
        .order_by("versi")
    )
    narasi = dict(laporan.narasi.values_list("kunci", "teks")) if laporan.pk else {}

    penandatangan = laporan.penandatangan or (pk[-1].pihak_pertama if pk else None)
    tempat = laporan.tempat or pd.tempat
    pemda = pd.pemda
    identitas = Identitas(
        pd_nama=pd.nama,
        pd_singkatan=pd.singkatan,
        pemda_nama=pemda.nama,
        kepala_daerah=pemda.kepala_jabatan,
        tahun=tahun,
        tempat=tempat,
        tanggal=laporan.tanggal,
        penandatangan=tanda_tangan(penandatangan, tempat=tempat, tanggal=laporan.tanggal),
        logo=laporan.logo.name if laporan.logo else "",
        bagan_organisasi=laporan.bagan_organisasi.name if laporan.bagan_organisasi else "",
    )
    return Dasar(
        pd=pd,
        tahun=tahun,
        laporan=laporan,
        data=data,
        hasil=hasil,
        renstra=renstra,
        misi=misi,
        tujuan=tujuan,
        sasaran=sasaran,
        program=program,
        kegiatan=kegiatan,
        sub_kegiatan=sub_kegiatan,
        unit_kerja=unit_kerja,
        indikator=indikator,
        rekening=rekening,
        pk=pk,
        narasi=narasi,
        identitas=identitas,
        hasil_indikator={i.kode: i for i in hasil.indikator},
        hasil_sasaran={s.kode: s for s in hasil.sasaran},
        hasil_program={a.kode: a for a in hasil.program},
        hasil_kegiatan={a.kode: a for a in hasil.kegiatan},
        hasil_sub_kegiatan={a.kode: a for a in hasil.sub_kegiatan},
        hasil_unit={a.kode: a for a in hasil.unit_kerja},
        hasil_rekening={a.kode: a for a in hasil.rekening},
        hasil_sasaran_anggaran={a.kode: a for a in hasil.sasaran_anggaran},
    )


# --- the whole report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KonteksLaporan:
    identitas: Identitas
    awal: object  # laporan.bab.awal.Awal: sampul, kata pengantar, ikhtisar eksekutif
    bab1: object  # laporan.bab.bab1.Bab1
    bab2: object  # laporan.bab.bab2.Bab2
    bab3: object  # laporan.bab.bab3.Bab3
    bab4: object  # laporan.bab.bab4.Bab4
    lampiran: object  # laporan.bab.lampiran.Lampiran
    daftar_isi: tuple[Bagian, ...]
    daftar_tabel: tuple[Rujukan, ...]
    daftar_grafik: tuple[Rujukan, ...]
    daftar_gambar: tuple[Rujukan, ...] = ()
    pernyataan: object | None = None  # laporan.bab.pernyataan.Pernyataan, once the review is complete


def konteks_laporan(*, pd: PerangkatDaerah, tahun: int, dasar: Dasar | None = None) -> KonteksLaporan:
    """The whole report of the PD's year (without the review statement: see :mod:`laporan.services`)."""
    from .bab import awal, bab1, bab2, bab3, bab4, lampiran

    d = dasar or muat_dasar(pd, tahun)
    n = Penomor()
    # The order of the calls is the order of the chapters, so tables are numbered as they are printed.
    k_awal = awal.susun(d, n)
    k_bab1 = bab1.susun(d, n)
    k_bab2 = bab2.susun(d, n)
    k_bab3 = bab3.susun(d, n)
    k_bab4 = bab4.susun(d, n)
    k_lampiran = lampiran.susun(d, n)
    return KonteksLaporan(
        identitas=d.identitas,
        awal=k_awal,
        bab1=k_bab1,
        bab2=k_bab2,
        bab3=k_bab3,
        bab4=k_bab4,
        lampiran=k_lampiran,
        daftar_isi=tuple(n.bagian_semua),
        daftar_tabel=tuple(n.tabel_semua),
        daftar_grafik=tuple(n.grafik_semua),
        daftar_gambar=tuple(n.gambar_semua),
    )


def sidik(k: KonteksLaporan) -> str:
    """SHA-256 of the template version and everything the report prints: equal hashes, equal reports."""
    isi = repr(k)
    assert " object at 0x" not in isi, "the report context must hold plain data only"
    return hashlib.sha256(f"{VERSI_TEMPLAT}\n{isi}".encode()).hexdigest()


def rp(a: HasilAnggaran | None) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
    """(pagu, realisasi, sisa, serapan) of a money row, or Nones."""
    if a is None:
        return None, None, None, None
    return a.rp.pagu, a.rp.realisasi, a.rp.sisa, a.rp.serapan
