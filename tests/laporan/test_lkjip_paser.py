"""The demo Paser LKjIP against ``sakip-hasil/1``: every chapter's figures, in the HTML and in the PDF's text.

One render of the report feeds both checks. A chapter is found in the HTML by its section's id and in the PDF by its
bookmark (its pages run to the next chapter's bookmark), so a figure printed in the wrong chapter does not count.
"""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal

import pypdf
import pytest

from kinerja.selectors import hasil_tahun
from laporan.konteks import konteks_laporan
from laporan.pdf import tulis_pdf
from laporan.render import berkas_gambar, cetak_html, gambar_cetak
from sakip.angka import format_angka
from sakip.bundle.hasil import hasil_dict

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(os.environ.get("SAKIP_LEWATI_PDF") == "1", reason="SAKIP_LEWATI_PDF=1"),
]

TAHUN = 2024

#: section id in the HTML → the start of its bookmark title in the PDF
BAB = {
    "ikhtisar-eksekutif": "IKHTISAR EKSEKUTIF",
    "bab-2": "BAB II",
    "bab-3": "BAB III",
    "bab-4": "BAB IV",
    "lampiran-3": "LAMPIRAN 3",
}


def _d(x: str | None) -> Decimal:
    assert x is not None
    return Decimal(x)


def persen(x: str | None) -> str:
    return format_angka(_d(x))


def rupiah(x: str | None) -> str:
    """Money as tables and sentences both print its digits (``Rp 1.234.567`` or ``1.234.567``)."""
    return format_angka(_d(x), 0)


def harapan(h: dict) -> dict[str, set[str]]:
    """The figures each chapter must print, from the JSON."""
    total = h["anggaran"]["total"]
    iku = [i for i in h["indikator"] if i["iku"]]
    rekening_induk = [r for r in h["anggaran"]["rekening"] if r["kode"].count(".") == 1]  # 5.1, 5.2
    return {
        "ikhtisar-eksekutif": {
            persen(h["iku"]["rata_rata"]),
            rupiah(total["pagu"]),
            rupiah(total["realisasi"]),
            persen(total["serapan"]),
            h["iku"]["kategori"],
        },
        "bab-2": {rupiah(r["pagu"]) for r in rekening_induk} | {rupiah(p["pagu"]) for p in h["anggaran"]["program"]},
        "bab-3": {persen(i["capaian"]) for i in iku if i["capaian"]}
        | {persen(s["capaian"]) for s in h["sasaran"] if s["capaian"]}
        | {persen(h["iku"]["rata_rata"])}
        | {rupiah(r["realisasi"]) for r in rekening_induk}
        | {rupiah(u["pagu"]) for u in h["anggaran"]["unit_kerja"]}
        | {rupiah(u["realisasi"]) for u in h["anggaran"]["unit_kerja"]}
        | {persen(e["efisiensi"]) for e in h["efisiensi"] if e["efisiensi"]}
        | {rupiah(total["realisasi"]), rupiah(total["sisa"])},
        "bab-4": {persen(h["iku"]["rata_rata"]), persen(total["serapan"]), rupiah(total["sisa"])}
        | {persen(s["capaian"]) for s in h["sasaran"] if s["capaian"]},
        "lampiran-3": {rupiah(u["pagu"]) for u in h["anggaran"]["unit_kerja"]}
        | {rupiah(u["realisasi"]) for u in h["anggaran"]["unit_kerja"]}
        | {rupiah(total["pagu"]), rupiah(total["sisa"])}
        | {rupiah(s["realisasi"]) for s in h["anggaran"]["sub_kegiatan"]}
        | {persen(s["capaian_k"]) for s in h["anggaran"]["sub_kegiatan"] if s["capaian_k"]},
    }


def bagian_html(html: str, id: str) -> str:
    """The text of the section with this id, up to the next chapter-level section."""
    awal = re.search(rf'<section[^>]*\bid="{re.escape(id)}"', html)
    assert awal, id
    akhir = re.compile(r'<section[^>]*class="(?:bab|sampul)[^"]*"').search(html, awal.end())
    isi = html[awal.start() : akhir.start() if akhir else len(html)]
    return " ".join(re.sub(r"<[^>]+>", " ", isi).replace("&nbsp;", " ").split())


def bagian_pdf(reader: pypdf.PdfReader) -> dict[str, str]:
    """Chapter title → the text of its pages (from its bookmark to the next top-level bookmark)."""
    awal = [(reader.get_destination_page_number(o), o.title) for o in reader.outline if not isinstance(o, list)]
    awal.sort()
    teks = [" ".join(p.extract_text().split()) for p in reader.pages]
    hasil = {}
    for n, (halaman, judul) in enumerate(awal):
        sampai = awal[n + 1][0] if n + 1 < len(awal) else len(teks)
        hasil[judul] = " ".join(teks[halaman : max(sampai, halaman + 1)])
    return hasil


def test_every_chapter_of_the_paser_report_prints_the_figures_of_sakip_hasil(paser_pd):
    h = hasil_dict(hasil_tahun(paser_pd, TAHUN))
    assert h["iku"]["rata_rata"] == "106.71"  # the report's headline, computed
    k = konteks_laporan(pd=paser_pd, tahun=TAHUN)
    gambar = gambar_cetak(k.identitas)
    html = cetak_html(k, gambar=gambar)
    keluaran = io.BytesIO()
    halaman = tulis_pdf(html, tujuan=keluaran, berkas=berkas_gambar(gambar))
    reader = pypdf.PdfReader(io.BytesIO(keluaran.getvalue()))
    assert halaman == len(reader.pages) > 30

    pdf = bagian_pdf(reader)
    for id, angka in harapan(h).items():
        teks_html = bagian_html(html, id)
        judul = next((j for j in pdf if j.startswith(BAB[id])), None)
        assert judul, f"no bookmark for {BAB[id]}: {list(pdf)}"
        hilang_html = sorted(a for a in angka if a not in teks_html)
        hilang_pdf = sorted(a for a in angka if a not in pdf[judul])
        assert not hilang_html, f"{id} (HTML) lacks {hilang_html}"
        assert not hilang_pdf, f"{id} (PDF) lacks {hilang_pdf}"


def test_each_sasaran_has_one_capaian_and_category_in_bab3_and_bab4(paser_pd):
    """The sasaran rows of BAB III and the conclusions of BAB IV print the same computed capaian and category; the
    BAB III row of each sasaran holds exactly the JSON's figure."""
    h = hasil_dict(hasil_tahun(paser_pd, TAHUN))
    k = konteks_laporan(pd=paser_pd, tahun=TAHUN)
    html = cetak_html(k, gambar=gambar_cetak(k.identitas))
    bab3, bab4 = bagian_html(html, "bab-3"), bagian_html(html, "bab-4")
    assert h["sasaran"]
    for s in h["sasaran"]:
        teks_capaian = persen(s["capaian"])
        assert f"sebesar {teks_capaian}% dengan kategori {s['kategori']}" in bab4
        assert teks_capaian in bab3 and s["kategori"] in bab3
