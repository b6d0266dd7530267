"""Bab1 of the LKjIP (being written)."""

from __future__ import annotations

from dataclasses import dataclass

from ..konteks import Dasar, Penomor


@dataclass(frozen=True)
class Bab1:
    pass


def susun(d: Dasar, n: Penomor) -> Bab1:
    return Bab1()
