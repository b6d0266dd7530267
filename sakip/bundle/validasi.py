"""Checks a ``sakip-bundle/1`` document (BUNDLE.md §1) and normalises it for the importer.

The whole document is walked before anything is written, and every problem is reported with its JSON path
(``program[2].kegiatan[0].sub_kegiatan[3].indikator[0].target.2024: "9,5" bukan angka``). The result carries
the normalised bundle: VALUEs as :class:`Nilai`, numbers as ``Decimal``, defaults filled in.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from kinerja.hitung import Nilai
from sakip import batas

FORMAT = "sakip-bundle/1"

_ANGKA_TEKS = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_KODE_REKENING = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_WARNA = re.compile(r"^#[0-9a-fA-F]{6}$")
_NIP = re.compile(r"^[0-9]{18}$")

JENIS_PEMDA = ("provinsi", "kabupaten", "kota")
JENIS_UNIT = ("sekretariat", "asisten", "biro", "bagian", "subbagian", "seksi", "bidang", "lainnya")
POLARITAS = ("positif", "negatif")
AKUMULASI = ("jumlah", "terakhir", "rata_rata", "maksimum", "minimum")
STATUS_REALISASI = ("final", "sementara", "belum_tersedia", "tahun_lalu")
STATUS_REKOMENDASI = ("belum", "proses", "sudah")
JENIS_PK = ("murni", "perubahan")
VERSI_ANGGARAN = ("murni", "perubahan")
TINGKAT_EFISIENSI = ("sasaran", "program")
LEVEL = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")


@dataclass(frozen=True)
class Masalah:
    path: str
    pesan: str

    def __str__(self) -> str:
        return f"{self.path}: {self.pesan}" if self.path else self.pesan


@dataclass
class HasilPemeriksaan:
    galat: list[Masalah] = field(default_factory=list)
    peringatan: list[Masalah] = field(default_factory=list)
    bundle: dict[str, Any] | None = None

    @property
    def sah(self) -> bool:
        return not self.galat


class _Kosong:
    """Marker for "field absent" (distinct from JSON null)."""


KOSONG = _Kosong()


class Pemeriksa:
    def __init__(self) -> None:
        self.galat: list[Masalah] = []
        self.peringatan: list[Masalah] = []

    # --- reporting ---------------------------------------------------------------------------------------

    def salah(self, path: str, pesan: str) -> None:
        self.galat.append(Masalah(path, pesan))

    def awas(self, path: str, pesan: str) -> None:
        self.peringatan.append(Masalah(path, pesan))

    # --- primitive readers: return the normalised value, or None after reporting -------------------------

    def objek(self, path: str, v: Any, wajib: tuple[str, ...], boleh: tuple[str, ...]) -> dict | None:
        if not isinstance(v, dict):
            self.salah(path, _("harus berupa objek"))
            return None
        for k in wajib:
            if k not in v:
                self.salah(_gabung(path, k), _("wajib diisi"))
        for k in v:
            if k not in wajib and k not in boleh:
                self.awas(_gabung(path, k), _("bidang tidak dikenal, diabaikan"))
        return v

    def daftar(self, path: str, v: Any, wajib: bool = True) -> list:
        if v is KOSONG or (v is None and not wajib):
            if wajib:
                self.salah(path, _("wajib diisi"))
            return []
        if not isinstance(v, list):
            self.salah(path, _("harus berupa daftar"))
            return []
        return v

    def teks(self, path: str, v: Any, *, wajib: bool = True, maks: int | None = None) -> str:
        if v is KOSONG or v is None:
            if wajib:
                self.salah(path, _("wajib diisi"))
            return ""
        if not isinstance(v, str):
            self.salah(path, _("harus berupa teks"))
            return ""
        if wajib and not v.strip():
            self.salah(path, _("tidak boleh kosong"))
        if maks is not None and len(v) > maks:
            self.salah(path, batas.pesan_terlalu_panjang(maks, len(v)))
            return ""  # refused: no other check repeats it
        return v

    def kode(self, path: str, v: Any, maks: int = 40) -> str:
        return self.teks(path, v, maks=maks).strip()

    def pilihan(self, path: str, v: Any, pilihan: tuple[str, ...], bawaan: str | None = None) -> str | None:
        if v is KOSONG or v is None:
            if bawaan is None:
                self.salah(path, _("wajib diisi"))
            return bawaan
        if v not in pilihan:
            self.salah(
                path,
                _("%(nilai)s bukan salah satu dari: %(pilihan)s") % {"nilai": _repr(v), "pilihan": ", ".join(pilihan)},
            )
            return bawaan
        return v

    def bulat(
        self,
        path: str,
        v: Any,
        *,
        wajib: bool = True,
        minimum: int | None = None,
        maksimum: int | None = None,
    ) -> int | None:
        if v is KOSONG or v is None:
            if wajib:
                self.salah(path, _("wajib diisi"))
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            if isinstance(v, Decimal) and v.is_finite() and v == v.to_integral_value():
                v = int(v) if v.adjusted() < 18 else v  # 1E+999999999 stays a Decimal, never a billion-digit int
            else:
                self.salah(path, _("%(nilai)s bukan bilangan bulat") % {"nilai": _repr(v)})
                return None
        if (minimum is not None and v < minimum) or (maksimum is not None and v > maksimum):
            self.salah(
                path,
                _("%(nilai)s di luar rentang %(min)s-%(max)s")
                % {
                    "nilai": v,
                    "min": minimum if minimum is not None else "",
                    "max": maksimum if maksimum is not None else "",
                },
            )
            return None
        if not isinstance(v, int):
            self.salah(path, _("%(nilai)s bukan bilangan bulat") % {"nilai": _repr(v)})
            return None
        return v

    def tahun(self, path: str, v: Any, *, wajib: bool = True) -> int | None:
        return self.bulat(path, v, wajib=wajib, minimum=1990, maksimum=2200)

    def logika(self, path: str, v: Any, bawaan: bool) -> bool:
        if v is KOSONG or v is None:
            return bawaan
        if not isinstance(v, bool):
            self.salah(path, _("harus true atau false"))
            return bawaan
        return v

    def angka(self, path: str, v: Any, *, wajib: bool = True) -> Decimal | None:
        """A JSON number or a decimal string with a dot ("68.95"), as Decimal."""
        if v is KOSONG or v is None:
            if wajib:
                self.salah(path, _("wajib diisi"))
            return None
        if isinstance(v, bool):
            self.salah(path, _("%(nilai)s bukan angka") % {"nilai": _repr(v)})
            return None
        if isinstance(v, int):
            return Decimal(v)
        if isinstance(v, float):
            return Decimal(str(v))
        if isinstance(v, Decimal):
            if not v.is_finite():
                self.salah(path, _("%(nilai)s bukan angka") % {"nilai": _repr(v)})
                return None
            return v
        if isinstance(v, str) and _ANGKA_TEKS.match(v.strip()):
            try:
                return Decimal(v.strip())
            except InvalidOperation:
                pass
        self.salah(path, _("%(nilai)s bukan angka") % {"nilai": _repr(v)})
        return None

    def uang(self, path: str, v: Any) -> Decimal | None:
        d = self.angka(path, v)
        if d is None:
            return None
        if d < 0:
            self.salah(path, _("jumlah uang tidak boleh negatif: %(nilai)s") % {"nilai": _repr(v)})
            return None
        if abs(d) >= Decimal("1e16"):  # DecimalField(18, 2); checked before quantize(), which fails past 28 digits
            self.salah(path, _("jumlah uang terlalu besar: %(nilai)s") % {"nilai": _repr(v)})
            return None
        if d != d.quantize(Decimal("0.01")):
            self.salah(path, _("jumlah uang paling banyak dua desimal: %(nilai)s") % {"nilai": _repr(v)})
            return None
        return d

    def desimal(self, path: str, v: Any, *, digit: int, tempat: int, wajib: bool = True) -> Decimal | None:
        """A number that fits a DecimalField(``digit``, ``tempat``)."""
        d = self.angka(path, v, wajib=wajib)
        if d is None:
            return None
        if abs(d) >= Decimal(10) ** (digit - tempat) or d != d.quantize(Decimal(1).scaleb(-tempat)):
            self.salah(
                path,
                _("%(nilai)s: paling banyak %(tempat)s desimal dan %(digit)s digit")
                % {"nilai": _repr(d), "tempat": tempat, "digit": digit - tempat},
            )
            return None
        return d

    def nilai(self, path: str, v: Any, *, wajib: bool = True) -> Nilai | None:
        """A VALUE: number, decimal string, or {"nilai": number|null, "label": string|null}."""
        if v is KOSONG or v is None:
            if wajib:
                self.salah(path, _("wajib diisi"))
            return None
        if isinstance(v, dict):
            self.objek(path, v, ("nilai",), ("label",))
            angka = self.angka(_gabung(path, "nilai"), v.get("nilai"), wajib=False)
            if angka is not None:
                angka = self._skala_nilai(_gabung(path, "nilai"), angka)
            label = v.get("label")
            if label is not None and not isinstance(label, str):
                self.salah(_gabung(path, "label"), _("harus berupa teks"))
                label = ""
            label = (label or "").strip()
            if angka is None and not label and v.get("nilai") is None:
                self.salah(path, _("nilai dan label tidak boleh keduanya kosong"))
                return None
            if len(label) > 100:
                self.salah(_gabung(path, "label"), batas.pesan_terlalu_panjang(100, len(label)))
            return Nilai(angka, label)
        angka = self.angka(path, v)
        if angka is None:
            return None
        angka = self._skala_nilai(path, angka)
        return Nilai(angka) if angka is not None else None

    def _skala_nilai(self, path: str, d: Decimal) -> Decimal | None:
        if abs(d) >= Decimal("1e16") or d != d.quantize(Decimal("0.0001")):  # magnitude first: see uang()
            self.salah(path, _("%(nilai)s: paling banyak 4 desimal dan 16 digit") % {"nilai": _repr(d)})
            return None
        return d

    def tanggal(self, path: str, v: Any) -> datetime.date | None:
        if v is KOSONG or v is None:
            return None
        if isinstance(v, str):
            try:
                return datetime.date.fromisoformat(v)
            except ValueError:
                pass
        self.salah(path, _("%(nilai)s bukan tanggal (YYYY-MM-DD)") % {"nilai": _repr(v)})
        return None


def _gabung(path: str, kunci: str | int) -> str:
    if isinstance(kunci, int):
        return f"{path}[{kunci}]"
    return f"{path}.{kunci}" if path else kunci


def _repr(v: Any) -> str:
    if isinstance(v, str):
        return f'"{v}"' if len(v) <= 60 else f'"{v[:60]}…"'  # a message never repeats megabytes
    if isinstance(v, Decimal):
        return str(v)
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


# --- the walk --------------------------------------------------------------------------------------------


INDIKATOR_WAJIB = ("kode", "uraian", "satuan")
INDIKATOR_BOLEH = (
    "desimal",
    "iku",
    "polaritas",
    "akumulasi",
    "skala_predikat",
    "definisi_operasional",
    "formula",
    "sumber_data",
    "unit_kerja",
    "menggantikan",
    "berlaku",
    "kondisi_awal",
    "target",
)


def periksa_bundle(doc: Any, *, skala_dikenal: set[str] | None = None) -> HasilPemeriksaan:
    """Validate a parsed bundle (numbers parsed as Decimal) and return every problem with the normalised bundle.

    ``skala_dikenal``: names of rating scales the installation knows (for ``skala_predikat`` and
    ``skala_capaian``); by default the presets of the calculation core.
    """
    from kinerja.hitung import PRESET

    p = Pemeriksa()
    skala_dikenal = set(PRESET) if skala_dikenal is None else skala_dikenal
    top = p.objek(
        "",
        doc,
        ("format", "pemda", "perangkat_daerah", "renstra", "program", "tahun"),
        ("unit_kerja", "pejabat", "kebijakan", "catatan"),
    )
    if top is None:
        return HasilPemeriksaan(p.galat, p.peringatan)
    if top.get("format") != FORMAT:
        p.salah(
            "format",
            _('harus "%(format)s", bukan %(nilai)s') % {"format": FORMAT, "nilai": _repr(top.get("format"))},
        )

    hasil: dict[str, Any] = {}
    hasil["pemda"] = _pemda(p, top.get("pemda", KOSONG))
    hasil["perangkat_daerah"] = _pd(p, top.get("perangkat_daerah", KOSONG))
    hasil["catatan"] = [
        p.teks(f"catatan[{i}]", c, maks=batas.CATATAN)
        for i, c in enumerate(p.daftar("catatan", top.get("catatan", KOSONG), wajib=False))
    ]

    unit_kode: dict[str, str] = {}
    hasil["unit_kerja"] = []
    for i, u in enumerate(p.daftar("unit_kerja", top.get("unit_kerja", KOSONG), wajib=False)):
        path = f"unit_kerja[{i}]"
        if p.objek(path, u, ("kode", "nama"), ("jenis", "induk")) is None:
            continue
        kode = p.kode(_gabung(path, "kode"), u.get("kode"))
        _unik(p, unit_kode, kode, path)
        hasil["unit_kerja"].append(
            {
                "kode": kode,
                "nama": p.teks(_gabung(path, "nama"), u.get("nama"), maks=200),
                "jenis": p.pilihan(_gabung(path, "jenis"), u.get("jenis"), JENIS_UNIT, "lainnya"),
                "induk": p.teks(_gabung(path, "induk"), u.get("induk"), wajib=False, maks=40).strip() or None,
                "_path": path,
            }
        )
    for u in hasil["unit_kerja"]:
        if u["induk"] is not None and u["induk"] not in unit_kode:
            p.salah(_gabung(u["_path"], "induk"), _kode_asing(u["induk"]))
    _cek_siklus_unit(p, hasil["unit_kerja"])

    def ref_unit(path: str, v: Any) -> str | None:
        kode = p.teks(path, v, wajib=False, maks=40).strip() or None
        if kode is not None and kode not in unit_kode:
            p.salah(path, _kode_asing(kode))
        return kode

    pejabat_kode: dict[str, str] = {}
    hasil["pejabat"] = []
    for i, o in enumerate(p.daftar("pejabat", top.get("pejabat", KOSONG), wajib=False)):
        path = f"pejabat[{i}]"
        boleh = ("gelar_depan", "gelar_belakang", "nip", "pangkat", "golongan", "unit_kerja")
        if p.objek(path, o, ("kode", "nama", "jabatan"), boleh) is None:
            continue
        kode = p.kode(_gabung(path, "kode"), o.get("kode"))
        _unik(p, pejabat_kode, kode, path)
        nip = p.teks(_gabung(path, "nip"), o.get("nip"), wajib=False, maks=40).replace(" ", "")
        if nip and not _NIP.match(nip):
            p.salah(_gabung(path, "nip"), _("NIP harus 18 angka: %(nilai)s") % {"nilai": _repr(o.get("nip"))})
        hasil["pejabat"].append(
            {
                "kode": kode,
                "nama": p.teks(_gabung(path, "nama"), o.get("nama"), maks=200),
                "gelar_depan": p.teks(_gabung(path, "gelar_depan"), o.get("gelar_depan"), wajib=False, maks=60),
                "gelar_belakang": p.teks(
                    _gabung(path, "gelar_belakang"), o.get("gelar_belakang"), wajib=False, maks=100
                ),
                "nip": nip,
                "pangkat": p.teks(_gabung(path, "pangkat"), o.get("pangkat"), wajib=False, maks=100),
                "golongan": p.teks(_gabung(path, "golongan"), o.get("golongan"), wajib=False, maks=20),
                "jabatan": p.teks(_gabung(path, "jabatan"), o.get("jabatan"), maks=200),
                "unit_kerja": ref_unit(_gabung(path, "unit_kerja"), o.get("unit_kerja")),
            }
        )

    hasil["kebijakan"] = _kebijakan(p, top.get("kebijakan", KOSONG), skala_dikenal)

    # Indicators are collected across the whole bundle: their codes are unique bundle-wide.
    indikator: dict[str, dict] = {}
    indikator_path: dict[str, str] = {}

    def baca_indikator(path: str, daftar_v: Any, level: str) -> list[dict]:
        keluar = []
        for i, v in enumerate(p.daftar(path, daftar_v)):
            ipath = f"{path}[{i}]"
            ind = _indikator(p, ipath, v, level, ref_unit, skala_dikenal)
            if ind is None:
                continue
            if ind["kode"]:
                if ind["kode"] in indikator_path:
                    p.salah(_gabung(ipath, "kode"), _kode_ganda(ind["kode"], indikator_path[ind["kode"]]))
                else:
                    indikator_path[ind["kode"]] = ipath
                    indikator[ind["kode"]] = ind
            keluar.append(ind)
        return keluar

    hasil["renstra"], sasaran_kode = _renstra(p, top.get("renstra", KOSONG), baca_indikator)

    program_kode: dict[str, str] = {}
    sub_kode: dict[str, str] = {}
    keg_kode: dict[str, str] = {}
    hasil["program"] = []
    for i, pr in enumerate(p.daftar("program", top.get("program", KOSONG))):
        path = f"program[{i}]"
        if p.objek(path, pr, ("kode", "nama", "kegiatan"), ("sasaran", "indikator")) is None:
            continue
        kode = p.kode(_gabung(path, "kode"), pr.get("kode"))
        _unik(p, program_kode, kode, path)
        sasaran = []
        for j, s in enumerate(p.daftar(_gabung(path, "sasaran"), pr.get("sasaran", KOSONG), wajib=False)):
            spath = f"{path}.sasaran[{j}]"
            s = p.teks(spath, s, maks=40)
            if s and s not in sasaran_kode:
                p.salah(spath, _kode_asing(s))
            elif s:
                sasaran.append(s)
        program = {
            "kode": kode,
            "nama": p.teks(_gabung(path, "nama"), pr.get("nama"), maks=300),
            "sasaran": sasaran,
            "indikator": baca_indikator(_gabung(path, "indikator"), pr.get("indikator", []), "program"),
            "kegiatan": [],
        }
        for j, kg in enumerate(p.daftar(_gabung(path, "kegiatan"), pr.get("kegiatan", KOSONG))):
            kpath = f"{path}.kegiatan[{j}]"
            if p.objek(kpath, kg, ("kode", "nama", "sub_kegiatan"), ("indikator",)) is None:
                continue
            kkode = p.kode(_gabung(kpath, "kode"), kg.get("kode"))
            _unik(p, keg_kode, kkode, kpath)
            kegiatan = {
                "kode": kkode,
                "nama": p.teks(_gabung(kpath, "nama"), kg.get("nama"), maks=300),
                "indikator": baca_indikator(_gabung(kpath, "indikator"), kg.get("indikator", []), "kegiatan"),
                "sub_kegiatan": [],
            }
            for m, sk in enumerate(p.daftar(_gabung(kpath, "sub_kegiatan"), kg.get("sub_kegiatan", KOSONG))):
                spath = f"{kpath}.sub_kegiatan[{m}]"
                if p.objek(spath, sk, ("kode", "nama"), ("unit_kerja", "indikator")) is None:
                    continue
                skode = p.kode(_gabung(spath, "kode"), sk.get("kode"))
                _unik(p, sub_kode, skode, spath)
                kegiatan["sub_kegiatan"].append(
                    {
                        "kode": skode,
                        "nama": p.teks(_gabung(spath, "nama"), sk.get("nama"), maks=300),
                        "unit_kerja": ref_unit(_gabung(spath, "unit_kerja"), sk.get("unit_kerja")),
                        "indikator": baca_indikator(
                            _gabung(spath, "indikator"), sk.get("indikator", []), "sub_kegiatan"
                        ),
                    }
                )
            program["kegiatan"].append(kegiatan)
        hasil["program"].append(program)

    # menggantikan refers to indicators anywhere in the bundle
    for kode, ind in indikator.items():
        for j, lama in enumerate(ind["menggantikan"]):
            if lama not in indikator:
                p.salah(f"{indikator_path[kode]}.menggantikan[{j}]", _kode_asing(lama))
            elif lama == kode:
                p.salah(
                    f"{indikator_path[kode]}.menggantikan[{j}]",
                    _("indikator tidak dapat menggantikan dirinya"),
                )

    ctx = _Konteks(indikator, set(sub_kode), set(program_kode), set(pejabat_kode))
    hasil["tahun"] = []
    tahun_path: dict[str, str] = {}
    for i, th in enumerate(p.daftar("tahun", top.get("tahun", KOSONG))):
        blok = _tahun(p, f"tahun[{i}]", th, ctx)
        if blok is None:
            continue
        if blok["tahun"] is not None:
            _unik(p, tahun_path, str(blok["tahun"]), f"tahun[{i}]", _("tahun ganda"))
        hasil["tahun"].append(blok)

    return HasilPemeriksaan(p.galat, p.peringatan, hasil if not p.galat else None)


@dataclass
class _Konteks:
    indikator: dict[str, dict]
    sub_kegiatan: set[str]
    program: set[str]
    pejabat: set[str]


def _kode_asing(kode: str) -> str:
    return _('kode tidak dikenal: "%(kode)s"') % {"kode": kode}


def _kode_ganda(kode: str, path_lain: str) -> str:
    return _('kode ganda: "%(kode)s" sudah dipakai di %(path)s') % {"kode": kode, "path": path_lain}


def _unik(p: Pemeriksa, terpakai: dict[str, str], kode: str, path: str, pesan: str | None = None) -> None:
    if not kode:
        return
    if kode in terpakai:
        p.salah(_gabung(path, "kode") if pesan is None else path, pesan or _kode_ganda(kode, terpakai[kode]))
    else:
        terpakai[kode] = path


def _cek_siklus_unit(p: Pemeriksa, units: list[dict]) -> None:
    induk = {u["kode"]: u["induk"] for u in units}
    for u in units:
        dilihat = {u["kode"]}
        k = u["induk"]
        while k is not None and k in induk:
            if k in dilihat:
                p.salah(_gabung(u["_path"], "induk"), _("struktur unit kerja berputar (induk melingkar)"))
                break
            dilihat.add(k)
            k = induk[k]


def _pemda(p: Pemeriksa, v: Any) -> dict:
    o = p.objek("pemda", v, ("kode", "nama", "jenis"), ("kepala",)) or {}
    kepala = o.get("kepala", KOSONG)
    k = {}
    if kepala is not KOSONG and kepala is not None:
        k = p.objek("pemda.kepala", kepala, ("nama", "jabatan"), ()) or {}
    return {
        "kode": p.kode("pemda.kode", o.get("kode"), maks=20),
        "nama": p.teks("pemda.nama", o.get("nama"), maks=200),
        "jenis": p.pilihan("pemda.jenis", o.get("jenis"), JENIS_PEMDA),
        "kepala_nama": p.teks("pemda.kepala.nama", k.get("nama"), wajib=bool(k), maks=200),
        "kepala_jabatan": p.teks("pemda.kepala.jabatan", k.get("jabatan"), wajib=bool(k), maks=200),
    }


def _pd(p: Pemeriksa, v: Any) -> dict:
    o = p.objek("perangkat_daerah", v, ("kode", "nama"), ("singkatan", "alamat", "tempat")) or {}
    return {
        "kode": p.kode("perangkat_daerah.kode", o.get("kode")),
        "nama": p.teks("perangkat_daerah.nama", o.get("nama"), maks=200),
        "singkatan": p.teks("perangkat_daerah.singkatan", o.get("singkatan"), wajib=False, maks=60),
        "alamat": p.teks("perangkat_daerah.alamat", o.get("alamat"), wajib=False, maks=300),
        "tempat": p.teks("perangkat_daerah.tempat", o.get("tempat"), wajib=False, maks=100),
    }


def _kebijakan(p: Pemeriksa, v: Any, skala_dikenal: set[str]) -> dict:
    keluar = {
        "skala_capaian": "permenpan-12-2015",
        "skala_kustom": None,
        "batas_atas_capaian": None,
        "efisiensi_tingkat": "sasaran",
        "efisiensi_hanya_capaian_100": False,
        "tahun_lalu_dihitung": False,
    }
    if v is KOSONG or v is None:
        return keluar
    o = p.objek("kebijakan", v, ("skala_capaian",), ("batas_atas_capaian", "efisiensi", "tahun_lalu_dihitung"))
    if o is None:
        return keluar
    skala = o.get("skala_capaian")
    if isinstance(skala, str):
        if skala not in skala_dikenal:
            p.salah("kebijakan.skala_capaian", _('skala tidak dikenal: "%(kode)s"') % {"kode": skala})
        keluar["skala_capaian"] = skala
    elif isinstance(skala, dict):
        keluar["skala_kustom"] = _skala_kustom(p, "kebijakan.skala_capaian", skala)
        keluar["skala_capaian"] = keluar["skala_kustom"]["nama"] if keluar["skala_kustom"] else None
    else:
        p.salah("kebijakan.skala_capaian", _("harus nama skala atau objek skala"))
    if o.get("batas_atas_capaian") is not None:
        atas = p.desimal("kebijakan.batas_atas_capaian", o.get("batas_atas_capaian"), digit=20, tempat=4)
        if atas is not None and atas <= 0:
            p.salah("kebijakan.batas_atas_capaian", _("harus lebih dari 0"))
        keluar["batas_atas_capaian"] = atas
    ef = o.get("efisiensi", KOSONG)
    if ef is not KOSONG and ef is not None:
        e = p.objek("kebijakan.efisiensi", ef, (), ("tingkat", "hanya_capaian_100")) or {}
        keluar["efisiensi_tingkat"] = p.pilihan(
            "kebijakan.efisiensi.tingkat", e.get("tingkat"), TINGKAT_EFISIENSI, "sasaran"
        )
        keluar["efisiensi_hanya_capaian_100"] = p.logika(
            "kebijakan.efisiensi.hanya_capaian_100", e.get("hanya_capaian_100"), False
        )
    keluar["tahun_lalu_dihitung"] = p.logika("kebijakan.tahun_lalu_dihitung", o.get("tahun_lalu_dihitung"), False)
    return keluar


def _skala_kustom(p: Pemeriksa, path: str, v: dict) -> dict | None:
    o = p.objek(path, v, ("nama", "pita"), ())
    if o is None:
        return None
    nama = p.kode(_gabung(path, "nama"), o.get("nama"), maks=60)
    pita = []
    for i, b in enumerate(p.daftar(_gabung(path, "pita"), o.get("pita", KOSONG))):
        bpath = f"{path}.pita[{i}]"
        if p.objek(bpath, b, ("batas_bawah", "label"), ("termasuk", "warna")) is None:
            continue
        warna = p.teks(_gabung(bpath, "warna"), b.get("warna"), wajib=False, maks=7)
        if warna and not _WARNA.match(warna):
            p.salah(_gabung(bpath, "warna"), _("warna harus berbentuk #rrggbb"))
        pita.append(
            {
                "batas_bawah": p.desimal(
                    _gabung(bpath, "batas_bawah"), b.get("batas_bawah"), digit=20, tempat=4, wajib=False
                ),
                "termasuk": p.logika(_gabung(bpath, "termasuk"), b.get("termasuk"), False),
                "label": p.teks(_gabung(bpath, "label"), b.get("label"), maks=60),
                "warna": warna,
            }
        )
    if not pita:
        p.salah(_gabung(path, "pita"), _("skala memerlukan sedikitnya satu pita"))
        return None
    batas = [b["batas_bawah"] for b in pita]
    if batas[-1] is not None:
        p.salah(
            f"{path}.pita[{len(pita) - 1}].batas_bawah",
            _("pita terakhir harus null (semua nilai di bawahnya)"),
        )
    angka = [b for b in batas[:-1] if b is not None]
    if len(angka) != len(batas) - 1:
        p.salah(_gabung(path, "pita"), _("hanya pita terakhir yang boleh tanpa batas bawah"))
    elif angka != sorted(angka, reverse=True):
        p.salah(_gabung(path, "pita"), _("pita harus berurutan menurun"))
    return {"nama": nama, "pita": pita}


def _indikator(p: Pemeriksa, path: str, v: Any, level: str, ref_unit, skala_dikenal: set[str]) -> dict | None:
    if p.objek(path, v, INDIKATOR_WAJIB, INDIKATOR_BOLEH) is None:
        return None
    skala = p.teks(_gabung(path, "skala_predikat"), v.get("skala_predikat"), wajib=False, maks=60).strip() or None
    if skala is not None and skala not in skala_dikenal:
        p.salah(_gabung(path, "skala_predikat"), _('skala tidak dikenal: "%(kode)s"') % {"kode": skala})
    berlaku = {"dari": None, "sampai": None}
    if v.get("berlaku") is not None:
        b = p.objek(_gabung(path, "berlaku"), v["berlaku"], ("dari",), ("sampai",)) or {}
        berlaku["dari"] = p.tahun(f"{path}.berlaku.dari", b.get("dari"))
        berlaku["sampai"] = p.tahun(f"{path}.berlaku.sampai", b.get("sampai"), wajib=False)
        if berlaku["dari"] and berlaku["sampai"] and berlaku["sampai"] < berlaku["dari"]:
            p.salah(f"{path}.berlaku", _("tahun sampai sebelum tahun dari"))
    kondisi_awal = None
    if v.get("kondisi_awal") is not None:
        k = p.objek(_gabung(path, "kondisi_awal"), v["kondisi_awal"], ("tahun", "nilai"), ()) or {}
        kondisi_awal = {
            "tahun": p.tahun(f"{path}.kondisi_awal.tahun", k.get("tahun")),
            "nilai": p.nilai(f"{path}.kondisi_awal.nilai", k.get("nilai", KOSONG)),
        }
    target = {}
    t = v.get("target", KOSONG)
    if t is not KOSONG and t is not None:
        if not isinstance(t, dict):
            p.salah(_gabung(path, "target"), _('harus berupa objek {"tahun": nilai}'))
        else:
            for th, nilai in t.items():
                tpath = f"{path}.target.{th}"
                if not (isinstance(th, str) and th.isascii() and th.isdigit() and len(th) <= 4):
                    p.salah(tpath, _("kunci harus tahun: %(nilai)s") % {"nilai": _repr(th)})
                    continue
                if p.tahun(tpath, int(th)) is None:
                    continue
                n = p.nilai(tpath, nilai)
                if n is not None:
                    target[int(th)] = n
    menggantikan = [
        p.teks(f"{path}.menggantikan[{j}]", m, maks=60)
        for j, m in enumerate(p.daftar(_gabung(path, "menggantikan"), v.get("menggantikan", KOSONG), wajib=False))
    ]
    return {
        "kode": p.kode(_gabung(path, "kode"), v.get("kode"), maks=60),
        "uraian": p.teks(_gabung(path, "uraian"), v.get("uraian"), maks=batas.URAIAN),
        "satuan": p.teks(_gabung(path, "satuan"), v.get("satuan"), maks=60),
        "desimal": p.bulat(_gabung(path, "desimal"), v.get("desimal", 2), minimum=0, maksimum=3) or 0,
        "iku": p.logika(_gabung(path, "iku"), v.get("iku"), False),
        "polaritas": p.pilihan(_gabung(path, "polaritas"), v.get("polaritas"), POLARITAS, "positif"),
        "akumulasi": p.pilihan(_gabung(path, "akumulasi"), v.get("akumulasi"), AKUMULASI, "terakhir"),
        "skala_predikat": skala,
        "definisi_operasional": p.teks(
            _gabung(path, "definisi_operasional"), v.get("definisi_operasional"), wajib=False, maks=batas.DEFINISI
        ),
        "formula": p.teks(_gabung(path, "formula"), v.get("formula"), wajib=False, maks=batas.FORMULA),
        "sumber_data": p.teks(_gabung(path, "sumber_data"), v.get("sumber_data"), wajib=False, maks=batas.SUMBER_DATA),
        "unit_kerja": ref_unit(_gabung(path, "unit_kerja"), v.get("unit_kerja")),
        "menggantikan": [m for m in menggantikan if m],
        "berlaku": berlaku,
        "kondisi_awal": kondisi_awal,
        "target": target,
        "level": level,
        "_path": path,
    }


def _renstra(p: Pemeriksa, v: Any, baca_indikator) -> tuple[dict, dict[str, str]]:
    o = p.objek("renstra", v, ("tahun_mulai", "tahun_selesai", "misi", "tujuan"), ("visi",)) or {}
    mulai = p.tahun("renstra.tahun_mulai", o.get("tahun_mulai", KOSONG))
    selesai = p.tahun("renstra.tahun_selesai", o.get("tahun_selesai", KOSONG))
    if mulai and selesai and selesai < mulai:
        p.salah("renstra.tahun_selesai", _("tahun selesai sebelum tahun mulai"))
    misi_kode: dict[str, str] = {}
    misi = []
    for i, m in enumerate(p.daftar("renstra.misi", o.get("misi", KOSONG))):
        path = f"renstra.misi[{i}]"
        if p.objek(path, m, ("kode", "uraian"), ()) is None:
            continue
        kode = p.kode(_gabung(path, "kode"), m.get("kode"))
        _unik(p, misi_kode, kode, path)
        misi.append({"kode": kode, "uraian": p.teks(_gabung(path, "uraian"), m.get("uraian"), maks=batas.URAIAN)})
    tujuan_kode: dict[str, str] = {}
    sasaran_kode: dict[str, str] = {}
    tujuan = []
    for i, t in enumerate(p.daftar("renstra.tujuan", o.get("tujuan", KOSONG))):
        path = f"renstra.tujuan[{i}]"
        if p.objek(path, t, ("kode", "uraian", "indikator", "sasaran"), ("misi",)) is None:
            continue
        kode = p.kode(_gabung(path, "kode"), t.get("kode"))
        _unik(p, tujuan_kode, kode, path)
        misi_ref = []
        for j, m in enumerate(p.daftar(_gabung(path, "misi"), t.get("misi", KOSONG), wajib=False)):
            m = p.teks(f"{path}.misi[{j}]", m, maks=40)
            if m and m not in misi_kode:
                p.salah(f"{path}.misi[{j}]", _kode_asing(m))
            elif m:
                misi_ref.append(m)
        sasaran = []
        for j, s in enumerate(p.daftar(_gabung(path, "sasaran"), t.get("sasaran", KOSONG))):
            spath = f"{path}.sasaran[{j}]"
            if p.objek(spath, s, ("kode", "uraian", "indikator"), ()) is None:
                continue
            skode = p.kode(_gabung(spath, "kode"), s.get("kode"))
            _unik(p, sasaran_kode, skode, spath)
            sasaran.append(
                {
                    "kode": skode,
                    "uraian": p.teks(_gabung(spath, "uraian"), s.get("uraian"), maks=batas.URAIAN),
                    "indikator": baca_indikator(_gabung(spath, "indikator"), s.get("indikator", KOSONG), "sasaran"),
                }
            )
        tujuan.append(
            {
                "kode": kode,
                "uraian": p.teks(_gabung(path, "uraian"), t.get("uraian"), maks=batas.URAIAN),
                "misi": misi_ref,
                "indikator": baca_indikator(_gabung(path, "indikator"), t.get("indikator", KOSONG), "tujuan"),
                "sasaran": sasaran,
            }
        )
    renstra = {
        "tahun_mulai": mulai,
        "tahun_selesai": selesai,
        "visi": p.teks("renstra.visi", o.get("visi"), wajib=False, maks=batas.VISI),
        "misi": misi,
        "tujuan": tujuan,
    }
    return renstra, sasaran_kode


def _ref(p: Pemeriksa, path: str, v: Any, dikenal: set[str] | dict) -> str | None:
    kode = p.teks(path, v, maks=60)
    if not kode:
        return None
    if kode not in dikenal:
        p.salah(path, _kode_asing(kode))
        return None
    return kode


TAHUN_WAJIB = ("tahun", "perjanjian_kinerja", "anggaran", "realisasi_kinerja", "realisasi_anggaran")
TAHUN_BOLEH = (
    "rencana_aksi",
    "anggaran_kas",
    "realisasi_fisik",
    "evaluasi_akip",
    "pembanding",
    "standar_nasional",
    "narasi",
    "laporan",
)


def _tahun(p: Pemeriksa, path: str, v: Any, ctx: _Konteks) -> dict | None:
    if p.objek(path, v, TAHUN_WAJIB, TAHUN_BOLEH) is None:
        return None
    tahun = p.tahun(_gabung(path, "tahun"), v.get("tahun"))
    blok: dict[str, Any] = {"tahun": tahun}

    # Perjanjian Kinerja
    blok["perjanjian_kinerja"] = []
    versi_dipakai: dict[str, str] = {}
    for i, pk in enumerate(p.daftar(_gabung(path, "perjanjian_kinerja"), v.get("perjanjian_kinerja", KOSONG))):
        ppath = f"{path}.perjanjian_kinerja[{i}]"
        wajib = ("versi", "pihak_pertama", "pihak_kedua", "target")
        if p.objek(ppath, pk, wajib, ("jenis", "tanggal", "anggaran_program")) is None:
            continue
        versi = p.bulat(_gabung(ppath, "versi"), pk.get("versi"), minimum=1, maksimum=99)
        if versi is not None:
            _unik(p, versi_dipakai, str(versi), _gabung(ppath, "versi"), _("versi ganda"))
        kedua = p.objek(_gabung(ppath, "pihak_kedua"), pk.get("pihak_kedua"), ("nama", "jabatan"), ()) or {}
        target = {}
        t = pk.get("target")
        if not isinstance(t, dict):
            p.salah(_gabung(ppath, "target"), _('harus berupa objek {"kode indikator": nilai}'))
        else:
            for kode, nilai in t.items():
                tpath = f"{ppath}.target.{kode}"
                if kode not in ctx.indikator:
                    p.salah(tpath, _kode_asing(kode))
                    continue
                n = p.nilai(tpath, nilai)
                if n is not None:
                    target[kode] = n
        anggaran_program = {}
        ap = pk.get("anggaran_program")
        if ap is not None:
            if not isinstance(ap, dict):
                p.salah(_gabung(ppath, "anggaran_program"), _('harus berupa objek {"kode program": jumlah}'))
            else:
                for kode, jumlah in ap.items():
                    apath = f"{ppath}.anggaran_program.{kode}"
                    if kode not in ctx.program:
                        p.salah(apath, _kode_asing(kode))
                        continue
                    j = p.uang(apath, jumlah)
                    if j is not None:
                        anggaran_program[kode] = j
        blok["perjanjian_kinerja"].append(
            {
                "versi": versi,
                "jenis": p.pilihan(_gabung(ppath, "jenis"), pk.get("jenis"), JENIS_PK, "murni"),
                "tanggal": p.tanggal(_gabung(ppath, "tanggal"), pk.get("tanggal")),
                "pihak_pertama": _ref(p, _gabung(ppath, "pihak_pertama"), pk.get("pihak_pertama"), ctx.pejabat),
                "pihak_kedua_nama": p.teks(f"{ppath}.pihak_kedua.nama", kedua.get("nama"), maks=200),
                "pihak_kedua_jabatan": p.teks(f"{ppath}.pihak_kedua.jabatan", kedua.get("jabatan"), maks=200),
                "target": target,
                "anggaran_program": anggaran_program,
            }
        )

    # Rencana aksi
    blok["rencana_aksi"] = {}
    ra = v.get("rencana_aksi")
    if ra is not None:
        if not isinstance(ra, dict):
            p.salah(
                _gabung(path, "rencana_aksi"),
                _('harus berupa objek {"kode indikator": [TW1, TW2, TW3, TW4]}'),
            )
        else:
            for kode, daftar_tw in ra.items():
                rpath = f"{path}.rencana_aksi.{kode}"
                if kode not in ctx.indikator:
                    p.salah(rpath, _kode_asing(kode))
                    continue
                if not isinstance(daftar_tw, list) or len(daftar_tw) != 4:
                    p.salah(rpath, _("harus daftar empat nilai (TW I-IV), null bila kosong"))
                    continue
                blok["rencana_aksi"][kode] = [p.nilai(f"{rpath}[{j}]", n, wajib=False) for j, n in enumerate(daftar_tw)]

    # Budget versions
    blok["anggaran"] = []
    versi_anggaran: dict[str, str] = {}
    pagu_per_baris: dict[str, dict[tuple[str, str], Decimal]] = {}
    for i, a in enumerate(p.daftar(_gabung(path, "anggaran"), v.get("anggaran", KOSONG))):
        apath = f"{path}.anggaran[{i}]"
        if p.objek(apath, a, ("versi", "pagu"), ("tanggal",)) is None:
            continue
        versi = p.pilihan(_gabung(apath, "versi"), a.get("versi"), VERSI_ANGGARAN)
        if versi:
            _unik(p, versi_anggaran, versi, _gabung(apath, "versi"), _("versi anggaran ganda"))
        baris = []
        dipakai: dict[tuple[str, str], str] = {}
        for j, b in enumerate(p.daftar(_gabung(apath, "pagu"), a.get("pagu", KOSONG))):
            bpath = f"{apath}.pagu[{j}]"
            if p.objek(bpath, b, ("sub_kegiatan", "rekening", "jumlah"), ("uraian_rekening",)) is None:
                continue
            sk = _ref(p, _gabung(bpath, "sub_kegiatan"), b.get("sub_kegiatan"), ctx.sub_kegiatan)
            rek = _rekening(p, _gabung(bpath, "rekening"), b.get("rekening"))
            jumlah = p.uang(_gabung(bpath, "jumlah"), b.get("jumlah"))
            if sk and rek:
                if (sk, rek) in dipakai:
                    p.salah(
                        bpath,
                        _('baris pagu ganda untuk sub kegiatan "%(sk)s" rekening "%(rek)s" (lihat %(path)s)')
                        % {"sk": sk, "rek": rek, "path": dipakai[(sk, rek)]},
                    )
                else:
                    dipakai[(sk, rek)] = bpath
            baris.append(
                {
                    "sub_kegiatan": sk,
                    "rekening": rek,
                    "uraian_rekening": p.teks(
                        _gabung(bpath, "uraian_rekening"), b.get("uraian_rekening"), wajib=False, maks=300
                    ),
                    "jumlah": jumlah,
                }
            )
        if versi:
            pagu_per_baris[versi] = {
                (b["sub_kegiatan"], b["rekening"]): b["jumlah"] for b in baris if b["jumlah"] is not None
            }
        blok["anggaran"].append(
            {"versi": versi, "tanggal": p.tanggal(_gabung(apath, "tanggal"), a.get("tanggal")), "pagu": baris}
        )
    _cek_rekening_bertingkat(p, path, blok["anggaran"])

    # Anggaran kas
    blok["anggaran_kas"] = []
    dipakai_kas: dict[tuple, str] = {}
    for i, k in enumerate(p.daftar(_gabung(path, "anggaran_kas"), v.get("anggaran_kas", KOSONG), wajib=False)):
        kpath = f"{path}.anggaran_kas[{i}]"
        if p.objek(kpath, k, ("sub_kegiatan", "triwulan", "jumlah"), ()) is None:
            continue
        sk = _ref(p, _gabung(kpath, "sub_kegiatan"), k.get("sub_kegiatan"), ctx.sub_kegiatan)
        tw = _triwulan(p, _gabung(kpath, "triwulan"), k.get("triwulan"), boleh_null=False)
        _ganda(p, dipakai_kas, (sk, tw), kpath)
        blok["anggaran_kas"].append(
            {"sub_kegiatan": sk, "triwulan": tw, "jumlah": p.uang(_gabung(kpath, "jumlah"), k.get("jumlah"))}
        )

    # Realisasi kinerja
    blok["realisasi_kinerja"] = []
    dipakai_rk: dict[tuple, str] = {}
    target_tahun = _indikator_bertarget(ctx, blok, tahun)
    for i, r in enumerate(p.daftar(_gabung(path, "realisasi_kinerja"), v.get("realisasi_kinerja", KOSONG))):
        rpath = f"{path}.realisasi_kinerja[{i}]"
        boleh = ("status", "tahun_sumber", "catatan", "hambatan", "solusi")
        if p.objek(rpath, r, ("indikator", "triwulan", "nilai"), boleh) is None:
            continue
        kode = _ref(p, _gabung(rpath, "indikator"), r.get("indikator"), ctx.indikator)
        tw = _triwulan(p, _gabung(rpath, "triwulan"), r.get("triwulan", KOSONG), boleh_null=True)
        status = p.pilihan(_gabung(rpath, "status"), r.get("status"), STATUS_REALISASI, "final")
        nilai = p.nilai(_gabung(rpath, "nilai"), r.get("nilai"), wajib=False)
        if status == "belum_tersedia" and nilai is not None and nilai.nilai is not None:
            p.salah(_gabung(rpath, "nilai"), _("status belum_tersedia tidak boleh memiliki angka"))
        if nilai is None and status != "belum_tersedia":
            p.salah(_gabung(rpath, "nilai"), _("nilai kosong hanya untuk status belum_tersedia"))
        tahun_sumber = p.tahun(_gabung(rpath, "tahun_sumber"), r.get("tahun_sumber"), wajib=False)
        if status == "tahun_lalu" and tahun_sumber is None:
            p.awas(_gabung(rpath, "tahun_sumber"), _("realisasi tahun lalu sebaiknya menyebut tahun sumbernya"))
        if kode:
            _ganda(
                p,
                dipakai_rk,
                (kode, tw),
                rpath,
                _('realisasi ganda untuk indikator "%(kode)s" pada periode yang sama (lihat %(path)s)'),
                kode=kode,
            )
            if tahun is not None and kode not in target_tahun:
                p.awas(
                    rpath,
                    _('indikator "%(kode)s" tidak memiliki target tahun %(tahun)s') % {"kode": kode, "tahun": tahun},
                )
        blok["realisasi_kinerja"].append(
            {
                "indikator": kode,
                "triwulan": tw,
                "nilai": nilai,
                "status": status,
                "tahun_sumber": tahun_sumber,
                "catatan": p.teks(_gabung(rpath, "catatan"), r.get("catatan"), wajib=False, maks=batas.CATATAN),
                "hambatan": p.teks(_gabung(rpath, "hambatan"), r.get("hambatan"), wajib=False, maks=batas.CATATAN),
                "solusi": p.teks(_gabung(rpath, "solusi"), r.get("solusi"), wajib=False, maks=batas.CATATAN),
            }
        )

    # Realisasi anggaran
    blok["realisasi_anggaran"] = []
    dipakai_ra: dict[tuple, str] = {}
    total_baris: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for i, r in enumerate(p.daftar(_gabung(path, "realisasi_anggaran"), v.get("realisasi_anggaran", KOSONG))):
        rpath = f"{path}.realisasi_anggaran[{i}]"
        if p.objek(rpath, r, ("sub_kegiatan", "rekening", "triwulan", "jumlah"), ()) is None:
            continue
        sk = _ref(p, _gabung(rpath, "sub_kegiatan"), r.get("sub_kegiatan"), ctx.sub_kegiatan)
        rek = _rekening(p, _gabung(rpath, "rekening"), r.get("rekening"))
        tw = _triwulan(p, _gabung(rpath, "triwulan"), r.get("triwulan", KOSONG), boleh_null=True)
        jumlah = p.uang(_gabung(rpath, "jumlah"), r.get("jumlah"))
        _ganda(p, dipakai_ra, (sk, rek, tw), rpath)
        if sk and rek and jumlah is not None:
            total_baris[(sk, rek)] += jumlah
        blok["realisasi_anggaran"].append({"sub_kegiatan": sk, "rekening": rek, "triwulan": tw, "jumlah": jumlah})
    pagu_akhir = pagu_per_baris.get("perubahan", pagu_per_baris.get("murni", {}))
    for (sk, rek), total in total_baris.items():
        pagu = pagu_akhir.get((sk, rek))
        if pagu is None:
            p.awas(
                _gabung(path, "realisasi_anggaran"),
                _('realisasi untuk sub kegiatan "%(sk)s" rekening "%(rek)s" tanpa pagu') % {"sk": sk, "rek": rek},
            )
        elif total > pagu:
            p.awas(
                _gabung(path, "realisasi_anggaran"),
                _('realisasi sub kegiatan "%(sk)s" rekening "%(rek)s" (%(real)s) melebihi pagu (%(pagu)s)')
                % {"sk": sk, "rek": rek, "real": total, "pagu": pagu},
            )

    # Realisasi fisik
    blok["realisasi_fisik"] = []
    dipakai_f: dict[tuple, str] = {}
    for i, f in enumerate(p.daftar(_gabung(path, "realisasi_fisik"), v.get("realisasi_fisik", KOSONG), wajib=False)):
        fpath = f"{path}.realisasi_fisik[{i}]"
        if p.objek(fpath, f, ("sub_kegiatan", "triwulan", "persen"), ()) is None:
            continue
        sk = _ref(p, _gabung(fpath, "sub_kegiatan"), f.get("sub_kegiatan"), ctx.sub_kegiatan)
        tw = _triwulan(p, _gabung(fpath, "triwulan"), f.get("triwulan", KOSONG), boleh_null=False)
        persen = p.desimal(_gabung(fpath, "persen"), f.get("persen"), digit=7, tempat=2)
        if persen is not None and not (0 <= persen <= 100):
            p.salah(_gabung(fpath, "persen"), _("persen fisik harus 0-100"))
        _ganda(p, dipakai_f, (sk, tw), fpath)
        blok["realisasi_fisik"].append({"sub_kegiatan": sk, "triwulan": tw, "persen": persen})

    blok["evaluasi_akip"] = _evaluasi(p, _gabung(path, "evaluasi_akip"), v.get("evaluasi_akip"))

    blok["pembanding"] = []
    dipakai_pb: dict[tuple, str] = {}
    for i, b in enumerate(p.daftar(_gabung(path, "pembanding"), v.get("pembanding", KOSONG), wajib=False)):
        bpath = f"{path}.pembanding[{i}]"
        if p.objek(bpath, b, ("indikator", "instansi", "nilai"), ("sumber",)) is None:
            continue
        kode = _ref(p, _gabung(bpath, "indikator"), b.get("indikator"), ctx.indikator)
        instansi = p.teks(_gabung(bpath, "instansi"), b.get("instansi"), maks=200)
        _ganda(p, dipakai_pb, (kode, instansi), bpath)
        blok["pembanding"].append(
            {
                "indikator": kode,
                "instansi": instansi,
                "nilai": p.nilai(_gabung(bpath, "nilai"), b.get("nilai")),
                "sumber": p.teks(_gabung(bpath, "sumber"), b.get("sumber"), wajib=False, maks=300),
            }
        )
    blok["standar_nasional"] = []
    dipakai_sn: dict[tuple, str] = {}
    for i, b in enumerate(p.daftar(_gabung(path, "standar_nasional"), v.get("standar_nasional", KOSONG), wajib=False)):
        bpath = f"{path}.standar_nasional[{i}]"
        if p.objek(bpath, b, ("indikator", "nilai"), ("sumber",)) is None:
            continue
        kode = _ref(p, _gabung(bpath, "indikator"), b.get("indikator"), ctx.indikator)
        _ganda(p, dipakai_sn, (kode,), bpath)
        blok["standar_nasional"].append(
            {
                "indikator": kode,
                "nilai": p.nilai(_gabung(bpath, "nilai"), b.get("nilai")),
                "sumber": p.teks(_gabung(bpath, "sumber"), b.get("sumber"), wajib=False, maks=300),
            }
        )

    blok["narasi"] = {}
    narasi = v.get("narasi")
    if narasi is not None:
        if not isinstance(narasi, dict):
            p.salah(_gabung(path, "narasi"), _('harus berupa objek {"kunci": "teks"}'))
        else:
            for kunci, teks in narasi.items():
                npath = f"{path}.narasi.{kunci}"
                if len(kunci) > 120 or not re.match(r"^[a-z0-9_]+(\.[A-Za-z0-9_.\-]+)*$", kunci):
                    p.salah(npath, _("kunci narasi tidak sah"))
                    continue
                blok["narasi"][kunci] = p.teks(npath, teks, maks=batas.NARASI)

    blok["laporan"] = None
    lap = v.get("laporan")
    if lap is not None:
        o = p.objek(_gabung(path, "laporan"), lap, (), ("penandatangan", "tempat", "tanggal")) or {}
        penandatangan = None
        if o.get("penandatangan") is not None:
            penandatangan = _ref(p, f"{path}.laporan.penandatangan", o.get("penandatangan"), ctx.pejabat)
        blok["laporan"] = {
            "penandatangan": penandatangan,
            "tempat": p.teks(f"{path}.laporan.tempat", o.get("tempat"), wajib=False, maks=100),
            "tanggal": p.tanggal(f"{path}.laporan.tanggal", o.get("tanggal")),
        }
    return blok


def _indikator_bertarget(ctx: _Konteks, blok: dict, tahun: int | None) -> set[str]:
    """Indicators with a target in this year: a Renstra target or a PK target."""
    kode = {k for k, ind in ctx.indikator.items() if tahun in ind["target"]}
    for pk in blok["perjanjian_kinerja"]:
        kode.update(pk["target"])
    return kode


class _TriwulanSalah:
    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


_TRIWULAN_SALAH = _TriwulanSalah()


def _triwulan(p: Pemeriksa, path: str, v: Any, *, boleh_null: bool) -> int | None:
    if v is KOSONG:
        p.salah(path, _("wajib diisi (1-4%(null)s)") % {"null": _(" atau null") if boleh_null else ""})
        return None
    if v is None:
        if not boleh_null:
            p.salah(path, _("triwulan harus 1-4"))
        return None
    if isinstance(v, bool) or not isinstance(v, int | Decimal) or v not in (1, 2, 3, 4):
        p.salah(
            path,
            _("triwulan harus 1-4%(null)s, bukan %(nilai)s")
            % {"null": _(" atau null") if boleh_null else "", "nilai": _repr(v)},
        )
        return _TRIWULAN_SALAH  # type: ignore[return-value]  # never a duplicate of another row
    return int(v)


def _rekening(p: Pemeriksa, path: str, v: Any) -> str | None:
    kode = p.teks(path, v, maks=40)
    if not kode:
        return None
    if not _KODE_REKENING.match(kode) or len(kode) > 40:
        p.salah(path, _("kode rekening tidak sah: %(nilai)s") % {"nilai": _repr(kode)})
        return None
    return kode


def _cek_rekening_bertingkat(p: Pemeriksa, path: str, versi: list[dict]) -> None:
    """A pagu line on "5.1.02" and another on "5.1.02.01" of the same sub kegiatan would count money twice."""
    for i, a in enumerate(versi):
        per_sk: dict[str, set[str]] = defaultdict(set)
        for b in a["pagu"]:
            if b["sub_kegiatan"] and b["rekening"]:
                per_sk[b["sub_kegiatan"]].add(b["rekening"])
        for sk, kode_set in per_sk.items():
            for kode in kode_set:
                for lain in kode_set:
                    if lain != kode and lain.startswith(kode + "."):
                        p.salah(
                            f"{path}.anggaran[{i}].pagu",
                            _('sub kegiatan "%(sk)s": rekening "%(a)s" dan "%(b)s" bertumpuk (uang terhitung dua kali)')
                            % {"sk": sk, "a": kode, "b": lain},
                        )


def _ganda(p: Pemeriksa, dipakai: dict, kunci: tuple, path: str, pesan: str | None = None, **fmt) -> None:
    if any(k is None for k in kunci[:-1]) or kunci[0] is None:
        return  # a reference already reported as wrong
    if kunci in dipakai:
        teks = (pesan or _("baris ganda (lihat %(path)s)")) % {"path": dipakai[kunci], **fmt}
        p.salah(path, teks)
    else:
        dipakai[kunci] = path


def _evaluasi(p: Pemeriksa, path: str, v: Any) -> dict | None:
    if v is None:
        return None
    o = p.objek(path, v, ("tahun_dievaluasi", "evaluator", "komponen", "rekomendasi"), ("nilai",))
    if o is None:
        return None
    komponen = []
    for i, k in enumerate(p.daftar(_gabung(path, "komponen"), o.get("komponen", KOSONG))):
        kpath = f"{path}.komponen[{i}]"
        if p.objek(kpath, k, ("nama", "bobot", "nilai"), ()) is None:
            continue
        bobot = p.desimal(_gabung(kpath, "bobot"), k.get("bobot"), digit=7, tempat=2)
        nilai = p.desimal(_gabung(kpath, "nilai"), k.get("nilai"), digit=7, tempat=2)
        if bobot is not None and nilai is not None and not (0 <= nilai <= bobot):
            p.salah(
                _gabung(kpath, "nilai"),
                _("nilai komponen harus 0 sampai bobotnya (%(bobot)s)") % {"bobot": bobot},
            )
        komponen.append(
            {"nama": p.teks(_gabung(kpath, "nama"), k.get("nama"), maks=200), "bobot": bobot, "nilai": nilai}
        )
    rekomendasi = []
    nomor_dipakai: dict[str, str] = {}
    for i, r in enumerate(p.daftar(_gabung(path, "rekomendasi"), o.get("rekomendasi", KOSONG))):
        rpath = f"{path}.rekomendasi[{i}]"
        if p.objek(rpath, r, ("nomor", "uraian"), ("rencana_aksi", "waktu", "tindak_lanjut", "status")) is None:
            continue
        nomor = p.bulat(_gabung(rpath, "nomor"), r.get("nomor"), minimum=1, maksimum=999)
        if nomor is not None:
            _unik(p, nomor_dipakai, str(nomor), _gabung(rpath, "nomor"), _("nomor rekomendasi ganda"))
        rekomendasi.append(
            {
                "nomor": nomor,
                "uraian": p.teks(_gabung(rpath, "uraian"), r.get("uraian"), maks=batas.REKOMENDASI),
                "rencana_aksi": p.teks(
                    _gabung(rpath, "rencana_aksi"), r.get("rencana_aksi"), wajib=False, maks=batas.REKOMENDASI
                ),
                "waktu": p.teks(_gabung(rpath, "waktu"), r.get("waktu"), wajib=False, maks=100),
                "tindak_lanjut": p.teks(
                    _gabung(rpath, "tindak_lanjut"), r.get("tindak_lanjut"), wajib=False, maks=batas.REKOMENDASI
                ),
                "status": p.pilihan(_gabung(rpath, "status"), r.get("status"), STATUS_REKOMENDASI, "belum"),
            }
        )
    return {
        "tahun_dievaluasi": p.tahun(_gabung(path, "tahun_dievaluasi"), o.get("tahun_dievaluasi")),
        "evaluator": p.teks(_gabung(path, "evaluator"), o.get("evaluator"), maks=200),
        "nilai": p.desimal(_gabung(path, "nilai"), o.get("nilai"), digit=20, tempat=4, wajib=False),
        "komponen": komponen,
        "rekomendasi": rekomendasi,
    }
