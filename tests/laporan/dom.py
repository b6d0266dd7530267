"""A small DOM of the rendered report (stdlib only), for tests that read chapters, tables and cells."""

from __future__ import annotations

import re
from html.parser import HTMLParser

KOSONG_TAG = {"br", "img", "hr", "meta", "link", "input", "col", "wbr"}


class Simpul:
    def __init__(self, tag: str, attrs: dict[str, str | None], induk: Simpul | None) -> None:
        self.tag, self.attrs, self.induk = tag, attrs, induk
        self.anak: list[Simpul | str] = []

    @property
    def teks(self) -> str:
        bagian = [a if isinstance(a, str) else (" " if a.tag == "br" else a.teks) for a in self.anak]
        return re.sub(r"\s+", " ", "".join(bagian)).strip()

    def kelas(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def semua(self, tag: str | None = None, kelas: str | None = None, **attrs: str) -> list[Simpul]:
        hasil = []
        for a in self.anak:
            if isinstance(a, str):
                continue
            cocok = (tag is None or a.tag == tag) and (kelas is None or kelas in a.kelas())
            for k, v in attrs.items():
                k = k.rstrip("_").replace("_", "-")
                cocok = cocok and (v in a.kelas() if k == "class" else a.attrs.get(k) == v)
            if cocok:
                hasil.append(a)
            hasil += a.semua(tag, kelas, **attrs)
        return hasil

    def sel(self) -> list[list[str]]:
        """The text of every cell, row by row (a table's thead, tbody and tfoot alike)."""
        return [[c.teks for c in tr.anak if isinstance(c, Simpul) and c.tag in ("td", "th")] for tr in self.semua("tr")]

    def satu(self, tag: str | None = None, kelas: str | None = None, **attrs: str) -> Simpul:
        hasil = self.semua(tag, kelas, **attrs)
        assert len(hasil) == 1, f"{len(hasil)} × {tag} {kelas} {attrs}"
        return hasil[0]


class Pengurai(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.akar = Simpul("#akar", {}, None)
        self.kini = self.akar

    def handle_starttag(self, tag, attrs):
        s = Simpul(tag, dict(attrs), self.kini)
        self.kini.anak.append(s)
        if tag not in KOSONG_TAG:
            self.kini = s

    def handle_startendtag(self, tag, attrs):
        self.kini.anak.append(Simpul(tag, dict(attrs), self.kini))

    def handle_endtag(self, tag):
        s = self.kini
        while s is not self.akar and s.tag != tag:
            s = s.induk
        if s is not self.akar:
            self.kini = s.induk

    def handle_data(self, data):
        self.kini.anak.append(data)


def dom(html: str) -> Simpul:
    p = Pengurai()
    p.feed(html)
    return p.akar
