"""Reads of the plan that span models."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import PerangkatDaerah

PD_TIDAK_DITEMUKAN = _('Perangkat daerah "%(kode)s" tidak ditemukan.')
PD_TIDAK_DITEMUKAN_DI_PEMDA = _('Perangkat daerah "%(kode)s" tidak ditemukan pada pemda "%(pemda)s".')
PD_KODE_GANDA = _(
    'Kode perangkat daerah "%(kode)s" dipakai oleh lebih dari satu pemda (%(daftar)s); '
    "sebutkan pemdanya dengan --pemda KODE."
)


class PDTidakJelas(LookupError):
    """No PD, or more than one, answers to a code; the message says which and how to choose."""


def pd_dari_kode(kode: str, *, pemda: str | None = None) -> PerangkatDaerah:
    """The PD with ``kode`` in the pemda with code ``pemda``; without ``pemda``, the only PD with that code.

    A PD's code is unique within its pemda only (every Sekretariat Daerah has the same one), so a code that
    several pemdas use needs the pemda; the message lists them."""
    qs = PerangkatDaerah.objects.select_related("pemda").filter(kode=kode)
    if pemda is not None:
        obj = qs.filter(pemda__kode=pemda).first()
        if obj is None:
            raise PDTidakJelas(str(PD_TIDAK_DITEMUKAN_DI_PEMDA % {"kode": kode, "pemda": pemda}))
        return obj
    calon = list(qs.order_by("pemda__kode")[:2])
    if not calon:
        raise PDTidakJelas(str(PD_TIDAK_DITEMUKAN % {"kode": kode}))
    if len(calon) > 1:
        pemda_kode = qs.order_by("pemda__kode").values_list("pemda__kode", "pemda__nama")
        daftar = ", ".join(f"{k} {nama}" for k, nama in pemda_kode)
        raise PDTidakJelas(str(PD_KODE_GANDA % {"kode": kode, "daftar": daftar}))
    return calon[0]
