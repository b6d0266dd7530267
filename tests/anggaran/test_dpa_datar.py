"""The flat DPA matrix of a pemda (one row per sub kegiatan × account of every PD), written in write-only mode.

Two PDs of the Paser pemda: the demo (one DPA perubahan) and a synthetic one (murni and perubahan), with a line only
the murni holds, spending on an account without pagu and an amount for the year without a quarter. A PD of another
pemda must not appear.
"""

from __future__ import annotations

import copy
import io
from collections import defaultdict
from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.dpa_datar import MatriksDatar, tulis_matriks_datar
from anggaran.excel import FORMAT_PERSEN, FORMAT_RUPIAH, Kolom, tulis_xlsx
from anggaran.models import PaguAnggaran, RealisasiAnggaran, Rekening
from kinerja.selectors import hasil_tahun
from renstra.models import Pemda, PerangkatDaerah, SubKegiatan
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import KODE_PD, bundle_sintetis
from tests.conftest import DEMO, muat_bundle

pytestmark = pytest.mark.django_db

TAHUN = 2024
DIBUAT = datetime(2025, 2, 3, 14, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
N_KOLOM = 21
PAGU_MURNI, PAGU, TW1, REALISASI, PERSEN, SISA = 12, 13, 14, 18, 19, 20


@pytest.fixture
def pemda(paser_pd, contoh_pd):
    doc = bundle_sintetis(8, seed=11)
    doc["pemda"] = copy.deepcopy(muat_bundle(DEMO / "paser-2024.json")["pemda"])
    hasil, _ = bundle_import(doc=doc)
    assert hasil.sah, hasil.galat
    # what the bundle cannot hold, entered as the forms would
    pagu = PaguAnggaran.objects.filter(versi__pd__kode=KODE_PD, versi__versi="perubahan").order_by("pk")
    pagu[0].delete()  # a line the DPPA removed: pagu 0, its pagu murni kept
    garis = pagu[0]
    lain = Rekening.objects.exclude(pagu__sub_kegiatan=garis.sub_kegiatan).filter(kode__startswith="5.1.").first()
    RealisasiAnggaran.objects.create(  # spending on an account without pagu
        sub_kegiatan=garis.sub_kegiatan, rekening=lain, tahun=TAHUN, triwulan=2, jumlah=D("1500.25")
    )
    RealisasiAnggaran.objects.create(  # an amount for the year, without a quarter
        sub_kegiatan=garis.sub_kegiatan, rekening=garis.rekening, tahun=TAHUN, triwulan=None, jumlah=D(7000)
    )
    return Pemda.objects.get(kode="64.01")


def _tulis(pemda):
    berkas = io.BytesIO()
    n = tulis_matriks_datar(pemda=pemda, tahun=TAHUN, berkas=berkas, dibuat=DIBUAT)
    berkas.seek(0)
    return n, openpyxl.load_workbook(berkas).active


def _angka(v) -> D:
    return D(0) if v is None else D(str(v))


def test_jumlah_per_pd_sama_dengan_hasil_tahun(pemda):
    n, ws = _tulis(pemda)
    baris = [list(r) for r in ws.iter_rows(min_row=7)]
    assert n == len(baris) > 0
    per_pd = defaultdict(list)
    for r in baris:
        per_pd[r[0].value].append(r)
    pds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    assert list(per_pd) == [p.kode for p in pds]  # PD by PD, in the order of their codes; no other pemda
    for pd in pds:
        total = hasil_tahun(pd, TAHUN).total
        rows = per_pd[pd.kode]
        assert all(r[1].value == pd.nama for r in rows)
        assert sum(_angka(r[PAGU].value) for r in rows) == total.pagu
        assert sum(_angka(r[REALISASI].value) for r in rows) == total.realisasi
        assert sum(_angka(r[SISA].value) for r in rows) == total.sisa
        for tw in range(4):
            assert sum(_angka(r[TW1 + tw].value) for r in rows) == total.realisasi_tw[tw]
        if total.pagu_murni is None:  # Paser: no murni DPA on record, the column stays empty
            assert all(r[PAGU_MURNI].value is None for r in rows)
        else:
            assert sum(_angka(r[PAGU_MURNI].value) for r in rows) == total.pagu_murni
        for r in rows:  # per line: Rp % of the pagu, rounded once
            pagu, realisasi = _angka(r[PAGU].value), _angka(r[REALISASI].value)
            if pagu:
                assert _angka(r[PERSEN].value) == (realisasi / pagu * 100).quantize(D("0.01"), "ROUND_HALF_UP")
            else:
                assert r[PERSEN].value is None


def test_baris_kunci_dan_garis_khusus(pemda):
    _, ws = _tulis(pemda)
    baris = [[c.value for c in r] for r in ws.iter_rows(min_row=7)]
    assert all(all(v not in (None, "") for v in r[:12]) for r in baris)  # keys on every row
    sintetis = [r for r in baris if r[0] == KODE_PD]
    # the line the DPPA removed: pagu murni kept, pagu 0
    hilang = [r for r in sintetis if r[PAGU] == 0 and r[PAGU_MURNI]]
    assert len(hilang) == 1
    # spending without any pagu: its own row, pagu 0, no Rp %
    tanpa_pagu = [r for r in sintetis if r[PAGU] == 0 and r[REALISASI] == 1500.25]
    assert len(tanpa_pagu) == 1 and tanpa_pagu[0][PERSEN] is None and tanpa_pagu[0][TW1 + 1] == 1500.25
    assert tanpa_pagu[0][SISA] == -1500.25
    # an amount for the year: in the year's realisation, not in a quarter
    (tahunan,) = [r for r in sintetis if r[REALISASI] and r[REALISASI] != sum(r[TW1 + i] or 0 for i in range(4))]
    assert tahunan[REALISASI] - sum(tahunan[TW1 + i] for i in range(4)) == 7000
    # a sub kegiatan's accounts in the order of their codes
    sub = [r for r in sintetis if r[8] == sintetis[0][8]]
    assert [r[10] for r in sub] == sorted(r[10] for r in sub)
    paser = [r for r in baris if r[0] != KODE_PD]
    assert {r[2] for r in paser} >= {"BAG-PEM", "BAG-KESRA"}


def test_blok_judul_kepala_format_dan_cetak(pemda):
    SubKegiatan.objects.filter(kegiatan__program__pd__kode=KODE_PD).update(nama="=HYPERLINK(1)")
    n, ws = _tulis(pemda)
    assert ws.title == "Matriks DPA"
    assert ws["A1"].value == "MATRIKS DPA DAN REALISASI ANGGARAN PER SUB KEGIATAN DAN REKENING" and ws["A1"].font.bold
    assert [ws[f"A{r}"].value for r in (2, 3, 4, 5)] == [
        "Kabupaten Paser",
        "Tahun Anggaran 2024",
        "Diekspor 3 Februari 2025 14:05",
        None,
    ]
    assert {str(r) for r in ws.merged_cells.ranges} == {f"A{r}:U{r}" for r in (1, 2, 3, 4)}
    kepala = [c.value for c in ws[6]]
    assert kepala[:3] == ["Kode PD", "Perangkat Daerah", "Kode Unit"] and len(kepala) == N_KOLOM
    assert kepala[PAGU_MURNI:] == [
        "Pagu Murni",
        "Pagu",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi TW IV",
        "Realisasi",
        "Realisasi (%)",
        "Sisa",
    ]
    assert all(c.font.bold for c in ws[6])
    assert ws.freeze_panes == "A7"
    assert ws.auto_filter.ref == f"A6:U{6 + n}"
    assert ws.print_title_rows == "$6:$6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["J"].width == 40
    r = list(ws[7])
    assert all(r[i].number_format == FORMAT_RUPIAH for i in (PAGU, TW1, REALISASI, SISA))
    assert r[PERSEN].number_format == FORMAT_PERSEN and r[PAGU].data_type == "n"
    teks = [c.value for row in ws.iter_rows(min_row=7) for c in row if c.data_type == "s"]
    assert "'=HYPERLINK(1)" in teks and not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_pd_demi_pd_dengan_kueri_ramping(pemda):
    eksporter = MatriksDatar(pemda=pemda, tahun=TAHUN, dibuat=DIBUAT)
    baris = eksporter.iter_rows()
    with CaptureQueriesContext(connection) as q:
        pertama = next(baris)
    assert len(q) == 5  # the chart of accounts, the PDs; then the first PD only: sub kegiatan, pagu, realisasi
    assert pertama[0] == "4.01.0.00.0.00.01.0000"
    with CaptureQueriesContext(connection) as q:
        sisa = list(baris)
    assert len(q) == 3  # the second PD
    assert sisa[-1][0] == KODE_PD
    assert eksporter.nama_berkas("xlsx") == "dpa-datar-kabupaten-paser-2024.xlsx"


def test_pemda_tanpa_pd(db):
    pemda = Pemda.objects.create(kode="99.99", nama="Kabupaten Kosong", jenis="kabupaten")
    n, ws = _tulis(pemda)
    assert n == 0 and ws.max_row == 6 and ws.auto_filter.ref == "A6:U6"


class Satu(MatriksDatar):
    """One column: the title block is not merged over a single column."""

    def kolom(self):
        return [Kolom("Nilai", FORMAT_RUPIAH)]

    def iter_rows(self):
        yield (D("1.50"),)
        yield (None,)
        yield (D(2),)


def test_tulis_xlsx_satu_kolom_sel_bergaya_dipakai_ulang(db):
    pemda = Pemda.objects.create(kode="99.99", nama="Kabupaten Kosong", jenis="kabupaten")
    berkas = io.BytesIO()
    assert tulis_xlsx(Satu(pemda=pemda, tahun=TAHUN, dibuat=DIBUAT), berkas) == 3
    berkas.seek(0)
    ws = openpyxl.load_workbook(berkas).active
    assert not ws.merged_cells.ranges
    # one styled cell per column is reused row after row: every row keeps its own value and the format
    assert [(c.value, c.number_format) for (c,) in ws.iter_rows(min_row=7)] == [
        (1.5, FORMAT_RUPIAH),
        (None, "General"),
        (2, FORMAT_RUPIAH),
    ]
