"""Small filters of the entry screens."""

from decimal import Decimal

from django import template

from sakip.angka import desimal_tersimpan, format_angka

register = template.Library()

JENIS = {"realisasikinerja": "kinerja", "realisasianggaran": "anggaran", "realisasifisik": "fisik"}


@register.filter
def riwayat_jenis(obj) -> str:
    """The URL kind of a realisation row: kinerja, anggaran or fisik."""
    return JENIS[obj._meta.model_name]


@register.filter
def nilai_riwayat(value):
    """A value of a history line: numbers through the one formatter, with the decimals they carry."""
    if isinstance(value, Decimal):
        return format_angka(value, min(desimal_tersimpan(value), 4))
    if value is None or value == "":
        return "—"
    return value
