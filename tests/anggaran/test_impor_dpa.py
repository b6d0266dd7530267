"""Importing the pagu of a DPA version from Excel: the complete version per file, its rules, preview and apply."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran import impor
from anggaran.excel.templat import LEMBAR_META
from anggaran.forms import RUPIAH_DUA_DESIMAL
from anggaran.models import ImporBerkas, PaguAnggaran, Rekening, VersiAnggaran
from kinerja import services
from kinerja.selectors import hasil_tahun
from renstra.models import Keanggotaan, PerangkatDaerah, SubKegiatan, UnitKerja
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import bundle_sintetis
from tests.anggaran.klien import KlienKomit
from tests.anggaran.rincian import Rincian

pytestmark = pytest.mark.django_db

SUB_PEL = "7.01.02.2.01.0010"
SUB_GAJI = "7.01.01.2.02.0001"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def peran(contoh_pd, django_user_model):
    def buat(nama, peran, **k):
        user = django_user_model.objects.create_user(nama, password="x")
        Keanggotaan.objects.create(user=user, pemda=contoh_pd.pemda, peran=peran, **k)
        c = KlienKomit()
        c.force_login(user)
        c.user = user
        return c

    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    # a perubahan line nothing has been spent on yet (every line of the example has realisations)
    v = VersiAnggaran.objects.get(pd=contoh_pd, tahun=2024, versi="perubahan")
    PaguAnggaran.objects.create(
        versi=v, sub_kegiatan=SubKegiatan.objects.get(kode=SUB_PEL), rekening=Rekening.objects.get(kode="5.2.02"),
        jumlah=D("10000000"), urutan=99,
    )  # fmt: skip
    return {
        "pd": contoh_pd,
        "perencana": buat("ren", "perencana", pd=contoh_pd),
        "operator": buat("op", "operator", pd=contoh_pd, unit_kerja=pel),
        "pimpinan": buat("pim", "pimpinan", pd=contoh_pd),
    }


def _pd(peran, **extra):
    return {"pd_id": peran["pd"].pk, "tahun": 2024, **extra}


def unduh(c, pd, versi="perubahan", tahun=2024) -> bytes:
    r = c.get(reverse("anggaran:templat-dpa", kwargs={"pd_id": pd.pk, "tahun": tahun, "versi": versi}))
    assert r.status_code == 200
    assert r["Content-Type"] == XLSX and f"templat-dpa-{versi}-" in r["Content-Disposition"]
    return b"".join(r.streaming_content)


def buka(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def simpan(wb) -> bytes:
    f = io.BytesIO()
    wb.save(f)
    return f.getvalue()


def kolom(ws, judul) -> int:
    return next(c.column for c in ws[3] if c.value == str(judul))


def baris(ws, sub, rek) -> int:
    ks, kr = kolom(ws, impor.J_SUB), kolom(ws, impor.J_REK)
    return next(r for r in range(4, ws.max_row + 1) if (ws.cell(r, ks).value, ws.cell(r, kr).value) == (sub, rek))


def pagu(ws, sub, rek):
    return ws.cell(baris(ws, sub, rek), kolom(ws, impor.D_PAGU))


def baris_kosong(ws) -> int:
    ks = kolom(ws, impor.J_SUB)
    return next(r for r in range(4, ws.max_row + 1) if ws.cell(r, ks).value is None)


def tambah(ws, sub, rek, jumlah) -> int:
    r = baris_kosong(ws)
    ws.cell(r, kolom(ws, impor.J_SUB)).value = sub
    ws.cell(r, kolom(ws, impor.J_REK)).value = rek
    ws.cell(r, kolom(ws, impor.D_PAGU)).value = jumlah
    return r


def unggah(c, pd, data: bytes, versi="perubahan", nama="dpa-perubahan.xlsx", tahun=2024) -> ImporBerkas:
    url = reverse("anggaran:impor-dpa", kwargs={"pd_id": pd.pk, "tahun": tahun})
    r = c.post(url, {"versi": versi, "berkas": SimpleUploadedFile(nama, data, content_type=XLSX)})
    assert r.status_code == 302, r.content.decode()[:3000]
    return ImporBerkas.objects.latest("pk")


def terapkan(c, imp: ImporBerkas) -> ImporBerkas:
    assert c.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk})).status_code == 302
    imp.refresh_from_db()
    return imp


def pesan(imp: ImporBerkas) -> list[tuple]:
    return [(g["lembar"], g["baris"], g["kolom"], g["pesan"]) for g in imp.galat]


def garis(pd, versi="perubahan", tahun=2024) -> dict:
    return {
        (s, r): j
        for s, r, j in PaguAnggaran.objects.filter(versi__pd=pd, versi__tahun=tahun, versi__versi=versi).values_list(
            "sub_kegiatan__kode", "rekening__kode", "jumlah"
        )
    }


def halaman(c, imp) -> str:
    r = c.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk}))
    assert r.status_code == 200
    return r.content.decode()


def rincian_halaman(c, imp) -> dict[str, tuple[list[str], list[tuple[str, ...]]]]:
    return Rincian(halaman(c, imp)).tabel


def potret(pd) -> tuple:
    return (
        sorted(PaguAnggaran.objects.values_list("pk", "jumlah", "urutan")),
        PaguAnggaran.history.count(),
        VersiAnggaran.objects.count(),
    )


# --- the template ---------------------------------------------------------------------------------------------


def test_template_has_every_line_keys_locked_pagu_and_new_rows_open(peran):
    pd = peran["pd"]
    wb = buka(unduh(peran["perencana"], pd))
    assert wb.sheetnames == ["DPA", LEMBAR_META]
    ws = wb["DPA"]
    assert [c.value for c in ws[3]] == [
        "Program",
        "Kegiatan",
        "Kode Sub Kegiatan",
        "Sub Kegiatan",
        "Kode Rekening",
        "Uraian Rekening",
        "Pagu (Rp)",
        "Kunci Asal",
    ]
    assert ws["A1"].value == "DPA Perubahan Kecamatan Sukamaju Tahun 2024" and ws.protection.sheet
    data = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[2]]
    assert {(r[2], r[4]): D(r[6]) for r in data} == garis(pd)
    assert [(r[2], r[4]) for r in data][:2] == [(SUB_GAJI, "5.1.01"), ("7.01.01.2.06.0002", "5.1.02")]
    r = baris(ws, SUB_GAJI, "5.1.01")
    assert ws.cell(r, 1).value.startswith("7.01.01 PROGRAM PENUNJANG")
    for j in (impor.J_SUB, impor.J_REK, impor.D_PROGRAM, impor.J_URAIAN_REK):
        assert ws.cell(r, kolom(ws, j)).protection.locked, j
    c = ws.cell(r, kolom(ws, impor.D_PAGU))
    assert c.value == 1_550_000_000 and c.number_format == '"Rp" #,##0' and not c.protection.locked
    kosong = baris_kosong(ws)
    assert kosong == 4 + len(data) and ws.max_row - kosong + 1 == 500  # open rows for new lines
    for j in (impor.J_SUB, impor.J_REK, impor.D_PAGU):
        assert not ws.cell(kosong, kolom(ws, j)).protection.locked
    assert ws.cell(kosong, kolom(ws, impor.D_PROGRAM)).protection.locked
    assert ws.column_dimensions["H"].hidden
    meta = {r[0]: r[1] for r in wb[LEMBAR_META].iter_rows(min_row=2, values_only=True)}
    assert (meta["jenis"], meta["pd"], meta["tahun"], meta["versi"]) == ("dpa", pd.kode, 2024, "perubahan")
    assert meta["jejak"] == impor.jejak_versi(pd, 2024, "perubahan")


# --- the round trip ------------------------------------------------------------------------------------------------


def test_round_trip_change_add_remove_with_history_and_the_year_figures(peran):
    ren, pd = peran["perencana"], peran["pd"]
    wb = buka(unduh(ren, pd))
    ws = wb["DPA"]
    r_gaji = baris(ws, SUB_GAJI, "5.1.01")
    r_hapus = baris(ws, SUB_PEL, "5.2.02")
    pagu(ws, SUB_GAJI, "5.1.01").value = 1_600_000_000.5
    pagu(ws, SUB_PEL, "5.2.02").value = None  # no realisation on it: removed
    r_baru = tambah(ws, SUB_PEL, "5.2.03", 25_000_000)
    sebelum = potret(pd)
    imp = unggah(ren, pd, simpan(wb))
    assert imp.status == "pratinjau", pesan(imp)
    assert imp.ringkasan["DPA"] == {"baru": 1, "diubah": 1, "tetap": 5, "dihapus": 1}
    assert imp.ringkasan["total_pagu"] == {"sebelum": "2380000000.00", "sesudah": "2445000000.5"}
    # every line that changes, in row order, with its pagu before and after; the five unchanged lines not listed
    pagu_rp = {"kolom": "Pagu (Rp)", "format": "rp"}
    assert imp.ringkasan["rincian"] == {
        "DPA": [
            {
                "baris": r_gaji,
                "aksi": "diubah",
                "kunci": [SUB_GAJI, "5.1.01"],
                "bidang": [{**pagu_rp, "sebelum": "1550000000.00", "sesudah": "1600000000.5"}],
            },
            {
                "baris": r_hapus,
                "aksi": "dihapus",
                "kunci": [SUB_PEL, "5.2.02"],
                "bidang": [{**pagu_rp, "sebelum": "10000000.00", "sesudah": None}],
            },
            {
                "baris": r_baru,
                "aksi": "baru",
                "kunci": [SUB_PEL, "5.2.03"],
                "bidang": [{**pagu_rp, "sebelum": None, "sesudah": "25000000"}],
            },
        ]
    }
    assert potret(pd) == sebelum
    teks = halaman(ren, imp)
    assert "Rp 2.380.000.000" in teks and "Rp 2.445.000.001" in teks and 'id="tombol-terapkan"' in teks
    harap = {
        "DPA": (
            ["Baris", "Kode Sub Kegiatan", "Kode Rekening", "Perubahan", "Kolom", "Sebelum", "Sesudah"],
            [
                (str(r_gaji), SUB_GAJI, "5.1.01", "Diubah", "Pagu (Rp)", "Rp 1.550.000.000", "Rp 1.600.000.000,50"),
                (str(r_hapus), SUB_PEL, "5.2.02", "Dihapus", "Pagu (Rp)", "Rp 10.000.000", "—"),
                (str(r_baru), SUB_PEL, "5.2.03", "Baru", "Pagu (Rp)", "—", "Rp 25.000.000"),
            ],
        )
    }
    assert rincian_halaman(ren, imp) == harap
    assert "7.01.01.2.06.0002" not in teks  # a sub kegiatan whose lines stay as they are

    assert terapkan(ren, imp).status == "diterapkan"
    assert rincian_halaman(ren, imp) == harap  # checked again at the apply, before anything was written
    assert garis(pd) == {
        (SUB_GAJI, "5.1.01"): D("1600000000.50"),
        ("7.01.01.2.06.0002", "5.1.02"): D("150000000"),
        ("7.01.01.2.06.0002", "5.2.02"): D("100000000"),
        ("7.01.01.2.06.0009", "5.1.02"): D("150000000"),
        ("7.01.02.2.01.0008", "5.1.02"): D("180000000"),
        (SUB_PEL, "5.1.02"): D("240000000"),
        (SUB_PEL, "5.2.03"): D("25000000"),
    }
    alasan = f"Impor Excel #{imp.pk} (dpa-perubahan.xlsx)"
    catatan = PaguAnggaran.history.filter(history_change_reason=alasan)
    assert sorted(catatan.values_list("history_type", "jumlah")) == [
        ("+", D("25000000")),
        ("-", D("10000000")),
        ("~", D("1600000000.50")),
    ]
    assert {h.history_user for h in catatan} == {ren.user}
    baru = PaguAnggaran.objects.get(sub_kegiatan__kode=SUB_PEL, rekening__kode="5.2.03")
    assert baru.versi.versi == "perubahan" and baru.urutan == 100  # after the version's lines
    hasil = hasil_tahun(pd, 2024)
    assert hasil.total.pagu == D("2445000000.50")
    sub = next(s for s in hasil.sub_kegiatan if s.kode == SUB_PEL)
    assert sub.rp.pagu == D("265000000")


def test_an_empty_version_starts_from_the_sub_kegiatan_then_perubahan_from_murni(peran):
    ren, pd = peran["perencana"], peran["pd"]
    wb = buka(unduh(ren, pd, versi="murni", tahun=2025))
    ws = wb["DPA"]
    subs = [r[2] for r in ws.iter_rows(min_row=4, values_only=True) if r[2]]
    assert subs == list(
        SubKegiatan.objects.filter(kegiatan__program__pd=pd)
        .order_by("kegiatan__program__urutan", "kegiatan__urutan", "urutan", "kode")
        .values_list("kode", flat=True)
    )
    r = baris(ws, SUB_PEL, None)
    assert not ws.cell(r, kolom(ws, impor.J_REK)).protection.locked  # the account is typed
    assert ws.cell(r, kolom(ws, impor.J_SUB)).protection.locked
    ws.cell(r, kolom(ws, impor.J_REK)).value = "5.1.02"
    ws.cell(r, kolom(ws, impor.D_PAGU)).value = 300_000_000
    r = baris(ws, SUB_GAJI, None)
    ws.cell(r, kolom(ws, impor.J_REK)).value = "5.1.01"
    ws.cell(r, kolom(ws, impor.D_PAGU)).value = 1_700_000_000
    tambah(ws, SUB_PEL, "5.2.02", 40_000_000)
    imp = terapkan(ren, unggah(ren, pd, simpan(wb), versi="murni", tahun=2025))
    assert imp.status == "diterapkan", pesan(imp)
    assert imp.ringkasan["DPA"] == {"baru": 3, "diubah": 0, "tetap": 0, "dihapus": 0}
    murni = garis(pd, "murni", 2025)
    assert murni == {
        (SUB_PEL, "5.1.02"): 300_000_000,
        (SUB_GAJI, "5.1.01"): 1_700_000_000,
        (SUB_PEL, "5.2.02"): 40_000_000,
    }
    v = VersiAnggaran.objects.get(pd=pd, tahun=2025, versi="murni")
    assert v.history.get().history_change_reason == f"Impor Excel #{imp.pk} (dpa-perubahan.xlsx)"

    wb = buka(unduh(ren, pd, versi="perubahan", tahun=2025))  # empty perubahan: the murni lines
    ws = wb["DPA"]
    assert {(r[2], r[4]): r[6] for r in ws.iter_rows(min_row=4, values_only=True) if r[2]} == murni
    pagu(ws, SUB_PEL, "5.1.02").value = 280_000_000
    imp = terapkan(ren, unggah(ren, pd, simpan(wb), tahun=2025))
    assert imp.status == "diterapkan", pesan(imp)
    assert garis(pd, "perubahan", 2025) == {**murni, (SUB_PEL, "5.1.02"): 280_000_000}
    assert garis(pd, "murni", 2025) == murni


# --- rules: one bad line and nothing is written ---------------------------------------------------------------------


def test_every_rule_of_a_line_is_checked_and_nothing_is_written(peran):
    ren, pd = peran["perencana"], peran["pd"]
    wb = buka(unduh(ren, pd))
    ws = wb["DPA"]
    pagu(ws, SUB_GAJI, "5.1.01").value = 1_600_000_000  # a good change among the bad ones
    r_luar = tambah(ws, "9.99.99.2.01.0001", "5.1.02", 1000)
    r_akun = tambah(ws, SUB_PEL, "5.9.99", 1000)
    r_ganda = tambah(ws, SUB_PEL, "5.1.02", 1000)
    r_minus = tambah(ws, SUB_PEL, "5.2.01", -5)
    r_sen = tambah(ws, SUB_PEL, "5.2.04", 1000.125)
    r_teks = tambah(ws, SUB_PEL, "5.2.05", "Rp 1.000")
    r_tanpa = tambah(ws, SUB_PEL, None, 1000)
    r_rinci = tambah(ws, "7.01.01.2.06.0009", "5.1.02.01", 1000)  # 5.1.02 is on that sub kegiatan already
    pagu(ws, "7.01.02.2.01.0008", "5.1.02").value = None  # money was spent on it
    sebelum = potret(pd)
    imp = unggah(ren, pd, simpan(wb))
    assert imp.status == "ditolak"
    r_asli = baris(ws, SUB_PEL, "5.1.02")
    assert pesan(imp) == [
        ("DPA", r_luar, "C", str(impor.SUB_BUKAN_PD % {"kode": "9.99.99.2.01.0001", "pd": pd.nama})),
        ("DPA", r_akun, "E", str(impor.REKENING_TIDAK_ADA % {"kode": "5.9.99"})),
        ("DPA", r_ganda, "E", str(impor.BARIS_GANDA % {"kode": f"{SUB_PEL} | 5.1.02", "baris": r_asli})),
        ("DPA", r_minus, "G", "Tidak boleh kurang dari 0."),
        ("DPA", r_sen, "G", str(RUPIAH_DUA_DESIMAL)),
        ("DPA", r_teks, "G", f"Sel G{r_teks} berisi teks “Rp 1.000”, bukan angka; ketik angkanya saja."),
        ("DPA", r_tanpa, "E", "Bidang ini tidak boleh kosong."),
        (
            "DPA",
            r_rinci,
            "E",
            str(
                impor.REKENING_BERTUMPUK
                % {
                    "kode": "5.1.02.01",
                    "induk": "5.1.02",
                    "sub": "7.01.01.2.06.0009",
                    "baris": baris(ws, "7.01.01.2.06.0009", "5.1.02"),
                }
            ),
        ),
        (
            "DPA",
            baris(ws, "7.01.02.2.01.0008", "5.1.02"),
            "G",
            str(impor.BARIS_BERREALISASI % {"sub": "7.01.02.2.01.0008", "rek": "5.1.02", "jumlah": "Rp 170.500.000"}),
        ),
    ]
    assert potret(pd) == sebelum
    halaman = ren.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "9 masalah ditemukan" in halaman


def test_a_line_missing_from_the_file_is_removed_unless_money_was_spent_on_it(peran):
    ren, pd = peran["perencana"], peran["pd"]
    wb = buka(unduh(ren, pd))
    ws = wb["DPA"]
    ws.delete_rows(baris(ws, SUB_PEL, "5.2.02"))  # the sheet unprotected and the row deleted
    imp = unggah(ren, pd, simpan(wb))
    # a line missing from the file has no row: listed after the rows, with its old pagu
    assert rincian_halaman(ren, imp)["DPA"][1] == [
        ("—", SUB_PEL, "5.2.02", "Dihapus", "Pagu (Rp)", "Rp 10.000.000", "—")
    ]
    imp = terapkan(ren, imp)
    assert imp.status == "diterapkan" and imp.ringkasan["DPA"]["dihapus"] == 1
    assert (SUB_PEL, "5.2.02") not in garis(pd)
    wb = buka(unduh(ren, pd))
    ws = wb["DPA"]
    ws.delete_rows(baris(ws, SUB_PEL, "5.1.02"))
    imp = unggah(ren, pd, simpan(wb))
    assert pesan(imp) == [
        (
            "DPA",
            None,
            "G",
            str(impor.BARIS_BERREALISASI % {"sub": SUB_PEL, "rek": "5.1.02", "jumlah": "Rp 227.000.000"}),
        )
    ]


def test_the_list_of_changed_lines_is_capped_and_says_how_many_it_leaves_out(peran, monkeypatch):
    ren, pd = peran["perencana"], peran["pd"]
    monkeypatch.setattr(impor, "BATAS_RINCIAN", 2)
    wb = buka(unduh(ren, pd))
    ws = wb["DPA"]
    ws.delete_rows(baris(ws, SUB_PEL, "5.2.02"))  # removed, no row: listed last, so left out
    r_baru = tambah(ws, SUB_PEL, "5.2.03", 25_000_000)
    r_gaji = baris(ws, SUB_GAJI, "5.1.01")
    pagu(ws, SUB_GAJI, "5.1.01").value = 1_500_000_000
    imp = unggah(ren, pd, simpan(wb))
    assert imp.ringkasan["DPA"] == {"baru": 1, "diubah": 1, "tetap": 5, "dihapus": 1}
    assert [(r["baris"], r["aksi"]) for r in imp.ringkasan["rincian"]["DPA"]] == [(r_gaji, "diubah"), (r_baru, "baru")]
    teks = halaman(ren, imp)
    assert "1 baris lain yang berubah tidak ditampilkan; semuanya ikut diterapkan." in teks
    assert [b[0] for b in Rincian(teks).tabel["DPA"][1]] == [str(r_gaji), str(r_baru)]


def test_the_double_counting_rule_is_shared_with_the_data_check():
    assert services.rekening_bertumpuk(["5.1.02", "5.2.02", "5.1.02.01", "5.1.1", "5.1.10"]) == [
        ("5.1.02", "5.1.02.01")
    ]
    assert services.rekening_bertumpuk(["5.1", "5.1.02.01"]) == [("5.1", "5.1.02.01")]
    assert services.rekening_bertumpuk(["5.1.02", "5.1.02"]) == [("5.1.02", "5.1.02")]


# --- bad files ----------------------------------------------------------------------------------------------------


def test_a_dpa_changed_after_download_is_not_overwritten(peran):
    ren, pd = peran["perencana"], peran["pd"]
    data = unduh(ren, pd)
    g = PaguAnggaran.objects.get(versi__pd=pd, versi__versi="perubahan", sub_kegiatan__kode=SUB_GAJI)
    g.jumlah = D("1560000000")
    g.save()  # e.g. in the admin
    sebelum = potret(pd)
    assert pesan(unggah(ren, pd, data)) == [("", None, "", str(impor.DPA_BERUBAH))]
    assert potret(pd) == sebelum


def test_a_workbook_of_another_pd_version_or_kind_gets_one_clear_message(peran):
    ren, pd = peran["perencana"], peran["pd"]
    hasil, _ = bundle_import(doc=bundle_sintetis(2, seed=1))
    assert hasil.sah
    luar = PerangkatDaerah.objects.exclude(pk=pd.pk).get()
    sebelum = potret(pd)
    lain = unggah(ren, pd, impor.tulis(impor.templat_dpa(pd=luar, tahun=2024, versi="perubahan")))
    assert pesan(lain) == [
        (
            "",
            None,
            "",
            f"Templat ini untuk DPA perubahan {luar.kode} pemda {luar.pemda.kode} tahun 2024, bukan untuk DPA "
            f"perubahan {pd.kode} pemda {pd.pemda.kode} tahun 2024. Unduh templat dari halaman ini.",
        )
    ]
    versi = unggah(ren, pd, unduh(ren, pd), versi="murni")
    assert (
        pesan(versi)[0][3].startswith("Templat ini untuk DPA perubahan")
        and "bukan untuk DPA murni" in pesan(versi)[0][3]
    )
    unit = UnitKerja.objects.get(pd=pd, kode="SEKSI-PEL")
    realisasi = impor.tulis(impor.templat_realisasi(unit=unit, tahun=2024, triwulan=4))
    assert pesan(unggah(ren, pd, realisasi)) == [
        ("", None, "", "Berkas ini templat realisasi triwulan, bukan templat pagu dpa.")
    ]
    assert potret(pd) == sebelum


# --- access and size ------------------------------------------------------------------------------------------------


def test_only_the_perencana_of_the_pd_imports_its_dpa(peran):
    pd = peran["pd"]
    for nama, kw in (("templat-dpa", {"versi": "murni"}), ("impor-dpa", {})):
        url = reverse(f"anggaran:{nama}", kwargs=_pd(peran, **kw))
        assert peran["perencana"].get(url).status_code == 200
        assert peran["operator"].get(url).status_code == 403
        assert peran["pimpinan"].get(url).status_code == 403
    assert peran["perencana"].get(reverse("anggaran:templat-dpa", kwargs=_pd(peran, versi="lain"))).status_code == 404
    imp = unggah(peran["perencana"], pd, unduh(peran["perencana"], pd))
    assert peran["operator"].get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).status_code == 403
    halaman = peran["perencana"].get(reverse("anggaran:impor-dpa", kwargs=_pd(peran))).content.decode()
    assert f'data-impor="{imp.pk}"' in halaman and 'id="unduh-templat-perubahan"' in halaman


def test_a_dpa_upload_is_checked_in_the_worker(peran, django_capture_on_commit_callbacks):
    from anggaran import tasks

    pd, ren = peran["pd"], peran["perencana"]
    data = unduh(ren, pd)
    c = Client()
    c.force_login(ren.user)
    with django_capture_on_commit_callbacks(execute=False) as antre:
        r = c.post(
            reverse("anggaran:impor-dpa", kwargs=_pd(peran)),
            {"versi": "perubahan", "berkas": SimpleUploadedFile("dpa.xlsx", data, content_type=XLSX)},
        )
    imp = ImporBerkas.objects.latest("pk")
    assert r.status_code == 302 and imp.status == "diperiksa" and imp.jenis == "dpa"
    assert len(antre) == 1 and antre[0].func == tasks.impor_periksa.enqueue
    assert "Berkas sedang diperiksa…" in halaman(c, imp)
    assert peran["operator"].get(reverse("anggaran:impor-status", kwargs={"pk": imp.pk})).status_code == 403
    antre[0]()
    imp.refresh_from_db()
    assert imp.status == "pratinjau" and imp.ringkasan["DPA"]["tetap"] > 0
    assert 'id="tombol-terapkan"' in halaman(c, imp)


def test_dpa_preview_queries_do_not_grow_with_the_lines(peran):
    pd = peran["pd"]
    v = VersiAnggaran.objects.get(pd=pd, tahun=2024, versi="perubahan")

    def kueri() -> int:
        data = impor.tulis(impor.templat_dpa(pd=pd, tahun=2024, versi="perubahan"))
        with CaptureQueriesContext(connection) as q:
            hasil = impor.periksa_dpa(pd=pd, tahun=2024, versi="perubahan", berkas=io.BytesIO(data))
        assert not hasil.galat, hasil.galat
        return len(q)

    sedikit = kueri()
    sub = SubKegiatan.objects.get(kode=SUB_GAJI)
    for i in range(1, 41):
        r = Rekening.objects.create(kode=f"5.1.01.01.01.{i:04d}", uraian=f"Belanja uji {i}")
        PaguAnggaran.objects.create(versi=v, sub_kegiatan=sub, rekening=r, jumlah=D(i))
    PaguAnggaran.objects.filter(versi=v, sub_kegiatan=sub, rekening__kode="5.1.01").delete()  # no double counting
    assert kueri() == sedikit
