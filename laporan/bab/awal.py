"""Awal of the LKjIP (being written)."""

from __future__ import annotations

from dataclasses import dataclass

from ..konteks import Dasar, Penomor


@dataclass(frozen=True)
class Awal:
    pass


def susun(d: Dasar, n: Penomor) -> Awal:
    return Awal()
