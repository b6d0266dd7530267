"""Every figure of one PD and one year, from plain data: the computation behind ``sakip-hasil/1`` and the LKjIP.

Pure Python like :mod:`kinerja.hitung` (no Django): :mod:`kinerja.selectors` loads a :class:`DataTahun` from
the database and :func:`hitung_tahun` turns it into a :class:`HasilTahun`, whose unrounded Decimals the JSON
writer, the HTML and the PDF all read. Rules: SAKIP.md §4 and BUNDLE.md §2.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from . import hitung as h
from .hitung import Nilai

# --- input ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RealisasiData:
    triwulan: int | None
    nilai: Decimal | None
    label: str = ""
    status: str = h.FINAL
    tahun_sumber: int | None = None


@dataclass(frozen=True)
class IndikatorData:
    id: int
    kode: str
    level: str  # tujuan | sasaran | program | kegiatan | sub_kegiatan
    induk_id: int  # the id of the tujuan, sasaran, program, kegiatan or sub kegiatan it measures
    iku: bool = False
    polaritas: str = h.POSITIF
    akumulasi: str = h.TERAKHIR
    desimal: int = 2
    target_renstra: Nilai | None = None  # the Renstra target of the year
    target_pk: Nilai | None = None  # the target of the highest PK version of the year, if the PK holds it
    target_akhir: Decimal | None = None  # the Renstra target of the Renstra's last year
    realisasi: tuple[RealisasiData, ...] = ()
    realisasi_lalu: tuple[RealisasiData, ...] = ()  # the previous year's, for growth


@dataclass(frozen=True)
class SasaranData:
    id: int
    kode: str


@dataclass(frozen=True)
class ProgramData:
    id: int
    kode: str
    sasaran_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class KegiatanData:
    id: int
    program_id: int
    kode: str


@dataclass(frozen=True)
class SubKegiatanData:
    id: int
    kegiatan_id: int
    kode: str
    unit_kerja: str | None = None  # kode of the responsible unit


@dataclass(frozen=True)
class BarisPagu:
    sub_kegiatan_id: int
    rekening: str
    versi: str  # murni | perubahan
    jumlah: Decimal


@dataclass(frozen=True)
class BarisRealisasiAnggaran:
    sub_kegiatan_id: int
    rekening: str
    triwulan: int | None
    jumlah: Decimal


@dataclass(frozen=True)
class DataTahun:
    pd_kode: str
    tahun: int
    skala: h.Skala
    batas_atas: Decimal | None = None
    efisiensi_tingkat: str = "sasaran"
    efisiensi_hanya_capaian_100: bool = False
    tahun_lalu_dihitung: bool = False
    indikator: tuple[IndikatorData, ...] = ()
    sasaran: tuple[SasaranData, ...] = ()
    program: tuple[ProgramData, ...] = ()
    kegiatan: tuple[KegiatanData, ...] = ()
    sub_kegiatan: tuple[SubKegiatanData, ...] = ()
    pagu: tuple[BarisPagu, ...] = ()
    realisasi_anggaran: tuple[BarisRealisasiAnggaran, ...] = ()


# --- output --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilIndikator:
    kode: str
    level: str
    iku: bool
    target: Nilai | None
    sumber_target: str | None  # "pk" | "renstra" | None
    realisasi: Nilai | None
    status: str | None
    parsial: bool
    capaian: Decimal | None
    kategori: h.Pita | None
    kemajuan_renstra: Decimal | None
    pertumbuhan: Decimal | None
    dihitung: bool  # counts in means


@dataclass(frozen=True)
class HasilSasaran:
    kode: str
    capaian: Decimal | None
    kategori: h.Pita | None


@dataclass(frozen=True)
class HasilIKU:
    jumlah: int
    rata_rata: Decimal | None
    kategori: h.Pita | None
    per_kategori: dict[str, int]


@dataclass(frozen=True)
class RP:
    pagu_murni: Decimal | None  # None: the year has no murni DPA on record (only the perubahan)
    pagu: Decimal
    realisasi: Decimal
    realisasi_tw: tuple[Decimal, Decimal, Decimal, Decimal]

    @property
    def sisa(self) -> Decimal:
        return h.sisa(pagu=self.pagu, realisasi=self.realisasi)

    @property
    def serapan(self) -> Decimal | None:
        return h.serapan(pagu=self.pagu, realisasi=self.realisasi)

    @property
    def bertambah_berkurang(self) -> Decimal | None:
        if self.pagu_murni is None:
            return None
        return h.bertambah_berkurang(pagu_murni=self.pagu_murni, pagu_perubahan=self.pagu)

    def realisasi_sd(self, triwulan: int) -> Decimal:
        """Cumulative spending up to TW n (quarterly amounts only)."""
        return sum(self.realisasi_tw[:triwulan], h.NOL)


@dataclass(frozen=True)
class HasilAnggaran:
    kode: str
    rp: RP
    capaian_k: Decimal | None = None
    capaian_indikator: Decimal | None = None
    unit_kerja: str | None = None


@dataclass(frozen=True)
class HasilEfisiensi:
    tingkat: str
    kode: str
    capaian: Decimal | None
    serapan: Decimal | None
    efisiensi: Decimal | None


@dataclass(frozen=True)
class HasilTahun:
    pd_kode: str
    tahun: int
    skala: h.Skala
    batas_atas: Decimal | None
    indikator: tuple[HasilIndikator, ...]
    sasaran: tuple[HasilSasaran, ...]
    iku: HasilIKU
    total: RP
    rekening: tuple[HasilAnggaran, ...]
    program: tuple[HasilAnggaran, ...]
    kegiatan: tuple[HasilAnggaran, ...]
    sub_kegiatan: tuple[HasilAnggaran, ...]
    unit_kerja: tuple[HasilAnggaran, ...]
    sasaran_anggaran: tuple[HasilAnggaran, ...] = field(default=())
    efisiensi: tuple[HasilEfisiensi, ...] = field(default=())


# --- the computation -----------------------------------------------------------------------------------


def realisasi_tahunan(
    realisasi: Iterable[RealisasiData], *, akumulasi: str, sampai: int = 4
) -> tuple[Nilai | None, str | None, bool]:
    """The year's figure (or up to TW ``sampai``): an annual entry wins; otherwise the quarters by akumulasi.

    Returns (value, status, partial).
    """
    realisasi = list(realisasi)
    tahunan = [r for r in realisasi if r.triwulan is None]
    if tahunan:
        r = tahunan[0]
        return Nilai(r.nilai, r.label), r.status, False
    tw = [r for r in realisasi if r.triwulan is not None and r.triwulan <= sampai]
    if not tw:
        return None, None, False
    hasil = h.akumulasi_tahunan(
        akumulasi=akumulasi, triwulan=[h.NilaiTriwulan(r.triwulan, r.nilai, r.status) for r in tw], sampai=sampai
    )
    label = ""
    if hasil.nilai is None:  # a qualitative or unavailable year: keep the last label
        label = max(tw, key=lambda r: r.triwulan).label
    elif akumulasi == h.TERAKHIR:
        label = next(r.label for r in tw if r.triwulan == hasil.triwulan_terakhir)
    return Nilai(hasil.nilai, label), hasil.status, hasil.parsial


def _indikator(ind: IndikatorData, data: DataTahun) -> HasilIndikator:
    target = ind.target_pk or ind.target_renstra
    sumber = "pk" if ind.target_pk else ("renstra" if ind.target_renstra else None)
    realisasi, status, parsial = realisasi_tahunan(ind.realisasi, akumulasi=ind.akumulasi)
    angka = realisasi.nilai if realisasi else None
    if status == h.BELUM_TERSEDIA:
        angka = None
    capaian = h.capaian(target=target.nilai if target else None, realisasi=angka, polaritas=ind.polaritas)
    dihitung = capaian is not None and h.dihitung_dalam_rata_rata(
        status=status, tahun_lalu_dihitung=data.tahun_lalu_dihitung
    )
    lalu, status_lalu, _ = realisasi_tahunan(ind.realisasi_lalu, akumulasi=ind.akumulasi)
    angka_lalu = lalu.nilai if lalu and status_lalu != h.BELUM_TERSEDIA else None
    return HasilIndikator(
        kode=ind.kode,
        level=ind.level,
        iku=ind.iku,
        target=target,
        sumber_target=sumber,
        realisasi=realisasi,
        status=status,
        parsial=parsial,
        capaian=capaian,
        kategori=h.kategori(capaian, data.skala),
        kemajuan_renstra=h.kemajuan_renstra(realisasi=angka, target_akhir=ind.target_akhir, polaritas=ind.polaritas),
        pertumbuhan=h.pertumbuhan(sekarang=angka, sebelumnya=angka_lalu),
        dihitung=dihitung,
    )


def _rp(
    sub_ids: Iterable[int],
    pagu: dict[int, dict[str, Decimal]],
    realisasi: dict[int, Decimal],
    realisasi_tw: dict[int, list[Decimal]],
    ada_murni: bool = True,
) -> RP:
    murni = akhir = total = h.NOL
    tw = [h.NOL, h.NOL, h.NOL, h.NOL]
    for s in sub_ids:
        murni += pagu[s]["murni"]
        akhir += pagu[s]["akhir"]
        total += realisasi[s]
        for i in range(4):
            tw[i] += realisasi_tw[s][i]
    return RP(
        pagu_murni=murni if ada_murni else None, pagu=akhir, realisasi=total, realisasi_tw=(tw[0], tw[1], tw[2], tw[3])
    )


def hitung_tahun(data: DataTahun) -> HasilTahun:
    rerata = lambda nilai: h.rata_rata(nilai, batas_atas=data.batas_atas)  # noqa: E731

    indikator = tuple(_indikator(i, data) for i in data.indikator)
    per_induk: dict[tuple[str, int], list[HasilIndikator]] = defaultdict(list)
    for masukan, hasil in zip(data.indikator, indikator, strict=True):
        per_induk[(masukan.level, masukan.induk_id)].append(hasil)

    def capaian_dari(level: str, induk_id: int) -> Decimal | None:
        return rerata(i.capaian for i in per_induk.get((level, induk_id), []) if i.dihitung)

    sasaran = tuple(
        HasilSasaran(s.kode, c := capaian_dari("sasaran", s.id), h.kategori(c, data.skala)) for s in data.sasaran
    )
    sasaran_capaian = {s.id: hs.capaian for s, hs in zip(data.sasaran, sasaran, strict=True)}
    iku = [i for i in indikator if i.iku]
    rata_iku = rerata(i.capaian for i in iku if i.dihitung)
    per_kategori: dict[str, int] = {}
    for pita in data.skala.pita:  # in the scale's order, only bands that occur
        n = sum(1 for i in iku if i.dihitung and i.kategori == pita)
        if n:
            per_kategori[pita.label] = n
    hasil_iku = HasilIKU(len(iku), rata_iku, h.kategori(rata_iku, data.skala), per_kategori)

    # --- money: pagu of the latest version, realisations as stored per quarter ---
    ada_perubahan = any(b.versi == "perubahan" for b in data.pagu)
    ada_murni = any(b.versi == "murni" for b in data.pagu) or not data.pagu
    versi_akhir = "perubahan" if ada_perubahan else "murni"
    sub_ids = [s.id for s in data.sub_kegiatan]
    pagu: dict[int, dict[str, Decimal]] = {s: {"murni": h.NOL, "akhir": h.NOL} for s in sub_ids}
    realisasi: dict[int, Decimal] = dict.fromkeys(sub_ids, h.NOL)
    realisasi_tw: dict[int, list[Decimal]] = {s: [h.NOL] * 4 for s in sub_ids}
    rek_murni: list[tuple[str, Decimal]] = []
    rek_akhir: list[tuple[str, Decimal]] = []
    rek_real: list[tuple[str, Decimal]] = []
    rek_tw: list[list[tuple[str, Decimal]]] = [[], [], [], []]
    for b in data.pagu:
        if b.sub_kegiatan_id not in pagu:
            continue
        if b.versi == "murni":
            pagu[b.sub_kegiatan_id]["murni"] += b.jumlah
            rek_murni.append((b.rekening, b.jumlah))
        if b.versi == versi_akhir:
            pagu[b.sub_kegiatan_id]["akhir"] += b.jumlah
            rek_akhir.append((b.rekening, b.jumlah))
    for r in data.realisasi_anggaran:
        if r.sub_kegiatan_id not in realisasi:
            continue
        realisasi[r.sub_kegiatan_id] += r.jumlah
        rek_real.append((r.rekening, r.jumlah))
        if r.triwulan is not None:
            realisasi_tw[r.sub_kegiatan_id][r.triwulan - 1] += r.jumlah
            rek_tw[r.triwulan - 1].append((r.rekening, r.jumlah))

    per_murni, per_akhir, per_real = (h.jumlah_per_prefiks(x) for x in (rek_murni, rek_akhir, rek_real))
    per_tw = [h.jumlah_per_prefiks(x) for x in rek_tw]
    kode_rekening = sorted(set(per_murni) | set(per_akhir) | set(per_real), key=h.kunci_kode)
    rekening = tuple(
        HasilAnggaran(
            kode=k,
            rp=RP(
                pagu_murni=per_murni.get(k, h.NOL) if ada_murni else None,
                pagu=per_akhir.get(k, h.NOL),
                realisasi=per_real.get(k, h.NOL),
                realisasi_tw=tuple(t.get(k, h.NOL) for t in per_tw),  # type: ignore[arg-type]
            ),
        )
        for k in kode_rekening
    )

    # --- kinerja of the annex (K%) and the money tree ---
    sub_k = {s.id: capaian_dari("sub_kegiatan", s.id) for s in data.sub_kegiatan}
    sub_per_keg: dict[int, list[SubKegiatanData]] = defaultdict(list)
    for s in data.sub_kegiatan:
        sub_per_keg[s.kegiatan_id].append(s)
    keg_k = {k.id: rerata(sub_k[s.id] for s in sub_per_keg[k.id]) for k in data.kegiatan}
    keg_per_prog: dict[int, list[KegiatanData]] = defaultdict(list)
    for k in data.kegiatan:
        keg_per_prog[k.program_id].append(k)
    sub_per_prog = {p.id: [s.id for k in keg_per_prog[p.id] for s in sub_per_keg[k.id]] for p in data.program}

    sub_hasil = tuple(
        HasilAnggaran(
            s.kode,
            _rp([s.id], pagu, realisasi, realisasi_tw, ada_murni),
            capaian_k=sub_k[s.id],
            unit_kerja=s.unit_kerja,
        )
        for s in data.sub_kegiatan
    )
    keg_hasil = tuple(
        HasilAnggaran(
            k.kode,
            _rp([s.id for s in sub_per_keg[k.id]], pagu, realisasi, realisasi_tw, ada_murni),
            capaian_k=keg_k[k.id],
        )
        for k in data.kegiatan
    )
    prog_hasil = tuple(
        HasilAnggaran(
            p.kode,
            _rp(sub_per_prog[p.id], pagu, realisasi, realisasi_tw, ada_murni),
            capaian_k=rerata(keg_k[k.id] for k in keg_per_prog[p.id]),
            capaian_indikator=capaian_dari("program", p.id),
        )
        for p in data.program
    )
    units = sorted({s.unit_kerja for s in data.sub_kegiatan if s.unit_kerja})
    unit_hasil = []
    for u in units:
        baris_k = []  # one row per kegiatan holding only this unit's sub kegiatan
        for k in data.kegiatan:
            milik = [s for s in sub_per_keg[k.id] if s.unit_kerja == u]
            if milik:
                baris_k.append(rerata(sub_k[s.id] for s in milik))
        unit_hasil.append(
            HasilAnggaran(
                u,
                _rp([s.id for s in data.sub_kegiatan if s.unit_kerja == u], pagu, realisasi, realisasi_tw, ada_murni),
                capaian_k=rerata(baris_k),
            )
        )
    total = _rp(sub_ids, pagu, realisasi, realisasi_tw, ada_murni)

    # --- sasaran money (through the programs that support it) and efficiency ---
    prog_per_sasaran: dict[int, list[ProgramData]] = defaultdict(list)
    for p in data.program:
        for s in p.sasaran_ids:
            prog_per_sasaran[s].append(p)
    sasaran_anggaran = tuple(
        HasilAnggaran(
            s.kode,
            _rp(
                sorted({x for p in prog_per_sasaran[s.id] for x in sub_per_prog[p.id]}),
                pagu,
                realisasi,
                realisasi_tw,
                ada_murni,
            ),
            capaian_indikator=sasaran_capaian[s.id],
        )
        for s in data.sasaran
    )
    efisiensi: list[HasilEfisiensi] = []
    if data.efisiensi_tingkat == "program":
        sumber = [
            (p.kode, ph.capaian_indikator if ph.capaian_indikator is not None else ph.capaian_k, ph.rp)
            for p, ph in zip(data.program, prog_hasil, strict=True)
        ]
    else:
        sumber = [
            (s.kode, sa.capaian_indikator, sa.rp)
            for s, sa in zip(data.sasaran, sasaran_anggaran, strict=True)
            if prog_per_sasaran[s.id]
        ]
    for kode, capaian, rp in sumber:
        if data.efisiensi_hanya_capaian_100 and (capaian is None or capaian < h.SERATUS):
            continue
        efisiensi.append(
            HasilEfisiensi(
                data.efisiensi_tingkat, kode, capaian, rp.serapan, h.efisiensi(capaian=capaian, serapan=rp.serapan)
            )
        )

    return HasilTahun(
        pd_kode=data.pd_kode,
        tahun=data.tahun,
        skala=data.skala,
        batas_atas=data.batas_atas,
        indikator=indikator,
        sasaran=sasaran,
        iku=hasil_iku,
        total=total,
        rekening=rekening,
        program=prog_hasil,
        kegiatan=keg_hasil,
        sub_kegiatan=sub_hasil,
        unit_kerja=tuple(unit_hasil),
        sasaran_anggaran=sasaran_anggaran,
        efisiensi=tuple(efisiensi),
    )
