"""BAB III B, Capaian Kinerja Organisasi: how capaian is measured, the IKU table, and per sasaran the seven analyses
PermenPAN-RB 53/2014 asks for (SAKIP.md §5).

Every figure of the report year is read from the year's computation (``d.hasil``, the figures of ``sakip-hasil/1``).
Earlier years of the Renstra are computed by the same :func:`kinerja.rekap.hitung_tahun` on the same kind of input
(annual figure by akumulasi, PK target of the highest version else the Renstra target, capaian by polarity), so a
year's figure here is the one that year's own report would print.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja import hitung as h
from kinerja.grafik import GrafikTahunan, Isian, grafik_tahunan
from kinerja.hitung import Nilai, Skala
from kinerja.rekap import DataTahun, HasilIndikator, HasilTahun, IndikatorData, SasaranData, hitung_tahun
from renstra.models import Indikator, Sasaran
from sakip.angka import desimal_tersimpan, format_angka, format_nilai, format_persen, format_rupiah

from ..konteks import Dasar, Penomor, Rujukan
from ..narasi import Narasi
from .bab3_muat import Tambahan, catatan_terakhir

#: The colour of the initial-condition column of the multi-year chart (the years' columns have the default blue).
WARNA_AWAL = "#9db4d6"

# --- shared rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisIndikator:
    """One indicator of the year: target, realisation (as printed, with its status), capaian and category."""

    kode: str
    uraian: str
    satuan: str
    target: str
    realisasi: str
    capaian: Decimal | None
    kategori: str


def teks_nilai(n: Nilai | None, desimal: int) -> str:
    return format_nilai(n.nilai, n.label, desimal) if n else format_nilai(None)


def teks_realisasi(n: Nilai | None, status: str | None, parsial: bool, desimal: int) -> str:
    """A realisation as printed: ``B (68,95)``, ``belum tersedia``, ``12,00 (sementara)``."""
    if n is None:
        return format_nilai(None)
    if status == h.BELUM_TERSEDIA:
        return _("belum tersedia")
    teks = teks_nilai(n, desimal)
    if status == h.SEMENTARA:
        teks += " (" + _("sementara") + ")"
    elif status == h.TAHUN_LALU:
        teks += " (" + _("tahun lalu") + ")"
    if parsial:
        teks += " (" + _("parsial") + ")"
    return teks


def baris_indikator(d: Dasar, hi: HasilIndikator) -> BarisIndikator:
    ind = d.indikator[hi.kode]
    return BarisIndikator(
        kode=hi.kode,
        uraian=ind.uraian,
        satuan=ind.satuan,
        target=teks_nilai(hi.target, ind.desimal),
        realisasi=teks_realisasi(hi.realisasi, hi.status, hi.parsial, ind.desimal),
        capaian=hi.capaian,
        kategori=d.kategori(hi.kategori),
    )


def daftar_kalimat(bagian: list[str]) -> str:
    """``a``, ``a dan b``, ``a, b dan c``."""
    if len(bagian) <= 1:
        return "".join(bagian)
    return _("%(awal)s dan %(akhir)s") % {"awal": ", ".join(bagian[:-1]), "akhir": bagian[-1]}


# --- B.1 how capaian is measured -------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisSkala:
    nomor: int
    interval: str  # "≥ 70 dan < 100"
    label: str
    warna: str


@dataclass(frozen=True)
class Pengukuran:
    skala: tuple[BarisSkala, ...]
    tabel: Rujukan
    batas_atas: Decimal | None  # the policy's ceiling inside means, or None
    batas_atas_teks: str


def _angka_batas(x: Decimal) -> str:
    return format_angka(x, desimal_tersimpan(x))


def interval_pita(skala: Skala) -> list[str]:
    """Each band of a scale as an interval: ``≥ 100``, ``≥ 70 dan < 100``, ``< 40`` (the bound of the band above
    closes a band from the top: below a "≥ 100" band the values are "< 100", below a "> 90" band "≤ 90")."""
    hasil = []
    atas: h.Pita | None = None
    for p in skala.pita:
        bagian = []
        if p.batas_bawah is not None:
            bagian.append(f"{'≥' if p.termasuk else '>'} {_angka_batas(p.batas_bawah)}")
        if atas is not None and atas.batas_bawah is not None:
            bagian.append(f"{'<' if atas.termasuk else '≤'} {_angka_batas(atas.batas_bawah)}")
        hasil.append(_(" dan ").join(bagian) if bagian else _("semua nilai"))
        atas = p
    return hasil


def susun_pengukuran(d: Dasar, n: Penomor) -> Pengukuran:
    skala = d.hasil.skala
    baris = tuple(
        BarisSkala(nomor, interval, p.label, p.warna)
        for nomor, (p, interval) in enumerate(zip(skala.pita, interval_pita(skala), strict=True), start=1)
    )
    batas = d.hasil.batas_atas
    return Pengukuran(
        skala=baris,
        tabel=n.tabel("3", _("Skala Penilaian Capaian Kinerja")),
        batas_atas=batas,
        batas_atas_teks=format_persen(batas) if batas is not None else "",
    )


# --- B.2 the IKU measurement table -----------------------------------------------------------------------


@dataclass(frozen=True)
class KelompokIKU:
    induk: str  # the sasaran (or tujuan) the indicators measure
    indikator: tuple[BarisIndikator, ...]


@dataclass(frozen=True)
class TabelIKU:
    tabel: Rujukan | None  # None: the PD has no IKU this year
    kelompok: tuple[KelompokIKU, ...]
    jumlah: int
    rata_rata: Decimal | None
    kategori: str
    kalimat: str


def _nama_induk(d: Dasar) -> dict[str, dict[int, str]]:
    return {
        "tujuan": {t.pk: t.uraian for t in d.tujuan},
        "sasaran": {s.pk: s.uraian for s in d.sasaran},
        "program": {p.pk: p.nama for p in d.program},
        "kegiatan": {k.pk: k.nama for k in d.kegiatan},
        "sub_kegiatan": {s.pk: s.nama for s in d.sub_kegiatan},
    }


def induk_id(ind: Indikator) -> int | None:
    return ind.tujuan_id or ind.sasaran_id or ind.program_id or ind.kegiatan_id or ind.sub_kegiatan_id


def kalimat_iku(d: Dasar) -> str:
    iku = d.hasil.iku
    tahun = d.tahun
    if iku.jumlah == 0:
        return _("Belum ada Indikator Kinerja Utama yang ditetapkan untuk tahun %(tahun)s.") % {"tahun": tahun}
    if iku.rata_rata is None:
        return _("Belum ada Indikator Kinerja Utama yang dapat dihitung capaiannya untuk tahun %(tahun)s.") % {
            "tahun": tahun
        }
    kalimat = ngettext(
        "Rata-rata capaian %(jumlah)s Indikator Kinerja Utama %(pd)s tahun %(tahun)s sebesar %(rata)s dengan "
        "kategori %(kategori)s.",
        "Rata-rata capaian %(jumlah)s Indikator Kinerja Utama %(pd)s tahun %(tahun)s sebesar %(rata)s dengan "
        "kategori %(kategori)s.",
        iku.jumlah,
    ) % {
        "jumlah": format_angka(iku.jumlah, 0),
        "pd": d.pd.nama,
        "tahun": tahun,
        "rata": format_persen(iku.rata_rata),
        "kategori": d.kategori(iku.kategori) or "—",
    }
    per = [
        ngettext("%(jumlah)s indikator berkategori %(kategori)s", "%(jumlah)s indikator berkategori %(kategori)s", j)
        % {"jumlah": format_angka(j, 0), "kategori": label}
        for label, j in iku.per_kategori.items()
    ]
    if per:
        kalimat += " " + _("Menurut kategori: %(daftar)s.") % {"daftar": daftar_kalimat(per)}
    tanpa = iku.jumlah - sum(iku.per_kategori.values())
    if tanpa:
        kalimat += " " + ngettext(
            "%(jumlah)s indikator belum dapat dihitung capaiannya dan tidak masuk rata-rata.",
            "%(jumlah)s indikator belum dapat dihitung capaiannya dan tidak masuk rata-rata.",
            tanpa,
        ) % {"jumlah": format_angka(tanpa, 0)}
    return kalimat


def susun_iku(d: Dasar, n: Penomor) -> TabelIKU:
    nama = _nama_induk(d)
    kelompok: list[tuple[tuple[str, int | None], list[BarisIndikator]]] = []
    for hi in d.hasil.indikator:
        if not hi.iku:
            continue
        kunci = (hi.level, induk_id(d.indikator[hi.kode]))
        if not kelompok or kelompok[-1][0] != kunci:
            kelompok.append((kunci, []))
        kelompok[-1][1].append(baris_indikator(d, hi))
    iku = d.hasil.iku
    tabel = None
    if kelompok:
        tabel = n.tabel(
            "3",
            _("Pengukuran Indikator Kinerja Utama %(pd)s Tahun %(tahun)s")
            % {
                "pd": d.pd.nama,
                "tahun": d.tahun,
            },
        )
    return TabelIKU(
        tabel=tabel,
        kelompok=tuple(
            KelompokIKU(nama.get(level, {}).get(pk, "") if pk else "", tuple(baris)) for (level, pk), baris in kelompok
        ),
        jumlah=iku.jumlah,
        rata_rata=iku.rata_rata,
        kategori=d.kategori(iku.kategori),
        kalimat=kalimat_iku(d),
    )


# --- B.3 per sasaran -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTahun:
    label: str  # "2024" or "Kondisi awal (2021)"
    target: str
    realisasi: str
    capaian: Decimal | None
    pertumbuhan: Decimal | None
    tahun_ini: bool


@dataclass(frozen=True)
class SeriIndikator:
    kode: str
    uraian: str
    satuan: str
    baris: tuple[BarisTahun, ...]
    grafik: GrafikTahunan | None  # None: nothing with a number to draw
    kalimat: str  # the growth against the previous year


@dataclass(frozen=True)
class BarisPembanding:
    indikator: str  # "IKU-1 Rata-rata Nilai AKIP Perangkat Daerah", on the first row of each indicator only
    acuan: str  # the agency, or "Standar nasional"
    nilai: str
    sumber: str
    sendiri: bool  # the PD's own realisation


@dataclass(frozen=True)
class IndikatorCatatan:
    uraian: str
    induk: str  # the program, kegiatan or sub kegiatan it measures ("" for the sasaran's own)


@dataclass(frozen=True)
class BarisHambatan:
    indikator: tuple[IndikatorCatatan, ...]
    hambatan: str
    solusi: str


@dataclass(frozen=True)
class BarisDukungan:
    kode: str
    nama: str
    tingkat: int  # 1 program, 2 kegiatan
    pagu: Decimal
    realisasi: Decimal
    serapan: Decimal | None
    capaian_k: Decimal | None


@dataclass(frozen=True)
class AnalisisSasaran:
    id: str
    kode: str
    uraian: str
    capaian: Decimal | None
    kategori: str
    # (a) target and realisation of the year
    indikator: tuple[BarisIndikator, ...]
    tabel_capaian: Rujukan | None
    kalimat_capaian: str
    # (b) previous years
    seri: tuple[SeriIndikator, ...]
    tabel_seri: Rujukan | None
    grafik_seri: Rujukan | None
    kalimat_seri: str
    # (c) the Renstra's end target
    kemajuan: tuple[str, ...]
    # (d) other agencies and the national standard
    pembanding: tuple[BarisPembanding, ...]
    tabel_pembanding: Rujukan | None
    kalimat_pembanding: tuple[str, ...]
    # (e) causes and solutions
    narasi_analisis: Narasi | None
    narasi_faktor: Narasi | None
    narasi_solusi: Narasi | None
    hambatan: tuple[BarisHambatan, ...]
    tabel_hambatan: Rujukan | None
    # (f) efficiency
    kalimat_efisiensi: str
    # (g) the programs and kegiatan that supported it
    dukungan: tuple[BarisDukungan, ...]
    tabel_dukungan: Rujukan | None
    dukungan_pagu: Decimal | None
    dukungan_realisasi: Decimal | None
    dukungan_serapan: Decimal | None


@dataclass(frozen=True)
class CapaianSasaran:
    tahun_awal: int | None  # the Renstra period
    tahun_akhir: int | None
    sasaran: tuple[AnalisisSasaran, ...]


def indikator_sasaran(d: Dasar) -> dict[int, list[HasilIndikator]]:
    """The year's indicators of every sasaran (by sasaran pk), in the order of the computation."""
    hasil: dict[int, list[HasilIndikator]] = defaultdict(list)
    for hi in d.hasil.indikator:
        if hi.level == "sasaran":
            hasil[d.indikator[hi.kode].sasaran_id].append(hi)  # type: ignore[index]
    return hasil


def tahun_renstra(d: Dasar) -> list[int]:
    if d.renstra is None:
        return []
    return list(range(d.renstra.tahun_mulai, max(d.renstra.tahun_selesai, d.tahun) + 1))


def hitung_tahun_lalu(d: Dasar, t: Tambahan, indikator: list[Indikator]) -> dict[int, HasilTahun]:
    """The figures of every earlier Renstra year for ``indikator``, by the same computation as the report year's."""
    tahun_akhir = d.renstra.tahun_selesai if d.renstra else None
    hasil = {}
    for th in tahun_renstra(d):
        if th >= d.tahun:
            break
        data = []
        for i in indikator:
            if not i.berlaku_pada(th):
                continue
            target = {x.tahun: Nilai(x.nilai, x.label) for x in i.target.all()}
            akhir = target.get(tahun_akhir) if tahun_akhir else None
            data.append(
                IndikatorData(
                    id=i.pk,
                    kode=i.kode,
                    level=i.level,
                    induk_id=induk_id(i) or 0,
                    iku=i.iku,
                    polaritas=i.polaritas,
                    akumulasi=i.akumulasi,
                    desimal=i.desimal,
                    target_renstra=target.get(th),
                    target_pk=t.target_pk.get((i.pk, th)),
                    target_akhir=akhir.nilai if akhir else None,
                    realisasi=tuple(t.realisasi.get((i.pk, th), ())),
                    realisasi_lalu=tuple(t.realisasi.get((i.pk, th - 1), ())),
                )
            )
        hasil[th] = hitung_tahun(
            DataTahun(
                pd_kode=d.pd.kode,
                tahun=th,
                skala=d.hasil.skala,
                batas_atas=d.hasil.batas_atas,
                tahun_lalu_dihitung=d.data.tahun_lalu_dihitung,
                indikator=tuple(data),
                sasaran=tuple(SasaranData(s.pk, s.kode) for s in d.sasaran),
            )
        )
    return hasil


def _angka(n: Nilai | None, status: str | None = None) -> Decimal | None:
    if n is None or status == h.BELUM_TERSEDIA:
        return None
    return n.nilai


def susun_seri(d: Dasar, hi: HasilIndikator, lalu: dict[int, HasilTahun]) -> SeriIndikator:
    ind = d.indikator[hi.kode]
    des = ind.desimal
    target_renstra = {x.tahun: Nilai(x.nilai, x.label) for x in ind.target.all()}
    baris: list[BarisTahun] = []
    isian: list[Isian] = []
    target_grafik: list[Decimal | None] = []
    if ind.kondisi_awal_tahun and (ind.kondisi_awal_nilai is not None or ind.kondisi_awal_label):
        awal = Nilai(ind.kondisi_awal_nilai, ind.kondisi_awal_label)
        baris.append(
            BarisTahun(
                _("Kondisi awal (%(tahun)s)") % {"tahun": ind.kondisi_awal_tahun},
                format_nilai(None),
                teks_nilai(awal, des),
                None,
                None,
                False,
            )
        )
        label = _("Awal %(tahun)s") % {"tahun": ind.kondisi_awal_tahun}
        isian.append(Isian(label, awal.nilai, _("Kondisi awal"), WARNA_AWAL))
        target_grafik.append(None)
    for th in tahun_renstra(d):
        if th == d.tahun:
            x: HasilIndikator | None = hi
        elif th < d.tahun:
            x = next((i for i in lalu[th].indikator if i.kode == hi.kode), None)
        else:
            x = None
        if x is not None:
            target, realisasi = x.target, x.realisasi
            baris.append(
                BarisTahun(
                    str(th),
                    teks_nilai(target, des),
                    teks_realisasi(realisasi, x.status, x.parsial, des),
                    x.capaian,
                    x.pertumbuhan,
                    th == d.tahun,
                )
            )
        else:  # a year still to come (or one the indicator was not valid in): its Renstra target only
            target, realisasi = (target_renstra.get(th) if th > d.tahun else None), None
            baris.append(BarisTahun(str(th), teks_nilai(target, des), format_nilai(None), None, None, False))
        isian.append(Isian(str(th), _angka(realisasi, x.status if x else None)))
        target_grafik.append(_angka(target))
    ada_angka = any(i.nilai is not None for i in isian) or any(v is not None for v in target_grafik)
    grafik = (
        grafik_tahunan(isian, target_grafik, desimal=des, label_realisasi=_("Realisasi"), label_target=_("Target"))
        if ada_angka and isian
        else None
    )
    return SeriIndikator(hi.kode, ind.uraian, ind.satuan, tuple(baris), grafik, kalimat_pertumbuhan(d, hi))


def kalimat_pertumbuhan(d: Dasar, hi: HasilIndikator) -> str:
    ind = d.indikator[hi.kode]
    arg = {"kode": hi.kode, "tahun": d.tahun, "lalu": d.tahun - 1}
    p = hi.pertumbuhan
    if p is None:
        kalimat = (
            _("Pertumbuhan realisasi %(kode)s tahun %(tahun)s terhadap tahun %(lalu)s belum dapat dihitung.") % arg
        )
    elif p == 0:
        kalimat = _("Realisasi %(kode)s tahun %(tahun)s sama dengan realisasi tahun %(lalu)s.") % arg
    else:
        arg["persen"] = format_persen(abs(p))
        kalimat = (
            _("Realisasi %(kode)s tahun %(tahun)s naik %(persen)s dibandingkan realisasi tahun %(lalu)s.")
            if p > 0
            else _("Realisasi %(kode)s tahun %(tahun)s turun %(persen)s dibandingkan realisasi tahun %(lalu)s.")
        ) % arg
    if ind.polaritas == h.NEGATIF:
        kalimat += " " + _("Indikator ini berpolaritas negatif: makin rendah realisasinya makin baik.")
    return kalimat


def kalimat_kemajuan(d: Dasar, hi: HasilIndikator) -> str:
    ind = d.indikator[hi.kode]
    akhir_tahun = d.renstra.tahun_selesai if d.renstra else None
    akhir = next((Nilai(x.nilai, x.label) for x in ind.target.all() if x.tahun == akhir_tahun), None)
    arg = {
        "kode": hi.kode,
        "uraian": ind.uraian,
        "tahun": d.tahun,
        "akhir": akhir_tahun,
        "realisasi": teks_realisasi(hi.realisasi, hi.status, hi.parsial, ind.desimal),
        "target": teks_nilai(akhir, ind.desimal),
    }
    if hi.kemajuan_renstra is None:
        return (
            _(
                "%(kode)s %(uraian)s: kemajuan terhadap target akhir Renstra tahun %(akhir)s belum dapat dihitung "
                "(realisasi tahun %(tahun)s: %(realisasi)s; target akhir: %(target)s)."
            )
            % arg
        )
    arg["kemajuan"] = format_persen(hi.kemajuan_renstra)
    return (
        _(
            "%(kode)s %(uraian)s: realisasi tahun %(tahun)s sebesar %(realisasi)s telah mencapai %(kemajuan)s dari "
            "target akhir Renstra tahun %(akhir)s sebesar %(target)s."
        )
        % arg
    )


def _lebih_baik(a: Decimal, b: Decimal, polaritas: str) -> int:
    """1 when a is better than b by the polarity, -1 when worse, 0 when equal."""
    if a == b:
        return 0
    return (1 if a > b else -1) * (1 if polaritas == h.POSITIF else -1)


def susun_pembanding(d: Dasar, t: Tambahan, daftar: list[HasilIndikator]) -> tuple[list[BarisPembanding], list[str]]:
    baris: list[BarisPembanding] = []
    kalimat: list[str] = []
    for hi in daftar:
        ind = d.indikator[hi.kode]
        lain = t.pembanding.get(ind.pk, [])
        standar = t.standar.get(ind.pk)
        if not lain and standar is None:
            continue
        judul = f"{hi.kode} {ind.uraian}"
        baris.append(
            BarisPembanding(
                judul, d.pd.nama, teks_realisasi(hi.realisasi, hi.status, hi.parsial, ind.desimal), "", True
            )
        )
        for b in lain:
            baris.append(BarisPembanding("", b.instansi, teks_nilai(b.nilai, ind.desimal), b.sumber, False))
        if standar is not None:
            baris.append(
                BarisPembanding(
                    "", _("Standar nasional"), teks_nilai(standar.nilai, ind.desimal), standar.sumber, False
                )
            )
        kita = _angka(hi.realisasi, hi.status)
        arg = {"kode": hi.kode, "realisasi": teks_realisasi(hi.realisasi, hi.status, hi.parsial, ind.desimal)}
        if kita is None:
            kalimat.append(_("Realisasi %(kode)s tahun ini belum dapat dibandingkan.") % arg)
            continue
        banding = [_lebih_baik(kita, b.nilai.nilai, ind.polaritas) for b in lain if b.nilai.nilai is not None]
        if banding:
            bagian = [
                teks % {"n": format_angka(j, 0)}
                for teks, j in (
                    (_("lebih baik daripada %(n)s"), sum(1 for x in banding if x > 0)),
                    (_("sama dengan %(n)s"), sum(1 for x in banding if x == 0)),
                    (_("lebih buruk daripada %(n)s"), sum(1 for x in banding if x < 0)),
                )
                if j
            ]
            arg |= {"jumlah": format_angka(len(banding), 0), "banding": daftar_kalimat(bagian)}
            kalimat.append(
                ngettext(
                    "Realisasi %(kode)s sebesar %(realisasi)s %(banding)s dari %(jumlah)s instansi pembanding.",
                    "Realisasi %(kode)s sebesar %(realisasi)s %(banding)s dari %(jumlah)s instansi pembanding.",
                    len(banding),
                )
                % arg
            )
        if standar is not None and standar.nilai.nilai is not None:
            arg["standar"] = teks_nilai(standar.nilai, ind.desimal)
            kalimat.append(
                (
                    _("Realisasi %(kode)s telah memenuhi standar nasional sebesar %(standar)s.")
                    if _lebih_baik(kita, standar.nilai.nilai, ind.polaritas) >= 0
                    else _("Realisasi %(kode)s belum memenuhi standar nasional sebesar %(standar)s.")
                )
                % arg
            )
    return baris, kalimat


@dataclass
class PohonSasaran:
    """The programs that support each sasaran (Program.sasaran), with their kegiatan and sub kegiatan ids."""

    program: dict[int, list]  # sasaran pk → [Program]
    indikator: dict[int, list[Indikator]]  # sasaran pk → indicators of the sasaran and of its supporting tree


def pohon_sasaran(d: Dasar) -> PohonSasaran:
    program: dict[int, list] = defaultdict(list)
    for p in d.program:
        for s in p.sasaran.all():
            program[s.pk].append(p)
    kegiatan_program: dict[int, int] = {k.pk: k.program_id for k in d.kegiatan}
    sub_program: dict[int, int] = {s.pk: kegiatan_program[s.kegiatan_id] for s in d.sub_kegiatan}
    indikator: dict[int, list[Indikator]] = defaultdict(list)
    for s in d.sasaran:
        ids = {p.pk for p in program[s.pk]}
        for i in d.indikator.values():
            if (
                i.sasaran_id == s.pk
                or (i.program_id in ids)
                or (i.kegiatan_id is not None and kegiatan_program.get(i.kegiatan_id) in ids)
                or (i.sub_kegiatan_id is not None and sub_program.get(i.sub_kegiatan_id) in ids)
            ):
                indikator[s.pk].append(i)
    return PohonSasaran(dict(program), dict(indikator))


def susun_hambatan(d: Dasar, t: Tambahan, indikator: list[Indikator]) -> list[BarisHambatan]:
    """The obstacles and solutions written this year on the indicators of a sasaran and of the programs, kegiatan
    and sub kegiatan that support it; the same pair written on several indicators is one row."""
    nama = _nama_induk(d)
    per_teks: dict[tuple[str, str], list[IndikatorCatatan]] = {}
    for i in indikator:
        if i.pk not in t.catatan:
            continue
        hambatan, solusi = catatan_terakhir(t.catatan[i.pk])
        if not (hambatan or solusi):
            continue
        induk = "" if i.level == "sasaran" else nama[i.level].get(induk_id(i) or 0, "")
        per_teks.setdefault((hambatan, solusi), []).append(IndikatorCatatan(i.uraian, induk))
    return [BarisHambatan(tuple(ind), hambatan, solusi) for (hambatan, solusi), ind in per_teks.items()]


def kalimat_efisiensi(d: Dasar, s: Sasaran, ada_program: bool) -> str:
    if not ada_program:
        return _(
            "Belum ada program yang dipetakan mendukung sasaran ini, sehingga efisiensi penggunaan sumber daya "
            "belum dapat dihitung."
        )
    a = d.hasil_sasaran_anggaran.get(s.kode)
    capaian = a.capaian_indikator if a else None
    serapan = a.rp.serapan if a else None
    efisiensi = h.efisiensi(capaian=capaian, serapan=serapan)
    if efisiensi is None or a is None:
        return _(
            "Tingkat efisiensi belum dapat dihitung karena capaian sasaran atau serapan anggaran program "
            "pendukungnya belum tersedia."
        )
    arg = {
        "capaian": format_persen(capaian),
        "serapan": format_persen(serapan),
        "realisasi": format_rupiah(a.rp.realisasi),
        "pagu": format_rupiah(a.rp.pagu),
        "efisiensi": format_angka(efisiensi),
    }
    if efisiensi > 0:
        akhir = _("capaian kinerja lebih tinggi daripada serapan anggarannya.")
    elif efisiensi < 0:
        akhir = _("serapan anggaran lebih tinggi daripada capaian kinerjanya.")
    else:
        akhir = _("capaian kinerja sama dengan serapan anggarannya.")
    return (
        _(
            "Capaian sasaran ini %(capaian)s dengan serapan anggaran program pendukungnya %(serapan)s (realisasi "
            "%(realisasi)s dari pagu %(pagu)s), sehingga tingkat efisiensinya %(efisiensi)s poin:"
        )
        % arg
        + " "
        + akhir
    )


def kalimat_capaian(d: Dasar, s: Sasaran, daftar: list[HasilIndikator]) -> str:
    hs = d.hasil_sasaran.get(s.kode)
    if not daftar:
        return _("Sasaran ini belum memiliki indikator kinerja yang berlaku pada tahun %(tahun)s.") % {"tahun": d.tahun}
    if hs is None or hs.capaian is None:
        return _("Capaian sasaran ini belum dapat dihitung untuk tahun %(tahun)s.") % {"tahun": d.tahun}
    kalimat = ngettext(
        "Capaian sasaran ini tahun %(tahun)s sebesar %(capaian)s dengan kategori %(kategori)s, rata-rata capaian "
        "%(jumlah)s indikatornya.",
        "Capaian sasaran ini tahun %(tahun)s sebesar %(capaian)s dengan kategori %(kategori)s, rata-rata capaian "
        "%(jumlah)s indikatornya.",
        len(daftar),
    ) % {
        "tahun": d.tahun,
        "capaian": format_persen(hs.capaian),
        "kategori": d.kategori(hs.kategori) or "—",
        "jumlah": format_angka(len(daftar), 0),
    }
    kurang = [
        f"{hi.kode} ({format_persen(hi.capaian)})" for hi in daftar if hi.capaian is not None and hi.capaian < 100
    ]
    if kurang:
        kalimat += " " + _("Indikator yang belum mencapai target: %(daftar)s.") % {"daftar": daftar_kalimat(kurang)}
    else:
        kalimat += " " + _("Semua indikator yang dapat dihitung mencapai atau melampaui targetnya.")
    return kalimat


def susun_dukungan(d: Dasar, program: list) -> list[BarisDukungan]:
    baris = []
    for p in program:
        a = d.hasil_program.get(p.kode)
        if a is None:
            continue
        baris.append(BarisDukungan(p.kode, p.nama, 1, a.rp.pagu, a.rp.realisasi, a.rp.serapan, a.capaian_k))
        for k in d.kegiatan:
            if k.program_id != p.pk or (ak := d.hasil_kegiatan.get(k.kode)) is None:
                continue
            baris.append(BarisDukungan(k.kode, k.nama, 2, ak.rp.pagu, ak.rp.realisasi, ak.rp.serapan, ak.capaian_k))
    return baris


def susun_sasaran(
    d: Dasar, n: Penomor, t: Tambahan, per_sasaran: dict[int, list[HasilIndikator]], pohon: PohonSasaran
) -> CapaianSasaran:
    semua = [d.indikator[hi.kode] for daftar in per_sasaran.values() for hi in daftar]
    lalu = hitung_tahun_lalu(d, t, semua)
    tahun = tahun_renstra(d)
    periode = f"{tahun[0]}–{tahun[-1]}" if tahun else str(d.tahun)
    hasil = []
    for s in d.sasaran:
        daftar = per_sasaran.get(s.pk, [])
        hs = d.hasil_sasaran.get(s.kode)
        arg = {"uraian": s.uraian, "tahun": d.tahun, "periode": periode}

        tabel_capaian = (
            n.tabel("3", _("Target dan Realisasi Sasaran “%(uraian)s” Tahun %(tahun)s") % arg) if daftar else None
        )
        seri = tuple(susun_seri(d, hi, lalu) for hi in daftar) if tahun else ()
        tabel_seri = (
            n.tabel("3", _("Realisasi dan Capaian Sasaran “%(uraian)s” Tahun %(periode)s") % arg) if seri else None
        )
        grafik_seri = (
            n.grafik("3", _("Target dan Realisasi Indikator Sasaran “%(uraian)s” Tahun %(periode)s") % arg)
            if any(x.grafik for x in seri)
            else None
        )
        kalimat_seri = (
            ""
            if seri or not daftar
            else _("Belum ada Renstra untuk tahun %(tahun)s, sehingga perbandingan antartahun belum dapat disajikan.")
            % arg
        )
        baris_pembanding, kalimat_banding = susun_pembanding(d, t, daftar)
        tabel_pembanding = (
            n.tabel("3", _("Perbandingan Realisasi Sasaran “%(uraian)s” Tahun %(tahun)s") % arg)
            if baris_pembanding
            else None
        )
        hambatan = susun_hambatan(d, t, pohon.indikator.get(s.pk, []))
        tabel_hambatan = (
            n.tabel("3", _("Hambatan dan Solusi Sasaran “%(uraian)s” Tahun %(tahun)s") % arg) if hambatan else None
        )
        program = pohon.program.get(s.pk, [])
        dukungan = susun_dukungan(d, program)
        tabel_dukungan = (
            n.tabel("3", _("Program dan Kegiatan Pendukung Sasaran “%(uraian)s” Tahun %(tahun)s") % arg)
            if dukungan
            else None
        )
        uang = d.hasil_sasaran_anggaran.get(s.kode)
        hasil.append(
            AnalisisSasaran(
                id=f"bab-3-sasaran-{slugify(s.kode) or s.pk}",
                kode=s.kode,
                uraian=s.uraian,
                capaian=hs.capaian if hs else None,
                kategori=d.kategori(hs.kategori) if hs else "",
                indikator=tuple(baris_indikator(d, hi) for hi in daftar),
                tabel_capaian=tabel_capaian,
                kalimat_capaian=kalimat_capaian(d, s, daftar),
                seri=seri,
                tabel_seri=tabel_seri,
                grafik_seri=grafik_seri,
                kalimat_seri=kalimat_seri,
                kemajuan=tuple(kalimat_kemajuan(d, hi) for hi in daftar) if d.renstra else (),
                pembanding=tuple(baris_pembanding),
                tabel_pembanding=tabel_pembanding,
                kalimat_pembanding=tuple(kalimat_banding),
                narasi_analisis=d.narasi_isi(f"bab3.sasaran.{s.kode}.analisis"),
                narasi_faktor=d.narasi_isi(f"bab3.sasaran.{s.kode}.faktor"),
                narasi_solusi=d.narasi_isi(f"bab3.sasaran.{s.kode}.solusi"),
                hambatan=tuple(hambatan),
                tabel_hambatan=tabel_hambatan,
                kalimat_efisiensi=kalimat_efisiensi(d, s, bool(program)),
                dukungan=tuple(dukungan),
                tabel_dukungan=tabel_dukungan,
                dukungan_pagu=uang.rp.pagu if uang and dukungan else None,
                dukungan_realisasi=uang.rp.realisasi if uang and dukungan else None,
                dukungan_serapan=uang.rp.serapan if uang and dukungan else None,
            )
        )
    return CapaianSasaran(
        tahun_awal=tahun[0] if tahun else None,
        tahun_akhir=d.renstra.tahun_selesai if d.renstra else None,
        sasaran=tuple(hasil),
    )
