"""Uploads are opened, not sniffed (sakip.unggahan): evidence, the report's images and import workbooks."""

import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from anggaran.excel.templat import BERISI_MAKRO, BUKAN_BUKU_KERJA
from anggaran.forms import cek_berkas_impor
from kinerja.forms import JENIS_BERKAS_DITOLAK, cek_berkas_bukti
from laporan.forms import JENIS_GAMBAR_DITOLAK, cek_gambar
from sakip import unggahan


def _potong(jenis: bytes, isi: bytes) -> bytes:
    return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi) & 0xFFFFFFFF)


def png(lebar: int = 2, tinggi: int = 2, *, idat: bytes | None = None) -> bytes:
    if idat is None:
        idat = zlib.compress(b"".join(b"\x00" + b"\x80" * lebar for _ in range(tinggi)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _potong(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 0, 0, 0, 0))
        + _potong(b"IDAT", idat)
        + _potong(b"IEND", b"")
    )


def jpeg() -> bytes:
    from PIL import Image

    f = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(f, "JPEG")
    return f.getvalue()


def xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "bukti"
    f = io.BytesIO()
    wb.save(f)
    return f.getvalue()


def zip_(bagian: dict[str, bytes]) -> bytes:
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w") as z:
        for nama, isi in bagian.items():
            z.writestr(nama, isi)
    return f.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nxref\n0 1\ntrailer\n<<>>\nstartxref\n9\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def galat(fungsi, nama: str, isi: bytes) -> str | None:
    try:
        fungsi(SimpleUploadedFile(nama, isi))
    except forms.ValidationError as e:
        return e.messages[0]
    return None


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("bukti.pdf", PDF, None),
        ("foto.png", png(), None),
        ("foto.jpg", jpeg(), None),
        ("tabel.xlsx", xlsx(), None),
        # the first bytes say one thing, the rest is another
        ("foto.png", b"\x89PNG\r\n\x1a\n" + SVG, str(unggahan.GAMBAR_RUSAK % {"jenis": "PNG"})),
        ("foto.png", png()[:-30], str(unggahan.GAMBAR_RUSAK % {"jenis": "PNG"})),  # cut off
        ("foto.png", png(idat=b"bukan zlib"), str(unggahan.GAMBAR_RUSAK % {"jenis": "PNG"})),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, str(unggahan.GAMBAR_RUSAK % {"jenis": "JPEG"})),
        ("foto.jpg", jpeg()[:40], str(unggahan.GAMBAR_RUSAK % {"jenis": "JPEG"})),
        ("bukti.pdf", b"%PDF-1.4 contoh", str(unggahan.PDF_RUSAK)),  # no trailer
        ("tabel.xlsx", zip_({"dokumen.txt": b"bukan buku kerja"}), str(BUKAN_BUKU_KERJA)),
        ("tabel.xlsx", zip_({"xl/workbook.xml": b"<rusak"}), str(BUKAN_BUKU_KERJA)),
        ("tabel.xlsx", zip_({"xl/workbook.xml": b"", "xl/vbaProject.bin": b"makro"}), str(BERISI_MAKRO)),
        # the extension and the content disagree
        ("foto.pdf", png(), str(JENIS_BERKAS_DITOLAK)),
        ("skrip.pdf", b"<script>alert(1)</script>", str(JENIS_BERKAS_DITOLAK)),
    ],
)
def test_evidence_opens_as_what_it_claims(nama, isi, pesan):
    assert galat(cek_berkas_bukti, nama, isi) == pesan


def test_a_cut_off_image_is_refused_even_after_weasyprint_allowed_truncated_images():
    import weasyprint  # noqa: F401  (sets PIL.ImageFile.LOAD_TRUNCATED_IMAGES for the process)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    assert galat(cek_gambar, "logo.png", png(idat=b"bukan zlib")) == str(unggahan.GAMBAR_RUSAK % {"jenis": "PNG"})
    assert galat(cek_gambar, "logo.jpg", jpeg()[:-20]) == str(unggahan.GAMBAR_RUSAK % {"jenis": "JPEG"})
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # set back


def test_a_png_header_followed_by_svg_is_no_logo_and_an_image_is_decoded_in_full():
    assert galat(cek_gambar, "logo.png", png()) is None
    assert galat(cek_gambar, "logo.jpeg", jpeg()) is None
    assert galat(cek_gambar, "logo.png", b"\x89PNG\r\n\x1a\n" + SVG) == str(unggahan.GAMBAR_RUSAK % {"jenis": "PNG"})
    assert galat(cek_gambar, "logo.svg", SVG) == str(JENIS_GAMBAR_DITOLAK)
    # a JPEG named .png: the format must be the one the name gives
    assert galat(cek_gambar, "logo.png", jpeg()) == str(JENIS_GAMBAR_DITOLAK)


def test_an_image_declaring_too_many_pixels_is_refused_before_it_is_decoded():
    bom = png(10_000, 5_000, idat=zlib.compress(b""))  # 50 megapixels declared in a few bytes
    assert galat(cek_gambar, "logo.png", bom) == str(unggahan.GAMBAR_TERLALU_BESAR % {"piksel": "50,0", "batas": "40"})


def test_an_import_upload_must_open_as_a_workbook():
    assert galat(cek_berkas_impor, "realisasi.xlsx", xlsx()) is None
    assert galat(cek_berkas_impor, "realisasi.xlsx", zip_({"dokumen.txt": b"x"})) == str(BUKAN_BUKU_KERJA)
