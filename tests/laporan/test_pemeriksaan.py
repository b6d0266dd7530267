"""Pemeriksaan data (SAKIP.md §7): each class of problem built deliberately on the example PD is found, with its
exact sentence and the link to the page that fixes it; a clean year has none; the page is open to whoever may read
the PD; the check runs a fixed number of queries whatever the size of the PD."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anggaran.models import PaguAnggaran, RealisasiAnggaran, Rekening, VersiAnggaran
from kinerja.models import AnggaranProgramPK, KunciTriwulan, PelaporanTriwulan, RealisasiKinerja, TargetPK
from kinerja.selectors import hasil_tahun
from kinerja.services import unit_pelapor
from laporan import pemeriksaan as p
from laporan.models import Laporan, NarasiLaporan
from laporan.pemeriksaan import GALAT, PERINGATAN, Masalah, periksa
from renstra.models import (
    Indikator,
    Keanggotaan,
    Kegiatan,
    Pemda,
    PerangkatDaerah,
    Program,
    SubKegiatan,
    TargetIndikator,
    UnitKerja,
)
from sakip.angka import format_rupiah
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import KODE_PD, bundle_sintetis

pytestmark = pytest.mark.django_db

TAHUN = 2024


def _entri(unit_id: int, triwulan: int) -> str:
    return reverse("kinerja:entri", kwargs={"unit_id": unit_id, "tahun": TAHUN, "triwulan": triwulan})


def _admin(nama: str, pk: int) -> str:
    return reverse(f"admin:{nama}_change", args=[pk])


def _jenis(masalah: tuple[Masalah, ...], jenis: str) -> list[Masalah]:
    return [m for m in masalah if m.jenis == jenis]


def _bersihkan(pd: PerangkatDaerah) -> None:
    """Make the example year clean: every quarter locked, every quarterly series complete, the report dated."""
    for tw in (1, 2, 3, 4):
        KunciTriwulan.objects.update_or_create(pd=pd, tahun=TAHUN, triwulan=tw, defaults={"dikunci": True})
    Laporan.objects.update_or_create(pd=pd, tahun=TAHUN, defaults={"tanggal": date(2025, 2, 28)})
    for hi in hasil_tahun(pd, TAHUN).indikator:
        if not hi.parsial:
            continue
        ind = Indikator.objects.get(pd=pd, kode=hi.kode)
        ada = set(RealisasiKinerja.objects.filter(indikator=ind, tahun=TAHUN).values_list("triwulan", flat=True))
        for tw in {1, 2, 3, 4} - ada:
            RealisasiKinerja.objects.create(indikator=ind, tahun=TAHUN, triwulan=tw, nilai=D(0))


@pytest.fixture
def bersih(contoh_pd):
    _bersihkan(contoh_pd)
    return contoh_pd


def test_tahun_bersih_tanpa_masalah(bersih):
    assert periksa(pd=bersih, tahun=TAHUN) == ()


def test_contoh_apa_adanya(contoh_pd):
    """The example as imported: no quarter submitted or locked, a partial series, the report has no date."""
    masalah = periksa(pd=contoh_pd, tahun=TAHUN)
    units = unit_pelapor(contoh_pd)
    assert [(m.pesan, m.tautan, m.tingkat) for m in _jenis(masalah, "belum_diajukan")] == [
        (
            f"{u.nama}: TW I, TW II, TW III dan TW IV tahun 2024 belum diajukan.",
            _entri(u.pk, 1),
            GALAT,
        )
        for u in units
    ]
    assert [m.tautan for m in _jenis(masalah, "belum_dikunci")] == [
        reverse("kinerja:triwulan", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN, "triwulan": tw})
        for tw in (1, 2, 3, 4)
    ]
    assert [m.pesan for m in _jenis(masalah, "identitas")] == ["Laporan tahun 2024 belum memiliki tanggal."]
    assert _jenis(masalah, "identitas")[0].tautan == reverse(
        "laporan:narasi", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN}
    )
    (parsial,) = _jenis(masalah, "parsial")
    assert parsial.tingkat == PERINGATAN and parsial.judul == "Realisasi tahunan belum lengkap"


def test_triwulan_belum_diajukan_dan_belum_diverifikasi(bersih):
    KunciTriwulan.objects.filter(pd=bersih, tahun=TAHUN, triwulan=3).update(dikunci=False)
    units = unit_pelapor(bersih)
    PelaporanTriwulan.objects.create(unit_kerja=units[0], tahun=TAHUN, triwulan=3, tahap="diajukan")
    PelaporanTriwulan.objects.create(unit_kerja=units[1], tahun=TAHUN, triwulan=3, tahap="diverifikasi")
    masalah = periksa(pd=bersih, tahun=TAHUN)
    assert _jenis(masalah, "belum_diverifikasi") == [
        Masalah(
            "belum_diverifikasi",
            "Triwulan belum diverifikasi",
            f"{units[0].nama}: TW III tahun 2024 sudah diajukan tetapi belum diverifikasi.",
            _entri(units[0].pk, 3),
            PERINGATAN,
        )
    ]
    assert _jenis(masalah, "belum_diajukan") == [
        Masalah(
            "belum_diajukan",
            "Triwulan belum diajukan",
            f"{u.nama}: TW III tahun 2024 belum diajukan.",
            _entri(u.pk, 3),
            GALAT,
        )
        for u in units[2:]
    ]
    assert _jenis(masalah, "belum_dikunci") == [
        Masalah(
            "belum_dikunci",
            "Triwulan belum dikunci",
            "Triwulan III Tahun 2024 belum dikunci perencana.",
            reverse("kinerja:triwulan", kwargs={"pd_id": bersih.pk, "tahun": TAHUN, "triwulan": 3}),
            PERINGATAN,
        )
    ]


def test_target_nol(bersih):
    sk1 = Indikator.objects.get(pd=bersih, kode="SK-1")
    TargetIndikator.objects.filter(indikator=sk1, tahun=TAHUN).update(nilai=0, label="")
    iku2 = Indikator.objects.get(pd=bersih, kode="IKU-2")
    target_pk = TargetPK.objects.filter(indikator=iku2, pk_dokumen__tahun=TAHUN).order_by("-pk_dokumen__versi").first()
    target_pk.nilai = D(0)
    target_pk.save()
    masalah = _jenis(periksa(pd=bersih, tahun=TAHUN), "target")
    assert masalah == [
        Masalah(
            "target",
            "Target kosong atau nol",
            f"Target tahun 2024 indikator IKU-2 {iku2.uraian} bernilai 0, sehingga capaiannya tidak dapat dihitung.",
            _admin("kinerja_targetpk", target_pk.pk),
            GALAT,
        ),
        Masalah(
            "target",
            "Target kosong atau nol",
            f"Target tahun 2024 indikator SK-1 {sk1.uraian} bernilai 0, sehingga capaiannya tidak dapat dihitung.",
            _admin("renstra_indikator", sk1.pk),
            PERINGATAN,
        ),
    ]


def test_target_hilang_dan_realisasi_hilang(bersih):
    sk5 = Indikator.objects.get(pd=bersih, kode="SK-5")
    TargetIndikator.objects.filter(indikator=sk5, tahun=TAHUN).delete()
    RealisasiKinerja.objects.filter(indikator=sk5, tahun=TAHUN).delete()
    masalah = periksa(pd=bersih, tahun=TAHUN)
    unit = sk5.sub_kegiatan.unit_kerja
    assert _jenis(masalah, "tanpa_realisasi") == [
        Masalah(
            "tanpa_realisasi",
            "Indikator tanpa realisasi",
            f"Indikator SK-5 {sk5.uraian} belum memiliki realisasi tahun 2024.",
            _entri(unit.pk, 4),
            PERINGATAN,
        )
    ]
    assert [m.pesan for m in _jenis(masalah, "target")] == [
        f"Indikator SK-5 {sk5.uraian} tidak memiliki target tahun 2024, sehingga capaiannya tidak dapat dihitung."
    ]


def test_iku_tanpa_realisasi_dan_tanpa_unit(bersih):
    iku1 = Indikator.objects.get(pd=bersih, kode="IKU-1")
    RealisasiKinerja.objects.filter(indikator=iku1, tahun=TAHUN).delete()
    iku1.unit_kerja = None
    iku1.save()
    (m,) = _jenis(periksa(pd=bersih, tahun=TAHUN), "tanpa_realisasi")
    assert m == Masalah(
        "tanpa_realisasi",
        "Indikator tanpa realisasi",
        f"Indikator IKU-1 {iku1.uraian} belum memiliki realisasi tahun 2024 dan tidak memiliki unit penanggung jawab, "
        "sehingga tidak muncul di halaman isian unit mana pun.",
        _admin("renstra_indikator", iku1.pk),
        GALAT,
    )


def test_realisasi_melebihi_pagu(bersih):
    sub = SubKegiatan.objects.get(kegiatan__program__pd=bersih, kode="7.01.02.2.01.0008")
    rek = Rekening.objects.get(kode="5.1.02")
    RealisasiAnggaran.objects.update_or_create(
        sub_kegiatan=sub, rekening=rek, tahun=TAHUN, triwulan=4, defaults={"jumlah": D("500000000")}
    )
    total = sum(RealisasiAnggaran.objects.filter(sub_kegiatan=sub, tahun=TAHUN).values_list("jumlah", flat=True))
    masalah = _jenis(periksa(pd=bersih, tahun=TAHUN), "melebihi_pagu")
    assert masalah == [
        Masalah(
            "melebihi_pagu",
            "Realisasi anggaran melebihi pagu",
            f"Realisasi sub kegiatan 7.01.02.2.01.0008 pada rekening 5.1.02 sebesar {format_rupiah(total)} melebihi "
            "pagunya Rp 180.000.000.",
            _entri(sub.unit_kerja_id, 4),
            GALAT,
        )
    ]


def test_realisasi_tanpa_pagu_dan_pagu_ganda(bersih):
    sub = SubKegiatan.objects.get(kegiatan__program__pd=bersih, kode="7.01.02.2.01.0008")
    rek_modal = Rekening.objects.get(kode="5.2.02")
    r = RealisasiAnggaran.objects.create(sub_kegiatan=sub, rekening=rek_modal, tahun=TAHUN, triwulan=2, jumlah=D(5000))
    versi = VersiAnggaran.objects.get(pd=bersih, tahun=TAHUN, versi="perubahan")
    induk, _ = Rekening.objects.get_or_create(kode="5.1", defaults={"uraian": "Belanja Operasi"})
    PaguAnggaran.objects.create(versi=versi, sub_kegiatan=sub, rekening=induk, jumlah=D(1000))
    rinci = PaguAnggaran.objects.get(versi=versi, sub_kegiatan=sub, rekening__kode="5.1.02")
    masalah = periksa(pd=bersih, tahun=TAHUN)
    assert _jenis(masalah, "realisasi_tanpa_pagu") == [
        Masalah(
            "realisasi_tanpa_pagu",
            "Realisasi anggaran tanpa pagu",
            "Sub kegiatan 7.01.02.2.01.0008 memiliki realisasi Rp 5.000 pada rekening 5.2.02 yang tidak memiliki pagu "
            "di DPA terakhir.",
            _admin("anggaran_realisasianggaran", r.pk),
            GALAT,
        )
    ]
    assert _jenis(masalah, "pagu_ganda") == [
        Masalah(
            "pagu_ganda",
            "Pagu terhitung dua kali",
            "Sub kegiatan 7.01.02.2.01.0008 memiliki pagu pada rekening 5.1 dan juga pada rinciannya 5.1.02 di DPA "
            "perubahan, sehingga jumlah per rekening menghitungnya dua kali.",
            _admin("anggaran_paguanggaran", rinci.pk),
            GALAT,
        )
    ]


def test_pagu_pada_sub_kegiatan_pd_lain(bersih):
    lain = PerangkatDaerah.objects.create(pemda=bersih.pemda, kode="7.01.0.00.0.00.98.0000", nama="Kecamatan Lain")
    program = Program.objects.create(pd=lain, kode="7.01.01", nama="PROGRAM PENUNJANG")
    kegiatan = Kegiatan.objects.create(program=program, kode="7.01.01.2.01", nama="Perencanaan")
    sub = SubKegiatan.objects.create(kegiatan=kegiatan, kode="7.01.01.2.01.0001", nama="Penyusunan Renja")
    versi = VersiAnggaran.objects.get(pd=bersih, tahun=TAHUN, versi="perubahan")
    pagu = PaguAnggaran.objects.create(
        versi=versi, sub_kegiatan=sub, rekening=Rekening.objects.get(kode="5.1.02"), jumlah=D(7000000)
    )
    (m,) = _jenis(periksa(pd=bersih, tahun=TAHUN), "pagu_luar")
    assert m == Masalah(
        "pagu_luar",
        "Pagu pada sub kegiatan perangkat daerah lain",
        "Pagu 5.1.02 sebesar Rp 7.000.000 pada DPA perubahan tercatat untuk sub kegiatan 7.01.01.2.01.0001 milik "
        "perangkat daerah lain, sehingga tidak terhitung di mana pun.",
        _admin("anggaran_paguanggaran", pagu.pk),
        GALAT,
    )


def test_sub_kegiatan_tanpa_unit(bersih):
    sub = SubKegiatan.objects.get(kegiatan__program__pd=bersih, kode="7.01.02.2.01.0008")
    sub.unit_kerja = None
    sub.save()
    (m,) = _jenis(periksa(pd=bersih, tahun=TAHUN), "sub_tanpa_unit")
    assert m.tingkat == GALAT and m.tautan == _admin("renstra_subkegiatan", sub.pk)
    assert m.pesan == (
        f"Sub kegiatan 7.01.02.2.01.0008 {sub.nama} tidak memiliki unit kerja penanggung jawab, sehingga "
        "realisasinya tidak dapat diisi."
    )


def test_anggaran_pk_berbeda_dengan_dpa(bersih):
    a = AnggaranProgramPK.objects.filter(pk_dokumen__pd=bersih, pk_dokumen__tahun=TAHUN, program__kode="7.01.02")
    a = a.order_by("-pk_dokumen__versi").select_related("program", "pk_dokumen").first()
    pagu = hasil_tahun(bersih, TAHUN)
    pagu_program = next(x.rp.pagu for x in pagu.program if x.kode == "7.01.02")
    assert a.jumlah == pagu_program  # the example agrees with its DPA
    a.jumlah = pagu_program + 1
    a.save()
    (m,) = _jenis(periksa(pd=bersih, tahun=TAHUN), "pk_anggaran")
    assert m == Masalah(
        "pk_anggaran",
        "Anggaran program PK berbeda dengan DPA",
        f"Anggaran program 7.01.02 {a.program.nama} dalam perjanjian kinerja versi {a.pk_dokumen.versi} sebesar "
        "Rp 420.000.001, sedangkan pagunya di DPA Rp 420.000.000.",
        _admin("kinerja_anggaranprogrampk", a.pk),
        GALAT,
    )


def test_narasi_isian_tidak_dikenal_dan_angka_diketik(bersih):
    lap = Laporan.objects.get(pd=bersih, tahun=TAHUN)
    NarasiLaporan.objects.update_or_create(
        laporan=lap,
        kunci="bab4.saran",
        defaults={"teks": "Serapan {{ anggaran.serapn }} atau 92,10% dari pagu {{ anggaran.pagu }}."},
    )
    NarasiLaporan.objects.create(laporan=lap, kunci="bab5.lain", teks="Tidak dicetak.")
    masalah = periksa(pd=bersih, tahun=TAHUN)
    narasi = reverse("laporan:narasi", kwargs={"pd_id": bersih.pk, "tahun": TAHUN})
    assert _jenis(masalah, "isian") == [
        Masalah(
            "isian",
            "Isian narasi tidak dikenal",
            "Narasi Saran memakai isian yang tidak dikenal: {{ anggaran.serapn }}.",
            narasi,
            GALAT,
        )
    ]
    assert _jenis(masalah, "angka_diketik") == [
        Masalah(
            "angka_diketik",
            "Angka diketik dalam narasi",
            "Narasi Saran memuat angka yang diketik: 92,10. Gunakan isian agar angka selalu sama dengan data.",
            narasi,
            PERINGATAN,
        )
    ]
    assert [m.pesan for m in _jenis(masalah, "kunci_narasi")] == [
        "Narasi berkunci bab5.lain tidak termasuk bagian laporan tahun 2024, sehingga tidak dicetak."
    ]


def test_capaian_di_atas_200(bersih):
    sk1 = Indikator.objects.get(pd=bersih, kode="SK-1")
    RealisasiKinerja.objects.filter(indikator=sk1, tahun=TAHUN, triwulan=4).update(nilai=D(1000))
    (m,) = _jenis(periksa(pd=bersih, tahun=TAHUN), "capaian_tinggi")
    capaian = next(i.capaian for i in hasil_tahun(bersih, TAHUN).indikator if i.kode == "SK-1")
    assert capaian > 200
    assert m.tingkat == PERINGATAN and m.tautan == _entri(sk1.sub_kegiatan.unit_kerja_id, 4)
    assert m.pesan.startswith(f"Capaian indikator SK-1 {sk1.uraian} sebesar ") and m.pesan.endswith(
        "%; periksa target dan realisasinya."
    )


def test_identitas_laporan(bersih):
    Laporan.objects.filter(pd=bersih, tahun=TAHUN).update(tanggal=None, tempat="")
    PerangkatDaerah.objects.filter(pk=bersih.pk).update(tempat="")
    (m,) = _jenis(periksa(pd=bersih, tahun=TAHUN), "identitas")
    assert m.pesan == "Laporan tahun 2024 belum memiliki tanggal dan tempat."
    assert m.pesan == p.P_IDENTITAS % {"tahun": TAHUN, "kurang": "tanggal dan tempat"}


# --- a fixed number of queries ------------------------------------------------------------------------------


def _jumlah_query(pd: PerangkatDaerah) -> int:
    with CaptureQueriesContext(connection) as q:
        periksa(pd=pd, tahun=TAHUN)
    return len(q.captured_queries)


def test_jumlah_query_tetap(contoh_pd):
    kecil = _jumlah_query(contoh_pd)
    hasil, _ = bundle_import(doc=bundle_sintetis(40, seed=5))
    assert hasil.sah, hasil.galat[:5]
    besar_pd = PerangkatDaerah.objects.get(kode=KODE_PD)
    Laporan.objects.create(pd=besar_pd, tahun=TAHUN)  # as the example has (no report row: one query less)
    h = hasil_tahun(besar_pd, TAHUN)
    assert len(h.sub_kegiatan) >= 40 and len(h.indikator) > 100
    assert _jumlah_query(besar_pd) == kecil


# --- the page --------------------------------------------------------------------------------------------------


@pytest.fixture
def orang(contoh_pd, django_user_model):
    pemda_lain = Pemda.objects.create(kode="99.99", nama="Kabupaten Lain", jenis="kabupaten")
    pd_lain = PerangkatDaerah.objects.create(pemda=pemda_lain, kode="9.99.0.00.0.00.01.0000", nama="Dinas Lain")

    def buat(nama, peran, pd=contoh_pd, unit=None):
        user = django_user_model.objects.create_user(nama, password="x")
        pemda_saja = peran in Keanggotaan.PERAN_PEMDA
        Keanggotaan.objects.create(
            user=user, pemda=pd.pemda, pd=None if pemda_saja else pd, unit_kerja=unit, peran=peran
        )
        return user

    return {
        "perencana": buat("ren", "perencana"),
        "pimpinan": buat("camat", "pimpinan"),
        "reviewer": buat("inspektorat", "reviewer"),
        "operator": buat("op", "operator", unit=UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")),
        "perencana_lain": buat("ren-lain", "perencana", pd=pd_lain),
        "reviewer_lain": buat("insp-lain", "reviewer", pd=pd_lain),
    }


def _url(pd: PerangkatDaerah, tahun: int = TAHUN) -> str:
    return reverse("laporan:pemeriksaan", kwargs={"pd_id": pd.pk, "tahun": tahun})


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("perencana", 200),
        ("pimpinan", 200),
        ("reviewer", 200),
        ("operator", 200),
        ("perencana_lain", 404),
        ("reviewer_lain", 404),
    ],
)
def test_halaman_per_peran(orang, contoh_pd, client, persona, status):
    client.force_login(orang[persona])
    assert client.get(_url(contoh_pd)).status_code == status


def test_halaman_tanpa_login(contoh_pd, client):
    r = client.get(_url(contoh_pd))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_halaman_tahun_di_luar_jangkauan(orang, contoh_pd, client):
    client.force_login(orang["perencana"])
    assert client.get(_url(contoh_pd, 1999)).status_code == 404


def test_halaman_mengelompokkan_masalah(orang, contoh_pd, client):
    client.force_login(orang["reviewer"])
    html = client.get(_url(contoh_pd)).content.decode()
    masalah = periksa(pd=contoh_pd, tahun=TAHUN)
    galat = sum(1 for m in masalah if m.tingkat == GALAT)
    assert f"{galat} galat dan {len(masalah) - galat} peringatan." in html
    n_diajukan = len(_jenis(masalah, "belum_diajukan"))
    assert 'id="masalah-belum_diajukan"' in html
    assert f'Triwulan belum diajukan <span class="jumlah">({n_diajukan})</span>' in html
    # galat classes come before the warnings
    assert html.index('id="masalah-identitas"') < html.index('id="masalah-belum_dikunci"')
    for m in masalah:
        assert f'<a href="{m.tautan}">Perbaiki</a>' in html
    assert f'href="{reverse("laporan:detail", kwargs={"pd_id": contoh_pd.pk, "tahun": TAHUN})}"' in html
    assert "Kategori capaian selalu dihitung" in html
    assert "Tidak ada masalah data." not in html


def test_halaman_tanpa_masalah(orang, bersih, client):
    client.force_login(orang["perencana"])
    html = client.get(_url(bersih)).content.decode()
    assert 'id="tanpa-masalah">Tidak ada masalah data.</p>' in html
    assert "galat dan" not in html
