"""Reads the preview's tables of changed rows (shared by the import tests)."""

from html.parser import HTMLParser


class Rincian(HTMLParser):
    """The preview's lists of changed rows: {sheet: (headers, [cells of each line])}, the cells a row spans over its
    lines (row number, key, change) repeated on every line."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tabel: dict[str, tuple[list[str], list[tuple[str, ...]]]] = {}
        self._lembar: str | None = None
        self._baris: list[str] | None = None
        self._sel: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "data-rincian" in a:
            self._lembar = a["data-rincian"]
            self.tabel[self._lembar] = ([], [])
        elif self._lembar and tag == "tr":
            self._baris = []
        elif self._lembar and tag in ("td", "th"):
            self._sel = []

    def handle_data(self, data):
        if self._sel is not None:
            self._sel.append(data)

    def handle_endtag(self, tag):
        if not self._lembar:
            return
        if tag in ("td", "th") and self._sel is not None:
            self._baris.append(" ".join("".join(self._sel).split()))
            self._sel = None
        elif tag == "tr" and self._baris is not None:
            kepala, isi = self.tabel[self._lembar]
            if not kepala:
                kepala.extend(self._baris)
            elif len(self._baris) == len(kepala):
                isi.append(tuple(self._baris))
            else:  # a further changed value of the row above
                isi.append(isi[-1][: len(kepala) - len(self._baris)] + tuple(self._baris))
            self._baris = None
        elif tag == "table":
            self._lembar = None
