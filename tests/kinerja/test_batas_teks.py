"""Texts of the quarter past their limit (sakip.batas): refused by the entry row, the reasons, full_clean() and the
admin's forms, with the limit written the Indonesian way; nothing is saved."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kinerja import services
from kinerja.forms import AlasanForm, RealisasiKinerjaForm
from kinerja.models import KunciTriwulan, RealisasiKinerja
from renstra.models import Indikator, Keanggotaan, UnitKerja
from sakip import batas
from tests.formulir import form_data

pytestmark = pytest.mark.django_db

TW = 4
TERLALU = batas.pesan_terlalu_panjang(batas.CATATAN, batas.CATATAN + 1)


@pytest.fixture
def operator(contoh_pd, django_user_model):
    unit = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    user = django_user_model.objects.create_user("op", password="x")
    Keanggotaan.objects.create(user=user, pemda=contoh_pd.pemda, pd=contoh_pd, unit_kerja=unit, peran="operator")
    c = Client()
    c.force_login(user)
    return c, unit


def _url(unit, nama="kinerja:entri", **extra):
    return reverse(nama, kwargs={"unit_id": unit.pk, "tahun": 2024, "triwulan": TW, **extra})


@pytest.mark.parametrize("bidang", ["catatan", "hambatan", "solusi"])
def test_the_entry_row_refuses_a_note_past_its_limit(operator, bidang):
    c, unit = operator
    ind = Indikator.objects.get(kode="IKU-2")
    halaman = c.get(_url(unit)).content.decode()
    assert re.search(rf'name="{bidang}"[^>]*maxlength="{batas.CATATAN}"', halaman)
    sebelum = RealisasiKinerja.objects.values().get(indikator=ind, tahun=2024, triwulan=TW)
    data = form_data(halaman, f"f-kinerja-{ind.pk}")
    data[bidang] = "x" * (batas.CATATAN + 1)  # what a client without the browser's maxlength sends
    r = c.post(_url(unit, "kinerja:simpan-kinerja", indikator_id=ind.pk), data, HTTP_HX_REQUEST="true")
    assert TERLALU in r.content.decode()
    assert RealisasiKinerja.objects.values().get(indikator=ind, tahun=2024, triwulan=TW) == sebelum


def test_a_note_at_its_limit_is_saved(operator):
    c, unit = operator
    ind = Indikator.objects.get(kode="IKU-2")
    data = form_data(c.get(_url(unit)).content.decode(), f"f-kinerja-{ind.pk}")
    data["catatan"] = "x" * batas.CATATAN
    c.post(_url(unit, "kinerja:simpan-kinerja", indikator_id=ind.pk), data, HTTP_HX_REQUEST="true")
    assert RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=TW).catatan == "x" * batas.CATATAN


def test_the_form_says_the_limit_the_indonesian_way():
    form = RealisasiKinerjaForm({"status": "final", "catatan": "x" * 5_000_000})
    assert not form.is_valid()
    assert form.errors["catatan"] == ["Paling banyak 4.000 karakter; teks ini 5.000.000 karakter."]
    alasan = AlasanForm({"alasan": "a" * (batas.ALASAN + 1)})
    assert alasan.errors["alasan"] == [batas.pesan_terlalu_panjang(batas.ALASAN, batas.ALASAN + 1)]


def test_full_clean_refuses_a_note_past_its_limit(contoh_pd):
    r = RealisasiKinerja.objects.filter(indikator__pd=contoh_pd).first()
    r.catatan = "x" * (batas.CATATAN + 1)
    with pytest.raises(ValidationError) as e:
        r.full_clean(exclude=["indikator", "updated_by"], validate_unique=False, validate_constraints=False)
    assert e.value.message_dict == {"catatan": [TERLALU]}


def test_the_admins_form_of_a_row_is_bounded_too():
    form_class = forms.modelform_factory(RealisasiKinerja, fields=["catatan", "hambatan"])
    form = form_class({"catatan": "x" * (batas.CATATAN + 1), "hambatan": ""})
    assert form.fields["catatan"].widget.attrs["maxlength"] == str(batas.CATATAN)
    assert not form.is_valid() and form.errors["catatan"] == [TERLALU]


def test_a_reason_past_its_limit_is_refused_by_the_service_and_saves_nothing(contoh_pd, django_user_model):
    ren = django_user_model.objects.create_user("ren", password="x")
    KunciTriwulan.objects.create(pd=contoh_pd, tahun=2024, triwulan=TW, dikunci=True)
    panjang = "a" * (batas.ALASAN + 1)
    with pytest.raises(services.KinerjaError) as e:
        services.triwulan_buka(pd=contoh_pd, tahun=2024, triwulan=TW, alasan=panjang, user=ren)
    assert str(e.value) == batas.pesan_terlalu_panjang(batas.ALASAN, batas.ALASAN + 1)
    assert KunciTriwulan.objects.get(pd=contoh_pd, tahun=2024, triwulan=TW).dikunci


def test_a_long_reason_is_kept_whole_on_the_row_and_cut_in_the_history(contoh_pd, django_user_model):
    """The history's change reason holds 100 characters (a varchar on PostgreSQL): a longer reason must not fail."""
    ren = django_user_model.objects.create_user("ren", password="x")
    KunciTriwulan.objects.create(pd=contoh_pd, tahun=2024, triwulan=TW, dikunci=True)
    alasan = "Koreksi hasil pemeriksaan BPK. " * 60  # 1.860 characters
    kunci = services.triwulan_buka(pd=contoh_pd, tahun=2024, triwulan=TW, alasan=alasan, user=ren)
    assert kunci.alasan == alasan.strip()
    riwayat = kunci.history.latest("history_id").history_change_reason
    assert len(riwayat) == batas.ALASAN_RIWAYAT and riwayat.endswith("…")
