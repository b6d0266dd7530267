"""``manage.py lkjip``: the year's figures as JSON, and the report itself as HTML or PDF, written synchronously."""

from __future__ import annotations

import io
import json
import os

import pypdf
import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

TAHUN = 2024


def _jalankan(pd, format, out) -> str:
    err = io.StringIO()
    call_command("lkjip", pd=pd.kode, tahun=TAHUN, format=format, out=str(out), stderr=err, stdout=io.StringIO())
    return err.getvalue()


def test_json_tetap(contoh_pd, contoh_hasil, tmp_path):
    out = tmp_path / "hasil.json"
    _jalankan(contoh_pd, "json", out)
    assert json.loads(out.read_text(encoding="utf-8")) == contoh_hasil


def test_html(contoh_pd, tmp_path):
    out = tmp_path / "lkjip.html"
    pesan = _jalankan(contoh_pd, "html", out)
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert f"<title>LKjIP {contoh_pd.nama} Tahun {TAHUN}</title>" in html
    assert 'id="bab-3"' in html
    assert "detik" in pesan and f"ditulis ke {out}" in pesan


@pytest.mark.skipif(os.environ.get("SAKIP_LEWATI_PDF") == "1", reason="SAKIP_LEWATI_PDF=1")
def test_pdf(contoh_pd, tmp_path):
    out = tmp_path / "lkjip.pdf"
    pesan = _jalankan(contoh_pd, "pdf", out)
    reader = pypdf.PdfReader(out)
    n = len(reader.pages)
    assert n > 10
    assert pesan.startswith(f"{n} halaman, ")
    assert f"Halaman 3 dari {n}" in reader.pages[2].extract_text()


def test_pd_tidak_dikenal(db, tmp_path):
    with pytest.raises(CommandError, match=r'Perangkat daerah "X" tidak ditemukan\.'):
        call_command("lkjip", pd="X", tahun=TAHUN, format="pdf", out=str(tmp_path / "x.pdf"))
