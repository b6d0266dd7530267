"""The report's narrative editor: who may open it, the real form posted back, placeholders filled in the report,
images checked by content and served to readers, warnings on unknown placeholders and typed numbers, conflicts."""

import re
import struct
import zlib
from datetime import date
from decimal import Decimal as D
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.selectors import hasil_tahun
from laporan.forms import FORMULIR_TIDAK_LENGKAP, GAMBAR_TERLALU_BESAR, JENIS_GAMBAR_DITOLAK, UNGGAH_ATAU_HAPUS
from laporan.konteks import muat_dasar
from laporan.models import Laporan, NarasiLaporan
from laporan.services_reviu import NARASI_SUDAH_DIUBAH, daftar_bagian_narasi
from renstra.models import Keanggotaan, Pejabat, Pemda, PerangkatDaerah, Sasaran, UnitKerja
from sakip.angka import format_persen
from sakip.bundle.hasil import hasil_dict
from sakip.unggahan import GAMBAR_RUSAK
from tests.formulir import form_data
from tests.sakip.test_unggahan import jpeg as gambar_jpeg

pytestmark = pytest.mark.django_db

TAHUN = 2024
KALIMAT = "Rata-rata capaian IKU tahun {{ tahun }} sebesar {{ iku.rata_rata }} dengan kategori {{ iku.kategori }}."


def png(lebar: int = 1, tinggi: int = 1) -> bytes:
    """A real PNG image (grey pixels), so a browser could show it too."""

    def potong(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi) & 0xFFFFFFFF)

    baris = b"".join(b"\x00" + b"\x80" * lebar for _ in range(tinggi))
    return (
        b"\x89PNG\r\n\x1a\n"
        + potong(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 0, 0, 0, 0))
        + potong(b"IDAT", zlib.compress(baris))
        + potong(b"IEND", b"")
    )


@pytest.fixture
def orang(contoh_pd, django_user_model):
    pemda_lain = Pemda.objects.create(kode="99.99", nama="Kabupaten Lain", jenis="kabupaten")
    pd_lain = PerangkatDaerah.objects.create(pemda=pemda_lain, kode="9.99.0.00.0.00.01.0000", nama="Dinas Lain")

    def buat(nama, peran, pd=contoh_pd, unit=None):
        user = django_user_model.objects.create_user(nama, password="x", first_name=nama.title())
        pemda_saja = peran in Keanggotaan.PERAN_PEMDA
        Keanggotaan.objects.create(
            user=user, pemda=pd.pemda, pd=None if pemda_saja else pd, unit_kerja=unit, peran=peran
        )
        return user

    return {
        "perencana": buat("ren", "perencana"),
        "perencana2": buat("ren2", "perencana"),
        "pimpinan": buat("camat", "pimpinan"),
        "reviewer": buat("inspektorat", "reviewer"),
        "admin_pemda": buat("bappeda", "admin_pemda"),
        "operator": buat("op", "operator", unit=UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")),
        "perencana_lain": buat("ren-lain", "perencana", pd=pd_lain),
        "reviewer_lain": buat("insp-lain", "reviewer", pd=pd_lain),
    }


def url_narasi(pd, tahun=TAHUN) -> str:
    return reverse("laporan:narasi", kwargs={"pd_id": pd.pk, "tahun": tahun})


def url_gambar(pd, jenis="logo", tahun=TAHUN) -> str:
    return reverse("laporan:gambar", kwargs={"pd_id": pd.pk, "tahun": tahun, "jenis": jenis})


def buka(client, user, pd) -> tuple[str, dict]:
    client.force_login(user)
    r = client.get(url_narasi(pd))
    assert r.status_code == 200
    html = r.content.decode()
    return html, form_data(html, "form-narasi")


def kirim(client, pd, data: dict, **berkas):
    return client.post(url_narasi(pd), {**data, **berkas})


def teks(html: str, pemisah: str = " ") -> str:
    """The visible text; ``pemisah=""`` keeps inline markup (the filled placeholders' spans) out of the words."""
    return " ".join(unescape(re.sub(r"<[^>]+>", pemisah, html)).split())


def pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]] if r.context else []


# --- access ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peran", "status"),
    [
        ("perencana", 200),
        ("pimpinan", 403),
        ("reviewer", 403),
        ("admin_pemda", 403),
        ("operator", 403),
        ("perencana_lain", 404),
        ("reviewer_lain", 404),
    ],
)
def test_only_the_pd_planner_edits_the_narrative(client, contoh_pd, orang, peran, status):
    sebelum = list(NarasiLaporan.objects.values_list("kunci", "teks"))
    client.force_login(orang[peran])
    assert client.get(url_narasi(contoh_pd)).status_code == status
    assert client.post(url_narasi(contoh_pd), {"kata_pengantar": "x"}).status_code in (status, 302)
    if status != 200:
        assert list(NarasiLaporan.objects.values_list("kunci", "teks")) == sebelum


def test_anonymous_goes_to_login(client, contoh_pd):
    for url in (url_narasi(contoh_pd), url_gambar(contoh_pd)):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_a_year_out_of_range_is_not_found(client, contoh_pd, orang):
    client.force_login(orang["perencana"])
    assert client.get(url_narasi(contoh_pd, 1999)).status_code == 404


# --- the form posted back --------------------------------------------------------------------------------------


def test_the_editor_posts_back_its_form_and_the_report_prints_the_filled_placeholders(client, contoh_pd, orang):
    Laporan.objects.filter(pd=contoh_pd).delete()  # the example bundle brings a report row: start without one
    _html, data = buka(client, orang["perencana"], contoh_pd)
    assert data["kata_pengantar"] == ""
    data["kata_pengantar"] = KALIMAT
    r = kirim(client, contoh_pd, data)
    assert r.status_code == 302 and r["Location"] == url_narasi(contoh_pd)

    laporan = Laporan.objects.get(pd=contoh_pd, tahun=TAHUN)  # created by the first save
    assert dict(laporan.narasi.values_list("kunci", "teks")) == {"kata_pengantar": KALIMAT}
    assert laporan.narasi.get().history.first().history_user == orang["perencana"]
    assert client.get(url_narasi(contoh_pd)).context["messages"]  # the success message follows the redirect

    iku = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["iku"]
    diharapkan = (
        f"Rata-rata capaian IKU tahun 2024 sebesar {format_persen(D(iku['rata_rata']))} "
        f"dengan kategori {iku['kategori']}."
    )
    assert muat_dasar(contoh_pd, TAHUN).narasi_isi("kata_pengantar").hilang == ()
    baca = client.get(reverse("laporan:baca", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN}))
    assert baca.status_code == 200
    assert diharapkan in teks(baca.content.decode(), "")
    # and the form shows the saved text again, unfilled
    _, lagi = buka(client, orang["perencana"], contoh_pd)
    assert lagi["kata_pengantar"] == KALIMAT


def test_every_sasaran_has_its_three_texts_labelled_with_its_uraian(client, contoh_pd, orang):
    html, data = buka(client, orang["perencana"], contoh_pd)
    sasaran = list(Sasaran.objects.filter(renstra__pd=contoh_pd))
    assert sasaran
    for s in sasaran:
        for jenis in ("analisis", "faktor", "solusi"):
            assert f"bab3.sasaran.{s.kode}.{jenis}" in data
        assert f"Sasaran {s.kode}: {s.uraian}" in teks(html)
    kunci = [k for k in data if k.startswith(("kata_", "ikhtisar", "bab"))]
    assert kunci == [b.kunci for b in daftar_bagian_narasi(sasaran)]
    assert kunci[:2] == ["kata_pengantar", "ikhtisar"] and kunci[-1] == "bab4.saran"

    s = sasaran[0]
    data[f"bab3.sasaran.{s.kode}.faktor"] = "Faktor pendukung: koordinasi lintas seksi."
    assert kirim(client, contoh_pd, data).status_code == 302
    assert muat_dasar(contoh_pd, TAHUN).narasi == {
        **{k: v for k, v in data.items() if k.startswith(("kata_", "ikhtisar", "bab")) and v},
        f"bab3.sasaran.{s.kode}.faktor": "Faktor pendukung: koordinasi lintas seksi.",
    }


def test_identity_fields_are_read_the_indonesian_way(client, contoh_pd, orang):
    _, data = buka(client, orang["perencana"], contoh_pd)
    sekcam = Pejabat.objects.get(pd=contoh_pd, kode="SEKCAM")
    data.update({"tempat": "Sukamaju Hilir", "tanggal": "28/02/2025", "penandatangan": str(sekcam.pk)})
    assert kirim(client, contoh_pd, data).status_code == 302
    laporan = Laporan.objects.get(pd=contoh_pd, tahun=TAHUN)
    assert (laporan.tempat, laporan.tanggal, laporan.penandatangan) == ("Sukamaju Hilir", date(2025, 2, 28), sekcam)
    _, lagi = buka(client, orang["perencana"], contoh_pd)
    assert lagi["tanggal"] == "28/02/2025" and lagi["penandatangan"] == str(sekcam.pk)
    tt = muat_dasar(contoh_pd, TAHUN).identitas.penandatangan
    assert tt.tempat_tanggal == "Sukamaju Hilir, 28 Februari 2025" and tt.jabatan == sekcam.jabatan


def test_a_bad_date_or_another_pds_official_is_refused(client, contoh_pd, orang):
    _, data = buka(client, orang["perencana"], contoh_pd)
    lain = Pejabat.objects.create(
        pd=PerangkatDaerah.objects.exclude(pk=contoh_pd.pk).first(), kode="X", nama="X", jabatan="X"
    )
    r = kirim(client, contoh_pd, {**data, "tanggal": "2025.02.28", "penandatangan": str(lain.pk)})
    assert r.status_code == 200
    assert r.context["form"].errors["tanggal"] == ["Tulis tanggal sebagai hh/bb/tttt, misalnya 28/02/2025."]
    assert "penandatangan" in r.context["form"].errors
    assert Laporan.objects.get(pd=contoh_pd, tahun=TAHUN).tanggal is None


def test_an_emptied_text_deletes_its_row_and_an_unchanged_one_writes_no_history(client, contoh_pd, orang):
    _, data = buka(client, orang["perencana"], contoh_pd)
    assert data["kata_pengantar"]  # the example bundle has one
    sebelum = set(NarasiLaporan.objects.values_list("kunci", flat=True))
    data.update({"bab4.saran": "Saran pertama."})
    assert kirim(client, contoh_pd, data).status_code == 302
    saran = NarasiLaporan.objects.get(kunci="bab4.saran")
    _, data = buka(client, orang["perencana"], contoh_pd)
    data["kata_pengantar"] = ""
    assert kirim(client, contoh_pd, data).status_code == 302
    assert set(NarasiLaporan.objects.values_list("kunci", flat=True)) == sebelum - {"kata_pengantar"} | {"bab4.saran"}
    assert saran.history.count() == 1  # saved once, left alone the second time
    assert NarasiLaporan.history.filter(kunci="kata_pengantar", history_type="-").exists()  # the deletion is kept


# --- images ----------------------------------------------------------------------------------------------------


def test_a_non_image_or_a_large_image_is_refused(client, contoh_pd, orang):
    _, data = buka(client, orang["perencana"], contoh_pd)
    palsu = SimpleUploadedFile("logo.png", b"%PDF-1.4 bukan gambar", content_type="image/png")
    r = kirim(client, contoh_pd, data, logo=palsu)
    assert r.status_code == 200
    assert r.context["form"].errors["logo"] == [str(JENIS_GAMBAR_DITOLAK)]
    besar = SimpleUploadedFile("bagan.png", png() + b"\x00" * (2 * 1024 * 1024), content_type="image/png")
    r = kirim(client, contoh_pd, data, bagan_organisasi=besar)
    assert r.context["form"].errors["bagan_organisasi"] == [str(GAMBAR_TERLALU_BESAR)]
    jpeg_bernama_pdf = SimpleUploadedFile("logo.pdf", b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    r = kirim(client, contoh_pd, data, logo=jpeg_bernama_pdf)
    assert r.context["form"].errors["logo"] == [str(JENIS_GAMBAR_DITOLAK)]
    # a PNG header followed by SVG: sniffed, a PNG; opened, no image (it was accepted and missing from the PDF)
    svg = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n<svg xmlns='http://www.w3.org/2000/svg'/>")
    r = kirim(client, contoh_pd, data, logo=svg)
    assert r.context["form"].errors["logo"] == [str(GAMBAR_RUSAK % {"jenis": "PNG"})]
    assert not Laporan.objects.get(pd=contoh_pd, tahun=TAHUN).logo


@pytest.mark.parametrize(
    ("peran", "status"), [("pimpinan", 200), ("reviewer", 200), ("operator", 200), ("reviewer_lain", 404)]
)
def test_images_are_served_to_readers_of_the_pd(client, contoh_pd, orang, peran, status):
    isi = png(3, 2)
    _, data = buka(client, orang["perencana"], contoh_pd)
    assert client.get(url_gambar(contoh_pd)).status_code == 404  # none yet
    assert kirim(client, contoh_pd, data, logo=SimpleUploadedFile("Logo Kab.PNG", isi)).status_code == 302
    laporan = Laporan.objects.get(pd=contoh_pd, tahun=TAHUN)
    assert laporan.logo.name.startswith("laporan/gambar/") and "Logo" not in laporan.logo.name  # a random name
    client.force_login(orang[peran])
    r = client.get(url_gambar(contoh_pd))
    assert r.status_code == status
    if status == 200:
        assert r["Content-Type"] == "image/png" and b"".join(r.streaming_content) == isi
    assert client.get(url_gambar(contoh_pd, "bagan")).status_code == 404
    assert client.get(url_gambar(contoh_pd, "lain")).status_code == 404


def test_an_image_is_replaced_or_removed(client, contoh_pd, orang):
    _, data = buka(client, orang["perencana"], contoh_pd)
    jpeg = gambar_jpeg()
    assert kirim(client, contoh_pd, data, bagan_organisasi=SimpleUploadedFile("bagan.jpg", jpeg)).status_code == 302
    html, data = buka(client, orang["perencana"], contoh_pd)
    assert url_gambar(contoh_pd, "bagan") in html and "hapus_bagan_organisasi" in html
    assert client.get(url_gambar(contoh_pd, "bagan"))["Content-Type"] == "image/jpeg"
    r = kirim(
        client, contoh_pd, {**data, "hapus_bagan_organisasi": "on"}, bagan_organisasi=SimpleUploadedFile("b.jpg", jpeg)
    )
    assert r.context["form"].errors["hapus_bagan_organisasi"] == [str(UNGGAH_ATAU_HAPUS)]
    assert kirim(client, contoh_pd, {**data, "hapus_bagan_organisasi": "on"}).status_code == 302
    assert not Laporan.objects.get(pd=contoh_pd, tahun=TAHUN).bagan_organisasi
    assert client.get(url_gambar(contoh_pd, "bagan")).status_code == 404


# --- placeholders and warnings ---------------------------------------------------------------------------------


def test_the_placeholders_are_listed_with_their_current_values(client, contoh_pd, orang):
    html, _ = buka(client, orang["perencana"], contoh_pd)
    iku = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["iku"]
    baris = re.search(r'<tr data-isian="iku.rata_rata">(.*?)</tr>', html, re.S)
    assert baris, "iku.rata_rata is not listed"
    assert (
        teks(baris.group(1))
        == f"{{{{ iku.rata_rata }}}} rata-rata capaian seluruh IKU {format_persen(D(iku['rata_rata']))}"
    )
    assert len(re.findall(r"<tr data-isian=", html)) == len(muat_dasar(contoh_pd, TAHUN).isian)


def test_unknown_placeholders_and_typed_numbers_are_flagged_after_saving(client, contoh_pd, orang):
    _, data = buka(client, orang["perencana"], contoh_pd)
    data["bab4.saran"] = "Capaian naik menjadi 92,10% ({{ iku.rata2 }}), anggaran Rp 1.250.000. Tahun {{ tahun }}."
    data["ikhtisar"] = "Rata-rata {{ iku.rata_rata }}."
    assert kirim(client, contoh_pd, data).status_code == 302
    html, _ = buka(client, orang["perencana"], contoh_pd)
    blok = {}  # the text of each narrative field's block, by key
    for potong in html.split('<div class="isian narasi-isian" data-kunci="')[1:]:
        kunci, _, isi = potong.partition('"')
        blok[kunci] = teks(isi.split("</fieldset>")[0])
    assert "Isian tidak dikenal (tercetak apa adanya): {{ iku.rata2 }}" in blok["bab4.saran"]
    assert "Angka diketik langsung: 92,10 , 1.250.000 ." in blok["bab4.saran"]
    assert "Isian tidak dikenal" not in blok["ikhtisar"] and "Angka diketik" not in blok["ikhtisar"]


def test_a_save_over_someone_elses_change_is_refused_then_confirmed(client, contoh_pd, orang):
    from django.test import Client

    lain = Client()
    _, data_saya = buka(client, orang["perencana"], contoh_pd)
    _, data_lain = buka(lain, orang["perencana2"], contoh_pd)
    data_lain["bab1.latar_belakang"] = "Teks rekan."
    assert kirim(lain, contoh_pd, data_lain).status_code == 302

    data_saya["bab1.latar_belakang"] = "Teks saya."
    r = kirim(client, contoh_pd, data_saya)
    assert r.status_code == 200 and pesan(r) == [str(NARASI_SUDAH_DIUBAH)]
    assert NarasiLaporan.objects.get(kunci="bab1.latar_belakang").teks == "Teks rekan."
    html = r.content.decode()
    assert "Teks rekan." in html  # what is stored now, next to the text typed
    ulang = form_data(html, "form-narasi")
    assert ulang["bab1.latar_belakang"] == "Teks saya."
    assert kirim(client, contoh_pd, ulang).status_code == 302  # the second save overwrites knowingly
    assert NarasiLaporan.objects.get(kunci="bab1.latar_belakang").teks == "Teks saya."


def test_a_post_without_the_forms_own_fields_deletes_nothing(client, contoh_pd, orang):
    sebelum = list(NarasiLaporan.objects.values_list("kunci", "teks"))
    assert sebelum
    client.force_login(orang["perencana"])
    r = client.post(url_narasi(contoh_pd), {"bab4.saran": "Hanya satu bidang."})
    assert r.status_code == 200
    assert r.context["form"].errors["sidik"] == [str(FORMULIR_TIDAK_LENGKAP)]
    assert str(FORMULIR_TIDAK_LENGKAP) in r.content.decode()
    assert list(NarasiLaporan.objects.values_list("kunci", "teks")) == sebelum


def test_no_inline_style_or_script(client, contoh_pd, orang):
    html, _ = buka(client, orang["perencana"], contoh_pd)
    assert " style=" not in html and "<style" not in html
    assert "<script>" not in html and "onclick" not in html
