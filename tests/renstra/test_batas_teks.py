"""Texts of the plan and the user screens past their limit (sakip.batas)."""

import pytest
from django.core.exceptions import ValidationError

from renstra.forms import PenggunaForm
from renstra.models import Indikator, Renstra
from sakip import batas

pytestmark = pytest.mark.django_db


def test_a_password_past_its_limit_is_refused_before_it_is_hashed(contoh_pd):
    sandi = "Sandi-Panjang-" * 1_000
    form = PenggunaForm(
        {"username": "budi", "nama_depan": "Budi", "password": sandi, "password_ulang": sandi, "peran": "reviewer"},
        pemda=contoh_pd.pemda,
        url_unit="/",
    )
    assert not form.is_valid()
    assert form.errors["password"] == [batas.pesan_terlalu_panjang(batas.KATA_SANDI, len(sandi))]
    assert 'maxlength="128"' in str(form["password"])


@pytest.mark.parametrize(
    ("model", "bidang", "maks"),
    [
        (Renstra, "visi", batas.VISI),
        (Indikator, "uraian", batas.URAIAN),
        (Indikator, "definisi_operasional", batas.DEFINISI),
        (Indikator, "formula", batas.FORMULA),
        (Indikator, "sumber_data", batas.SUMBER_DATA),
    ],
)
def test_full_clean_refuses_a_plan_text_past_its_limit(contoh_pd, model, bidang, maks):
    obj = model.objects.filter(pd=contoh_pd).first() if model is Indikator else model.objects.get(pd=contoh_pd)
    setattr(obj, bidang, "x" * (maks + 1))
    with pytest.raises(ValidationError) as e:
        obj.full_clean()
    assert e.value.message_dict[bidang] == [batas.pesan_terlalu_panjang(maks, maks + 1)]
