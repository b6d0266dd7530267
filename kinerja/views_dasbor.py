"""The dashboard of a PD's year, for planners, the head of the PD and reviewers.

Every figure comes from the one computation (:func:`kinerja.selectors.hasil_tahun`), the same numbers as the
LKjIP and ``sakip-hasil/1``; the quarterly workflow models add the submission progress. The page runs a fixed
number of queries whatever the size of the PD: everything is read before rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from anggaran.models import AnggaranKas
from renstra.akses import get_pd_for_user
from renstra.models import Indikator, PerangkatDaerah, Sasaran, UnitKerja
from sakip.angka import format_nilai

from . import grafik, hitung, selectors, services
from .models import KunciTriwulan, PelaporanTriwulan, Tahap
from .rekap import HasilTahun
from .selectors import label_triwulan

DASBOR_UNTUK_PD = _("Dasbor perangkat daerah untuk perencana, pimpinan dan reviewer.")

TRIWULAN = (1, 2, 3, 4)


def get_pd_dasbor(user, pd_id: int) -> PerangkatDaerah:
    """The PD if the person may read its dashboard: 404 outside their PDs, 403 for an operator of the PD."""
    pd = get_pd_for_user(user, pd_id)
    if not user.has_perm("kinerja.view_dasbor", pd):
        raise PermissionDenied(DASBOR_UNTUK_PD)
    return pd


# --- what the page shows -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelPelaporan:
    triwulan: int
    tahap: str  # a Tahap value; dikunci when the PD's quarter is locked

    @property
    def label(self) -> str:
        return Tahap(self.tahap).label


@dataclass(frozen=True)
class BarisPelaporan:
    unit: UnitKerja
    sel: tuple[SelPelaporan, ...]


@dataclass(frozen=True)
class KolomPelaporan:
    triwulan: int
    label: str
    selesai: int  # units verified (or locked)


@dataclass(frozen=True)
class BarisSasaran:
    kode: str
    uraian: str
    capaian: Decimal | None
    kategori: hitung.Pita | None


@dataclass(frozen=True)
class SerapanTriwulan:
    triwulan: int
    label: str
    realisasi: Decimal | None  # cumulative up to this quarter; None after the last quarter with spending
    serapan: Decimal | None
    target: Decimal | None  # target keuangan up to this quarter (rupiah)
    target_persen: Decimal | None


@dataclass(frozen=True)
class BarisIndikator:
    kode: str
    uraian: str
    level: str
    satuan: str
    iku: bool
    target: str  # as printed: "BB (71,00)", "82,00"
    realisasi: str
    capaian: Decimal
    kategori: hitung.Pita | None


@dataclass(frozen=True)
class Dasbor:
    hasil: HasilTahun
    kolom: tuple[KolomPelaporan, ...]
    pelaporan: tuple[BarisPelaporan, ...]
    sasaran: tuple[BarisSasaran, ...]
    grafik_capaian: grafik.Grafik | None  # None: no sasaran has a capaian
    per_kategori: tuple[tuple[hitung.Pita, int], ...]
    serapan: tuple[SerapanTriwulan, ...]
    grafik_serapan: grafik.Grafik | None  # None: no pagu or no spending per quarter
    dasar_target: str  # "kas" (anggaran kas), "pagu" (pagu murni × n/4) or "" (no target keuangan)
    di_bawah_target: tuple[BarisIndikator, ...]
    ada_capaian: bool  # some indicator has a capaian this year


def _pelaporan(pd: PerangkatDaerah, tahun: int) -> tuple[tuple[KolomPelaporan, ...], tuple[BarisPelaporan, ...]]:
    units = services.unit_pelapor(pd)
    tahap = {
        (unit_id, tw): t
        for unit_id, tw, t in PelaporanTriwulan.objects.filter(unit_kerja__pd=pd, tahun=tahun)
        .order_by()
        .values_list("unit_kerja_id", "triwulan", "tahap")
    }
    dikunci = set(
        KunciTriwulan.objects.filter(pd=pd, tahun=tahun, dikunci=True).order_by().values_list("triwulan", flat=True)
    )
    baris = tuple(
        BarisPelaporan(
            u,
            tuple(
                SelPelaporan(tw, Tahap.DIKUNCI if tw in dikunci else tahap.get((u.pk, tw), Tahap.DRAF))
                for tw in TRIWULAN
            ),
        )
        for u in units
    )
    kolom = tuple(
        KolomPelaporan(
            tw,
            label_triwulan(tw),
            sum(1 for b in baris if b.sel[tw - 1].tahap in (Tahap.DIVERIFIKASI, Tahap.DIKUNCI)),
        )
        for tw in TRIWULAN
    )
    return kolom, baris


def _sasaran(pd: PerangkatDaerah, hasil: HasilTahun) -> tuple[BarisSasaran, ...]:
    uraian = dict(
        Sasaran.objects.filter(
            renstra__pd=pd, renstra__tahun_mulai__lte=hasil.tahun, kode__in=[s.kode for s in hasil.sasaran]
        )
        .order_by("renstra__tahun_mulai")  # the latest Renstra started by the year wins, as in the selector
        .values_list("kode", "uraian")
    )
    return tuple(BarisSasaran(s.kode, uraian.get(s.kode, ""), s.capaian, s.kategori) for s in hasil.sasaran)


def _serapan(pd: PerangkatDaerah, hasil: HasilTahun) -> tuple[tuple[SerapanTriwulan, ...], str]:
    """Cumulative serapan per quarter and the target keuangan (SAKIP.md §4), up to the last quarter with spending."""
    total = hasil.total
    kas_tw = dict(
        AnggaranKas.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=hasil.tahun)
        .order_by()
        .values_list("triwulan")
        .annotate(jumlah=Sum("jumlah"))
    )
    dasar = "kas" if kas_tw else ("pagu" if total.pagu_murni is not None else "")
    terakhir = max((tw for tw in TRIWULAN if total.realisasi_tw[tw - 1]), default=0)
    hasil_tw = []
    for tw in TRIWULAN:
        realisasi = total.realisasi_sd(tw) if tw <= terakhir else None
        target = None
        if dasar and total.pagu:
            kas_sd = sum((kas_tw.get(t, hitung.NOL) for t in TRIWULAN if t <= tw), hitung.NOL)
            target = hitung.target_keuangan(
                triwulan=tw,
                pagu_murni=total.pagu_murni if total.pagu_murni is not None else total.pagu,
                pagu_perubahan=total.pagu,
                anggaran_kas_kumulatif=kas_sd if dasar == "kas" else None,
            )
        hasil_tw.append(
            SerapanTriwulan(
                tw,
                label_triwulan(tw),
                realisasi,
                hitung.serapan(pagu=total.pagu, realisasi=realisasi),
                target,
                hitung.serapan(pagu=total.pagu, realisasi=target),
            )
        )
    return tuple(hasil_tw), dasar


def _di_bawah_target(pd: PerangkatDaerah, hasil: HasilTahun) -> tuple[BarisIndikator, ...]:
    """Indicators whose capaian, as printed, is under 100."""
    bawah = [i for i in hasil.indikator if i.capaian is not None and hitung.bulatkan(i.capaian) < hitung.SERATUS]
    info = {
        kode: (uraian, satuan, desimal, level)
        for kode, uraian, satuan, desimal, level in Indikator.objects.filter(
            pd=pd, kode__in=[i.kode for i in bawah]
        ).values_list("kode", "uraian", "satuan", "desimal", "level")
    }
    level = dict(Indikator.Level.choices)
    baris = []
    for i in bawah:
        uraian, satuan, desimal, lv = info.get(i.kode, ("", "", 2, i.level))
        baris.append(
            BarisIndikator(
                kode=i.kode,
                uraian=uraian,
                level=str(level.get(lv, lv)),
                satuan=satuan,
                iku=i.iku,
                target=format_nilai(i.target.nilai, i.target.label, desimal) if i.target else format_nilai(None),
                realisasi=format_nilai(i.realisasi.nilai, i.realisasi.label, desimal)
                if i.realisasi
                else format_nilai(None),
                capaian=i.capaian,  # type: ignore[arg-type]
                kategori=i.kategori,
            )
        )
    return tuple(baris)


def dasbor_pd(pd: PerangkatDaerah, tahun: int) -> Dasbor:
    hasil = selectors.hasil_tahun(pd, tahun)
    kolom, pelaporan = _pelaporan(pd, tahun)
    sasaran = _sasaran(pd, hasil)
    grafik_capaian = None
    if any(s.capaian is not None for s in sasaran):
        grafik_capaian = grafik.grafik_batang(
            [grafik.Isian(s.kode, s.capaian, s.uraian, s.kategori.warna if s.kategori else "") for s in sasaran]
        )
    serapan, dasar = _serapan(pd, hasil)
    grafik_serapan = None
    if hasil.total.pagu and any(s.realisasi is not None for s in serapan):
        grafik_serapan = grafik.grafik_kolom(
            [grafik.Isian(s.label, s.serapan, label_triwulan(s.triwulan, tahun)) for s in serapan],
            garis=[s.target_persen for s in serapan] if dasar else None,
        )
    return Dasbor(
        hasil=hasil,
        kolom=kolom,
        pelaporan=pelaporan,
        sasaran=sasaran,
        grafik_capaian=grafik_capaian,
        per_kategori=tuple(
            (p, hasil.iku.per_kategori[p.label]) for p in hasil.skala.pita if p.label in hasil.iku.per_kategori
        ),
        serapan=serapan,
        grafik_serapan=grafik_serapan,
        dasar_target=dasar,
        di_bawah_target=_di_bawah_target(pd, hasil),
        ada_capaian=any(i.capaian is not None for i in hasil.indikator),
    )


# --- the view ----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def dasbor(request: HttpRequest, pd_id: int, tahun: int) -> HttpResponse:
    if not 2000 <= tahun <= 2100:
        raise Http404
    pd = get_pd_dasbor(request.user, pd_id)
    ctx = {
        "pd": pd,
        "tahun": tahun,
        "triwulan": selectors.triwulan_navigasi(tahun),
        "tahun_list": sorted({*selectors.tahun_dengan_data(pd), tahun}),
        "d": dasbor_pd(pd, tahun),
    }
    return render(request, "kinerja/dasbor.html", ctx)
