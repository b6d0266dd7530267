"""Reads that span models: a PD's year loaded as plain data for the calculation core.

:func:`data_tahun` runs a fixed number of queries whatever the size of the PD (pinned by a test at two sizes).
"""

from __future__ import annotations

from django.db.models import Q

from anggaran.models import PaguAnggaran, RealisasiAnggaran
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
)

from . import hitung
from .models import KebijakanPerhitungan, PitaSkala, RealisasiKinerja, SkalaPenilaian, TargetPK
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
