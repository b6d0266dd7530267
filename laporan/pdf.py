"""HTML to PDF with WeasyPrint: the only module that imports it (ENGINEERING.md §5).

Everything is read from disk: relative URLs resolve against the static folder, and the URL fetcher refuses anything
but files under the static folders, the media files the caller names (the logo and organisation chart of the report
being printed) and ``data:`` URIs, so a narrative that names a remote image can neither reach the network nor read
another file of the server, such as another PD's evidence under ``MEDIA_ROOT``. User narrative ends up in the HTML, so
``presentational_hints`` stays off. The print stylesheet is ``static/laporan/cetak.css`` followed by every
``static/laporan/cetak-*.css`` in name order (each chapter may add a few rules of its own).

One :class:`FontConfiguration` serves every render of the process, and the parsed stylesheets are kept until their
file changes: a worker renders many reports in a row.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

LEMBAR_UTAMA = "laporan/cetak.css"

_kunci = threading.Lock()
_fonta: FontConfiguration | None = None
_css: dict[tuple[str, float], CSS] = {}


def akar_lokal() -> tuple[Path, ...]:
    """The folders the PDF may read any file from: the static folders (never MEDIA_ROOT, which holds every PD's
    uploads; media files are allowed one by one, see :class:`PengambilLokal`)."""
    akar = [Path(p) for p in getattr(settings, "STATICFILES_DIRS", ())]
    if p := getattr(settings, "STATIC_ROOT", None):
        akar.append(Path(p))
    return tuple(a.resolve() for a in akar)


def folder_statis() -> Path:
    """The static folder that holds ``laporan/cetak.css`` (the base URL of the HTML)."""
    lembar = finders.find(LEMBAR_UTAMA)
    if not lembar:
        raise FileNotFoundError(LEMBAR_UTAMA)
    return Path(lembar).resolve().parent.parent


class PengambilLokal(URLFetcher):
    """Fetches ``data:`` URIs, local files under :func:`akar_lokal` and the files listed in ``berkas``; refuses the
    rest (http, ftp, any other file, another PD's media)."""

    def __init__(self, akar: tuple[Path, ...] | None = None, *, berkas: Iterable[Path] = ()) -> None:
        super().__init__(timeout=2, allow_redirects=False)
        self.akar = akar if akar is not None else akar_lokal()
        self.berkas = frozenset(Path(b).resolve() for b in berkas)

    def boleh(self, url: str) -> bool:
        bagian = urlsplit(url)
        skema = bagian.scheme.lower()
        if skema == "data":
            return True
        if skema != "file" or bagian.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(bagian.path)).resolve()
        return path in self.berkas or any(path.is_relative_to(a) for a in self.akar)

    def fetch(self, url: str, headers=None):
        if not self.boleh(url):
            logger.warning("PDF: refused to fetch %s", url[:200])
            raise ValueError(f"refused: {url[:200]}")
        return super().fetch(url, headers)


def _font_config() -> FontConfiguration:
    global _fonta
    with _kunci:
        if _fonta is None:
            _fonta = FontConfiguration()
        return _fonta


def lembar_cetak() -> list[Path]:
    """``laporan/cetak.css`` then every ``laporan/cetak-*.css`` of the same folder, sorted by name."""
    utama = folder_statis() / LEMBAR_UTAMA
    return [utama, *sorted(utama.parent.glob("cetak-*.css"))]


def _stylesheets(fetcher: URLFetcher) -> list[CSS]:
    font_config = _font_config()
    hasil = []
    for path in lembar_cetak():
        kunci = (str(path), path.stat().st_mtime)
        with _kunci:
            css = _css.get(kunci)
            if css is None:
                for lama in [k for k in _css if k[0] == kunci[0]]:
                    del _css[lama]
                css = _css[kunci] = CSS(filename=str(path), url_fetcher=fetcher, font_config=font_config)
        hasil.append(css)
    return hasil


def tulis_pdf(
    html: str,
    *,
    tujuan: str | Path | BinaryIO,
    berkas: Iterable[Path] = (),
    arsip: bool = False,
    setelah_tata_letak: Callable[[int], None] | None = None,
) -> int:
    """Write the PDF of ``html`` to ``tujuan`` (a path or a binary file object); the number of pages.

    ``berkas`` are the only files outside the static folders the HTML may name (the report's own images).
    ``arsip`` writes PDF/A-3u. ``setelah_tata_letak(pages)`` is called once the pages are laid out, before the file
    is written (the generation task reports its progress with it)."""
    fetcher = PengambilLokal(berkas=berkas)
    with _gc_jarang():
        dokumen = HTML(string=html, base_url=folder_statis().as_uri() + "/", url_fetcher=fetcher, media_type="print")
        hasil = dokumen.render(
            font_config=_font_config(),
            stylesheets=_stylesheets(fetcher),
            presentational_hints=False,
        )
        halaman = len(hasil.pages)
        if setelah_tata_letak:
            setelah_tata_letak(halaman)
        opsi = {"pdf_variant": "pdf/a-3u"} if arsip else {}
        hasil.write_pdf(tujuan, **opsi)
    return halaman


@contextmanager
def _gc_jarang():
    """Fewer cyclic garbage collections while WeasyPrint works: its layout allocates millions of objects, and the
    default thresholds spent a quarter of the render in the collector (1,200 matrix rows: 13.1 s → 10.1 s of CPU)
    for 2 MiB less memory. Everything is collected once at the end."""
    lama = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*lama)
        gc.collect()
