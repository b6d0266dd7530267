"""The one number formatter of SAKIP (ENGINEERING.md §3), and the strict reader of numbers people type.

Numbers are written the Indonesian way: ``1.234.567,89`` (``.`` groups thousands, ``,`` marks decimals). Every
figure shown in HTML, PDF, Excel captions or messages goes through :func:`format_angka` (or its two wrappers), which
rounds half-up once with :func:`kinerja.hitung.bulatkan` before formatting, since ``format()`` rounds a Decimal
half-even (``0.125`` → ``0.12``). Only ``int`` and ``Decimal`` are accepted: a float or a string is a bug upstream
and raises ``TypeError`` instead of printing a wrong figure.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from django.utils.translation import gettext_lazy as _

from kinerja.hitung import bulatkan

#: Printed for "no figure" (None): no target, qualitative value, not yet available.
KOSONG = "—"

# Messages of parse_angka(), shown to the person who typed the number; tests assert them exactly.
ANGKA_KOSONG = _("Isian angka kosong.")
BUKAN_ANGKA = _("Bukan angka yang sah: {teks}")
GUNAKAN_KOMA = _("Gunakan koma untuk desimal: {saran}")
RIBUAN_TIDAK_TEPAT = _(
    "Pemisah ribuan tidak tepat: {teks}. Titik memisahkan setiap tiga angka (1.500.000), koma untuk desimal."
)
FORMAT_INGGRIS = _("Gunakan titik untuk ribuan dan koma untuk desimal: {saran}")

_TUKAR_PEMISAH = str.maketrans(",.", ".,")
_HANYA_ANGKA = re.compile(r"[0-9]+")
_RIBUAN = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_INGGRIS = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def _sebagai_decimal(value: object) -> Decimal:
    """The value as a finite Decimal; only int and Decimal are accepted (bool is refused)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"expected int or Decimal, got {type(value).__name__}: {value!r}")
    angka = Decimal(value)
    if not angka.is_finite():
        raise ValueError(f"cannot format a non-finite number: {value!r}")
    return angka


def _cek_desimal(desimal: object) -> int:
    if isinstance(desimal, bool) or not isinstance(desimal, int):
        raise TypeError(f"desimal must be an int, got {type(desimal).__name__}: {desimal!r}")
    if desimal < 0:
        raise ValueError(f"desimal must be 0 or more, got {desimal}")
    return desimal


def format_angka(value: int | Decimal | None, desimal: int = 2) -> str:
    """Format a number the Indonesian way, rounded half-up: ``Decimal("1234567.891")`` → ``"1.234.567,89"``.

    ``None`` gives ``"—"``. Negative numbers get a leading minus (``"-1.234,50"``); a value that rounds to zero
    never shows as ``"-0,00"``. Raises ``TypeError`` for anything but ``int``, ``Decimal`` or ``None``.
    """
    if value is None:
        return KOSONG
    angka = _sebagai_decimal(value)
    desimal = _cek_desimal(desimal)
    with localcontext() as ctx:
        # enough digits for quantize() on large amounts (the default context holds 28)
        ctx.prec = max(ctx.prec, angka.adjusted() + desimal + 2)
        bulat = bulatkan(angka, desimal)
    if bulat.is_zero():
        bulat = bulat.copy_abs()
    return f"{bulat:,.{desimal}f}".translate(_TUKAR_PEMISAH)


def format_rupiah(value: int | Decimal | None) -> str:
    """Money in whole rupiah: ``1234567`` → ``"Rp 1.234.567"``; negative ``"-Rp 30.000.000"``; None → ``"—"``.

    Zero prints ``"Rp 0"``; tables that show zero money as ``"-"`` do so in the ``angka:"rp"`` filter.
    """
    if value is None:
        return KOSONG
    teks = format_angka(value, 0)
    if teks.startswith("-"):
        return f"-Rp {teks[1:]}"
    return f"Rp {teks}"


def format_persen(value: int | Decimal | None, desimal: int = 2) -> str:
    """A percentage in a sentence: ``Decimal("97.1138")`` → ``"97,11%"``; None → ``"—"`` (no sign)."""
    if value is None:
        return KOSONG
    return f"{format_angka(value, desimal)}%"


def format_nip(nip: str) -> str:
    """An 18-digit NIP grouped 8-6-1-3: ``"198001012005011002"`` → ``"19800101 200501 1 002"``.

    Anything else (another length, already grouped, not all digits) is returned unchanged.
    """
    angka = nip.strip()
    if len(angka) != 18 or not _HANYA_ANGKA.fullmatch(angka):
        return nip
    return f"{angka[:8]} {angka[8:14]} {angka[14]} {angka[15:]}"


def parse_angka(text: str) -> Decimal:
    """Read a number typed the Indonesian way, strictly: ``"1.500.000,25"`` → ``Decimal("1500000.25")``.

    Accepted: digits, thousands grouped by dots in threes (``"1.500"`` → 1500), a decimal comma (``"97,5"``), a
    leading minus, surrounding spaces. Refused with a ``ValueError`` whose message (in Indonesian) tells the person
    what to type instead, rather than guessing: a dot used as a decimal point (``"12.50"`` → "Gunakan koma untuk
    desimal: 12,50"), badly grouped thousands (``"1500.125"``, ``"1.50.000"``), the English form
    (``"1,500.25"``), letters, spaces inside the number, and empty input.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_angka reads text, got {type(text).__name__}: {text!r}")
    teks = text.strip()
    if not teks:
        raise ValueError(ANGKA_KOSONG)
    tanda, badan = ("-", teks[1:]) if teks.startswith("-") else ("", teks)
    if not re.fullmatch(r"[0-9.,]+", badan):
        raise ValueError(BUKAN_ANGKA.format(teks=teks))

    bulat, koma, pecahan = badan.partition(",")
    if "," in pecahan or "." in pecahan:
        if _INGGRIS.fullmatch(badan):  # "1,500.25" or "1,500,000": the English way round
            raise ValueError(FORMAT_INGGRIS.format(saran=tanda + badan.translate(_TUKAR_PEMISAH)))
        raise ValueError(BUKAN_ANGKA.format(teks=teks))
    if koma and not _HANYA_ANGKA.fullmatch(pecahan):  # "5,"
        raise ValueError(BUKAN_ANGKA.format(teks=teks))

    if "." in bulat:
        if _RIBUAN.fullmatch(bulat):
            bulat = bulat.replace(".", "")
        elif bulat.count(".") == 1 and not koma:
            kiri, _, kanan = bulat.partition(".")
            if not kanan:  # "5."
                raise ValueError(BUKAN_ANGKA.format(teks=teks))
            if len(kanan) == 3 and len(kiri) > 3:  # "1500.125": thousands or decimals? Ask.
                raise ValueError(RIBUAN_TIDAK_TEPAT.format(teks=teks))
            # "12.50", "1500.5", "0.125", ".5": a decimal point
            raise ValueError(GUNAKAN_KOMA.format(saran=f"{tanda}{kiri or '0'},{kanan}"))
        else:  # "1.50.000", "1.500.00", "12.50,5"
            raise ValueError(RIBUAN_TIDAK_TEPAT.format(teks=teks))
    elif not bulat:  # ",5"
        raise ValueError(BUKAN_ANGKA.format(teks=teks))

    angka = Decimal(f"{tanda}{bulat}.{pecahan}" if koma else f"{tanda}{bulat}")
    return angka.copy_abs() if angka.is_zero() else angka


def format_nilai(nilai: int | Decimal | None, label: str = "", desimal: int = 2) -> str:
    """A target or realisation as SAKIP.md §3 shows it: ``BB (71,00)``, the label or the number alone, or ``—``."""
    if nilai is None:
        return label or KOSONG
    angka = format_angka(nilai, desimal)
    return f"{label} ({angka})" if label else angka


def desimal_tersimpan(value: int | Decimal) -> int:
    """The decimals a stored value really carries (97,5000 → 1; 3,522 → 3; 12 → 0), to echo it without loss."""
    eksponen = Decimal(value).normalize().as_tuple().exponent
    return max(0, -eksponen) if isinstance(eksponen, int) else 0
