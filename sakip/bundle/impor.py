"""Writes a validated ``sakip-bundle/1`` into the database in one transaction.

Rows are matched by their codes (and year, quarter, version): a row that exists and holds the same values is
left alone, so importing the same bundle twice changes nothing and writes no history. New rows are created in
bulk and changed rows updated in bulk, both through simple-history so the audit trail records the import.
Rows that the bundle does not mention are kept.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from anggaran.models import AnggaranKas, PaguAnggaran, RealisasiAnggaran, RealisasiFisik, Rekening, VersiAnggaran
from kinerja.models import (
    AnggaranProgramPK,
    EvaluasiAkip,
    KebijakanPerhitungan,
    KomponenAkip,
    Pembanding,
    PerjanjianKinerja,
    PitaSkala,
    RealisasiKinerja,
    RekomendasiAkip,
    RencanaAksi,
    SkalaPenilaian,
    StandarNasional,
    TargetPK,
)
from laporan.models import Laporan, NarasiLaporan
from renstra.models import (
    Indikator,
    Kegiatan,
    Misi,
    Pejabat,
    Pemda,
    PerangkatDaerah,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
    UnitKerja,
)

from .baca import JsonDitolak, baca_json  # noqa: F401 (the loader's home is baca.py)
from .validasi import HasilPemeriksaan, Nilai, periksa_bundle

ALASAN = "Impor bundle sakip-bundle/1"


def kode_skala_kustom(pd: PerangkatDaerah, nama: str) -> str:
    """The key of a PD's own rating scale: its name and its PD (pemda and code), so the same name in another PD or
    another pemda is another scale whose bands an import of that PD cannot overwrite. Stable across databases, so
    importing the same bundle twice finds the same scale."""
    sidik = hashlib.sha256(f"{pd.pemda.kode}/{pd.kode}".encode()).hexdigest()[:10]
    return f"{slugify(nama)[:49] or 'skala'}-{sidik}"


class ImporGagal(Exception):
    """The bundle cannot be imported; the message lists the problems."""

    def __init__(self, pesan: str, hasil: HasilPemeriksaan | None = None) -> None:
        super().__init__(pesan)
        self.hasil = hasil


@dataclass
class RingkasanImpor:
    pd_kode: str
    dibuat: Counter = field(default_factory=Counter)
    diubah: Counter = field(default_factory=Counter)
    sama: Counter = field(default_factory=Counter)

    @property
    def ada_perubahan(self) -> bool:
        return bool(sum(self.dibuat.values()) or sum(self.diubah.values()))


def skala_dikenal() -> set[str]:
    return set(SkalaPenilaian.objects.values_list("kode", flat=True))


def periksa(doc: Any) -> HasilPemeriksaan:
    """Validate against the scales this installation knows (plus a custom scale the bundle itself defines)."""
    dikenal = skala_dikenal()
    keb = doc.get("kebijakan") if isinstance(doc, dict) else None
    if isinstance(keb, dict) and isinstance(keb.get("skala_capaian"), dict):
        nama = keb["skala_capaian"].get("nama")
        if isinstance(nama, str):
            dikenal.add(nama)
    return periksa_bundle(doc, skala_dikenal=dikenal)


def bundle_import(*, doc: Any, user=None, dry_run: bool = False) -> tuple[HasilPemeriksaan, RingkasanImpor | None]:
    """Validate then import. With ``dry_run`` (or any error) nothing is written."""
    hasil = periksa(doc)
    if not hasil.sah or dry_run:
        return hasil, None
    assert hasil.bundle is not None
    with transaction.atomic():
        ringkasan = _Pengimpor(user).jalankan(hasil.bundle)
    return hasil, ringkasan


def _sama(lama: Any, baru: Any) -> bool:
    if isinstance(lama, Decimal) or isinstance(baru, Decimal):
        if lama is None or baru is None:
            return lama is baru
        return Decimal(lama) == Decimal(baru)
    return lama == baru


class _Pengimpor:
    def __init__(self, user) -> None:
        self.user = user
        self.r: RingkasanImpor | None = None

    # --- the one upsert mechanism --------------------------------------------------------------------------

    def sinkron(
        self,
        model: type[models.Model],
        ada: dict[Hashable, models.Model],
        baris: Iterable[tuple[Hashable, dict[str, Any]]],
    ) -> dict[Hashable, models.Model]:
        """Create or update rows of ``model`` keyed like ``ada`` (the existing rows); returns the key map."""
        assert self.r is not None
        baru: list[models.Model] = []
        ubah: list[models.Model] = []
        kolom_ubah: set[str] = set()
        nama = model._meta.model_name
        for kunci, nilai in baris:
            obj = ada.get(kunci)
            if obj is None:
                obj = model(**nilai)
                baru.append(obj)
                ada[kunci] = obj
                continue
            beda = [f for f, v in nilai.items() if not _sama(getattr(obj, f), v)]
            if beda:
                for f in beda:
                    setattr(obj, f, nilai[f])
                ubah.append(obj)
                kolom_ubah.update(beda)
            else:
                self.r.sama[nama] += 1
        if baru:
            dibuat = bulk_create_with_history(
                baru, model, batch_size=500, default_user=self.user, default_change_reason=ALASAN
            )
            if any(o.pk is None for o in dibuat):  # backends that return no ids: read them back
                raise ImporGagal(_("Basis data tidak mengembalikan id baris baru."))
            self.r.dibuat[nama] += len(baru)
        if ubah:
            bulk_update_with_history(
                ubah,
                model,
                fields=sorted(kolom_ubah),
                batch_size=500,
                default_user=self.user,
                default_change_reason=ALASAN,
            )
            self.r.diubah[nama] += len(ubah)
        return ada

    def set_m2m(self, obj: models.Model, nama: str, target_ids: set[int]) -> None:
        assert self.r is not None
        rel = getattr(obj, nama)
        if set(rel.values_list("pk", flat=True)) != target_ids:
            rel.set(target_ids)
            self.r.diubah[f"{obj._meta.model_name}.{nama}"] += 1

    # --- the walk ------------------------------------------------------------------------------------------

    def jalankan(self, b: dict[str, Any]) -> RingkasanImpor:
        self.r = RingkasanImpor(pd_kode=b["perangkat_daerah"]["kode"])
        pm = b["pemda"]
        pemda = self.sinkron(
            Pemda,
            {o.kode: o for o in Pemda.objects.filter(kode=pm["kode"])},
            [
                (
                    pm["kode"],
                    {
                        "kode": pm["kode"],
                        "nama": pm["nama"],
                        "jenis": pm["jenis"],
                        "kepala_nama": pm["kepala_nama"],
                        "kepala_jabatan": pm["kepala_jabatan"],
                    },
                )
            ],
        )[pm["kode"]]

        d = b["perangkat_daerah"]
        # a PD is its pemda and its code: another pemda's PD with the same code is another PD
        ada_pd = {o.kode: o for o in PerangkatDaerah.objects.filter(pemda=pemda, kode=d["kode"])}
        pd = self.sinkron(
            PerangkatDaerah,
            ada_pd,
            [
                (
                    d["kode"],
                    {
                        "pemda_id": pemda.pk,
                        "kode": d["kode"],
                        "nama": d["nama"],
                        "singkatan": d["singkatan"],
                        "alamat": d["alamat"],
                        "tempat": d["tempat"],
                        "catatan_data": b["catatan"],
                    },
                )
            ],
        )[d["kode"]]

        unit = self._unit(pd, b["unit_kerja"])
        pejabat = self.sinkron(
            Pejabat,
            {o.kode: o for o in Pejabat.objects.filter(pd=pd)},
            [
                (
                    o["kode"],
                    {
                        "pd_id": pd.pk,
                        "kode": o["kode"],
                        "nama": o["nama"],
                        "gelar_depan": o["gelar_depan"],
                        "gelar_belakang": o["gelar_belakang"],
                        "nip": o["nip"],
                        "pangkat": o["pangkat"],
                        "golongan": o["golongan"],
                        "jabatan": o["jabatan"],
                        "urutan": i,
                        "unit_kerja_id": unit[o["unit_kerja"]].pk if o["unit_kerja"] else None,
                    },
                )
                for i, o in enumerate(b["pejabat"])
            ],
        )
        skala = self._kebijakan(pd, b["kebijakan"])
        sasaran, indikator_baris = self._renstra(pd, b["renstra"])
        indikator_baris += self._program(pd, b["program"], sasaran, unit)
        indikator = self._indikator(pd, indikator_baris, unit, skala)
        sub_kegiatan = {o.kode: o for o in SubKegiatan.objects.filter(kegiatan__program__pd=pd)}
        program = {o.kode: o for o in Program.objects.filter(pd=pd)}
        for blok in b["tahun"]:
            self._tahun(pd, blok, indikator, sub_kegiatan, program, pejabat)
        return self.r

    def _unit(self, pd: PerangkatDaerah, units: list[dict]) -> dict[str, UnitKerja]:
        ada = {o.kode: o for o in UnitKerja.objects.filter(pd=pd)}
        # parents first, so that every induk has an id when its children are written
        urut = _topologis(units)
        for lapis in urut:
            self.sinkron(
                UnitKerja,
                ada,
                [
                    (
                        u["kode"],
                        {
                            "pd_id": pd.pk,
                            "kode": u["kode"],
                            "nama": u["nama"],
                            "jenis": u["jenis"],
                            "urutan": u["_urutan"],
                            "induk_id": ada[u["induk"]].pk if u["induk"] else None,
                        },
                    )
                    for u in lapis
                ],
            )
        return ada

    def _kebijakan(self, pd: PerangkatDaerah, k: dict) -> dict[str, SkalaPenilaian]:
        skala = {o.kode: o for o in SkalaPenilaian.objects.all()}
        kode_capaian = k["skala_capaian"]
        if k["skala_kustom"]:
            kustom = k["skala_kustom"]
            lama = skala.get(slugify(kustom["nama"])[:60])
            if lama is not None and lama.bawaan:
                raise ImporGagal(
                    _('Skala "%(nama)s" memakai nama skala bawaan; beri nama lain.') % {"nama": kustom["nama"]}
                )
            kode_capaian = kode_skala_kustom(pd, kustom["nama"])
            obj = self.sinkron(
                SkalaPenilaian, skala, [(kode_capaian, {"kode": kode_capaian, "nama": kustom["nama"], "bawaan": False})]
            )[kode_capaian]
            self.sinkron(
                PitaSkala,
                {o.urutan: o for o in PitaSkala.objects.filter(skala=obj)},
                [
                    (
                        i,
                        {
                            "skala_id": obj.pk,
                            "urutan": i,
                            "batas_bawah": p["batas_bawah"],
                            "termasuk": p["termasuk"],
                            "label": p["label"],
                            "warna": p["warna"],
                        },
                    )
                    for i, p in enumerate(kustom["pita"], start=1)
                ],
            )
            PitaSkala.objects.filter(skala=obj, urutan__gt=len(kustom["pita"])).delete()
        self.sinkron(
            KebijakanPerhitungan,
            {o.pd_id: o for o in KebijakanPerhitungan.objects.filter(pd=pd)},
            [
                (
                    pd.pk,
                    {
                        "pd_id": pd.pk,
                        "skala_capaian_id": skala[kode_capaian].pk,
                        "batas_atas_capaian": k["batas_atas_capaian"],
                        "efisiensi_tingkat": k["efisiensi_tingkat"],
                        "efisiensi_hanya_capaian_100": k["efisiensi_hanya_capaian_100"],
                        "tahun_lalu_dihitung": k["tahun_lalu_dihitung"],
                    },
                )
            ],
        )
        return skala

    def _renstra(self, pd: PerangkatDaerah, rs: dict) -> tuple[dict[str, Sasaran], list[tuple[dict, dict]]]:
        renstra = self.sinkron(
            Renstra,
            {o.tahun_mulai: o for o in Renstra.objects.filter(pd=pd)},
            [
                (
                    rs["tahun_mulai"],
                    {
                        "pd_id": pd.pk,
                        "tahun_mulai": rs["tahun_mulai"],
                        "tahun_selesai": rs["tahun_selesai"],
                        "visi": rs["visi"],
                    },
                )
            ],
        )[rs["tahun_mulai"]]
        misi = self.sinkron(
            Misi,
            {o.kode: o for o in Misi.objects.filter(renstra=renstra)},
            [
                (m["kode"], {"renstra_id": renstra.pk, "kode": m["kode"], "uraian": m["uraian"], "urutan": i})
                for i, m in enumerate(rs["misi"])
            ],
        )
        tujuan = self.sinkron(
            Tujuan,
            {o.kode: o for o in Tujuan.objects.filter(renstra=renstra)},
            [
                (t["kode"], {"renstra_id": renstra.pk, "kode": t["kode"], "uraian": t["uraian"], "urutan": i})
                for i, t in enumerate(rs["tujuan"])
            ],
        )
        for t in rs["tujuan"]:
            self.set_m2m(tujuan[t["kode"]], "misi", {misi[m].pk for m in t["misi"]})
        urutan = 0
        baris_sasaran = []
        for t in rs["tujuan"]:
            for s in t["sasaran"]:
                baris_sasaran.append(
                    (
                        s["kode"],
                        {
                            "renstra_id": renstra.pk,
                            "tujuan_id": tujuan[t["kode"]].pk,
                            "kode": s["kode"],
                            "uraian": s["uraian"],
                            "urutan": urutan,
                        },
                    )
                )
                urutan += 1
        sasaran = self.sinkron(Sasaran, {o.kode: o for o in Sasaran.objects.filter(renstra=renstra)}, baris_sasaran)
        indikator: list[tuple[dict, dict]] = []
        for t in rs["tujuan"]:
            indikator += [(i, {"tujuan_id": tujuan[t["kode"]].pk}) for i in t["indikator"]]
            for s in t["sasaran"]:
                indikator += [(i, {"sasaran_id": sasaran[s["kode"]].pk}) for i in s["indikator"]]
        return sasaran, indikator

    def _program(
        self, pd: PerangkatDaerah, programs: list[dict], sasaran: dict[str, Sasaran], unit: dict[str, UnitKerja]
    ) -> list[tuple[dict, dict]]:
        program = self.sinkron(
            Program,
            {o.kode: o for o in Program.objects.filter(pd=pd)},
            [
                (p["kode"], {"pd_id": pd.pk, "kode": p["kode"], "nama": p["nama"], "urutan": i})
                for i, p in enumerate(programs)
            ],
        )
        for p in programs:
            self.set_m2m(program[p["kode"]], "sasaran", {sasaran[s].pk for s in p["sasaran"]})
        kegiatan = self.sinkron(
            Kegiatan,
            {(o.program_id, o.kode): o for o in Kegiatan.objects.filter(program__pd=pd)},
            [
                (
                    (program[p["kode"]].pk, k["kode"]),
                    {"program_id": program[p["kode"]].pk, "kode": k["kode"], "nama": k["nama"], "urutan": i},
                )
                for p in programs
                for i, k in enumerate(p["kegiatan"])
            ],
        )
        baris_sub = []
        for p in programs:
            for k in p["kegiatan"]:
                keg = kegiatan[(program[p["kode"]].pk, k["kode"])]
                for i, s in enumerate(k["sub_kegiatan"]):
                    baris_sub.append(
                        (
                            (keg.pk, s["kode"]),
                            {
                                "kegiatan_id": keg.pk,
                                "kode": s["kode"],
                                "nama": s["nama"],
                                "urutan": i,
                                "unit_kerja_id": unit[s["unit_kerja"]].pk if s["unit_kerja"] else None,
                            },
                        )
                    )
        sub = self.sinkron(
            SubKegiatan,
            {(o.kegiatan_id, o.kode): o for o in SubKegiatan.objects.filter(kegiatan__program__pd=pd)},
            baris_sub,
        )
        indikator: list[tuple[dict, dict]] = []
        for p in programs:
            indikator += [(i, {"program_id": program[p["kode"]].pk}) for i in p["indikator"]]
            for k in p["kegiatan"]:
                keg = kegiatan[(program[p["kode"]].pk, k["kode"])]
                indikator += [(i, {"kegiatan_id": keg.pk}) for i in k["indikator"]]
                for s in k["sub_kegiatan"]:
                    indikator += [(i, {"sub_kegiatan_id": sub[(keg.pk, s["kode"])].pk}) for i in s["indikator"]]
        return indikator

    def _indikator(
        self,
        pd: PerangkatDaerah,
        baris: list[tuple[dict, dict]],
        unit: dict[str, UnitKerja],
        skala: dict[str, SkalaPenilaian],
    ) -> dict[str, Indikator]:
        induk_kosong = {
            "tujuan_id": None,
            "sasaran_id": None,
            "program_id": None,
            "kegiatan_id": None,
            "sub_kegiatan_id": None,
        }
        data = []
        for urutan, (i, induk) in enumerate(baris):
            ka = i["kondisi_awal"]
            data.append(
                (
                    i["kode"],
                    {
                        "pd_id": pd.pk,
                        "kode": i["kode"],
                        "uraian": i["uraian"],
                        "satuan": i["satuan"],
                        "desimal": i["desimal"],
                        "iku": i["iku"],
                        "polaritas": i["polaritas"],
                        "akumulasi": i["akumulasi"],
                        "skala_predikat_id": skala[i["skala_predikat"]].pk if i["skala_predikat"] else None,
                        "definisi_operasional": i["definisi_operasional"],
                        "formula": i["formula"],
                        "sumber_data": i["sumber_data"],
                        "unit_kerja_id": unit[i["unit_kerja"]].pk if i["unit_kerja"] else None,
                        "berlaku_dari": i["berlaku"]["dari"],
                        "berlaku_sampai": i["berlaku"]["sampai"],
                        "kondisi_awal_tahun": ka["tahun"] if ka else None,
                        "kondisi_awal_nilai": ka["nilai"].nilai if ka and ka["nilai"] else None,
                        "kondisi_awal_label": ka["nilai"].label if ka and ka["nilai"] else "",
                        "level": i["level"],
                        "urutan": urutan,
                        **induk_kosong,
                        **induk,
                    },
                )
            )
        indikator = self.sinkron(Indikator, {o.kode: o for o in Indikator.objects.filter(pd=pd)}, data)
        for i, _induk in baris:
            self.set_m2m(indikator[i["kode"]], "menggantikan", {indikator[k].pk for k in i["menggantikan"]})
        self.sinkron(
            TargetIndikator,
            {(o.indikator_id, o.tahun): o for o in TargetIndikator.objects.filter(indikator__pd=pd)},
            [
                ((indikator[i["kode"]].pk, th), {"indikator_id": indikator[i["kode"]].pk, "tahun": th, **_nilai(n)})
                for i, _induk in baris
                for th, n in sorted(i["target"].items())
            ],
        )
        return indikator

    def _tahun(
        self,
        pd: PerangkatDaerah,
        blok: dict,
        indikator: dict[str, Indikator],
        sub_kegiatan: dict[str, SubKegiatan],
        program: dict[str, Program],
        pejabat: dict[str, Pejabat],
    ) -> None:
        tahun = blok["tahun"]
        pk = self.sinkron(
            PerjanjianKinerja,
            {o.versi: o for o in PerjanjianKinerja.objects.filter(pd=pd, tahun=tahun)},
            [
                (
                    p["versi"],
                    {
                        "pd_id": pd.pk,
                        "tahun": tahun,
                        "versi": p["versi"],
                        "jenis": p["jenis"],
                        "tanggal": p["tanggal"],
                        "pihak_pertama_id": pejabat[p["pihak_pertama"]].pk,
                        "pihak_kedua_nama": p["pihak_kedua_nama"],
                        "pihak_kedua_jabatan": p["pihak_kedua_jabatan"],
                    },
                )
                for p in blok["perjanjian_kinerja"]
            ],
        )
        self.sinkron(
            TargetPK,
            {
                (o.pk_dokumen_id, o.indikator_id): o
                for o in TargetPK.objects.filter(pk_dokumen__pd=pd, pk_dokumen__tahun=tahun)
            },
            [
                (
                    (pk[p["versi"]].pk, indikator[k].pk),
                    {"pk_dokumen_id": pk[p["versi"]].pk, "indikator_id": indikator[k].pk, "urutan": u, **_nilai(n)},
                )
                for p in blok["perjanjian_kinerja"]
                for u, (k, n) in enumerate(p["target"].items())
            ],
        )
        self.sinkron(
            AnggaranProgramPK,
            {
                (o.pk_dokumen_id, o.program_id): o
                for o in AnggaranProgramPK.objects.filter(pk_dokumen__pd=pd, pk_dokumen__tahun=tahun)
            },
            [
                (
                    (pk[p["versi"]].pk, program[k].pk),
                    {"pk_dokumen_id": pk[p["versi"]].pk, "program_id": program[k].pk, "jumlah": j},
                )
                for p in blok["perjanjian_kinerja"]
                for k, j in p["anggaran_program"].items()
            ],
        )
        self.sinkron(
            RencanaAksi,
            {(o.indikator_id, o.triwulan): o for o in RencanaAksi.objects.filter(indikator__pd=pd, tahun=tahun)},
            [
                ((indikator[k].pk, tw), {"indikator_id": indikator[k].pk, "tahun": tahun, "triwulan": tw, **_nilai(n)})
                for k, daftar in blok["rencana_aksi"].items()
                for tw, n in enumerate(daftar, start=1)
                if n is not None
            ],
        )

        rekening = self._rekening(blok)
        versi = self.sinkron(
            VersiAnggaran,
            {o.versi: o for o in VersiAnggaran.objects.filter(pd=pd, tahun=tahun)},
            [
                (a["versi"], {"pd_id": pd.pk, "tahun": tahun, "versi": a["versi"], "tanggal": a["tanggal"]})
                for a in blok["anggaran"]
            ],
        )
        self.sinkron(
            PaguAnggaran,
            {
                (o.versi_id, o.sub_kegiatan_id, o.rekening_id): o
                for o in PaguAnggaran.objects.filter(versi__pd=pd, versi__tahun=tahun)
            },
            [
                (
                    (versi[a["versi"]].pk, sub_kegiatan[b["sub_kegiatan"]].pk, rekening[b["rekening"]].pk),
                    {
                        "versi_id": versi[a["versi"]].pk,
                        "sub_kegiatan_id": sub_kegiatan[b["sub_kegiatan"]].pk,
                        "rekening_id": rekening[b["rekening"]].pk,
                        "jumlah": b["jumlah"],
                        "urutan": u,
                    },
                )
                for a in blok["anggaran"]
                for u, b in enumerate(a["pagu"])
            ],
        )
        self.sinkron(
            AnggaranKas,
            {
                (o.sub_kegiatan_id, o.triwulan): o
                for o in AnggaranKas.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=tahun)
            },
            [
                (
                    (sub_kegiatan[k["sub_kegiatan"]].pk, k["triwulan"]),
                    {
                        "sub_kegiatan_id": sub_kegiatan[k["sub_kegiatan"]].pk,
                        "tahun": tahun,
                        "triwulan": k["triwulan"],
                        "jumlah": k["jumlah"],
                    },
                )
                for k in blok["anggaran_kas"]
            ],
        )
        self._realisasi_kinerja(pd, tahun, blok, indikator)
        self._realisasi_anggaran(pd, tahun, blok, sub_kegiatan, rekening)
        self.sinkron(
            RealisasiFisik,
            {
                (o.sub_kegiatan_id, o.triwulan): o
                for o in RealisasiFisik.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=tahun)
            },
            [
                (
                    (sub_kegiatan[f["sub_kegiatan"]].pk, f["triwulan"]),
                    {
                        "sub_kegiatan_id": sub_kegiatan[f["sub_kegiatan"]].pk,
                        "tahun": tahun,
                        "triwulan": f["triwulan"],
                        "persen": f["persen"],
                    },
                )
                for f in blok["realisasi_fisik"]
            ],
        )
        if blok["evaluasi_akip"]:
            self._evaluasi(pd, tahun, blok["evaluasi_akip"])
        self.sinkron(
            Pembanding,
            {(o.indikator_id, o.instansi): o for o in Pembanding.objects.filter(indikator__pd=pd, tahun=tahun)},
            [
                (
                    (indikator[b["indikator"]].pk, b["instansi"]),
                    {
                        "indikator_id": indikator[b["indikator"]].pk,
                        "tahun": tahun,
                        "instansi": b["instansi"],
                        **_nilai(b["nilai"]),
                        "sumber": b["sumber"],
                    },
                )
                for b in blok["pembanding"]
            ],
        )
        self.sinkron(
            StandarNasional,
            {o.indikator_id: o for o in StandarNasional.objects.filter(indikator__pd=pd, tahun=tahun)},
            [
                (
                    indikator[b["indikator"]].pk,
                    {
                        "indikator_id": indikator[b["indikator"]].pk,
                        "tahun": tahun,
                        **_nilai(b["nilai"]),
                        "sumber": b["sumber"],
                    },
                )
                for b in blok["standar_nasional"]
            ],
        )
        if blok["laporan"] or blok["narasi"]:
            lap = blok["laporan"] or {"penandatangan": None, "tempat": "", "tanggal": None}
            laporan = self.sinkron(
                Laporan,
                {o.tahun: o for o in Laporan.objects.filter(pd=pd, tahun=tahun)},
                [
                    (
                        tahun,
                        {
                            "pd_id": pd.pk,
                            "tahun": tahun,
                            "penandatangan_id": pejabat[lap["penandatangan"]].pk if lap["penandatangan"] else None,
                            "tempat": lap["tempat"],
                            "tanggal": lap["tanggal"],
                        },
                    )
                ],
            )[tahun]
            self.sinkron(
                NarasiLaporan,
                {o.kunci: o for o in NarasiLaporan.objects.filter(laporan=laporan)},
                [(k, {"laporan_id": laporan.pk, "kunci": k, "teks": t}) for k, t in blok["narasi"].items()],
            )

    def _realisasi_kinerja(self, pd: PerangkatDaerah, tahun: int, blok: dict, indikator: dict[str, Indikator]) -> None:
        ada = {(o.indikator_id, o.triwulan): o for o in RealisasiKinerja.objects.filter(indikator__pd=pd, tahun=tahun)}
        baris = []
        for r in blok["realisasi_kinerja"]:
            kunci = (indikator[r["indikator"]].pk, r["triwulan"])
            nilai = {
                "indikator_id": kunci[0],
                "tahun": tahun,
                "triwulan": r["triwulan"],
                **_nilai(r["nilai"]),
                "status": r["status"],
                "tahun_sumber": r["tahun_sumber"],
                "catatan": r["catatan"],
                "hambatan": r["hambatan"],
                "solusi": r["solusi"],
            }
            if kunci not in ada:
                nilai["updated_by"] = self.user
            baris.append((kunci, nilai))
        self.sinkron(RealisasiKinerja, ada, baris)

    def _realisasi_anggaran(
        self,
        pd: PerangkatDaerah,
        tahun: int,
        blok: dict,
        sub_kegiatan: dict[str, SubKegiatan],
        rekening: dict[str, Rekening],
    ) -> None:
        ada = {
            (o.sub_kegiatan_id, o.rekening_id, o.triwulan): o
            for o in RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=tahun)
        }
        baris = []
        for r in blok["realisasi_anggaran"]:
            kunci = (sub_kegiatan[r["sub_kegiatan"]].pk, rekening[r["rekening"]].pk, r["triwulan"])
            nilai = {
                "sub_kegiatan_id": kunci[0],
                "rekening_id": kunci[1],
                "tahun": tahun,
                "triwulan": r["triwulan"],
                "jumlah": r["jumlah"],
            }
            if kunci not in ada:
                nilai["updated_by"] = self.user
            baris.append((kunci, nilai))
        self.sinkron(RealisasiAnggaran, ada, baris)

    def _rekening(self, blok: dict) -> dict[str, Rekening]:
        """Account codes used this year; unknown codes join the chart with the bundle's name (or the code)."""
        nama: dict[str, str] = {}
        for a in blok["anggaran"]:
            for b in a["pagu"]:
                nama.setdefault(b["rekening"], "")
                if b["uraian_rekening"]:
                    nama[b["rekening"]] = b["uraian_rekening"]
        for r in blok["realisasi_anggaran"]:
            nama.setdefault(r["rekening"], "")
        ada = {o.kode: o for o in Rekening.objects.filter(kode__in=nama)}
        return self.sinkron(
            Rekening,
            ada,
            [(k, {"kode": k, "uraian": u or (ada[k].uraian if k in ada else k)}) for k, u in nama.items()],
        )

    def _evaluasi(self, pd: PerangkatDaerah, tahun: int, e: dict) -> None:
        ev = self.sinkron(
            EvaluasiAkip,
            {o.tahun: o for o in EvaluasiAkip.objects.filter(pd=pd, tahun=tahun)},
            [
                (
                    tahun,
                    {
                        "pd_id": pd.pk,
                        "tahun": tahun,
                        "tahun_dievaluasi": e["tahun_dievaluasi"],
                        "evaluator": e["evaluator"],
                        "nilai": e["nilai"],
                    },
                )
            ],
        )[tahun]
        self.sinkron(
            KomponenAkip,
            {o.urutan: o for o in KomponenAkip.objects.filter(evaluasi=ev)},
            [
                (u, {"evaluasi_id": ev.pk, "urutan": u, "nama": k["nama"], "bobot": k["bobot"], "nilai": k["nilai"]})
                for u, k in enumerate(e["komponen"], start=1)
            ],
        )
        self.sinkron(
            RekomendasiAkip,
            {o.nomor: o for o in RekomendasiAkip.objects.filter(evaluasi=ev)},
            [
                (
                    r["nomor"],
                    {
                        "evaluasi_id": ev.pk,
                        "nomor": r["nomor"],
                        "uraian": r["uraian"],
                        "rencana_aksi": r["rencana_aksi"],
                        "waktu": r["waktu"],
                        "tindak_lanjut": r["tindak_lanjut"],
                        "status": r["status"],
                    },
                )
                for r in e["rekomendasi"]
            ],
        )


def _nilai(n: Nilai | None) -> dict[str, Any]:
    if n is None:
        return {"nilai": None, "label": ""}
    return {"nilai": n.nilai, "label": n.label}


def _topologis(units: list[dict]) -> list[list[dict]]:
    """Units in layers: roots first, then their children, and so on (validation rejected cycles)."""
    for i, u in enumerate(units):
        u["_urutan"] = i
    lapis, selesai = [], set()
    sisa = list(units)
    while sisa:
        siap = [u for u in sisa if u["induk"] is None or u["induk"] in selesai]
        if not siap:  # pragma: no cover - a cycle, refused by validation
            raise ImporGagal(_("Struktur unit kerja berputar."))
        lapis.append(siap)
        selesai.update(u["kode"] for u in siap)
        sisa = [u for u in sisa if u["kode"] not in selesai]
    return lapis
