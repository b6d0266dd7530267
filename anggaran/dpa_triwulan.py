"""DPA workbooks 4 and 5 of a PD's year: the quarterly matrix of the LKjIP annex, and the quarterly DPA progress.

4. :func:`buku_matriks` lays out the rows of the annex matrix (``laporan.bab.lampiran``: unit → program → kegiatan →
   sub kegiatan, with their indicators and money) as the report prints them: target K and pagu, TW I–IV K and Rp,
   the year's K and Rp, K % and Rp %, sisa. K values are numbers with the indicator's decimals where the report
   prints a number, and the report's text (a label, "—", "belum tersedia") where it does not.
5. :func:`buku_triwulan` gives, per program → kegiatan → sub kegiatan and for the PD, up to each quarter: the target
   keuangan (SAKIP.md §4: the anggaran kas when entered, else min(pagu murni × n/4, pagu perubahan)), the money
   spent and the physical progress (the fisik entered per sub kegiatan; a parent's is the pagu-weighted mean of its
   children).

Money comes from :class:`~kinerja.rekap.HasilTahun` (the figures of ``sakip-hasil/1``); amounts and percentages
are written rounded once, half-up, to two decimals, as that file writes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from kinerja import hitung as h
from kinerja.rekap import RP
from laporan.bab.lampiran import BarisMatriks, KMatriks, lampiran_matriks
from laporan.konteks import Dasar, Penomor
from sakip.angka import format_rupiah

from .excel import FORMAT_NILAI, FORMAT_PERSEN, FORMAT_RUPIAH, format_desimal
from .excel.buku import GAYA_GRUP, GAYA_TOTAL, BarisBuku, Buku, KepalaGrup, KolomBuku, Lembar
from .models import AnggaranKas, RealisasiFisik

ROMAWI = ("I", "II", "III", "IV")


def _b(x: Decimal | None) -> Decimal | None:
    """An amount or percentage as the file stores it: rounded once, half-up, to two decimals."""
    return None if x is None else h.bulatkan(x, 2)


def buku_pd(d: Dasar, dibuat: datetime, *, identifier: str, judul: str, lembar: tuple[Lembar, ...]) -> Buku:
    """A workbook of the PD and year of ``d`` (the frame every DPA workbook shares)."""
    return Buku(
        identifier=identifier,
        judul=judul,
        pd=d.pd.nama,
        pemda=d.pd.pemda.nama,
        tahun=d.tahun,
        dibuat=dibuat,
        lembar=lembar,
    )


def _catatan_tanpa_tw(d: Dasar) -> list[str]:
    """A note when some money was entered for the year without a quarter: it is in the year's realisation only."""
    total = d.hasil.total
    tanpa_tw = total.realisasi - total.realisasi_sd(4)
    if not tanpa_tw:
        return []
    return [
        _(
            "Realisasi tahunan tanpa rincian triwulan sebesar %(jumlah)s termasuk dalam realisasi tahun ini, tidak "
            "dalam realisasi per triwulan."
        )
        % {"jumlah": format_rupiah(tanpa_tw)}
    ]


# --- 4. the quarterly matrix of the annex ------------------------------------------------------------------------

# column indexes
_K_TARGET, _K_TW, _K_REALISASI = 4, (6, 8, 10, 12), 14
_KOLOM_K = (_K_TARGET, *_K_TW, _K_REALISASI)


def _kolom_matriks(judul_target: str, tahun: int) -> tuple[tuple[KolomBuku, ...], tuple[KepalaGrup, ...]]:
    k, rp = _("K"), _("Rp")
    kolom = [
        KolomBuku(_("Kode"), lebar=18),
        KolomBuku(_("Unit Kerja / Program / Kegiatan / Sub Kegiatan"), lebar=48, uraian=True),
        KolomBuku(_("Indikator Kinerja"), lebar=42),
        KolomBuku(_("Satuan"), lebar=11),
        KolomBuku(k, FORMAT_NILAI, 11),
        KolomBuku(rp, FORMAT_RUPIAH, 18),
    ]
    for _romawi in ROMAWI:
        kolom += [KolomBuku(k, FORMAT_NILAI, 10), KolomBuku(rp, FORMAT_RUPIAH, 17)]
    kolom += [
        KolomBuku(k, FORMAT_NILAI, 11),
        KolomBuku(rp, FORMAT_RUPIAH, 18),
        KolomBuku(_("K (%)"), FORMAT_PERSEN, 9),
        KolomBuku(_("Rp (%)"), FORMAT_PERSEN, 9),
        KolomBuku(_("Sisa Anggaran (Rp)"), FORMAT_RUPIAH, 18),
    ]
    grup = [KepalaGrup(judul_target, 4, 5)]
    grup += [KepalaGrup(_("TW %(tw)s") % {"tw": r}, 6 + 2 * i, 7 + 2 * i) for i, r in enumerate(ROMAWI)]
    grup += [
        KepalaGrup(_("Realisasi TA. %(tahun)s") % {"tahun": tahun}, 14, 15),
        KepalaGrup(_("Tingkat Capaian (%)"), 16, 17),
    ]
    return tuple(kolom), tuple(grup)


def _k(nilai: Decimal | None, teks: str) -> Decimal | str:
    """A K cell: the number where the report prints one, else the report's text (a label, "—", "belum tersedia")."""
    return nilai if nilai is not None else teks


def _baris_k(i: KMatriks | None) -> tuple[tuple, tuple[str | None, ...]]:
    """The indicator's cells of one line (indikator, satuan, target, TW I–IV, realisasi) and their formats."""
    if i is None:
        return ("", "", None, None, None, None, None, None), (None,) * 8
    nilai = (
        i.uraian,
        i.satuan,
        _k(i.target_nilai, i.target),
        *(_k(n, t) for n, t in zip(i.tw_nilai, i.tw, strict=True)),
        _k(i.realisasi_nilai, i.realisasi),
    )
    fmt = format_desimal(i.desimal)
    return nilai, (None, None) + (fmt,) * 6


def _format_baris(fmt_k: tuple[str | None, ...], n_kolom: int) -> tuple[str | None, ...]:
    """Per-cell formats of a matrix line: the indicator's decimals in the K columns, the column's elsewhere."""
    hasil: list[str | None] = [None] * n_kolom
    hasil[2], hasil[3] = fmt_k[0], fmt_k[1]
    for kolom, fmt in zip(_KOLOM_K, fmt_k[2:], strict=True):
        hasil[kolom] = fmt
    return tuple(hasil)


def _baris_matriks(b: BarisMatriks, n_kolom: int) -> list[BarisBuku]:
    gaya = {"pd": GAYA_TOTAL, "unit": GAYA_GRUP}.get(b.jenis, "")
    nama = f"{b.nama}*" if b.sebagian else b.nama
    rp = b.rp
    pertama = b.indikator[0] if b.indikator else None
    (indikator, satuan, target, tw1, tw2, tw3, tw4, realisasi), fmt_k = _baris_k(pertama)
    nilai = (
        b.kode,
        nama,
        indikator,
        satuan,
        target,
        _b(rp.pagu),
        tw1,
        _b(rp.realisasi_tw[0]),
        tw2,
        _b(rp.realisasi_tw[1]),
        tw3,
        _b(rp.realisasi_tw[2]),
        tw4,
        _b(rp.realisasi_tw[3]),
        realisasi,
        _b(rp.realisasi),
        _b(b.capaian_k),
        _b(rp.serapan),
        _b(rp.sisa),
    )
    baris = [BarisBuku(nilai, gaya=gaya, tingkat=b.tingkat, format=_format_baris(fmt_k, n_kolom))]
    for i in b.indikator_lain:  # the report's rowspan: one more line with the indicator's cells only
        (indikator, satuan, target, tw1, tw2, tw3, tw4, realisasi), fmt_k = _baris_k(i)
        lanjut = (
            None,
            None,
            indikator,
            satuan,
            target,
            None,
            tw1,
            None,
            tw2,
            None,
            tw3,
            None,
            tw4,
            None,
            realisasi,
            None,
            None,
            None,
            None,
        )
        baris.append(BarisBuku(lanjut, gaya=gaya, tingkat=b.tingkat, format=_format_baris(fmt_k, n_kolom)))
    return baris


def buku_matriks(d: Dasar, dibuat: datetime) -> Buku:
    """Export 4: the quarterly matrix of kinerja and money, the rows of the LKjIP annex."""
    a = lampiran_matriks(d, Penomor(), 3)  # the annex's own rows and notes; its numbering is not used here
    kolom, grup = _kolom_matriks(a.judul_target, d.tahun)
    baris = [x for b in a.baris for x in _baris_matriks(b, len(kolom))]
    if a.baris:
        catatan = [
            *a.catatan,
            _(
                "K: kinerja (realisasi indikator); Rp: anggaran. Realisasi per triwulan ialah realisasi pada "
                "triwulan itu; capaian K (%) sub kegiatan ialah rata-rata capaian indikatornya, kegiatan rata-rata "
                "sub kegiatannya, program dan unit kerja rata-rata kegiatannya. Indikator kedua dan seterusnya "
                "sebuah baris tercantum pada baris di bawahnya."
            ),
            _("Sumber: DPA dan realisasi kinerja serta anggaran per triwulan tahun %(tahun)s.") % {"tahun": d.tahun},
        ]
    else:
        catatan = [a.kosong]
    lembar = Lembar(
        nama=_("Matriks Triwulan"),
        judul=a.tabel.judul
        if a.tabel
        else _("Realisasi Kinerja dan Anggaran per Triwulan Tahun %(tahun)s") % {"tahun": d.tahun},
        kolom=kolom,
        baris=tuple(baris),
        kepala_grup=grup,
        catatan=tuple(catatan),
    )
    return buku_pd(d, dibuat, identifier="dpa-matriks", judul=a.judul, lembar=(lembar,))


# --- 5. quarterly DPA progress -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progres:
    """One row's figures up to each quarter (index 0 = TW I)."""

    rp: RP
    target: tuple[Decimal, Decimal, Decimal, Decimal]  # target keuangan s.d. TW n (Rp)
    fisik: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]  # realisasi fisik s.d. TW n (%)


def _kas_per_sub(d: Dasar) -> dict[int, list[Decimal]]:
    """The anggaran kas entered per sub kegiatan: {id: [TW I, TW II, TW III, TW IV]} (a quarter not entered: 0)."""
    kas: dict[int, list[Decimal]] = {}
    for sub_id, tw, jumlah in AnggaranKas.objects.filter(
        sub_kegiatan__kegiatan__program__pd=d.pd, tahun=d.tahun
    ).values_list("sub_kegiatan_id", "triwulan", "jumlah"):
        kas.setdefault(sub_id, [h.NOL] * 4)[tw - 1] += jumlah
    return kas


def _fisik_per_sub(d: Dasar) -> dict[int, dict[int, Decimal]]:
    """The physical progress entered per sub kegiatan (cumulative %): {id: {triwulan: persen}}."""
    fisik: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for sub_id, tw, persen in RealisasiFisik.objects.filter(
        sub_kegiatan__kegiatan__program__pd=d.pd, tahun=d.tahun
    ).values_list("sub_kegiatan_id", "triwulan", "persen"):
        fisik[sub_id][tw] = persen
    return fisik


def progres_sub(rp: RP, *, kas: list[Decimal] | None, fisik: dict[int, Decimal]) -> Progres:
    """A sub kegiatan's target keuangan up to each quarter (SAKIP.md §4) and its fisik as entered.

    Without a murni DPA on record for the year, the pagu murni of the rule is the pagu (the DPPA): the only budget
    known, so the target runs linearly to it."""
    murni = rp.pagu_murni if rp.pagu_murni is not None else rp.pagu
    target = tuple(
        h.target_keuangan(
            triwulan=tw,
            pagu_murni=murni,
            pagu_perubahan=rp.pagu,
            anggaran_kas_kumulatif=sum(kas[:tw], h.NOL) if kas is not None else None,
        )
        for tw in h.TRIWULAN
    )
    return Progres(rp, target, tuple(fisik.get(tw) for tw in h.TRIWULAN))  # type: ignore[arg-type]


def progres_induk(rp: RP, anak: Iterable[Progres]) -> Progres:
    """A parent's figures: the sum of its children's targets; fisik the pagu-weighted mean of its children's."""
    anak = list(anak)
    target = tuple(sum((a.target[i] for a in anak), h.NOL) for i in range(4))
    fisik = tuple(h.fisik_tertimbang((a.rp.pagu, a.fisik[i]) for a in anak) for i in range(4))
    return Progres(rp, target, fisik)  # type: ignore[arg-type]


def _kolom_triwulan() -> tuple[tuple[KolomBuku, ...], tuple[KepalaGrup, ...]]:
    kolom = [
        KolomBuku(_("Kode"), lebar=18),
        KolomBuku(_("Program / Kegiatan / Sub Kegiatan"), lebar=50, uraian=True),
        KolomBuku(_("Pagu Murni (Rp)"), FORMAT_RUPIAH, 18),
        KolomBuku(_("Pagu (Rp)"), FORMAT_RUPIAH, 18),
    ]
    grup = []
    for r in ROMAWI:
        awal = len(kolom)
        kolom += [
            KolomBuku(_("Target Keuangan (Rp)"), FORMAT_RUPIAH, 17),
            KolomBuku(_("Target Keuangan (%)"), FORMAT_PERSEN, 10),
            KolomBuku(_("Realisasi Keuangan (Rp)"), FORMAT_RUPIAH, 17),
            KolomBuku(_("Realisasi Keuangan (%)"), FORMAT_PERSEN, 10),
            KolomBuku(_("Realisasi Fisik (%)"), FORMAT_PERSEN, 10),
        ]
        grup.append(KepalaGrup(_("s.d. Triwulan %(tw)s") % {"tw": r}, awal, awal + 4))
    return tuple(kolom), tuple(grup)


def _nilai_progres(kode: str, uraian: str, p: Progres, *, ada_murni: bool) -> tuple:
    rp = p.rp
    nilai: list = [kode, uraian, _b(rp.pagu_murni) if ada_murni else None, _b(rp.pagu)]
    for i, tw in enumerate(h.TRIWULAN):
        realisasi = rp.realisasi_sd(tw)
        nilai += [
            _b(p.target[i]),
            _b(h.serapan(pagu=rp.pagu, realisasi=p.target[i])),
            _b(realisasi),
            _b(h.serapan(pagu=rp.pagu, realisasi=realisasi)),
            _b(p.fisik[i]),
        ]
    return tuple(nilai)


def _catatan_triwulan(d: Dasar, *, ada_murni: bool, n_kas: int, n_fisik: int) -> list[str]:
    arg = {"tahun": d.tahun, "n": len(d.sub_kegiatan)}
    catatan = [
        _(
            "Target keuangan s.d. triwulan n: anggaran kas kumulatif sub kegiatan bila anggaran kasnya diisi; bila "
            "tidak, pagu murni × n/4, paling banyak pagu (perubahan). Target program, kegiatan dan jumlah ialah "
            "jumlah target sub kegiatannya. Anggaran kas diisi untuk %(kas)s dari %(n)s sub kegiatan."
        )
        % (arg | {"kas": n_kas}),
        _(
            "Tidak ada target fisik yang tercatat: kolom target memuat target keuangan saja. Realisasi fisik ialah "
            "capaian fisik kumulatif yang diisi per sub kegiatan dan triwulan (diisi untuk %(fisik)s dari %(n)s sub "
            "kegiatan; sel kosong: belum diisi); fisik kegiatan, program dan jumlah ialah rata-rata tertimbang pagu "
            "dari anak-anaknya yang telah diisi."
        )
        % (arg | {"fisik": n_fisik}),
        _(
            "Realisasi keuangan s.d. triwulan n ialah jumlah realisasi triwulan I sampai n. Persentase dihitung "
            "terhadap pagu."
        ),
    ]
    if not ada_murni and d.data.pagu:
        catatan.append(
            _(
                "DPA murni tahun %(tahun)s tidak tercatat: pagu murni dalam aturan target keuangan diganti pagu DPA "
                "Perubahan (satu-satunya DPA yang tercatat), sehingga target s.d. triwulan n = pagu × n/4; kolom "
                "Pagu Murni dikosongkan."
            )
            % arg
        )
    catatan += _catatan_tanpa_tw(d)
    catatan.append(
        _("Sumber: DPA/DPPA, anggaran kas, realisasi keuangan dan fisik per triwulan tahun %(tahun)s.") % arg
    )
    return catatan


def buku_triwulan(d: Dasar, dibuat: datetime) -> Buku:
    """Export 5: target and realisation of money and physical progress up to each quarter."""
    kas = _kas_per_sub(d)
    fisik = _fisik_per_sub(d)
    ada_murni = d.hasil.total.pagu_murni is not None and any(b.versi == "murni" for b in d.data.pagu)

    sub_per_kegiatan: dict[int, list] = defaultdict(list)
    for s in d.sub_kegiatan:
        sub_per_kegiatan[s.kegiatan_id].append(s)
    kegiatan_per_program: dict[int, list] = defaultdict(list)
    for k in d.kegiatan:
        if sub_per_kegiatan[k.pk]:
            kegiatan_per_program[k.program_id].append(k)

    baris: list[BarisBuku] = []
    per_program: list[Progres] = []
    for p in d.program:
        if not kegiatan_per_program[p.pk]:
            continue
        blok: list[BarisBuku] = []
        per_kegiatan: list[Progres] = []
        for k in kegiatan_per_program[p.pk]:
            per_sub = []
            baris_sub = []
            for s in sub_per_kegiatan[k.pk]:
                ps = progres_sub(d.hasil_sub_kegiatan[s.kode].rp, kas=kas.get(s.pk), fisik=fisik.get(s.pk, {}))
                per_sub.append(ps)
                baris_sub.append(BarisBuku(_nilai_progres(s.kode, s.nama, ps, ada_murni=ada_murni), tingkat=2))
            pkeg = progres_induk(d.hasil_kegiatan[k.kode].rp, per_sub)
            per_kegiatan.append(pkeg)
            blok.append(BarisBuku(_nilai_progres(k.kode, k.nama, pkeg, ada_murni=ada_murni), tingkat=1))
            blok += baris_sub
        pp = progres_induk(d.hasil_program[p.kode].rp, per_kegiatan)
        per_program.append(pp)
        baris.append(BarisBuku(_nilai_progres(p.kode, p.nama, pp, ada_murni=ada_murni), gaya=GAYA_GRUP))
        baris += blok
    if baris:
        total = progres_induk(d.hasil.total, per_program)
        baris.append(BarisBuku(_nilai_progres("", _("JUMLAH"), total, ada_murni=ada_murni), gaya=GAYA_TOTAL))
        catatan = _catatan_triwulan(
            d,
            ada_murni=ada_murni,
            n_kas=sum(1 for s in d.sub_kegiatan if s.pk in kas),
            n_fisik=sum(1 for s in d.sub_kegiatan if fisik.get(s.pk)),
        )
    else:
        catatan = [_("Belum ada sub kegiatan yang tercatat untuk tahun %(tahun)s.") % {"tahun": d.tahun}]

    kolom, grup = _kolom_triwulan()
    lembar = Lembar(
        nama=_("Progres Triwulan"),
        judul=_("Target dan Realisasi Keuangan serta Fisik per Triwulan %(pd)s TA. %(tahun)s")
        % {"pd": d.pd.nama, "tahun": d.tahun},
        kolom=kolom,
        baris=tuple(baris),
        kepala_grup=grup,
        catatan=tuple(catatan),
    )
    return buku_pd(
        d,
        dibuat,
        identifier="dpa-triwulan",
        judul=_("PROGRES PELAKSANAAN DPA PER TRIWULAN"),
        lembar=(lembar,),
    )
