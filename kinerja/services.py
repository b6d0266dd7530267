"""Writes of the quarterly cycle: realisations (kinerja, money, physical) and the workflow of a quarter.

draf → diajukan → diverifikasi → dikunci, with dikembalikan (returned rows, with a reason) in between. Nobody verifies
their own entry; a locked quarter is read-only until it is reopened with a reason. Every row carries a version: a save
claims it with a conditional UPDATE and fails when someone else saved after the form was opened (ENGINEERING.md §7).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anggaran.models import PaguAnggaran, RealisasiAnggaran, RealisasiFisik, Rekening, VersiAnggaran
from renstra.models import Indikator, PerangkatDaerah, SubKegiatan, UnitKerja
from sakip import batas
from sakip.angka import format_angka, format_rupiah

from .models import EntriRealisasi, KunciTriwulan, PelaporanTriwulan, RealisasiKinerja, Tahap

TRIWULAN_TERKUNCI = _("Triwulan ini sudah dikunci; buka kembali dengan alasan untuk mengubahnya.")
SUDAH_DIAJUKAN = _("Triwulan unit ini sudah diajukan; tunggu verifikasi atau pengembalian dari perencana.")
SUDAH_DIVERIFIKASI = _("Triwulan unit ini sudah diverifikasi.")
SUDAH_DIUBAH = _("Baris ini sudah diubah orang lain setelah Anda membukanya.")
BELUM_DIAJUKAN = _("Triwulan unit ini belum diajukan.")
VERIFIKASI_SENDIRI = _("Anda tidak dapat memverifikasi isian Anda sendiri.")
ALASAN_WAJIB = _("Tuliskan alasannya.")
BELUM_SEMUA_DIVERIFIKASI = _("Triwulan belum dapat dikunci: unit berikut belum diverifikasi: %(unit)s.")
BELUM_DIKUNCI = _("Triwulan ini tidak sedang dikunci.")
SUDAH_DIKUNCI = _("Triwulan ini sudah dikunci.")
MELEBIHI_PAGU = _("Realisasi s.d. triwulan ini (%(jumlah)s) melebihi pagu (%(pagu)s).")
TANPA_PAGU = _("Sub kegiatan ini tidak memiliki pagu untuk rekening tersebut.")
UANG_NEGATIF = _("Jumlah uang tidak boleh negatif.")
PERSEN_0_100 = _("Persentase harus antara 0 dan 100.")
FISIK_MUNDUR = _("Realisasi fisik kumulatif tidak boleh lebih kecil dari triwulan sebelumnya (%(sebelum)s%%).")
BUKAN_BARIS_DIAJUKAN = _("Hanya baris yang sedang diajukan yang dapat dikembalikan.")
NILAI_KOSONG = _("Isi angka atau keterangan, atau pilih status belum tersedia.")
BELUM_TERSEDIA_TANPA_ANGKA = _("Status belum tersedia tidak boleh disertai angka.")


class KinerjaError(Exception):
    """A refused action; ``str(e)`` is the message shown to the person."""


class KonflikVersi(KinerjaError):
    def __init__(self, pesan, baris: EntriRealisasi | None = None) -> None:
        super().__init__(pesan)
        self.baris = baris  # the row as the other person saved it


# --- state of a quarter --------------------------------------------------------------------------------------


def pelaporan(unit: UnitKerja, tahun: int, triwulan: int) -> PelaporanTriwulan:
    obj, _dibuat = PelaporanTriwulan.objects.get_or_create(unit_kerja=unit, tahun=tahun, triwulan=triwulan)
    return obj


def terkunci(pd_id: int, tahun: int, triwulan: int) -> bool:
    return KunciTriwulan.objects.filter(pd_id=pd_id, tahun=tahun, triwulan=triwulan, dikunci=True).exists()


def cek_dapat_diisi(unit: UnitKerja, tahun: int, triwulan: int) -> None:
    """Raise unless the unit's quarter is open for entry (draf or returned, and the PD's quarter not locked)."""
    dikunci = terkunci(unit.pd_id, tahun, triwulan)
    tahap = (
        None
        if dikunci
        else PelaporanTriwulan.objects.filter(unit_kerja=unit, tahun=tahun, triwulan=triwulan)
        .values_list("tahap", flat=True)
        .first()
    )
    cek_tahap_terbuka(dikunci=dikunci, tahap=tahap)


def unit_indikator(indikator: Indikator) -> UnitKerja | None:
    """The unit responsible for an indicator: its own, else its sub kegiatan's."""
    if indikator.unit_kerja_id:
        return indikator.unit_kerja
    if indikator.sub_kegiatan_id:
        return indikator.sub_kegiatan.unit_kerja
    return None


# --- the row rules -------------------------------------------------------------------------------------------
#
# Small functions that raise KinerjaError with the module's messages. The per-row services below and the Excel
# import (anggaran/impor.py) both call them, so a rule lives in one place.


def cek_tahap_terbuka(*, dikunci: bool, tahap: str | None) -> None:
    """The quarter is open for entry: the PD's quarter is not locked and the unit's is draf or returned (or has
    no state yet)."""
    if dikunci:
        raise KinerjaError(TRIWULAN_TERKUNCI)
    if tahap == Tahap.DIAJUKAN:
        raise KinerjaError(SUDAH_DIAJUKAN)
    if tahap in (Tahap.DIVERIFIKASI, Tahap.DIKUNCI):
        raise KinerjaError(SUDAH_DIVERIFIKASI)


def cek_isian_kinerja(*, nilai: Decimal | None, label: str, status: str) -> None:
    """A kinerja row holds a number or a label, or says the figure is not available yet (and then no number)."""
    if status == RealisasiKinerja.Status.BELUM_TERSEDIA and nilai is not None:
        raise KinerjaError(BELUM_TERSEDIA_TANPA_ANGKA)
    if nilai is None and not label and status != RealisasiKinerja.Status.BELUM_TERSEDIA:
        raise KinerjaError(NILAI_KOSONG)


def cek_realisasi_anggaran(*, jumlah: Decimal, pagu: Decimal | None, lain: Decimal) -> None:
    """Money spent in a quarter: not negative, on a line of the latest DPA, and with ``lain`` (what the other
    quarters and the yearly rows of the same line hold) not above the line's pagu over the year."""
    if jumlah < 0:
        raise KinerjaError(UANG_NEGATIF)
    if pagu is None:
        raise KinerjaError(TANPA_PAGU)
    total = lain + jumlah
    if total > pagu:
        raise KinerjaError(MELEBIHI_PAGU % {"jumlah": format_rupiah(total), "pagu": format_rupiah(pagu)})


def cek_realisasi_fisik(*, persen: Decimal, sebelum: Decimal | None) -> None:
    """Cumulative physical progress: 0–100 and not below the latest earlier quarter's figure."""
    if not (0 <= persen <= 100):
        raise KinerjaError(PERSEN_0_100)
    if sebelum is not None and persen < sebelum:
        raise KinerjaError(FISIK_MUNDUR % {"sebelum": format_angka(sebelum)})


def cek_versi(*, baris: EntriRealisasi | None, version: int | None) -> None:
    """Optimistic concurrency of a row read for a form or a template: a new row must come without a version, an
    existing one with the version it had when it was read. (A service save claims the version again in the
    database, which catches a change between this check and the write.)"""
    if baris is None:
        if version not in (None, 0):
            raise KonflikVersi(SUDAH_DIUBAH)
    elif not version or version != baris.version:
        raise KonflikVersi(SUDAH_DIUBAH, baris)


def rekening_bertumpuk(kode_rekening: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (prefix, code) among the account codes of one sub kegiatan where one code is a prefix of another
    ("5.1.02" and "5.1.02.01"): the amounts per account would count that money twice. A repeated code pairs with
    itself. Codes are compared as dotted segments, so "5.1.1" is no prefix of "5.1.10"."""
    urut = sorted(kode_rekening)
    hasil = []
    for n, kode in enumerate(urut):
        induk = next((k for k in urut[:n] if kode == k or kode.startswith(k + ".")), None)
        if induk is not None:
            hasil.append((induk, kode))
    return hasil


# --- saving one row ------------------------------------------------------------------------------------------


def _klaim(model, baris: EntriRealisasi, version: int, fields: list[str], user, alasan: str | None) -> None:
    """Save ``fields`` of an existing row if its version is still ``version``; through save() for the history.

    Field values were checked with full_clean(); uniqueness and check constraints are left to the database, which
    enforces them (checking them in Python costs a query and a savepoint each on every save)."""
    if not model.objects.filter(pk=baris.pk, version=version).update(version=F("version") + 1):
        raise KonflikVersi(SUDAH_DIUBAH, model.objects.select_related("updated_by").get(pk=baris.pk))
    baris.version = version + 1
    baris.updated_by = user
    if alasan:
        baris._change_reason = alasan
    baris.save(update_fields=[*fields, "version", "updated_by", "updated_at"])


def _buat(model, user, **nilai) -> EntriRealisasi:
    try:
        with transaction.atomic():
            return model.objects.create(updated_by=user, **nilai)
    except IntegrityError as e:  # someone created the same row in the meantime
        raise KonflikVersi(SUDAH_DIUBAH) from e


@transaction.atomic
def realisasi_kinerja_simpan(
    *,
    indikator: Indikator,
    tahun: int,
    triwulan: int,
    version: int | None,
    nilai: Decimal | None,
    label: str,
    status: str,
    catatan: str = "",
    hambatan: str = "",
    solusi: str = "",
    user,
) -> RealisasiKinerja:
    unit = unit_indikator(indikator)
    if unit is not None:
        cek_dapat_diisi(unit, tahun, triwulan)
    cek_isian_kinerja(nilai=nilai, label=label, status=status)
    isi = {"nilai": nilai, "label": label, "status": status, "catatan": catatan, "hambatan": hambatan, "solusi": solusi}
    baris = (
        RealisasiKinerja.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
        .select_related("updated_by")
        .first()
    )
    cek_versi(baris=baris, version=version)
    if baris is None:
        baris = RealisasiKinerja(indikator=indikator, tahun=tahun, triwulan=triwulan, **isi)
        baris.full_clean(exclude=["indikator", "updated_by"], validate_unique=False, validate_constraints=False)
        return _buat(RealisasiKinerja, user, indikator=indikator, tahun=tahun, triwulan=triwulan, **isi)
    for k, v in isi.items():
        setattr(baris, k, v)
    if baris.tahap == Tahap.DIKEMBALIKAN:
        baris.tahap = Tahap.DRAF
    baris.full_clean(exclude=["indikator", "updated_by"], validate_unique=False, validate_constraints=False)
    _klaim(RealisasiKinerja, baris, version, [*isi, "tahap"], user, None)
    return baris


def pagu_akhir(sub_kegiatan: SubKegiatan, rekening: Rekening, tahun: int) -> Decimal | None:
    """The pagu of the latest DPA version (perubahan if any, else murni) for one line, or None without a line."""
    versi = (
        VersiAnggaran.objects.filter(pd_id=sub_kegiatan.kegiatan.program.pd_id, tahun=tahun)
        .order_by("-versi")  # "perubahan" sorts after "murni"
        .first()
    )
    if versi is None:
        return None
    return (
        PaguAnggaran.objects.filter(versi=versi, sub_kegiatan=sub_kegiatan, rekening=rekening)
        .values_list("jumlah", flat=True)
        .first()
    )


@transaction.atomic
def realisasi_anggaran_simpan(
    *,
    sub_kegiatan: SubKegiatan,
    rekening: Rekening,
    tahun: int,
    triwulan: int,
    version: int | None,
    jumlah: Decimal,
    user,
) -> RealisasiAnggaran:
    if sub_kegiatan.unit_kerja_id:
        cek_dapat_diisi(sub_kegiatan.unit_kerja, tahun, triwulan)
    pagu = pagu_akhir(sub_kegiatan, rekening, tahun)
    lain = (
        RealisasiAnggaran.objects.filter(sub_kegiatan=sub_kegiatan, rekening=rekening, tahun=tahun)
        .exclude(triwulan=triwulan)
        .aggregate(j=Coalesce(Sum("jumlah"), Decimal("0")))["j"]
        if pagu is not None
        else Decimal("0")
    )
    cek_realisasi_anggaran(jumlah=jumlah, pagu=pagu, lain=lain)
    baris = (
        RealisasiAnggaran.objects.filter(sub_kegiatan=sub_kegiatan, rekening=rekening, tahun=tahun, triwulan=triwulan)
        .select_related("updated_by")
        .first()
    )
    cek_versi(baris=baris, version=version)
    if baris is None:
        return _buat(
            RealisasiAnggaran,
            user,
            sub_kegiatan=sub_kegiatan,
            rekening=rekening,
            tahun=tahun,
            triwulan=triwulan,
            jumlah=jumlah,
        )
    baris.jumlah = jumlah
    if baris.tahap == Tahap.DIKEMBALIKAN:
        baris.tahap = Tahap.DRAF
    _klaim(RealisasiAnggaran, baris, version, ["jumlah", "tahap"], user, None)
    return baris


@transaction.atomic
def realisasi_fisik_simpan(
    *, sub_kegiatan: SubKegiatan, tahun: int, triwulan: int, version: int | None, persen: Decimal, user
) -> RealisasiFisik:
    if sub_kegiatan.unit_kerja_id:
        cek_dapat_diisi(sub_kegiatan.unit_kerja, tahun, triwulan)
    sebelum = (
        RealisasiFisik.objects.filter(sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan__lt=triwulan)
        .order_by("-triwulan")
        .values_list("persen", flat=True)
        .first()
    )
    cek_realisasi_fisik(persen=persen, sebelum=sebelum)
    baris = (
        RealisasiFisik.objects.filter(sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan)
        .select_related("updated_by")
        .first()
    )
    cek_versi(baris=baris, version=version)
    if baris is None:
        return _buat(RealisasiFisik, user, sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan, persen=persen)
    baris.persen = persen
    if baris.tahap == Tahap.DIKEMBALIKAN:
        baris.tahap = Tahap.DRAF
    _klaim(RealisasiFisik, baris, version, ["persen", "tahap"], user, None)
    return baris


# --- the workflow ----------------------------------------------------------------------------------------------


def baris_unit(unit: UnitKerja, tahun: int, triwulan: int) -> list:
    """The querysets of every realisation row of a unit's quarter (kinerja, money, physical)."""
    return [
        RealisasiKinerja.objects.filter(
            Q(indikator__unit_kerja=unit)
            | Q(indikator__unit_kerja__isnull=True, indikator__sub_kegiatan__unit_kerja=unit),
            tahun=tahun,
            triwulan=triwulan,
        ),
        RealisasiAnggaran.objects.filter(sub_kegiatan__unit_kerja=unit, tahun=tahun, triwulan=triwulan),
        RealisasiFisik.objects.filter(sub_kegiatan__unit_kerja=unit, tahun=tahun, triwulan=triwulan),
    ]


def _ubah_tahap(qs_list: list, tahap: str, alasan: str, user, **filter_tahap) -> int:
    """Move rows to ``tahap`` through save() so the history records each one with the reason."""
    n = 0
    for qs in qs_list:
        for baris in qs.filter(**filter_tahap) if filter_tahap else qs:
            baris.tahap = tahap
            baris._change_reason = alasan
            baris.save(update_fields=["tahap", "updated_at"])
            n += 1
    return n


@transaction.atomic
def triwulan_ajukan(*, unit: UnitKerja, tahun: int, triwulan: int, user) -> PelaporanTriwulan:
    cek_dapat_diisi(unit, tahun, triwulan)
    p = PelaporanTriwulan.objects.select_for_update().get(pk=pelaporan(unit, tahun, triwulan).pk)
    baris = baris_unit(unit, tahun, triwulan)  # a unit may submit a quarter with nothing to report
    _ubah_tahap(baris, Tahap.DIAJUKAN, str(_("Diajukan untuk verifikasi")), user)
    for qs in baris:
        qs.update(alasan_kembali="")
    p.tahap, p.diajukan_oleh, p.diajukan_pada = Tahap.DIAJUKAN, user, timezone.now()
    p._change_reason = str(_("Diajukan untuk verifikasi"))
    p.save()
    return p


def _cek_diajukan(unit: UnitKerja, tahun: int, triwulan: int) -> PelaporanTriwulan:
    if terkunci(unit.pd_id, tahun, triwulan):
        raise KinerjaError(TRIWULAN_TERKUNCI)
    p = PelaporanTriwulan.objects.select_for_update().filter(unit_kerja=unit, tahun=tahun, triwulan=triwulan).first()
    if p is None or p.tahap != Tahap.DIAJUKAN:
        raise KinerjaError(BELUM_DIAJUKAN)
    return p


def _cek_alasan(alasan: str) -> str:
    """A reason stripped, refused when empty or past its limit (sakip.batas.ALASAN)."""
    alasan = alasan.strip()
    if not alasan:
        raise KinerjaError(ALASAN_WAJIB)
    if len(alasan) > batas.ALASAN:
        raise KinerjaError(batas.pesan_terlalu_panjang(batas.ALASAN, len(alasan)))
    return alasan


@transaction.atomic
def baris_kembalikan(*, baris: EntriRealisasi, unit: UnitKerja, alasan: str, user) -> EntriRealisasi:
    """The perencana returns one submitted row with a reason; the unit's quarter opens again for correction."""
    alasan = _cek_alasan(alasan)
    p = _cek_diajukan(unit, baris.tahun, baris.triwulan)
    if baris.tahap != Tahap.DIAJUKAN:
        raise KinerjaError(BUKAN_BARIS_DIAJUKAN)
    baris.tahap, baris.alasan_kembali = Tahap.DIKEMBALIKAN, alasan
    baris._change_reason = batas.alasan_riwayat(alasan)
    baris.save(update_fields=["tahap", "alasan_kembali", "updated_at"])
    p.tahap = Tahap.DIKEMBALIKAN
    p._change_reason = batas.alasan_riwayat(alasan)
    p.save()
    return baris


@transaction.atomic
def triwulan_verifikasi(*, unit: UnitKerja, tahun: int, triwulan: int, user) -> PelaporanTriwulan:
    p = _cek_diajukan(unit, tahun, triwulan)
    baris = baris_unit(unit, tahun, triwulan)
    if p.diajukan_oleh_id == user.pk or any(qs.filter(updated_by=user).exists() for qs in baris):
        raise KinerjaError(VERIFIKASI_SENDIRI)
    _ubah_tahap(baris, Tahap.DIVERIFIKASI, str(_("Diverifikasi")), user)
    p.tahap, p.diverifikasi_oleh, p.diverifikasi_pada = Tahap.DIVERIFIKASI, user, timezone.now()
    p._change_reason = str(_("Diverifikasi"))
    p.save()
    return p


def unit_pelapor(pd: PerangkatDaerah) -> list[UnitKerja]:
    """Units that report: those responsible for a sub kegiatan or an indicator of the PD."""
    return list(
        UnitKerja.objects.filter(pd=pd)
        .filter(Q(sub_kegiatan__isnull=False) | Q(indikator__isnull=False))
        .distinct()
        .order_by("urutan", "kode")
    )


@transaction.atomic
def triwulan_kunci(*, pd: PerangkatDaerah, tahun: int, triwulan: int, user) -> KunciTriwulan:
    kunci, _dibuat = KunciTriwulan.objects.select_for_update().get_or_create(pd=pd, tahun=tahun, triwulan=triwulan)
    if kunci.dikunci:
        raise KinerjaError(SUDAH_DIKUNCI)
    units = unit_pelapor(pd)
    terverifikasi = set(
        PelaporanTriwulan.objects.filter(
            unit_kerja__in=units, tahun=tahun, triwulan=triwulan, tahap=Tahap.DIVERIFIKASI
        ).values_list("unit_kerja_id", flat=True)
    )
    belum = [u.nama for u in units if u.pk not in terverifikasi]
    if belum:
        raise KinerjaError(BELUM_SEMUA_DIVERIFIKASI % {"unit": ", ".join(belum)})
    for u in units:
        _ubah_tahap(baris_unit(u, tahun, triwulan), Tahap.DIKUNCI, str(_("Triwulan dikunci")), user)
    PelaporanTriwulan.objects.filter(unit_kerja__in=units, tahun=tahun, triwulan=triwulan).update(tahap=Tahap.DIKUNCI)
    kunci.dikunci, kunci.diubah_oleh, kunci.alasan = True, user, ""
    kunci._change_reason = str(_("Triwulan dikunci"))
    kunci.save()
    return kunci


@transaction.atomic
def triwulan_buka(*, pd: PerangkatDaerah, tahun: int, triwulan: int, alasan: str, user) -> KunciTriwulan:
    alasan = _cek_alasan(alasan)
    kunci = KunciTriwulan.objects.select_for_update().filter(pd=pd, tahun=tahun, triwulan=triwulan).first()
    if kunci is None or not kunci.dikunci:
        raise KinerjaError(BELUM_DIKUNCI)
    units = unit_pelapor(pd)
    for u in units:
        _ubah_tahap(baris_unit(u, tahun, triwulan), Tahap.DIVERIFIKASI, batas.alasan_riwayat(alasan), user)
    for p in PelaporanTriwulan.objects.filter(unit_kerja__in=units, tahun=tahun, triwulan=triwulan):
        p.tahap = Tahap.DIVERIFIKASI
        p._change_reason = batas.alasan_riwayat(alasan)
        p.save()
    kunci.dikunci, kunci.diubah_oleh, kunci.alasan = False, user, alasan
    kunci._change_reason = batas.alasan_riwayat(alasan)
    kunci.save()
    return kunci
