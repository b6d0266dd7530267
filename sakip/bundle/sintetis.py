"""A deterministic synthetic ``sakip-bundle/1`` of any size, for benchmarks and query-budget tests.

``bundle_sintetis(500)`` gives a PD of 500 sub kegiatan and 1,500 indicators with four quarters of kinerja and money.
Every number is an int or Decimal, as the importer receives them from ``baca_json``.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from typing import Any

TAHUN = 2024
RENSTRA = (2021, 2026)
KODE_PD = "5.01.5.05.0.00.01.0000"

# Leaf codes of the Permendagri 90/2019 chart, all at the same depth (pagu lines of one sub kegiatan never nest).
REKENING = [
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"),
    ("5.1.02.01.01.0025", "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover"),
    ("5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak"),
    ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat"),
    ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi"),
    ("5.1.02.02.01.0029", "Belanja Jasa Tenaga Ahli"),
    ("5.1.02.02.01.0063", "Belanja Kawat/Faksimili/Internet/TV Berlangganan"),
    ("5.1.02.03.02.0035", "Belanja Pemeliharaan Kendaraan Dinas Bermotor Perorangan"),
    ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa"),
    ("5.1.02.04.01.0003", "Belanja Perjalanan Dinas Dalam Kota"),
    ("5.2.02.05.01.0005", "Belanja Modal Alat Kantor Lainnya"),
    ("5.2.02.10.01.0002", "Belanja Modal Personal Computer"),
]

UNIT = [  # (kode, nama, jenis, induk)
    ("SEKRETARIAT", "Sekretariat", "sekretariat", None),
    ("SUBBAG-UMUM", "Subbagian Umum dan Kepegawaian", "subbagian", "SEKRETARIAT"),
    ("SUBBAG-KEU", "Subbagian Keuangan", "subbagian", "SEKRETARIAT"),
    ("SUBBAG-PROG", "Subbagian Perencanaan dan Pelaporan", "subbagian", "SEKRETARIAT"),
    ("BIDANG-1", "Bidang Pelayanan", "bidang", None),
    ("BIDANG-2", "Bidang Pengembangan", "bidang", None),
    ("BIDANG-3", "Bidang Pengendalian", "bidang", None),
    ("BIDANG-4", "Bidang Data dan Informasi", "bidang", None),
    ("UPT-1", "UPT Wilayah I", "lainnya", None),
    ("UPT-2", "UPT Wilayah II", "lainnya", None),
]


def angka(x: float, desimal: int) -> int | Decimal:
    """An exact bundle number (never a float): int for whole numbers, else a Decimal with ``desimal`` places."""
    if desimal == 0:
        return round(x)
    return Decimal(round(x * 10**desimal)).scaleb(-desimal)


def bagi(jumlah: int, n: int) -> list[int]:
    """``jumlah`` spread over ``n`` items as evenly as possible."""
    return [jumlah // n + (1 if i < jumlah % n else 0) for i in range(n)] if n else []


class Pembangun:
    """Builds a deterministic sakip-bundle/1 dict; keeps what the realisations need per indicator."""

    def __init__(self, n_sub: int, seed: int) -> None:
        self.n_sub = n_sub
        self.rng = random.Random(seed)
        self.jenis: dict[str, tuple[str, int | Decimal]] = {}  # indicator kode -> (jenis, target of the year)

    def indikator(self, kode: str, uraian: str, *, iku: bool = False, unit: str | None = None) -> dict[str, Any]:
        rng = self.rng
        jenis = "iku" if iku else rng.choices(["persen", "jumlah", "indeks", "negatif", "maks"], [5, 5, 2, 1, 1])[0]
        if jenis in ("persen", "iku"):
            target = angka(rng.uniform(70, 98), 2)
            akhir = min(Decimal(100), target + angka(rng.uniform(0, 5), 2))
            d: dict[str, Any] = {"satuan": "Persen", "akumulasi": "terakhir"}
        elif jenis == "jumlah":
            target = rng.randint(4, 400)
            akhir = target + rng.randint(0, 40)
            d = {"satuan": rng.choice(["Dokumen", "Orang", "Kegiatan", "Paket", "Laporan"]), "akumulasi": "jumlah"}
            d["desimal"] = 0
        elif jenis == "indeks":
            target = angka(rng.uniform(3.0, 3.8), 2)
            akhir = target + angka(rng.uniform(0, 0.2), 2)
            d = {"satuan": "Indeks", "akumulasi": "rata_rata"}
        elif jenis == "negatif":
            target = rng.randint(5, 50)
            akhir = max(1, target - rng.randint(0, 5))
            d = {"satuan": "Kasus", "akumulasi": "jumlah", "polaritas": "negatif", "desimal": 0}
        else:
            target = angka(rng.uniform(50, 90), 2)
            akhir = target + angka(rng.uniform(0, 10), 2)
            d = {"satuan": "Persen", "akumulasi": "maksimum"}
        self.jenis[kode] = (jenis, target)
        d = {"kode": kode, "uraian": uraian, **d, "target": {str(TAHUN): target, str(RENSTRA[1]): akhir}}
        if iku:
            d["iku"] = True
        if unit:
            d["unit_kerja"] = unit
        return d

    def realisasi(self, kode: str) -> list[dict[str, Any]]:
        """Four quarters of one indicator, shaped by its akumulasi."""
        rng = self.rng
        jenis, target = self.jenis[kode]
        kinerja = rng.uniform(0.55, 1.12)
        if jenis in ("persen", "iku"):
            akhir = min(100.0, float(target) * kinerja)
            nilai = [angka(akhir * f, 2) for f in (0.3, 0.55, 0.8, 1.0)]
        elif jenis in ("jumlah", "negatif"):
            nilai = bagi(max(0, round(float(target) * kinerja)), 4)
            rng.shuffle(nilai)
        elif jenis == "indeks":
            nilai = [angka(float(target) * rng.uniform(0.9, 1.1), 2) for _ in range(4)]
        else:
            nilai = [angka(float(target) * kinerja * rng.uniform(0.7, 1.0), 2) for _ in range(4)]
        baris = [{"indikator": kode, "triwulan": tw, "nilai": n} for tw, n in enumerate(nilai, start=1)]
        if rng.random() < 0.03:
            baris[3]["status"] = "sementara"
        return baris

    def bundle(self) -> dict[str, Any]:
        rng = self.rng
        n_sub = self.n_sub
        n_prog = max(1, math.ceil(n_sub / 20))
        # 25 programs x 4 kegiatan x 5 sub kegiatan = 500; fewer at the end when n_sub is not a multiple of 20.
        struktur: list[list[int]] = []  # per program, per kegiatan: number of sub kegiatan
        sisa = n_sub
        for _ in range(n_prog):
            keg = []
            for _ in range(4):
                if sisa <= 0:
                    break
                keg.append(min(5, sisa))
                sisa -= keg[-1]
            struktur.append(keg)
        n_keg = sum(len(k) for k in struktur)
        # Indicators: 2 per sub kegiatan, 1 per tujuan, 2 IKU per sasaran, the rest (n_sub - 15) on kegiatan
        # (up to 4 each) and programs: 3 per sub kegiatan in all, 1,500 for 500.
        lebih = max(0, n_sub - 15)
        per_keg = bagi(min(lebih, 4 * n_keg), n_keg)
        per_prog = bagi(lebih - sum(per_keg), n_prog)

        unit_sub = [u[0] for u in UNIT[1:]]
        tujuan = []
        for t in range(1, 4):
            sasaran = []
            for s in (2 * t - 1, 2 * t):
                sasaran.append(
                    {
                        "kode": f"S{s}",
                        "uraian": f"Meningkatnya kinerja urusan {s}",
                        "indikator": [
                            self.indikator(f"IKU-{2 * s - 1 + j}", f"Indikator kinerja utama {2 * s - 1 + j}", iku=True)
                            for j in range(2)
                        ],
                    }
                )
            tujuan.append(
                {
                    "kode": f"T{t}",
                    "uraian": f"Tujuan {t}",
                    "misi": [f"M{t}"],
                    "indikator": [self.indikator(f"IT-{t}", f"Indikator tujuan {t}")],
                    "sasaran": sasaran,
                }
            )

        program = []
        pagu_murni: list[dict[str, Any]] = []
        pagu_perubahan: list[dict[str, Any]] = []
        realisasi_anggaran: list[dict[str, Any]] = []
        anggaran_program: dict[str, int] = {}
        n_keg_global = 0
        for p, daftar_keg in enumerate(struktur):
            kode_p = f"5.01.{p + 1:02d}"
            kegiatan = []
            for k, n_sk in enumerate(daftar_keg):
                kode_k = f"{kode_p}.2.{k + 1:02d}"
                sub = []
                for s in range(n_sk):
                    kode_s = f"{kode_k}.{s + 1:04d}"
                    unit = rng.choice(unit_sub)
                    sub.append(
                        {
                            "kode": kode_s,
                            "nama": f"Sub kegiatan {kode_s}",
                            "unit_kerja": unit,
                            "indikator": [
                                self.indikator(f"SK-{kode_s}-{j}", f"Keluaran {j} sub kegiatan {kode_s}", unit=unit)
                                for j in (1, 2)
                            ],
                        }
                    )
                    for kode_rek, uraian_rek in rng.sample(REKENING, 2):
                        murni = rng.randint(20, 800) * 1_000_000
                        akhir = murni // 1000 * rng.randint(900, 1100)  # the perubahan, whole thousands
                        baris = {"sub_kegiatan": kode_s, "rekening": kode_rek, "jumlah": murni}
                        pagu_murni.append(baris | {"uraian_rekening": uraian_rek})
                        pagu_perubahan.append({"sub_kegiatan": kode_s, "rekening": kode_rek, "jumlah": akhir})
                        anggaran_program[kode_p] = anggaran_program.get(kode_p, 0) + murni
                        belanja = akhir * rng.uniform(0.6, 0.98)
                        bobot = [rng.uniform(0.5, 1.5) for _ in range(4)]
                        for tw, b in enumerate(bobot, start=1):
                            realisasi_anggaran.append(
                                {
                                    "sub_kegiatan": kode_s,
                                    "rekening": kode_rek,
                                    "triwulan": tw,
                                    "jumlah": math.floor(belanja * b / sum(bobot)),
                                }
                            )
                kegiatan.append(
                    {
                        "kode": kode_k,
                        "nama": f"Kegiatan {kode_k}",
                        "indikator": [
                            self.indikator(f"K-{kode_k}-{j}", f"Hasil {j} kegiatan {kode_k}")
                            for j in range(1, per_keg[n_keg_global] + 1)
                        ],
                        "sub_kegiatan": sub,
                    }
                )
                n_keg_global += 1
            program.append(
                {
                    "kode": kode_p,
                    "nama": f"PROGRAM {p + 1}",
                    "sasaran": sorted({f"S{p % 6 + 1}", f"S{(p + 3) % 6 + 1}"}) if p % 5 == 0 else [f"S{p % 6 + 1}"],
                    "indikator": [
                        self.indikator(f"P-{kode_p}-{j}", f"Outcome {j} program {kode_p}")
                        for j in range(1, per_prog[p] + 1)
                    ],
                    "kegiatan": kegiatan,
                }
            )

        realisasi_kinerja = [r for kode in self.jenis for r in self.realisasi(kode)]
        target_iku = {kode: target for kode, (jenis, target) in self.jenis.items() if jenis == "iku"}
        return {
            "format": "sakip-bundle/1",
            "pemda": {
                "kode": "99.98",
                "nama": "Kabupaten Bench",
                "jenis": "kabupaten",
                "kepala": {"nama": "BUPATI BENCH", "jabatan": "Bupati Bench"},
            },
            "perangkat_daerah": {
                "kode": KODE_PD,
                "nama": "Badan Uji Beban",
                "singkatan": "BUB",
                "tempat": "Bench",
            },
            "unit_kerja": [{"kode": k, "nama": n, "jenis": j, **({"induk": i} if i else {})} for k, n, j, i in UNIT],
            "pejabat": [
                {"kode": "KEPALA", "nama": "KEPALA BADAN", "jabatan": "Kepala Badan Uji Beban"},
                {"kode": "SEKRETARIS", "nama": "SEKRETARIS", "jabatan": "Sekretaris", "unit_kerja": "SEKRETARIAT"},
            ],
            "kebijakan": {
                "skala_capaian": "permenpan-12-2015",
                "batas_atas_capaian": 120,
                "efisiensi": {"tingkat": "sasaran", "hanya_capaian_100": False},
                "tahun_lalu_dihitung": False,
            },
            "renstra": {
                "tahun_mulai": RENSTRA[0],
                "tahun_selesai": RENSTRA[1],
                "visi": "Visi uji beban",
                "misi": [{"kode": f"M{m}", "uraian": f"Misi {m}"} for m in range(1, 4)],
                "tujuan": tujuan,
            },
            "program": program,
            "tahun": [
                {
                    "tahun": TAHUN,
                    "perjanjian_kinerja": [
                        {
                            "versi": 1,
                            "jenis": "murni",
                            "tanggal": f"{TAHUN}-01-31",
                            "pihak_pertama": "KEPALA",
                            "pihak_kedua": {"nama": "BUPATI BENCH", "jabatan": "Bupati Bench"},
                            "target": target_iku,
                            "anggaran_program": anggaran_program,
                        }
                    ],
                    "anggaran": [
                        {"versi": "murni", "tanggal": f"{TAHUN}-01-02", "pagu": pagu_murni},
                        {"versi": "perubahan", "tanggal": f"{TAHUN}-09-15", "pagu": pagu_perubahan},
                    ],
                    "realisasi_kinerja": realisasi_kinerja,
                    "realisasi_anggaran": realisasi_anggaran,
                }
            ],
        }


def bundle_sintetis(n_sub: int = 500, seed: int = 2024) -> dict[str, Any]:
    """A PD with ``n_sub`` sub kegiatan (3 indicators each, counted over all levels), one PK, two DPA versions."""
    return Pembangun(n_sub, seed).bundle()
