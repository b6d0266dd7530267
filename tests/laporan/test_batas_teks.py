"""Texts of the report past their limit (sakip.batas): a narrative section, a review note and its answer are refused
by the server with the limit written the Indonesian way, whatever the browser's maxlength; nothing is saved."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from laporan import services_reviu as sr
from laporan.models import CatatanReviu, NarasiLaporan
from sakip import batas
from tests.laporan.test_narasi_view import buka, kirim, orang, pesan  # noqa: F401
from tests.laporan.test_reviu import TAHUN, tabel, tulis_catatan, versi_pertama

pytestmark = pytest.mark.django_db


def test_a_narrative_section_past_its_limit_is_refused(client, contoh_pd, orang):  # noqa: F811
    sebelum = list(NarasiLaporan.objects.values_list("kunci", "teks"))
    html, data = buka(client, orang["perencana"], contoh_pd)
    assert re.search(rf'name="kata_pengantar"[^>]*maxlength="{batas.NARASI}"', html)
    data["kata_pengantar"] = "n" * 9_000_000  # the 9 MB section of the probe
    r = kirim(client, contoh_pd, data)
    assert r.status_code == 200 and pesan(r) == ["Periksa isian yang ditandai."]
    assert "Paling banyak 50.000 karakter; teks ini 9.000.000 karakter." in r.content.decode()
    assert list(NarasiLaporan.objects.values_list("kunci", "teks")) == sebelum


def test_a_narrative_section_at_its_limit_is_saved(client, contoh_pd, orang):  # noqa: F811
    _html, data = buka(client, orang["perencana"], contoh_pd)
    data["bab4.saran"] = "s" * batas.NARASI
    assert kirim(client, contoh_pd, data).status_code == 302
    assert NarasiLaporan.objects.get(kunci="bab4.saran").teks == "s" * batas.NARASI


def test_a_review_note_and_an_answer_past_their_limit_are_refused(client, contoh_pd, orang):  # noqa: F811
    versi_pertama(contoh_pd, orang["perencana"])
    anchor, _judul = tabel(contoh_pd)
    terlalu = batas.pesan_terlalu_panjang(batas.CATATAN_REVIU, batas.CATATAN_REVIU + 1)
    r = tulis_catatan(client, contoh_pd, orang["reviewer"], anchor, "r" * (batas.CATATAN_REVIU + 1))
    assert pesan(r) == [terlalu]
    assert not CatatanReviu.objects.exists()

    catatan = sr.catatan_tambah(pd=contoh_pd, tahun=TAHUN, bagian=anchor, teks="Cek skala.", user=orang["reviewer"])
    client.force_login(orang["perencana"])
    jawab = reverse("laporan:catatan-jawab", args=[catatan.pk])
    r = client.post(jawab, {"jawaban": "j" * (batas.CATATAN_REVIU + 1)}, follow=True)
    assert pesan(r) == [terlalu]
    r = client.post(jawab, {"jawaban": " "}, follow=True)
    assert pesan(r) == [str(sr.JAWABAN_KOSONG)]  # an empty answer keeps its own message
    catatan.refresh_from_db()
    assert catatan.jawaban == "" and catatan.dijawab_oleh is None


def test_the_review_service_refuses_a_note_past_its_limit(contoh_pd, orang):  # noqa: F811
    versi_pertama(contoh_pd, orang["perencana"])
    anchor, _judul = tabel(contoh_pd)
    with pytest.raises(ValidationError) as e:
        sr.catatan_tambah(
            pd=contoh_pd, tahun=TAHUN, bagian=anchor, teks="r" * (batas.CATATAN_REVIU + 1), user=orang["reviewer"]
        )
    assert e.value.message_dict["teks"] == [batas.pesan_terlalu_panjang(batas.CATATAN_REVIU, batas.CATATAN_REVIU + 1)]
    assert not CatatanReviu.objects.exists()
