"""The LKjIP as HTML: the body for a page of the application, the standalone file, and the input of WeasyPrint.

Every variant renders the same ``templates/laporan/_isi.html`` from the same context, in Indonesian and inside
``{% localize off %}`` (ids and years are never localized; figures go through the ``angka`` filter), so a figure can
not differ between the browser, the HTML file and the PDF. ``gambar`` maps ``"logo"`` and ``"bagan"`` to an image
source: a URL of the application in the browser, a ``data:`` URI in the standalone file, a local file or a ``data:``
URI for WeasyPrint (:func:`gambar_data`, :func:`gambar_cetak`).
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .konteks import Identitas, KonteksLaporan

LAYAR = "layar"
CETAK = "cetak"

#: Image kinds of the report and the Identitas field holding each one's storage name.
GAMBAR = {"logo": "logo", "bagan": "bagan_organisasi"}

_SPASI_BR = re.compile(r"<br\s*/?>(?=[^\s<])")
_BUNGKUS = "{% load l10n %}{% localize off %}{% include 'laporan/_isi.html' %}{% endlocalize %}"


@cache
def _templat_isi():
    return engines["django"].from_string(_BUNGKUS)


def html_laporan(k: KonteksLaporan, *, mode: str, gambar: dict[str, str]) -> str:
    """The report's body (every chapter) for embedding in a page; ``mode`` is ``"layar"`` or ``"cetak"``."""
    if mode not in (LAYAR, CETAK):
        raise ValueError(mode)
    with translation.override("id"):
        return _templat_isi().render({"k": k, "mode": mode, "gambar": gambar})


def judul_dokumen(i: Identitas) -> str:
    """``LKjIP Sekretariat Daerah Kabupaten Paser Tahun 2024`` (the file's title and the PDF's running header)."""
    return _("LKjIP %(pd)s Tahun %(tahun)s") % {"pd": i.pd_nama, "tahun": i.tahun}


def css_layar() -> str:
    """``static/laporan/layar.css`` then every ``layar-*.css`` of the same folder, sorted by name."""
    utama = finders.find("laporan/layar.css")
    if not utama:
        return ""
    lembar = [Path(utama), *sorted(Path(utama).parent.glob("layar-*.css"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in lembar)


def _dokumen(k: KonteksLaporan, *, mode: str, gambar: dict[str, str], css: str) -> str:
    with translation.override("id"):
        return render_to_string(
            "laporan/dokumen.html",
            {
                "k": k,
                "mode": mode,
                "gambar": gambar,
                "css": mark_safe(css),  # our own stylesheets, read from the static folder
                "judul": judul_dokumen(k.identitas),
            },
        )


def dokumen_html(k: KonteksLaporan, *, gambar: dict[str, str]) -> str:
    """The standalone HTML file for download: one document, stylesheets and images embedded, nothing linked."""
    return _dokumen(k, mode=LAYAR, gambar=gambar, css=css_layar())


def cetak_html(k: KonteksLaporan, *, gambar: dict[str, str]) -> str:
    """The HTML given to WeasyPrint (:func:`laporan.pdf.tulis_pdf` adds the print stylesheets); links nothing remote.

    A space follows every ``<br>``: the running header and the PDF bookmarks take the text of a heading, which has no
    space where ``BAB III<br>AKUNTABILITAS KINERJA`` breaks its line (the space itself is not printed)."""
    return _SPASI_BR.sub("<br> ", _dokumen(k, mode=CETAK, gambar=gambar, css=""))


# --- images ------------------------------------------------------------------------------------------------------


def jenis_gambar(isi: bytes) -> str | None:
    """The media type of an image from its first bytes (PNG, JPEG, GIF, WebP, SVG), or None."""
    if isi.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if isi.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if isi.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if isi[:4] == b"RIFF" and isi[8:12] == b"WEBP":
        return "image/webp"
    awal = isi[:1024].lstrip().lower()
    if awal.startswith((b"<?xml", b"<svg")) and b"<svg" in isi[:4096].lower():
        return "image/svg+xml"
    return None


def _nama_gambar(i: Identitas) -> dict[str, str]:
    return {jenis: getattr(i, field) for jenis, field in GAMBAR.items() if getattr(i, field)}


def _data_uri(nama: str) -> str | None:
    try:
        with default_storage.open(nama, "rb") as f:
            isi = f.read()
    except OSError:
        return None
    jenis = jenis_gambar(isi)
    return f"data:{jenis};base64,{base64.b64encode(isi).decode('ascii')}" if jenis else None


def gambar_data(i: Identitas) -> dict[str, str]:
    """The report's images as ``data:`` URIs (the standalone HTML file); a missing or unknown image is left out."""
    hasil = {}
    for jenis, nama in _nama_gambar(i).items():
        if uri := _data_uri(nama):
            hasil[jenis] = uri
    return hasil


def berkas_gambar(gambar: dict[str, str]) -> tuple[Path, ...]:
    """The local files among the image sources of :func:`gambar_cetak`: the only media files the PDF may read."""
    return tuple(Path(url2pathname(urlsplit(uri).path)) for uri in gambar.values() if uri.startswith("file:"))


def gambar_cetak(i: Identitas) -> dict[str, str]:
    """The report's images for WeasyPrint: ``file:`` URIs under MEDIA_ROOT when the storage has files on disk,
    else ``data:`` URIs."""
    hasil = {}
    media = Path(settings.MEDIA_ROOT).resolve()
    for jenis, nama in _nama_gambar(i).items():
        try:
            path = Path(default_storage.path(nama)).resolve()
        except NotImplementedError:
            path = None
        if path is not None and path.is_relative_to(media) and path.is_file():
            with path.open("rb") as f:
                if jenis_gambar(f.read(4096)):
                    hasil[jenis] = path.as_uri()
        elif uri := _data_uri(nama):
            hasil[jenis] = uri
    return hasil
