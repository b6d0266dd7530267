"""The formatted workbook writer: title block, grouped and merged headers, numbers with formats, frozen and filtered
header, landscape print set-up that fits the width and repeats the header, formula injection escaped."""

import io
from datetime import UTC, datetime
from decimal import Decimal as D

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from anggaran.excel import FORMAT_NILAI, FORMAT_PERSEN, FORMAT_RUPIAH
from anggaran.excel.buku import BarisBuku, Buku, KepalaGrup, KolomBuku, Lembar, nama_berkas_buku, tulis_buku

KOLOM = (
    KolomBuku("No"),
    KolomBuku("Uraian", lebar=50, uraian=True),
    KolomBuku("K", FORMAT_NILAI, 10),
    KolomBuku("Rp", FORMAT_RUPIAH, 20),
    KolomBuku("K", FORMAT_NILAI, 10),
    KolomBuku("Rp", FORMAT_RUPIAH, 20),
    KolomBuku("%", FORMAT_PERSEN, 9),
)
GRUP = (KepalaGrup("Target", 2, 3), KepalaGrup("TW I", 4, 5))
BARIS = (
    BarisBuku(("1", "Bagian Pemerintahan", None, None, None, None, None), gaya="grup"),
    BarisBuku(
        ("1.1", "=SUM(A1)", D("3.522"), D("1500000.25"), D("2"), D("1000000"), D("66.6667")),
        tingkat=1,
        format=(None, None, "#,##0.000", None, None, None, None),
    ),
    BarisBuku(("1.2", "Sub kegiatan -2", D("1"), D("500000"), 0, D("0"), D("0")), tingkat=9),
    BarisBuku(("", "JUMLAH", None, D("2000000.25"), None, D("1000000"), D("49.99")), gaya="jumlah"),
    BarisBuku(("", "TOTAL", None, D("2000000.25"), None, D("1000000"), D("49.99")), gaya="total"),
)
DIBUAT = datetime(2025, 2, 28, 3, 5, tzinfo=UTC)  # 10:05 in Asia/Jakarta


def buku(**ubah) -> Buku:
    lembar = Lembar(
        nama="Matriks: TW/[uji] dengan nama yang panjang sekali",
        judul="Matriks Triwulan Setda TA. 2024",
        kolom=KOLOM,
        baris=BARIS,
        kepala_grup=GRUP,
        catatan=("Catatan: angka dari DPA perubahan.", "@catatan kedua"),
    )
    data = {
        "identifier": "dpa-matriks",
        "judul": "MATRIKS TRIWULAN",
        "pd": "Sekretariat Daerah",
        "pemda": "Kabupaten Paser",
        "tahun": 2024,
        "dibuat": DIBUAT,
        "lembar": (lembar,),
    } | ubah
    return Buku(**data)


def buka(b: Buku):
    berkas = io.BytesIO()
    tulis_buku(b, berkas)
    berkas.seek(0)
    return openpyxl.load_workbook(berkas)


@pytest.fixture
def ws():
    return buka(buku()).worksheets[0]


def test_blok_judul_di_atas(ws):
    assert [ws.cell(r, 1).value for r in range(1, 9)] == [
        "MATRIKS TRIWULAN",
        "Sekretariat Daerah",
        "Kabupaten Paser",
        "Tahun Anggaran 2024",
        "Diekspor 28 Februari 2025 10:05",
        None,
        "Matriks Triwulan Setda TA. 2024",
        "No",
    ]
    assert ws["A1"].font.b
    assert ws["A7"].font.b
    gabung = {str(r) for r in ws.merged_cells.ranges}
    for r in (1, 2, 3, 4, 5, 7):
        assert f"A{r}:G{r}" in gabung


def test_nama_lembar_dibersihkan(ws):
    assert ws.title == "Matriks  TW  uji  dengan nama y"
    assert len(ws.title) == 31


def test_kepala_grup_dan_kolom_tanpa_grup_digabung(ws):
    gabung = {str(r) for r in ws.merged_cells.ranges}
    # groups over their columns on the upper header row
    assert {"C8:D8", "E8:F8"} <= gabung
    # columns under no group: one cell over both header rows
    assert {"A8:A9", "B8:B9", "G8:G9"} <= gabung
    assert [ws.cell(8, c).value for c in (1, 2, 3, 5, 7)] == ["No", "Uraian", "Target", "TW I", "%"]
    assert [ws.cell(9, c).value for c in range(3, 7)] == ["K", "Rp", "K", "Rp"]
    for c in range(1, 8):
        for r in (8, 9):
            sel = ws.cell(r, c)
            if isinstance(sel, MergedCell):  # the range's style is its top-left cell's
                continue
            assert sel.font.b and sel.alignment.horizontal == "center" and sel.alignment.wrap_text
            assert sel.fill.fgColor.rgb.endswith("D9E1F2")


def test_angka_tersimpan_sebagai_angka_dengan_format(ws):
    r = 11  # second data row
    assert ws.cell(r, 3).value == pytest.approx(3.522)
    assert ws.cell(r, 3).number_format == "#,##0.000"  # the row's own format
    assert ws.cell(r, 4).value == pytest.approx(1500000.25)
    assert ws.cell(r, 4).number_format == FORMAT_RUPIAH
    assert ws.cell(r, 5).number_format == FORMAT_NILAI
    assert ws.cell(r, 7).value == pytest.approx(66.6667)
    assert ws.cell(r, 7).number_format == FORMAT_PERSEN
    assert ws.cell(12, 5).value == 0 and ws.cell(12, 5).number_format == FORMAT_NILAI
    assert isinstance(ws.cell(r, 4).value, float | int)
    # empty cells stay empty, not zero
    assert ws.cell(10, 3).value is None


def test_injeksi_rumus_di_teks_di_escape(ws):
    assert ws.cell(11, 2).value == "'=SUM(A1)"
    assert ws.cell(11, 2).data_type == "s"
    catatan = [ws.cell(r, 1).value for r in range(16, 18)]
    assert catatan == ["Catatan: angka dari DPA perubahan.", "'@catatan kedua"]
    assert "A17:G17" in {str(r) for r in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        for sel in row:
            assert sel.data_type != "f"


def test_gaya_baris(ws):
    grup, biasa, jumlah, total = ws.cell(10, 2), ws.cell(11, 2), ws.cell(13, 4), ws.cell(14, 4)
    assert grup.font.b and grup.fill.fgColor.rgb.endswith("F2F2F2")
    assert not biasa.font.b
    assert jumlah.font.b and jumlah.border.top.style == "thin"
    assert total.font.b and total.border.top.style == "medium"
    assert biasa.alignment.indent == 1 and biasa.alignment.wrap_text
    assert ws.cell(12, 2).alignment.indent == 4  # capped


def test_beku_filter_cetak(ws):
    assert ws.freeze_panes == "A10"
    assert ws.auto_filter.ref == "A9:G14"
    assert ws.print_title_rows == "$8:$9"
    ps = ws.page_setup
    assert ps.orientation == "landscape"
    assert int(ps.paperSize) == int(ws.PAPERSIZE_A4)
    assert ps.fitToWidth == 1 and ps.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.column_dimensions["B"].width == 50
    assert ws.column_dimensions["D"].width == 20


def test_satu_baris_kepala_tanpa_grup_dan_tanpa_filter():
    lembar = Lembar(
        nama="Rekening",
        judul="Tabel",
        kolom=(KolomBuku("Kode"), KolomBuku("Anggaran", FORMAT_RUPIAH)),
        baris=(BarisBuku(("5.1", D("10"))),),
        filter=False,
    )
    ws = buka(buku(lembar=(lembar,))).worksheets[0]
    assert [ws.cell(8, c).value for c in (1, 2)] == ["Kode", "Anggaran"]
    assert ws.freeze_panes == "A9"
    assert ws.print_title_rows == "$8:$8"
    assert ws.auto_filter.ref is None
    assert not {str(r) for r in ws.merged_cells.ranges} - {f"A{r}:B{r}" for r in (1, 2, 3, 4, 5, 7)}


def test_beberapa_lembar_nama_unik():
    lembar = Lembar(nama="Per Rekening", judul="A", kolom=(KolomBuku("X"),), baris=())
    wb = buka(buku(lembar=(lembar, lembar)))
    assert wb.sheetnames == ["Per Rekening", "Per Rekening (2)"]
    ws = wb.worksheets[0]
    assert ws.auto_filter.ref == "A8:A8"  # no rows: the filter covers the header only


def test_baris_dengan_jumlah_nilai_salah_ditolak():
    lembar = Lembar(nama="X", judul="X", kolom=(KolomBuku("A"), KolomBuku("B")), baris=(BarisBuku(("1",)),))
    with pytest.raises(ValueError, match="1 nilai untuk 2 kolom"):
        tulis_buku(buku(lembar=(lembar,)), io.BytesIO())


def test_grup_di_luar_kolom_ditolak():
    lembar = Lembar(nama="X", judul="X", kolom=(KolomBuku("A"),), baris=(), kepala_grup=(KepalaGrup("G", 0, 1),))
    with pytest.raises(ValueError, match="di luar kolom"):
        tulis_buku(buku(lembar=(lembar,)), io.BytesIO())


def test_nama_berkas():
    assert nama_berkas_buku(buku()) == "dpa-matriks-sekretariat-daerah-kabupaten-paser-2024.xlsx"
    assert nama_berkas_buku(buku(pd="Dinas P & K / =Uji")) == "dpa-matriks-dinas-p-k-uji-kabupaten-paser-2024.xlsx"
    # the pemda is named once: a PD's name usually ends with it
    nama = nama_berkas_buku(buku(pd="Sekretariat Daerah Kabupaten Paser"))
    assert nama == "dpa-matriks-sekretariat-daerah-kabupaten-paser-2024.xlsx"
    # the same PD name in two pemdas: two file names
    assert nama_berkas_buku(buku(pemda="Kabupaten Contoh")) != nama_berkas_buku(buku())


def test_kolom_angka_dilebarkan_agar_tidak_tampil_pagar():
    lembar = Lembar(
        nama="X",
        judul="X",
        kolom=(
            KolomBuku("Uraian", lebar=30, uraian=True),
            KolomBuku("Pagu", FORMAT_RUPIAH, 8),
            KolomBuku("%", FORMAT_PERSEN, 9),
        ),
        baris=(
            BarisBuku(("Belanja", D("256384931909"), D("92.10"))),
            BarisBuku(("JUMLAH", D("256384931909"), D("92.10")), gaya="total"),
        ),
    )
    ws = buka(buku(lembar=(lembar,))).worksheets[0]
    # "Rp 256,384,931,909" in bold: 18 characters and a margin
    assert ws.column_dimensions["B"].width >= 20
    assert ws.column_dimensions["C"].width == 9  # wide enough already: unchanged
    assert ws.column_dimensions["A"].width == 30


def test_tinggi_baris_untuk_teks_yang_dibungkus():
    panjang = (
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas"
    )
    lembar = Lembar(
        nama="X",
        judul="X",
        kolom=(KolomBuku("Uraian", lebar=30, uraian=True), KolomBuku("Pagu", FORMAT_RUPIAH, 20)),
        baris=(BarisBuku(("Pendek", D("1"))), BarisBuku((panjang, D("1")), tingkat=2)),
    )
    ws = buka(buku(lembar=(lembar,))).worksheets[0]
    assert ws.row_dimensions[9].height is None  # one line: the default height
    assert ws.row_dimensions[10].height >= 4 * 15  # 107 characters in a 30-wide indented column
