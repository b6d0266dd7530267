"""The quarterly workflow and row saves (kinerja.services): draf → diajukan → diverifikasi → dikunci."""

from decimal import Decimal as D

import pytest

from anggaran.models import RealisasiAnggaran, Rekening
from kinerja import services
from kinerja.models import KunciTriwulan, PelaporanTriwulan, RealisasiKinerja, Tahap
from renstra.models import Indikator, Keanggotaan, SubKegiatan, UnitKerja

pytestmark = pytest.mark.django_db

TAHUN, TW = 2024, 4


@pytest.fixture
def orang(contoh_pd, django_user_model):
    def buat(nama, peran, unit=None):
        user = django_user_model.objects.create_user(nama, password="x")
        Keanggotaan.objects.create(user=user, pemda=contoh_pd.pemda, pd=contoh_pd, unit_kerja=unit, peran=peran)
        return user

    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    return {
        "operator": buat("op", "operator", pel),
        "perencana": buat("ren", "perencana"),
        "perencana2": buat("ren2", "perencana"),
        "unit": pel,
    }


def _simpan(ind, user, nilai, version):
    return services.realisasi_kinerja_simpan(
        indikator=ind, tahun=TAHUN, triwulan=TW, version=version, nilai=nilai, label="", status="final", user=user
    )


def test_save_claims_the_version_and_refuses_a_stale_form(contoh_pd, orang):
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    baris = RealisasiKinerja.objects.get(indikator=ind, tahun=TAHUN, triwulan=TW)
    v = baris.version
    _simpan(ind, orang["operator"], D("91.5"), v)
    with pytest.raises(services.KonflikVersi) as e:
        _simpan(ind, orang["perencana"], D("95"), v)  # opened before the operator saved
    assert str(e.value) == str(services.SUDAH_DIUBAH)
    assert e.value.baris.nilai == D("91.5") and e.value.baris.updated_by == orang["operator"]
    baris.refresh_from_db()
    assert (baris.nilai, baris.version) == (D("91.5"), v + 1)


def test_a_new_row_is_created_once(contoh_pd, orang):
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    RealisasiKinerja.objects.filter(indikator=ind, tahun=TAHUN, triwulan=TW).delete()
    baru = _simpan(ind, orang["operator"], D("90"), 0)
    assert baru.version == 1 and baru.updated_by == orang["operator"]
    with pytest.raises(services.KonflikVersi):
        _simpan(ind, orang["perencana"], D("91"), 0)  # both opened an empty row


def test_history_keeps_old_and_new_values_with_the_author(contoh_pd, orang):
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    baris = RealisasiKinerja.objects.get(indikator=ind, tahun=TAHUN, triwulan=TW)
    _simpan(ind, orang["operator"], D("89"), baris.version)
    baru, lama = baris.history.order_by("-history_id")[:2]
    assert baru.diff_against(lama).changes[0].old == D("91.3")
    assert baru.nilai == D("89")


def test_money_above_the_pagu_and_negative_amounts_are_refused(contoh_pd, orang):
    sk = SubKegiatan.objects.get(kode="7.01.01.2.06.0009")  # pagu 150.000.000, spent 142.000.000 in 2024
    rek = Rekening.objects.get(kode="5.1.02")
    baris = RealisasiAnggaran.objects.get(sub_kegiatan=sk, rekening=rek, tahun=TAHUN, triwulan=TW)
    kwargs = dict(
        sub_kegiatan=sk, rekening=rek, tahun=TAHUN, triwulan=TW, version=baris.version, user=orang["operator"]
    )
    with pytest.raises(services.KinerjaError) as e:
        services.realisasi_anggaran_simpan(jumlah=D("49000001"), **kwargs)
    assert str(e.value) == str(services.MELEBIHI_PAGU) % {"jumlah": "Rp 150.000.001", "pagu": "Rp 150.000.000"}
    with pytest.raises(services.KinerjaError, match="negatif"):
        services.realisasi_anggaran_simpan(jumlah=D("-1"), **kwargs)
    services.realisasi_anggaran_simpan(jumlah=D("49000000"), **kwargs)
    baris.refresh_from_db()
    assert baris.jumlah == D("49000000")


def test_the_whole_cycle(contoh_pd, orang):
    unit, op, ren, ren2 = orang["unit"], orang["operator"], orang["perencana"], orang["perencana2"]
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    baris = RealisasiKinerja.objects.get(indikator=ind, tahun=TAHUN, triwulan=TW)
    _simpan(ind, op, D("92"), baris.version)
    services.triwulan_ajukan(unit=unit, tahun=TAHUN, triwulan=TW, user=op)
    assert PelaporanTriwulan.objects.get(unit_kerja=unit, tahun=TAHUN, triwulan=TW).tahap == Tahap.DIAJUKAN
    baris.refresh_from_db()
    assert baris.tahap == Tahap.DIAJUKAN
    with pytest.raises(services.KinerjaError, match="sudah diajukan"):
        _simpan(ind, op, D("93"), baris.version)  # read-only while submitted

    with pytest.raises(services.KinerjaError) as e:
        services.baris_kembalikan(baris=baris, unit=unit, alasan="  ", user=ren)
    assert str(e.value) == str(services.ALASAN_WAJIB)
    services.baris_kembalikan(baris=baris, unit=unit, alasan="Lampirkan hasil survei", user=ren)
    baris.refresh_from_db()
    assert (baris.tahap, baris.alasan_kembali) == (Tahap.DIKEMBALIKAN, "Lampirkan hasil survei")
    assert baris.history.first().history_change_reason == "Lampirkan hasil survei"

    _simpan(ind, op, D("92.4"), baris.version)  # corrected
    services.triwulan_ajukan(unit=unit, tahun=TAHUN, triwulan=TW, user=op)
    baris.refresh_from_db()
    assert baris.alasan_kembali == ""

    with pytest.raises(services.KinerjaError) as e:
        services.triwulan_kunci(pd=contoh_pd, tahun=TAHUN, triwulan=TW, user=ren)
    assert "belum diverifikasi" in str(e.value)

    services.triwulan_verifikasi(unit=unit, tahun=TAHUN, triwulan=TW, user=ren)
    for u in services.unit_pelapor(contoh_pd):  # the other units report too
        if u != unit:
            services.triwulan_ajukan(unit=u, tahun=TAHUN, triwulan=TW, user=op)
            services.triwulan_verifikasi(unit=u, tahun=TAHUN, triwulan=TW, user=ren2)
    services.triwulan_kunci(pd=contoh_pd, tahun=TAHUN, triwulan=TW, user=ren)
    baris.refresh_from_db()
    assert baris.tahap == Tahap.DIKUNCI
    with pytest.raises(services.KinerjaError) as e:
        _simpan(ind, op, D("1"), baris.version)
    assert str(e.value) == str(services.TRIWULAN_TERKUNCI)

    with pytest.raises(services.KinerjaError):
        services.triwulan_buka(pd=contoh_pd, tahun=TAHUN, triwulan=TW, alasan="", user=ren)
    services.triwulan_buka(pd=contoh_pd, tahun=TAHUN, triwulan=TW, alasan="Koreksi BPK", user=ren)
    kunci = KunciTriwulan.objects.get(pd=contoh_pd, tahun=TAHUN, triwulan=TW)
    assert (kunci.dikunci, kunci.alasan) == (False, "Koreksi BPK")
    assert kunci.history.first().history_change_reason == "Koreksi BPK"


def test_nobody_verifies_their_own_entry(contoh_pd, orang):
    unit, ren = orang["unit"], orang["perencana"]
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    baris = RealisasiKinerja.objects.get(indikator=ind, tahun=TAHUN, triwulan=TW)
    _simpan(ind, ren, D("92"), baris.version)  # the perencana typed a value of the unit
    services.triwulan_ajukan(unit=unit, tahun=TAHUN, triwulan=TW, user=orang["operator"])
    with pytest.raises(services.KinerjaError) as e:
        services.triwulan_verifikasi(unit=unit, tahun=TAHUN, triwulan=TW, user=ren)
    assert str(e.value) == str(services.VERIFIKASI_SENDIRI)
    services.triwulan_verifikasi(unit=unit, tahun=TAHUN, triwulan=TW, user=orang["perencana2"])


def test_a_quarter_cannot_be_verified_before_it_is_submitted(contoh_pd, orang):
    with pytest.raises(services.KinerjaError) as e:
        services.triwulan_verifikasi(unit=orang["unit"], tahun=TAHUN, triwulan=TW, user=orang["perencana"])
    assert str(e.value) == str(services.BELUM_DIAJUKAN)


def test_physical_progress_is_cumulative(contoh_pd, orang):
    sk = SubKegiatan.objects.get(kode="7.01.02.2.01.0010")
    op = orang["operator"]
    services.realisasi_fisik_simpan(sub_kegiatan=sk, tahun=2025, triwulan=2, version=None, persen=D("10"), user=op)
    with pytest.raises(services.KinerjaError) as e:
        services.realisasi_fisik_simpan(sub_kegiatan=sk, tahun=2025, triwulan=3, version=None, persen=D("5"), user=op)
    assert str(e.value) == str(services.FISIK_MUNDUR) % {"sebelum": "10,00"}
    with pytest.raises(services.KinerjaError) as e:
        services.realisasi_fisik_simpan(sub_kegiatan=sk, tahun=2025, triwulan=4, version=None, persen=D("101"), user=op)
    assert str(e.value) == str(services.PERSEN_0_100)
