"""Demo data: the shipped bundles and one user per role, so a new user can try every part of the application."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.models import Keanggotaan, PerangkatDaerah, UnitKerja

from .bundle.impor import ImporGagal, RingkasanImpor, baca_json, bundle_import

DEMO_DIR = Path(__file__).resolve().parent / "demo"
BUNDLE_DEMO = ("paser-2024.json", "contoh-bundle.json")
PASSWORD_DEMO = "sakip-demo-2024"

PASER = "4.01.0.00.0.00.01.0000"
SUKAMAJU = "7.01.0.00.0.00.09.0000"
#: The pemda of each demo PD: a PD's code is unique within its pemda only.
PEMDA_DEMO = {PASER: "64.01", SUKAMAJU: "99.01"}

Peran = Keanggotaan.Peran

#: Django model permissions per role for the admin screens (object scoping comes from memberships). None of them
#: touches ``auth``: accounts are managed on the Pengguna screens, and the user admin is a superuser's.
APLIKASI = ("renstra", "kinerja", "anggaran", "laporan")
GRUP = {
    Peran.ADMIN_PEMDA: ("Admin pemda", ("view", "add", "change", "delete")),
    Peran.PERENCANA: ("Perencana", ("view", "add", "change")),
    Peran.PIMPINAN: ("Pimpinan", ("view",)),
    Peran.REVIEWER: ("Reviewer Inspektorat", ("view",)),
    Peran.OPERATOR: ("Operator unit kerja", ("view",)),
}


def pd_demo(kode: str) -> PerangkatDaerah:
    """The demo PD with ``kode``, in its own pemda (another pemda may have a PD with the same code)."""
    return PerangkatDaerah.objects.select_related("pemda").get(pemda__kode=PEMDA_DEMO[kode], kode=kode)


@dataclass(frozen=True)
class PenggunaDemo:
    username: str
    nama: str
    peran: str
    pd: str | None
    unit: str | None = None


PENGGUNA_DEMO = (
    PenggunaDemo("admin.paser", "Admin Pemda Paser", Peran.ADMIN_PEMDA, None),
    PenggunaDemo("perencana.setda", "Perencana Setda Paser", Peran.PERENCANA, PASER),
    PenggunaDemo("pimpinan.setda", "Sekretaris Daerah Paser", Peran.PIMPINAN, PASER),
    PenggunaDemo("operator.pemerintahan", "Operator Bagian Pemerintahan", Peran.OPERATOR, PASER, "BAG-PEM"),
    PenggunaDemo("reviewer.inspektorat", "Reviewer Inspektorat Paser", Peran.REVIEWER, None),
    PenggunaDemo("perencana.sukamaju", "Perencana Kecamatan Sukamaju", Peran.PERENCANA, SUKAMAJU),
    PenggunaDemo("operator.pelayanan", "Operator Seksi Pelayanan Sukamaju", Peran.OPERATOR, SUKAMAJU, "SEKSI-PEL"),
)


def _grup(peran: str) -> Group:
    nama, aksi = GRUP[peran]
    grup, _ = Group.objects.get_or_create(name=nama)
    perms = Permission.objects.filter(content_type__app_label__in=APLIKASI, codename__regex=rf"^({'|'.join(aksi)})_")
    grup.permissions.set(perms)  # set, not add: a group loaded by an older demo loses its auth permissions
    return grup


TAHUN_DEMO = 2024
#: The unit each demo operator fills; every other unit of the PD has already submitted TW IV.
UNIT_OPERATOR_DEMO = {PASER: "BAG-PEM", SUKAMAJU: "SEKSI-PEL"}


def demo_quarters_prepare() -> None:
    """Put the demo year where the cycle stands in February: TW I–III verified and locked, TW IV submitted by
    every unit except the demo operator's, so each demo role has its part of the quarter left to do."""
    from kinerja import services
    from kinerja.models import KunciTriwulan, PelaporanTriwulan

    User = get_user_model()
    for kode, unit_operator in UNIT_OPERATOR_DEMO.items():
        pd = pd_demo(kode)
        if PelaporanTriwulan.objects.filter(unit_kerja__pd=pd, tahun=TAHUN_DEMO).exists():
            continue  # already prepared (or worked on): leave it as it is
        perencana = User.objects.get(keanggotaan__pd=pd, keanggotaan__peran=Peran.PERENCANA)
        units = services.unit_pelapor(pd)
        for tw in (1, 2, 3):
            for u in units:
                services.triwulan_ajukan(unit=u, tahun=TAHUN_DEMO, triwulan=tw, user=None)
                services.triwulan_verifikasi(unit=u, tahun=TAHUN_DEMO, triwulan=tw, user=perencana)
            services.triwulan_kunci(pd=pd, tahun=TAHUN_DEMO, triwulan=tw, user=perencana)
        for u in units:
            if u.kode != unit_operator:
                services.triwulan_ajukan(unit=u, tahun=TAHUN_DEMO, triwulan=4, user=None)
        assert KunciTriwulan.objects.filter(pd=pd, tahun=TAHUN_DEMO, dikunci=True).count() == 3


@transaction.atomic
def demo_load(*, dengan_pengguna: bool = True) -> list[RingkasanImpor]:
    """Import the demo bundles (idempotent) and create one demo user per role with the shared demo password."""
    ringkasan = []
    for nama in BUNDLE_DEMO:
        hasil, r = bundle_import(doc=baca_json((DEMO_DIR / nama).read_bytes()))
        if not hasil.sah:
            raise ImporGagal(_("Bundle demo %(nama)s tidak sah: %(galat)s") % {"nama": nama, "galat": hasil.galat[0]})
        assert r is not None
        ringkasan.append(r)
    if dengan_pengguna:
        demo_users_create()
        demo_quarters_prepare()
    return ringkasan


def demo_users_create() -> None:
    User = get_user_model()
    admin, dibuat = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Administrator"}
    )
    if dibuat:
        admin.set_password(PASSWORD_DEMO)
        admin.save()
    paser = pd_demo(PASER)
    for p in PENGGUNA_DEMO:
        pd = pd_demo(p.pd) if p.pd else paser
        depan, _, belakang = p.nama.partition(" ")
        user, dibuat = User.objects.get_or_create(
            username=p.username,
            # the administration pages are for those who keep the plan and the users; the others work on the screens
            defaults={
                "first_name": depan,
                "last_name": belakang,
                "is_staff": p.peran in (Peran.PERENCANA, Peran.ADMIN_PEMDA),
            },
        )
        if dibuat:
            user.set_password(PASSWORD_DEMO)
            user.save()
        user.groups.add(_grup(p.peran))
        unit = UnitKerja.objects.get(pd=pd, kode=p.unit) if p.unit else None
        Keanggotaan.objects.get_or_create(
            user=user,
            pemda=pd.pemda,
            pd=pd if p.peran not in Keanggotaan.PERAN_PEMDA else None,
            unit_kerja=unit,
            peran=p.peran,
        )
