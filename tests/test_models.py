"""Constraints in the database: what no screen, import or script can store."""

from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction

from anggaran.models import PaguAnggaran, RealisasiAnggaran, RealisasiFisik, Rekening, VersiAnggaran
from kinerja.models import KomponenAkip, RealisasiKinerja
from renstra.models import Indikator, Keanggotaan, Pejabat, SubKegiatan, UnitKerja

pytestmark = pytest.mark.django_db


def _gagal(fn) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_one_realisation_per_quarter_and_one_annual(contoh_pd):
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    _gagal(lambda: RealisasiKinerja.objects.create(indikator=ind, tahun=2024, triwulan=1, nilai=1))
    RealisasiKinerja.objects.create(indikator=ind, tahun=2024, triwulan=None, nilai=90)
    _gagal(lambda: RealisasiKinerja.objects.create(indikator=ind, tahun=2024, triwulan=None, nilai=91))


@pytest.mark.parametrize("triwulan", [0, 5])
def test_quarters_outside_1_to_4_are_refused(contoh_pd, triwulan):
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    sk = SubKegiatan.objects.get(kode="7.01.01.2.02.0001")
    rek = Rekening.objects.get(kode="5.1.01")
    _gagal(lambda: RealisasiKinerja.objects.create(indikator=ind, tahun=2025, triwulan=triwulan, nilai=1))
    _gagal(
        lambda: RealisasiAnggaran.objects.create(sub_kegiatan=sk, rekening=rek, tahun=2025, triwulan=triwulan, jumlah=1)
    )
    _gagal(lambda: RealisasiFisik.objects.create(sub_kegiatan=sk, tahun=2025, triwulan=triwulan, persen=1))


def test_money_is_never_negative(contoh_pd):
    sk = SubKegiatan.objects.get(kode="7.01.01.2.02.0001")
    rek = Rekening.objects.get(kode="5.1.01")
    versi = VersiAnggaran.objects.get(pd=contoh_pd, tahun=2024, versi="murni")
    _gagal(
        lambda: PaguAnggaran.objects.create(
            versi=versi, sub_kegiatan=sk, rekening=Rekening.objects.get(kode="5.2"), jumlah=D("-1")
        )
    )
    _gagal(
        lambda: RealisasiAnggaran.objects.create(
            sub_kegiatan=sk, rekening=rek, tahun=2025, triwulan=1, jumlah=D("-0.01")
        )
    )


def test_a_pagu_line_is_unique_per_version_sub_kegiatan_and_account(contoh_pd):
    baris = PaguAnggaran.objects.filter(versi__pd=contoh_pd).first()
    _gagal(
        lambda: PaguAnggaran.objects.create(
            versi=baris.versi, sub_kegiatan=baris.sub_kegiatan, rekening=baris.rekening, jumlah=1
        )
    )


def test_unavailable_realisation_has_no_number(contoh_pd):
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    _gagal(
        lambda: RealisasiKinerja.objects.create(indikator=ind, tahun=2025, triwulan=1, nilai=5, status="belum_tersedia")
    )


def test_an_indicator_measures_exactly_one_thing_of_its_level(contoh_pd):
    sk = SubKegiatan.objects.get(kode="7.01.01.2.02.0001")
    _gagal(
        lambda: Indikator.objects.create(
            pd=contoh_pd, kode="X-1", uraian="x", satuan="Persen", level="sasaran", sub_kegiatan=sk
        )
    )


def test_nip_has_18_digits_and_akip_component_stays_within_its_weight(contoh_pd):
    _gagal(lambda: Pejabat.objects.create(pd=contoh_pd, kode="X", nama="X", jabatan="X", nip="1980"))
    komponen = KomponenAkip.objects.filter(evaluasi__pd=contoh_pd).first()
    komponen.nilai = komponen.bobot + 1
    _gagal(komponen.save)


def test_memberships_have_the_scope_of_their_role(contoh_pd, django_user_model):
    user = django_user_model.objects.create_user("u", password="x")
    unit = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    pemda = contoh_pd.pemda
    _gagal(lambda: Keanggotaan.objects.create(user=user, pemda=pemda, pd=contoh_pd, peran="operator"))
    _gagal(lambda: Keanggotaan.objects.create(user=user, pemda=pemda, pd=contoh_pd, peran="reviewer"))
    Keanggotaan.objects.create(user=user, pemda=pemda, pd=contoh_pd, unit_kerja=unit, peran="operator")
    Keanggotaan.objects.create(user=user, pemda=pemda, peran="reviewer")
    _gagal(lambda: Keanggotaan.objects.create(user=user, pemda=pemda, peran="reviewer"))


def test_a_pd_can_be_deleted_whole(contoh_pd):
    contoh_pd.delete()
    assert not Indikator.objects.exists() and not SubKegiatan.objects.exists()


def test_full_name_with_degrees(contoh_pd):
    p = Pejabat(nama="KATSUL WIJAYA", gelar_depan="Drs.", gelar_belakang="M.Si")
    assert p.nama_lengkap == "Drs. KATSUL WIJAYA, M.Si"
    assert Pejabat(nama="BUDI", gelar_belakang="").nama_lengkap == "BUDI"
