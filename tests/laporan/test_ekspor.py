"""Generating the LKjIP files: versions per state of the data, reuse of a finished file, the background task and its
stages, failures, and the report page with its generate buttons, status polling and downloads per role."""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone

from kinerja.models import RealisasiKinerja
from laporan import services, tasks
from laporan.konteks import konteks_laporan, muat_dasar, sidik
from laporan.models import EksporLaporan, Laporan, VersiLaporan
from laporan.pemeriksaan import periksa
from laporan.views import nama_berkas
from renstra.models import Keanggotaan, Pemda, PerangkatDaerah, UnitKerja
from tests.pekerja import tugas_berjalan

pytestmark = pytest.mark.django_db

TAHUN = 2024
Status = EksporLaporan.Status


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

    pel = UnitKerja.objects.filter(pd=contoh_pd).order_by("pk").first()
    return {
        "perencana": buat("ren", "perencana"),
        "pimpinan": buat("camat", "pimpinan"),
        "reviewer": buat("inspektorat", "reviewer"),
        "operator": buat("op", "operator", unit=pel),
        "perencana_lain": buat("ren-lain", "perencana", pd=pd_lain),
    }


def _ubah_realisasi(pd) -> None:
    """Change one realisation the report prints (an IKU's), so the data hash changes."""
    r = (
        RealisasiKinerja.objects.filter(indikator__pd=pd, tahun=TAHUN, indikator__iku=True)
        .order_by("indikator__kode", "triwulan")
        .last()
    )
    r.nilai = r.nilai + Decimal("1.5")
    r.save()


def _minta(pd, user, format="html", **kw) -> EksporLaporan:
    return services.ekspor_minta(pd=pd, tahun=TAHUN, format=format, user=user, **kw)


# --- versions and reuse ----------------------------------------------------------------------------------------


def test_laporan_siapkan_sekali_dengan_tempat_pd(contoh_pd):
    Laporan.objects.filter(pd=contoh_pd).delete()  # the bundle import made one (with its narrative)
    a = services.laporan_siapkan(pd=contoh_pd, tahun=TAHUN)
    b = services.laporan_siapkan(pd=contoh_pd, tahun=TAHUN)
    assert a.pk == b.pk
    assert a.tempat == contoh_pd.tempat
    assert Laporan.objects.filter(pd=contoh_pd, tahun=TAHUN).count() == 1


def test_versi_kini_satu_versi_per_sidik(contoh_pd, orang):
    laporan = services.laporan_siapkan(pd=contoh_pd, tahun=TAHUN)
    k = konteks_laporan(pd=contoh_pd, tahun=TAHUN)
    v1 = services.versi_kini(laporan=laporan, konteks=k, user=orang["perencana"])
    assert (v1.nomor, v1.params_hash, v1.dibuat_oleh) == (1, sidik(k), orang["perencana"])
    assert services.versi_kini(laporan=laporan, konteks=konteks_laporan(pd=contoh_pd, tahun=TAHUN), user=None) == v1

    _ubah_realisasi(contoh_pd)
    k2 = konteks_laporan(pd=contoh_pd, tahun=TAHUN)
    assert sidik(k2) != sidik(k)
    v2 = services.versi_kini(laporan=laporan, konteks=k2, user=None)
    assert v2.nomor == 2 and v2.params_hash == sidik(k2)


def test_berkas_selesai_dipakai_ulang_untuk_data_yang_sama(contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        e1 = _minta(contoh_pd, orang["perencana"])
    assert len(callbacks) == 1 and e1.dipakai_ulang is False
    e1.refresh_from_db()
    assert e1.status == Status.SELESAI

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        e2 = _minta(contoh_pd, orang["perencana"])
    assert callbacks == []  # no new task
    assert e2.pk == e1.pk and e2.dipakai_ulang is True
    assert EksporLaporan.objects.count() == 1

    # another format is another file of the same version
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        e3 = _minta(contoh_pd, orang["perencana"], format="pdf")
    assert len(callbacks) == 1 and e3.versi_id == e1.versi_id and e3.status == Status.ANTRE


def test_data_berubah_membuka_versi_baru(contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        e1 = _minta(contoh_pd, orang["perencana"])
    _ubah_realisasi(contoh_pd)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        e2 = _minta(contoh_pd, orang["perencana"])
    assert len(callbacks) == 1
    assert e2.pk != e1.pk and not e2.dipakai_ulang
    assert (e1.versi.nomor, e2.versi.nomor) == (1, 2)
    assert VersiLaporan.objects.filter(laporan__pd=contoh_pd).count() == 2
    e2.refresh_from_db()
    assert e2.status == Status.SELESAI and e2.versi.params_hash == sidik(konteks_laporan(pd=contoh_pd, tahun=TAHUN))


def test_berkas_gagal_diminta_lagi_dengan_baris_baru(contoh_pd, orang, django_capture_on_commit_callbacks, monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "dokumen_html", rusak)
    with django_capture_on_commit_callbacks(execute=True):
        e1 = _minta(contoh_pd, orang["perencana"])
    e1.refresh_from_db()
    assert e1.status == Status.GAGAL
    assert e1.galat == (
        "Berkas gagal dibuat karena kesalahan pada server (RuntimeError). Coba buat ulang; bila terulang, hubungi "
        "pengelola aplikasi."
    )
    assert not e1.berkas and e1.selesai is not None

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        e2 = _minta(contoh_pd, orang["perencana"])
    assert e2.pk != e1.pk and e2.versi_id == e1.versi_id
    e2.refresh_from_db()
    assert e2.status == Status.SELESAI


def _pekerja_mengambil_lalu_mati(ekspor: EksporLaporan):
    """A worker takes the request (the task's claim) and is killed (SIGKILL) before it ends: the row stays berjalan
    with its last sign of life, and the queue's record stays RUNNING."""
    catatan = tugas_berjalan("laporan.tasks.laporan_buat", queue_name="pdf", ekspor_id=ekspor.pk)
    sekarang = timezone.now()
    EksporLaporan.objects.filter(pk=ekspor.pk).update(
        status=Status.BERJALAN, mulai=sekarang, denyut=sekarang, tugas_id=str(catatan.pk), progres=45
    )
    return catatan


def test_pdf_pekerja_mati_halaman_berhenti_memantau_dan_permintaan_baru_langsung_dibuat(
    client, contoh_pd, orang, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(orang["perencana"])
    with django_capture_on_commit_callbacks(execute=False):
        client.post(_url("buat", contoh_pd), {"format": "pdf"})
    e1 = EksporLaporan.objects.get()
    catatan = _pekerja_mengambil_lalu_mati(e1)
    status_url = reverse("laporan:status", kwargs={"pk": e1.pk})

    # within the limit the worker may be busy (one WeasyPrint layout): the page polls, a new request waits for it
    time_machine.shift(settings.TUGAS_BATAS_DENYUT - timedelta(seconds=1))
    assert 'hx-trigger="every 2s"' in client.get(status_url).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as antre:
        r = client.post(_url("buat", contoh_pd), {"format": "pdf"}, follow=True)
    assert not antre and "Berkas untuk data yang sama sedang dibuat." in r.content.decode()
    # a sign of life written meanwhile keeps it alive
    EksporLaporan.objects.filter(pk=e1.pk).update(denyut=timezone.now())
    time_machine.shift(timedelta(seconds=2))
    assert 'hx-trigger="every 2s"' in client.get(status_url).content.decode()

    # silent for longer than the limit: its worker is dead; the polled row stops polling and says why
    time_machine.shift(settings.TUGAS_BATAS_DENYUT)
    html = unescape(client.get(status_url, headers={"HX-Request": "true"}).content.decode())
    assert "hx-trigger" not in html and "hx-get" not in html
    assert str(services.EKSPOR_MACET) in html
    assert services.EKSPOR_MACET == (
        "Pembuatan berkas terhenti karena proses di latar belakang berhenti; tidak ada berkas yang tersimpan. Silakan "
        "buat ulang."
    )
    e1.refresh_from_db()
    assert (e1.status, e1.galat, e1.selesai) == (Status.GAGAL, str(services.EKSPOR_MACET), timezone.now())
    catatan.refresh_from_db()  # the queue's record does not stay RUNNING, and is never run again
    assert catatan.status == TaskResultStatus.FAILED and catatan.finished_at == timezone.now()
    assert catatan.exception_class_path == "sakip.tugas.PekerjaBerhenti"
    assert catatan.traceback == str(services.EKSPOR_MACET)

    # the person asks again: a new run starts at once, queued once
    with django_capture_on_commit_callbacks(execute=False) as antre:
        r = client.post(_url("buat", contoh_pd), {"format": "pdf"}, follow=True)
    assert "Berkas PDF sedang dibuat. Halaman ini menampilkan kemajuannya." in r.content.decode()
    e2 = EksporLaporan.objects.exclude(pk=e1.pk).get()
    assert len(antre) == 1 and antre[0].keywords == {"ekspor_id": e2.pk}
    assert (e2.status, e2.versi_id) == (Status.ANTRE, e1.versi_id)
    # a second request at the same time finds that run instead of starting another
    assert services.ekspor_lepas_macet() == 0
    assert _minta(contoh_pd, orang["perencana"], format="pdf").pk == e2.pk


def test_pdf_halaman_laporan_mengakhiri_yang_macet(client, contoh_pd, orang, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    e = _ekspor(contoh_pd, orang["perencana"])
    _pekerja_mengambil_lalu_mati(e)
    antre = EksporLaporan.objects.create(versi=e.versi, format="html")  # queued, and no worker takes it
    client.force_login(orang["pimpinan"])
    assert client.get(_url("detail", contoh_pd)).content.decode().count('hx-trigger="every 2s"') == 2

    time_machine.shift(settings.TUGAS_BATAS_DENYUT + timedelta(seconds=1))
    html = unescape(client.get(_url("detail", contoh_pd)).content.decode())
    assert html.count('hx-trigger="every 2s"') == 1 and html.count(str(services.EKSPOR_MACET)) == 1
    time_machine.shift(settings.TUGAS_BATAS_ANTRE)
    html = unescape(client.get(_url("detail", contoh_pd)).content.decode())
    assert "hx-trigger" not in html and html.count(str(services.EKSPOR_MACET)) == 2
    antre.refresh_from_db()
    assert antre.status == Status.GAGAL


def test_pdf_dari_tugas_yang_dihentikan_langsung_gagal(
    contoh_pd, orang, django_capture_on_commit_callbacks, monkeypatch
):
    """A worker stopped gracefully that must stop its task (a second Ctrl+C or SIGTERM raises SystemExit in it)
    ends the request at once, and the worker records the task failed."""

    def berhenti(*args, **kwargs):
        raise SystemExit(1)

    monkeypatch.setattr(services, "dokumen_html", berhenti)
    with django_capture_on_commit_callbacks(execute=True):
        e = _minta(contoh_pd, orang["perencana"])
    e.refresh_from_db()
    assert (e.status, e.galat) == (Status.GAGAL, str(services.EKSPOR_MACET))
    assert e.tugas_id  # the id of the queue's record, taken by the task


def test_tugas_yang_diakhiri_saat_berjalan_tidak_meninggalkan_berkas(
    contoh_pd, orang, django_capture_on_commit_callbacks, monkeypatch
):
    """Taken for dead while in fact still alive (a machine paused longer than the limit): its late file is not kept
    and the failure stays."""
    asli = services.dokumen_html

    def lambat(*args, **kwargs):
        EksporLaporan.objects.update(status=Status.GAGAL, galat=str(services.EKSPOR_MACET))
        return asli(*args, **kwargs)

    monkeypatch.setattr(services, "dokumen_html", lambat)
    with django_capture_on_commit_callbacks(execute=True):
        e = _minta(contoh_pd, orang["perencana"])
    e.refresh_from_db()
    assert (e.status, e.galat, e.berkas.name) == (Status.GAGAL, str(services.EKSPOR_MACET), "")


def test_berkas_yang_hilang_dibuat_ulang(contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        e1 = _minta(contoh_pd, orang["perencana"])
    e1.refresh_from_db()
    e1.berkas.storage.delete(e1.berkas.name)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        e2 = _minta(contoh_pd, orang["perencana"])
    assert len(callbacks) == 1 and e2.pk != e1.pk
    e1.refresh_from_db()
    e2.refresh_from_db()
    assert e1.status == Status.GAGAL and e1.galat == "Berkas tidak ditemukan lagi di penyimpanan dan dibuat ulang."
    assert e2.status == Status.SELESAI and e2.berkas.storage.exists(e2.berkas.name)


def test_pernyataan_butuh_reviu_selesai_dan_data_yang_sama(contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        e = _minta(contoh_pd, orang["perencana"])
    versi = e.versi
    with pytest.raises(services.LaporanError) as err:
        _minta(contoh_pd, orang["perencana"], format="pdf", dengan_pernyataan=True, versi=versi)
    assert str(err.value) == ("Reviu versi 1 belum selesai, sehingga pernyataan telah direviu belum dapat dicetak.")
    versi.reviu_selesai_pada, versi.reviu_selesai_oleh = timezone.now(), orang["reviewer"]
    versi.save()
    _ubah_realisasi(contoh_pd)
    with pytest.raises(services.LaporanError) as err:
        _minta(contoh_pd, orang["perencana"], format="pdf", dengan_pernyataan=True, versi=versi)
    assert str(err.value).startswith("Data laporan telah berubah sejak versi 1 direviu.")


def test_berkas_html_dengan_pernyataan(contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        e = _minta(contoh_pd, orang["perencana"])
    versi = e.versi
    versi.reviu_selesai_pada, versi.reviu_selesai_oleh = timezone.now(), orang["reviewer"]
    versi.save()
    with django_capture_on_commit_callbacks(execute=True):
        d = _minta(contoh_pd, orang["perencana"], dengan_pernyataan=True, versi=versi)
    d.refresh_from_db()
    assert d.status == Status.SELESAI and d.pk != e.pk and d.versi_id == versi.pk
    html = d.berkas.open("rb").read().decode()
    assert 'id="pernyataan' in html
    assert "Inspektorat" in html
    e.refresh_from_db()
    assert 'id="pernyataan' not in e.berkas.open("rb").read().decode()


# --- the task --------------------------------------------------------------------------------------------------


def test_tugas_mencatat_tahap_dan_berkas(contoh_pd, orang, django_capture_on_commit_callbacks, monkeypatch):
    tahap: list[tuple[int, str]] = []
    asli = tasks._tahap

    def catat(pk, progres, teks):
        tahap.append((progres, teks))
        asli(pk, progres, teks)

    monkeypatch.setattr(tasks, "_tahap", catat)
    with django_capture_on_commit_callbacks(execute=True):
        e = _minta(contoh_pd, orang["perencana"])
    e.refresh_from_db()
    assert tahap == [(10, "Menyusun data"), (30, "Menyusun HTML"), (90, "Menyimpan berkas")]
    assert (e.status, e.progres, e.tahap, e.halaman, e.galat) == (Status.SELESAI, 100, "Selesai", None, "")
    isi = e.berkas.open("rb").read()
    assert e.ukuran == len(isi) > 10_000
    assert e.mulai <= e.selesai
    html = isi.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert f"<title>LKjIP {contoh_pd.nama} Tahun {TAHUN}</title>" in html


def test_tugas_data_berubah_dilampirkan_ke_versi_yang_benar(contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        e = _minta(contoh_pd, orang["perencana"])
    _ubah_realisasi(contoh_pd)  # while the request waits in the queue
    tasks.laporan_buat.enqueue(ekspor_id=e.pk)
    e.refresh_from_db()
    assert e.status == Status.SELESAI
    assert e.versi.nomor == 2 and e.versi.params_hash == sidik(konteks_laporan(pd=contoh_pd, tahun=TAHUN))
    assert len(callbacks) == 1


def test_tugas_tidak_mengulang_berkas_yang_sudah_diambil(contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        e = _minta(contoh_pd, orang["perencana"])
    e.refresh_from_db()
    berkas = e.berkas.name
    tasks.laporan_buat.enqueue(ekspor_id=e.pk)  # delivered twice: nothing happens
    e.refresh_from_db()
    assert e.status == Status.SELESAI and e.berkas.name == berkas


def test_nama_berkas(paser_pd):
    laporan = services.laporan_siapkan(pd=paser_pd, tahun=TAHUN)
    v = VersiLaporan.objects.create(laporan=laporan, nomor=3, params_hash="a" * 64)
    assert nama_berkas(EksporLaporan(versi=v, format="pdf")) == "LKjIP-Setda-Kab-Paser-2024-v3.pdf"
    assert nama_berkas(EksporLaporan(versi=v, format="html", dengan_pernyataan=True)) == (
        "LKjIP-Setda-Kab-Paser-2024-v3-direviu.html"
    )


# --- the pages ---------------------------------------------------------------------------------------------------


def _url(nama, pd, **kw):
    return reverse(f"laporan:{nama}", kwargs={"pd_id": pd.pk, "tahun": TAHUN, **kw})


@pytest.mark.parametrize("peran", ["perencana", "pimpinan", "reviewer", "operator"])
def test_halaman_laporan_dibaca_setiap_peran_pd(client, contoh_pd, orang, peran):
    client.force_login(orang[peran])
    r = client.get(_url("detail", contoh_pd))
    assert r.status_code == 200
    html = r.content.decode()
    assert _url("baca", contoh_pd) in html and _url("narasi", contoh_pd) in html
    assert _url("pemeriksaan", contoh_pd) in html
    assert ('id="tombol-pdf"' in html) is (peran == "perencana")
    assert "Belum ada berkas yang dibuat untuk laporan tahun ini." in html


def test_halaman_laporan_meringkas_identitas_dan_pemeriksaan(client, contoh_pd, orang):
    d = muat_dasar(contoh_pd, TAHUN)
    masalah = periksa(pd=contoh_pd, tahun=TAHUN)
    client.force_login(orang["pimpinan"])
    html = client.get(_url("detail", contoh_pd)).content.decode()
    teks = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    if d.identitas.penandatangan:
        assert d.identitas.penandatangan.nama in teks
    else:
        assert "Penandatangan: belum ditetapkan" in teks
    assert f"Tempat dan tanggal: {d.identitas.tempat or '—'}," in teks
    galat = sum(1 for m in masalah if m.tingkat == "galat")
    if masalah:
        assert (
            f"{galat} galat dan {len(masalah) - galat} peringatan perlu diperiksa sebelum laporan ditandatangani."
            in teks
        )
    else:
        assert "Tidak ditemukan masalah pada data laporan." in teks


def test_halaman_laporan_luar_cakupan(client, contoh_pd, orang):
    r = client.get(_url("detail", contoh_pd))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(orang["perencana_lain"])
    assert client.get(_url("detail", contoh_pd)).status_code == 404
    assert client.post(_url("buat", contoh_pd), {"format": "html"}).status_code == 404


@pytest.mark.parametrize("peran", ["pimpinan", "reviewer", "operator"])
def test_hanya_perencana_membuat_berkas(client, contoh_pd, orang, peran):
    client.force_login(orang[peran])
    assert client.post(_url("buat", contoh_pd), {"format": "html"}).status_code == 403
    assert not EksporLaporan.objects.exists()


def test_buat_tanpa_login(client, contoh_pd):
    r = client.post(_url("buat", contoh_pd), {"format": "html"})
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    assert client.get(_url("buat", contoh_pd)).status_code in (302, 405)


def test_perencana_membuat_lalu_memakai_ulang(client, contoh_pd, orang, django_capture_on_commit_callbacks):
    client.force_login(orang["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(_url("buat", contoh_pd), {"format": "html"}, follow=True)
    assert r.redirect_chain == [(_url("detail", contoh_pd), 302)]
    html = r.content.decode()
    assert "Berkas HTML sedang dibuat. Halaman ini menampilkan kemajuannya." in html
    e = EksporLaporan.objects.get()
    assert e.status == Status.SELESAI and e.diminta_oleh == orang["perencana"]
    r = client.get(_url("detail", contoh_pd))
    html = r.content.decode()
    assert 'id="versi-1"' in html and e.versi.params_hash[:12] in html
    assert reverse("laporan:unduh", kwargs={"pk": e.pk}) in html
    assert "Ren" in html  # who asked

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        r = client.post(_url("buat", contoh_pd), {"format": "html"}, follow=True)
    assert callbacks == []
    assert "Berkas sudah tersedia untuk data yang sama." in r.content.decode()
    assert EksporLaporan.objects.count() == 1


def test_buat_dengan_htmx_mengalihkan_lewat_header(client, contoh_pd, orang, django_capture_on_commit_callbacks):
    client.force_login(orang["perencana"])
    with django_capture_on_commit_callbacks(execute=False):
        r = client.post(_url("buat", contoh_pd), {"format": "pdf"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and r["HX-Redirect"] == _url("detail", contoh_pd)
    assert EksporLaporan.objects.get().format == "pdf"


def test_buat_format_tidak_dikenal(client, contoh_pd, orang):
    client.force_login(orang["perencana"])
    r = client.post(_url("buat", contoh_pd), {"format": "docx"}, follow=True)
    assert "Permintaan tidak dikenali." in r.content.decode()
    assert not EksporLaporan.objects.exists()


def _ekspor(contoh_pd, user, **kw) -> EksporLaporan:
    laporan = services.laporan_siapkan(pd=contoh_pd, tahun=TAHUN)
    v = VersiLaporan.objects.create(laporan=laporan, nomor=1, params_hash="b" * 64)
    return EksporLaporan.objects.create(versi=v, format="pdf", diminta_oleh=user, **kw)


def test_status_berjalan_meminta_pembaruan(client, contoh_pd, orang):
    e = _ekspor(contoh_pd, orang["perencana"], status=Status.BERJALAN, progres=45, tahap="Tata letak halaman")
    client.force_login(orang["pimpinan"])
    r = client.get(reverse("laporan:status", kwargs={"pk": e.pk}), headers={"HX-Request": "true"})
    html = r.content.decode()
    assert r.status_code == 200
    assert html.lstrip().startswith(f'<tr id="ekspor-{e.pk}"')
    assert 'hx-trigger="every 2s"' in html
    assert f'hx-get="{reverse("laporan:status", kwargs={"pk": e.pk})}"' in html
    assert '<progress max="100" value="45">' in html and "Tata letak halaman" in html
    # the detail page polls the same row
    assert 'hx-trigger="every 2s"' in client.get(_url("detail", contoh_pd)).content.decode()


def test_status_selesai_dan_gagal_berhenti(client, contoh_pd, orang):
    e = _ekspor(contoh_pd, orang["perencana"], status=Status.GAGAL, galat="Berkas gagal dibuat.")
    client.force_login(orang["reviewer"])
    html = client.get(reverse("laporan:status", kwargs={"pk": e.pk})).content.decode()
    assert "hx-trigger" not in html and "hx-get" not in html and "Berkas gagal dibuat." in html

    e.status, e.galat, e.halaman, e.ukuran = Status.SELESAI, "", 12, 2_500_000
    e.berkas.save("x.pdf", ContentFile(b"%PDF-1.7"), save=True)
    html = client.get(reverse("laporan:status", kwargs={"pk": e.pk})).content.decode()
    assert "hx-trigger" not in html
    assert reverse("laporan:unduh", kwargs={"pk": e.pk}) in html
    assert re.search(r">\s*12\s*<", html) and "2,4 MB" in html


def test_status_dan_unduh_luar_cakupan(client, contoh_pd, orang):
    e = _ekspor(contoh_pd, orang["perencana"], status=Status.BERJALAN)
    client.force_login(orang["perencana_lain"])
    assert client.get(reverse("laporan:status", kwargs={"pk": e.pk})).status_code == 404
    assert client.get(reverse("laporan:unduh", kwargs={"pk": e.pk})).status_code == 404
    client.logout()
    assert client.get(reverse("laporan:unduh", kwargs={"pk": e.pk})).status_code == 302


def test_unduh_html(client, contoh_pd, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        e = _minta(contoh_pd, orang["perencana"])
    e.refresh_from_db()
    client.force_login(orang["operator"])
    r = client.get(reverse("laporan:unduh", kwargs={"pk": e.pk}))
    assert r.status_code == 200
    assert r["Content-Type"] == "text/html; charset=utf-8"
    singkatan = re.sub(r"[^A-Za-z0-9]+", "-", contoh_pd.singkatan or contoh_pd.nama).strip("-")
    assert r["Content-Disposition"] == f'attachment; filename="LKjIP-{singkatan}-{TAHUN}-v1.html"'
    assert b"".join(r.streaming_content) == e.berkas.open("rb").read()


def test_unduh_belum_selesai_404(client, contoh_pd, orang):
    e = _ekspor(contoh_pd, orang["perencana"], status=Status.BERJALAN)
    client.force_login(orang["perencana"])
    assert client.get(reverse("laporan:unduh", kwargs={"pk": e.pk})).status_code == 404


def test_tautan_laporan_dari_halaman_pd(client, contoh_pd, orang):
    client.force_login(orang["perencana"])
    tautan = _url("detail", contoh_pd)
    dasbor = client.get(reverse("kinerja:dasbor", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN})).content.decode()
    assert tautan in dasbor and f"Laporan Kinerja (LKjIP) {TAHUN}" in dasbor
    tw = reverse("kinerja:triwulan", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN, "triwulan": 1})
    assert tautan in client.get(tw).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
def test_dua_permintaan_bersamaan_setelah_pekerja_mati_memulai_satu_berkas(contoh_pd, orang, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    e1 = _ekspor(contoh_pd, orang["perencana"])
    _pekerja_mengambil_lalu_mati(e1)
    k = konteks_laporan(pd=contoh_pd, tahun=TAHUN)
    VersiLaporan.objects.filter(pk=e1.versi_id).update(params_hash=sidik(k))  # the run was for today's data
    time_machine.shift(settings.TUGAS_BATAS_DENYUT + timedelta(seconds=1))
    mulai = threading.Barrier(2)
    hasil: list[int] = []

    def minta():
        try:
            mulai.wait()
            with transaction.atomic():
                hasil.append(_minta(contoh_pd, orang["perencana"], format="pdf", konteks=k).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=minta) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    baru = EksporLaporan.objects.exclude(pk=e1.pk)
    assert baru.count() == 1 and hasil == [baru.get().pk] * 2
    assert EksporLaporan.objects.get(pk=e1.pk).status == Status.GAGAL
