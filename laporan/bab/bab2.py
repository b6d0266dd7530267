"""Bab2 of the LKjIP (being written)."""

from __future__ import annotations

from dataclasses import dataclass

from ..konteks import Dasar, Penomor


@dataclass(frozen=True)
class Bab2:
    pass


def susun(d: Dasar, n: Penomor) -> Bab2:
    return Bab2()
