"""The number field of the entry forms reads typed text and workbook numbers with the same bounds."""

from decimal import Decimal

import pytest
from django import forms

from kinerja.forms import AngkaField, RealisasiAnggaranForm


@pytest.mark.parametrize("nilai", ["-5", Decimal("-5"), -5])
def test_batas_bawah_berlaku_untuk_teks_dan_angka_sel(nilai):
    with pytest.raises(forms.ValidationError) as e:
        AngkaField(min_value=Decimal("0")).clean(nilai)
    assert e.value.messages == ["Tidak boleh kurang dari 0,00."]
    with pytest.raises(forms.ValidationError) as e:
        AngkaField(min_value=Decimal("0"), desimal=0).clean(nilai)
    assert e.value.messages == ["Tidak boleh kurang dari 0."]


@pytest.mark.parametrize(("nilai", "hasil"), [("1.250.000", Decimal("1250000")), (Decimal("97.5"), Decimal("97.5"))])
def test_teks_indonesia_dan_angka_sel_dibaca(nilai, hasil):
    assert AngkaField(min_value=Decimal("0")).clean(nilai) == hasil


def test_form_anggaran_menolak_angka_sel_negatif():
    form = RealisasiAnggaranForm(data={"jumlah": Decimal("-1"), "version": 1})
    assert not form.is_valid()
    assert form.errors["jumlah"] == ["Tidak boleh kurang dari 0."]
