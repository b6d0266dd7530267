"""``manage.py dpa_xlsx``: the DPA workbooks of a PD's year into a folder, and the flat matrix of a pemda."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from anggaran.dpa import JENIS_DPA
from kinerja.selectors import hasil_tahun
from renstra.models import PerangkatDaerah
from sakip.bundle.hasil import hasil_dict

pytestmark = pytest.mark.django_db

TAHUN = 2024


def jalankan(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("dpa_xlsx", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_semua_buku_kerja_satu_pd(contoh_pd, tmp_path):
    keluar = tmp_path / "baru" / "folder"  # created when missing
    out, err = jalankan("--pd", contoh_pd.kode, "--tahun", str(TAHUN), "--keluar", str(keluar))
    berkas = sorted(p.name for p in keluar.iterdir())
    assert berkas == sorted(f"dpa-{k}-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx" for k in JENIS_DPA)
    baris = out.splitlines()
    assert len(baris) == len(JENIS_DPA)
    for kode, teks in zip(JENIS_DPA, baris, strict=True):
        jalur, jumlah, detik = teks.split("\t")
        assert jalur == str(keluar / f"dpa-{kode}-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx")
        assert "baris" in jumlah and detik.endswith("detik")
    assert "dimuat" in err
    # the figures are the computation's
    pagu = Decimal(hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]["total"]["pagu"])
    for p in keluar.iterdir():
        wb = openpyxl.load_workbook(p)
        angka = {
            Decimal(str(c.value)) for ws in wb for row in ws.iter_rows() for c in row if type(c.value) in (int, float)
        }
        assert pagu in angka, p.name
    assert not list(keluar.glob(".*.tmp"))  # no temporary file left


def test_jenis_dipilih_dan_jumlah_baris(contoh_pd, tmp_path):
    out, _ = jalankan(
        "--pd", contoh_pd.kode, "--tahun", str(TAHUN), "--jenis", "perubahan,rekening", "--keluar", str(tmp_path)
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dpa-perubahan-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx",
        "dpa-rekening-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx",
    ]
    perubahan, rekening = out.splitlines()
    wb = openpyxl.load_workbook(tmp_path / "dpa-perubahan-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx")
    n = [int(ws.auto_filter.ref.split(":")[1][1:]) - int(ws.freeze_panes[1:]) + 1 for ws in wb]
    assert perubahan.split("\t")[1] == f"Per Rekening {n[0]} baris, Per Program {n[1]} baris"
    assert rekening.startswith(str(tmp_path / "dpa-rekening-"))


def test_default_folder_saat_ini(contoh_pd, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    jalankan("--pd", contoh_pd.kode, "--tahun", str(TAHUN), "--jenis", "unit")
    assert [p.name for p in tmp_path.iterdir()] == ["dpa-unit-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx"]


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        (["--pd", "TIDAK-ADA", "--tahun", "2024"], 'Perangkat daerah "TIDAK-ADA" tidak ditemukan.'),
        (["--pd", "{pd}", "--tahun", "2024", "--jenis", "rekening,apa"], "Jenis buku kerja tidak dikenal: apa."),
        (["--pd", "{pd}", "--tahun", "2024", "--datar"], "--datar dipakai bersama --pemda, bukan --pd."),
        (["--pemda", "{pemda}", "--tahun", "2024"], "--pemda tanpa --pd hanya dipakai bersama --datar."),
        (["--tahun", "2024"], "Sebutkan --pd KODE, atau --pemda KODE bersama --datar."),
        (["--pd", "{pd}", "--pemda", "TIDAK-ADA", "--tahun", "2024"], 'Perangkat daerah "{pd}" tidak ditemukan pada'),
        (["--pemda", "TIDAK-ADA", "--tahun", "2024", "--datar"], 'Pemerintah daerah "TIDAK-ADA" tidak ditemukan.'),
    ],
)
def test_galat_jelas_dan_tidak_menulis_apa_pun(contoh_pd, tmp_path, args, pesan):
    args = [a.format(pd=contoh_pd.kode, pemda=contoh_pd.pemda.kode) for a in args]
    with pytest.raises(CommandError, match="^" + re.escape(pesan.format(pd=contoh_pd.kode))):
        jalankan(*args, "--keluar", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_pd_bersama_pemdanya(contoh_pd, tmp_path):
    args = ("--pd", contoh_pd.kode, "--pemda", contoh_pd.pemda.kode, "--tahun", "2024", "--jenis", "unit")
    jalankan(*args, "--keluar", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["dpa-unit-kecamatan-sukamaju-kabupaten-contoh-2024.xlsx"]


def test_matriks_datar_pemda(contoh_pd, tmp_path):
    pytest.importorskip("anggaran.dpa_datar")
    out, _ = jalankan("--pemda", contoh_pd.pemda.kode, "--tahun", str(TAHUN), "--datar", "--keluar", str(tmp_path))
    (berkas,) = list(tmp_path.iterdir())
    assert berkas.name.startswith("dpa-datar-") and berkas.name.endswith("-2024.xlsx")
    jalur, jumlah, _detik = out.strip().split("\t")
    assert jalur == str(berkas)
    n = int(jumlah.split()[0].replace(".", ""))
    kode_pd = set(PerangkatDaerah.objects.filter(pemda=contoh_pd.pemda).values_list("kode", flat=True))
    wb = openpyxl.load_workbook(berkas, read_only=True)
    try:
        data = [r for r in wb.worksheets[0].iter_rows(values_only=True) if r and r[0] in kode_pd]
    finally:
        wb.close()
    assert n == len(data) > 0  # the printed count is the rows written
    # the sum of the pagu column is the PD's total of sakip-hasil/1
    pagu = Decimal(hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]["total"]["pagu"])
    kolom_pagu = 13
    assert sum(Decimal(str(r[kolom_pagu])) for r in data if r[kolom_pagu] is not None) == pagu
