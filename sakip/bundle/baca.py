"""Reads the JSON text of a ``sakip-bundle/1`` into Python values, refusing what JSON allows but a bundle cannot hold.

Python's ``json`` module takes ``NaN`` and ``Infinity``, keeps the last of two equal keys without a word, turns a
5,000-digit integer into a ``ValueError`` and 200,000 nested brackets into a ``RecursionError``. Here each of these is
a :class:`JsonDitolak` listing every problem with its JSON path (``program[0].kode: ...``), the same shape as the
validator's errors, so nothing is written and the person reads why. Fractions are read as ``Decimal`` so every
number stays exact; how many digits a field may hold is the validator's business (``validasi.py``).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from sakip.angka import format_angka

from .validasi import Masalah, _gabung

#: Deepest nesting of objects and lists; a bundle needs about ten levels.
MAKS_KEDALAMAN = 64
#: Longest number literal (sign, decimal point and exponent included); a pagu has at most 16 digits and 2 decimals.
MAKS_PANJANG_ANGKA = 40

KUNCI_GANDA = _("kunci ini muncul lebih dari sekali dalam objek yang sama")
BUKAN_ANGKA_JSON = _("%(nilai)s bukan angka; JSON tidak mengenal NaN atau Infinity")
ANGKA_TERLALU_PANJANG = _("angka terlalu panjang: %(panjang)s karakter, paling banyak %(maks)s")
TERLALU_DALAM = _("objek dan daftar bersarang terlalu dalam: paling banyak %(maks)s tingkat")


class JsonDitolak(ValueError):
    """The text is JSON but not something a bundle may hold; ``galat`` lists each problem with its path."""

    def __init__(self, galat: list[Masalah]) -> None:
        super().__init__("; ".join(str(m) for m in galat))
        self.galat = galat


class _Ditolak:
    """A value the parser met that the walk after parsing reports at its path."""

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_KURUNG = re.compile(rf"{_STRING}|[\[\]{{}}]")
_TOKEN = re.compile(rf"({_STRING})\s*:|{_STRING}|[\[\]{{}},]")


def _terlalu_dalam(teks: str) -> int | None:
    """Where the nesting first goes past MAKS_KEDALAMAN (strings skipped), or None; runs before the parser."""
    kedalaman = 0
    for m in _KURUNG.finditer(teks):
        c = m.group()
        if c in "[{":
            kedalaman += 1
            if kedalaman > MAKS_KEDALAMAN:
                return m.start()
        elif c in "]}":
            kedalaman -= 1
    return None


def _path_di(teks: str, posisi: int) -> str:
    """The JSON path of the value that starts at ``posisi`` (the text before it is read token by token)."""
    tumpukan: list[list[Any]] = []  # [bracket, current key or index]
    for m in _TOKEN.finditer(teks, 0, posisi):
        c = m.group()
        if m.group(1) is not None:
            if tumpukan:
                tumpukan[-1][1] = json.loads(m.group(1))
        elif c == "[":
            tumpukan.append(["[", 0])
        elif c == "{":
            tumpukan.append(["{", ""])
        elif c in "]}":
            if tumpukan:
                tumpukan.pop()
        elif c == "," and tumpukan and tumpukan[-1][0] == "[":
            tumpukan[-1][1] += 1
    path = ""
    for _kurung, kunci in tumpukan:
        path = _gabung(path, kunci)
    return path


def _angka(teks: str, baca):
    if len(teks) > MAKS_PANJANG_ANGKA:
        return _Ditolak(
            str(
                ANGKA_TERLALU_PANJANG
                % {"panjang": format_angka(len(teks), 0), "maks": format_angka(MAKS_PANJANG_ANGKA, 0)}
            )
        )
    return baca(teks)


def baca_json(teks: str | bytes) -> Any:
    """Parse bundle JSON keeping every number exact (Decimal for fractions).

    Raises ``json.JSONDecodeError`` (or ``UnicodeDecodeError``) for text that is not JSON, and :class:`JsonDitolak`
    for JSON a bundle cannot be: nesting deeper than MAKS_KEDALAMAN, NaN/Infinity, number literals longer than
    MAKS_PANJANG_ANGKA, a key twice in one object.
    """
    if isinstance(teks, bytes | bytearray):
        teks = teks.decode(json.detect_encoding(teks), "surrogatepass")
    posisi = _terlalu_dalam(teks)
    if posisi is not None:
        pesan = str(TERLALU_DALAM % {"maks": format_angka(MAKS_KEDALAMAN, 0)})
        raise JsonDitolak([Masalah(_path_di(teks, posisi), pesan)])

    ganda: dict[int, list[str]] = {}
    hidup: list[dict] = []  # the objects with a duplicated key, kept alive so that their ids stay theirs
    ada_ditolak = False

    def objek(pasangan: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal ada_ditolak
        hasil: dict[str, Any] = {}
        for kunci, nilai in pasangan:
            if kunci in hasil:
                if id(hasil) not in ganda:
                    hidup.append(hasil)
                ganda.setdefault(id(hasil), []).append(kunci)
            hasil[kunci] = nilai
        ada_ditolak = ada_ditolak or bool(ganda)
        return hasil

    def konstanta(nama: str) -> _Ditolak:
        nonlocal ada_ditolak
        ada_ditolak = True
        return _Ditolak(str(BUKAN_ANGKA_JSON % {"nilai": nama}))

    def angka(baca):
        def _baca(s: str):
            nonlocal ada_ditolak
            v = _angka(s, baca)
            ada_ditolak = ada_ditolak or isinstance(v, _Ditolak)
            return v

        return _baca

    doc = json.loads(
        teks,
        object_pairs_hook=objek,
        parse_constant=konstanta,
        parse_int=angka(int),
        parse_float=angka(Decimal),
    )
    if ada_ditolak:
        raise JsonDitolak(_masalah(doc, ganda))
    return doc


def _masalah(doc: Any, ganda: dict[int, list[str]]) -> list[Masalah]:
    """Every refused value and duplicated key, in document order (the depth is bounded, but the walk is a loop)."""
    galat: list[Masalah] = []
    tumpukan: list[tuple[str, Any]] = [("", doc)]
    while tumpukan:
        path, v = tumpukan.pop()
        if isinstance(v, _Ditolak):
            galat.append(Masalah(path, v.pesan))
        elif isinstance(v, dict):
            galat.extend(Masalah(_gabung(path, k), str(KUNCI_GANDA)) for k in ganda.get(id(v), ()))
            tumpukan.extend((_gabung(path, k), x) for k, x in reversed(v.items()))
        elif isinstance(v, list):
            tumpukan.extend((_gabung(path, i), x) for i, x in reversed(list(enumerate(v))))
    return galat
