"""Writes of the organisation: the pemda's users and their memberships (who holds which role in which PD and unit).

Only an admin pemda of the pemda (or a superuser) manages them. A membership's scope follows its role (SAKIP.md §2):
an operator sits in one unit of one PD, perencana and pimpinan in one PD, reviewer and admin pemda in the whole pemda.
A pemda always keeps at least one admin pemda. Memberships keep their history (who added or removed them, and when).
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .akses import cakupan
from .models import Keanggotaan, Pemda, PerangkatDaerah, UnitKerja

log = logging.getLogger(__name__)

Peran = Keanggotaan.Peran

BUKAN_ADMIN = _("Hanya admin pemda ini yang dapat mengelola pengguna dan perannya.")
USERNAME_SUDAH_ADA = _("Nama pengguna %(username)s sudah dipakai.")
NAMA_WAJIB = _("Isi nama depan pengguna.")
KATA_SANDI_DITOLAK = _("Kata sandi ditolak: %(alasan)s")
PD_PEMDA_LAIN = _("Perangkat daerah ini bukan bagian dari pemda ini.")
PD_WAJIB = _("Peran ini berlaku pada satu perangkat daerah: pilih perangkat daerahnya.")
UNIT_WAJIB = _("Operator bekerja pada satu unit kerja: pilih unit kerjanya.")
UNIT_HANYA_OPERATOR = _("Hanya operator yang ditempatkan pada unit kerja; kosongkan pilihan unit kerja.")
UNIT_PD_LAIN = _("Unit kerja ini bukan bagian dari perangkat daerah yang dipilih.")
PERAN_SELURUH_PEMDA = _(
    "Reviewer dan admin pemda berlaku untuk seluruh pemda; kosongkan pilihan perangkat daerah dan unit kerja."
)
SUDAH_ADA = _("Pengguna ini sudah memiliki peran tersebut di tempat yang sama.")
ADMIN_TERAKHIR = _("Admin pemda terakhir tidak dapat dihapus; tambahkan admin pemda lain terlebih dahulu.")


class AksesError(Exception):
    """A refused change to who may do what; ``str(e)`` is the message, ``bidang`` the form field it belongs to."""

    def __init__(self, pesan, bidang: str | None = None) -> None:
        super().__init__(pesan)
        self.bidang = bidang


def _cek_admin(oleh, pemda: Pemda) -> None:
    c = cakupan(oleh)
    if not (c.semua or pemda.pk in c.pemda_admin):
        raise AksesError(BUKAN_ADMIN)


def _full_clean(obj, **kwargs) -> None:
    """``full_clean`` with its first problem as a domain error (the form normally catches these first)."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as e:
        bidang, pesan = next(iter(e.message_dict.items()))
        raise AksesError(" ".join(pesan), None if bidang == NON_FIELD_ERRORS else bidang) from e


# --- users -------------------------------------------------------------------------------------------------------


@transaction.atomic
def pengguna_create(
    *,
    pemda: Pemda,
    username: str,
    nama_depan: str,
    nama_belakang: str,
    email: str,
    password: str,
    peran: str,
    pd: PerangkatDaerah | None = None,
    unit_kerja: UnitKerja | None = None,
    oleh,
) -> AbstractBaseUser:
    """A new account with its first role in the pemda (a user belongs to a pemda through a membership).

    The password passes Django's validators (length, likeness to the name, common, all digits).
    """
    _cek_admin(oleh, pemda)
    User = get_user_model()
    username, nama_depan = username.strip(), nama_depan.strip()
    if not nama_depan:
        raise AksesError(NAMA_WAJIB, "nama_depan")
    if User.objects.filter(username__iexact=username).exists():
        raise AksesError(USERNAME_SUDAH_ADA % {"username": username}, "username")
    user = User(username=username, first_name=nama_depan, last_name=nama_belakang.strip(), email=email.strip())
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise AksesError(KATA_SANDI_DITOLAK % {"alasan": " ".join(e.messages)}, "password") from e
    user.set_password(password)
    _full_clean(user, exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as e:  # the same name taken a moment ago
        raise AksesError(USERNAME_SUDAH_ADA % {"username": username}, "username") from e
    keanggotaan_tambah(user=user, pemda=pemda, peran=peran, pd=pd, unit_kerja=unit_kerja, oleh=oleh)
    log.info("pengguna %s dibuat untuk pemda %s oleh %s", user.username, pemda.kode, oleh)
    return user


# --- memberships -------------------------------------------------------------------------------------------------


@transaction.atomic
def keanggotaan_tambah(
    *,
    user,
    pemda: Pemda,
    peran: str,
    pd: PerangkatDaerah | None = None,
    unit_kerja: UnitKerja | None = None,
    oleh,
) -> Keanggotaan:
    """Give ``user`` a role: an operator in one unit, perencana/pimpinan in one PD, reviewer/admin pemda-wide."""
    _cek_admin(oleh, pemda)
    if peran in Keanggotaan.PERAN_PEMDA:
        if pd is not None or unit_kerja is not None:
            raise AksesError(PERAN_SELURUH_PEMDA, "pd" if pd is not None else "unit_kerja")
    else:
        if pd is None:
            raise AksesError(PD_WAJIB, "pd")
        if pd.pemda_id != pemda.pk:
            raise AksesError(PD_PEMDA_LAIN, "pd")
        if peran == Peran.OPERATOR and unit_kerja is None:
            raise AksesError(UNIT_WAJIB, "unit_kerja")
        if peran != Peran.OPERATOR and unit_kerja is not None:
            raise AksesError(UNIT_HANYA_OPERATOR, "unit_kerja")
        if unit_kerja is not None and unit_kerja.pd_id != pd.pk:
            raise AksesError(UNIT_PD_LAIN, "unit_kerja")
    sama = Keanggotaan.objects.filter(user=user, pemda=pemda, peran=peran, pd=pd, unit_kerja=unit_kerja)
    if sama.exists():
        raise AksesError(SUDAH_ADA)
    k = Keanggotaan(user=user, pemda=pemda, peran=peran, pd=pd, unit_kerja=unit_kerja)
    _full_clean(k)
    k._history_user = oleh
    try:
        with transaction.atomic():
            k.save()
    except IntegrityError as e:  # added by someone else a moment ago
        raise AksesError(SUDAH_ADA) from e
    log.info("peran %s diberikan oleh %s", k, oleh)
    return k


@transaction.atomic
def keanggotaan_hapus(*, keanggotaan: Keanggotaan, oleh) -> None:
    """Take a role away. The last admin pemda of a pemda stays, so someone can always manage its users."""
    pemda = keanggotaan.pemda
    _cek_admin(oleh, pemda)
    if keanggotaan.peran == Peran.ADMIN_PEMDA:
        # Lock the pemda's admin rows: two admins removing each other at once must not leave none.
        admin = list(
            Keanggotaan.objects.select_for_update()
            .filter(pemda=pemda, peran=Peran.ADMIN_PEMDA)
            .values_list("pk", flat=True)
        )
        if admin == [keanggotaan.pk]:  # only this one
            raise AksesError(ADMIN_TERAKHIR)
    keanggotaan._history_user = oleh
    log.info("peran %s dicabut oleh %s", keanggotaan, oleh)
    keanggotaan.delete()
