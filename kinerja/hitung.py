"""The calculation core of SAKIP (SAKIP.md §4): plain Python on Decimal, no Django.

Every function takes numbers and returns numbers, unrounded. ``None`` means "no figure" (no target,
qualitative value, not yet available): it is shown as "—" and left out of every mean. Rounding happens
once, at display, through :func:`bulatkan`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NOL = Decimal("0")
SERATUS = Decimal("100")

POSITIF, NEGATIF = "positif", "negatif"
POLARITAS = (POSITIF, NEGATIF)

JUMLAH, TERAKHIR, RATA_RATA, MAKSIMUM, MINIMUM = "jumlah", "terakhir", "rata_rata", "maksimum", "minimum"
AKUMULASI = (JUMLAH, TERAKHIR, RATA_RATA, MAKSIMUM, MINIMUM)

FINAL, SEMENTARA, BELUM_TERSEDIA, TAHUN_LALU = "final", "sementara", "belum_tersedia", "tahun_lalu"
STATUS = (FINAL, SEMENTARA, BELUM_TERSEDIA, TAHUN_LALU)

TRIWULAN = (1, 2, 3, 4)


@dataclass(frozen=True)
class Nilai:
    """A target or realisation: a number and/or a label (SAKIP.md §3). No number: qualitative."""

    nilai: Decimal | None
    label: str = ""

    @property
    def kualitatif(self) -> bool:
        return self.nilai is None


def bulatkan(x: Decimal, desimal: int = 2) -> Decimal:
    """Round half-up (0,125 → 0,13), the one rounding of the application."""
    return x.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


# --- capaian -------------------------------------------------------------------------------------------


def capaian(*, target: Decimal | None, realisasi: Decimal | None, polaritas: str) -> Decimal | None:
    """Capaian (%) of a realisation against its target, by polarity. Unrounded.

    positif: realisasi / target × 100. negatif: (2 × target − realisasi) / target × 100, floored at 0.
    Target 0: undefined for positif; for negatif 100 when realisasi is 0, else 0.
    """
    if target is None or realisasi is None:
        return None
    if polaritas not in POLARITAS:
        raise ValueError(f"polaritas tidak dikenal: {polaritas!r}")
    if target == 0:
        if polaritas == NEGATIF:
            return SERATUS if realisasi == 0 else NOL
        return None
    if polaritas == POSITIF:
        return realisasi / target * SERATUS
    return max((2 * target - realisasi) / target * SERATUS, NOL)


def kemajuan_renstra(*, realisasi: Decimal | None, target_akhir: Decimal | None, polaritas: str) -> Decimal | None:
    """Progress against the target of the Renstra's last year: the capaian of this year's realisation."""
    return capaian(target=target_akhir, realisasi=realisasi, polaritas=polaritas)


def pertumbuhan(*, sekarang: Decimal | None, sebelumnya: Decimal | None) -> Decimal | None:
    """(realisasi t / realisasi t−1 − 1) × 100; undefined where either is missing or t−1 is 0."""
    if sekarang is None or sebelumnya is None or sebelumnya == 0:
        return None
    return (sekarang / sebelumnya - 1) * SERATUS


# --- the four quarters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NilaiTriwulan:
    """One quarter's reported value. ``nilai`` None: qualitative or not available."""

    triwulan: int
    nilai: Decimal | None
    status: str = FINAL


@dataclass(frozen=True)
class Tahunan:
    """An annual figure made from quarters (or entered directly)."""

    nilai: Decimal | None
    status: str | None
    parsial: bool = False
    triwulan_terakhir: int | None = None


def akumulasi_tahunan(*, akumulasi: str, triwulan: Iterable[NilaiTriwulan], sampai: int = 4) -> Tahunan:
    """Make the figure up to quarter ``sampai`` from the quarters, by the indicator's akumulasi.

    Quarters without a number (qualitative, ``belum_tersedia``) are left out. ``terakhir`` takes the latest
    quarter with a number; the result is ``parsial`` when that is not quarter ``sampai``. ``jumlah`` is
    partial when a quarter up to ``sampai`` is missing.
    """
    if akumulasi not in AKUMULASI:
        raise ValueError(f"akumulasi tidak dikenal: {akumulasi!r}")
    semua = sorted((t for t in triwulan if t.triwulan <= sampai), key=lambda t: t.triwulan)
    if not semua:
        return Tahunan(nilai=None, status=None, parsial=True)
    berangka = [t for t in semua if t.nilai is not None]
    if not berangka:
        return Tahunan(nilai=None, status=_status_gabungan(semua), parsial=True)
    terakhir = berangka[-1].triwulan
    ada = {t.triwulan for t in berangka}
    parsial = any(tw not in ada for tw in range(1, sampai + 1))
    nilai_list = [t.nilai for t in berangka]
    if akumulasi == TERAKHIR:
        return Tahunan(
            nilai=berangka[-1].nilai,
            status=berangka[-1].status,
            parsial=terakhir != sampai,
            triwulan_terakhir=terakhir,
        )
    if akumulasi == JUMLAH:
        nilai = sum(nilai_list, NOL)
    elif akumulasi == RATA_RATA:
        nilai = sum(nilai_list, NOL) / len(nilai_list)
    elif akumulasi == MAKSIMUM:
        nilai = max(nilai_list)
    else:
        nilai = min(nilai_list)
    return Tahunan(nilai=nilai, status=_status_gabungan(berangka), parsial=parsial, triwulan_terakhir=terakhir)


_URUTAN_STATUS = {FINAL: 0, TAHUN_LALU: 1, SEMENTARA: 2, BELUM_TERSEDIA: 3}


def _status_gabungan(triwulan: Sequence[NilaiTriwulan]) -> str:
    """The weakest status among the quarters used (final < tahun_lalu < sementara < belum_tersedia)."""
    return max((t.status for t in triwulan), key=lambda s: _URUTAN_STATUS.get(s, 0))


def dihitung_dalam_rata_rata(*, status: str | None, tahun_lalu_dihitung: bool = False) -> bool:
    """Whether a realisation of this status counts in means (SAKIP.md §3)."""
    if status == BELUM_TERSEDIA:
        return False
    if status == TAHUN_LALU:
        return tahun_lalu_dihitung
    return True


def progres(*, realisasi_kumulatif: Decimal | None, target: Decimal | None, polaritas: str = POSITIF) -> Decimal | None:
    """Progress in the year: realisation up to TW n against the annual (or rencana aksi) target."""
    return capaian(target=target, realisasi=realisasi_kumulatif, polaritas=polaritas)


# --- means and scales ----------------------------------------------------------------------------------


def rata_rata(nilai: Iterable[Decimal | None], *, batas_atas: Decimal | None = None) -> Decimal | None:
    """Mean of the values that exist (unrounded), each capped at ``batas_atas`` when the policy sets one."""
    ada = [n for n in nilai if n is not None]
    if not ada:
        return None
    if batas_atas is not None:
        ada = [min(n, batas_atas) for n in ada]
    return sum(ada, NOL) / len(ada)


@dataclass(frozen=True)
class Pita:
    """One band of a rating scale: values above ``batas_bawah`` (or equal, where ``termasuk``)."""

    batas_bawah: Decimal | None
    termasuk: bool
    label: str
    warna: str = ""

    def memuat(self, nilai: Decimal) -> bool:
        if self.batas_bawah is None:
            return True
        return nilai >= self.batas_bawah if self.termasuk else nilai > self.batas_bawah


@dataclass(frozen=True)
class Skala:
    """A rating scale: bands in descending order; a value falls in the first band that holds it."""

    nama: str
    pita: tuple[Pita, ...]

    def __post_init__(self) -> None:
        if not self.pita:
            raise ValueError(f"skala {self.nama!r} tidak memiliki pita")
        if any(p.batas_bawah is None for p in self.pita[:-1]):
            raise ValueError(f"hanya pita terakhir skala {self.nama!r} yang boleh tanpa batas bawah")
        batas = [p.batas_bawah for p in self.pita if p.batas_bawah is not None]
        if batas != sorted(batas, reverse=True):
            raise ValueError(f"pita skala {self.nama!r} harus berurutan menurun")


def kategori(nilai: Decimal | None, skala: Skala, *, desimal: int = 2) -> Pita | None:
    """The band a value falls in, or None for no value (or a value below every band).

    The value is rated as it is printed (rounded half-up to ``desimal`` places), so a capaian of 90,004 shown
    as "90,00" is never rated above a "> 90" bound it does not visibly pass.
    """
    if nilai is None:
        return None
    nilai = bulatkan(nilai, desimal)
    for pita in skala.pita:
        if pita.memuat(nilai):
            return pita
    return None


def _skala(nama: str, *pita: tuple[str | None, bool, str, str]) -> Skala:
    return Skala(
        nama=nama,
        pita=tuple(Pita(Decimal(b) if b is not None else None, t, label, warna) for b, t, label, warna in pita),
    )


#: The five presets of SAKIP.md §4, by the names the bundle uses.
PRESET: dict[str, Skala] = {
    s.nama: s
    for s in (
        _skala(
            "permenpan-12-2015",
            ("90", False, "Sangat Memuaskan", "#1a7f37"),
            ("80", False, "Memuaskan", "#2f9e44"),
            ("70", False, "Sangat Baik", "#1c7ed6"),
            ("60", False, "Baik", "#4dabf7"),
            ("50", False, "Cukup", "#f59f00"),
            (None, True, "Kurang", "#e03131"),
        ),
        _skala(
            "permendagri-86-2017",
            ("90", False, "Sangat Tinggi", "#1a7f37"),
            ("75", False, "Tinggi", "#2f9e44"),
            ("65", False, "Sedang", "#f59f00"),
            ("50", False, "Rendah", "#f76707"),
            (None, True, "Sangat Rendah", "#e03131"),
        ),
        _skala(
            "empat-kelas",
            ("100", True, "Berhasil", "#2f9e44"),
            ("70", True, "Cukup Berhasil", "#1c7ed6"),
            ("40", True, "Kurang Berhasil", "#f59f00"),
            (None, True, "Tidak Berhasil", "#e03131"),
        ),
        _skala(
            "akip",
            ("90", False, "AA", "#1a7f37"),
            ("80", False, "A", "#2f9e44"),
            ("70", False, "BB", "#1c7ed6"),
            ("60", False, "B", "#4dabf7"),
            ("50", False, "CC", "#f59f00"),
            ("30", False, "C", "#f76707"),
            ("0", True, "D", "#e03131"),
        ),
        _skala(
            "ikm",
            ("88.31", True, "A Sangat Baik", "#1a7f37"),
            ("76.61", True, "B Baik", "#1c7ed6"),
            ("65", True, "C Kurang Baik", "#f59f00"),
            ("25", True, "D Tidak Baik", "#e03131"),
        ),
    )
}


# --- money ---------------------------------------------------------------------------------------------


def sisa(*, pagu: Decimal, realisasi: Decimal) -> Decimal:
    return pagu - realisasi


def serapan(*, pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """realisasi / pagu × 100; undefined without a pagu."""
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi / pagu * SERATUS


def bertambah_berkurang(*, pagu_murni: Decimal, pagu_perubahan: Decimal) -> Decimal:
    return pagu_perubahan - pagu_murni


def target_keuangan(
    *,
    triwulan: int,
    pagu_murni: Decimal,
    pagu_perubahan: Decimal,
    anggaran_kas_kumulatif: Decimal | None = None,
) -> Decimal:
    """Planned spending up to TW n: the anggaran kas when entered, else min(pagu murni × n/4, pagu perubahan)."""
    if triwulan not in TRIWULAN:
        raise ValueError(f"triwulan di luar 1-4: {triwulan!r}")
    if anggaran_kas_kumulatif is not None:
        return anggaran_kas_kumulatif
    return min(pagu_murni * triwulan / 4, pagu_perubahan)


def efisiensi(*, capaian: Decimal | None, serapan: Decimal | None) -> Decimal | None:
    """Tingkat efisiensi in points: capaian kinerja (%) − serapan anggaran (%)."""
    if capaian is None or serapan is None:
        return None
    return capaian - serapan


def fisik_tertimbang(anak: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """A parent's physical progress: the pagu-weighted mean of its children's (pagu, persen)."""
    pasangan = [(p, f) for p, f in anak if f is not None]
    total = sum((p for p, _ in pasangan), NOL)
    if not pasangan or total == 0:
        return None
    return sum((p * f for p, f in pasangan), NOL) / total


def prefiks_rekening(kode: str) -> list[str]:
    """Every account code a code rolls up into, itself included: "5.1.02" → ["5", "5.1", "5.1.02"]."""
    bagian = kode.split(".")
    return [".".join(bagian[: i + 1]) for i in range(len(bagian))]


def kunci_kode(kode: str) -> tuple:
    """Sort key for dotted codes, numeric where a segment is a number ("5.1.2" before "5.1.10")."""
    return tuple((0, int(b), "") if b.isdigit() else (1, 0, b) for b in kode.split("."))


def jumlah_per_prefiks(baris: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Roll amounts up by account code prefix: every prefix of every code gets the sum of its lines."""
    per_kode: dict[str, Decimal] = {}
    for kode, jumlah in baris:  # sum per full code first: a DPA repeats few codes over many lines
        per_kode[kode] = per_kode.get(kode, NOL) + jumlah
    hasil: dict[str, Decimal] = {}
    for kode, jumlah in per_kode.items():
        for p in prefiks_rekening(kode):
            hasil[p] = hasil.get(p, NOL) + jumlah
    return hasil


# --- AKIP and IKM --------------------------------------------------------------------------------------


def total_akip(nilai_komponen: Iterable[Decimal]) -> Decimal:
    """The AKIP score: the sum of the component values."""
    return sum(nilai_komponen, NOL)


IKM_BOBOT = Decimal("0.111")
IKM_KONVERSI = Decimal("25")


@dataclass(frozen=True)
class HasilIKM:
    ikm: Decimal
    konversi: Decimal


def ikm(rata_rata_unsur: Sequence[Decimal]) -> HasilIKM:
    """IKM = Σ element means × 0,111; konversi = IKM × 25, from the unrounded IKM."""
    if not rata_rata_unsur:
        raise ValueError("IKM memerlukan sedikitnya satu unsur")
    for r in rata_rata_unsur:
        if not (1 <= r <= 4):
            raise ValueError(f"rata-rata unsur IKM harus 1-4: {r}")
    nilai = sum(rata_rata_unsur, NOL) * IKM_BOBOT
    return HasilIKM(ikm=nilai, konversi=nilai * IKM_KONVERSI)
