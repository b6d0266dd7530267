"""BAB III C, Realisasi Anggaran: by account, by program/kegiatan/sub kegiatan grouped by unit, and the efficiency
table. Every amount is a figure of the year's computation (``d.hasil``); the only sums made here are a unit's share of
a program or kegiatan, added from the same sub kegiatan figures by the same rule (parents are sums of leaves)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja import hitung as h
from kinerja.rekap import RP
from sakip.angka import format_angka, format_persen, format_rupiah

from ..konteks import Dasar, Penomor, Rujukan


@dataclass(frozen=True)
class BarisUang:
    kode: str
    uraian: str
    tingkat: int  # 0 group, 1…3 indentation
    pagu: Decimal
    realisasi: Decimal
    sisa: Decimal
    serapan: Decimal | None


def baris_uang(kode: str, uraian: str, tingkat: int, rp: RP) -> BarisUang:
    return BarisUang(kode, uraian, tingkat, rp.pagu, rp.realisasi, rp.sisa, rp.serapan)


def jumlah_rp(daftar: Iterable[RP]) -> RP:
    """The sum of money rows, as the computation sums leaves into parents."""
    pagu = realisasi = h.NOL
    tw = [h.NOL] * 4
    for rp in daftar:
        pagu += rp.pagu
        realisasi += rp.realisasi
        for i in range(4):
            tw[i] += rp.realisasi_tw[i]
    return RP(pagu_murni=None, pagu=pagu, realisasi=realisasi, realisasi_tw=(tw[0], tw[1], tw[2], tw[3]))


@dataclass(frozen=True)
class KelompokUnit:
    kode: str
    nama: str
    baris: tuple[BarisUang, ...]
    jumlah: BarisUang


@dataclass(frozen=True)
class BarisEfisiensi:
    nomor: int
    kode: str
    uraian: str
    indikator: tuple[str, ...]
    capaian: Decimal | None
    serapan: Decimal | None
    efisiensi: Decimal | None


@dataclass(frozen=True)
class RealisasiAnggaran:
    ada_pagu: bool
    kalimat: str
    rekening: tuple[BarisUang, ...]
    tabel_rekening: Rujukan | None
    unit: tuple[KelompokUnit, ...]
    tabel_unit: Rujukan | None
    jumlah: BarisUang  # the PD's total (d.hasil.total)
    efisiensi_tingkat: str  # "sasaran" | "program"
    efisiensi: tuple[BarisEfisiensi, ...]
    tabel_efisiensi: Rujukan | None
    kalimat_efisiensi: str
    catatan_efisiensi: str  # the policy restricting the table, or ""


def kalimat_anggaran(d: Dasar) -> str:
    total = d.hasil.total
    arg = {
        "pd": d.pd.nama,
        "tahun": d.tahun,
        "pagu": format_rupiah(total.pagu),
        "realisasi": format_rupiah(total.realisasi),
        "serapan": format_persen(total.serapan),
        "sisa": format_rupiah(total.sisa),
    }
    if any(b.versi == "perubahan" for b in d.data.pagu):
        return (
            _(
                "Pagu anggaran %(pd)s tahun %(tahun)s setelah perubahan sebesar %(pagu)s, dengan realisasi "
                "%(realisasi)s atau %(serapan)s dan sisa anggaran %(sisa)s."
            )
            % arg
        )
    return (
        _(
            "Pagu anggaran %(pd)s tahun %(tahun)s sebesar %(pagu)s, dengan realisasi %(realisasi)s atau %(serapan)s "
            "dan sisa anggaran %(sisa)s."
        )
        % arg
    )


def susun_rekening(d: Dasar) -> list[BarisUang]:
    """Every account code with money, its prefixes rolled up (tingkat 0 is a group row). A lone top code ("5 Belanja
    Daerah") is left out, as its row would repeat the JUMLAH row."""
    satu_akar = sum(1 for a in d.hasil.rekening if "." not in a.kode) == 1
    dasar = 2 if satu_akar else 1
    baris = []
    for a in d.hasil.rekening:
        kedalaman = a.kode.count(".") + 1
        if kedalaman < dasar:
            continue
        baris.append(baris_uang(a.kode, d.rekening.get(a.kode, ""), min(kedalaman - dasar, 3), a.rp))
    return baris


def susun_unit(d: Dasar) -> list[KelompokUnit]:
    """Per unit (in the organisation's order) its programs, kegiatan and sub kegiatan, each program and kegiatan row
    holding the unit's own sub kegiatan only (a kegiatan split over two units gives one row to each)."""
    kelompok = []
    units: list[tuple[str | None, str]] = [(u.kode, u.nama) for u in d.unit_kerja]
    if any(s.unit_kerja_id is None for s in d.sub_kegiatan):
        units.append((None, _("Tanpa unit kerja penanggung jawab")))
    for kode_unit, nama_unit in units:
        milik = [s for s in d.sub_kegiatan if (s.unit_kerja.kode if s.unit_kerja else None) == kode_unit]
        if not milik:
            continue
        baris: list[BarisUang] = []
        for p in d.program:
            keg_p = [k for k in d.kegiatan if k.program_id == p.pk]
            keg_ids = {k.pk for k in keg_p}
            sub_p = [s for s in milik if s.kegiatan_id in keg_ids]
            if not sub_p:
                continue
            baris.append(baris_uang(p.kode, p.nama, 1, jumlah_rp(d.hasil_sub_kegiatan[s.kode].rp for s in sub_p)))
            for k in keg_p:
                sub_k = [s for s in sub_p if s.kegiatan_id == k.pk]
                if not sub_k:
                    continue
                baris.append(baris_uang(k.kode, k.nama, 2, jumlah_rp(d.hasil_sub_kegiatan[s.kode].rp for s in sub_k)))
                for s in sub_k:
                    baris.append(baris_uang(s.kode, s.nama, 3, d.hasil_sub_kegiatan[s.kode].rp))
        if kode_unit is not None and kode_unit in d.hasil_unit:
            rp_unit = d.hasil_unit[kode_unit].rp
        else:
            rp_unit = jumlah_rp(d.hasil_sub_kegiatan[s.kode].rp for s in milik)
        kelompok.append(KelompokUnit(kode_unit or "", nama_unit, tuple(baris), baris_uang("", "", 0, rp_unit)))
    return kelompok


def susun_efisiensi(d: Dasar) -> list[BarisEfisiensi]:
    sasaran = {s.kode: s for s in d.sasaran}
    program = {p.kode: p for p in d.program}
    indikator_sasaran: dict[int, list[str]] = {}
    for i in d.hasil.indikator:
        if i.level == "sasaran":
            ind = d.indikator[i.kode]
            indikator_sasaran.setdefault(ind.sasaran_id, []).append(ind.uraian)  # type: ignore[arg-type]
    baris = []
    for nomor, e in enumerate(d.hasil.efisiensi, start=1):
        if e.tingkat == "program":
            p = program.get(e.kode)
            uraian, indikator = (p.nama if p else ""), ()
        else:
            s = sasaran.get(e.kode)
            uraian = s.uraian if s else ""
            indikator = tuple(indikator_sasaran.get(s.pk, [])) if s else ()
        baris.append(BarisEfisiensi(nomor, e.kode, uraian, indikator, e.capaian, e.serapan, e.efisiensi))
    return baris


def kalimat_efisiensi_tabel(d: Dasar, baris: list[BarisEfisiensi]) -> tuple[str, str]:
    """(the sentence on the table, the policy note when the table lists only capaian ≥ 100)."""
    program = d.data.efisiensi_tingkat == "program"
    catatan = ""
    if d.data.efisiensi_hanya_capaian_100:
        jumlah = len(d.hasil.program) if program else sum(1 for s in d.sasaran)
        catatan = ngettext(
            "Sesuai kebijakan perhitungan, tabel ini hanya memuat %(satuan)s yang capaian kinerjanya mencapai atau "
            "melebihi 100%%: %(ada)s dari %(jumlah)s %(satuan)s.",
            "Sesuai kebijakan perhitungan, tabel ini hanya memuat %(satuan)s yang capaian kinerjanya mencapai atau "
            "melebihi 100%%: %(ada)s dari %(jumlah)s %(satuan)s.",
            jumlah,
        ) % {
            "satuan": _("program") if program else _("sasaran"),
            "ada": format_angka(len(baris), 0),
            "jumlah": format_angka(jumlah, 0),
        }
    if not baris:
        return "", catatan
    kalimat = _(
        "Tingkat efisiensi adalah selisih capaian kinerja (%%) dan serapan anggaran (%%) %(dasar)s, dalam poin: "
        "nilai positif berarti capaian kinerja lebih tinggi daripada serapan anggaran."
    ) % {
        "dasar": _("setiap program") if program else _("program yang mendukung setiap sasaran"),
    }
    return kalimat, catatan


def susun_anggaran(d: Dasar, n: Penomor) -> RealisasiAnggaran:
    total = d.hasil.total
    ada_pagu = bool(total.pagu) or bool(total.realisasi)
    rekening = susun_rekening(d) if ada_pagu else []
    tabel_rekening = (
        n.tabel("3", _("Realisasi Anggaran Belanja %(pd)s TA. %(tahun)s") % {"pd": d.pd.nama, "tahun": d.tahun})
        if rekening
        else None
    )
    unit = susun_unit(d) if ada_pagu else []
    tabel_unit = (
        n.tabel(
            "3",
            _("Realisasi Belanja Berdasarkan Program/Kegiatan/Sub Kegiatan per Unit Kerja %(pd)s TA. %(tahun)s")
            % {"pd": d.pd.nama, "tahun": d.tahun},
        )
        if unit
        else None
    )
    efisiensi = susun_efisiensi(d)
    tabel_efisiensi = (
        n.tabel("3", _("Efisiensi Penggunaan Sumber Daya Tahun %(tahun)s") % {"tahun": d.tahun}) if efisiensi else None
    )
    kalimat_ef, catatan_ef = kalimat_efisiensi_tabel(d, efisiensi)
    return RealisasiAnggaran(
        ada_pagu=ada_pagu,
        kalimat=kalimat_anggaran(d)
        if ada_pagu
        else _("Belum ada pagu anggaran (DPA) yang tercatat untuk tahun %(tahun)s.") % {"tahun": d.tahun},
        rekening=tuple(rekening),
        tabel_rekening=tabel_rekening,
        unit=tuple(unit),
        tabel_unit=tabel_unit,
        jumlah=baris_uang("", "", 0, total),
        efisiensi_tingkat=d.data.efisiensi_tingkat,
        efisiensi=tuple(efisiensi),
        tabel_efisiensi=tabel_efisiensi,
        kalimat_efisiensi=kalimat_ef,
        catatan_efisiensi=catatan_ef,
    )
