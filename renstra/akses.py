"""Who may see and change what (SAKIP.md §2), from the person's memberships.

One door per object type: ``get_<thing>_for_user`` answers 404 when the person may not see the object and 403 when
they may only read it. Querysets are scoped with the ``*_terlihat`` helpers (rules predicates do not filter
querysets); the predicates below serve ``user.has_perm(...)`` through ``rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import Keanggotaan, PerangkatDaerah, UnitKerja

Peran = Keanggotaan.Peran

HANYA_BACA = _("Anda hanya dapat membaca data ini.")


@dataclass(frozen=True)
class Cakupan:
    """What one person's memberships open: PDs to read, PDs to plan, units to fill, pemda to administer."""

    semua: bool = False  # superuser
    pd_baca: frozenset[int] = field(default_factory=frozenset)
    pd_perencana: frozenset[int] = field(default_factory=frozenset)
    unit_operator: frozenset[int] = field(default_factory=frozenset)
    pemda_baca: frozenset[int] = field(default_factory=frozenset)  # reviewer and admin pemda read every PD
    pemda_admin: frozenset[int] = field(default_factory=frozenset)
    pemda_reviewer: frozenset[int] = field(default_factory=frozenset)  # the Inspektorat: reviews every PD's report
    pd_operator: frozenset[int] = field(default_factory=frozenset)


def cakupan(user) -> Cakupan:
    """The person's scope, computed once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return Cakupan()
    tersimpan = getattr(user, "_sakip_cakupan", None)
    if tersimpan is not None:
        return tersimpan
    if user.is_superuser:
        hasil = Cakupan(semua=True)
    else:
        pd_baca, pd_perencana, unit_operator, pd_operator, pemda_baca, pemda_admin, pemda_reviewer = (
            set() for _ in range(7)
        )
        for peran, pemda_id, pd_id, unit_id in Keanggotaan.objects.filter(user=user).values_list(
            "peran", "pemda_id", "pd_id", "unit_kerja_id"
        ):
            if peran in (Peran.REVIEWER, Peran.ADMIN_PEMDA):
                pemda_baca.add(pemda_id)
                if peran == Peran.ADMIN_PEMDA:
                    pemda_admin.add(pemda_id)
                else:
                    pemda_reviewer.add(pemda_id)
            elif peran == Peran.OPERATOR:
                unit_operator.add(unit_id)
                pd_operator.add(pd_id)
            else:
                pd_baca.add(pd_id)
                if peran == Peran.PERENCANA:
                    pd_perencana.add(pd_id)
        hasil = Cakupan(
            pd_baca=frozenset(pd_baca),
            pd_perencana=frozenset(pd_perencana),
            unit_operator=frozenset(unit_operator),
            pd_operator=frozenset(pd_operator),
            pemda_baca=frozenset(pemda_baca),
            pemda_admin=frozenset(pemda_admin),
            pemda_reviewer=frozenset(pemda_reviewer),
        )
    user._sakip_cakupan = hasil
    return hasil


# --- querysets ---------------------------------------------------------------------------------------------


def pd_terlihat(user) -> QuerySet[PerangkatDaerah]:
    c = cakupan(user)
    qs = PerangkatDaerah.objects.select_related("pemda")
    if c.semua:
        return qs
    from django.db.models import Q

    return qs.filter(Q(pk__in=c.pd_baca | c.pd_operator) | Q(pemda_id__in=c.pemda_baca))


def unit_terlihat(user, pd: PerangkatDaerah) -> QuerySet[UnitKerja]:
    """Units of a PD the person may open: all of them for PD-wide roles, their own unit for an operator."""
    c = cakupan(user)
    qs = UnitKerja.objects.filter(pd=pd)
    if c.semua or pd.pk in c.pd_baca or pd.pemda_id in c.pemda_baca:
        return qs
    return qs.filter(pk__in=c.unit_operator)


def pd_diubah(user) -> frozenset[int]:
    """PDs whose plan the person may change in the administration pages: as perencana or admin pemda."""
    c = cakupan(user)
    if c.semua:
        return frozenset(PerangkatDaerah.objects.values_list("pk", flat=True))
    tersimpan = getattr(user, "_sakip_pd_diubah", None)
    if tersimpan is None:
        tersimpan = c.pd_perencana | frozenset(
            PerangkatDaerah.objects.filter(pemda_id__in=c.pemda_admin).values_list("pk", flat=True)
        )
        user._sakip_pd_diubah = tersimpan
    return tersimpan


# --- predicates ----------------------------------------------------------------------------------------------


@rules.predicate
def boleh_baca_pd(user, pd: PerangkatDaerah) -> bool:
    c = cakupan(user)
    return c.semua or pd.pk in c.pd_baca or pd.pk in c.pd_operator or pd.pemda_id in c.pemda_baca


@rules.predicate
def perencana_pd(user, pd: PerangkatDaerah) -> bool:
    c = cakupan(user)
    return c.semua or pd.pk in c.pd_perencana


@rules.predicate
def boleh_baca_unit(user, unit: UnitKerja) -> bool:
    c = cakupan(user)
    return c.semua or unit.pk in c.unit_operator or unit.pd_id in c.pd_baca or unit.pd.pemda_id in c.pemda_baca


@rules.predicate
def boleh_isi_unit(user, unit: UnitKerja) -> bool:
    """Operators fill their own unit; the PD's perencana may fill any unit of the PD."""
    c = cakupan(user)
    return c.semua or unit.pk in c.unit_operator or unit.pd_id in c.pd_perencana


@rules.predicate
def boleh_lihat_dasbor(user, pd: PerangkatDaerah) -> bool:
    """PD-wide readers: perencana and pimpinan of the PD, reviewers and admins of its pemda; not operators."""
    c = cakupan(user)
    return c.semua or pd.pk in c.pd_baca or pd.pemda_id in c.pemda_baca


@rules.predicate
def reviewer_pd(user, pd: PerangkatDaerah) -> bool:
    """The Inspektorat of the PD's pemda: writes review notes on its reports and completes the review."""
    c = cakupan(user)
    return c.semua or pd.pemda_id in c.pemda_reviewer


rules.add_perm("renstra.view_pd", boleh_baca_pd)
rules.add_perm("laporan.review_pd", reviewer_pd)
rules.add_perm("kinerja.view_dasbor", boleh_lihat_dasbor)
rules.add_perm("renstra.plan_pd", perencana_pd)
rules.add_perm("renstra.view_unit", boleh_baca_unit)
rules.add_perm("renstra.fill_unit", boleh_isi_unit)


# --- the doors -----------------------------------------------------------------------------------------------


def get_pd_for_user(user, pd_id: int, *, rencana: bool = False) -> PerangkatDaerah:
    """The PD if the person may see it (404 otherwise); with ``rencana``, 403 unless they are its perencana."""
    try:
        pd = pd_terlihat(user).get(pk=pd_id)
    except PerangkatDaerah.DoesNotExist as e:
        raise Http404 from e
    if rencana and not user.has_perm("renstra.plan_pd", pd):
        raise PermissionDenied(HANYA_BACA)
    return pd


def get_unit_for_user(user, unit_id: int, *, edit: bool = False) -> UnitKerja:
    """The unit if the person may see it (404 otherwise); with ``edit``, 403 unless they may fill it."""
    unit = get_object_or_404(UnitKerja.objects.select_related("pd__pemda"), pk=unit_id)
    if not user.has_perm("renstra.view_unit", unit):
        raise Http404
    if edit and not user.has_perm("renstra.fill_unit", unit):
        raise PermissionDenied(HANYA_BACA)
    return unit
