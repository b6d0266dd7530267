"""The five DPA workbooks of a PD's year (issue 5): what each is called, and how it is built from the report's data.

Every workbook reads :func:`laporan.konteks.muat_dasar` (the year's computation, the same as ``sakip-hasil/1``) and
the LKjIP's table builders, so a figure cannot differ between the report, the JSON and the spreadsheet:

1. ``rekening``: realisation per account code, the layout of Tabel 3.10 (``bab3_anggaran.susun_rekening``);
2. ``unit``: realisation per program / kegiatan / sub kegiatan grouped by unit, with each unit's JUMLAH and the
   grand total, the layout of Tabel 3.11 (``bab3_anggaran.susun_unit``);
3. ``perubahan``: DPA murni against perubahan with bertambah/berkurang, per account and per program / kegiatan /
   sub kegiatan;
4. ``matriks`` and 5. ``triwulan``: the quarterly matrix and the quarterly progress (:mod:`anggaran.dpa_triwulan`).

Amounts and percentages are written rounded once (half-up, two decimals), as ``sakip-hasil/1`` writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.hitung import bulatkan
from kinerja.rekap import RP
from laporan.bab.bab3_anggaran import BarisUang, susun_rekening, susun_unit
from laporan.konteks import Dasar, format_tanggal, muat_dasar
from renstra.models import PerangkatDaerah

from .dpa_triwulan import buku_matriks, buku_pd, buku_triwulan
from .excel import FORMAT_PERSEN, FORMAT_RUPIAH
from .excel.buku import GAYA_GRUP, GAYA_JUMLAH, GAYA_TOTAL, BarisBuku, Buku, KolomBuku, Lembar
from .models import VersiAnggaran

MURNI, PERUBAHAN = VersiAnggaran.Versi.MURNI, VersiAnggaran.Versi.PERUBAHAN


@dataclass(frozen=True)
class JenisDPA:
    kode: str  # "rekening" | "unit" | "perubahan" | "matriks" | "triwulan"
    judul: str  # lazily translated, shown on the button
    keterangan: str  # lazily translated, one sentence on the page
    susun: Callable[[Dasar, datetime], Buku]


# --- the DPA versions on record ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoVersi:
    versi: str  # murni | perubahan
    label: str  # "DPA Murni", "DPA Perubahan (DPPA)"
    tanggal: date | None
    jumlah_baris: int  # pagu lines (sub kegiatan × account)
    jumlah: Decimal  # the version's total pagu


def versi_dpa(pd: PerangkatDaerah, tahun: int) -> list[InfoVersi]:
    """The year's DPA versions on record, murni first."""
    label = {MURNI: _("DPA Murni"), PERUBAHAN: _("DPA Perubahan (DPPA)")}
    urutan = {MURNI: 0, PERUBAHAN: 1}
    versi = VersiAnggaran.objects.filter(pd=pd, tahun=tahun).annotate(
        n=Count("pagu"), jumlah=Coalesce(Sum("pagu__jumlah"), Decimal("0"))
    )
    return sorted(
        (InfoVersi(v.versi, label.get(v.versi, v.versi), v.tanggal, v.n, v.jumlah) for v in versi),
        key=lambda v: urutan.get(v.versi, 9),
    )


def _versi_tercatat(d: Dasar) -> set[str]:
    return {b.versi for b in d.data.pagu}


# --- shared pieces -----------------------------------------------------------------------------------------------


def _b(x: Decimal | None) -> Decimal | None:
    """A figure as the file stores it: rounded once, half-up, to two decimals."""
    return None if x is None else bulatkan(x, 2)


def _sumber(d: Dasar) -> str:
    versi = _versi_tercatat(d)
    if PERUBAHAN in versi:
        dasar = _("pagu menurut DPA Perubahan (DPPA)")
    elif MURNI in versi:
        dasar = _("pagu menurut DPA Murni")
    else:
        return _("Belum ada pagu anggaran (DPA) yang tercatat untuk tahun %(tahun)s.") % {"tahun": d.tahun}
    return _("Sumber: DPA/DPPA dan realisasi belanja TA. %(tahun)s; %(dasar)s.") % {"tahun": d.tahun, "dasar": dasar}


def _uang(b: BarisUang | RP) -> tuple:
    return (_b(b.pagu), _b(b.realisasi), _b(b.sisa), _b(b.serapan))


# --- 1. per account (Tabel 3.10) --------------------------------------------------------------------------------


def buku_rekening(d: Dasar, dibuat: datetime) -> Buku:
    kolom = (
        KolomBuku(_("Kode Rekening"), lebar=14),
        KolomBuku(_("Uraian"), lebar=50, uraian=True),
        KolomBuku(_("Anggaran"), FORMAT_RUPIAH, 20),
        KolomBuku(_("Realisasi"), FORMAT_RUPIAH, 20),
        KolomBuku(_("Sisa Anggaran"), FORMAT_RUPIAH, 20),
        KolomBuku(_("Realisasi (%)"), FORMAT_PERSEN, 11),
    )
    baris = [
        BarisBuku((r.kode, r.uraian, *_uang(r)), gaya=GAYA_GRUP if r.tingkat == 0 else "", tingkat=r.tingkat)
        for r in susun_rekening(d)
    ]
    baris.append(BarisBuku(("", _("JUMLAH"), *_uang(d.hasil.total)), gaya=GAYA_TOTAL))
    lembar = Lembar(
        nama=_("Per Rekening"),
        judul=_("Realisasi Anggaran Belanja %(pd)s TA. %(tahun)s") % {"pd": d.pd.nama, "tahun": d.tahun},
        kolom=kolom,
        baris=tuple(baris),
        catatan=(_sumber(d),),
    )
    return buku_pd(
        d,
        dibuat,
        identifier="dpa-rekening",
        judul=_("REALISASI ANGGARAN PER KODE REKENING"),
        lembar=(lembar,),
    )


# --- 2. per program / kegiatan / sub kegiatan, grouped by unit (Tabel 3.11) -------------------------------------


def buku_unit(d: Dasar, dibuat: datetime) -> Buku:
    kolom = (
        KolomBuku(_("Kode"), lebar=20),
        KolomBuku(_("Program / Kegiatan / Sub Kegiatan"), lebar=60, uraian=True),
        KolomBuku(_("Pagu Anggaran"), FORMAT_RUPIAH, 20),
        KolomBuku(_("Realisasi Anggaran"), FORMAT_RUPIAH, 20),
        KolomBuku(_("Sisa Pagu Anggaran"), FORMAT_RUPIAH, 20),
        KolomBuku(_("Realisasi (%)"), FORMAT_PERSEN, 11),
    )
    kosong = (None, None, None, None)
    baris: list[BarisBuku] = []
    for u in susun_unit(d):
        baris.append(BarisBuku((u.kode, u.nama, *kosong), gaya=GAYA_GRUP))
        baris.extend(BarisBuku((r.kode, r.uraian, *_uang(r)), tingkat=r.tingkat) for r in u.baris)
        jumlah = _("JUMLAH %(unit)s") % {"unit": u.nama}
        baris.append(BarisBuku(("", jumlah, *_uang(u.jumlah)), gaya=GAYA_JUMLAH))
    baris.append(BarisBuku(("", _("TOTAL KESELURUHAN"), *_uang(d.hasil.total)), gaya=GAYA_TOTAL))
    lembar = Lembar(
        nama=_("Per Unit Kerja"),
        judul=_("Realisasi Belanja Berdasarkan Program/Kegiatan/Sub Kegiatan per Unit Kerja %(pd)s TA. %(tahun)s")
        % {"pd": d.pd.nama, "tahun": d.tahun},
        kolom=kolom,
        baris=tuple(baris),
        catatan=(
            _(
                "Baris program dan kegiatan memuat sub kegiatan unit kerja itu saja: kegiatan yang dilaksanakan dua "
                "unit kerja muncul pada kedua unit."
            ),
            _sumber(d),
        ),
    )
    return buku_pd(
        d,
        dibuat,
        identifier="dpa-unit",
        judul=_("REALISASI ANGGARAN PER PROGRAM, KEGIATAN DAN SUB KEGIATAN PER UNIT KERJA"),
        lembar=(lembar,),
    )


# --- 3. DPA murni against perubahan ------------------------------------------------------------------------------


def _murni_perubahan(rp: RP, *, ada_murni: bool, ada_perubahan: bool) -> tuple:
    """(murni, perubahan, bertambah/berkurang): a version not on record stays empty, never copied from the other."""
    murni = _b(rp.pagu_murni) if ada_murni else None
    perubahan = _b(rp.pagu) if ada_perubahan else None
    selisih = _b(rp.bertambah_berkurang) if ada_murni and ada_perubahan else None
    return murni, perubahan, selisih


def _catatan_perubahan(d: Dasar, versi: list[InfoVersi]) -> tuple[str, ...]:
    ada = {v.versi for v in versi} & _versi_tercatat(d)
    catatan = []
    for v in versi:
        if v.versi in ada:
            tanggal = format_tanggal(v.tanggal) if v.tanggal else _("tanpa tanggal")
            catatan.append(
                _("%(versi)s: %(tanggal)s, %(baris)s baris pagu.")
                % {"versi": v.label, "tanggal": tanggal, "baris": v.jumlah_baris}
            )
    if not ada:
        catatan.append(_("Belum ada DPA yang tercatat untuk tahun %(tahun)s.") % {"tahun": d.tahun})
    elif MURNI not in ada:
        catatan.append(
            _(
                "DPA murni tahun %(tahun)s tidak tercatat: kolom DPA Murni dan Bertambah/(Berkurang) dikosongkan, "
                "bukan disamakan dengan DPA Perubahan."
            )
            % {"tahun": d.tahun}
        )
    elif PERUBAHAN not in ada:
        catatan.append(
            _(
                "Belum ada DPA perubahan (DPPA) tahun %(tahun)s: kolom DPA Perubahan dan Bertambah/(Berkurang) "
                "dikosongkan."
            )
            % {"tahun": d.tahun}
        )
    catatan.append(_("Bertambah/(Berkurang) = DPA Perubahan − DPA Murni; nilai negatif berarti berkurang."))
    return tuple(catatan)


def buku_perubahan(d: Dasar, dibuat: datetime) -> Buku:
    versi = versi_dpa(d.pd, d.tahun)
    tercatat = _versi_tercatat(d)
    ada_murni = MURNI in tercatat and d.hasil.total.pagu_murni is not None
    ada_perubahan = PERUBAHAN in tercatat
    ada = {"ada_murni": ada_murni, "ada_perubahan": ada_perubahan}

    def kolom(kode: str, uraian: str, lebar_kode: float, lebar_uraian: float) -> tuple[KolomBuku, ...]:
        return (
            KolomBuku(kode, lebar=lebar_kode),
            KolomBuku(uraian, lebar=lebar_uraian, uraian=True),
            KolomBuku(_("DPA Murni"), FORMAT_RUPIAH, 20),
            KolomBuku(_("DPA Perubahan"), FORMAT_RUPIAH, 20),
            KolomBuku(_("Bertambah/(Berkurang)"), FORMAT_RUPIAH, 20),
        )

    total = BarisBuku(("", _("JUMLAH"), *_murni_perubahan(d.hasil.total, **ada)), gaya=GAYA_TOTAL)
    catatan = _catatan_perubahan(d, versi)

    # per account, as BAB II D: every code with money, parents bold; a lone top code would repeat the JUMLAH row
    rekening = d.hasil.rekening if tercatat else ()
    satu_akar = sum(1 for a in rekening if "." not in a.kode) == 1
    dasar = 1 if satu_akar else 0
    kode_semua = [a.kode for a in rekening]
    baris_rek = []
    for a in rekening:
        tingkat = a.kode.count(".") - dasar
        if tingkat < 0:
            continue
        induk = any(k.startswith(a.kode + ".") for k in kode_semua)
        baris_rek.append(
            BarisBuku(
                (a.kode, d.rekening.get(a.kode, ""), *_murni_perubahan(a.rp, **ada)),
                gaya=GAYA_GRUP if induk else "",
                tingkat=tingkat,
            )
        )
    baris_rek.append(total)

    # per program / kegiatan / sub kegiatan
    baris_prog = []
    if tercatat:
        for p in d.program:
            hp = d.hasil_program.get(p.kode)
            if hp is None:
                continue
            baris_prog.append(BarisBuku((p.kode, p.nama, *_murni_perubahan(hp.rp, **ada)), gaya=GAYA_GRUP))
            for k in (k for k in d.kegiatan if k.program_id == p.pk):
                hk = d.hasil_kegiatan.get(k.kode)
                if hk is None:
                    continue
                baris_prog.append(BarisBuku((k.kode, k.nama, *_murni_perubahan(hk.rp, **ada)), tingkat=1))
                for s in (s for s in d.sub_kegiatan if s.kegiatan_id == k.pk):
                    hs = d.hasil_sub_kegiatan.get(s.kode)
                    if hs is None:
                        continue
                    baris_prog.append(BarisBuku((s.kode, s.nama, *_murni_perubahan(hs.rp, **ada)), tingkat=2))
    baris_prog.append(total)

    arg = {"pd": d.pd.nama, "tahun": d.tahun}
    lembar = (
        Lembar(
            nama=_("Per Rekening"),
            judul=_("DPA Murni dan Perubahan per Rekening Belanja %(pd)s TA. %(tahun)s") % arg,
            kolom=kolom(_("Kode Rekening"), _("Uraian"), 14, 50),
            baris=tuple(baris_rek),
            catatan=catatan,
        ),
        Lembar(
            nama=_("Per Program"),
            judul=_("DPA Murni dan Perubahan per Program/Kegiatan/Sub Kegiatan %(pd)s TA. %(tahun)s") % arg,
            kolom=kolom(_("Kode"), _("Program / Kegiatan / Sub Kegiatan"), 20, 60),
            baris=tuple(baris_prog),
            catatan=catatan,
        ),
    )
    return buku_pd(
        d,
        dibuat,
        identifier="dpa-perubahan",
        judul=_("DPA MURNI DAN PERUBAHAN"),
        lembar=lembar,
    )


# --- the registry ------------------------------------------------------------------------------------------------


def _jenis() -> dict[str, JenisDPA]:
    daftar = [
        JenisDPA(
            "rekening",
            gettext_lazy("Realisasi per kode rekening"),
            gettext_lazy(
                "Anggaran, realisasi, sisa dan persentase realisasi setiap kode rekening belanja, dengan jumlahnya "
                "(susunan Tabel 3.10 LKjIP)."
            ),
            buku_rekening,
        ),
        JenisDPA(
            "unit",
            gettext_lazy("Realisasi per program, kegiatan dan sub kegiatan"),
            gettext_lazy(
                "Realisasi program, kegiatan dan sub kegiatan dikelompokkan per unit kerja, dengan JUMLAH setiap "
                "unit dan total keseluruhan (susunan Tabel 3.11 LKjIP)."
            ),
            buku_unit,
        ),
        JenisDPA(
            "perubahan",
            gettext_lazy("DPA murni dan perubahan"),
            gettext_lazy(
                "Pagu DPA murni dibandingkan dengan DPA perubahan beserta bertambah/berkurangnya, per rekening dan "
                "per program, kegiatan dan sub kegiatan."
            ),
            buku_perubahan,
        ),
        JenisDPA(
            "matriks",
            gettext_lazy("Matriks kinerja dan anggaran per triwulan"),
            gettext_lazy(
                "Target kinerja (K) dan pagu, realisasi TW I–IV dalam K dan Rp, jumlahnya, capaian K (%) dan Rp (%) "
                "serta sisa anggaran, per unit kerja, program, kegiatan dan sub kegiatan (susunan matriks lampiran "
                "LKjIP)."
            ),
            buku_matriks,
        ),
        JenisDPA(
            "triwulan",
            gettext_lazy("Progres DPA per triwulan"),
            gettext_lazy(
                "Target dan realisasi keuangan serta progres fisik sampai dengan setiap triwulan, per program, "
                "kegiatan dan sub kegiatan."
            ),
            buku_triwulan,
        ),
    ]
    return {j.kode: j for j in daftar}


JENIS_DPA: dict[str, JenisDPA] = _jenis()


def buku_dpa(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    kode: str,
    dasar: Dasar | None = None,
    dibuat: datetime | None = None,
) -> Buku:
    """The workbook ``kode`` of the PD's year. An unknown ``kode`` raises ``KeyError``."""
    jenis = JENIS_DPA[kode]
    d = dasar if dasar is not None else muat_dasar(pd, tahun)
    return jenis.susun(d, dibuat or timezone.now())
