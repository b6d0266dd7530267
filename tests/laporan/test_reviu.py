"""Reading the LKjIP in the browser and the Inspektorat's review: who may do what, versions created only by notes
(never by reading), answers, completion refused while a note is open, the statement in the page and in the PDF, and
notes that stay with their version when the data changes."""

import re
from datetime import UTC, datetime
from decimal import Decimal as D
from html import unescape
from io import BytesIO

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kinerja.models import RealisasiKinerja
from laporan import services
from laporan import services_reviu as sr
from laporan.bab import pernyataan
from laporan.konteks import konteks_laporan, sidik
from laporan.models import CatatanReviu, EksporLaporan, VersiLaporan
from renstra.models import Keanggotaan, Pemda, PerangkatDaerah, UnitKerja
from tests.formulir import form_data

pytestmark = pytest.mark.django_db

TAHUN = 2024


@pytest.fixture
def orang(contoh_pd, django_user_model):
    pemda_lain = Pemda.objects.create(kode="99.99", nama="Kabupaten Lain", jenis="kabupaten")
    pd_lain = PerangkatDaerah.objects.create(pemda=pemda_lain, kode="9.99.0.00.0.00.01.0000", nama="Dinas Lain")

    def buat(nama, peran, pd=contoh_pd, unit=None, **nama_lengkap):
        user = django_user_model.objects.create_user(nama, password="x", **nama_lengkap)
        pemda_saja = peran in Keanggotaan.PERAN_PEMDA
        Keanggotaan.objects.create(
            user=user, pemda=pd.pemda, pd=None if pemda_saja else pd, unit_kerja=unit, peran=peran
        )
        return user

    return {
        "perencana": buat("ren", "perencana", first_name="Rina", last_name="Perencana"),
        "pimpinan": buat("camat", "pimpinan"),
        "reviewer": buat("inspektorat", "reviewer", first_name="Irawan", last_name="Auditor"),
        "admin_pemda": buat("bappeda", "admin_pemda"),
        "operator": buat("op", "operator", unit=UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")),
        "perencana_lain": buat("ren-lain", "perencana", pd=pd_lain),
        "reviewer_lain": buat("insp-lain", "reviewer", pd=pd_lain),
    }


def url_baca(pd, tahun=TAHUN) -> str:
    return reverse("laporan:baca", kwargs={"pd_id": pd.pk, "tahun": tahun})


def url_catatan(pd, tahun=TAHUN) -> str:
    return reverse("laporan:catatan-tambah", kwargs={"pd_id": pd.pk, "tahun": tahun})


def url_selesai(pd, tahun=TAHUN) -> str:
    return reverse("laporan:reviu-selesai", kwargs={"pd_id": pd.pk, "tahun": tahun})


def teks(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def bagian(html: str, id_: str) -> str:
    """The text of the element with this id (up to its matching close tag; no nesting of the same tag assumed)."""
    m = re.search(rf'<(\w+)[^>]* id="{id_}"[^>]*>(.*?)</\1>', html, re.S)
    assert m, id_
    return teks(m.group(2))


def pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]]


def versi_pertama(pd, user) -> VersiLaporan:
    """What generating a file does first: the report row and the version of today's data."""
    laporan = services.laporan_siapkan(pd=pd, tahun=TAHUN)
    return services.versi_kini(laporan=laporan, konteks=konteks_laporan(pd=pd, tahun=TAHUN), user=user)


def ubah_data(pd) -> None:
    """An IKU's realisation changes after the reviewer read the report (a new state of the data)."""
    r = RealisasiKinerja.objects.get(indikator__pd=pd, indikator__kode="IKU-2", tahun=TAHUN, triwulan=4)
    r.nilai += D("1")
    r.save()


def tabel(pd, nomor: str = "3.4") -> tuple[str, str]:
    """(anchor, caption) of a numbered table of today's report."""
    (r,) = [r for r in konteks_laporan(pd=pd, tahun=TAHUN).daftar_tabel if r.nomor == nomor]
    return r.id, r.lengkap


def tulis_catatan(client, pd, user, anchor: str, isi: str):
    client.force_login(user)
    html = client.get(url_baca(pd)).content.decode()
    data = form_data(html, "form-catatan")
    assert set(data) == {"sidik", "bagian", "teks"}
    data.update(bagian=anchor, teks=isi)
    action = re.search(r'<form method="post" action="([^"]+)" class="formulir-catatan"', html).group(1)
    return client.post(action, data, follow=True)


# --- access ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peran", "status"),
    [
        ("perencana", 200),
        ("pimpinan", 200),
        ("reviewer", 200),
        ("admin_pemda", 200),
        ("operator", 200),
        ("perencana_lain", 404),
        ("reviewer_lain", 404),
    ],
)
def test_whoever_may_read_the_pd_reads_the_report(client, contoh_pd, orang, peran, status):
    client.force_login(orang[peran])
    assert client.get(url_baca(contoh_pd)).status_code == status


def test_anonymous_goes_to_login(client, contoh_pd, orang):
    versi = versi_pertama(contoh_pd, orang["perencana"])
    catatan = CatatanReviu.objects.create(
        versi=versi, bagian="bab-1", judul_bagian="BAB I", teks="x", penulis=orang["reviewer"]
    )
    for url, metode in (
        (url_baca(contoh_pd), "get"),
        (url_catatan(contoh_pd), "post"),
        (reverse("laporan:catatan-jawab", args=[catatan.pk]), "post"),
        (url_selesai(contoh_pd), "post"),
    ):
        r = getattr(client, metode)(url)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("peran", "status"),
    [
        ("perencana", 403),
        ("pimpinan", 403),
        ("admin_pemda", 403),
        ("operator", 403),
        ("reviewer_lain", 404),
        ("perencana_lain", 404),
    ],
)
def test_only_the_pemdas_reviewer_writes_notes_and_completes(client, contoh_pd, orang, peran, status):
    versi = versi_pertama(contoh_pd, orang["perencana"])
    client.force_login(orang[peran])
    data = {"bagian": "bab-1", "teks": "Catatan", "sidik": versi.params_hash}
    assert client.post(url_catatan(contoh_pd), data).status_code == status
    assert client.post(url_selesai(contoh_pd)).status_code == status
    assert not CatatanReviu.objects.exists() and VersiLaporan.objects.get().reviu_selesai_pada is None


@pytest.mark.parametrize(
    ("peran", "status"), [("reviewer", 403), ("pimpinan", 403), ("operator", 403), ("perencana_lain", 404)]
)
def test_only_the_pds_planner_answers(client, contoh_pd, orang, peran, status):
    versi = versi_pertama(contoh_pd, orang["perencana"])
    catatan = CatatanReviu.objects.create(
        versi=versi, bagian="bab-1", judul_bagian="BAB I", teks="x", penulis=orang["reviewer"]
    )
    client.force_login(orang[peran])
    assert client.post(reverse("laporan:catatan-jawab", args=[catatan.pk]), {"jawaban": "y"}).status_code == status
    assert CatatanReviu.objects.get().jawaban == ""


def test_writes_are_post_only(client, contoh_pd, orang):
    versi_pertama(contoh_pd, orang["perencana"])
    client.force_login(orang["reviewer"])
    assert client.get(url_catatan(contoh_pd)).status_code == 405
    assert client.get(url_selesai(contoh_pd)).status_code == 405


# --- reading ---------------------------------------------------------------------------------------------------


def test_reading_creates_no_version_and_says_so(client, contoh_pd, orang):
    client.force_login(orang["reviewer"])
    html = client.get(url_baca(contoh_pd)).content.decode()
    assert bagian(html, "versi-dibaca") == "data terbaru (belum ada versi)"
    assert not VersiLaporan.objects.exists()
    assert 'id="form-catatan"' in html  # the first note makes the version
    assert not VersiLaporan.objects.exists()

    versi = versi_pertama(contoh_pd, orang["perencana"])
    html = client.get(url_baca(contoh_pd)).content.decode()
    assert bagian(html, "versi-dibaca") == f"versi {versi.nomor}"
    assert VersiLaporan.objects.count() == 1


def test_the_page_has_the_table_of_contents_and_the_report_body(client, contoh_pd, orang):
    k = konteks_laporan(pd=contoh_pd, tahun=TAHUN)
    client.force_login(orang["pimpinan"])
    html = client.get(url_baca(contoh_pd)).content.decode()
    daftar = html[html.index('class="baca-daftar"') : html.index('id="isi-laporan"')]
    for b in k.daftar_isi:
        assert f'<a href="#{b.id}">{b.judul}</a>' in unescape(daftar)
        assert f'id="{b.id}"' in html  # every entry leads somewhere in the body
    for r in k.daftar_tabel:
        assert f'<a href="#{r.id}">{r.label}</a>' in daftar and f'id="{r.id}"' in html
    assert 'id="form-catatan"' not in html and 'id="form-selesai"' not in html  # a reader only reads
    assert " style=" not in html and "<script>" not in html


# --- the review journey ----------------------------------------------------------------------------------------


def test_review_journey_note_answer_refusal_completion_statement(
    client, contoh_pd, orang, django_capture_on_commit_callbacks
):
    ren, rev = orang["perencana"], orang["reviewer"]
    v1 = versi_pertama(contoh_pd, ren)
    ubah_data(contoh_pd)  # the data changed after the file was made: the note creates version 2
    anchor, judul = tabel(contoh_pd)

    r = tulis_catatan(client, contoh_pd, rev, anchor, "Kategori IKU-2 perlu dicek terhadap skala.")
    v2 = VersiLaporan.objects.get(nomor=2)
    assert pesan(r) == ["Catatan reviu tersimpan pada versi 2."]
    catatan = CatatanReviu.objects.get()
    assert (catatan.versi, catatan.bagian, catatan.judul_bagian, catatan.penulis) == (v2, anchor, judul, rev)
    html = r.content.decode()
    assert bagian(html, "versi-dibaca") == "versi 2"
    assert f'<a href="#{anchor}">{judul}</a>' in unescape(html)
    assert "Kategori IKU-2 perlu dicek terhadap skala." in bagian(html, f"catatan-{catatan.pk}")
    assert v2.params_hash == sidik(konteks_laporan(pd=contoh_pd, tahun=TAHUN)) != v1.params_hash

    # completion refused while the note is open, with a clear message
    r = client.post(url_selesai(contoh_pd), {"sidik": v2.params_hash}, follow=True)
    assert pesan(r) == [f"Reviu belum dapat diselesaikan: 1 catatan belum dijawab perencana ({judul})."]
    assert VersiLaporan.objects.get(pk=v2.pk).reviu_selesai_pada is None

    # the planner answers through the form on the page
    client.force_login(ren)
    html = client.get(url_baca(contoh_pd)).content.decode()
    assert 'id="form-catatan"' not in html and 'id="form-selesai"' not in html
    jawab = reverse("laporan:catatan-jawab", args=[catatan.pk])
    assert f'action="{jawab}"' in html
    r = client.post(jawab, {"jawaban": "Sudah diperbaiki: skala yang dipakai dicetak di Tabel 3.3."}, follow=True)
    assert pesan(r) == ["Jawaban tersimpan."]
    catatan.refresh_from_db()
    assert (catatan.jawaban, catatan.dijawab_oleh) == (
        "Sudah diperbaiki: skala yang dipakai dicetak di Tabel 3.3.",
        ren,
    )

    # the reviewer completes: the PDF with the statement is requested for version 2
    client.force_login(rev)
    with django_capture_on_commit_callbacks(execute=False) as antre:
        r = client.post(
            url_selesai(contoh_pd),
            form_data(client.get(url_baca(contoh_pd)).content.decode(), "form-selesai"),
            follow=True,
        )
    assert pesan(r)[0].startswith("Reviu versi 2 selesai.")
    v2.refresh_from_db()
    assert v2.reviu_selesai_oleh == rev and v2.reviu_selesai_pada is not None
    ekspor = EksporLaporan.objects.get()
    assert (ekspor.versi, ekspor.format, ekspor.dengan_pernyataan, ekspor.diminta_oleh) == (v2, "pdf", True, rev)
    assert len(antre) == 1  # the worker is told after the commit

    html = r.content.decode()
    assert bagian(html, "versi-dibaca") == "versi 2"
    pernyataan_html = bagian(html, "pernyataan-reviu")
    assert "PERNYATAAN TELAH DIREVIU" in pernyataan_html
    assert "Kami telah mereviu Laporan Kinerja Kecamatan Sukamaju Tahun 2024 sesuai Pedoman Reviu" in pernyataan_html
    assert "Inspektorat Kabupaten Contoh" in pernyataan_html and "Irawan Auditor" in pernyataan_html
    assert 'id="form-catatan"' not in html and 'id="form-selesai"' not in html  # the version is closed

    # nothing more on a completed version
    with pytest.raises(sr.ReviuError) as e:
        sr.catatan_tambah(pd=contoh_pd, tahun=TAHUN, bagian=anchor, teks="Lagi", user=rev)
    assert str(e.value) == str(sr.REVIU_SUDAH_SELESAI % {"nomor": 2})
    with pytest.raises(sr.ReviuError) as e:
        sr.catatan_jawab(catatan=catatan, jawaban="Ubah", user=ren)
    assert str(e.value) == str(sr.REVIU_SUDAH_SELESAI % {"nomor": 2})
    with pytest.raises(sr.ReviuError) as e:
        sr.reviu_selesaikan(versi=v2, user=rev)
    assert str(e.value) == str(sr.REVIU_SUDAH_SELESAI % {"nomor": 2})


def test_the_completed_review_puts_the_statement_in_the_pdf(contoh_pd, orang, django_capture_on_commit_callbacks):
    pypdf = pytest.importorskip("pypdf")
    versi = versi_pertama(contoh_pd, orang["perencana"])
    with django_capture_on_commit_callbacks(execute=True):  # the test settings run the task at once
        sr.reviu_selesaikan(versi=versi, user=orang["reviewer"])
    ekspor = EksporLaporan.objects.get(versi=versi, dengan_pernyataan=True)
    assert ekspor.status == "selesai", ekspor.galat
    with ekspor.berkas.open("rb") as f:
        pdf = pypdf.PdfReader(BytesIO(f.read()))
    terakhir = " ".join(pdf.pages[-1].extract_text().split())
    assert "PERNYATAAN TELAH DIREVIU" in terakhir
    assert "Kami telah mereviu Laporan Kinerja Kecamatan Sukamaju Tahun 2024" in terakhir
    assert f"versi 1 laporan ini (sidik data {versi.params_hash[:12]})" in terakhir


def test_notes_stay_with_their_version_after_a_data_change(client, contoh_pd, orang):
    ren, rev = orang["perencana"], orang["reviewer"]
    versi_pertama(contoh_pd, ren)
    anchor, _judul = tabel(contoh_pd)
    tulis_catatan(client, contoh_pd, rev, anchor, "Catatan pada versi pertama.")
    catatan = CatatanReviu.objects.get()
    assert catatan.versi.nomor == 1

    ubah_data(contoh_pd)
    html = client.get(url_baca(contoh_pd)).content.decode()
    assert bagian(html, "versi-dibaca") == "data terbaru (belum ada versi)"
    assert VersiLaporan.objects.count() == 1  # reading made no version
    sebelumnya = html[html.index('id="catatan-sebelumnya"') :]
    assert "Versi 1: 1 catatan" in teks(sebelumnya) and "Catatan pada versi pertama." in teks(sebelumnya)
    assert "Belum ada catatan reviu pada data terbaru." in teks(html)

    # version 1 cannot be completed any more: its data is gone
    CatatanReviu.objects.filter(pk=catatan.pk).update(jawaban="Dijawab.")
    r = client.post(url_selesai(contoh_pd), {"sidik": catatan.versi.params_hash}, follow=True)
    assert pesan(r) == [str(sr.DATA_BERUBAH)]
    with pytest.raises(sr.ReviuError) as e:
        sr.reviu_selesaikan(versi=catatan.versi, user=rev)
    assert str(e.value) == str(sr.VERSI_BUKAN_TERKINI % {"nomor": 1})

    # a new note goes on version 2; the first note stays on version 1
    r = tulis_catatan(client, contoh_pd, rev, anchor, "Catatan pada versi kedua.")
    assert pesan(r) == ["Catatan reviu tersimpan pada versi 2."]
    assert list(CatatanReviu.objects.order_by("pk").values_list("versi__nomor", "teks")) == [
        (1, "Catatan pada versi pertama."),
        (2, "Catatan pada versi kedua."),
    ]


def test_a_note_on_data_that_changed_while_reading_is_refused(client, contoh_pd, orang):
    versi_pertama(contoh_pd, orang["perencana"])
    client.force_login(orang["reviewer"])
    html = client.get(url_baca(contoh_pd)).content.decode()
    data = form_data(html, "form-catatan")
    anchor, _judul = tabel(contoh_pd)
    ubah_data(contoh_pd)
    data.update(bagian=anchor, teks="Dibaca sebelum data berubah.")
    r = client.post(url_catatan(contoh_pd), data, follow=True)
    assert pesan(r) == [str(sr.DATA_BERUBAH)]
    assert not CatatanReviu.objects.exists() and VersiLaporan.objects.count() == 1


def test_a_note_without_the_pages_data_hash_is_refused(client, contoh_pd, orang):
    versi_pertama(contoh_pd, orang["perencana"])
    client.force_login(orang["reviewer"])
    r = client.post(url_catatan(contoh_pd), {"bagian": "bab-1", "teks": "x"}, follow=True)
    assert pesan(r) == ["Formulir ini tidak lengkap: muat ulang halaman lalu isi kembali."]
    assert not CatatanReviu.objects.exists()


def test_a_note_needs_a_known_anchor_and_a_text(client, contoh_pd, orang):
    versi = versi_pertama(contoh_pd, orang["perencana"])
    rev = orang["reviewer"]
    with pytest.raises(sr.ReviuError) as e:
        sr.catatan_tambah(pd=contoh_pd, tahun=TAHUN, bagian="tabel-9-99", teks="x", user=rev)
    assert str(e.value) == str(sr.BAGIAN_TIDAK_DIKENAL)
    with pytest.raises(sr.ReviuError) as e:
        sr.catatan_tambah(pd=contoh_pd, tahun=TAHUN, bagian="bab-1", teks="  ", user=rev)
    assert str(e.value) == str(sr.CATATAN_KOSONG)
    with pytest.raises(sr.ReviuError) as e:
        sr.catatan_tambah(pd=contoh_pd, tahun=TAHUN, bagian="bab-1", teks="x", user=orang["perencana"])
    assert str(e.value) == str(sr.BUKAN_REVIEWER)
    c = sr.catatan_tambah(pd=contoh_pd, tahun=TAHUN, bagian="grafik-3-1", teks="Sumbu grafik.", user=rev)
    assert c.versi == versi and c.judul_bagian.startswith("Grafik 3.1 ")
    with pytest.raises(sr.ReviuError) as e:
        sr.catatan_jawab(catatan=c, jawaban=" ", user=orang["perencana"])
    assert str(e.value) == str(sr.JAWABAN_KOSONG)
    with pytest.raises(sr.ReviuError) as e:
        sr.catatan_jawab(catatan=c, jawaban="y", user=rev)
    assert str(e.value) == str(sr.BUKAN_PERENCANA)


def test_notes_are_grouped_by_anchor_in_report_order(client, contoh_pd, orang):
    versi_pertama(contoh_pd, orang["perencana"])
    rev = orang["reviewer"]
    a34, _ = tabel(contoh_pd, "3.4")
    a21, _ = tabel(contoh_pd, "2.1")
    for anchor, isi in ((a34, "Satu"), ("bab-1", "Dua"), (a34, "Tiga"), (a21, "Empat")):
        sr.catatan_tambah(pd=contoh_pd, tahun=TAHUN, bagian=anchor, teks=isi, user=rev)
    client.force_login(rev)
    html = client.get(url_baca(contoh_pd)).content.decode()
    grup = re.findall(r'<section class="kelompok-catatan" data-bagian="([^"]+)">(.*?)</section>', html, re.S)
    assert [(g, re.findall(r'class="catatan-teks">(\w+)<', isi)) for g, isi in grup] == [
        ("bab-1", ["Dua"]),
        (a21, ["Empat"]),
        (a34, ["Satu", "Tiga"]),
    ]
    # the table of contents counts them
    assert re.search(rf'<a href="#{a34}">Tabel 3.4</a>[^<]*<span class="jumlah-catatan"[^>]*>2</span>', html)


# --- the statement ---------------------------------------------------------------------------------------------


def test_the_statement_of_a_version(contoh_pd, orang):
    versi = versi_pertama(contoh_pd, orang["perencana"])
    k = konteks_laporan(pd=contoh_pd, tahun=TAHUN)
    with pytest.raises(ValueError):
        pernyataan.susun(versi=versi, identitas=k.identitas)
    # 27 February 17:30 UTC is already 28 February in Jakarta (the pemda's zone)
    versi.reviu_selesai_pada = datetime(2025, 2, 27, 17, 30, tzinfo=UTC)
    versi.reviu_selesai_oleh = orang["reviewer"]
    versi.save()
    p = pernyataan.susun(versi=versi, identitas=k.identitas)
    assert p == pernyataan.Pernyataan(
        pd_nama="Kecamatan Sukamaju",
        pemda_nama="Kabupaten Contoh",
        tahun=2024,
        reviewer="Irawan Auditor",
        inspektorat="Inspektorat Kabupaten Contoh",
        tempat="Sukamaju",
        tanggal="28 Februari 2025",
        versi=1,
        sidik=versi.params_hash[:12],
    )
    orang["reviewer"].first_name = orang["reviewer"].last_name = ""
    orang["reviewer"].save()
    assert pernyataan.susun(versi=versi, identitas=k.identitas).reviewer == "inspektorat"

    html = render_to_string("laporan/bab/pernyataan.html", {"k": type("K", (), {"pernyataan": p})()})
    assert '<section class="bab lampiran" id="pernyataan-reviu">' in html
    assert teks(html) == (
        "PERNYATAAN TELAH DIREVIU KECAMATAN SUKAMAJU TAHUN 2024 "
        "Kami telah mereviu Laporan Kinerja Kecamatan Sukamaju Tahun 2024 sesuai Pedoman Reviu atas Laporan Kinerja. "
        "Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen Kecamatan Sukamaju. "
        "Reviu bertujuan untuk memberikan keyakinan terbatas mengenai akurasi, keandalan, dan keabsahan informasi "
        "kinerja dalam Laporan Kinerja kepada pimpinan instansi pemerintah. "
        "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini "
        "keandalan informasi yang disajikan di dalam Laporan Kinerja ini. "
        "Sukamaju, 28 Februari 2025 Inspektorat Kabupaten Contoh Reviewer, Irawan Auditor "
        f"Pernyataan ini berlaku untuk versi 1 laporan ini (sidik data {versi.params_hash[:12]})."
    )


def test_a_review_without_notes_completes_on_a_report_without_a_version(
    client, contoh_pd, orang, django_capture_on_commit_callbacks
):
    client.force_login(orang["reviewer"])
    html = client.get(url_baca(contoh_pd)).content.decode()
    assert not VersiLaporan.objects.exists()
    with django_capture_on_commit_callbacks(execute=False):
        r = client.post(url_selesai(contoh_pd), form_data(html, "form-selesai"), follow=True)
    assert pesan(r)[0].startswith("Reviu versi 1 selesai.")
    versi = VersiLaporan.objects.get()
    assert versi.reviu_selesai_oleh == orang["reviewer"]
    assert versi.params_hash == sidik(konteks_laporan(pd=contoh_pd, tahun=TAHUN))
    assert EksporLaporan.objects.get().dengan_pernyataan
