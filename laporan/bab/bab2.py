"""BAB II Perencanaan dan Perjanjian Kinerja of the LKjIP (SAKIP.md §5, part 5), all from data:

* A. the Renstra: period, visi, misi, tujuan → sasaran → indikator; the IKU with the target of every Renstra year,
  before and after reviu where an IKU replaced others; the IKU definitions;
* B. every version of the year's Perjanjian Kinerja with its targets and program budgets;
* C. the programs, kegiatan and sub kegiatan supporting each sasaran, with their pagu;
* D. the budget per account, murni against perubahan.

Targets are the stored ``TargetIndikator`` / ``TargetPK`` values (prefetched in :func:`laporan.konteks.muat_dasar`);
money comes from the computed :class:`~kinerja.rekap.HasilTahun`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kinerja.models import PerjanjianKinerja
from renstra.models import Indikator
from sakip.angka import format_angka, format_nilai, format_rupiah

from ..konteks import Dasar, Penomor, Rujukan, format_tanggal, nama_pejabat
from .awal import gabung, versi_dpa
from .awal import teks as aman

TINGKAT_MAKS = 3
#: Tables with more columns go on landscape pages (``<div class="lebar">``).
KOLOM_LEBAR = 8


def rujukan(r: Rujukan) -> SafeString:
    return format_html('<a class="rujukan" href="#{}">{}</a>', r.id, r.label)


# --- A. Rencana Strategis ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndikatorRingkas:
    kode: str
    uraian: str
    satuan: str


@dataclass(frozen=True)
class MisiRingkas:
    kode: str
    uraian: str


@dataclass(frozen=True)
class BarisSasaran:
    sasaran: str  # "" on the rows of the tujuan's own indicators
    rentang: int  # rowspan of the sasaran cell on the sasaran's first row, 0 on its other rows
    indikator: IndikatorRingkas | None


@dataclass(frozen=True)
class KelompokTujuan:
    kode: str
    uraian: str
    misi: str  # kode of the misi it serves, "M1, M2"
    baris: tuple[BarisSasaran, ...]


@dataclass(frozen=True)
class SelTahun:
    tahun: int
    sebelum: str  # target of the indicator(s) replaced; "" where none was in force
    setelah: str  # target of the IKU; "" where it was not in force, "—" where in force without a target


@dataclass(frozen=True)
class BarisIKU:
    nomor: int
    pertama: bool  # first row of its group: prints the number, the replaced indicators and their targets
    rentang: int  # rows of the group
    sebelum: tuple[IndikatorRingkas, ...]
    indikator: IndikatorRingkas
    kondisi_awal: str
    kolom: tuple[SelTahun, ...]


@dataclass(frozen=True)
class BarisDefinisi:
    nomor: int
    sasaran: str
    rentang: int
    indikator: IndikatorRingkas
    definisi: str
    formula: str
    sumber_data: str
    penanggung_jawab: str


@dataclass(frozen=True)
class RencanaStrategis:
    ada: bool
    kalimat: SafeString
    periode: str
    visi: str
    misi: tuple[MisiRingkas, ...]
    tabel_tujuan: Rujukan | None
    tujuan: tuple[KelompokTujuan, ...]
    kalimat_iku: SafeString
    reviu: tuple[SafeString, ...]  # "IKU-L1 … digantikan oleh IKU-1 dan IKU-2 sejak tahun 2024."
    tabel_iku: Rujukan | None
    tahun: tuple[int, ...]
    ada_reviu: bool
    ada_kondisi_awal: bool
    iku_lebar: bool  # more than ~8 columns: printed on a landscape page
    iku: tuple[BarisIKU, ...]
    kalimat_definisi: SafeString
    tabel_definisi: Rujukan | None
    definisi: tuple[BarisDefinisi, ...]


# --- B. Perjanjian Kinerja --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTargetPK:
    nomor: int
    sasaran: str
    rentang: int
    indikator: IndikatorRingkas
    target: str


@dataclass(frozen=True)
class BarisAnggaranPK:
    kode: str
    nama: str
    jumlah: Decimal


@dataclass(frozen=True)
class VersiPK:
    versi: int
    jenis: str
    tanggal: str
    pihak_pertama_nama: str
    pihak_pertama_jabatan: str
    pihak_kedua_nama: str
    pihak_kedua_jabatan: str
    kalimat: SafeString
    kalimat_perubahan: SafeString
    perubahan: tuple[SafeString, ...]
    tabel_target: Rujukan | None
    target: tuple[BarisTargetPK, ...]
    tabel_anggaran: Rujukan | None
    anggaran: tuple[BarisAnggaranPK, ...]
    jumlah_anggaran: Decimal | None


@dataclass(frozen=True)
class PerjanjianKinerjaBab:
    kalimat: SafeString
    versi: tuple[VersiPK, ...]


# --- C. program / kegiatan / sub kegiatan -----------------------------------------------------------------


@dataclass(frozen=True)
class BarisProgram:
    jenis: str  # program | kegiatan | sub_kegiatan
    tingkat: int
    kode: str
    nama: str
    unit: str
    pagu: Decimal | None


@dataclass(frozen=True)
class KelompokSasaranProgram:
    kode: str  # "" for the programs tied to no sasaran
    uraian: str
    pagu: Decimal | None
    baris: tuple[BarisProgram, ...]


@dataclass(frozen=True)
class ProgramBab:
    kalimat: SafeString
    tabel: Rujukan | None
    kelompok: tuple[KelompokSasaranProgram, ...]
    jumlah: Decimal | None


# --- D. budget per account --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisRekening:
    kode: str
    uraian: str
    tingkat: int
    induk: bool  # a prefix summing deeper accounts
    pagu_murni: Decimal | None
    pagu: Decimal
    selisih: Decimal | None


@dataclass(frozen=True)
class RekeningBab:
    kalimat: SafeString
    tabel: Rujukan | None
    kolom_murni: bool
    kolom_perubahan: bool
    kolom_selisih: bool
    baris: tuple[BarisRekening, ...]
    jumlah_murni: Decimal | None
    jumlah_perubahan: Decimal | None
    jumlah_selisih: Decimal | None


@dataclass(frozen=True)
class Bab2:
    renstra: RencanaStrategis
    pk: PerjanjianKinerjaBab
    program: ProgramBab
    rekening: RekeningBab


# --- builders ---------------------------------------------------------------------------------------------


def _ringkas(i: Indikator) -> IndikatorRingkas:
    return IndikatorRingkas(i.kode, i.uraian, i.satuan)


def _periode(d: Dasar) -> str:
    return f"{d.renstra.tahun_mulai}–{d.renstra.tahun_selesai}" if d.renstra else ""


def _teks_target(i: Indikator, tahun: int) -> str:
    """The stored Renstra target of the year as printed: "" where the indicator was not in force that year."""
    if not i.berlaku_pada(tahun):
        return ""
    t = next((t for t in i.target.all() if t.tahun == tahun), None)
    return format_nilai(t.nilai, t.label, i.desimal) if t else format_nilai(None)


def _indikator_renstra(d: Dasar) -> list[Indikator]:
    """The indicators of the Renstra's tujuan and sasaran, in the order of the tree."""
    posisi_tujuan = {t.pk: n for n, t in enumerate(d.tujuan)}
    posisi_sasaran = {s.pk: (posisi_tujuan.get(s.tujuan_id, 0), n) for n, s in enumerate(d.sasaran)}

    def kunci(i: Indikator) -> tuple:
        if i.sasaran_id is not None:
            t, s = posisi_sasaran[i.sasaran_id]
            return (t, 1, s, i.urutan, i.pk)
        return (posisi_tujuan[i.tujuan_id], 0, 0, i.urutan, i.pk)

    milik = [i for i in d.indikator.values() if i.sasaran_id in posisi_sasaran or i.tujuan_id in posisi_tujuan]
    return sorted(milik, key=kunci)


def _tujuan(d: Dasar, indikator: list[Indikator]) -> tuple[KelompokTujuan, ...]:
    berlaku = [i for i in indikator if i.berlaku_pada(d.tahun)]
    hasil = []
    for t in d.tujuan:
        baris: list[BarisSasaran] = []
        milik_tujuan = [i for i in berlaku if i.tujuan_id == t.pk]
        for n, i in enumerate(milik_tujuan):
            baris.append(BarisSasaran(_("Indikator tujuan"), len(milik_tujuan) if n == 0 else 0, _ringkas(i)))
        for s in d.sasaran:
            if s.tujuan_id != t.pk:
                continue
            milik = [i for i in berlaku if i.sasaran_id == s.pk]
            judul = f"{s.kode}. {s.uraian}"
            if not milik:
                baris.append(BarisSasaran(judul, 1, None))
            for n, i in enumerate(milik):
                baris.append(BarisSasaran(judul, len(milik) if n == 0 else 0, _ringkas(i)))
        hasil.append(KelompokTujuan(t.kode, t.uraian, ", ".join(m.kode for m in t.misi.all()), tuple(baris)))
    return tuple(hasil)


def _kondisi_awal(i: Indikator) -> str:
    if i.kondisi_awal_nilai is None and not i.kondisi_awal_label:
        return ""
    teks = format_nilai(i.kondisi_awal_nilai, i.kondisi_awal_label, i.desimal)
    return f"{teks} ({i.kondisi_awal_tahun})" if i.kondisi_awal_tahun else teks


def _iku(d: Dasar, indikator: list[Indikator], tahun_renstra: tuple[int, ...]) -> tuple[list[BarisIKU], list[tuple]]:
    """The IKU rows grouped by the indicators they replaced, and the groups (replaced, replacing) that have any."""
    iku = [i for i in indikator if i.iku]
    lama_pk = {x.pk for i in iku for x in i.menggantikan.all()}
    baru = [i for i in iku if i.pk not in lama_pk]  # a replaced indicator is printed in its replacement's row
    per_pk = {i.pk: i for i in d.indikator.values()}

    # IKU that replaced the same indicators share a group (one row each, the replaced ones spanning them)
    kelompok: dict[tuple, list[Indikator]] = {}
    for i in baru:
        lama = tuple(sorted(x.pk for x in i.menggantikan.all()))
        kelompok.setdefault(("reviu", *lama) if lama else ("sendiri", i.pk), []).append(i)

    baris: list[BarisIKU] = []
    reviu: list[tuple] = []
    for nomor, (kunci, anggota) in enumerate(kelompok.items(), start=1):
        lama_ids = kunci[1:] if kunci[0] == "reviu" else ()
        lama = sorted(
            (per_pk.get(pk) or next(x for i in anggota for x in i.menggantikan.all() if x.pk == pk) for pk in lama_ids),
            key=lambda x: (x.urutan, x.pk),
        )
        if lama:
            reviu.append((lama, anggota))
        sebelum_per_tahun = []
        for th in tahun_renstra:
            teks = [(x.kode, _teks_target(x, th)) for x in lama]
            teks = [(k, t) for k, t in teks if t]
            if len(teks) > 1:
                sebelum_per_tahun.append("; ".join(f"{k}: {t}" for k, t in teks))
            else:
                sebelum_per_tahun.append(teks[0][1] if teks else "")
        for n, i in enumerate(anggota):
            baris.append(
                BarisIKU(
                    nomor=nomor,
                    pertama=n == 0,
                    rentang=len(anggota),
                    sebelum=tuple(_ringkas(x) for x in lama),
                    indikator=_ringkas(i),
                    kondisi_awal=_kondisi_awal(i),
                    kolom=tuple(
                        SelTahun(th, sebelum, _teks_target(i, th))
                        for th, sebelum in zip(tahun_renstra, sebelum_per_tahun, strict=True)
                    ),
                )
            )
    return baris, reviu


def _kalimat_reviu(lama: list[Indikator], baru: list[Indikator]) -> SafeString:
    sejak = [i.berlaku_dari for i in baru if i.berlaku_dari] or [x.berlaku_sampai + 1 for x in lama if x.berlaku_sampai]
    teks_lama = gabung([f"{x.kode} ({x.uraian})" for x in lama])
    teks_baru = gabung([f"{i.kode} ({i.uraian})" for i in baru])
    if sejak:
        return format_html(
            _("Hasil reviu: {lama} digantikan oleh {baru} sejak tahun {tahun}."),
            lama=teks_lama,
            baru=teks_baru,
            tahun=min(sejak),
        )
    return format_html(_("Hasil reviu: {lama} digantikan oleh {baru}."), lama=teks_lama, baru=teks_baru)


def _definisi(d: Dasar, indikator: list[Indikator]) -> tuple[BarisDefinisi, ...]:
    sasaran = {s.pk: s for s in d.sasaran}
    tujuan = {t.pk: t for t in d.tujuan}
    iku = [i for i in indikator if i.iku and i.berlaku_pada(d.tahun)]
    kelompok: dict[str, list[Indikator]] = {}
    for i in iku:
        induk = sasaran.get(i.sasaran_id) or tujuan.get(i.tujuan_id)
        kelompok.setdefault(f"{induk.kode}. {induk.uraian}" if induk else "", []).append(i)
    hasil = []
    for nomor, (judul, anggota) in enumerate(kelompok.items(), start=1):
        for n, i in enumerate(anggota):
            hasil.append(
                BarisDefinisi(
                    nomor=nomor,
                    sasaran=judul,
                    rentang=len(anggota) if n == 0 else 0,
                    indikator=_ringkas(i),
                    definisi=i.definisi_operasional,
                    formula=i.formula,
                    sumber_data=i.sumber_data,
                    penanggung_jawab=i.unit_kerja.nama if i.unit_kerja else "",
                )
            )
    return tuple(hasil)


def _renstra(d: Dasar, n: Penomor) -> RencanaStrategis:
    pd = d.identitas.pd_nama
    r = d.renstra
    if r is None:
        kosong = format_html(_("Belum ada Renstra yang tercatat untuk tahun {tahun}."), tahun=d.tahun)
        return RencanaStrategis(
            ada=False,
            kalimat=kosong,
            periode="",
            visi="",
            misi=(),
            tabel_tujuan=None,
            tujuan=(),
            kalimat_iku=aman(_("Tanpa Renstra, Indikator Kinerja Utama dan targetnya belum dapat disajikan.")),
            reviu=(),
            tabel_iku=None,
            tahun=(),
            ada_reviu=False,
            ada_kondisi_awal=False,
            iku_lebar=False,
            iku=(),
            kalimat_definisi=SafeString(""),
            tabel_definisi=None,
            definisi=(),
        )

    periode = _periode(d)
    indikator = _indikator_renstra(d)
    tahun_renstra = tuple(range(r.tahun_mulai, r.tahun_selesai + 1))
    jumlah_iku = sum(1 for i in indikator if i.iku and i.berlaku_pada(d.tahun))
    kalimat = format_html(
        _(
            "Rencana Strategis (Renstra) {pd} periode {periode} memuat visi, misi, {tujuan} tujuan dan {sasaran} "
            "sasaran strategis yang pada tahun {tahun} diukur dengan {iku} Indikator Kinerja Utama (IKU)."
        ),
        pd=pd,
        periode=periode,
        tujuan=format_angka(len(d.tujuan), 0),
        sasaran=format_angka(len(d.sasaran), 0),
        tahun=d.tahun,
        iku=format_angka(jumlah_iku, 0),
    )
    if r.tahun_selesai < d.tahun:
        kalimat = format_html(
            "{} {}",
            kalimat,
            format_html(
                _("Periode Renstra ini berakhir pada tahun {akhir}; belum ada Renstra baru yang tercatat."),
                akhir=r.tahun_selesai,
            ),
        )

    tujuan = _tujuan(d, indikator)
    tabel_tujuan = None
    if tujuan:
        tabel_tujuan = n.tabel(
            "2",
            _("Tujuan, Sasaran Strategis dan Indikator Kinerja %(pd)s Tahun %(periode)s")
            % {"pd": pd, "periode": periode},
        )

    iku, reviu = _iku(d, indikator, tahun_renstra)
    tabel_iku = None
    if iku:
        tabel_iku = n.tabel("2", _("Indikator Kinerja Utama %(pd)s Tahun %(periode)s") % {"pd": pd, "periode": periode})
        kalimat_iku = format_html(
            _(
                "Indikator Kinerja Utama (IKU) {pd} beserta targetnya pada setiap tahun periode Renstra disajikan "
                "pada {tabel}."
            ),
            pd=pd,
            tabel=rujukan(tabel_iku),
        )
        if reviu:
            kalimat_iku = format_html(
                "{} {}",
                kalimat_iku,
                aman(
                    _(
                        "Indikator yang diganti setelah reviu ditampilkan pada kolom Sebelum Reviu, berdampingan "
                        "dengan indikator penggantinya pada kolom Setelah Reviu."
                    )
                ),
            )
    else:
        kalimat_iku = format_html(
            _("Belum ada Indikator Kinerja Utama yang tercatat dalam Renstra {periode}."), periode=periode
        )

    ada_kondisi_awal = any(b.kondisi_awal for b in iku)
    kolom = 3 + ada_kondisi_awal + len(tahun_renstra) * (2 if reviu else 1) + (1 if reviu else 0)

    definisi = _definisi(d, indikator)
    tabel_definisi = None
    kalimat_definisi = SafeString("")
    if definisi:
        tabel_definisi = n.tabel(
            "2", _("Definisi Operasional Indikator Kinerja Utama %(pd)s Tahun %(tahun)s") % {"pd": pd, "tahun": d.tahun}
        )
        kalimat_definisi = format_html(
            _(
                "Definisi operasional, formula, sumber data dan penanggung jawab setiap IKU yang berlaku pada tahun "
                "{tahun} disajikan pada {tabel}."
            ),
            tahun=d.tahun,
            tabel=rujukan(tabel_definisi),
        )

    return RencanaStrategis(
        ada=True,
        kalimat=kalimat,
        periode=periode,
        visi=r.visi,
        misi=tuple(MisiRingkas(m.kode, m.uraian) for m in d.misi),
        tabel_tujuan=tabel_tujuan,
        tujuan=tujuan,
        kalimat_iku=kalimat_iku,
        reviu=tuple(_kalimat_reviu(lama, baru) for lama, baru in reviu),
        tabel_iku=tabel_iku,
        tahun=tahun_renstra,
        ada_reviu=bool(reviu),
        ada_kondisi_awal=ada_kondisi_awal,
        iku_lebar=kolom > KOLOM_LEBAR,
        iku=tuple(iku),
        kalimat_definisi=kalimat_definisi,
        tabel_definisi=tabel_definisi,
        definisi=definisi,
    )


def _target_pk(d: Dasar, pk: PerjanjianKinerja) -> tuple[BarisTargetPK, ...]:
    sasaran = {s.pk: s for s in d.sasaran}
    tujuan = {t.pk: t for t in d.tujuan}
    urutan_sasaran = {s.pk: n for n, s in enumerate(d.sasaran)}
    kelompok: dict[str, list] = {}
    posisi: dict[str, tuple] = {}
    for t in pk.target.all():
        i = t.indikator
        induk = sasaran.get(i.sasaran_id) or tujuan.get(i.tujuan_id)
        judul = f"{induk.kode}. {induk.uraian}" if induk else ""
        kelompok.setdefault(judul, []).append(t)
        posisi.setdefault(judul, (0 if induk else 1, urutan_sasaran.get(i.sasaran_id, -1)))
    hasil = []
    for nomor, judul in enumerate(sorted(kelompok, key=lambda j: posisi[j]), start=1):
        anggota = kelompok[judul]
        for n, t in enumerate(anggota):
            i = t.indikator
            hasil.append(
                BarisTargetPK(
                    nomor=nomor,
                    sasaran=judul,
                    rentang=len(anggota) if n == 0 else 0,
                    indikator=_ringkas(i),
                    target=format_nilai(t.nilai, t.label, i.desimal),
                )
            )
    return tuple(hasil)


def _anggaran_pk(d: Dasar, pk: PerjanjianKinerja) -> tuple[BarisAnggaranPK, ...]:
    urutan = {p.pk: n for n, p in enumerate(d.program)}
    baris = sorted(pk.anggaran_program.all(), key=lambda a: (urutan.get(a.program_id, len(urutan)), a.program.kode))
    return tuple(BarisAnggaranPK(a.program.kode, a.program.nama, a.jumlah) for a in baris)


def _perubahan_pk(lama: VersiPK, baru: VersiPK) -> tuple[SafeString, ...]:
    """What changed between two versions, in the stored values as printed."""
    hasil: list[SafeString] = []
    t_lama = {b.indikator.kode: b.target for b in lama.target}
    t_baru = {b.indikator.kode: b.target for b in baru.target}
    for kode, target in t_baru.items():
        if kode not in t_lama:
            hasil.append(format_html(_("target {kode} ditambahkan: {baru}"), kode=kode, baru=target))
        elif t_lama[kode] != target:
            hasil.append(
                format_html(
                    _("target {kode} berubah dari {lama} menjadi {baru}"), kode=kode, lama=t_lama[kode], baru=target
                )
            )
    for kode in t_lama:
        if kode not in t_baru:
            hasil.append(format_html(_("{kode} tidak lagi dimuat"), kode=kode))
    a_lama = {b.kode: b.jumlah for b in lama.anggaran}
    a_baru = {b.kode: b.jumlah for b in baru.anggaran}
    for kode, jumlah in a_baru.items():
        if kode not in a_lama:
            hasil.append(
                format_html(_("anggaran program {kode} ditambahkan: {baru}"), kode=kode, baru=format_rupiah(jumlah))
            )
        elif a_lama[kode] != jumlah:
            hasil.append(
                format_html(
                    _("anggaran program {kode} berubah dari {lama} menjadi {baru}"),
                    kode=kode,
                    lama=format_rupiah(a_lama[kode]),
                    baru=format_rupiah(jumlah),
                )
            )
    for kode in a_lama:
        if kode not in a_baru:
            hasil.append(format_html(_("anggaran program {kode} tidak lagi dimuat"), kode=kode))
    return tuple(hasil)


def _pk(d: Dasar, n: Penomor) -> PerjanjianKinerjaBab:
    pd = d.identitas.pd_nama
    tahun = d.tahun
    if not d.pk:
        return PerjanjianKinerjaBab(
            format_html(_("Belum ada Perjanjian Kinerja yang tercatat untuk tahun {tahun}."), tahun=tahun), ()
        )
    kalimat = format_html(
        _(
            "Pada tahun {tahun} tercatat {n} versi Perjanjian Kinerja {pd}. Pengukuran kinerja pada BAB III "
            "menggunakan target dari versi terakhir yang memuat setiap indikator."
        ),
        tahun=tahun,
        n=format_angka(len(d.pk), 0),
        pd=pd,
    )
    versi: list[VersiPK] = []
    for pk in d.pk:
        jenis = str(PerjanjianKinerja.Jenis(pk.jenis).label) if pk.jenis in PerjanjianKinerja.Jenis.values else pk.jenis
        judul_versi = _("Versi %(versi)s (%(jenis)s)") % {"versi": pk.versi, "jenis": jenis}
        target = _target_pk(d, pk)
        anggaran = _anggaran_pk(d, pk)
        tabel_target = (
            n.tabel(
                "2",
                _("Perjanjian Kinerja %(pd)s Tahun %(tahun)s %(versi)s")
                % {"pd": pd, "tahun": tahun, "versi": judul_versi},
            )
            if target
            else None
        )
        tabel_anggaran = (
            n.tabel(
                "2",
                _("Anggaran Program dalam Perjanjian Kinerja Tahun %(tahun)s %(versi)s")
                % {"tahun": tahun, "versi": judul_versi},
            )
            if anggaran
            else None
        )
        jumlah = sum((a.jumlah for a in anggaran), Decimal(0)) if anggaran else None
        pihak = pk.pihak_pertama
        tanggal = format_tanggal(pk.tanggal)
        bagian = [
            format_html(
                _(
                    "Perjanjian Kinerja versi {versi} ({jenis}){tanggal} ditandatangani oleh {jabatan1} ({nama1}) "
                    "selaku pihak pertama dan {jabatan2} ({nama2}) selaku pihak kedua."
                ),
                versi=pk.versi,
                jenis=jenis.lower(),
                tanggal=_(" tanggal %(tanggal)s") % {"tanggal": tanggal} if tanggal else "",
                jabatan1=pihak.jabatan,
                nama1=nama_pejabat(pihak),
                jabatan2=pk.pihak_kedua_jabatan,
                nama2=pk.pihak_kedua_nama,
            )
        ]
        if tabel_target:
            bagian.append(
                format_html(
                    _("Perjanjian ini memuat {n} indikator kinerja dari {s} sasaran ({tabel})."),
                    n=format_angka(len(target), 0),
                    s=format_angka(len({b.sasaran for b in target}), 0),
                    tabel=rujukan(tabel_target),
                )
            )
        else:
            bagian.append(aman(_("Perjanjian ini belum memuat target indikator.")))
        if tabel_anggaran:
            bagian.append(
                format_html(
                    _("Anggaran {n} program yang diperjanjikan berjumlah {jumlah} ({tabel})."),
                    n=format_angka(len(anggaran), 0),
                    jumlah=format_rupiah(jumlah),
                    tabel=rujukan(tabel_anggaran),
                )
            )
        else:
            bagian.append(aman(_("Perjanjian ini tidak mencantumkan anggaran program.")))
        v = VersiPK(
            versi=pk.versi,
            jenis=jenis,
            tanggal=tanggal,
            pihak_pertama_nama=nama_pejabat(pihak),
            pihak_pertama_jabatan=pihak.jabatan,
            pihak_kedua_nama=pk.pihak_kedua_nama,
            pihak_kedua_jabatan=pk.pihak_kedua_jabatan,
            kalimat=format_html_join(" ", "{}", ((b,) for b in bagian)),
            kalimat_perubahan=SafeString(""),
            perubahan=(),
            tabel_target=tabel_target,
            target=target,
            tabel_anggaran=tabel_anggaran,
            anggaran=anggaran,
            jumlah_anggaran=jumlah,
        )
        if versi:
            sebelumnya = versi[-1]
            perubahan = _perubahan_pk(sebelumnya, v)
            if perubahan:
                teks = format_html(_("Dibandingkan versi {versi}:"), versi=sebelumnya.versi)
            else:
                teks = format_html(_("Target dan anggaran program sama dengan versi {versi}."), versi=sebelumnya.versi)
            v = replace(v, kalimat_perubahan=teks, perubahan=perubahan)
        versi.append(v)
    return PerjanjianKinerjaBab(kalimat, tuple(versi))


def _program(d: Dasar, n: Penomor) -> ProgramBab:
    pd = d.identitas.pd_nama
    tahun = d.tahun
    if not d.program:
        return ProgramBab(format_html(_("Belum ada program yang tercatat untuk {pd}."), pd=pd), None, (), None)

    def pagu(hasil: dict, kode: str) -> Decimal | None:
        a = hasil.get(kode)
        return a.rp.pagu if a else None

    kegiatan_per_program: dict[int, list] = {}
    for k in d.kegiatan:
        kegiatan_per_program.setdefault(k.program_id, []).append(k)
    sub_per_kegiatan: dict[int, list] = {}
    for s in d.sub_kegiatan:
        sub_per_kegiatan.setdefault(s.kegiatan_id, []).append(s)

    def baris_program(p) -> list[BarisProgram]:
        baris = [BarisProgram("program", 1, p.kode, p.nama, "", pagu(d.hasil_program, p.kode))]
        for k in kegiatan_per_program.get(p.pk, []):
            baris.append(BarisProgram("kegiatan", 2, k.kode, k.nama, "", pagu(d.hasil_kegiatan, k.kode)))
            for s in sub_per_kegiatan.get(k.pk, []):
                unit = s.unit_kerja.nama if s.unit_kerja else ""
                baris.append(BarisProgram("sub_kegiatan", 3, s.kode, s.nama, unit, pagu(d.hasil_sub_kegiatan, s.kode)))
        return baris

    sasaran_ids = {s.pk for s in d.sasaran}
    kelompok = []
    for s in d.sasaran:
        milik = [p for p in d.program if any(x.pk == s.pk for x in p.sasaran.all())]
        if milik:
            a = d.hasil_sasaran_anggaran.get(s.kode)
            kelompok.append(
                KelompokSasaranProgram(
                    s.kode, s.uraian, a.rp.pagu if a else None, tuple(b for p in milik for b in baris_program(p))
                )
            )
    lepas = [p for p in d.program if not any(x.pk in sasaran_ids for x in p.sasaran.all())]
    if lepas:
        kelompok.append(
            KelompokSasaranProgram(
                "",
                _("Program yang belum dikaitkan dengan sasaran strategis"),
                None,
                tuple(b for p in lepas for b in baris_program(p)),
            )
        )
    tabel = n.tabel(
        "2", _("Program, Kegiatan dan Sub Kegiatan Pendukung Sasaran Strategis Tahun %(tahun)s") % {"tahun": tahun}
    )
    bagian = [
        format_html(
            _(
                "Program, kegiatan dan sub kegiatan yang mendukung setiap sasaran strategis beserta pagunya "
                "disajikan pada {tabel}."
            ),
            tabel=rujukan(tabel),
        )
    ]
    if d.data.pagu:
        bagian.append(
            format_html(
                _(
                    "Pagu adalah anggaran {dpa} tahun {tahun}; pagu sasaran adalah jumlah pagu program yang "
                    "mendukungnya."
                ),
                dpa=versi_dpa(d),
                tahun=tahun,
            )
        )
    else:
        bagian.append(
            format_html(
                _("Belum ada DPA yang tercatat untuk tahun {tahun}, sehingga pagu belum tersedia."), tahun=tahun
            )
        )
    if any(sum(1 for x in p.sasaran.all() if x.pk in sasaran_ids) > 1 for p in d.program):
        bagian.append(
            aman(
                _(
                    "Program yang mendukung lebih dari satu sasaran tercantum pada setiap sasaran tersebut, sehingga "
                    "jumlah pagu per sasaran dapat melebihi pagu perangkat daerah."
                )
            )
        )
    return ProgramBab(
        kalimat=format_html_join(" ", "{}", ((b,) for b in bagian)),
        tabel=tabel,
        kelompok=tuple(kelompok),
        jumlah=d.hasil.total.pagu if d.data.pagu else None,
    )


def _rekening(d: Dasar, n: Penomor) -> RekeningBab:
    tahun = d.tahun
    h = d.hasil
    versi = {b.versi for b in d.data.pagu}
    if not versi or not h.rekening:
        return RekeningBab(
            kalimat=format_html(_("Belum ada DPA yang tercatat untuk tahun {tahun}."), tahun=tahun),
            tabel=None,
            kolom_murni=False,
            kolom_perubahan=False,
            kolom_selisih=False,
            baris=(),
            jumlah_murni=None,
            jumlah_perubahan=None,
            jumlah_selisih=None,
        )
    ada_murni = h.total.pagu_murni is not None and "murni" in versi
    ada_perubahan = "perubahan" in versi
    kode = [a.kode for a in h.rekening]
    baris = tuple(
        BarisRekening(
            kode=a.kode,
            uraian=d.rekening.get(a.kode, ""),
            tingkat=min(a.kode.count(".") + 1, TINGKAT_MAKS),
            induk=any(k.startswith(a.kode + ".") for k in kode),
            pagu_murni=a.rp.pagu_murni,
            pagu=a.rp.pagu,
            selisih=a.rp.bertambah_berkurang,
        )
        for a in h.rekening
    )
    if ada_murni and ada_perubahan:
        judul = _("Anggaran Belanja per Rekening Tahun %(tahun)s: Murni dan Perubahan") % {"tahun": tahun}
    elif ada_perubahan:
        judul = _("Anggaran Belanja per Rekening Tahun %(tahun)s (DPPA)") % {"tahun": tahun}
    else:
        judul = _("Anggaran Belanja per Rekening Tahun %(tahun)s (DPA Murni)") % {"tahun": tahun}
    tabel = n.tabel("2", judul)
    t = h.total
    if ada_murni and ada_perubahan:
        selisih = t.bertambah_berkurang
        if selisih and selisih > 0:
            arah = _("bertambah %(jumlah)s") % {"jumlah": format_rupiah(selisih)}
        elif selisih and selisih < 0:
            arah = _("berkurang %(jumlah)s") % {"jumlah": format_rupiah(-selisih)}
        else:
            arah = _("tidak berubah")
        kalimat = format_html(
            _(
                "Pagu belanja tahun {tahun} berubah dari {murni} pada DPA murni menjadi {perubahan} pada DPPA, "
                "{arah} ({tabel})."
            ),
            tahun=tahun,
            murni=format_rupiah(t.pagu_murni),
            perubahan=format_rupiah(t.pagu),
            arah=arah,
            tabel=rujukan(tabel),
        )
    elif ada_perubahan:
        kalimat = format_html(
            _(
                "Untuk tahun {tahun} hanya DPPA (anggaran perubahan) yang tercatat, dengan pagu {pagu}; pagu murni "
                "tidak tersedia, sehingga hanya kolom perubahan yang disajikan ({tabel})."
            ),
            tahun=tahun,
            pagu=format_rupiah(t.pagu),
            tabel=rujukan(tabel),
        )
    else:
        kalimat = format_html(
            _("Tahun {tahun} baru memiliki DPA murni dengan pagu {pagu}; belum ada perubahan anggaran ({tabel})."),
            tahun=tahun,
            pagu=format_rupiah(t.pagu),
            tabel=rujukan(tabel),
        )
    return RekeningBab(
        kalimat=kalimat,
        tabel=tabel,
        kolom_murni=ada_murni,
        kolom_perubahan=ada_perubahan,
        kolom_selisih=ada_murni and ada_perubahan,
        baris=baris,
        jumlah_murni=t.pagu_murni if ada_murni else None,
        jumlah_perubahan=t.pagu if ada_perubahan else None,
        jumlah_selisih=t.bertambah_berkurang if ada_murni and ada_perubahan else None,
    )


def susun(d: Dasar, n: Penomor) -> Bab2:
    n.bagian(1, "bab-2", _("BAB II PERENCANAAN DAN PERJANJIAN KINERJA"))
    n.bagian(2, "bab-2-a", _("A. Rencana Strategis"))
    renstra = _renstra(d, n)
    n.bagian(2, "bab-2-b", _("B. Perjanjian Kinerja"))
    pk = _pk(d, n)
    n.bagian(2, "bab-2-c", _("C. Program, Kegiatan dan Sub Kegiatan"))
    program = _program(d, n)
    n.bagian(2, "bab-2-d", _("D. Anggaran per Rekening Belanja"))
    rekening = _rekening(d, n)
    return Bab2(renstra=renstra, pk=pk, program=program, rekening=rekening)
