"""The Excel journeys in a real browser, on the demo data as ``manage.py sakip_demo`` leaves it (Setda Kabupaten Paser
2024: TW I–III locked, TW IV submitted by every unit except Bagian Tata Pemerintahan, whose operator still fills it).

The perencana opens the PD's budget page from the navigation and downloads the five DPA workbooks; each opens and
its total row holds the PD's total of ``sakip-hasil/1``. The operator downloads the template of the open quarter,
fills it in a spreadsheet (openpyxl here, on the unlocked input cells), uploads it with a typo, reads the error by
sheet, row and column with nothing saved, uploads the corrected file, applies it, and finds the figures on the entry
page and in the database with the history reason of the import. Screenshots of the budget page and of both previews
go to $SAKIP_TANGKAPAN when it is set.
"""

import io
import os
import re
import zipfile
from decimal import Decimal as D
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from django.urls import reverse

pytest.importorskip("playwright")

from playwright.sync_api import Page, expect

from anggaran import impor
from anggaran.dpa import JENIS_DPA
from anggaran.excel import FORMAT_PERSEN, FORMAT_RUPIAH
from anggaran.excel.templat import LEMBAR_META
from anggaran.models import ImporBerkas, PaguAnggaran, RealisasiAnggaran, RealisasiFisik, Rekening
from kinerja import selectors
from kinerja.models import PelaporanTriwulan, RealisasiKinerja, Tahap
from kinerja.selectors import hasil_tahun
from renstra.models import Indikator, SubKegiatan, UnitKerja
from sakip.angka import format_angka, format_rupiah
from sakip.bundle.hasil import hasil_dict
from sakip.demo import PASSWORD_DEMO, demo_quarters_prepare, demo_users_create

pytestmark = pytest.mark.django_db(transaction=True)

TAHUN, TW = 2024, 4
UNIT = "BAG-PEM"  # the demo operator's unit: TW IV still open
IND = "ISK-4.01.02.2.01.0002-1"  # Jumlah Dokumen Hasil Pengelolaan Administrasi Kewilayahan: 4 stored for TW IV
SUB = "4.01.02.2.01.0001"  # Penataan Administrasi Pemerintahan: pagu on 5.1.02, no physical figure yet
REK = "5.1.02"
NILAI, JUMLAH, FISIK = 5, 875_000_000, 62.5
CATATAN = "Dua dokumen menunggu tanda tangan Sekda."
#: What a worker hands to a task that takes its context: the id of the queue's record of it.
KONTEKS_PEKERJA = SimpleNamespace(task_result=SimpleNamespace(id=""))


@pytest.fixture
def demo(paser_pd, contoh_pd):
    """Both demo bundles (the fixtures import them), the demo users and the quarters as ``sakip_demo`` sets them."""
    demo_users_create()
    demo_quarters_prepare()
    return paser_pd


@pytest.fixture
def hasil_dir(tmp_path) -> Path:
    d = Path(os.environ.get("SAKIP_TANGKAPAN") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


def masuk(new_context, live_server, username: str) -> Page:
    page = new_context(locale="id-ID", viewport={"width": 1600, "height": 1000}, accept_downloads=True).new_page()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD_DEMO)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    return page


# --- reading the DPA workbooks -----------------------------------------------------------------------------------


def judul_kolom(ws) -> dict[tuple, int]:
    """Column number by its header: the texts of the header rows (merged groups included), ``("TW I", "Rp")``."""
    awal, akhir = (int(x) for x in ws.print_title_rows.replace("$", "").split(":"))
    gabung = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                gabung[r, c] = ws.cell(rng.min_row, rng.min_col).value
    judul = {}
    for c in range(1, ws.max_column + 1):
        bagian = []
        for r in range(awal, akhir + 1):
            v = gabung.get((r, c), ws.cell(r, c).value)
            if v is not None and v not in bagian:
                bagian.append(v)
        judul[tuple(bagian)] = c
    return judul


def baris_total(ws, uraian: str) -> dict[tuple, object]:
    """The values of the data row whose column B reads ``uraian``, by column header (numbers as Decimals); each
    money or percent cell must carry its number format."""
    awal = int(ws.freeze_panes[1:])
    akhir = int(ws.auto_filter.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    (r,) = [r for r in range(awal, akhir + 1) if ws.cell(r, 2).value == uraian]
    sel = {j: ws.cell(r, c) for j, c in judul_kolom(ws).items()}
    for j, c in sel.items():
        if isinstance(c.value, int | float):
            assert c.number_format == (FORMAT_PERSEN if "%" in j[-1] else FORMAT_RUPIAH), (ws.title, j)
    return {j: D(str(c.value)) if isinstance(c.value, int | float) else c.value for j, c in sel.items()}


def test_perencana_downloads_the_five_dpa_workbooks_with_the_pd_total(demo, live_server, new_context, hasil_dir):
    pd = demo
    t = hasil_dict(hasil_tahun(pd, TAHUN))["anggaran"]["total"]
    pagu, realisasi, sisa, serapan = (D(t[k]) for k in ("pagu", "realisasi", "sisa", "serapan"))
    murni = None if t["pagu_murni"] is None else D(t["pagu_murni"])
    per_tw = [D(x) for x in t["realisasi_tw"]]
    assert pagu == D("256384931909") and sum(per_tw) == realisasi  # the demo's DPPA, spent over four quarters

    # The perencana lands on the PD's quarter and follows the navigation to the budget page.
    ren = masuk(new_context, live_server, "perencana.setda")
    assert ren.url == live_server.url + reverse("kinerja:triwulan", args=[pd.pk, TAHUN, TW])
    ren.locator("nav").get_by_role("link", name="Anggaran (DPA)").click()
    expect(ren).to_have_url(live_server.url + reverse("anggaran:dpa", args=[pd.pk, TAHUN]))
    expect(ren.locator("h1")).to_have_text(pd.nama)
    expect(ren.locator("#pagu")).to_have_text(format_rupiah(pagu))
    expect(ren.locator("#realisasi")).to_have_text(format_rupiah(realisasi))
    ren.screenshot(path=str(hasil_dir / "excel-0-anggaran.png"), full_page=True)

    buku = {}
    for kode in JENIS_DPA:
        with ren.expect_download() as unduhan:
            ren.locator(f"#unduh-{kode}").click()
        data = Path(unduhan.value.path()).read_bytes()
        assert unduhan.value.suggested_filename == f"dpa-{kode}-sekretariat-daerah-kabupaten-paser-{TAHUN}.xlsx"
        with zipfile.ZipFile(io.BytesIO(data)) as z:  # a real xlsx package
            assert z.testzip() is None and "xl/workbook.xml" in z.namelist()
        wb = openpyxl.load_workbook(io.BytesIO(data))
        for ws in wb:  # every sheet carries the PD and the year on top
            assert (ws["A2"].value, ws["A4"].value) == (pd.nama, f"Tahun Anggaran {TAHUN}"), (kode, ws.title)
            assert ws["A5"].value.startswith("Diekspor ")
        buku[kode] = wb
    assert ren.url == live_server.url + reverse("anggaran:dpa", args=[pd.pk, TAHUN])  # downloads, no navigation

    # 1. Per account (Tabel 3.10): the JUMLAH row.
    j = baris_total(buku["rekening"]["Per Rekening"], "JUMLAH")
    assert (j["Anggaran",], j["Realisasi",], j["Sisa Anggaran",], j["Realisasi (%)",]) == (
        pagu,
        realisasi,
        sisa,
        serapan,
    )

    # 2. Per unit (Tabel 3.11): the grand total, and the JUMLAH rows of the units add up to it.
    ws = buku["unit"]["Per Unit Kerja"]
    j = baris_total(ws, "TOTAL KESELURUHAN")
    assert (j["Pagu Anggaran",], j["Realisasi Anggaran",], j["Sisa Pagu Anggaran",], j["Realisasi (%)",]) == (
        pagu,
        realisasi,
        sisa,
        serapan,
    )
    units = [r for r in ws.iter_rows(min_col=2, max_col=4, values_only=True) if str(r[0]).startswith("JUMLAH ")]
    assert len(units) > 1
    assert (sum(D(str(r[1])) for r in units), sum(D(str(r[2])) for r in units)) == (pagu, realisasi)

    # 3. DPA murni against perubahan, per account and per program: the perubahan total is the pagu; without a
    # murni DPA (the demo's case) the murni and bertambah/berkurang cells stay empty.
    for lembar in ("Per Rekening", "Per Program"):
        j = baris_total(buku["perubahan"][lembar], "JUMLAH")
        assert (j["DPA Murni",], j["DPA Perubahan",], j["Bertambah/(Berkurang)",]) == (
            murni,
            pagu,
            None if murni is None else pagu - murni,
        )

    # 4. The quarterly matrix: the PD's own row on top, money per quarter as spent in each quarter.
    j = baris_total(buku["matriks"]["Matriks Triwulan"], pd.nama)
    assert j[f"Target Kinerja dan Pagu Setelah Perubahan {TAHUN}", "Rp"] == pagu
    assert [j[tw, "Rp"] for tw in ("TW I", "TW II", "TW III", "TW IV")] == per_tw
    assert j[f"Realisasi TA. {TAHUN}", "Rp"] == realisasi
    assert (j["Tingkat Capaian (%)", "Rp (%)"], j["Sisa Anggaran (Rp)",]) == (serapan, sisa)

    # 5. Quarterly progress: money realised up to each quarter, cumulative.
    j = baris_total(buku["triwulan"]["Progres Triwulan"], "JUMLAH")
    assert (j["Pagu Murni (Rp)",], j["Pagu (Rp)",]) == (murni, pagu)
    kumulatif = [sum(per_tw[:n]) for n in range(1, 5)]
    sd = ("s.d. Triwulan I", "s.d. Triwulan II", "s.d. Triwulan III", "s.d. Triwulan IV")
    assert [j[s, "Realisasi Keuangan (Rp)"] for s in sd] == kumulatif
    assert j["s.d. Triwulan IV", "Realisasi Keuangan (%)"] == serapan


# --- the operator's quarter through the template ----------------------------------------------------------------


def kolom(ws, judul) -> int:
    (c,) = [c.column for c in ws[3] if c.value == str(judul)]
    return c


def sel(ws, kunci: str, judul, judul_kunci=impor.K_KODE):
    """The cell of column ``judul`` on the row whose key column holds ``kunci``; an input cell must be unlocked."""
    k = kolom(ws, judul_kunci)
    (r,) = [r for r in range(4, ws.max_row + 1) if ws.cell(r, k).value == kunci]
    c = ws.cell(r, kolom(ws, judul))
    assert c.protection.locked is False, (ws.title, c.coordinate)
    return c


def potret() -> list:
    """Every realisation row and history record: nothing may change on a refused upload."""
    return [
        sorted(m.objects.values_list("pk", "version", "updated_at"))
        for m in (RealisasiKinerja, RealisasiAnggaran, RealisasiFisik)
    ] + [
        m.history.count()
        for m in (RealisasiKinerja, RealisasiAnggaran, RealisasiFisik, PaguAnggaran, PelaporanTriwulan)
    ]


def unggah(page: Page, berkas: Path) -> ImporBerkas:
    """Upload on the import page; the browser lands on the import's preview."""
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page).to_have_url(re.compile(r"/anggaran/impor/\d+/$"))
    imp = ImporBerkas.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert (imp.nama_asli, imp.unit.kode, imp.tahun, imp.triwulan) == (berkas.name, UNIT, TAHUN, TW)
    return imp


def test_operator_fills_the_quarter_through_the_template(demo, live_server, new_context, tmp_path, hasil_dir):
    pd = demo
    unit = UnitKerja.objects.get(pd=pd, kode=UNIT)
    ind = Indikator.objects.get(pd=pd, kode=IND)
    sub = SubKegiatan.objects.get(unit_kerja=unit, kode=SUB)
    rek = Rekening.objects.get(kode=REK)
    entri = live_server.url + reverse("kinerja:entri", args=[unit.pk, TAHUN, TW])
    lama = RealisasiKinerja.objects.get(indikator=ind, tahun=TAHUN, triwulan=TW)
    assert lama.nilai != NILAI and lama.tahap == Tahap.DRAF
    assert not RealisasiFisik.objects.filter(sub_kegiatan=sub, tahun=TAHUN, triwulan=TW).exists()

    # 1. The operator lands on the unit's open quarter and downloads its template.
    op = masuk(new_context, live_server, "operator.pemerintahan")
    assert op.url == entri
    expect(op.locator("#tahap-unit")).to_have_text("Draf")
    with op.expect_download() as unduhan:
        op.locator("#impor-excel #tombol-templat").click()
    nama = unduhan.value.suggested_filename
    assert nama == f"templat-realisasi-bag-pem-{TAHUN}-tw{TW}.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(Path(unduhan.value.path()).read_bytes()))
    assert wb.sheetnames == ["Kinerja", "Anggaran", "Fisik", LEMBAR_META]
    ws_k, ws_a, ws_f = wb["Kinerja"], wb["Anggaran"], wb["Fisik"]
    assert all(ws.protection.sheet for ws in (ws_k, ws_a, ws_f))

    # 2. Filled in a spreadsheet: a kinerja value typed as a word by mistake, money within the pagu, a physical %.
    realisasi = sel(ws_k, IND, impor.K_REALISASI)
    assert realisasi.value == lama.nilai  # prefilled with the stored value
    assert ws_k.cell(realisasi.row, kolom(ws_k, impor.K_KODE)).protection.locked  # the key is not
    realisasi.value = "lima"
    sel(ws_k, IND, impor.K_CATATAN).value = CATATAN
    uang = sel(ws_a, SUB, impor.A_JUMLAH, impor.J_SUB)
    r_uang = uang.row
    pagu, sebelum = (ws_a.cell(r_uang, kolom(ws_a, j)).value for j in (impor.A_PAGU, impor.A_SEBELUM))
    assert sebelum + JUMLAH <= pagu
    uang.value = JUMLAH
    sel(ws_f, SUB, impor.F_PERSEN, impor.J_SUB).value = FISIK
    salah = tmp_path / "salah" / nama
    salah.parent.mkdir()
    wb.save(salah)

    # 3. The upload with the typo: the preview names the sheet, row and column; nothing is saved.
    sebelum_impor = potret()
    op.locator("#impor-excel #tombol-impor").click()
    expect(op.locator("h1")).to_have_text("Impor realisasi dari Excel")
    imp = unggah(op, salah)
    expect(op.locator("#status-impor")).to_have_text("Ditolak")
    expect(op.locator("#judul-galat")).to_have_text("1 masalah ditemukan")
    sel_salah = f"{realisasi.column_letter}{realisasi.row}"
    pesan_galat = str(impor.BUKAN_ANGKA % {"sel": sel_salah, "isi": "teks “lima”"})
    expect(op.locator("#tabel-galat tbody tr td")).to_have_text(
        ["Kinerja", str(realisasi.row), f"{realisasi.column_letter} ({impor.K_REALISASI})", pesan_galat]
    )
    expect(op.locator("#tombol-terapkan")).to_have_count(0)
    op.screenshot(path=str(hasil_dir / "excel-1-pratinjau-galat.png"), full_page=True)
    assert imp.status == ImporBerkas.Status.DITOLAK
    assert potret() == sebelum_impor

    # 4. Corrected and uploaded again: a valid preview, then applied in one go.
    realisasi.value = NILAI
    benar = tmp_path / nama
    wb.save(benar)
    op.locator("#tautan-kembali").click()
    imp = unggah(op, benar)
    expect(op.locator("#status-impor")).to_have_text("Pratinjau")
    expect(op.locator("#tabel-galat")).to_have_count(0)
    ringkasan = op.locator("#tabel-ringkasan tbody tr")
    expect(ringkasan).to_have_count(3)
    for lembar, baru, diubah in (("Kinerja", 0, 1), ("Anggaran", 0, 1), ("Fisik", 1, 0)):
        baris = op.locator(f'#tabel-ringkasan tr[data-lembar="{lembar}"] td')
        expect(baris.nth(1)).to_have_text(str(baru))
        expect(baris.nth(2)).to_have_text(str(diubah))
    op.screenshot(path=str(hasil_dir / "excel-2-pratinjau.png"), full_page=True)
    assert potret() == sebelum_impor  # a preview writes nothing

    op.get_by_role("button", name="Terapkan").click()
    # applied in the worker (at once with the test settings' ImmediateBackend): the page says so, no flash message
    expect(op.locator("#sudah-diterapkan")).to_contain_text(
        "Impor diterapkan: semua baris tersimpan dan tercatat dalam riwayat."
    )
    expect(op.locator("#status-impor")).to_have_text("Diterapkan")
    expect(op.locator("#sudah-diterapkan")).to_be_visible()
    expect(op.locator("#tombol-terapkan")).to_have_count(0)

    # 5. The entry page shows the imported figures in Indonesian notation.
    op.locator("#tautan-entri").click()
    expect(op).to_have_url(entri)
    baris_k = op.locator(f"#kinerja-{ind.pk}")
    expect(baris_k.locator("input[name=nilai]")).to_have_value(format_angka(D(NILAI), ind.desimal))
    expect(baris_k.locator("textarea[name=catatan]")).to_have_value(CATATAN)
    (bk,) = selectors.baris_kinerja(unit, TAHUN, TW, [ind.pk])
    expect(op.locator(f"#capaian-{ind.pk}")).to_have_text(format_angka(bk.capaian))
    baris_a = op.locator(f"#anggaran-{sub.pk}-{rek.pk}")
    expect(baris_a.locator("input[name=jumlah]")).to_have_value("875.000.000")
    sel_a = baris_a.locator("td")  # sub kegiatan, rekening, pagu, TW I-IV, kumulatif, sisa, serapan
    expect(sel_a.nth(2)).to_have_text(format_rupiah(D(pagu)))
    expect(sel_a.nth(7)).to_have_text(format_rupiah(D(sebelum + JUMLAH)))
    expect(sel_a.nth(8)).to_have_text(format_rupiah(D(pagu - sebelum - JUMLAH)))
    expect(op.locator(f"#serapan-{sub.pk}-{rek.pk}")).to_have_text(format_angka(D(sebelum + JUMLAH) * 100 / D(pagu)))
    expect(op.locator(f"#fisik-{sub.pk} input[name=persen]")).to_have_value("62,50")
    op.screenshot(path=str(hasil_dir / "excel-3-entri.png"), full_page=True)

    # 6. The database holds them, each change carrying the import as its reason and the operator as its author.
    imp.refresh_from_db()
    assert imp.status == ImporBerkas.Status.DITERAPKAN
    alasan = f"Impor Excel #{imp.pk} ({nama})"
    assert impor.alasan_impor(imp) == alasan
    operator = imp.created_by
    assert operator.username == "operator.pemerintahan"
    k = RealisasiKinerja.objects.get(pk=lama.pk)
    a = RealisasiAnggaran.objects.get(sub_kegiatan=sub, rekening=rek, tahun=TAHUN, triwulan=TW)
    f = RealisasiFisik.objects.get(sub_kegiatan=sub, tahun=TAHUN, triwulan=TW)
    assert (k.nilai, k.catatan, k.version, k.updated_by) == (D(NILAI), CATATAN, lama.version + 1, operator)
    assert (a.jumlah, a.updated_by) == (D(JUMLAH), operator)
    assert (f.persen, f.updated_by) == (D("62.5"), operator)
    for obj in (k, a, f):
        terakhir = obj.history.latest()
        assert (terakhir.history_change_reason, terakhir.history_user) == (alasan, operator), obj
    # only what the file changed was written: one row per sheet
    for m in (RealisasiKinerja, RealisasiAnggaran, RealisasiFisik):
        assert m.history.filter(history_change_reason=alasan).count() == 1, m


def test_the_import_page_waits_for_the_worker_and_reloads_when_it_is_done(
    demo, live_server, new_context, tmp_path, hasil_dir, monkeypatch
):
    """With a real queue the check and the apply run later in the worker: the page says so, polls its status with
    htmx, and reloads by itself once the work is done."""
    from django.tasks.backends.immediate import ImmediateBackend

    from anggaran import tasks

    antre: list = []
    monkeypatch.setattr(ImmediateBackend, "enqueue", lambda self, task, args, kwargs: antre.append((task, kwargs)))
    unit = UnitKerja.objects.get(pd=demo, kode=UNIT)
    berkas = tmp_path / "tw4-menunggu.xlsx"
    berkas.write_bytes(impor.tulis(impor.templat_realisasi(unit=unit, tahun=TAHUN, triwulan=TW)))
    op = masuk(new_context, live_server, "operator.pemerintahan")
    op.goto(live_server.url + reverse("anggaran:impor-realisasi", args=[unit.pk, TAHUN, TW]))

    imp = unggah(op, berkas)
    expect(op.locator("#status-impor")).to_have_text("Sedang diperiksa")
    expect(op.locator("#sedang-diperiksa")).to_contain_text("Berkas sedang diperiksa…")
    expect(op.locator("#tombol-terapkan")).to_have_count(0)
    op.screenshot(path=str(hasil_dir / "excel-impor-diperiksa.png"), full_page=True)
    assert [(t.name, kw) for t, kw in antre] == [("impor_periksa", {"impor_id": imp.pk})]
    tugas, kw = antre.pop()
    tugas.call(KONTEKS_PEKERJA, **kw)  # the worker
    expect(op.locator("#status-impor")).to_have_text("Pratinjau", timeout=10_000)  # polled, then reloaded
    expect(op.locator("#proses-impor")).to_have_count(0)

    op.get_by_role("button", name="Terapkan").click()
    expect(op.locator("#status-impor")).to_have_text("Sedang diterapkan")
    expect(op.locator("#sedang-diterapkan")).to_contain_text("Impor sedang diterapkan…")
    assert [(t.name, kw) for t, kw in antre] == [
        ("impor_terapkan_tugas", {"impor_id": imp.pk, "user_id": imp.created_by_id})
    ]
    tugas, kw = antre.pop()
    assert tugas == tasks.impor_terapkan_tugas
    tugas.call(KONTEKS_PEKERJA, **kw)
    expect(op.locator("#status-impor")).to_have_text("Diterapkan", timeout=10_000)
    expect(op.locator("#sudah-diterapkan")).to_contain_text("Impor diterapkan")
    assert ImporBerkas.objects.get(pk=imp.pk).status == "diterapkan"
