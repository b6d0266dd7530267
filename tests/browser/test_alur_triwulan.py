"""The quarterly journey in a real browser, on the example PD (Kecamatan Sukamaju 2024, TW IV).

An operator of SEKSI-PEL fills rows the Indonesian way and submits; a perencana returns one row with a reason; the
operator corrects it and resubmits; the perencana verifies the unit and locks the PD's quarter; the figures on the
page are the ones in the database.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

pytest.importorskip("playwright")

from playwright.sync_api import Page, expect

from anggaran.models import RealisasiAnggaran, Rekening
from kinerja import selectors, services
from kinerja.models import KunciTriwulan, PelaporanTriwulan, RealisasiKinerja, Tahap
from renstra.models import Indikator, Keanggotaan, SubKegiatan, UnitKerja
from sakip.angka import format_angka

pytestmark = pytest.mark.django_db(transaction=True)

TAHUN, TW = 2024, 4
SANDI = "rahasia-sukamaju-2024"
ALASAN = "Jumlah belum sesuai SP2D"


@pytest.fixture
def alur(contoh_pd, django_user_model):
    """Users of the PD, and the other reporting units already verified (so the quarter can be locked)."""

    def orang(username, nama, peran, unit=None):
        user = django_user_model.objects.create_user(username, password=SANDI, first_name=nama)
        Keanggotaan.objects.create(user=user, pemda=contoh_pd.pemda, pd=contoh_pd, unit_kerja=unit, peran=peran)
        return user

    unit = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    operator = orang("operator.pel", "Operator Pelayanan", "operator", unit)
    perencana = orang("perencana", "Perencana Kecamatan", "perencana")
    for lain in services.unit_pelapor(contoh_pd):
        if lain != unit:
            op_lain = orang(f"operator.{lain.kode.lower()}", f"Operator {lain.kode}", "operator", lain)
            services.triwulan_ajukan(unit=lain, tahun=TAHUN, triwulan=TW, user=op_lain)
            services.triwulan_verifikasi(unit=lain, tahun=TAHUN, triwulan=TW, user=perencana)
    sub = SubKegiatan.objects.get(unit_kerja=unit, kode="7.01.01.2.06.0009")
    return {
        "pd": contoh_pd,
        "unit": unit,
        "operator": operator,
        "perencana": perencana,
        "iku1": Indikator.objects.get(pd=contoh_pd, kode="IKU-1"),
        "iku2": Indikator.objects.get(pd=contoh_pd, kode="IKU-2"),
        "sub": sub,
        "rekening": Rekening.objects.get(kode="5.1.02"),
    }


def masuk(new_context, live_server, username: str) -> Page:
    """A fresh browser for one person, logged in through the login form."""
    page = new_context(locale="id-ID", viewport={"width": 1600, "height": 1000}).new_page()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    return page


def url_entri(live_server, a) -> str:
    return live_server.url + reverse("kinerja:entri", args=[a["unit"].pk, TAHUN, TW])


def pesan(page: Page):
    return page.locator("ul.pesan")


def capaian(a, ind) -> str:
    (baris,) = selectors.baris_kinerja(a["unit"], TAHUN, TW, [ind.pk])
    return format_angka(baris.capaian)


def serapan(a) -> str:
    (baris,) = selectors.baris_anggaran(a["unit"], TAHUN, TW, kunci=(a["sub"].pk, a["rekening"].pk))
    return format_angka(baris.serapan)


def test_operator_fills_perencana_returns_verifies_and_locks(alur, live_server, new_context):
    a = alur
    iku1, iku2 = a["iku1"], a["iku2"]
    uang = f"#anggaran-{a['sub'].pk}-{a['rekening'].pk}"

    # 1. The operator logs in and lands on the unit's entry page.
    op = masuk(new_context, live_server, "operator.pel")
    assert op.url == url_entri(live_server, a)
    expect(op.locator("h1")).to_have_text(a["unit"].nama)
    assert op.evaluate("typeof window.htmx") == "object", "htmx did not load: the rows cannot save in place"
    op.evaluate("window.halamanSama = true")  # gone if the page reloads

    # A kinerja value typed the Indonesian way; the row comes back in place with the new capaian.
    baris = op.locator(f"#kinerja-{iku1.pk}")
    sebelum = baris.locator(f"#capaian-{iku1.pk}").inner_text()
    baris.locator("input[name=nilai]").fill("97,5")
    baris.get_by_role("button", name="Simpan").click()
    expect(baris.locator(".tersimpan")).to_have_text("Tersimpan")
    expect(baris.locator("input[name=nilai]")).to_have_value("97,50")
    expect(baris.locator(f"#capaian-{iku1.pk}")).to_have_text(capaian(a, iku1))
    assert baris.locator(f"#capaian-{iku1.pk}").inner_text() != sebelum
    assert RealisasiKinerja.objects.get(indikator=iku1, tahun=TAHUN, triwulan=TW).nilai == D("97.5")

    # A money amount with thousands dots; serapan recomputed.
    rp = op.locator(uang)
    rp.locator("input[name=jumlah]").fill("1.250.000")
    rp.get_by_role("button", name="Simpan").click()
    expect(rp.locator(".tersimpan")).to_have_text("Tersimpan")
    expect(rp.locator("input[name=jumlah]")).to_have_value("1.250.000")
    expect(op.locator(f"#serapan-{a['sub'].pk}-{a['rekening'].pk}")).to_have_text(serapan(a))
    assert RealisasiAnggaran.objects.get(
        sub_kegiatan=a["sub"], rekening=a["rekening"], tahun=TAHUN, triwulan=TW
    ).jumlah == D("1250000")

    # An ambiguous number is refused on its row, with the reading to type instead; nothing saved.
    lama = RealisasiKinerja.objects.get(indikator=iku2, tahun=TAHUN, triwulan=TW)
    baris2 = op.locator(f"#kinerja-{iku2.pk}")
    baris2.locator("input[name=nilai]").fill("12.50")
    baris2.get_by_role("button", name="Simpan").click()
    expect(baris2.get_by_role("alert")).to_contain_text("Gunakan koma untuk desimal: 12,50")
    expect(baris2.locator(".tersimpan")).to_have_count(0)
    expect(baris2.locator("input[name=nilai]")).to_have_value("12.50")  # what was typed stays for correction
    sekarang = RealisasiKinerja.objects.get(pk=lama.pk)
    assert (sekarang.nilai, sekarang.version) == (lama.nilai, lama.version)

    assert op.url == url_entri(live_server, a) and op.evaluate("window.halamanSama") is True  # never reloaded

    # Submit the quarter (the refused row keeps its stored value).
    op.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(pesan(op)).to_contain_text("Triwulan IV Tahun 2024 diajukan untuk verifikasi.")
    expect(op.locator("#tahap-unit")).to_have_text("Diajukan")
    expect(op.get_by_role("button", name="Simpan")).to_have_count(0)
    assert PelaporanTriwulan.objects.get(unit_kerja=a["unit"], tahun=TAHUN, triwulan=TW).tahap == Tahap.DIAJUKAN

    # 2. The perencana lands on the PD's quarter, opens the unit and returns the money row with a reason.
    ren = masuk(new_context, live_server, "perencana")
    assert ren.url == live_server.url + reverse("kinerja:triwulan", args=[a["pd"].pk, TAHUN, TW])
    ren.locator("#tabel-unit").get_by_role("link", name=a["unit"].nama).click()
    assert ren.url == url_entri(live_server, a)
    rp = ren.locator(uang)
    rp.get_by_label("Alasan dikembalikan").fill(ALASAN)
    rp.get_by_role("button", name="Kembalikan").click()
    expect(pesan(ren)).to_contain_text("Baris dikembalikan kepada operator untuk diperbaiki.")
    expect(ren.locator(uang)).to_contain_text(f"Dikembalikan: {ALASAN}")

    # 3. The operator sees the returned row and its reason, corrects it and submits again.
    op.goto(url_entri(live_server, a))
    rp = op.locator(uang)
    expect(rp).to_have_class("dikembalikan")
    expect(rp.locator(".galat")).to_have_text(f"Dikembalikan: {ALASAN}")
    rp.locator("input[name=jumlah]").fill("1.275.500")
    rp.get_by_role("button", name="Simpan").click()
    expect(rp.locator(".tersimpan")).to_have_text("Tersimpan")
    expect(op.locator(uang)).not_to_contain_text("Dikembalikan")
    op.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(pesan(op)).to_contain_text("Triwulan IV Tahun 2024 diajukan untuk verifikasi.")

    # 4. The perencana verifies the unit, then locks the PD's quarter.
    ren.goto(url_entri(live_server, a))
    ren.get_by_role("button", name="Verifikasi triwulan unit ini").click()
    expect(pesan(ren)).to_contain_text(f"Triwulan IV Tahun 2024 {a['unit'].nama} diverifikasi.")
    ren.get_by_role("link", name="Status semua unit").click()
    semua = len(services.unit_pelapor(a["pd"]))
    expect(ren.locator("#tabel-unit tbody .lencana")).to_have_text(["Diverifikasi"] * semua)
    ren.get_by_role("button", name="Kunci triwulan untuk perangkat daerah").click()
    expect(pesan(ren)).to_contain_text("Triwulan IV Tahun 2024 dikunci.")
    expect(ren.locator("p.keterangan .lencana")).to_have_text("Dikunci")

    # 5. Read-only now, and the page shows what the database holds.
    op.goto(url_entri(live_server, a))
    expect(op.get_by_text("Triwulan ini dikunci: hanya dapat dibaca.")).to_be_visible()
    expect(op.locator("input[name=nilai], input[name=jumlah]")).to_have_count(0)
    kinerja = RealisasiKinerja.objects.get(indikator=iku1, tahun=TAHUN, triwulan=TW)
    anggaran = RealisasiAnggaran.objects.get(sub_kegiatan=a["sub"], rekening=a["rekening"], tahun=TAHUN, triwulan=TW)
    assert (kinerja.nilai, kinerja.tahap, kinerja.updated_by) == (D("97.5"), Tahap.DIKUNCI, a["operator"])
    assert (anggaran.jumlah, anggaran.tahap, anggaran.updated_by) == (D("1275500"), Tahap.DIKUNCI, a["operator"])
    assert RealisasiKinerja.objects.get(pk=lama.pk).nilai == lama.nilai
    assert KunciTriwulan.objects.get(pd=a["pd"], tahun=TAHUN, triwulan=TW).dikunci
    assert PelaporanTriwulan.objects.get(unit_kerja=a["unit"], tahun=TAHUN, triwulan=TW).tahap == Tahap.DIKUNCI

    sel = op.locator(f"#kinerja-{iku1.pk} td")  # indicator, satuan, target, target TW, TW I-IV, capaian
    expect(sel.nth(7)).to_have_text(format_angka(kinerja.nilai, iku1.desimal))
    expect(sel.nth(8)).to_have_text(capaian(a, iku1))
    sel = op.locator(f"{uang} td")  # sub kegiatan, rekening, pagu, TW I-IV, kumulatif, sisa, serapan
    expect(sel.nth(6)).to_have_text("Rp 1.275.500")
    expect(sel.nth(9)).to_have_text(serapan(a))
