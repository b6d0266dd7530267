"""Lampiran of the LKjIP (being written)."""

from __future__ import annotations

from dataclasses import dataclass

from ..konteks import Dasar, Penomor


@dataclass(frozen=True)
class Lampiran:
    pass


def susun(d: Dasar, n: Penomor) -> Lampiran:
    return Lampiran()
