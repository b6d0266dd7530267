"""A text cell of the quarter's workbook past its field's limit is refused with its sheet, row and column."""

import pytest

from anggaran import impor
from kinerja.models import RealisasiKinerja
from sakip import batas
from tests.anggaran.test_impor_realisasi import buka, peran, pesan, sel, simpan, unduh, unggah  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("judul", [impor.K_CATATAN, impor.K_HAMBATAN, impor.K_SOLUSI])
def test_a_note_past_its_limit_is_refused_with_its_cell(peran, judul):  # noqa: F811
    op, unit = peran["operator"], peran["unit"]
    sebelum = list(RealisasiKinerja.objects.values_list("pk", "catatan", "hambatan", "solusi", "version"))
    wb = buka(unduh(op, unit))
    c = sel(wb["Kinerja"], "IKU-2", judul)
    c.value = "x" * (batas.CATATAN + 1)
    imp = unggah(op, unit, simpan(wb))
    assert pesan(imp) == [
        ("Kinerja", c.row, c.column_letter, batas.pesan_terlalu_panjang(batas.CATATAN, batas.CATATAN + 1))
    ]
    assert list(RealisasiKinerja.objects.values_list("pk", "catatan", "hambatan", "solusi", "version")) == sebelum


def test_a_note_at_its_limit_is_accepted(peran):  # noqa: F811
    op, unit = peran["operator"], peran["unit"]
    wb = buka(unduh(op, unit))
    sel(wb["Kinerja"], "IKU-2", impor.K_CATATAN).value = "x" * batas.CATATAN
    imp = unggah(op, unit, simpan(wb))
    assert pesan(imp) == []
