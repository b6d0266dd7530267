"""DPA workbooks 1–3 on the demo data: every figure equals ``sakip-hasil/1``, JUMLAH rows equal the sum of their
members, the grand total equals the PD's total, numbers carry their formats, headers are merged, text is escaped."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest

from anggaran.dpa import JENIS_DPA, buku_dpa, versi_dpa
from anggaran.excel import FORMAT_PERSEN, FORMAT_RUPIAH
from anggaran.excel.buku import nama_berkas_buku, tulis_buku
from anggaran.models import VersiAnggaran
from kinerja.selectors import hasil_tahun
from laporan.konteks import muat_dasar
from renstra.models import SubKegiatan, UnitKerja
from sakip.bundle.hasil import hasil_dict

pytestmark = pytest.mark.django_db

TAHUN = 2024
DIBUAT = datetime(2025, 1, 15, 1, 0, tzinfo=UTC)


def D(v) -> Decimal | None:
    """A cell's number (openpyxl reads int or float) or a JSON string as a Decimal."""
    return None if v is None else Decimal(str(v))


def buka(pd, kode: str, **kw):
    buku = buku_dpa(pd=pd, tahun=TAHUN, kode=kode, dibuat=DIBUAT, **kw)
    berkas = io.BytesIO()
    tulis_buku(buku, berkas)
    berkas.seek(0)
    return buku, openpyxl.load_workbook(berkas)


def data(ws) -> list[tuple]:
    """The table's data rows: from under the frozen header to the end of the autofilter."""
    awal = int(ws.freeze_panes[1:])
    akhir = int(ws.auto_filter.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return [tuple(c for c in row) for row in ws.iter_rows(min_row=awal, max_row=akhir)]


def nilai(baris) -> tuple:
    return tuple(c.value for c in baris)


def uang(baris, mulai: int = 2) -> tuple:
    """(pagu, realisasi, sisa, serapan) from columns C–F as Decimals."""
    return tuple(D(c.value) for c in baris[mulai : mulai + 4])


def dari_hasil(x: dict) -> tuple:
    return tuple(D(x[k]) for k in ("pagu", "realisasi", "sisa", "serapan"))


@pytest.fixture
def hasil(paser_pd) -> dict:
    return hasil_dict(hasil_tahun(paser_pd, TAHUN))


def test_registri_lima_buku_berurutan():
    assert list(JENIS_DPA) == ["rekening", "unit", "perubahan", "matriks", "triwulan"]
    for kode, j in JENIS_DPA.items():
        assert j.kode == kode and str(j.judul) and str(j.keterangan)


def test_kode_tidak_dikenal(paser_pd):
    with pytest.raises(KeyError):
        buku_dpa(pd=paser_pd, tahun=TAHUN, kode="tidak-ada")


# --- 1. per account --------------------------------------------------------------------------------------------


def test_rekening_sama_dengan_hasil_dan_tabel_3_10(paser_pd, hasil):
    buku, wb = buka(paser_pd, "rekening")
    assert nama_berkas_buku(buku) == "dpa-rekening-sekretariat-daerah-kabupaten-paser-2024.xlsx"
    assert wb.sheetnames == ["Per Rekening"]
    ws = wb.active
    assert ws["A1"].value == "REALISASI ANGGARAN PER KODE REKENING"
    assert ws["A2"].value == "Sekretariat Daerah Kabupaten Paser"
    assert ws["A4"].value == "Tahun Anggaran 2024"
    assert ws["A5"].value == "Diekspor 15 Januari 2025 08:00"
    assert ws["A7"].value == "Realisasi Anggaran Belanja Sekretariat Daerah Kabupaten Paser TA. 2024"
    assert nilai(ws[8]) == ("Kode Rekening", "Uraian", "Anggaran", "Realisasi", "Sisa Anggaran", "Realisasi (%)")
    assert {"A1:F1", "A7:F7"} <= {str(r) for r in ws.merged_cells.ranges}

    baris = data(ws)
    *rekening, jumlah = baris
    per_kode = {r["kode"]: r for r in hasil["anggaran"]["rekening"]}
    # every account of the computation but the lone top code "5" (its row would repeat JUMLAH)
    assert [b[0].value for b in rekening] == [k for k in per_kode if k != "5"]
    for b in rekening:
        assert uang(b) == dari_hasil(per_kode[b[0].value]), b[0].value
        assert [c.number_format for c in b[2:5]] == [FORMAT_RUPIAH] * 3
        assert b[5].number_format == FORMAT_PERSEN
    assert uang(jumlah) == dari_hasil(hasil["anggaran"]["total"])
    assert jumlah[1].value == "JUMLAH" and jumlah[1].font.b and jumlah[2].border.top.style == "medium"

    # group rows (5.1, 5.2) bold, their members indented; JUMLAH = the sum of the groups
    grup = [b for b in rekening if b[0].value.count(".") == 1]
    assert [b[0].value for b in grup] == ["5.1", "5.2"]
    assert all(b[1].font.b for b in grup) and not any(b[1].font.b for b in rekening if b not in grup)
    assert all(b[1].alignment.indent == 1 for b in rekening if b not in grup)
    for i in range(3):
        assert sum(uang(b)[i] for b in grup) == uang(jumlah)[i]

    # the figures of Tabel 3.10 in the Paser LKjIP
    assert uang(jumlah)[0] == Decimal("256384931909")
    assert uang(jumlah)[3] == Decimal("92.10")
    assert ws.cell(jumlah[5].row, 6).value == pytest.approx(92.10)
    assert ws["A" + str(jumlah[1].row + 2)].value.startswith("Sumber: DPA/DPPA dan realisasi belanja TA. 2024")


# --- 2. per program / kegiatan / sub kegiatan per unit ---------------------------------------------------------


def kelompok(ws) -> tuple[list[dict], tuple]:
    """The unit groups of export 2: heading, rows, JUMLAH; and the grand total row."""
    *isi, total = data(ws)
    grup, sekarang = [], None
    for b in isi:
        if b[2].value is None and b[1].font.b:  # a unit heading: bold, no figures
            sekarang = {"kode": b[0].value, "nama": b[1].value, "baris": [], "jumlah": None, "kepala": b}
            grup.append(sekarang)
        elif b[1].value.startswith("JUMLAH "):
            sekarang["jumlah"] = b
        else:
            sekarang["baris"].append(b)
    return grup, total


def test_unit_sama_dengan_hasil_dan_jumlah_per_unit(paser_pd, hasil):
    _, wb = buka(paser_pd, "unit")
    ws = wb.active
    assert nilai(ws[8]) == (
        "Kode",
        "Program / Kegiatan / Sub Kegiatan",
        "Pagu Anggaran",
        "Realisasi Anggaran",
        "Sisa Pagu Anggaran",
        "Realisasi (%)",
    )
    grup, total = kelompok(ws)
    a = hasil["anggaran"]
    unit = {u["kode"]: u for u in a["unit_kerja"]}
    sub = {s["kode"]: s for s in a["sub_kegiatan"]}
    program = {p["kode"]: p for p in a["program"]}
    kegiatan = {k["kode"]: k for k in a["kegiatan"]}

    # the units with sub kegiatan, in the organisation's order
    ada_sub = {s["unit_kerja"] for s in sub.values()}
    urutan = UnitKerja.objects.filter(pd=paser_pd).order_by("urutan", "pk").values_list("kode", flat=True)
    assert [g["kode"] for g in grup] == [k for k in urutan if k in ada_sub]
    dilihat: list[str] = []
    per_program: dict[str, list] = {}
    per_kegiatan: dict[str, list] = {}
    for g in grup:
        assert g["kepala"][1].fill.fgColor.rgb.endswith("F2F2F2")
        jumlah = g["jumlah"]
        assert jumlah[1].value == f"JUMLAH {g['nama']}" and jumlah[1].font.b
        assert uang(jumlah) == dari_hasil(unit[g["kode"]])
        subs = [b for b in g["baris"] if b[0].value in sub]
        for b in subs:
            assert uang(b) == dari_hasil(sub[b[0].value])
            assert sub[b[0].value]["unit_kerja"] == g["kode"]
            assert b[1].alignment.indent == 3
        # the unit's JUMLAH is the sum of its sub kegiatan
        for i in range(3):
            assert sum(uang(b)[i] for b in subs) == uang(jumlah)[i]
        dilihat += [b[0].value for b in subs]
        for b in g["baris"]:
            if b[0].value in program:
                assert b[1].alignment.indent == 1
                per_program.setdefault(b[0].value, []).append(uang(b))
            elif b[0].value in kegiatan:
                assert b[1].alignment.indent == 2
                per_kegiatan.setdefault(b[0].value, []).append(uang(b))
    # every sub kegiatan exactly once
    assert sorted(dilihat) == sorted(sub)
    # a program or kegiatan split over units adds up to its figure
    for kode, daftar in per_program.items():
        assert sum(x[0] for x in daftar) == D(program[kode]["pagu"])
        assert sum(x[1] for x in daftar) == D(program[kode]["realisasi"])
    for kode, daftar in per_kegiatan.items():
        assert sum(x[0] for x in daftar) == D(kegiatan[kode]["pagu"])
    assert set(per_program) == set(program)
    # grand total: the PD's total and the sum of the units
    assert total[1].value == "TOTAL KESELURUHAN"
    assert uang(total) == dari_hasil(a["total"])
    for i in range(3):
        assert sum(uang(g["jumlah"])[i] for g in grup) == uang(total)[i]
    assert total[2].number_format == FORMAT_RUPIAH and total[5].number_format == FORMAT_PERSEN


def test_teks_rumus_di_nama_di_escape(paser_pd):
    s = SubKegiatan.objects.filter(kegiatan__program__pd=paser_pd).first()
    s.nama = "=SUM(A1)"
    s.save()
    u = s.unit_kerja
    u.nama = "+62 Bagian"
    u.save()
    for kode in ("unit", "perubahan"):
        _, wb = buka(paser_pd, kode)
        teks = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert "'=SUM(A1)" in teks and "=SUM(A1)" not in teks
        assert all(c.data_type != "f" for ws in wb for row in ws.iter_rows() for c in row)
    _, wb = buka(paser_pd, "unit")
    teks = [c.value for row in wb.active.iter_rows() for c in row]
    assert "'+62 Bagian" in teks and "'JUMLAH +62 Bagian" not in teks and "JUMLAH +62 Bagian" in teks


# --- 3. murni against perubahan --------------------------------------------------------------------------------


def test_perubahan_tanpa_murni_kolom_murni_kosong(paser_pd, hasil):
    _, wb = buka(paser_pd, "perubahan")
    assert wb.sheetnames == ["Per Rekening", "Per Program"]
    rek, prog = wb.worksheets
    assert nilai(rek[8]) == ("Kode Rekening", "Uraian", "DPA Murni", "DPA Perubahan", "Bertambah/(Berkurang)")
    per_kode = {r["kode"]: r for r in hasil["anggaran"]["rekening"]}
    for b in data(rek):
        assert b[2].value is None and b[4].value is None  # murni not on record: empty, never = perubahan
        pagu = per_kode[b[0].value]["pagu"] if b[0].value else hasil["anggaran"]["total"]["pagu"]
        assert D(b[3].value) == D(pagu)
    catatan = [rek.cell(r, 1).value for r in range(1, rek.max_row + 1)]
    assert (
        "DPA murni tahun 2024 tidak tercatat: kolom DPA Murni dan Bertambah/(Berkurang) dikosongkan, bukan "
        "disamakan dengan DPA Perubahan." in catatan
    )
    assert "DPA Perubahan (DPPA): tanpa tanggal, 68 baris pagu." in catatan
    *isi, total = data(prog)
    assert D(total[3].value) == D(hasil["anggaran"]["total"]["pagu"]) and total[2].value is None
    assert all(b[2].value is None and b[4].value is None for b in isi)


@pytest.fixture
def hasil_contoh(contoh_pd) -> dict:
    return hasil_dict(hasil_tahun(contoh_pd, TAHUN))


def murni_perubahan(b) -> tuple:
    return D(b[2].value), D(b[3].value), D(b[4].value)


def dari_hasil_mp(x: dict) -> tuple:
    murni, pagu = D(x["pagu_murni"]), D(x["pagu"])
    return murni, pagu, pagu - murni


def test_perubahan_murni_dan_perubahan(contoh_pd, hasil_contoh):
    a = hasil_contoh["anggaran"]
    assert a["total"]["pagu_murni"] != a["total"]["pagu"]  # the sample changes its pagu
    _, wb = buka(contoh_pd, "perubahan")
    rek, prog = wb.worksheets

    *isi, total = data(rek)
    per_kode = {r["kode"]: r for r in a["rekening"]}
    assert [b[0].value for b in isi] == [k for k in per_kode if k.count(".") >= (1 if "5" in per_kode else 0)]
    for b in isi:
        assert murni_perubahan(b) == dari_hasil_mp(per_kode[b[0].value])
        assert [c.number_format for c in b[2:5]] == [FORMAT_RUPIAH] * 3
    assert murni_perubahan(total) == dari_hasil_mp(a["total"])
    induk = [b for b in isi if b[0].value.count(".") == 1]
    for i in range(3):
        assert sum(murni_perubahan(b)[i] for b in induk) == murni_perubahan(total)[i]

    *isi, total = data(prog)
    tabel = {**{p["kode"]: p for p in a["program"]}, **{k["kode"]: k for k in a["kegiatan"]}}
    tabel |= {s["kode"]: s for s in a["sub_kegiatan"]}
    assert sorted(b[0].value for b in isi) == sorted(tabel)
    for b in isi:
        assert murni_perubahan(b) == dari_hasil_mp(tabel[b[0].value])
    program = [b for b in isi if b[0].value in {p["kode"] for p in a["program"]}]
    assert all(b[1].font.b for b in program)
    for i in range(3):
        assert sum(murni_perubahan(b)[i] for b in program) == murni_perubahan(total)[i]
    assert murni_perubahan(total) == dari_hasil_mp(a["total"])

    catatan = [rek.cell(r, 1).value for r in range(1, rek.max_row + 1)]
    assert "DPA Murni: 2 Januari 2024, 6 baris pagu." in catatan
    assert "DPA Perubahan (DPPA): 15 September 2024, 6 baris pagu." in catatan
    assert not any(isinstance(t, str) and "tidak tercatat" in t for t in catatan)


def test_perubahan_hanya_murni(contoh_pd):
    VersiAnggaran.objects.filter(pd=contoh_pd, tahun=TAHUN, versi="perubahan").delete()
    a = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]
    _, wb = buka(contoh_pd, "perubahan")
    *isi, total = data(wb.worksheets[0])
    assert D(total[2].value) == D(a["total"]["pagu_murni"]) and total[3].value is None and total[4].value is None
    assert all(b[3].value is None and b[4].value is None for b in isi)
    catatan = [wb.worksheets[0].cell(r, 1).value for r in range(1, wb.worksheets[0].max_row + 1)]
    assert any(isinstance(t, str) and t.startswith("Belum ada DPA perubahan (DPPA) tahun 2024") for t in catatan)


def test_versi_dpa(contoh_pd):
    v = versi_dpa(contoh_pd, TAHUN)
    assert [(x.versi, x.tanggal.isoformat(), x.jumlah_baris) for x in v] == [
        ("murni", "2024-01-02", 6),
        ("perubahan", "2024-09-15", 6),
    ]
    assert versi_dpa(contoh_pd, 2023) == []


# --- every workbook ---------------------------------------------------------------------------------------------


def test_setiap_buku_siap_cetak_dan_memakai_dasar_yang_sama(paser_pd):
    d = muat_dasar(paser_pd, TAHUN)
    for kode in JENIS_DPA:
        buku, wb = buka(paser_pd, kode, dasar=d)
        assert buku.tahun == TAHUN and buku.pd == paser_pd.nama
        for ws in wb:
            assert ws.page_setup.orientation == "landscape"
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.print_title_rows and ws.freeze_panes and ws.auto_filter.ref
            assert ws["A4"].value == "Tahun Anggaran 2024"
            assert ws["A5"].value.startswith("Diekspor 15 Januari 2025")
            for row in ws.iter_rows():
                for c in row:
                    assert not isinstance(c.value, str) or not c.value.startswith("=")
