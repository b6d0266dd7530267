"""Writes one PD as a ``sakip-bundle/1`` document (BUNDLE.md §1).

The output is canonical: fields in the order of the spec, defaults written out, optional blocks only when they
hold something, lists in the stored order. So export → import into an empty database → export gives the same
document.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import F, Prefetch

from anggaran.models import AnggaranKas, PaguAnggaran, RealisasiAnggaran, RealisasiFisik, VersiAnggaran
from kinerja.models import (
    EvaluasiAkip,
    KebijakanPerhitungan,
    Pembanding,
    PerjanjianKinerja,
    RealisasiKinerja,
    RencanaAksi,
    StandarNasional,
)
from laporan.models import Laporan
from renstra.models import Indikator, Kegiatan, PerangkatDaerah, Program, Renstra, Sasaran, SubKegiatan, Tujuan

from .validasi import FORMAT


def angka_json(d: Decimal | None) -> int | float | str | None:
    """A Decimal as the plainest exact JSON: an int when whole, a float when its text round-trips, else a string."""
    if d is None:
        return None
    d = d.normalize()
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    if Decimal(repr(f)) == d:
        return f
    return format(d, "f")


def nilai_json(nilai: Decimal | None, label: str) -> Any:
    if label:
        return {"nilai": angka_json(nilai), "label": label}
    return angka_json(nilai)


def ekspor_bundle(pd: PerangkatDaerah) -> dict[str, Any]:
    pemda = pd.pemda
    doc: dict[str, Any] = {
        "format": FORMAT,
        "pemda": {"kode": pemda.kode, "nama": pemda.nama, "jenis": pemda.jenis},
    }
    if pemda.kepala_nama or pemda.kepala_jabatan:
        doc["pemda"]["kepala"] = {"nama": pemda.kepala_nama, "jabatan": pemda.kepala_jabatan}
    doc["perangkat_daerah"] = _tanpa_kosong(
        {"kode": pd.kode, "nama": pd.nama, "singkatan": pd.singkatan, "alamat": pd.alamat, "tempat": pd.tempat},
        wajib=("kode", "nama"),
    )
    units = list(pd.unit_kerja.select_related("induk").order_by("urutan", "kode"))
    doc["unit_kerja"] = [
        _tanpa_kosong(
            {"kode": u.kode, "nama": u.nama, "jenis": u.jenis, "induk": u.induk.kode if u.induk else None},
            wajib=("kode", "nama", "jenis"),
        )
        for u in units
    ]
    doc["pejabat"] = [
        _tanpa_kosong(
            {
                "kode": o.kode,
                "nama": o.nama,
                "gelar_depan": o.gelar_depan,
                "gelar_belakang": o.gelar_belakang,
                "nip": o.nip,
                "pangkat": o.pangkat,
                "golongan": o.golongan,
                "jabatan": o.jabatan,
                "unit_kerja": o.unit_kerja.kode if o.unit_kerja else None,
            },
            wajib=("kode", "nama", "jabatan"),
        )
        for o in pd.pejabat.select_related("unit_kerja").order_by("urutan", "kode")
    ]
    doc["kebijakan"] = _kebijakan(pd)

    indikator_qs = (
        Indikator.objects.filter(pd=pd)
        .select_related("unit_kerja", "skala_predikat")
        .prefetch_related("target", "menggantikan")
    )
    per_induk: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
    for ind in indikator_qs.order_by("urutan"):
        induk_id = ind.tujuan_id or ind.sasaran_id or ind.program_id or ind.kegiatan_id or ind.sub_kegiatan_id
        per_induk[(ind.level, induk_id)].append(ind)
    diekspor: set[int] = set()

    def indikator(level: str, induk_id: int) -> list[dict]:
        daftar = per_induk.get((level, induk_id), [])
        diekspor.update(i.pk for i in daftar)
        return [_indikator(i) for i in daftar]

    renstra = Renstra.objects.filter(pd=pd).order_by("-tahun_mulai").first()
    if renstra is not None:
        tujuan_qs = Tujuan.objects.filter(renstra=renstra).prefetch_related(
            "misi", Prefetch("sasaran", queryset=Sasaran.objects.order_by("urutan"))
        )
        doc["renstra"] = {
            "tahun_mulai": renstra.tahun_mulai,
            "tahun_selesai": renstra.tahun_selesai,
            "visi": renstra.visi,
            "misi": [{"kode": m.kode, "uraian": m.uraian} for m in renstra.misi.order_by("urutan")],
            "tujuan": [
                {
                    "kode": t.kode,
                    "uraian": t.uraian,
                    "misi": [m.kode for m in sorted(t.misi.all(), key=lambda m: m.urutan)],
                    "indikator": indikator("tujuan", t.pk),
                    "sasaran": [
                        {"kode": s.kode, "uraian": s.uraian, "indikator": indikator("sasaran", s.pk)}
                        for s in t.sasaran.all()
                    ],
                }
                for t in tujuan_qs.order_by("urutan")
            ],
        }
    else:
        doc["renstra"] = {"tahun_mulai": None, "tahun_selesai": None, "misi": [], "tujuan": []}

    programs = Program.objects.filter(pd=pd).prefetch_related(
        "sasaran",
        Prefetch(
            "kegiatan",
            queryset=Kegiatan.objects.order_by("urutan").prefetch_related(
                Prefetch("sub_kegiatan", queryset=SubKegiatan.objects.order_by("urutan").select_related("unit_kerja"))
            ),
        ),
    )
    doc["program"] = [
        {
            "kode": p.kode,
            "nama": p.nama,
            "sasaran": [s.kode for s in sorted(p.sasaran.all(), key=lambda s: s.urutan)],
            "indikator": indikator("program", p.pk),
            "kegiatan": [
                {
                    "kode": k.kode,
                    "nama": k.nama,
                    "indikator": indikator("kegiatan", k.pk),
                    "sub_kegiatan": [
                        _tanpa_kosong(
                            {
                                "kode": s.kode,
                                "nama": s.nama,
                                "unit_kerja": s.unit_kerja.kode if s.unit_kerja else None,
                                "indikator": indikator("sub_kegiatan", s.pk),
                            },
                            wajib=("kode", "nama", "indikator"),
                        )
                        for s in k.sub_kegiatan.all()
                    ],
                }
                for k in p.kegiatan.all()
            ],
        }
        for p in programs.order_by("urutan")
    ]
    doc["tahun"] = [_tahun(pd, th, diekspor) for th in _tahun_berdata(pd)]
    if pd.catatan_data:
        doc["catatan"] = list(pd.catatan_data)
    return doc


def ekspor_json(pd: PerangkatDaerah) -> str:
    return json.dumps(ekspor_bundle(pd), ensure_ascii=False, indent=1) + "\n"


def _tanpa_kosong(d: dict[str, Any], wajib: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k in wajib or (v is not None and v != "" and v != [])}


def _kebijakan(pd: PerangkatDaerah) -> dict[str, Any]:
    k = KebijakanPerhitungan.objects.filter(pd=pd).select_related("skala_capaian").first()
    if k is None:
        return {
            "skala_capaian": "permenpan-12-2015",
            "batas_atas_capaian": None,
            "efisiensi": {"tingkat": "sasaran", "hanya_capaian_100": False},
            "tahun_lalu_dihitung": False,
        }
    skala: Any = k.skala_capaian.kode
    if not k.skala_capaian.bawaan:
        skala = {
            "nama": k.skala_capaian.nama,
            "pita": [
                _tanpa_kosong(
                    {
                        "batas_bawah": angka_json(p.batas_bawah),
                        "termasuk": p.termasuk,
                        "label": p.label,
                        "warna": p.warna,
                    },
                    wajib=("batas_bawah", "termasuk", "label"),
                )
                for p in k.skala_capaian.pita.order_by("urutan")
            ],
        }
    return {
        "skala_capaian": skala,
        "batas_atas_capaian": angka_json(k.batas_atas_capaian),
        "efisiensi": {"tingkat": k.efisiensi_tingkat, "hanya_capaian_100": k.efisiensi_hanya_capaian_100},
        "tahun_lalu_dihitung": k.tahun_lalu_dihitung,
    }


def _indikator(i: Indikator) -> dict[str, Any]:
    d: dict[str, Any] = {
        "kode": i.kode,
        "uraian": i.uraian,
        "satuan": i.satuan,
        "desimal": i.desimal,
        "iku": i.iku,
        "polaritas": i.polaritas,
        "akumulasi": i.akumulasi,
    }
    if i.skala_predikat:
        d["skala_predikat"] = i.skala_predikat.kode
    for f in ("definisi_operasional", "formula", "sumber_data"):
        if getattr(i, f):
            d[f] = getattr(i, f)
    if i.unit_kerja:
        d["unit_kerja"] = i.unit_kerja.kode
    menggantikan = sorted(m.kode for m in i.menggantikan.all())
    if menggantikan:
        d["menggantikan"] = menggantikan
    if i.berlaku_dari is not None:
        d["berlaku"] = {"dari": i.berlaku_dari}
        if i.berlaku_sampai is not None:
            d["berlaku"]["sampai"] = i.berlaku_sampai
    if i.kondisi_awal_tahun is not None:
        d["kondisi_awal"] = {
            "tahun": i.kondisi_awal_tahun,
            "nilai": nilai_json(i.kondisi_awal_nilai, i.kondisi_awal_label),
        }
    d["target"] = {str(t.tahun): nilai_json(t.nilai, t.label) for t in sorted(i.target.all(), key=lambda t: t.tahun)}
    return d


def _tahun_berdata(pd: PerangkatDaerah) -> list[int]:
    tahun: set[int] = set()
    for qs in (
        PerjanjianKinerja.objects.filter(pd=pd),
        VersiAnggaran.objects.filter(pd=pd),
        RealisasiKinerja.objects.filter(indikator__pd=pd),
        RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd),
        RencanaAksi.objects.filter(indikator__pd=pd),
        AnggaranKas.objects.filter(sub_kegiatan__kegiatan__program__pd=pd),
        RealisasiFisik.objects.filter(sub_kegiatan__kegiatan__program__pd=pd),
        EvaluasiAkip.objects.filter(pd=pd),
        Pembanding.objects.filter(indikator__pd=pd),
        StandarNasional.objects.filter(indikator__pd=pd),
        Laporan.objects.filter(pd=pd),
    ):
        tahun.update(qs.values_list("tahun", flat=True).distinct())
    return sorted(tahun)


def _tahun(pd: PerangkatDaerah, tahun: int, diekspor: set[int]) -> dict[str, Any]:
    blok: dict[str, Any] = {"tahun": tahun}
    pks = (
        PerjanjianKinerja.objects.filter(pd=pd, tahun=tahun)
        .select_related("pihak_pertama")
        .prefetch_related("target__indikator", "anggaran_program__program")
    )
    blok["perjanjian_kinerja"] = []
    for pk in pks.order_by("versi"):
        d: dict[str, Any] = {"versi": pk.versi, "jenis": pk.jenis}
        if pk.tanggal:
            d["tanggal"] = pk.tanggal.isoformat()
        d["pihak_pertama"] = pk.pihak_pertama.kode
        d["pihak_kedua"] = {"nama": pk.pihak_kedua_nama, "jabatan": pk.pihak_kedua_jabatan}
        d["target"] = {
            t.indikator.kode: nilai_json(t.nilai, t.label)
            for t in sorted(pk.target.all(), key=lambda t: t.urutan)
            if t.indikator_id in diekspor
        }
        ap = sorted(pk.anggaran_program.all(), key=lambda a: a.program.urutan)
        if ap:
            d["anggaran_program"] = {a.program.kode: angka_json(a.jumlah) for a in ap}
        blok["perjanjian_kinerja"].append(d)

    ra: dict[str, list[Any]] = {}
    for r in (
        RencanaAksi.objects.filter(indikator__pd=pd, tahun=tahun, indikator_id__in=diekspor)
        .select_related("indikator")
        .order_by("indikator__urutan", "triwulan")
    ):
        ra.setdefault(r.indikator.kode, [None, None, None, None])[r.triwulan - 1] = nilai_json(r.nilai, r.label)
    if ra:
        blok["rencana_aksi"] = ra

    blok["anggaran"] = []
    for v in VersiAnggaran.objects.filter(pd=pd, tahun=tahun).order_by("versi"):
        a: dict[str, Any] = {"versi": v.versi}
        if v.tanggal:
            a["tanggal"] = v.tanggal.isoformat()
        a["pagu"] = [
            {
                "sub_kegiatan": b.sub_kegiatan.kode,
                "rekening": b.rekening.kode,
                "uraian_rekening": b.rekening.uraian,
                "jumlah": angka_json(b.jumlah),
            }
            for b in PaguAnggaran.objects.filter(versi=v)
            .select_related("sub_kegiatan", "rekening")
            .order_by("urutan", "pk")
        ]
        blok["anggaran"].append(a)
    kas = [
        {"sub_kegiatan": k.sub_kegiatan.kode, "triwulan": k.triwulan, "jumlah": angka_json(k.jumlah)}
        for k in AnggaranKas.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=tahun)
        .select_related("sub_kegiatan")
        .order_by(
            "sub_kegiatan__kegiatan__program__urutan",
            "sub_kegiatan__kegiatan__urutan",
            "sub_kegiatan__urutan",
            "triwulan",
        )
    ]
    if kas:
        blok["anggaran_kas"] = kas

    blok["realisasi_kinerja"] = []
    for r in (
        RealisasiKinerja.objects.filter(indikator__pd=pd, tahun=tahun, indikator_id__in=diekspor)
        .select_related("indikator")
        .order_by("indikator__urutan", "triwulan")
    ):
        d = {
            "indikator": r.indikator.kode,
            "triwulan": r.triwulan,
            "nilai": nilai_json(r.nilai, r.label),
            "status": r.status,
        }
        if r.tahun_sumber:
            d["tahun_sumber"] = r.tahun_sumber
        for f in ("catatan", "hambatan", "solusi"):
            if getattr(r, f):
                d[f] = getattr(r, f)
        blok["realisasi_kinerja"].append(d)
    blok["realisasi_kinerja"].sort(key=lambda d: (0 if d["triwulan"] is None else 1,))  # stable: annual first

    urut_sk = ("sub_kegiatan__kegiatan__program__urutan", "sub_kegiatan__kegiatan__urutan", "sub_kegiatan__urutan")
    blok["realisasi_anggaran"] = [
        {
            "sub_kegiatan": r.sub_kegiatan.kode,
            "rekening": r.rekening.kode,
            "triwulan": r.triwulan,
            "jumlah": angka_json(r.jumlah),
        }
        for r in RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=tahun)
        .select_related("sub_kegiatan", "rekening")
        .order_by(*urut_sk, "rekening__kode", F("triwulan").asc(nulls_first=True))
    ]
    fisik = [
        {"sub_kegiatan": f.sub_kegiatan.kode, "triwulan": f.triwulan, "persen": angka_json(f.persen)}
        for f in RealisasiFisik.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=tahun)
        .select_related("sub_kegiatan")
        .order_by(*urut_sk, "triwulan")
    ]
    if fisik:
        blok["realisasi_fisik"] = fisik

    ev = EvaluasiAkip.objects.filter(pd=pd, tahun=tahun).prefetch_related("komponen", "rekomendasi").first()
    if ev is not None:
        e: dict[str, Any] = {"tahun_dievaluasi": ev.tahun_dievaluasi, "evaluator": ev.evaluator}
        if ev.nilai is not None:
            e["nilai"] = angka_json(ev.nilai)
        e["komponen"] = [
            {"nama": k.nama, "bobot": angka_json(k.bobot), "nilai": angka_json(k.nilai)}
            for k in sorted(ev.komponen.all(), key=lambda k: k.urutan)
        ]
        e["rekomendasi"] = [
            _tanpa_kosong(
                {
                    "nomor": r.nomor,
                    "uraian": r.uraian,
                    "rencana_aksi": r.rencana_aksi,
                    "waktu": r.waktu,
                    "tindak_lanjut": r.tindak_lanjut,
                    "status": r.status,
                },
                wajib=("nomor", "uraian", "status"),
            )
            for r in sorted(ev.rekomendasi.all(), key=lambda r: r.nomor)
        ]
        blok["evaluasi_akip"] = e

    pembanding = [
        _tanpa_kosong(
            {
                "indikator": b.indikator.kode,
                "instansi": b.instansi,
                "nilai": nilai_json(b.nilai, b.label),
                "sumber": b.sumber,
            },
            wajib=("indikator", "instansi", "nilai"),
        )
        for b in Pembanding.objects.filter(indikator__pd=pd, tahun=tahun, indikator_id__in=diekspor)
        .select_related("indikator")
        .order_by("indikator__urutan", "instansi")
    ]
    if pembanding:
        blok["pembanding"] = pembanding
    standar = [
        _tanpa_kosong(
            {"indikator": b.indikator.kode, "nilai": nilai_json(b.nilai, b.label), "sumber": b.sumber},
            wajib=("indikator", "nilai"),
        )
        for b in StandarNasional.objects.filter(indikator__pd=pd, tahun=tahun, indikator_id__in=diekspor)
        .select_related("indikator")
        .order_by("indikator__urutan")
    ]
    if standar:
        blok["standar_nasional"] = standar

    lap = Laporan.objects.filter(pd=pd, tahun=tahun).select_related("penandatangan").prefetch_related("narasi").first()
    if lap is not None:
        narasi = {n.kunci: n.teks for n in sorted(lap.narasi.all(), key=lambda n: n.kunci)}
        if narasi:
            blok["narasi"] = narasi
        info = _tanpa_kosong(
            {
                "penandatangan": lap.penandatangan.kode if lap.penandatangan else None,
                "tempat": lap.tempat,
                "tanggal": lap.tanggal.isoformat() if lap.tanggal else None,
            },
            wajib=(),
        )
        if info:
            blok["laporan"] = info
    return blok
