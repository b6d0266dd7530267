"""The LKjIP journey in a real browser, on the demo data (Setda Kabupaten Paser 2024).

The perencana writes a narrative with a placeholder, reads it filled in the report, generates the PDF and downloads
it (the page polls a running file until its link appears); the Inspektorat's reviewer reads the report in the
browser and writes a note on a table; completing is refused while the note is open; the perencana answers; the
reviewer completes the review and the Pernyataan Telah Direviu closes the report. Screenshots of the editor and the
reading page go to $SAKIP_TANGKAPAN when it is set.
"""

import os
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

pytest.importorskip("playwright")

from playwright.sync_api import Page, expect

from kinerja.selectors import hasil_tahun
from laporan.konteks import konteks_laporan
from laporan.models import CatatanReviu, EksporLaporan, NarasiLaporan, VersiLaporan
from renstra.models import Keanggotaan
from sakip.angka import format_persen
from sakip.bundle.hasil import hasil_dict

pytestmark = pytest.mark.django_db(transaction=True)

TAHUN = 2024
SANDI = "rahasia-paser-2024"
KALIMAT = "Rata-rata capaian IKU tahun {{ tahun }} mencapai {{ iku.rata_rata }} ({{ iku.kategori }})."
CATATAN = "Kolom kategori perlu mengikuti skala yang tercantum pada Tabel 3.3."
#: The request that generates a PDF waits for it (tasks run at once in the test settings): 10-40 s for the demo.
PEMBUATAN_PDF = 180_000
JAWABAN = "Kategori dihitung dari skala yang sama; keterangan skala ditambahkan di bawah tabel."


@pytest.fixture
def alur(paser_pd, django_user_model):
    def orang(username, nama, peran):
        user = django_user_model.objects.create_user(username, password=SANDI, first_name=nama)
        pemda_saja = peran in Keanggotaan.PERAN_PEMDA
        Keanggotaan.objects.create(user=user, pemda=paser_pd.pemda, pd=None if pemda_saja else paser_pd, peran=peran)
        return user

    return {
        "pd": paser_pd,
        "perencana": orang("perencana.setda", "Perencana Setda", "perencana"),
        "reviewer": orang("inspektorat", "Auditor Inspektorat", "reviewer"),
    }


@pytest.fixture
def hasil_dir(tmp_path) -> Path:
    """Where the screenshots of the journey go: $SAKIP_TANGKAPAN when set (to look at them), else a temporary folder
    (test-results/ is emptied by pytest-playwright at the start of every run)."""
    d = Path(os.environ.get("SAKIP_TANGKAPAN") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


def masuk(new_context, live_server, username: str) -> Page:
    page = new_context(locale="id-ID", viewport={"width": 1600, "height": 1000}, accept_downloads=True).new_page()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    return page


def pesan(page: Page):
    return page.locator("ul.pesan")


def test_narrative_pdf_and_review_in_the_browser(alur, live_server, new_context, hasil_dir):
    pd = alur["pd"]
    detail = live_server.url + reverse("laporan:detail", args=[pd.pk, TAHUN])
    baca = live_server.url + reverse("laporan:baca", args=[pd.pk, TAHUN])
    iku = hasil_dict(hasil_tahun(pd, TAHUN))["iku"]
    rata_rata = format_persen(D(iku["rata_rata"]))

    # 1. The perencana writes the kata pengantar with placeholders in the editor.
    ren = masuk(new_context, live_server, "perencana.setda")
    ren.goto(detail)
    ren.locator("#tautan-narasi").click()
    expect(ren.locator("h1")).to_have_text("Narasi laporan kinerja")
    expect(ren.locator('#tabel-isian tr[data-isian="iku.rata_rata"] td').nth(2)).to_have_text(rata_rata)
    ren.get_by_label("Kata pengantar").fill(KALIMAT)
    ren.get_by_role("button", name="Simpan narasi").click()
    expect(pesan(ren)).to_contain_text("Narasi dan identitas laporan tersimpan.")
    ren.screenshot(path=str(hasil_dir / "0-narasi.png"))
    assert NarasiLaporan.objects.get(laporan__pd=pd, kunci="kata_pengantar").teks == KALIMAT

    # ... and reads it in the report, the placeholders filled by the computation.
    ren.goto(baca)
    kata_pengantar = ren.locator("#kata-pengantar .narasi")
    expect(kata_pengantar).to_have_text(f"Rata-rata capaian IKU tahun 2024 mencapai {rata_rata} ({iku['kategori']}).")
    expect(ren.locator("#versi-dibaca")).to_have_text("data terbaru (belum ada versi)")
    assert not VersiLaporan.objects.exists()  # reading made no version

    # 2. The PDF from the report page. Tasks run at once in the test settings, so the request returns with the
    # file done; the page then lists it with its download link.
    ren.goto(detail)
    ren.locator("#tombol-pdf").click(timeout=PEMBUATAN_PDF)
    expect(pesan(ren)).to_contain_text("Berkas PDF sedang dibuat.")
    ekspor = EksporLaporan.objects.get(format="pdf")
    baris = ren.locator(f"#ekspor-{ekspor.pk}")
    expect(baris.locator(".status-ekspor")).to_contain_text("Selesai")
    with ren.expect_download() as unduhan:
        baris.get_by_role("link", name="Unduh").click()
    assert Path(unduhan.value.path()).read_bytes()[:5] == b"%PDF-"
    assert unduhan.value.suggested_filename == "LKjIP-Setda-Kab-Paser-2024-v1.pdf"

    # A file still being made shows its progress and is polled until its link appears (a worker's run, by hand).
    berjalan = EksporLaporan.objects.create(
        versi=ekspor.versi, format="html", status="berjalan", progres=45, tahap="Tata letak halaman"
    )
    ren.goto(detail)
    baris = ren.locator(f"#ekspor-{berjalan.pk}")
    expect(baris.locator("progress")).to_have_attribute("value", "45")
    expect(baris.locator(".status-ekspor")).to_contain_text("Tata letak halaman (45%)")
    berjalan.berkas.save("lkjip.html", ContentFile(b"<!DOCTYPE html><title>LKjIP</title>"), save=False)
    EksporLaporan.objects.filter(pk=berjalan.pk).update(
        status="selesai", progres=100, berkas=berjalan.berkas.name, ukuran=35
    )
    expect(baris.get_by_role("link", name="Unduh")).to_be_visible(timeout=10_000)  # after a poll, without reload
    expect(baris).not_to_have_attribute("hx-trigger", "every 2s")

    # 3. The reviewer reads version 1 in the browser and writes a note on the IKU measurement table.
    (tabel,) = [r for r in konteks_laporan(pd=pd, tahun=TAHUN).daftar_tabel if r.judul.startswith("Pengukuran")]
    rev = masuk(new_context, live_server, "inspektorat")
    rev.goto(baca)
    expect(rev.locator("#versi-dibaca")).to_have_text("versi 1")
    rev.locator(".baca-daftar").get_by_role("link", name=tabel.label, exact=True).click()
    expect(rev.locator(f"#{tabel.id}")).to_be_in_viewport()
    rev.screenshot(path=str(hasil_dir / "1-baca-tabel.png"))
    rev.get_by_label("Bagian laporan").select_option(tabel.id)
    rev.get_by_label("Catatan").fill(CATATAN)
    rev.get_by_role("button", name="Simpan catatan").click()
    expect(pesan(rev)).to_contain_text("Catatan reviu tersimpan pada versi 1.")
    catatan = CatatanReviu.objects.get()
    kartu = rev.locator(f"#catatan-{catatan.pk}")
    expect(kartu).to_contain_text(CATATAN)
    expect(rev.locator(f'.kelompok-catatan[data-bagian="{tabel.id}"] h4')).to_have_text(tabel.lengkap)
    expect(rev.locator(".baca-daftar .jumlah-catatan")).to_have_text(["1"])

    # Completing is refused while the note has no answer.
    rev.get_by_role("button", name="Selesaikan reviu").click()
    expect(pesan(rev)).to_contain_text(
        f"Reviu belum dapat diselesaikan: 1 catatan belum dijawab perencana ({tabel.lengkap})."
    )
    assert VersiLaporan.objects.get().reviu_selesai_pada is None

    # 4. The perencana answers on the same page.
    ren.goto(baca)
    kartu_ren = ren.locator(f"#catatan-{catatan.pk}")
    kartu_ren.get_by_label("Jawaban perencana").fill(JAWABAN)
    kartu_ren.get_by_role("button", name="Simpan jawaban").click()
    expect(pesan(ren)).to_contain_text("Jawaban tersimpan.")
    expect(ren.locator(f"#catatan-{catatan.pk} .jawaban-teks")).to_have_text(JAWABAN)

    # 5. The reviewer sees the answer and completes the review; the statement closes the report.
    rev.goto(baca)
    expect(rev.locator(f"#catatan-{catatan.pk} .jawaban-teks")).to_have_text(JAWABAN)
    rev.screenshot(path=str(hasil_dir / "2-baca-catatan-dijawab.png"))
    rev.get_by_role("button", name="Selesaikan reviu").click(timeout=PEMBUATAN_PDF)  # the signed-off PDF is made
    expect(pesan(rev)).to_contain_text("Reviu versi 1 selesai.")
    pernyataan = rev.locator("#pernyataan-reviu")
    expect(pernyataan.locator("h1")).to_have_text("PERNYATAAN TELAH DIREVIU")
    expect(pernyataan).to_contain_text(
        "Kami telah mereviu Laporan Kinerja Sekretariat Daerah Kabupaten Paser Tahun 2024 sesuai Pedoman Reviu"
    )
    expect(pernyataan.locator(".jabatan")).to_contain_text("Inspektorat Kabupaten Paser")
    expect(pernyataan.locator(".nama")).to_have_text("Auditor Inspektorat")
    expect(rev.get_by_role("button", name="Selesaikan reviu")).to_have_count(0)
    expect(rev.locator("#form-catatan")).to_have_count(0)
    pernyataan.scroll_into_view_if_needed()
    rev.screenshot(path=str(hasil_dir / "3-baca-pernyataan.png"))
    versi = VersiLaporan.objects.get()
    assert versi.reviu_selesai_oleh == alur["reviewer"]

    # The signed-off PDF with the statement was requested (and, tasks running at once, made) for version 1.
    direviu = EksporLaporan.objects.get(dengan_pernyataan=True)
    assert (direviu.versi, direviu.format, direviu.status) == (versi, "pdf", "selesai"), direviu.galat
    ren.goto(detail)
    expect(ren.locator(f"#ekspor-{direviu.pk}")).to_contain_text("dengan pernyataan reviu")
