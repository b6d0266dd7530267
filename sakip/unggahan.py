"""Uploads are opened, not sniffed: the one check of what a person uploads (evidence, the report's images, import
workbooks). The first bytes and the extension say what a file claims to be; the file is then opened as that:

* a PNG or JPEG image is decoded in full with Pillow (``verify()``, then ``load()``), after its pixel count is bounded
  (a small file can declare a huge canvas) and its format found to be the one its first bytes and extension name;
* a workbook (.xlsx) goes through :func:`anggaran.excel.templat.cek_buku_kerja`: the zip's declared sizes and no
  macros, then openpyxl opens it in read-only mode (the only openpyxl code stays in :mod:`anggaran.excel`);
* a PDF must start with ``%PDF-`` and end with a trailer: ``startxref`` and ``%%EOF`` in its last KiB. pypdf is a
  development dependency only, so nothing deeper is parsed: a PDF is never rendered by SAKIP, only served back.

:func:`cek_unggahan` raises ``ValidationError`` with a module constant; forms call it from their ``clean_<field>``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.angka import format_angka

PDF, PNG, JPEG, XLSX = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)

#: Pixels an uploaded image may have: 40 megapixels (an A3 scan at 600 dpi) decode to about 160 MB.
PIKSEL_MAKS = 40_000_000

GAMBAR_RUSAK = _("Gambar ini tidak dapat dibuka: berkasnya rusak atau isinya bukan %(jenis)s.")
GAMBAR_TERLALU_BESAR = _("Gambar ini %(piksel)s megapiksel; paling banyak %(batas)s megapiksel.")
PDF_RUSAK = _("Berkas ini bukan PDF yang utuh (awal atau akhir dokumennya tidak ada).")


@dataclass(frozen=True)
class Jenis:
    tipe: str  # the media type stored with the file
    tanda: bytes  # the first bytes
    ekstensi: tuple[str, ...]
    format_pil: str = ""  # Pillow's name of the format (images)


JENIS = {
    PDF: Jenis(PDF, b"%PDF-", (".pdf",)),
    PNG: Jenis(PNG, b"\x89PNG\r\n\x1a\n", (".png",), "PNG"),
    JPEG: Jenis(JPEG, b"\xff\xd8\xff", (".jpg", ".jpeg"), "JPEG"),
    XLSX: Jenis(XLSX, b"PK\x03\x04", (".xlsx",)),
}


def jenis_berkas(berkas, diterima: Iterable[str]) -> str | None:
    """The media type among ``diterima`` that the file's first bytes and its name both claim, or None."""
    awal = berkas.read(16)
    berkas.seek(0)
    nama = (berkas.name or "").lower()
    for tipe in diterima:
        j = JENIS[tipe]
        if awal.startswith(j.tanda) and nama.endswith(j.ekstensi):
            return tipe
    return None


_KUNCI_PIL = threading.Lock()


@contextmanager
def _tanpa_potongan() -> Iterator[None]:
    """Pillow refuses a truncated image while this runs. WeasyPrint sets ``ImageFile.LOAD_TRUNCATED_IMAGES`` for the
    whole process when it is imported (a cut-off image would then decode with grey filling); it is switched off
    only for the decode of an upload, and set back."""
    from PIL import ImageFile

    with _KUNCI_PIL:
        semula = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = semula


def _buka_gambar(berkas, j: Jenis) -> None:
    from PIL import Image

    tidak_utuh = forms.ValidationError(GAMBAR_RUSAK % {"jenis": j.format_pil})
    try:
        with Image.open(berkas, formats=[j.format_pil]) as img:
            lebar, tinggi = img.size
            if lebar * tinggi > PIKSEL_MAKS:
                raise forms.ValidationError(
                    GAMBAR_TERLALU_BESAR
                    % {
                        "piksel": format_angka(Decimal(lebar * tinggi) / 1_000_000, 1),
                        "batas": format_angka(PIKSEL_MAKS // 1_000_000, 0),
                    }
                )
            img.verify()  # the chunks and their checksums (PNG); the image cannot be used after this
        berkas.seek(0)
        with Image.open(berkas, formats=[j.format_pil]) as img, _tanpa_potongan():
            img.load()  # every pixel decoded: a truncated or foreign payload fails here
    except forms.ValidationError:
        raise
    except Exception as e:  # Pillow raises many kinds of errors (and warnings as errors) on a bad image
        raise tidak_utuh from e
    finally:
        berkas.seek(0)


def _buka_pdf(berkas) -> None:
    berkas.seek(0)
    awal = berkas.read(1024)
    berkas.seek(0, 2)
    ukuran = berkas.tell()
    berkas.seek(max(ukuran - 1024, 0))
    akhir = berkas.read()
    berkas.seek(0)
    if not awal.startswith(b"%PDF-") or b"%%EOF" not in akhir or b"startxref" not in akhir:
        raise forms.ValidationError(PDF_RUSAK)


def _buka_buku_kerja(berkas) -> None:
    from anggaran.excel.templat import BerkasTidakSah, cek_buku_kerja

    try:
        cek_buku_kerja(berkas)
    except BerkasTidakSah as e:
        raise forms.ValidationError(str(e)) from e
    finally:
        berkas.seek(0)


def buka(berkas, tipe: str) -> None:
    """Open the file as what it claims to be (``tipe``, from :func:`jenis_berkas`); ValidationError if it does not."""
    if tipe == PDF:
        _buka_pdf(berkas)
    elif tipe == XLSX:
        _buka_buku_kerja(berkas)
    else:
        _buka_gambar(berkas, JENIS[tipe])


def cek_unggahan(berkas, *, diterima: Iterable[str], ukuran_maks: int, terlalu_besar, jenis_ditolak) -> str:
    """Refuse a file over ``ukuran_maks`` bytes (``terlalu_besar``), of a type outside ``diterima`` by its first bytes
    and its extension (``jenis_ditolak``), or that does not open as that type; returns its media type."""
    if berkas.size > ukuran_maks:
        raise forms.ValidationError(terlalu_besar)
    tipe = jenis_berkas(berkas, diterima)
    if tipe is None:
        raise forms.ValidationError(jenis_ditolak)
    buka(berkas, tipe)
    return tipe
