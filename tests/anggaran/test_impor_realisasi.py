"""Importing a unit's quarter from Excel: the template, the preview, all-or-nothing apply, history, bad files.

The workbooks are filled with openpyxl here the way a person fills them in a spreadsheet program, and posted through
the real upload form.
"""

import io
import struct
import zipfile
from datetime import timedelta
from decimal import Decimal as D
from types import SimpleNamespace

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anggaran import impor
from anggaran.excel.templat import (
    BATAS_ISI_ZIP,
    BUKAN_BUKU_KERJA,
    LEMBAR_META,
    TERLALU_BANYAK_BARIS,
    TERLALU_BESAR_ISI,
)
from anggaran.forms import BUKAN_XLSX, HANYA_XLSX, XLSM_DITOLAK
from anggaran.models import ImporBerkas, PaguAnggaran, RealisasiAnggaran, RealisasiFisik
from kinerja import services
from kinerja.forms import BERKAS_TERLALU_BESAR
from kinerja.models import KunciTriwulan, PelaporanTriwulan, RealisasiKinerja, Tahap
from kinerja.selectors import hasil_tahun
from renstra.models import Indikator, Keanggotaan, SubKegiatan, UnitKerja
from tests.anggaran.klien import KlienKomit
from tests.anggaran.rincian import Rincian
from tests.pekerja import tugas_berjalan

pytestmark = pytest.mark.django_db

TW = 4
SUB_PEL = "7.01.02.2.01.0010"  # a sub kegiatan of SEKSI-PEL: pagu 240.000.000, 165.000.000 spent before TW IV
SUB_RAPAT = "7.01.01.2.06.0009"  # another, without a physical figure in TW IV
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def peran(contoh_pd, django_user_model):
    def buat(nama, peran, unit=None):
        user = django_user_model.objects.create_user(nama, password="x", first_name=nama.capitalize())
        Keanggotaan.objects.create(
            user=user,
            pemda=contoh_pd.pemda,
            pd=contoh_pd if peran not in ("reviewer", "admin_pemda") else None,
            unit_kerja=unit,
            peran=peran,
        )
        c = KlienKomit()
        c.force_login(user)
        c.user = user
        return c

    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    trantib = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-TRANTIB")
    return {
        "pd": contoh_pd,
        "unit": pel,
        "trantib": trantib,
        "operator": buat("op", "operator", unit=pel),
        "operator_lain": buat("op-trantib", "operator", unit=trantib),
        "perencana": buat("ren", "perencana"),
        "reviewer": buat("rev", "reviewer"),
    }


# --- helpers: a person with a spreadsheet ----------------------------------------------------------------------


def _url(nama, unit, tw=TW, **extra):
    return reverse(f"anggaran:{nama}", kwargs={"unit_id": unit.pk, "tahun": 2024, "triwulan": tw, **extra})


def unduh(c, unit, tw=TW) -> bytes:
    r = c.get(_url("templat-realisasi", unit, tw))
    assert r.status_code == 200, r
    assert r["Content-Type"] == XLSX
    assert f"templat-realisasi-{unit.kode.lower()}-2024-tw{tw}.xlsx" in r["Content-Disposition"]
    return b"".join(r.streaming_content)


def buka(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def simpan(wb) -> bytes:
    f = io.BytesIO()
    wb.save(f)
    return f.getvalue()


def kolom(ws, judul) -> int:
    for c in ws[3]:
        if c.value == str(judul):
            return c.column
    raise AssertionError(f"no column {judul} in {ws.title}")


def baris(ws, kode, judul=impor.K_KODE) -> int:
    k = kolom(ws, judul)
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, k).value == kode:
            return r
    raise AssertionError(f"no row {kode} in {ws.title}")


def sel(ws, kode, judul, kunci=impor.K_KODE):
    return ws.cell(baris(ws, kode, kunci), kolom(ws, judul))


def unggah(c, unit, data: bytes, nama="realisasi-tw4.xlsx", tw=TW) -> ImporBerkas:
    r = c.post(_url("impor-realisasi", unit, tw), {"berkas": SimpleUploadedFile(nama, data, content_type=XLSX)})
    assert r.status_code == 302, r.content.decode()[:3000]
    imp = ImporBerkas.objects.latest("pk")
    assert r["Location"] == reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})
    return imp


def terapkan(c, imp: ImporBerkas) -> ImporBerkas:
    r = c.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk}))
    assert r.status_code == 302
    imp.refresh_from_db()
    return imp


def pesan(imp) -> list[tuple]:
    """The problems of an import (or of a check, impor.Pemeriksaan) as (sheet, row, column, message)."""
    if isinstance(imp, impor.Pemeriksaan):
        return [(g.lembar, g.baris, g.kolom, g.pesan) for g in imp.galat]
    return [(g["lembar"], g["baris"], g["kolom"], g["pesan"]) for g in imp.galat]


def periksa(unit, data: bytes) -> impor.Pemeriksaan:
    """The worker's check of a stored file, without the upload form."""
    return impor.periksa_realisasi(unit=unit, tahun=2024, triwulan=TW, berkas=io.BytesIO(data))


def potret() -> list:
    """Every realisation row and history record, to show that nothing was written."""
    return [
        sorted(m.objects.values_list("pk", "version", "updated_at"))
        for m in (RealisasiKinerja, RealisasiAnggaran, RealisasiFisik)
    ] + [
        m.history.count()
        for m in (RealisasiKinerja, RealisasiAnggaran, RealisasiFisik, PaguAnggaran, PelaporanTriwulan)
    ]


def rincian_halaman(c, imp) -> dict[str, tuple[list[str], list[tuple[str, ...]]]]:
    r = c.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk}))
    assert r.status_code == 200
    return Rincian(r.content.decode()).tabel


def _isi_bagus(ws_k, ws_a, ws_f) -> None:
    sel(ws_k, "IKU-2", impor.K_REALISASI).value = 92.75
    sel(ws_k, "IKU-2", impor.K_CATATAN).value = "Ada dua layanan yang terlambat."
    sel(ws_a, SUB_PEL, impor.A_JUMLAH, impor.J_SUB).value = 70_000_000
    sel(ws_f, SUB_RAPAT, impor.F_PERSEN, impor.J_SUB).value = 80


# --- the template ------------------------------------------------------------------------------------------------


def test_template_prefilled_from_the_entry_rows_keys_locked_inputs_open(peran):
    wb = buka(unduh(peran["operator"], peran["unit"]))
    assert wb.sheetnames == ["Kinerja", "Anggaran", "Fisik", LEMBAR_META]
    meta = wb[LEMBAR_META]
    assert meta.sheet_state == "hidden" and meta.protection.sheet
    isi = {r[0]: r[1] for r in meta.iter_rows(min_row=2, values_only=True)}
    assert {k: isi[k] for k in ("jenis", "pemda", "pd", "unit", "tahun", "triwulan", "format")} == {
        "jenis": "realisasi",
        "pemda": peran["pd"].pemda.kode,
        "pd": peran["pd"].kode,
        "unit": "SEKSI-PEL",
        "tahun": 2024,
        "triwulan": 4,
        "format": 2,
    }
    ws = wb["Kinerja"]
    assert ws.protection.sheet and ws.freeze_panes == "A4"
    assert "Isi kolom berwarna" in ws["A2"].value
    judul = [c.value for c in ws[3]]
    assert judul == [
        "Kode Indikator",
        "Indikator Kinerja",
        "Satuan",
        "Target Tahun Ini",
        "Target TW Ini (Rencana Aksi)",
        "Realisasi TW I",
        "Realisasi TW II",
        "Realisasi TW III",
        "Realisasi",
        "Keterangan Nilai",
        "Status",
        "Catatan",
        "Hambatan",
        "Solusi",
        "Kunci Asal",
        "Versi Data",
    ]
    r = baris(ws, "IKU-2")
    nilai = {j: ws.cell(r, i + 1).value for i, j in enumerate(judul)}
    rk = RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=TW)
    assert nilai["Realisasi"] == 91.3 and nilai["Status"] == "Final" and nilai["Versi Data"] == rk.version
    assert (nilai["Target Tahun Ini"], nilai["Target TW Ini (Rencana Aksi)"]) == (90, 90)  # PK perubahan; RA TW IV
    assert (nilai["Realisasi TW I"], nilai["Realisasi TW II"], nilai["Realisasi TW III"]) == (86, 88, 90)
    assert ws.cell(r, kolom(ws, "Realisasi")).number_format == "#,##0.00"
    # keys and information locked, inputs open, hidden columns hidden
    assert ws.cell(r, kolom(ws, "Kode Indikator")).protection.locked
    assert ws.cell(r, kolom(ws, "Target Tahun Ini")).protection.locked
    for j in ("Realisasi", "Keterangan Nilai", "Status", "Catatan", "Hambatan", "Solusi"):
        assert not ws.cell(r, kolom(ws, j)).protection.locked, j
    for j in ("Kunci Asal", "Versi Data"):
        assert ws.column_dimensions[openpyxl.utils.get_column_letter(kolom(ws, j))].hidden
    status = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert status[0].formula1 == '"Final,Sementara,Belum tersedia,Tahun lalu"'
    huruf = openpyxl.utils.get_column_letter(kolom(ws, "Status"))
    assert f"{huruf}4" in str(status[0].sqref)

    wa = wb["Anggaran"]
    r = baris(wa, SUB_PEL, impor.J_SUB)
    assert [wa.cell(r, kolom(wa, j)).value for j in ("Kode Rekening", "Pagu (Rp)")] == ["5.1.02", 240_000_000]
    assert wa.cell(r, kolom(wa, "Realisasi s.d. TW Sebelumnya (Rp)")).value == 165_000_000
    c = wa.cell(r, kolom(wa, "Realisasi TW Ini (Rp)"))
    assert c.value == 62_000_000 and c.number_format == '"Rp" #,##0' and not c.protection.locked
    wf = wb["Fisik"]
    assert sel(wf, SUB_PEL, impor.F_PERSEN, impor.J_SUB).value == 95
    assert sel(wf, SUB_RAPAT, impor.F_PERSEN, impor.J_SUB).value is None  # nothing this quarter yet
    assert sel(wf, SUB_RAPAT, impor.H_VERSI, impor.J_SUB).value == 0


def test_the_untouched_template_is_valid_and_changes_nothing(peran):
    sebelum = potret()
    imp = unggah(peran["operator"], peran["unit"], unduh(peran["operator"], peran["unit"]))
    assert imp.status == "pratinjau" and imp.galat == []
    assert imp.ringkasan["Kinerja"] == {"baru": 0, "diubah": 0, "tetap": 4}
    assert imp.ringkasan["Anggaran"] == {"baru": 0, "diubah": 0, "tetap": 2}
    assert imp.ringkasan["Fisik"] == {"baru": 0, "diubah": 0, "tetap": 2}
    halaman = peran["operator"].get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "tidak mengubah apa pun" in halaman
    assert terapkan(peran["operator"], imp).status == "diterapkan"
    assert potret() == sebelum


# --- the round trip -------------------------------------------------------------------------------------------


def test_round_trip_template_fill_preview_apply(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    _isi_bagus(wb["Kinerja"], wb["Anggaran"], wb["Fisik"])
    sebelum = potret()
    imp = unggah(op, unit, simpan(wb), nama="isian TW4.xlsx")
    assert imp.status == "pratinjau", pesan(imp)
    assert imp.ringkasan["Kinerja"] == {"baru": 0, "diubah": 1, "tetap": 3}
    assert imp.ringkasan["Anggaran"] == {"baru": 0, "diubah": 1, "tetap": 1}
    assert imp.ringkasan["Fisik"] == {"baru": 1, "diubah": 0, "tetap": 1}
    assert (imp.nama_asli, imp.jumlah_baris, imp.created_by) == ("isian TW4.xlsx", 8, op.user)
    assert potret() == sebelum  # the preview writes nothing

    halaman = op.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert 'id="tombol-terapkan"' in halaman and 'data-lembar="Fisik"' in halaman

    assert terapkan(op, imp).status == "diterapkan" and imp.applied_at is not None
    alasan = f"Impor Excel #{imp.pk} (isian TW4.xlsx)"
    rk = RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=TW)
    assert (rk.nilai, rk.catatan, rk.version, rk.updated_by) == (
        D("92.75"),
        "Ada dua layanan yang terlambat.",
        2,
        op.user,
    )
    h = rk.history.first()
    assert (h.history_change_reason, h.history_user, h.nilai) == (alasan, op.user, D("92.75"))
    ra = RealisasiAnggaran.objects.get(sub_kegiatan__kode=SUB_PEL, tahun=2024, triwulan=TW)
    assert (ra.jumlah, ra.version) == (D("70000000"), 2)
    assert ra.history.first().history_change_reason == alasan
    rf = RealisasiFisik.objects.get(sub_kegiatan__kode=SUB_RAPAT, tahun=2024, triwulan=TW)
    assert (rf.persen, rf.version, rf.tahap, rf.updated_by) == (D("80"), 1, Tahap.DRAF, op.user)
    assert rf.history.get().history_change_reason == alasan
    # untouched rows keep their version and history
    assert RealisasiKinerja.objects.get(indikator__kode="IKU-1", tahun=2024, triwulan=TW).version == 1

    # the year's figures (sakip-hasil/1) see the imported values
    hasil = hasil_tahun(peran["pd"], 2024)
    ind = next(i for i in hasil.indikator if i.kode == "IKU-2")
    assert ind.realisasi.nilai == D("92.75")  # akumulasi "terakhir": TW IV is the year's figure
    sub = next(s for s in hasil.sub_kegiatan if s.kode == SUB_PEL)
    assert sub.rp.realisasi_tw[3] == D("70000000") and sub.rp.realisasi == D("235000000")

    # the import page lists it; the entry page shows the values
    daftar = op.get(_url("impor-realisasi", unit)).content.decode()
    assert f'data-impor="{imp.pk}"' in daftar and "Diterapkan" in daftar
    entri = op.get(reverse("kinerja:entri", kwargs={"unit_id": unit.pk, "tahun": 2024, "triwulan": TW}))
    assert 'value="92,75"' in entri.content.decode()


def test_the_preview_lists_each_new_or_changed_row_with_its_values_before_and_after(peran):
    op, unit = peran["operator"], peran["unit"]
    # no money in TW IV yet on the Rapat sub kegiatan: the file adds it
    RealisasiAnggaran.objects.filter(sub_kegiatan__kode=SUB_RAPAT, tahun=2024, triwulan=TW).delete()
    wb = buka(unduh(op, unit))
    ws_k, ws_a, ws_f = wb["Kinerja"], wb["Anggaran"], wb["Fisik"]
    sel(ws_k, "IKU-2", impor.K_REALISASI).value = 92.75
    sel(ws_k, "IKU-2", impor.K_STATUS).value = "Sementara"
    sel(ws_k, "IKU-2", impor.K_CATATAN).value = "Ada dua layanan yang terlambat."
    sel(ws_a, SUB_RAPAT, impor.A_JUMLAH, impor.J_SUB).value = 30_000_000
    sel(ws_f, SUB_RAPAT, impor.F_PERSEN, impor.J_SUB).value = 80
    sel(ws_f, SUB_PEL, impor.F_PERSEN, impor.J_SUB).value = 97.5
    r_ind = baris(ws_k, "IKU-2")
    r_uang = baris(ws_a, SUB_RAPAT, impor.J_SUB)
    r_rapat, r_pel = baris(ws_f, SUB_RAPAT, impor.J_SUB), baris(ws_f, SUB_PEL, impor.J_SUB)
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau", pesan(imp)
    assert imp.ringkasan["Kinerja"] == {"baru": 0, "diubah": 1, "tetap": 3}
    assert imp.ringkasan["Anggaran"] == {"baru": 1, "diubah": 0, "tetap": 1}
    assert imp.ringkasan["Fisik"] == {"baru": 1, "diubah": 1, "tetap": 0}
    uraian = "Persentase layanan administrasi yang selesai tepat waktu"
    # stored as plain data: the exact Decimals as text, only the fields that change, unchanged rows not at all
    assert imp.ringkasan["rincian"] == {
        "Kinerja": [
            {
                "baris": r_ind,
                "aksi": "diubah",
                "kunci": ["IKU-2", uraian],
                "bidang": [
                    {"kolom": "Realisasi", "format": "angka", "desimal": 2, "sebelum": "91.3000", "sesudah": "92.75"},
                    {"kolom": "Status", "format": "teks", "sebelum": "Final", "sesudah": "Sementara"},
                    {
                        "kolom": "Catatan",
                        "format": "teks",
                        "sebelum": None,
                        "sesudah": "Ada dua layanan yang terlambat.",
                    },
                ],
            }
        ],
        "Anggaran": [
            {
                "baris": r_uang,
                "aksi": "baru",
                "kunci": [SUB_RAPAT, "5.1.02"],
                "bidang": [{"kolom": "Realisasi TW Ini (Rp)", "format": "rp", "sebelum": None, "sesudah": "30000000"}],
            }
        ],
        "Fisik": [
            {
                "baris": r_rapat,
                "aksi": "baru",
                "kunci": [SUB_RAPAT],
                "bidang": [
                    {"kolom": "Fisik Kumulatif TW Ini (%)", "format": "persen", "sebelum": None, "sesudah": "80"}
                ],
            },
            {
                "baris": r_pel,
                "aksi": "diubah",
                "kunci": [SUB_PEL],
                "bidang": [
                    {"kolom": "Fisik Kumulatif TW Ini (%)", "format": "persen", "sebelum": "95.00", "sesudah": "97.5"}
                ],
            },
        ],
    }
    # the page: one table per sheet, in Indonesian notation, the row's cells spanning its changed values
    harap = {
        "Kinerja": (
            ["Baris", "Kode Indikator", "Indikator Kinerja", "Perubahan", "Kolom", "Sebelum", "Sesudah"],
            [
                (str(r_ind), "IKU-2", uraian, "Diubah", "Realisasi", "91,30", "92,75"),
                (str(r_ind), "IKU-2", uraian, "Diubah", "Status", "Final", "Sementara"),
                (str(r_ind), "IKU-2", uraian, "Diubah", "Catatan", "—", "Ada dua layanan yang terlambat."),
            ],
        ),
        "Anggaran": (
            ["Baris", "Kode Sub Kegiatan", "Kode Rekening", "Perubahan", "Kolom", "Sebelum", "Sesudah"],
            [(str(r_uang), SUB_RAPAT, "5.1.02", "Baru", "Realisasi TW Ini (Rp)", "—", "Rp 30.000.000")],
        ),
        "Fisik": (
            ["Baris", "Kode Sub Kegiatan", "Perubahan", "Kolom", "Sebelum", "Sesudah"],
            [
                (str(r_rapat), SUB_RAPAT, "Baru", "Fisik Kumulatif TW Ini (%)", "—", "80,00%"),
                (str(r_pel), SUB_PEL, "Diubah", "Fisik Kumulatif TW Ini (%)", "95,00%", "97,50%"),
            ],
        ),
    }
    assert rincian_halaman(op, imp) == harap
    halaman = op.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "IKU-1" not in halaman and "SK-5" not in halaman  # unchanged rows are not listed
    assert "tidak ditampilkan" not in halaman
    # after the apply the page still says what was changed (checked again just before writing)
    assert terapkan(op, imp).status == "diterapkan"
    assert rincian_halaman(op, imp) == harap


def test_a_returned_row_goes_back_to_draft(peran):
    op, unit = peran["operator"], peran["unit"]
    services.triwulan_ajukan(unit=unit, tahun=2024, triwulan=TW, user=op.user)
    rk = RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=TW)
    services.baris_kembalikan(baris=rk, unit=unit, alasan="Periksa lagi", user=peran["perencana"].user)
    wb = buka(unduh(op, unit))
    sel(wb["Kinerja"], "IKU-2", impor.K_REALISASI).value = 93
    imp = terapkan(op, unggah(op, unit, simpan(wb)))
    assert imp.status == "diterapkan", pesan(imp)
    rk.refresh_from_db()
    assert (rk.nilai, rk.tahap) == (D("93"), Tahap.DRAF)


def test_the_perencana_imports_for_any_unit_of_the_pd(peran):
    ren, trantib = peran["perencana"], peran["trantib"]
    wb = buka(unduh(ren, trantib))
    ws = wb["Kinerja"]
    kode = ws.cell(4, 1).value
    ws.cell(4, kolom(ws, impor.K_REALISASI)).value = 5
    imp = terapkan(ren, unggah(ren, trantib, simpan(wb)))
    assert imp.status == "diterapkan", pesan(imp)
    assert RealisasiKinerja.objects.get(indikator__kode=kode, tahun=2024, triwulan=TW).nilai == D("5")


# --- all or nothing --------------------------------------------------------------------------------------------


def test_one_bad_row_among_good_ones_writes_nothing_and_every_error_has_its_cell(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    ws_k, ws_a, ws_f = wb["Kinerja"], wb["Anggaran"], wb["Fisik"]
    _isi_bagus(ws_k, ws_a, ws_f)
    sel(ws_a, SUB_PEL, impor.A_JUMLAH, impor.J_SUB).value = 75_000_001  # 165.000.000 + this > pagu 240.000.000
    c = sel(ws_k, "SK-5", impor.K_REALISASI)  # satuan Persen
    c.value = 120
    sebelum = potret()
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "ditolak"
    huruf_k = openpyxl.utils.get_column_letter(kolom(ws_k, impor.K_REALISASI))
    huruf_a = openpyxl.utils.get_column_letter(kolom(ws_a, impor.A_JUMLAH))
    assert pesan(imp) == [
        ("Kinerja", c.row, huruf_k, "Satuan indikator ini Persen: isi 0 sampai 100."),
        (
            "Anggaran",
            baris(ws_a, SUB_PEL, impor.J_SUB),
            huruf_a,
            str(services.MELEBIHI_PAGU % {"jumlah": "Rp 240.000.001", "pagu": "Rp 240.000.000"}),
        ),
    ]
    halaman = op.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "2 masalah ditemukan" in halaman and 'id="tombol-terapkan"' not in halaman
    assert "Rp 240.000.001" in halaman
    assert 'id="tabel-ringkasan"' not in halaman  # no counts of rows that will not be written
    assert "rincian" not in imp.ringkasan and "data-rincian" not in halaman  # nor the rows
    # no Terapkan for a refused file, and nothing was written
    r = op.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk}), follow=True)
    assert str(impor.SUDAH_DIPROSES % {"status": "ditolak"}) in r.content.decode()
    assert potret() == sebelum


def test_a_file_that_became_invalid_before_apply_writes_nothing(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    _isi_bagus(wb["Kinerja"], wb["Anggaran"], wb["Fisik"])
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau"
    services.triwulan_ajukan(unit=unit, tahun=2024, triwulan=TW, user=op.user)  # submitted meanwhile
    sebelum = potret()
    r = op.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk}), follow=True)
    assert "tidak lagi sah" in r.content.decode()
    imp.refresh_from_db()
    assert imp.status == "ditolak" and pesan(imp) == [("", None, "", str(services.SUDAH_DIAJUKAN))]
    assert potret() == sebelum


def test_applying_twice_is_refused(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    sel(wb["Kinerja"], "IKU-2", impor.K_REALISASI).value = 93
    imp = terapkan(op, unggah(op, unit, simpan(wb)))
    jumlah = RealisasiKinerja.history.count()
    r = op.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk}), follow=True)
    assert str(impor.SUDAH_DIPROSES % {"status": "diterapkan"}) in r.content.decode()
    assert RealisasiKinerja.history.count() == jumlah


# --- optimistic concurrency -------------------------------------------------------------------------------------


def test_a_row_changed_on_the_web_after_download_is_a_conflict_on_that_row(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    ind = Indikator.objects.get(kode="IKU-2")
    rk = RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW)
    services.realisasi_kinerja_simpan(
        indikator=ind, tahun=2024, triwulan=TW, version=rk.version, nilai=D("95"), label="", status="final",
        user=peran["perencana"].user,
    )  # fmt: skip
    ws = wb["Kinerja"]
    sel(ws, "IKU-2", impor.K_REALISASI).value = 92
    sel(ws, "IKU-1", impor.K_REALISASI).value = 85  # a good row: still nothing is written
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "ditolak"
    [(lembar, nomor, huruf, teks)] = pesan(imp)
    assert (lembar, nomor, huruf) == ("Kinerja", baris(ws, "IKU-2"), openpyxl.utils.get_column_letter(9))
    assert teks.startswith(str(services.SUDAH_DIUBAH)) and "Ren" in teks and "95,00" in teks
    rk.refresh_from_db()
    assert rk.nilai == D("95")
    assert RealisasiKinerja.objects.get(indikator__kode="IKU-1", tahun=2024, triwulan=TW).nilai == D("84.37")
    # typing the web's value again is no change, hence no conflict
    sel(ws, "IKU-2", impor.K_REALISASI).value = 95
    assert unggah(op, unit, simpan(wb)).status == "pratinjau"


def test_a_row_saved_on_the_web_between_preview_and_apply_is_not_overwritten(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    sel(wb["Anggaran"], SUB_PEL, impor.A_JUMLAH, impor.J_SUB).value = 50_000_000
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau"
    ra = RealisasiAnggaran.objects.select_related("sub_kegiatan__unit_kerja", "rekening").get(
        sub_kegiatan__kode=SUB_PEL, tahun=2024, triwulan=TW
    )
    services.realisasi_anggaran_simpan(
        sub_kegiatan=ra.sub_kegiatan, rekening=ra.rekening, tahun=2024, triwulan=TW, version=ra.version,
        jumlah=D("60000000"), user=peran["perencana"].user,
    )  # fmt: skip
    imp = terapkan(op, imp)
    assert imp.status == "ditolak" and pesan(imp)[0][3].startswith(str(services.SUDAH_DIUBAH))
    ra.refresh_from_db()
    assert ra.jumlah == D("60000000")


# --- bad files ---------------------------------------------------------------------------------------------------


def _unggah_ditolak_form(c, unit, nama, data) -> str:
    sebelum = ImporBerkas.objects.count()
    r = c.post(_url("impor-realisasi", unit), {"berkas": SimpleUploadedFile(nama, data)})
    assert r.status_code == 400
    assert ImporBerkas.objects.count() == sebelum
    return r.content.decode()


def test_not_a_workbook_is_refused_by_the_upload_form(peran):
    op, unit = peran["operator"], peran["unit"]
    sebelum = potret()
    assert str(BUKAN_XLSX) in _unggah_ditolak_form(op, unit, "laporan.xlsx", b"%PDF-1.4 bukan buku kerja")
    assert str(HANYA_XLSX) in _unggah_ditolak_form(op, unit, "realisasi.csv", b"kode;nilai\n")
    assert str(XLSM_DITOLAK) in _unggah_ditolak_form(op, unit, "makro.xlsm", unduh(op, unit))
    besar = b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024)
    assert str(BERKAS_TERLALU_BESAR) in _unggah_ditolak_form(op, unit, "besar.xlsx", besar)
    r = op.post(_url("impor-realisasi", unit), {})
    assert r.status_code == 400 and "Bidang ini tidak boleh kosong." in r.content.decode()
    assert potret() == sebelum


def test_a_zip_that_is_no_workbook_or_a_damaged_workbook_gets_one_clear_message(peran):
    op, unit = peran["operator"], peran["unit"]
    sebelum = potret()
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("dokumen.txt", "bukan buku kerja")
    # the upload form opens the workbook (sakip.unggahan), and so does the check in the worker
    assert str(BUKAN_BUKU_KERJA) in _unggah_ditolak_form(op, unit, "tw4.xlsx", f.getvalue())
    assert pesan(periksa(unit, f.getvalue())) == [("", None, "", str(BUKAN_BUKU_KERJA))]
    rusak = unduh(op, unit)[:-200]  # cut off: the zip directory is gone
    assert str(BUKAN_BUKU_KERJA) in _unggah_ditolak_form(op, unit, "tw4.xlsx", rusak)
    assert pesan(periksa(unit, rusak)) == [("", None, "", str(BUKAN_BUKU_KERJA))]
    # a workbook with macros inside, named .xlsx
    f = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(unduh(op, unit))) as asli, zipfile.ZipFile(f, "w") as z:
        for item in asli.infolist():
            z.writestr(item, asli.read(item))
        z.writestr("xl/vbaProject.bin", b"makro")
    assert str(XLSM_DITOLAK) in _unggah_ditolak_form(op, unit, "tw4.xlsx", f.getvalue())
    assert pesan(periksa(unit, f.getvalue())) == [("", None, "", str(XLSM_DITOLAK))]
    # any workbook that is not a SAKIP template
    wb = openpyxl.Workbook()
    wb.active.append(["Kode Indikator", "Realisasi"])
    assert pesan(unggah(op, unit, simpan(wb))) == [("", None, "", str(impor.BUKAN_TEMPLAT))]
    assert potret() == sebelum
    halaman = op.get(reverse("anggaran:impor-detail", kwargs={"pk": ImporBerkas.objects.latest("pk").pk}))
    assert str(impor.BUKAN_TEMPLAT) in halaman.content.decode()


def test_a_workbook_of_another_unit_quarter_or_kind_gets_one_clear_message(peran):
    ren, unit = peran["perencana"], peran["unit"]
    pd = f"{peran['pd'].kode} pemda {peran['pd'].pemda.kode}"
    sebelum = potret()
    lain = unggah(ren, unit, unduh(ren, peran["trantib"]))
    assert pesan(lain) == [
        (
            "",
            None,
            "",
            f"Templat ini untuk unit SEKSI-TRANTIB ({pd}), Triwulan IV Tahun 2024, bukan untuk unit "
            f"SEKSI-PEL ({pd}), Triwulan IV Tahun 2024. Unduh templat dari halaman ini.",
        )
    ]
    tw3 = unggah(ren, unit, unduh(ren, unit, tw=3))
    assert "Triwulan III Tahun 2024, bukan untuk unit SEKSI-PEL" in pesan(tw3)[0][3]
    dpa = ren.get(reverse("anggaran:templat-dpa", kwargs={"pd_id": peran["pd"].pk, "tahun": 2024, "versi": "murni"}))
    jenis = unggah(ren, unit, b"".join(dpa.streaming_content))
    assert pesan(jenis) == [("", None, "", "Berkas ini templat pagu dpa, bukan templat realisasi triwulan.")]
    assert potret() == sebelum


def test_edited_key_columns_unknown_and_duplicated_rows(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    ws = wb["Kinerja"]
    r1, r2 = baris(ws, "IKU-1"), baris(ws, "IKU-2")
    ws.cell(r1, 1).value = "IKU-3"  # edited key
    ws.cell(r2, kolom(ws, impor.K_REALISASI)).value = 93
    # a copied row, its hidden key cleared: a duplicate; a typed unknown code
    ws.append([ws.cell(r2, i).value for i in range(1, ws.max_column + 1)])
    ws.cell(ws.max_row, kolom(ws, impor.H_ASAL)).value = None
    ws.append(["XX-9", None, None, None, None, None, None, None, 5])
    wa = wb["Anggaran"]
    ra = baris(wa, SUB_PEL, impor.J_SUB)
    wa.cell(ra, kolom(wa, impor.J_REK)).value = "5.1.01"
    sebelum = potret()
    imp = unggah(op, unit, simpan(wb))
    assert pesan(imp) == [
        ("Kinerja", r1, "A", str(impor.KUNCI_DIUBAH % {"asal": "IKU-1"})),
        ("Kinerja", ws.max_row - 1, "A", str(impor.BARIS_GANDA % {"kode": "IKU-2", "baris": r2})),
        ("Kinerja", ws.max_row, "A", "Kode XX-9 bukan baris Seksi Pelayanan Umum pada triwulan ini."),
        ("Anggaran", ra, "C", str(impor.KUNCI_DIUBAH % {"asal": "5.1.02"})),
    ]
    assert potret() == sebelum


def test_text_in_a_number_cell_names_the_cell(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    ws, wa = wb["Kinerja"], wb["Anggaran"]
    c = sel(ws, "IKU-2", impor.K_REALISASI)
    c.value = "92,5"
    d = sel(wa, SUB_PEL, impor.A_JUMLAH, impor.J_SUB)
    d.value = "1.500.000"
    imp = unggah(op, unit, simpan(wb))
    assert pesan(imp) == [
        (
            "Kinerja",
            c.row,
            c.column_letter,
            f"Sel {c.coordinate} berisi teks “92,5”, bukan angka; ketik angkanya saja.",
        ),
        (
            "Anggaran",
            d.row,
            d.column_letter,
            f"Sel {d.coordinate} berisi teks “1.500.000”, bukan angka; ketik angkanya saja.",
        ),
    ]


def test_rows_past_what_the_template_holds_stop_the_reading_with_one_message(peran, monkeypatch):
    """A sheet is read only as far as the unit's template goes plus impor.LEBIH_BARIS: content further down (a
    workbook of a million rows) is refused with one message, not read and checked row by row."""
    op, unit = peran["operator"], peran["unit"]
    monkeypatch.setattr(impor, "LEBIH_BARIS", 5)
    wb = buka(unduh(op, unit))
    ws = wb["Kinerja"]
    n = ws.max_row - 3  # the template's rows of this unit under the header (row 3)
    for i in range(5):  # within the margin: read and checked like any row
        ws.append([f"XX-{i}"])
    imp = unggah(op, unit, simpan(wb))
    assert [p[3] for p in pesan(imp)][:1] == ["Kode XX-0 bukan baris Seksi Pelayanan Umum pada triwulan ini."]
    assert len(imp.galat) == 5
    for i in range(5, 2000):  # past it: the first of these stops the reading
        ws.append([f"XX-{i}"])
    sebelum = potret()
    imp = unggah(op, unit, simpan(wb))
    batas = n + 5
    assert pesan(imp) == [
        ("", None, "", str(TERLALU_BANYAK_BARIS % {"lembar": "Kinerja", "batas": batas, "baris": 3 + batas + 1}))
    ]
    assert imp.ringkasan["jumlah_galat"] == 1
    assert potret() == sebelum


def test_only_the_first_problems_are_kept_with_the_count_of_the_others(peran, monkeypatch):
    op, unit = peran["operator"], peran["unit"]
    monkeypatch.setattr(impor, "BATAS_GALAT", 3)
    monkeypatch.setattr(impor, "LEBIH_BARIS", 2000)
    wb = buka(unduh(op, unit))
    ws = wb["Kinerja"]
    awal = ws.max_row + 1
    for i in range(1200):
        ws.append([f"XX-{i}"])
    imp = unggah(op, unit, simpan(wb))
    assert pesan(imp) == [
        ("Kinerja", awal + i, "A", f"Kode XX-{i} bukan baris Seksi Pelayanan Umum pada triwulan ini.") for i in range(3)
    ]
    assert imp.ringkasan["jumlah_galat"] == 1200
    halaman = op.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "1.200 masalah ditemukan" in halaman
    assert "Yang ditampilkan 3 masalah pertama, dan 1.197 masalah lain." in halaman


def _dengan_bagian(data: bytes, nama: str, isi: bytes) -> bytes:
    f = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as asli, zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        for item in asli.infolist():
            if item.filename != nama:
                z.writestr(item, asli.read(item))
        z.writestr(nama, isi)  # last, replacing a part of that name
    return f.getvalue()


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(peran):
    """The parts' declared sizes are summed before openpyxl opens the file (a part that unpacks to more than it
    declares fails zipfile's CRC check: refused as damaged)."""
    op, unit = peran["operator"], peran["unit"]
    data = unduh(op, unit)
    # 41 MB of rows that compress about as well as a real sheet (some 5 MB in the upload, ratio about 10)
    baris_xml = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c></row>'
        % (i, i, i * 7919 % 100003, i, i % 977)
        for i in range(1, 600_000)
    )
    besar = _dengan_bagian(data, "xl/worksheets/sheet9.xml", baris_xml)
    assert len(baris_xml) > BATAS_ISI_ZIP and len(besar) < 10 * 1024 * 1024
    assert str(TERLALU_BESAR_ISI) in _unggah_ditolak_form(op, unit, "tw4.xlsx", besar)
    assert pesan(periksa(unit, besar)) == [("", None, "", str(TERLALU_BESAR_ISI))]
    # a sheet that declares fewer bytes than it holds: read no further than declared, then refused as damaged
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        lembar = z.read("xl/worksheets/sheet1.xml")
    bohong = bytearray(_dengan_bagian(data, "xl/worksheets/sheet1.xml", lembar))
    pusat = bohong.rfind(b"PK\x01\x02")
    lokal = bohong.rfind(b"PK\x03\x04")
    struct.pack_into("<I", bohong, pusat + 24, 100)  # uncompressed size in the central directory
    struct.pack_into("<I", bohong, lokal + 22, 100)  # and in the local header
    assert pesan(periksa(unit, bytes(bohong))) == [("", None, "", str(BUKAN_BUKU_KERJA))]


def test_a_formula_in_a_cell_is_refused_at_its_cell_not_ignored(peran):
    """openpyxl writes a formula without a cached value: read with data_only it was an empty cell, so the row
    "changed nothing". Now each formula cell is named; a text that merely starts with = is no formula."""
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    ws, wa = wb["Kinerja"], wb["Anggaran"]
    c = sel(ws, "IKU-2", impor.K_REALISASI)
    c.value = "=90+2"
    d = sel(wa, SUB_PEL, impor.A_JUMLAH, impor.J_SUB)
    d.value = "=SUM(E4:E5)"
    sel(ws, "IKU-1", impor.K_CATATAN).value = "'=bukan rumus"  # what the template writes for such text
    sebelum = potret()
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "ditolak"
    assert [(g["lembar"], g["baris"], g["kolom"], g["judul"], g["pesan"]) for g in imp.galat] == [
        ("Kinerja", c.row, c.column_letter, "Realisasi", str(impor.BERISI_RUMUS % {"sel": c.coordinate})),
        ("Anggaran", d.row, d.column_letter, "Realisasi TW Ini (Rp)", str(impor.BERISI_RUMUS % {"sel": d.coordinate})),
    ]
    assert str(impor.BERISI_RUMUS % {"sel": c.coordinate}).startswith(f"Sel {c.coordinate} berisi rumus")
    assert potret() == sebelum
    # without the formulas the same file is valid, the text kept as typed
    c.value, d.value = 92, 70_000_000
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau", imp.galat


def test_a_locked_or_submitted_quarter_refuses_the_file(peran):
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    _isi_bagus(wb["Kinerja"], wb["Anggaran"], wb["Fisik"])
    data = simpan(wb)
    KunciTriwulan.objects.create(pd=peran["pd"], tahun=2024, triwulan=TW, dikunci=True)
    sebelum = potret()
    assert pesan(unggah(op, unit, data)) == [("", None, "", str(services.TRIWULAN_TERKUNCI))]
    # the template is no longer offered, and the entry page says why
    r = op.get(_url("templat-realisasi", unit), follow=True)
    assert str(services.TRIWULAN_TERKUNCI) in r.content.decode()
    entri = op.get(reverse("kinerja:entri", kwargs={"unit_id": unit.pk, "tahun": 2024, "triwulan": TW}))
    teks = entri.content.decode()
    assert 'id="impor-tertutup"' in teks and 'id="tombol-impor"' not in teks
    assert potret() == sebelum


def test_the_rules_of_the_services_apply_to_every_row(peran):
    op, unit = peran["operator"], peran["unit"]
    RealisasiFisik.objects.create(
        sub_kegiatan=SubKegiatan.objects.get(kode=SUB_RAPAT), tahun=2024, triwulan=3, persen=D("60")
    )
    wb = buka(unduh(op, unit))
    ws, wf = wb["Kinerja"], wb["Fisik"]
    sel(wf, SUB_RAPAT, impor.F_PERSEN, impor.J_SUB).value = 55  # below TW III
    sel(ws, "IKU-1", impor.K_STATUS).value = "Belum tersedia"  # with a number
    sel(ws, "SK-3", impor.K_STATUS).value = "Kira-kira"
    sel(ws, "IKU-2", impor.K_REALISASI).value = 92.12345  # more decimals than the field stores
    imp = unggah(op, unit, simpan(wb))
    teks = [g[3] for g in pesan(imp)]
    assert teks == [
        str(services.BELUM_TERSEDIA_TANPA_ANGKA),
        "Pastikan bilangan tidak memiliki lebih dari 4 angka desimal.",
        "Status Kira-kira tidak dikenal; pilih salah satu: Final, Sementara, Belum tersedia, Tahun lalu.",
        str(services.FISIK_MUNDUR % {"sebelum": "60,00"}),
    ]


def test_a_new_quarter_creates_rows_in_bulk_with_history(peran):
    op, unit = peran["operator"], peran["unit"]
    for m in (RealisasiKinerja, RealisasiAnggaran, RealisasiFisik):  # TW I of 2025 is empty; give it a DPA
        assert not m.objects.filter(tahun=2025).exists()
    from anggaran.models import VersiAnggaran

    v = VersiAnggaran.objects.create(pd=peran["pd"], tahun=2025, versi="murni")
    for p in PaguAnggaran.objects.filter(versi__pd=peran["pd"], versi__tahun=2024, versi__versi="murni"):
        PaguAnggaran.objects.create(versi=v, sub_kegiatan=p.sub_kegiatan, rekening=p.rekening, jumlah=p.jumlah)
    r = op.get(reverse("anggaran:templat-realisasi", kwargs={"unit_id": unit.pk, "tahun": 2025, "triwulan": 1}))
    wb = buka(b"".join(r.streaming_content))
    ws, wa, wf = wb["Kinerja"], wb["Anggaran"], wb["Fisik"]
    assert [c.value for c in ws[3]][5] == "Realisasi"  # no earlier quarter in TW I
    for nomor in range(4, ws.max_row + 1):
        ws.cell(nomor, kolom(ws, impor.K_REALISASI)).value = nomor
        ws.cell(nomor, kolom(ws, impor.K_STATUS)).value = "Sementara"
    for nomor in range(4, wa.max_row + 1):
        wa.cell(nomor, kolom(wa, impor.A_JUMLAH)).value = 1_000_000.5
    for nomor in range(4, wf.max_row + 1):
        wf.cell(nomor, kolom(wf, impor.F_PERSEN)).value = 12.5
    url = reverse("anggaran:impor-realisasi", kwargs={"unit_id": unit.pk, "tahun": 2025, "triwulan": 1})
    op.post(url, {"berkas": SimpleUploadedFile("tw1.xlsx", simpan(wb))})
    imp = terapkan(op, ImporBerkas.objects.latest("pk"))
    assert imp.status == "diterapkan", pesan(imp)
    assert imp.ringkasan["Kinerja"]["baru"] == ws.max_row - 3
    baru = RealisasiKinerja.objects.filter(tahun=2025, triwulan=1)
    assert baru.count() == ws.max_row - 3 and {r.status for r in baru} == {"sementara"}
    assert {(r.version, r.updated_by_id, r.tahap) for r in baru} == {(1, op.user.pk, "draf")}
    assert set(RealisasiAnggaran.objects.filter(tahun=2025).values_list("jumlah", flat=True)) == {D("1000000.5")}
    assert set(RealisasiFisik.objects.filter(tahun=2025).values_list("persen", flat=True)) == {D("12.5")}
    reason = {h.history_change_reason for h in RealisasiKinerja.history.filter(tahun=2025)}
    assert reason == {f"Impor Excel #{imp.pk} (tw1.xlsx)"}


# --- access and pages -----------------------------------------------------------------------------------------------


def test_access_per_role(peran):
    unit = peran["unit"]
    imp = unggah(peran["operator"], unit, unduh(peran["operator"], unit))
    detail = reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})
    for nama in ("templat-realisasi", "impor-realisasi"):
        assert peran["reviewer"].get(_url(nama, unit)).status_code == 403
        assert peran["operator_lain"].get(_url(nama, unit)).status_code == 404
        assert peran["perencana"].get(_url(nama, unit)).status_code == 200
    assert peran["operator_lain"].get(detail).status_code == 404
    assert peran["reviewer"].get(detail).status_code == 403
    assert peran["reviewer"].post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk})).status_code == 403
    assert peran["perencana"].get(detail).status_code == 200
    r = Client().get(detail)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_the_entry_page_offers_the_import_only_to_who_may_fill_an_open_quarter(peran):
    url = reverse("kinerja:entri", kwargs={"unit_id": peran["unit"].pk, "tahun": 2024, "triwulan": TW})
    teks = peran["operator"].get(url).content.decode()
    assert _url("templat-realisasi", peran["unit"]) in teks and _url("impor-realisasi", peran["unit"]) in teks
    assert 'id="impor-excel"' not in peran["reviewer"].get(url).content.decode()
    services.triwulan_ajukan(unit=peran["unit"], tahun=2024, triwulan=TW, user=peran["operator"].user)
    teks = peran["operator"].get(url).content.decode()
    assert 'id="tombol-impor"' not in teks
    assert "Triwulan unit ini sudah diajukan; tunggu verifikasi" in teks


def test_preview_queries_do_not_grow_with_the_rows(peran, django_assert_max_num_queries):
    """The rules' data is loaded up front: the same number of queries for a unit of 4 and one of 40 rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    op, unit = peran["perencana"], peran["unit"]

    def kueri() -> int:
        data = impor.tulis(impor.templat_realisasi(unit=unit, tahun=2024, triwulan=TW))
        with CaptureQueriesContext(connection) as q:
            hasil = impor.periksa_realisasi(unit=unit, tahun=2024, triwulan=TW, berkas=io.BytesIO(data))
        assert not hasil.galat
        return len(q)

    sedikit = kueri()
    contoh = Indikator.objects.get(kode="IKU-2")
    for i in range(36):
        Indikator.objects.create(
            pd=contoh.pd, kode=f"UJI-{i}", uraian=f"Uji {i}", satuan="Dokumen", level="sasaran",
            sasaran=contoh.sasaran, unit_kerja=unit, urutan=100 + i,
        )  # fmt: skip
    assert kueri() == sedikit
    assert op.get(_url("impor-realisasi", unit)).status_code == 200


# --- the check and the apply run in the worker (anggaran/tasks.py) ----------------------------------------------


def _klien_biasa(c) -> Client:
    """The same person with a plain client: what a request enqueues stays in the queue until the test runs it."""
    biasa = Client()
    biasa.force_login(c.user)
    return biasa


def test_the_upload_is_stored_diperiksa_and_the_page_polls_until_the_preview_is_ready(
    peran, django_capture_on_commit_callbacks
):
    from anggaran import tasks

    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    sel(wb["Kinerja"], "IKU-2", impor.K_REALISASI).value = 93
    data = simpan(wb)
    c = _klien_biasa(op)
    with django_capture_on_commit_callbacks(execute=False) as antre:
        r = c.post(_url("impor-realisasi", unit), {"berkas": SimpleUploadedFile("tw4.xlsx", data)})
    imp = ImporBerkas.objects.latest("pk")
    assert r.status_code == 302 and r["Location"] == reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})
    assert (imp.status, imp.get_status_display(), imp.galat, imp.ringkasan) == ("diperiksa", "Sedang diperiksa", [], {})
    assert imp.berkas.open("rb").read() == data and imp.ukuran == len(data)
    assert (
        len(antre) == 1 and antre[0].func == tasks.impor_periksa.enqueue and antre[0].keywords == {"impor_id": imp.pk}
    )

    status_url = reverse("anggaran:impor-status", kwargs={"pk": imp.pk})
    halaman = c.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "Berkas sedang diperiksa…" in halaman
    assert f'hx-get="{status_url}"' in halaman and 'hx-trigger="every 2s"' in halaman
    assert 'id="tombol-terapkan"' not in halaman and 'id="tabel-ringkasan"' not in halaman
    r = c.get(status_url, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "HX-Refresh" not in r
    assert "Berkas sedang diperiksa…" in r.content.decode() and f'hx-get="{status_url}"' in r.content.decode()

    antre[0]()  # the worker runs the check
    imp.refresh_from_db()
    assert imp.status == "pratinjau" and imp.ringkasan["Kinerja"]["diubah"] == 1
    r = c.get(status_url, headers={"HX-Request": "true"})
    assert r["HX-Refresh"] == "true" and "hx-get" not in r.content.decode()  # htmx reloads the page
    halaman = c.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "hx-get" not in halaman and "sedang diperiksa" not in halaman
    assert 'id="tombol-terapkan"' in halaman and 'id="tabel-ringkasan"' in halaman

    tasks.impor_periksa.enqueue(impor_id=imp.pk)  # delivered twice: nothing happens
    assert ImporBerkas.objects.get(pk=imp.pk).ringkasan == imp.ringkasan


def test_terapkan_twice_enqueues_once_and_the_page_polls_until_applied(peran, django_capture_on_commit_callbacks):
    from anggaran import tasks

    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    sel(wb["Kinerja"], "IKU-2", impor.K_REALISASI).value = 93
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau"
    c = _klien_biasa(op)
    url = reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk})
    with django_capture_on_commit_callbacks(execute=False) as antre:
        assert c.post(url).status_code == 302
        r = c.post(url, follow=True)  # the second click
    assert len(antre) == 1 and antre[0].keywords == {"impor_id": imp.pk, "user_id": op.user.pk}
    assert antre[0].func == tasks.impor_terapkan_tugas.enqueue
    imp.refresh_from_db()
    assert (imp.status, imp.get_status_display()) == ("menerapkan", "Sedang diterapkan")
    halaman = r.content.decode()
    assert str(impor.SEDANG_DIPROSES % {"status": "sedang diterapkan"}) in halaman
    assert "Impor ini sedang diterapkan; tunggu sampai selesai." in halaman
    assert "Impor sedang diterapkan…" in halaman and 'id="tombol-terapkan"' not in halaman
    status_url = reverse("anggaran:impor-status", kwargs={"pk": imp.pk})
    assert f'hx-get="{status_url}"' in halaman
    assert RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=TW).nilai != D("93")

    antre[0]()  # the worker applies it
    imp.refresh_from_db()
    assert imp.status == "diterapkan" and imp.applied_at is not None
    rk = RealisasiKinerja.objects.get(indikator__kode="IKU-2", tahun=2024, triwulan=TW)
    assert rk.nilai == D("93") and rk.history.first().history_user == op.user
    assert c.get(status_url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    halaman = c.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert "Impor diterapkan: semua baris tersimpan dan tercatat dalam riwayat." in halaman and "hx-get" not in halaman
    jumlah = RealisasiKinerja.history.count()
    tasks.impor_terapkan_tugas.enqueue(impor_id=imp.pk, user_id=op.user.pk)  # delivered twice: nothing happens
    assert RealisasiKinerja.history.count() == jumlah


def test_a_check_that_fails_in_the_worker_ends_ditolak_with_a_message(peran, monkeypatch):
    from anggaran import tasks

    op, unit = peran["operator"], peran["unit"]
    data = unduh(op, unit)

    def rusak(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(impor, "periksa_realisasi", rusak)
    imp = unggah(op, unit, data)
    imp.refresh_from_db()
    pesan_galat = str(tasks.GAGAL_PERIKSA % {"jenis": "RuntimeError"})
    assert pesan_galat.startswith("Berkas gagal diperiksa karena kesalahan pada server (RuntimeError)")
    assert imp.status == "ditolak" and pesan(imp) == [("", None, "", pesan_galat)]
    halaman = op.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert pesan_galat in halaman and "hx-get" not in halaman and 'id="tombol-terapkan"' not in halaman


def test_an_apply_that_fails_in_the_worker_ends_ditolak_and_writes_nothing(peran, monkeypatch):
    from anggaran import tasks

    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    _isi_bagus(wb["Kinerja"], wb["Anggaran"], wb["Fisik"])
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau"
    sebelum = potret()

    def rusak(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(impor, "bulk_update_with_history", rusak)
    monkeypatch.setattr(impor, "bulk_create_with_history", rusak)
    r = op.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk}), follow=True)
    imp.refresh_from_db()
    pesan_galat = str(tasks.GAGAL_TERAPKAN % {"jenis": "ZeroDivisionError"})
    assert imp.status == "ditolak" and pesan(imp) == [("", None, "", pesan_galat)]
    assert imp.applied_at is None and "rincian" not in imp.ringkasan
    halaman = r.content.decode()
    assert pesan_galat in halaman and "tidak lagi sah" in halaman and "hx-get" not in halaman
    assert potret() == sebelum


# --- a worker killed during the check or the apply -------------------------------------------------------------


class PekerjaDibunuh(BaseException):
    """The worker process is killed here (SIGKILL): no handler of the task runs."""


def test_a_check_whose_worker_died_ends_ditolak_and_the_page_stops_polling(
    peran, django_capture_on_commit_callbacks, time_machine
):

    time_machine.move_to(timezone.now(), tick=False)
    op, unit = peran["operator"], peran["unit"]
    data = unduh(op, unit)
    c = _klien_biasa(op)
    with django_capture_on_commit_callbacks(execute=False) as antre:
        c.post(_url("impor-realisasi", unit), {"berkas": SimpleUploadedFile("tw4.xlsx", data)})
    imp = ImporBerkas.objects.latest("pk")
    catatan = tugas_berjalan("anggaran.tasks.impor_periksa", impor_id=imp.pk)
    assert impor.impor_klaim(impor_id=imp.pk, status="diperiksa", tugas_id=str(catatan.pk))  # taken, then killed
    assert not impor.impor_klaim(impor_id=imp.pk, status="diperiksa", tugas_id="lain")  # never taken twice
    status_url = reverse("anggaran:impor-status", kwargs={"pk": imp.pk})
    detail_url = reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})

    time_machine.shift(settings.TUGAS_BATAS_DENYUT - timedelta(seconds=1))
    r = c.get(status_url, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in r and "Berkas sedang diperiksa…" in r.content.decode()

    time_machine.shift(timedelta(seconds=2))
    r = c.get(status_url, headers={"HX-Request": "true"})
    assert r["HX-Refresh"] == "true" and "hx-get" not in r.content.decode()
    imp.refresh_from_db()
    assert imp.status == "ditolak" and pesan(imp) == [("", None, "", str(impor.PERIKSA_TERHENTI))]
    assert impor.PERIKSA_TERHENTI == (
        "Pemeriksaan berkas terhenti karena proses di latar belakang berhenti; tidak ada yang disimpan. Unggah "
        "berkasnya lagi."
    )
    rekam = imp.history.first()
    assert (rekam.history_change_reason, rekam.history_user) == ("Pekerja latar belakang berhenti", None)
    halaman = c.get(detail_url).content.decode()
    assert str(impor.PERIKSA_TERHENTI) in halaman and "hx-get" not in halaman and "tidak lagi sah" not in halaman
    catatan.refresh_from_db()
    assert catatan.status == TaskResultStatus.FAILED and catatan.traceback == str(impor.PERIKSA_TERHENTI)

    antre[0]()  # the task delivered again later finds nothing to do
    assert ImporBerkas.objects.get(pk=imp.pk).status == "ditolak"
    # and the person uploads again at once
    assert unggah(op, unit, data).status == "pratinjau"


def test_an_import_queued_with_no_worker_is_given_up(peran, django_capture_on_commit_callbacks, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    op, unit = peran["operator"], peran["unit"]
    data = unduh(op, unit)
    c = _klien_biasa(op)
    with django_capture_on_commit_callbacks(execute=False):
        c.post(_url("impor-realisasi", unit), {"berkas": SimpleUploadedFile("tw4.xlsx", data)})
    imp = ImporBerkas.objects.latest("pk")
    time_machine.shift(settings.TUGAS_BATAS_DENYUT * 5)  # queued behind others: no sign of life is expected
    assert impor.impor_lepas_macet() == 0
    time_machine.shift(settings.TUGAS_BATAS_ANTRE)
    assert impor.impor_lepas_macet() == 1
    imp.refresh_from_db()
    assert imp.status == "ditolak" and pesan(imp) == [("", None, "", str(impor.PERIKSA_TERHENTI))]


def test_an_apply_whose_worker_died_wrote_nothing_and_ends_ditolak(
    peran, django_capture_on_commit_callbacks, monkeypatch, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    _isi_bagus(wb["Kinerja"], wb["Anggaran"], wb["Fisik"])
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau"
    sebelum = potret()
    c = _klien_biasa(op)
    with django_capture_on_commit_callbacks(execute=False):
        c.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk}))
    catatan = tugas_berjalan("anggaran.tasks.impor_terapkan_tugas", impor_id=imp.pk, user_id=op.user.pk)

    # the worker takes the apply and is killed after its first writes, before the commit
    tulis = impor.bulk_update_with_history
    ditulis = []

    def lalu_mati(*args, **kwargs):
        tulis(*args, **kwargs)
        ditulis.append(args[1])
        raise PekerjaDibunuh

    monkeypatch.setattr(impor, "bulk_update_with_history", lalu_mati)
    assert impor.impor_klaim(impor_id=imp.pk, status="menerapkan", tugas_id=str(catatan.pk))
    with pytest.raises(PekerjaDibunuh):
        impor.impor_terapkan(impor=ImporBerkas.objects.select_related("pd", "unit").get(pk=imp.pk), user=op.user)
    assert ditulis and potret() == sebelum  # its transaction was rolled back with it
    assert ImporBerkas.objects.get(pk=imp.pk).status == "menerapkan"

    status_url = reverse("anggaran:impor-status", kwargs={"pk": imp.pk})
    assert "Impor sedang diterapkan…" in c.get(status_url).content.decode()
    time_machine.shift(settings.TUGAS_BATAS_DENYUT + timedelta(seconds=1))
    r = c.get(status_url, headers={"HX-Request": "true"})
    assert r["HX-Refresh"] == "true"
    imp.refresh_from_db()
    assert imp.status == "ditolak" and imp.applied_at is None
    assert pesan(imp) == [("", None, "", str(impor.TERAPKAN_TERHENTI))]
    assert impor.TERAPKAN_TERHENTI == (
        "Penerapan impor terhenti karena proses di latar belakang berhenti; tidak ada yang disimpan. Unggah "
        "berkasnya lagi."
    )
    halaman = c.get(reverse("anggaran:impor-detail", kwargs={"pk": imp.pk})).content.decode()
    assert str(impor.TERAPKAN_TERHENTI) in halaman and "hx-get" not in halaman and "tidak lagi sah" not in halaman
    assert potret() == sebelum
    catatan.refresh_from_db()
    assert catatan.status == TaskResultStatus.FAILED


def test_a_worker_stopped_during_the_apply_ends_it_at_once(peran, monkeypatch):
    """A second Ctrl+C or SIGTERM raises SystemExit inside the task: its transaction rolls back and the import
    ends ditolak at once, without waiting for the limit."""
    from anggaran import tasks

    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    _isi_bagus(wb["Kinerja"], wb["Anggaran"], wb["Fisik"])
    imp = unggah(op, unit, simpan(wb))
    sebelum = potret()
    ImporBerkas.objects.filter(pk=imp.pk).update(status="menerapkan", mulai=None)  # as Terapkan leaves it

    def berhenti(*args, **kwargs):
        raise SystemExit(1)

    monkeypatch.setattr(impor, "bulk_update_with_history", berhenti)
    konteks = SimpleNamespace(task_result=SimpleNamespace(id="tugas-1"))
    with pytest.raises(SystemExit):
        tasks.impor_terapkan_tugas.call(konteks, impor_id=imp.pk, user_id=op.user.pk)
    imp.refresh_from_db()
    assert imp.status == "ditolak" and pesan(imp) == [("", None, "", str(impor.TERAPKAN_TERHENTI))]
    assert potret() == sebelum


def test_an_apply_whose_last_write_fails_leaves_every_earlier_row_unchanged(peran, monkeypatch):
    """The writes before the failing one (the IKU value, the money) are rolled back with it: one transaction."""
    from anggaran import tasks

    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    _isi_bagus(wb["Kinerja"], wb["Anggaran"], wb["Fisik"])
    imp = unggah(op, unit, simpan(wb))
    assert imp.status == "pratinjau"
    sebelum = potret()
    nilai_iku = list(RealisasiKinerja.objects.filter(indikator__kode="IKU-2").values_list("pk", "nilai", "catatan"))
    jumlah_pel = list(RealisasiAnggaran.objects.filter(sub_kegiatan__kode=SUB_PEL).values_list("pk", "jumlah"))
    ditulis = []

    def tulis_lalu_gagal(asli):
        def tulis(objs, model, *args, **kwargs):
            if model is RealisasiFisik:  # the last model the apply writes
                raise ZeroDivisionError
            ditulis.append(model)
            return asli(objs, model, *args, **kwargs)

        return tulis

    monkeypatch.setattr(impor, "bulk_update_with_history", tulis_lalu_gagal(impor.bulk_update_with_history))
    monkeypatch.setattr(impor, "bulk_create_with_history", tulis_lalu_gagal(impor.bulk_create_with_history))
    r = op.post(reverse("anggaran:impor-terapkan", kwargs={"pk": imp.pk}), follow=True)
    assert RealisasiKinerja in ditulis and RealisasiAnggaran in ditulis  # written before the failure...
    imp.refresh_from_db()
    pesan_galat = str(tasks.GAGAL_TERAPKAN % {"jenis": "ZeroDivisionError"})
    assert imp.status == "ditolak" and pesan(imp) == [("", None, "", pesan_galat)]
    assert "tidak ada yang disimpan" in pesan_galat and pesan_galat in r.content.decode()
    # ...and rolled back with it
    assert list(RealisasiKinerja.objects.filter(indikator__kode="IKU-2").values_list("pk", "nilai", "catatan")) == (
        nilai_iku
    )
    assert list(RealisasiAnggaran.objects.filter(sub_kegiatan__kode=SUB_PEL).values_list("pk", "jumlah")) == jumlah_pel
    assert potret() == sebelum
