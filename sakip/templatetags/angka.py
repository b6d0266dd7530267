"""The ``angka`` template filter: every number a template prints goes through :mod:`sakip.angka`.

``{% load angka %}`` then:

* ``{{ v|angka }}`` → ``1.234.567,89`` (2 decimals), ``{{ v|angka:0 }}`` → ``1.234.568``;
* ``{{ pagu|angka:"rp" }}`` → ``Rp 1.234.567``, and zero money as ``-`` (as tables print it);
* ``{{ pagu|angka:"uang" }}`` → ``1.234.567``, zero as ``-``: money in a column headed "(Rp)";
* ``{{ capaian|angka:"persen" }}`` → ``97,11%`` (for sentences; a column headed "(%)" uses the plain form).

``None`` prints ``—``. A float or a string raises ``TypeError``, so a wrong type fails in a test, not in print.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from sakip.angka import format_angka, format_persen, format_rupiah

register = template.Library()

#: Zero money in tables.
NOL_RUPIAH = "-"


def _desimal(arg: object) -> int:
    if isinstance(arg, int) and not isinstance(arg, bool):
        return arg
    if isinstance(arg, str) and arg.isascii() and arg.isdigit():
        return int(arg)
    raise ValueError(f'angka filter: unknown argument {arg!r} (use a number of decimals, "rp", "uang" or "persen")')


@register.filter(name="angka")
def angka(value: int | Decimal | None, arg: int | str = 2) -> str:
    """Format ``value`` with :mod:`sakip.angka`: decimals by default, or ``"rp"`` / ``"persen"``."""
    if arg == "rp":
        teks = format_rupiah(value)
        return NOL_RUPIAH if teks == "Rp 0" else teks
    if arg == "uang":
        teks = format_angka(value, 0)
        return NOL_RUPIAH if teks == "0" else teks
    if arg == "persen":
        return format_persen(value)
    return format_angka(value, _desimal(arg))
