"""The annexes of the LKjIP (SAKIP.md §5.8): the PK document(s), the IKU document, the quarterly matrix of kinerja
and money, the Rencana Aksi. Tables are numbered "L.n".

The matrix follows the annex of the Setda Paser report (columns 1-17: target K and pagu, TW I-IV K and Rp, the
year's K and Rp, K% and Rp%, sisa) grouped unit → program → kegiatan → sub kegiatan. Money and K% come from
:class:`~kinerja.rekap.HasilTahun`; a program or kegiatan that several units share is printed under each unit with
that unit's part only (sums of its sub kegiatan, K% by the same rule as the unit's), and marked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja import hitung as h
from kinerja.hitung import Nilai
from kinerja.models import PerjanjianKinerja, RealisasiKinerja, RencanaAksi
from kinerja.rekap import RP
from renstra.models import Indikator
from sakip.angka import format_nilai, format_rupiah

from ..konteks import Dasar, Penomor, Rujukan, TandaTangan, format_tanggal, tanda_tangan

KOSONG_PK = gettext_lazy("Belum ada perjanjian kinerja yang tercatat untuk tahun %(tahun)s.")
KOSONG_IKU = gettext_lazy("Belum ada indikator kinerja utama yang berlaku pada tahun %(tahun)s.")
KOSONG_MATRIKS = gettext_lazy("Belum ada sub kegiatan yang tercatat untuk tahun %(tahun)s.")
KOSONG_RA = gettext_lazy("Belum ada rencana aksi yang tercatat untuk tahun %(tahun)s.")
CATATAN_SEBAGIAN = gettext_lazy(
    "* Program atau kegiatan yang dilaksanakan oleh lebih dari satu unit kerja: baris ini memuat bagian unit kerja "
    "tersebut saja."
)
CATATAN_TANPA_TW = gettext_lazy(
    "Kolom 14 memuat juga realisasi tahunan tanpa rincian triwulan sebesar %(jumlah)s, sehingga kolom 6, 8, 10 dan "
    "12 berjumlah kurang dari kolom 14."
)
TANPA_UNIT = gettext_lazy("Sub kegiatan tanpa unit kerja penanggung jawab")
BELUM_TERSEDIA = gettext_lazy("belum tersedia")


# --- the pieces ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTargetPK:
    nomor: int | None  # the sasaran's number, on its first row only
    sasaran: str
    rentang: int  # rowspan of the sasaran cell; 0 on the following rows of the same sasaran
    indikator: str
    satuan: str
    target: str


@dataclass(frozen=True)
class BarisAnggaranPK:
    nomor: int
    kode: str
    program: str
    jumlah: Decimal


@dataclass(frozen=True)
class DokumenPK:
    id: str
    judul: str  # "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024"
    judul_bagian: str  # the h2: "Perjanjian Kinerja Versi 2 (perubahan), 30 September 2024"
    pd_nama: str
    pihak_pertama: TandaTangan
    pihak_kedua: TandaTangan
    tempat_tanggal: str
    tabel_target: Rujukan
    target: tuple[BarisTargetPK, ...]
    tabel_anggaran: Rujukan | None
    anggaran: tuple[BarisAnggaranPK, ...]
    anggaran_total: Decimal


@dataclass(frozen=True)
class LampiranPK:
    id: str
    nomor: int
    judul: str
    dokumen: tuple[DokumenPK, ...]
    kosong: str


@dataclass(frozen=True)
class BarisIKU:
    nomor: int | None
    sasaran: str
    rentang: int
    kode: str
    indikator: str
    satuan: str
    definisi: str
    formula: str
    sumber_data: str
    penanggung_jawab: str


@dataclass(frozen=True)
class LampiranIKU:
    id: str
    nomor: int
    judul: str
    tabel: Rujukan | None
    baris: tuple[BarisIKU, ...]
    kosong: str


@dataclass(frozen=True)
class KMatriks:
    """One indicator's line of the matrix: target, each quarter's stored realisation, the year's realisation.

    The strings are what the report prints. The ``*_nilai`` fields hold the same figures as numbers (None where the
    value is a label only, "belum tersedia" or missing), with the indicator's ``desimal``, for the spreadsheet
    (:mod:`anggaran.dpa_triwulan`). They are left out of ``repr()``: the report's fingerprint (``sidik``) follows what
    is printed, and the numbers print as the strings do."""

    uraian: str
    target: str
    satuan: str
    tw: tuple[str, str, str, str]
    realisasi: str
    target_nilai: Decimal | None = field(default=None, repr=False)
    tw_nilai: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None] = field(
        default=(None, None, None, None), repr=False
    )
    realisasi_nilai: Decimal | None = field(default=None, repr=False)
    desimal: int = field(default=2, repr=False)


@dataclass(frozen=True)
class BarisMatriks:
    jenis: str  # pd | unit | program | kegiatan | sub_kegiatan
    tingkat: int  # 0 (PD) … 4 (sub kegiatan)
    kode: str
    nama: str
    sebagian: bool  # a program or kegiatan shared by several units: this unit's part
    indikator: tuple[KMatriks, ...]
    rp: RP
    capaian_k: Decimal | None

    @property
    def rentang(self) -> int:
        return max(1, len(self.indikator))

    @property
    def indikator_lain(self) -> tuple[KMatriks, ...]:
        return self.indikator[1:]


@dataclass(frozen=True)
class LampiranMatriks:
    id: str
    nomor: int
    judul: str
    tabel: Rujukan | None
    judul_target: str  # "Target Kinerja dan Pagu Setelah Perubahan 2024"
    baris: tuple[BarisMatriks, ...]
    catatan: tuple[str, ...]
    kosong: str

    nomor_kolom = tuple(range(1, 18))  # the seed's column numbers 1-17


@dataclass(frozen=True)
class BarisRencanaAksi:
    nomor: int
    kode: str
    indikator: str
    satuan: str
    tw: tuple[str, str, str, str]
    target: str


@dataclass(frozen=True)
class LampiranRencanaAksi:
    id: str
    nomor: int
    judul: str
    tabel: Rujukan | None
    baris: tuple[BarisRencanaAksi, ...]
    kosong: str


@dataclass(frozen=True)
class Lampiran:
    pk: LampiranPK
    iku: LampiranIKU
    matriks: LampiranMatriks
    rencana_aksi: LampiranRencanaAksi


# --- helpers ------------------------------------------------------------------------------------------------


def _nilai(n: Nilai | None, desimal: int) -> str:
    return format_nilai(n.nilai, n.label, desimal) if n else format_nilai(None)


def jumlah_rp(rps: list[RP]) -> RP:
    """The money of a group of rows: sums of the leaves, as :mod:`kinerja.rekap` makes every parent."""
    murni = [r.pagu_murni for r in rps]
    return RP(
        pagu_murni=None if any(m is None for m in murni) else sum(murni, h.NOL),  # type: ignore[arg-type]
        pagu=sum((r.pagu for r in rps), h.NOL),
        realisasi=sum((r.realisasi for r in rps), h.NOL),
        realisasi_tw=tuple(sum((r.realisasi_tw[i] for r in rps), h.NOL) for i in range(4)),  # type: ignore[arg-type]
    )


def _induk_strategis(d: Dasar, ind: Indikator) -> tuple[tuple, str]:
    """(sort key, printed name) of what an IKU or PK indicator measures: its sasaran, tujuan or program."""
    if ind.sasaran_id:
        for n, s in enumerate(d.sasaran):
            if s.pk == ind.sasaran_id:
                return (1, n), s.uraian
    if ind.tujuan_id:
        for n, t in enumerate(d.tujuan):
            if t.pk == ind.tujuan_id:
                return (0, n), t.uraian
    if ind.program_id:
        for n, p in enumerate(d.program):
            if p.pk == ind.program_id:
                return (2, n), p.nama
    return (9, 0), ""


def _kelompokkan(kunci_nama: list[tuple[tuple, str]]) -> list[tuple[int | None, str, int]]:
    """For rows sorted by group: (number on the group's first row, name, rowspan or 0) per row."""
    hasil: list[tuple[int | None, str, int]] = []
    nomor = 0
    i = 0
    while i < len(kunci_nama):
        j = i
        while j < len(kunci_nama) and kunci_nama[j][0] == kunci_nama[i][0]:
            j += 1
        nomor += 1
        hasil.append((nomor, kunci_nama[i][1], j - i))
        hasil += [(None, kunci_nama[i][1], 0)] * (j - i - 1)
        i = j
    return hasil


# --- (1) Perjanjian Kinerja ------------------------------------------------------------------------------------


def _dokumen_pk(d: Dasar, n: Penomor, pk: PerjanjianKinerja, id_lampiran: str, banyak: bool) -> DokumenPK:
    jenis = pk.get_jenis_display().lower()
    if pk.jenis == PerjanjianKinerja.Jenis.PERUBAHAN:
        judul = _("PERJANJIAN KINERJA PERUBAHAN TAHUN %(tahun)s") % {"tahun": d.tahun}
    else:
        judul = _("PERJANJIAN KINERJA TAHUN %(tahun)s") % {"tahun": d.tahun}
    judul_bagian = _("Perjanjian Kinerja Versi %(versi)s (%(jenis)s)") % {"versi": pk.versi, "jenis": jenis}
    if pk.tanggal:
        judul_bagian = f"{judul_bagian}, {format_tanggal(pk.tanggal)}"
    n.bagian(2, f"{id_lampiran}-v{pk.versi}", judul_bagian)
    akhiran = _(" versi %(versi)s") % {"versi": pk.versi} if banyak else ""

    targets = sorted(
        pk.target.all(),
        key=lambda t: (_induk_strategis(d, t.indikator)[0], t.urutan, t.indikator.urutan, t.indikator.pk),
    )
    grup = _kelompokkan([_induk_strategis(d, t.indikator) for t in targets])
    baris_target = tuple(
        BarisTargetPK(nomor, sasaran, rentang, t.indikator.uraian, t.indikator.satuan, _nilai(t, t.indikator.desimal))
        for t, (nomor, sasaran, rentang) in zip(targets, grup, strict=True)
    )
    tabel_target = n.tabel("L", _("Target Perjanjian Kinerja Tahun %(tahun)s") % {"tahun": d.tahun} + akhiran)

    urutan_program = {p.pk: i for i, p in enumerate(d.program)}
    anggaran = sorted(pk.anggaran_program.all(), key=lambda a: urutan_program.get(a.program_id, len(urutan_program)))
    baris_anggaran = tuple(
        BarisAnggaranPK(i, a.program.kode, a.program.nama, a.jumlah) for i, a in enumerate(anggaran, start=1)
    )
    tabel_anggaran = (
        n.tabel("L", _("Anggaran Program Perjanjian Kinerja Tahun %(tahun)s") % {"tahun": d.tahun} + akhiran)
        if baris_anggaran
        else None
    )
    pertama = tanda_tangan(pk.pihak_pertama, tempat=d.identitas.tempat, tanggal=pk.tanggal)
    assert pertama is not None  # pihak_pertama is required
    return DokumenPK(
        id=f"{id_lampiran}-v{pk.versi}",
        judul=judul,
        judul_bagian=judul_bagian,
        pd_nama=d.identitas.pd_nama,
        pihak_pertama=pertama,
        pihak_kedua=TandaTangan(pertama.tempat_tanggal, pk.pihak_kedua_jabatan, pk.pihak_kedua_nama, "", ""),
        tempat_tanggal=pertama.tempat_tanggal,
        tabel_target=tabel_target,
        target=baris_target,
        tabel_anggaran=tabel_anggaran,
        anggaran=baris_anggaran,
        anggaran_total=sum((a.jumlah for a in baris_anggaran), h.NOL),
    )


def lampiran_pk(d: Dasar, n: Penomor, nomor: int) -> LampiranPK:
    id_ = f"lampiran-{nomor}"
    judul = _("PERJANJIAN KINERJA TAHUN %(tahun)s") % {"tahun": d.tahun}
    n.bagian(1, id_, _("LAMPIRAN %(nomor)s %(judul)s") % {"nomor": nomor, "judul": judul})
    dokumen = []
    for pk in d.pk:
        dokumen.append(_dokumen_pk(d, n, pk, id_, banyak=len(d.pk) > 1))
    return LampiranPK(id_, nomor, judul, tuple(dokumen), KOSONG_PK % {"tahun": d.tahun})


# --- (2) the IKU document ----------------------------------------------------------------------------------------


def lampiran_iku(d: Dasar, n: Penomor, nomor: int) -> LampiranIKU:
    id_ = f"lampiran-{nomor}"
    judul = _("INDIKATOR KINERJA UTAMA TAHUN %(tahun)s") % {"tahun": d.tahun}
    n.bagian(1, id_, _("LAMPIRAN %(nomor)s %(judul)s") % {"nomor": nomor, "judul": judul})
    iku = [d.indikator[i.kode] for i in d.hasil.indikator if i.iku]
    iku.sort(key=lambda i: _induk_strategis(d, i)[0])  # stable: the tree order within a sasaran
    grup = _kelompokkan([_induk_strategis(d, i) for i in iku])
    baris = tuple(
        BarisIKU(
            nomor=nomor_grup,
            sasaran=sasaran,
            rentang=rentang,
            kode=i.kode,
            indikator=i.uraian,
            satuan=i.satuan,
            definisi=i.definisi_operasional,
            formula=i.formula,
            sumber_data=i.sumber_data,
            penanggung_jawab=i.unit_kerja.nama if i.unit_kerja else "",
        )
        for i, (nomor_grup, sasaran, rentang) in zip(iku, grup, strict=True)
    )
    tabel = (
        n.tabel(
            "L", _("Indikator Kinerja Utama %(pd)s Tahun %(tahun)s") % {"pd": d.identitas.pd_nama, "tahun": d.tahun}
        )
        if baris
        else None
    )
    return LampiranIKU(id_, nomor, judul, tabel, baris, KOSONG_IKU % {"tahun": d.tahun})


# --- (3) the quarterly matrix --------------------------------------------------------------------------------------


def _realisasi_triwulan(d: Dasar) -> dict[int, dict[int, tuple[Decimal | None, str, str]]]:
    """The stored quarterly realisations of the year: {indikator id: {triwulan: (nilai, label, status)}}."""
    hasil: dict[int, dict[int, tuple[Decimal | None, str, str]]] = defaultdict(dict)
    for ind_id, tw, nilai, label, status in RealisasiKinerja.objects.filter(
        indikator__pd=d.pd, tahun=d.tahun, triwulan__isnull=False
    ).values_list("indikator_id", "triwulan", "nilai", "label", "status"):
        hasil[ind_id][tw] = (nilai, label, status)
    return hasil


def _sel_triwulan(r: tuple[Decimal | None, str, str] | None, desimal: int) -> str:
    if r is None:
        return format_nilai(None)
    nilai, label, status = r
    if nilai is None and not label and status == h.BELUM_TERSEDIA:
        return str(BELUM_TERSEDIA)
    return format_nilai(nilai, label, desimal)


class _Matriks:
    """Builds the rows of the matrix from the loaded year (one extra query: the quarterly realisations)."""

    def __init__(self, d: Dasar) -> None:
        self.d = d
        self.rerata = lambda nilai: h.rata_rata(nilai, batas_atas=d.hasil.batas_atas)
        self.tw = _realisasi_triwulan(d)
        self.kegiatan = {k.pk: k for k in d.kegiatan}
        self.program = {p.pk: p for p in d.program}
        self.sub_per_kegiatan: dict[int, int] = defaultdict(int)
        self.sub_per_program: dict[int, int] = defaultdict(int)
        for s in d.sub_kegiatan:
            self.sub_per_kegiatan[s.kegiatan_id] += 1
            self.sub_per_program[self.kegiatan[s.kegiatan_id].program_id] += 1
        # the indicators of the year (those the computation holds), by what they measure
        self.indikator: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
        for hi in d.hasil.indikator:
            i = d.indikator[hi.kode]
            induk = i.program_id or i.kegiatan_id or i.sub_kegiatan_id
            if hi.level in ("program", "kegiatan", "sub_kegiatan") and induk:
                self.indikator[(hi.level, induk)].append(i)
        self.sudah: set[int] = set()  # program and kegiatan indicators already printed under a unit

    def k(self, level: str, induk_id: int, unit_id: int | None) -> tuple[KMatriks, ...]:
        """The indicator lines of a row. A program's or kegiatan's own indicators are printed once: under their
        responsible unit, else under the first unit that carries the program or kegiatan."""
        baris = []
        for i in self.indikator.get((level, induk_id), []):
            if level != "sub_kegiatan":
                if i.pk in self.sudah or (i.unit_kerja_id and i.unit_kerja_id != unit_id and self._unit_punya(i)):
                    continue
                self.sudah.add(i.pk)
            hi = self.d.hasil_indikator[i.kode]
            tw = self.tw.get(i.pk, {})
            baris.append(
                KMatriks(
                    uraian=i.uraian,
                    target=_nilai(hi.target, i.desimal),
                    satuan=i.satuan,
                    tw=tuple(_sel_triwulan(tw.get(t), i.desimal) for t in h.TRIWULAN),  # type: ignore[arg-type]
                    realisasi=_nilai(hi.realisasi, i.desimal),
                    target_nilai=hi.target.nilai if hi.target else None,
                    tw_nilai=tuple(tw[t][0] if t in tw else None for t in h.TRIWULAN),  # type: ignore[arg-type]
                    realisasi_nilai=hi.realisasi.nilai if hi.realisasi else None,
                    desimal=i.desimal,
                )
            )
        return tuple(baris)

    def _unit_punya(self, i: Indikator) -> bool:
        """Whether the indicator's responsible unit has a row for its program or kegiatan."""
        for s in self.d.sub_kegiatan:
            if s.unit_kerja_id != i.unit_kerja_id:
                continue
            if s.kegiatan_id == i.kegiatan_id or self.kegiatan[s.kegiatan_id].program_id == i.program_id:
                return True
        return False

    def baris_unit(self, unit_id: int | None, subs: list, kepala: BarisMatriks) -> list[BarisMatriks]:
        d = self.d
        per_program: dict[int, dict[int, list]] = {}
        for s in subs:
            program_id = self.kegiatan[s.kegiatan_id].program_id
            per_program.setdefault(program_id, {}).setdefault(s.kegiatan_id, []).append(s)
        baris: list[BarisMatriks] = []
        for program_id, per_kegiatan in per_program.items():
            program = self.program[program_id]
            baris_kegiatan: list[BarisMatriks] = []
            for kegiatan_id, subs_k in per_kegiatan.items():
                keg = self.kegiatan[kegiatan_id]
                utuh = len(subs_k) == self.sub_per_kegiatan[kegiatan_id]
                hk = d.hasil_kegiatan[keg.kode]
                rp_sub = [d.hasil_sub_kegiatan[s.kode] for s in subs_k]
                baris_kegiatan.append(
                    BarisMatriks(
                        jenis="kegiatan",
                        tingkat=3,
                        kode=keg.kode,
                        nama=keg.nama,
                        sebagian=not utuh,
                        indikator=self.k("kegiatan", keg.pk, unit_id),
                        rp=hk.rp if utuh else jumlah_rp([a.rp for a in rp_sub]),
                        capaian_k=hk.capaian_k if utuh else self.rerata(a.capaian_k for a in rp_sub),
                    )
                )
                baris_kegiatan += [
                    BarisMatriks(
                        jenis="sub_kegiatan",
                        tingkat=4,
                        kode=s.kode,
                        nama=s.nama,
                        sebagian=False,
                        indikator=self.k("sub_kegiatan", s.pk, unit_id),
                        rp=a.rp,
                        capaian_k=a.capaian_k,
                    )
                    for s, a in zip(subs_k, rp_sub, strict=True)
                ]
            utuh = sum(len(x) for x in per_kegiatan.values()) == self.sub_per_program[program_id]
            hp = d.hasil_program[program.kode]
            kegiatan_baris = [b for b in baris_kegiatan if b.jenis == "kegiatan"]
            baris.append(
                BarisMatriks(
                    jenis="program",
                    tingkat=2,
                    kode=program.kode,
                    nama=program.nama,
                    sebagian=not utuh,
                    indikator=self.k("program", program.pk, unit_id),
                    rp=hp.rp if utuh else jumlah_rp([b.rp for b in kegiatan_baris]),
                    capaian_k=hp.capaian_k if utuh else self.rerata(b.capaian_k for b in kegiatan_baris),
                )
            )
            baris += baris_kegiatan
        return [kepala, *baris]

    def semua(self) -> list[BarisMatriks]:
        d = self.d
        per_unit: dict[int | None, list] = defaultdict(list)
        for s in d.sub_kegiatan:
            per_unit[s.unit_kerja_id].append(s)
        baris = [
            BarisMatriks(
                jenis="pd",
                tingkat=0,
                kode="",
                nama=d.identitas.pd_nama,
                sebagian=False,
                indikator=(),
                rp=d.hasil.total,
                capaian_k=self.rerata(k.capaian_k for k in d.hasil.kegiatan),  # PD: the mean of all kegiatan
            )
        ]
        for u in d.unit_kerja:
            if u.pk not in per_unit:
                continue
            hu = d.hasil_unit[u.kode]
            kepala = BarisMatriks("unit", 1, u.kode, u.nama, False, (), hu.rp, hu.capaian_k)
            baris += self.baris_unit(u.pk, per_unit[u.pk], kepala)
        if None in per_unit:  # a data problem the check lists; printed so the PD total still adds up
            subs = per_unit[None]
            rp_sub = [d.hasil_sub_kegiatan[s.kode] for s in subs]
            per_kegiatan: dict[int, list] = defaultdict(list)
            for s, a in zip(subs, rp_sub, strict=True):
                per_kegiatan[s.kegiatan_id].append(a.capaian_k)
            kepala = BarisMatriks(
                "unit",
                1,
                "",
                str(TANPA_UNIT),
                False,
                (),
                jumlah_rp([a.rp for a in rp_sub]),
                self.rerata(self.rerata(v) for v in per_kegiatan.values()),
            )
            baris += self.baris_unit(None, subs, kepala)
        return baris


def lampiran_matriks(d: Dasar, n: Penomor, nomor: int) -> LampiranMatriks:
    id_ = f"lampiran-{nomor}"
    judul = _("REALISASI KINERJA DAN ANGGARAN PER TRIWULAN TAHUN %(tahun)s") % {"tahun": d.tahun}
    n.bagian(1, id_, _("LAMPIRAN %(nomor)s %(judul)s") % {"nomor": nomor, "judul": judul})
    perubahan = any(b.versi == "perubahan" for b in d.data.pagu)
    judul_target = (
        _("Target Kinerja dan Pagu Setelah Perubahan %(tahun)s")
        if perubahan
        else _("Target Kinerja dan Pagu %(tahun)s")
    ) % {"tahun": d.tahun}
    if not d.sub_kegiatan:
        return LampiranMatriks(id_, nomor, judul, None, judul_target, (), (), KOSONG_MATRIKS % {"tahun": d.tahun})
    baris = tuple(_Matriks(d).semua())
    tabel = n.tabel("L", _("Realisasi Kinerja dan Anggaran per Triwulan Tahun %(tahun)s") % {"tahun": d.tahun})
    catatan = []
    if any(b.sebagian for b in baris):
        catatan.append(str(CATATAN_SEBAGIAN))
    total = d.hasil.total
    tanpa_tw = total.realisasi - total.realisasi_sd(4)
    if tanpa_tw:
        catatan.append(CATATAN_TANPA_TW % {"jumlah": format_rupiah(tanpa_tw)})
    return LampiranMatriks(id_, nomor, judul, tabel, judul_target, baris, tuple(catatan), "")


# --- (4) the Rencana Aksi ------------------------------------------------------------------------------------------


def lampiran_rencana_aksi(d: Dasar, n: Penomor, nomor: int) -> LampiranRencanaAksi:
    id_ = f"lampiran-{nomor}"
    judul = _("RENCANA AKSI TAHUN %(tahun)s") % {"tahun": d.tahun}
    n.bagian(1, id_, _("LAMPIRAN %(nomor)s %(judul)s") % {"nomor": nomor, "judul": judul})
    ra: dict[int, dict[int, Nilai]] = defaultdict(dict)
    for ind_id, tw, nilai, label in RencanaAksi.objects.filter(indikator__pd=d.pd, tahun=d.tahun).values_list(
        "indikator_id", "triwulan", "nilai", "label"
    ):
        ra[ind_id][tw] = Nilai(nilai, label)
    baris = []
    for hi in d.hasil.indikator:  # the tree order, indicators of the year only
        i = d.indikator[hi.kode]
        if i.pk not in ra:
            continue
        per_tw = ra[i.pk]
        baris.append(
            BarisRencanaAksi(
                nomor=len(baris) + 1,
                kode=i.kode,
                indikator=i.uraian,
                satuan=i.satuan,
                tw=tuple(_nilai(per_tw.get(t), i.desimal) for t in h.TRIWULAN),  # type: ignore[arg-type]
                target=_nilai(hi.target, i.desimal),
            )
        )
    tabel = n.tabel("L", _("Rencana Aksi Tahun %(tahun)s") % {"tahun": d.tahun}) if baris else None
    return LampiranRencanaAksi(id_, nomor, judul, tabel, tuple(baris), KOSONG_RA % {"tahun": d.tahun})


def susun(d: Dasar, n: Penomor) -> Lampiran:
    return Lampiran(
        pk=lampiran_pk(d, n, 1),
        iku=lampiran_iku(d, n, 2),
        matriks=lampiran_matriks(d, n, 3),
        rencana_aksi=lampiran_rencana_aksi(d, n, 4),
    )
