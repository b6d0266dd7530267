"""The LKjIP as a PDF, read back with pypdf: A4 pages (landscape for the wide tables), the running footer, no header or
footer on the cover, bookmarks of the chapters and sections, table-of-contents page numbers that are the real pages,
headline figures equal to sakip-hasil/1; and the URL fetcher that keeps WeasyPrint off the network.

Rendering takes seconds, so the small example PD's PDF is made once per session and shared by the tests that only
read it; one test renders the Paser demo through the background task. ``SAKIP_LEWATI_PDF=1`` skips them all.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import pypdf
import pytest
from django.urls import reverse

from kinerja.selectors import hasil_tahun
from laporan import services
from laporan.konteks import KonteksLaporan, konteks_laporan
from laporan.models import EksporLaporan
from laporan.pdf import PengambilLokal, folder_statis, tulis_pdf
from laporan.render import cetak_html, gambar_cetak
from sakip.angka import format_angka, format_rupiah
from sakip.bundle.hasil import hasil_dict

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(os.environ.get("SAKIP_LEWATI_PDF") == "1", reason="SAKIP_LEWATI_PDF=1"),
]

TAHUN = 2024
A4 = (595, 842)
A4_LANDSKAP = (842, 595)


@dataclass(frozen=True)
class PDF:
    k: KonteksLaporan
    html: str
    reader: pypdf.PdfReader
    halaman: int  # as tulis_pdf returned it
    teks: tuple[str, ...]  # the text of each page, whitespace collapsed


_tersimpan: dict[str, PDF] = {}


def _teks(page) -> str:
    return " ".join(page.extract_text().split())


def _buat_pdf(pd) -> PDF:
    """The PD's report as a PDF, made (and its text extracted) once per session."""
    if pd.kode not in _tersimpan:
        k = konteks_laporan(pd=pd, tahun=TAHUN)
        html = cetak_html(k, gambar=gambar_cetak(k.identitas))
        buf = io.BytesIO()
        halaman = tulis_pdf(html, tujuan=buf)
        reader = pypdf.PdfReader(buf)
        _tersimpan[pd.kode] = PDF(k, html, reader, halaman, tuple(_teks(p) for p in reader.pages))
    return _tersimpan[pd.kode]


@pytest.fixture
def contoh_pdf(contoh_pd) -> PDF:
    return _buat_pdf(contoh_pd)


def _ukuran(page) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def _halaman_daftar(teks: tuple[str, ...]) -> set[int]:
    """0-based indexes of the pages with leader dots (table of contents, tables, charts)."""
    return {i for i, t in enumerate(teks) if "......" in t.replace(" ", "")}


class _Lebar(HTMLParser):
    """Anchors of the figures inside and outside ``<div class="lebar">``."""

    def __init__(self) -> None:
        super().__init__()
        self.div: list[bool] = []
        self.lebar: list[str] = []
        self.biasa: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div":
            self.div.append("lebar" in (a.get("class") or "").split())
        elif tag == "figure" and a.get("id"):
            (self.lebar if any(self.div) else self.biasa).append(a["id"])

    def handle_endtag(self, tag):
        if tag == "div" and self.div:
            self.div.pop()


def _halaman_pertama(pdf: PDF, cari: str, kecuali: set[int]) -> int | None:
    """0-based index of the first page (outside ``kecuali``) whose text holds ``cari``."""
    for i, t in enumerate(pdf.teks):
        if i not in kecuali and cari in t:
            return i
    return None


# --- the example PD ----------------------------------------------------------------------------------------------


def test_halaman_a4_dan_jumlah_halaman(contoh_pdf):
    reader = contoh_pdf.reader
    assert contoh_pdf.halaman == len(reader.pages) > 10
    assert {_ukuran(p) for p in reader.pages} <= {A4, A4_LANDSKAP}
    assert _ukuran(reader.pages[0]) == A4


def test_tabel_lebar_di_halaman_landskap(contoh_pdf):
    p = _Lebar()
    p.feed(contoh_pdf.html)
    assert p.lebar, "the annex's quarterly matrix is a wide table"
    k = contoh_pdf.k
    keterangan = {r.id: " ".join(r.lengkap.split()) for r in (*k.daftar_tabel, *k.daftar_grafik)}
    daftar = _halaman_daftar(contoh_pdf.teks)
    diperiksa = set()
    for ids, ukuran in ((p.lebar, A4_LANDSKAP), (p.biasa, A4)):
        for id_ in ids:
            if id_ not in keterangan:
                continue
            i = _halaman_pertama(contoh_pdf, keterangan[id_], daftar)  # the page of its caption
            if i is None:  # a caption printed in another form (the PK document)
                continue
            assert _ukuran(contoh_pdf.reader.pages[i]) == ukuran, (keterangan[id_], i + 1)
            diperiksa.add(ukuran)
    assert diperiksa == {A4, A4_LANDSKAP}


def test_kaki_halaman_dan_sampul(contoh_pdf):
    teks = contoh_pdf.teks
    n = len(teks)
    assert f"Halaman 3 dari {n}" in teks[2]
    assert f"Halaman {n} dari {n}" in teks[-1]
    kepala = f"LKjIP {contoh_pdf.k.identitas.pd_nama} Tahun {TAHUN}"
    assert "Halaman" not in teks[0] and kepala not in teks[0]  # no running header or footer on the cover
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in teks[0]
    assert kepala in teks[1]


def _outline(reader) -> list[tuple[int, str, int]]:
    """(level, title, 0-based page) of every bookmark, in order."""
    hasil = []

    def jalan(items, tingkat):
        for x in items:
            if isinstance(x, list):
                jalan(x, tingkat + 1)
            else:
                hasil.append((tingkat, " ".join(x.title.split()), reader.get_destination_page_number(x)))

    jalan(reader.outline, 1)
    return hasil


def test_penanda_bab_dan_bagian(contoh_pdf):
    outline = _outline(contoh_pdf.reader)
    harapan = [(b.tingkat, " ".join(b.judul.split())) for b in contoh_pdf.k.daftar_isi]
    assert [(t, j) for t, j, _p in outline if t <= 2] == harapan
    assert (1, "BAB III AKUNTABILITAS KINERJA") in harapan


def test_daftar_isi_menunjuk_halaman_sebenarnya(contoh_pdf):
    daftar = sorted(_halaman_daftar(contoh_pdf.teks))
    assert daftar, "the table of contents has leader dots"
    teks_daftar = " ".join(contoh_pdf.teks[i] for i in daftar)
    penanda = [(t, p) for t, _j, p in _outline(contoh_pdf.reader) if t <= 2]  # the headings, in print order
    assert len(penanda) == len(contoh_pdf.k.daftar_isi)
    for b, (tingkat, halaman) in zip(contoh_pdf.k.daftar_isi, penanda, strict=True):
        judul = " ".join(b.judul.split())
        m = re.search(re.escape(judul) + r" ?(?:\. ?){3,}(\d+)", teks_daftar)
        assert m, judul
        tercetak = int(m.group(1))
        assert (tingkat, tercetak) == (b.tingkat, halaman + 1), judul
        if b.tingkat == 1:  # the heading itself is on that page (not counting the lists with leaders)
            i = _halaman_pertama(contoh_pdf, judul, set(daftar) - {tercetak - 1})
            assert i is not None and i + 1 == tercetak, judul


def test_angka_utama_sama_dengan_hasil(contoh_pd, contoh_pdf):
    h = hasil_dict(hasil_tahun(contoh_pd, TAHUN))
    semua = " ".join(contoh_pdf.teks)
    assert format_angka(Decimal(h["iku"]["rata_rata"])) in semua
    assert format_rupiah(Decimal(h["anggaran"]["total"]["pagu"])) in semua
    assert format_rupiah(Decimal(h["anggaran"]["total"]["realisasi"])) in semua
    for i in h["indikator"]:
        if i["iku"] and i["capaian"] is not None:
            assert format_angka(Decimal(i["capaian"])) in semua, i["kode"]


# --- the fetcher ------------------------------------------------------------------------------------------------


def test_pengambil_menolak_jaringan_dan_berkas_lain(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    gambar = tmp_path / "media" / "logo.png"
    gambar.write_bytes(b"\x89PNG\r\n\x1a\n")
    lain = tmp_path / "media" / "bukti-pd-lain.png"
    lain.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert not PengambilLokal().boleh(gambar.as_uri())  # MEDIA_ROOT is not readable as a whole
    f = PengambilLokal(berkas=[gambar])
    for url in (
        lain.as_uri(),
        "http://example.com/logo.png",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        f"file://example.com{gambar}",
        (tmp_path / "lain.png").as_uri(),
        gambar.as_uri().replace("/media/", "/media/../"),
    ):
        assert not f.boleh(url), url
        with pytest.raises(ValueError):
            f.fetch(url)
    assert f.boleh(gambar.as_uri())
    assert f.fetch(gambar.as_uri()).read() == b"\x89PNG\r\n\x1a\n"
    assert f.boleh((folder_statis() / "laporan" / "cetak.css").as_uri())
    assert f.fetch("data:text/plain;base64,aGFp").read() == b"hai"


def test_pdf_tidak_mengambil_dari_jaringan(caplog, monkeypatch):
    import urllib.request

    def tidak_boleh(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", tidak_boleh)
    html = (
        '<html><body><section class="bab"><h1>Uji</h1><img src="http://example.com/x.png">'
        '<img src="https://example.com/y.svg"><link rel="stylesheet" href="http://example.com/z.css">'
        "<p>Isi</p></section></body></html>"
    )
    buf = io.BytesIO()
    assert tulis_pdf(html, tujuan=buf) == 1
    assert "refused to fetch http://example.com/x.png" in caplog.text
    assert "refused to fetch https://example.com/y.svg" in caplog.text


# --- the Paser demo through the task -----------------------------------------------------------------------------


def test_pdf_paser_lewat_tugas(client, paser_pd, django_user_model, django_capture_on_commit_callbacks):
    user = django_user_model.objects.create_superuser("admin", password="x")
    with django_capture_on_commit_callbacks(execute=True):
        e = services.ekspor_minta(pd=paser_pd, tahun=TAHUN, format="pdf", user=user)
    e.refresh_from_db()
    assert e.status == EksporLaporan.Status.SELESAI, e.galat
    isi = e.berkas.open("rb").read()
    reader = pypdf.PdfReader(io.BytesIO(isi))
    assert e.halaman == len(reader.pages) and e.ukuran == len(isi)
    assert {_ukuran(p) for p in reader.pages} == {A4, A4_LANDSKAP}
    assert f"Halaman 3 dari {e.halaman}" in _teks(reader.pages[2])

    h = hasil_dict(hasil_tahun(paser_pd, TAHUN))
    semua = " ".join(_teks(p) for p in reader.pages)
    assert format_angka(Decimal(h["iku"]["rata_rata"])) in semua
    assert format_rupiah(Decimal(h["anggaran"]["total"]["pagu"])) in semua

    client.force_login(user)
    r = client.get(reverse("laporan:unduh", kwargs={"pk": e.pk}))
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'attachment; filename="LKjIP-Setda-Kab-Paser-2024-v1.pdf"'
    assert b"".join(r.streaming_content) == isi


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buf, format="PNG")
    return buf.getvalue()


def test_pdf_membaca_hanya_berkas_pd_yang_dicetak(contoh_pd, settings, tmp_path, monkeypatch, caplog):
    """The report's logo is read from MEDIA_ROOT; another PD's evidence named in the HTML (as a narrative would if
    its escaping failed) is refused by the fetcher, though it is an image under the same MEDIA_ROOT."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from laporan.models import Laporan

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    bukti = tmp_path / "media" / default_storage.save("bukti/2024/punya-pd-lain", ContentFile(_png()))
    lap, _ = Laporan.objects.get_or_create(pd=contoh_pd, tahun=TAHUN)
    lap.logo.save("logo.png", ContentFile(_png()))
    logo = (tmp_path / "media" / lap.logo.name).resolve()

    def cetak_dengan_bukti(k, *, gambar):
        return cetak_html(k, gambar=gambar).replace("</body>", f'<p><img src="{bukti.as_uri()}"></p></body>')

    diambil: list[str] = []
    fetch_asli = PengambilLokal.fetch

    def catat(self, url, headers=None):
        hasil = fetch_asli(self, url, headers)
        diambil.append(url)
        return hasil

    monkeypatch.setattr(services, "cetak_html", cetak_dengan_bukti)
    monkeypatch.setattr(PengambilLokal, "fetch", catat)
    k = konteks_laporan(pd=contoh_pd, tahun=TAHUN)
    assert services.berkas_tulis(k, format="pdf", tujuan=io.BytesIO()) > 1
    assert logo.as_uri() in diambil
    assert f"refused to fetch {bukti.resolve().as_uri()}" in caplog.text
    assert bukti.resolve().as_uri() not in diambil
