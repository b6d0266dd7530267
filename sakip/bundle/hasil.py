"""Writes the computed figures of one PD and year as ``sakip-hasil/1`` (BUNDLE.md §2).

Numbers are strings rounded half-up to two decimals with a dot; ``null`` where a figure is undefined.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from kinerja.hitung import Pita, bulatkan
from kinerja.rekap import RP, HasilAnggaran, HasilTahun

FORMAT = "sakip-hasil/1"


def teks(d: Decimal | None) -> str | None:
    return None if d is None else format(bulatkan(d, 2), "f")


def _label(p: Pita | None) -> str | None:
    return p.label if p else None


def _rp(rp: RP) -> dict[str, Any]:
    return {
        "pagu_murni": teks(rp.pagu_murni),
        "pagu": teks(rp.pagu),
        "realisasi": teks(rp.realisasi),
        "sisa": teks(rp.sisa),
        "serapan": teks(rp.serapan),
        "realisasi_tw": [teks(x) for x in rp.realisasi_tw],
    }


def _anggaran(a: HasilAnggaran, *, k: bool = True, unit: bool = False, indikator: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {"kode": a.kode}
    if unit:
        d["unit_kerja"] = a.unit_kerja
    if indikator:
        d["capaian_indikator"] = teks(a.capaian_indikator)
    if k:
        d["capaian_k"] = teks(a.capaian_k)
    return d | _rp(a.rp)


def hasil_dict(h: HasilTahun) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "perangkat_daerah": h.pd_kode,
        "tahun": h.tahun,
        "skala_capaian": h.skala.nama,
        "indikator": [
            {
                "kode": i.kode,
                "level": i.level,
                "iku": i.iku,
                "target": teks(i.target.nilai) if i.target else None,
                "realisasi": teks(i.realisasi.nilai) if i.realisasi else None,
                "status": i.status,
                "capaian": teks(i.capaian),
                "kategori": _label(i.kategori),
                "kemajuan_renstra": teks(i.kemajuan_renstra),
                "pertumbuhan": teks(i.pertumbuhan),
            }
            for i in h.indikator
        ],
        "sasaran": [{"kode": s.kode, "capaian": teks(s.capaian), "kategori": _label(s.kategori)} for s in h.sasaran],
        "iku": {
            "jumlah": h.iku.jumlah,
            "rata_rata": teks(h.iku.rata_rata),
            "kategori": _label(h.iku.kategori),
            "per_kategori": dict(h.iku.per_kategori),
        },
        "anggaran": {
            "total": _rp(h.total),
            "rekening": [_anggaran(a, k=False) for a in h.rekening],
            "program": [_anggaran(a, indikator=True) for a in h.program],
            "kegiatan": [_anggaran(a) for a in h.kegiatan],
            "sub_kegiatan": [_anggaran(a, unit=True) for a in h.sub_kegiatan],
            "unit_kerja": [_anggaran(a) for a in h.unit_kerja],
        },
        "efisiensi": [
            {
                "tingkat": e.tingkat,
                "kode": e.kode,
                "capaian": teks(e.capaian),
                "serapan": teks(e.serapan),
                "efisiensi": teks(e.efisiensi),
            }
            for e in h.efisiensi
        ],
    }


def hasil_json(h: HasilTahun) -> str:
    return json.dumps(hasil_dict(h), ensure_ascii=False, indent=1) + "\n"
