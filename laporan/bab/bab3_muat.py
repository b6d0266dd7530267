"""What BAB III reads beyond :class:`~laporan.konteks.Dasar`, in a fixed number of queries whatever the PD's size.

The AKIP evaluations of the report year and the year before (with components and recommendations), the AKIP scale,
the comparisons with other agencies and the national standard, the realisations and PK targets of the Renstra's
earlier years, and the obstacles and solutions the units wrote on this year's realisations. Nothing here computes a
figure: :mod:`laporan.bab.bab3_kinerja` runs the same rules as the year's computation on what is loaded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from kinerja import hitung
from kinerja.hitung import Nilai
from kinerja.models import (
    EvaluasiAkip,
    KomponenAkip,
    Pembanding,
    PitaSkala,
    RealisasiKinerja,
    RekomendasiAkip,
    StandarNasional,
    TargetPK,
)
from kinerja.rekap import RealisasiData
from kinerja.selectors import skala_dari_db

from ..konteks import Dasar

#: The preset scale that rates AKIP scores (SAKIP.md §4).
SKALA_AKIP = "akip"


@dataclass(frozen=True)
class Catatan:
    """An obstacle and/or solution written on one realisation."""

    triwulan: int | None  # None: the annual figure
    hambatan: str
    solusi: str


@dataclass(frozen=True)
class Bandingan:
    instansi: str
    nilai: Nilai
    sumber: str


@dataclass
class Tambahan:
    evaluasi: EvaluasiAkip | None  # reported in this year's LKjIP
    evaluasi_lalu: EvaluasiAkip | None  # reported in last year's
    skala_akip: hitung.Skala | None
    komponen: list[KomponenAkip] = field(default_factory=list)  # of ``evaluasi``, in order
    komponen_lalu: list[KomponenAkip] = field(default_factory=list)  # of ``evaluasi_lalu``
    rekomendasi: list[RekomendasiAkip] = field(default_factory=list)  # of ``evaluasi``, by number
    pembanding: dict[int, list[Bandingan]] = field(default_factory=dict)  # by indicator id
    standar: dict[int, Bandingan] = field(default_factory=dict)
    realisasi: dict[tuple[int, int], list[RealisasiData]] = field(default_factory=dict)  # (indicator id, year)
    target_pk: dict[tuple[int, int], Nilai] = field(default_factory=dict)  # highest PK version of the year
    catatan: dict[int, list[Catatan]] = field(default_factory=dict)  # this year's, by indicator id


def muat_tambahan(
    d: Dasar, *, indikator_seri: list[int], tahun_seri: list[int], indikator_catatan: list[int]
) -> Tambahan:
    """Load, for the PD and year of ``d``: the evaluations, the AKIP scale, the comparisons of the year for
    ``indikator_seri``, their realisations and PK targets in ``tahun_seri`` (earlier years), and the obstacles and
    solutions written this year on ``indikator_catatan``. Nine queries, whatever the data."""
    evaluasi = {e.tahun: e for e in EvaluasiAkip.objects.filter(pd=d.pd, tahun__in=(d.tahun, d.tahun - 1))}
    komponen: dict[int, list[KomponenAkip]] = defaultdict(list)
    for k in KomponenAkip.objects.filter(evaluasi__pd=d.pd, evaluasi__tahun__in=(d.tahun, d.tahun - 1)).order_by(
        "urutan", "pk"
    ):
        komponen[k.evaluasi_id].append(k)
    rekomendasi: dict[int, list[RekomendasiAkip]] = defaultdict(list)
    for r in RekomendasiAkip.objects.filter(evaluasi__pd=d.pd, evaluasi__tahun=d.tahun).order_by("nomor", "pk"):
        rekomendasi[r.evaluasi_id].append(r)
    pita = list(PitaSkala.objects.filter(skala__kode=SKALA_AKIP).select_related("skala"))
    skala = skala_dari_db(pita[0].skala, pita) if pita else None

    ini, lalu = evaluasi.get(d.tahun), evaluasi.get(d.tahun - 1)
    t = Tambahan(
        evaluasi=ini,
        evaluasi_lalu=lalu,
        skala_akip=skala,
        komponen=list(komponen.get(ini.pk, [])) if ini else [],
        komponen_lalu=list(komponen.get(lalu.pk, [])) if lalu else [],
        rekomendasi=list(rekomendasi.get(ini.pk, [])) if ini else [],
    )

    pembanding: dict[int, list[Bandingan]] = defaultdict(list)
    for ind_id, instansi, nilai, label, sumber in (
        Pembanding.objects.filter(indikator_id__in=indikator_seri, tahun=d.tahun)
        .order_by("indikator_id", "instansi", "pk")
        .values_list("indikator_id", "instansi", "nilai", "label", "sumber")
    ):
        pembanding[ind_id].append(Bandingan(instansi, Nilai(nilai, label), sumber))
    t.pembanding = dict(pembanding)
    t.standar = {
        ind_id: Bandingan("", Nilai(nilai, label), sumber)
        for ind_id, nilai, label, sumber in StandarNasional.objects.filter(
            indikator_id__in=indikator_seri, tahun=d.tahun
        ).values_list("indikator_id", "nilai", "label", "sumber")
    }

    realisasi: dict[tuple[int, int], list[RealisasiData]] = defaultdict(list)
    for ind_id, th, tw, nilai, label, status, sumber in RealisasiKinerja.objects.filter(
        indikator_id__in=indikator_seri, tahun__in=tahun_seri
    ).values_list("indikator_id", "tahun", "triwulan", "nilai", "label", "status", "tahun_sumber"):
        realisasi[(ind_id, th)].append(RealisasiData(tw, nilai, label, status, sumber))
    t.realisasi = dict(realisasi)
    for ind_id, th, nilai, label in (
        TargetPK.objects.filter(indikator_id__in=indikator_seri, pk_dokumen__tahun__in=tahun_seri)
        .order_by("pk_dokumen__tahun", "pk_dokumen__versi")
        .values_list("indikator_id", "pk_dokumen__tahun", "nilai", "label")
    ):
        t.target_pk[(ind_id, th)] = Nilai(nilai, label)  # the highest version wins, as in the year's figures

    catatan: dict[int, list[Catatan]] = defaultdict(list)
    for ind_id, tw, hambatan, solusi in (
        RealisasiKinerja.objects.filter(indikator_id__in=indikator_catatan, tahun=d.tahun)
        .filter(~Q(hambatan="") | ~Q(solusi=""))
        .values_list("indikator_id", "triwulan", "hambatan", "solusi")
    ):
        catatan[ind_id].append(Catatan(tw, hambatan.strip(), solusi.strip()))
    t.catatan = dict(catatan)
    return t


def catatan_terakhir(catatan: list[Catatan]) -> tuple[str, str]:
    """The obstacle and the solution as last written in the year: each from the latest quarter that has one (the
    annual figure counts as after TW IV), so an obstacle of TW I stays known when TW IV only adds its solution."""
    urut = sorted(catatan, key=lambda c: 5 if c.triwulan is None else c.triwulan, reverse=True)
    hambatan = next((c.hambatan for c in urut if c.hambatan), "")
    solusi = next((c.solusi for c in urut if c.solusi), "")
    return hambatan, solusi
