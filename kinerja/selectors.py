"""Reads that span models: a PD's year loaded as plain data for the calculation core.

:func:`data_tahun` runs a fixed number of queries whatever the size of the PD (pinned by a test at two sizes).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anggaran.models import PaguAnggaran, RealisasiAnggaran, RealisasiFisik, Rekening, VersiAnggaran
from renstra.models import (
    Indikator,
    Kegiatan,
    PerangkatDaerah,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
    UnitKerja,
)

from . import hitung
from .models import (
    KebijakanPerhitungan,
    KunciTriwulan,
    PelaporanTriwulan,
    PerjanjianKinerja,
    PitaSkala,
    RealisasiKinerja,
    RencanaAksi,
    SkalaPenilaian,
    Tahap,
    TargetPK,
)
from .rekap import (
    BarisPagu,
    BarisRealisasiAnggaran,
    DataTahun,
    HasilTahun,
    IndikatorData,
    KegiatanData,
    Nilai,
    ProgramData,
    RealisasiData,
    SasaranData,
    SubKegiatanData,
    hitung_tahun,
    realisasi_tahunan,
)

SKALA_BAWAAN = "permenpan-12-2015"


def skala_dari_db(skala: SkalaPenilaian, pita: list[PitaSkala]) -> hitung.Skala:
    return hitung.Skala(
        nama=skala.kode,
        pita=tuple(
            hitung.Pita(p.batas_bawah, p.termasuk, p.label, p.warna) for p in sorted(pita, key=lambda p: p.urutan)
        ),
    )


def renstra_untuk_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra whose period holds the year, else the latest that started before it."""
    qs = Renstra.objects.filter(pd=pd)
    return (
        qs.filter(tahun_mulai__lte=tahun, tahun_selesai__gte=tahun).order_by("-tahun_mulai").first()
        or qs.filter(tahun_mulai__lte=tahun).order_by("-tahun_mulai").first()
    )


def data_tahun(pd: PerangkatDaerah, tahun: int) -> DataTahun:
    kebijakan = KebijakanPerhitungan.objects.filter(pd=pd).select_related("skala_capaian").first()
    skala_obj = kebijakan.skala_capaian if kebijakan else SkalaPenilaian.objects.get(kode=SKALA_BAWAAN)
    skala = skala_dari_db(skala_obj, list(PitaSkala.objects.filter(skala=skala_obj)))
    renstra = renstra_untuk_tahun(pd, tahun)

    tujuan = list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "pk")) if renstra else []
    sasaran = (
        list(Sasaran.objects.filter(renstra=renstra).order_by("tujuan__urutan", "urutan", "pk")) if renstra else []
    )
    program = list(Program.objects.filter(pd=pd).order_by("urutan", "pk"))
    kegiatan = list(Kegiatan.objects.filter(program__pd=pd).order_by("program__urutan", "urutan", "pk"))
    sub_kegiatan = list(
        SubKegiatan.objects.filter(kegiatan__program__pd=pd)
        .select_related("unit_kerja")
        .order_by("kegiatan__program__urutan", "kegiatan__urutan", "urutan", "pk")
    )
    program_sasaran: dict[int, list[int]] = {}
    for program_id, sasaran_id in Program.sasaran.through.objects.filter(program__pd=pd).values_list(
        "program_id", "sasaran_id"
    ):
        program_sasaran.setdefault(program_id, []).append(sasaran_id)

    # Indicators in the order of the tree: tujuan, its sasaran; then program, kegiatan, sub kegiatan.
    posisi: dict[tuple[str, int], tuple] = {}
    for t in tujuan:
        posisi[("tujuan", t.pk)] = (0, t.urutan, t.pk, -1)
    for s in sasaran:
        t_pos = posisi.get(("tujuan", s.tujuan_id), (0, 0, 0, 0))
        posisi[("sasaran", s.pk)] = (0, t_pos[1], t_pos[2], s.urutan, s.pk)
    for n, p in enumerate(program):
        posisi[("program", p.pk)] = (1, n, -1)
    for n, k in enumerate(kegiatan):
        posisi[("kegiatan", k.pk)] = (1, posisi[("program", k.program_id)][1], n, -1)
    for n, sk in enumerate(sub_kegiatan):
        posisi[("sub_kegiatan", sk.pk)] = (1, *posisi[("kegiatan", sk.kegiatan_id)][1:3], n)

    berlaku = (Q(berlaku_dari__isnull=True) | Q(berlaku_dari__lte=tahun)) & (
        Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=tahun)
    )
    milik_renstra = Q(tujuan__renstra=renstra) | Q(sasaran__renstra=renstra) if renstra else Q(pk__in=[])
    indikator = list(
        Indikator.objects.only(
            "kode",
            "level",
            "iku",
            "polaritas",
            "akumulasi",
            "desimal",
            "urutan",
            "tujuan_id",
            "sasaran_id",
            "program_id",
            "kegiatan_id",
            "sub_kegiatan_id",
        ).filter(
            Q(pd=pd)
            & berlaku
            & (milik_renstra | Q(program__isnull=False) | Q(kegiatan__isnull=False) | Q(sub_kegiatan__isnull=False))
        )
    )

    def induk(i: Indikator) -> int:
        return i.tujuan_id or i.sasaran_id or i.program_id or i.kegiatan_id or i.sub_kegiatan_id  # type: ignore[return-value]

    indikator.sort(key=lambda i: (posisi.get((i.level, induk(i)), (9,)), i.urutan, i.pk))

    tahun_akhir = renstra.tahun_selesai if renstra else None
    target_renstra: dict[tuple[int, int], Nilai] = {
        (ind_id, th): Nilai(nilai, label)
        for ind_id, th, nilai, label in TargetIndikator.objects.filter(
            indikator__pd=pd, tahun__in={tahun, tahun_akhir} - {None}
        ).values_list("indikator_id", "tahun", "nilai", "label")
    }
    target_pk: dict[int, Nilai] = {}
    for ind_id, nilai, label in (
        TargetPK.objects.filter(pk_dokumen__pd=pd, pk_dokumen__tahun=tahun)
        .order_by("pk_dokumen__versi")
        .values_list("indikator_id", "nilai", "label")
    ):
        target_pk[ind_id] = Nilai(nilai, label)  # the highest version wins
    realisasi: dict[tuple[int, int], list[RealisasiData]] = {}
    for ind_id, th, tw, nilai, label, status, sumber in RealisasiKinerja.objects.filter(
        indikator__pd=pd, tahun__in=(tahun, tahun - 1)
    ).values_list("indikator_id", "tahun", "triwulan", "nilai", "label", "status", "tahun_sumber"):
        realisasi.setdefault((ind_id, th), []).append(RealisasiData(tw, nilai, label, status, sumber))

    data_indikator = []
    for i in indikator:
        akhir = target_renstra.get((i.pk, tahun_akhir)) if tahun_akhir else None
        data_indikator.append(
            IndikatorData(
                id=i.pk,
                kode=i.kode,
                level=i.level,
                induk_id=induk(i),
                iku=i.iku,
                polaritas=i.polaritas,
                akumulasi=i.akumulasi,
                desimal=i.desimal,
                target_renstra=target_renstra.get((i.pk, tahun)),
                target_pk=target_pk.get(i.pk),
                target_akhir=akhir.nilai if akhir else None,
                realisasi=tuple(realisasi.get((i.pk, tahun), ())),
                realisasi_lalu=tuple(realisasi.get((i.pk, tahun - 1), ())),
            )
        )

    pagu = tuple(
        BarisPagu(sk_id, rek, versi, jumlah)
        for sk_id, rek, versi, jumlah in PaguAnggaran.objects.filter(versi__pd=pd, versi__tahun=tahun)
        .order_by("versi__versi", "urutan", "pk")
        .values_list("sub_kegiatan_id", "rekening__kode", "versi__versi", "jumlah")
    )
    realisasi_anggaran = tuple(
        BarisRealisasiAnggaran(sk_id, rek, tw, jumlah)
        for sk_id, rek, tw, jumlah in RealisasiAnggaran.objects.filter(
            sub_kegiatan__kegiatan__program__pd=pd, tahun=tahun
        ).values_list("sub_kegiatan_id", "rekening__kode", "triwulan", "jumlah")
    )

    return DataTahun(
        pd_kode=pd.kode,
        tahun=tahun,
        skala=skala,
        batas_atas=kebijakan.batas_atas_capaian if kebijakan else None,
        efisiensi_tingkat=kebijakan.efisiensi_tingkat if kebijakan else "sasaran",
        efisiensi_hanya_capaian_100=kebijakan.efisiensi_hanya_capaian_100 if kebijakan else False,
        tahun_lalu_dihitung=kebijakan.tahun_lalu_dihitung if kebijakan else False,
        indikator=tuple(data_indikator),
        sasaran=tuple(SasaranData(s.pk, s.kode) for s in sasaran),
        program=tuple(ProgramData(p.pk, p.kode, tuple(program_sasaran.get(p.pk, ()))) for p in program),
        kegiatan=tuple(KegiatanData(k.pk, k.program_id, k.kode) for k in kegiatan),
        sub_kegiatan=tuple(
            SubKegiatanData(s.pk, s.kegiatan_id, s.kode, s.unit_kerja.kode if s.unit_kerja else None)
            for s in sub_kegiatan
        ),
        pagu=pagu,
        realisasi_anggaran=realisasi_anggaran,
    )


def hasil_tahun(pd: PerangkatDaerah, tahun: int) -> HasilTahun:
    """Every figure of the PD's year (the numbers of the LKjIP and of ``sakip-hasil/1``)."""
    return hitung_tahun(data_tahun(pd, tahun))


# --- years and quarters to navigate ----------------------------------------------------------------------


NAMA_TRIWULAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def label_triwulan(triwulan: int, tahun: int | None = None) -> str:
    """ "TW I", or "Triwulan I Tahun 2024" with the year."""
    if tahun is None:
        return _("TW %(tw)s") % {"tw": NAMA_TRIWULAN[triwulan]}
    return _("Triwulan %(tw)s Tahun %(tahun)s") % {"tw": NAMA_TRIWULAN[triwulan], "tahun": tahun}


def tahun_dengan_data(pd: PerangkatDaerah) -> list[int]:
    """Years the PD has a DPA, a PK or a realisation for (one query)."""
    tahun = (
        VersiAnggaran.objects.filter(pd=pd)
        .order_by()
        .values_list("tahun", flat=True)
        .union(
            PerjanjianKinerja.objects.filter(pd=pd).order_by().values_list("tahun", flat=True),
            RealisasiKinerja.objects.filter(indikator__pd=pd).order_by().values_list("tahun", flat=True),
        )
        .order_by()
    )
    return sorted(set(tahun))


def triwulan_navigasi(tahun: int) -> int:
    """The quarter the navigation's "Pelaporan triwulan" opens: the current one this year, else IV (or I ahead)."""
    hari_ini = timezone.localdate()
    if tahun == hari_ini.year:
        return (hari_ini.month - 1) // 3 + 1
    return 4 if tahun < hari_ini.year else 1


# --- the entry page of a unit's quarter ----------------------------------------------------------------------


@dataclass(frozen=True)
class BarisKinerja:
    indikator: Indikator
    target: Nilai | None
    target_ra: Nilai | None  # the rencana aksi target of this quarter
    per_triwulan: tuple[
        RealisasiKinerja | None, RealisasiKinerja | None, RealisasiKinerja | None, RealisasiKinerja | None
    ]
    tahunan: RealisasiKinerja | None  # an annual figure entered directly
    kumulatif: Nilai | None  # up to this quarter, by the indicator's akumulasi
    capaian: Decimal | None  # kumulatif against the annual target
    capaian_ra: Decimal | None  # kumulatif against the rencana aksi target of the quarter
    pakai_label: bool
    ini: RealisasiKinerja | None  # this quarter's row

    @property
    def html_id(self) -> str:
        return f"kinerja-{self.indikator.pk}"


@dataclass(frozen=True)
class BarisAnggaran:
    sub_kegiatan: SubKegiatan
    rekening: Rekening
    pagu: Decimal
    per_triwulan: tuple[
        RealisasiAnggaran | None, RealisasiAnggaran | None, RealisasiAnggaran | None, RealisasiAnggaran | None
    ]
    tahunan: Decimal  # amounts entered for the whole year (no quarter)
    kumulatif: Decimal  # spent up to and including this quarter
    sisa: Decimal
    serapan: Decimal | None
    ini: RealisasiAnggaran | None  # this quarter's row

    @property
    def html_id(self) -> str:
        return f"anggaran-{self.sub_kegiatan.pk}-{self.rekening.pk}"


@dataclass(frozen=True)
class BarisFisik:
    sub_kegiatan: SubKegiatan
    pagu: Decimal
    per_triwulan: tuple[RealisasiFisik | None, RealisasiFisik | None, RealisasiFisik | None, RealisasiFisik | None]
    ini: RealisasiFisik | None
    sebelumnya: RealisasiFisik | None  # the latest earlier quarter with a figure

    @property
    def html_id(self) -> str:
        return f"fisik-{self.sub_kegiatan.pk}"


@dataclass(frozen=True)
class EntriUnit:
    unit: UnitKerja
    tahun: int
    triwulan: int
    kinerja: tuple[BarisKinerja, ...]
    anggaran: tuple[BarisAnggaran, ...]
    fisik: tuple[BarisFisik, ...]
    pelaporan: PelaporanTriwulan | None
    dikunci: bool

    @property
    def tahap(self) -> str:
        if self.dikunci:
            return Tahap.DIKUNCI
        return self.pelaporan.tahap if self.pelaporan else Tahap.DRAF

    @property
    def dapat_diisi(self) -> bool:
        return self.tahap in (Tahap.DRAF, Tahap.DIKEMBALIKAN)


def _indikator_unit(unit: UnitKerja, tahun: int) -> QuerySet[Indikator]:
    berlaku = (Q(berlaku_dari__isnull=True) | Q(berlaku_dari__lte=tahun)) & (
        Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=tahun)
    )
    return (
        Indikator.objects.filter(berlaku, pd_id=unit.pd_id)
        .filter(Q(unit_kerja=unit) | Q(unit_kerja__isnull=True, sub_kegiatan__unit_kerja=unit))
        .select_related("sub_kegiatan", "kegiatan", "program", "sasaran", "tujuan", "skala_predikat")
    )


def baris_kinerja(
    unit: UnitKerja, tahun: int, triwulan: int, indikator_ids: list[int] | None = None
) -> list[BarisKinerja]:
    """The indicator rows of a unit's quarter (all of them, or the given ones), in a fixed number of queries."""
    qs = _indikator_unit(unit, tahun)
    if indikator_ids is not None:
        qs = qs.filter(pk__in=indikator_ids)
    indikator = sorted(qs, key=lambda i: (i.sub_kegiatan.kode if i.sub_kegiatan else "", i.urutan, i.pk))
    ids = [i.pk for i in indikator]
    target_renstra = {
        i: Nilai(n, lb)
        for i, n, lb in TargetIndikator.objects.filter(indikator_id__in=ids, tahun=tahun).values_list(
            "indikator_id", "nilai", "label"
        )
    }
    target_pk: dict[int, Nilai] = {}
    for i, n, lb in (
        TargetPK.objects.filter(indikator_id__in=ids, pk_dokumen__tahun=tahun)
        .order_by("pk_dokumen__versi")
        .values_list("indikator_id", "nilai", "label")
    ):
        target_pk[i] = Nilai(n, lb)
    ra = {
        i: Nilai(n, lb)
        for i, n, lb in RencanaAksi.objects.filter(indikator_id__in=ids, tahun=tahun, triwulan=triwulan).values_list(
            "indikator_id", "nilai", "label"
        )
    }
    realisasi: dict[int, list[RealisasiKinerja]] = {}
    for r in (
        RealisasiKinerja.objects.filter(indikator_id__in=ids, tahun=tahun)
        .select_related("updated_by")
        .prefetch_related("bukti")
    ):
        realisasi.setdefault(r.indikator_id, []).append(r)
    hasil = []
    for i in indikator:
        baris = realisasi.get(i.pk, [])
        per_tw: list[RealisasiKinerja | None] = [None, None, None, None]
        tahunan = None
        for r in baris:
            if r.triwulan is None:
                tahunan = r
            else:
                per_tw[r.triwulan - 1] = r
        kumulatif, _status, _parsial = realisasi_tahunan(
            [RealisasiData(r.triwulan, r.nilai, r.label, r.status, r.tahun_sumber) for r in baris if r.triwulan],
            akumulasi=i.akumulasi,
            sampai=triwulan,
        )
        target = target_pk.get(i.pk) or target_renstra.get(i.pk)
        angka = kumulatif.nilai if kumulatif else None
        hasil.append(
            BarisKinerja(
                indikator=i,
                target=target,
                target_ra=ra.get(i.pk),
                per_triwulan=tuple(per_tw),  # type: ignore[arg-type]
                tahunan=tahunan,
                kumulatif=kumulatif,
                capaian=hitung.progres(
                    realisasi_kumulatif=angka, target=target.nilai if target else None, polaritas=i.polaritas
                ),
                capaian_ra=hitung.progres(
                    realisasi_kumulatif=angka, target=ra[i.pk].nilai if i.pk in ra else None, polaritas=i.polaritas
                ),
                pakai_label=bool(i.skala_predikat_id or (target and target.label)),
                ini=per_tw[triwulan - 1],
            )
        )
    return hasil


def baris_anggaran(
    unit: UnitKerja, tahun: int, triwulan: int, kunci: tuple[int, int] | None = None
) -> list[BarisAnggaran]:
    """The money rows (sub kegiatan × account of the latest DPA) of a unit's quarter; ``kunci`` picks one."""
    versi = VersiAnggaran.objects.filter(pd_id=unit.pd_id, tahun=tahun).order_by("-versi").first()
    if versi is None:
        return []
    pagu = PaguAnggaran.objects.filter(versi=versi, sub_kegiatan__unit_kerja=unit).select_related(
        "sub_kegiatan__kegiatan", "rekening"
    )
    if kunci is not None:
        pagu = pagu.filter(sub_kegiatan_id=kunci[0], rekening_id=kunci[1])
    pagu = sorted(pagu, key=lambda b: (hitung.kunci_kode(b.sub_kegiatan.kode), hitung.kunci_kode(b.rekening.kode)))
    sub_ids = {b.sub_kegiatan_id for b in pagu}
    realisasi: dict[tuple[int, int], list[RealisasiAnggaran]] = {}
    for r in RealisasiAnggaran.objects.filter(sub_kegiatan_id__in=sub_ids, tahun=tahun).select_related("updated_by"):
        realisasi.setdefault((r.sub_kegiatan_id, r.rekening_id), []).append(r)
    hasil = []
    for b in pagu:
        per_tw: list[RealisasiAnggaran | None] = [None, None, None, None]
        tahunan = hitung.NOL
        for r in realisasi.get((b.sub_kegiatan_id, b.rekening_id), []):
            if r.triwulan is None:
                tahunan += r.jumlah
            else:
                per_tw[r.triwulan - 1] = r
        kumulatif = tahunan + sum((r.jumlah for r in per_tw[:triwulan] if r), hitung.NOL)
        hasil.append(
            BarisAnggaran(
                sub_kegiatan=b.sub_kegiatan,
                rekening=b.rekening,
                pagu=b.jumlah,
                per_triwulan=tuple(per_tw),  # type: ignore[arg-type]
                tahunan=tahunan,
                kumulatif=kumulatif,
                sisa=hitung.sisa(pagu=b.jumlah, realisasi=kumulatif),
                serapan=hitung.serapan(pagu=b.jumlah, realisasi=kumulatif),
                ini=per_tw[triwulan - 1],
            )
        )
    return hasil


def baris_fisik(
    unit: UnitKerja, tahun: int, triwulan: int, anggaran: list[BarisAnggaran], sub_id: int | None = None
) -> list[BarisFisik]:
    """Physical progress per sub kegiatan of the unit (cumulative %), weighted later by its pagu."""
    pagu: dict[int, Decimal] = {}
    sub: dict[int, SubKegiatan] = {}
    for b in anggaran:
        pagu[b.sub_kegiatan.pk] = pagu.get(b.sub_kegiatan.pk, hitung.NOL) + b.pagu
        sub[b.sub_kegiatan.pk] = b.sub_kegiatan
    if sub_id is not None:
        sub = {k: v for k, v in sub.items() if k == sub_id}
    fisik: dict[int, list[RealisasiFisik | None]] = {k: [None, None, None, None] for k in sub}
    for f in RealisasiFisik.objects.filter(sub_kegiatan_id__in=sub, tahun=tahun).select_related("updated_by"):
        fisik[f.sub_kegiatan_id][f.triwulan - 1] = f
    hasil = []
    for k in sub:
        tw = fisik[k]
        sebelumnya = next((f for f in reversed(tw[: triwulan - 1]) if f is not None), None)
        hasil.append(BarisFisik(sub[k], pagu[k], tuple(tw), tw[triwulan - 1], sebelumnya))  # type: ignore[arg-type]
    return hasil


def entri_unit(unit: UnitKerja, tahun: int, triwulan: int) -> EntriUnit:
    anggaran = baris_anggaran(unit, tahun, triwulan)
    return EntriUnit(
        unit=unit,
        tahun=tahun,
        triwulan=triwulan,
        kinerja=tuple(baris_kinerja(unit, tahun, triwulan)),
        anggaran=tuple(anggaran),
        fisik=tuple(baris_fisik(unit, tahun, triwulan, anggaran)),
        pelaporan=PelaporanTriwulan.objects.filter(unit_kerja=unit, tahun=tahun, triwulan=triwulan)
        .select_related("diajukan_oleh", "diverifikasi_oleh")
        .first(),
        dikunci=KunciTriwulan.objects.filter(pd_id=unit.pd_id, tahun=tahun, triwulan=triwulan, dikunci=True).exists(),
    )
