"""The admin keeps people inside their pemda and PD, as the application's screens do.

An admin pemda does not reach accounts (the user admin is a superuser's; users are managed on the Pengguna screens);
every view of one object (change, delete, history list, history entry, revert) opens it through the change view's
scope; every related row a form offers or accepts is one of the PDs the person changes.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.forms import ModelChoiceField
from django.test import Client
from django.urls import reverse

from kinerja.models import BuktiDukung, RealisasiKinerja
from laporan.models import Laporan, NarasiLaporan
from renstra.admin import jalur_pd
from renstra.models import Keanggotaan, Misi, PerangkatDaerah, Renstra, Tujuan, UnitKerja
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import bundle_sintetis
from sakip.demo import PASSWORD_DEMO, _grup, demo_load
from tests.keadaan import keadaan_basis_data
from tests.test_admin import MODEL, _id, contoh, url  # noqa: F401 (contoh is a fixture)

pytestmark = pytest.mark.django_db

User = get_user_model()
Peran = Keanggotaan.Peran


def _staf(username: str, peran: str, *, pd=None, pemda=None, unit=None) -> User:
    """A staff account with the demo group of its role and one membership."""
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(_grup(peran))
    Keanggotaan.objects.create(user=user, pemda=pemda or pd.pemda, pd=pd, unit_kerja=unit, peran=peran)
    return user


def _klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


# --- accounts: the demo's admin pemda -----------------------------------------------------------------------


@pytest.fixture
def demo(db):
    from tests.conftest import pasang_data_bawaan

    pasang_data_bawaan()
    demo_load()
    return User.objects.get(username="admin.paser")


def test_grup_admin_pemda_tanpa_izin_auth(demo):
    assert not Group.objects.get(name="Admin pemda").permissions.filter(content_type__app_label="auth").exists()


def test_admin_pemda_tidak_menjadi_superuser_dan_tidak_mengambil_akun_pemda_lain(demo):
    """The attacks of the issue, as ``admin.paser``; the saved state is checked, not only the answers."""
    c = _klien(demo)
    # the user list of every pemda
    assert c.get(reverse("admin:auth_user_changelist")).status_code == 403
    # re-posting one's own change form with is_superuser=on
    sendiri = reverse("admin:auth_user_change", args=[demo.pk])
    data = {
        "username": demo.username,
        "first_name": demo.first_name,
        "last_name": demo.last_name,
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "keanggotaan-TOTAL_FORMS": "0",
        "keanggotaan-INITIAL_FORMS": "0",
    }
    assert c.post(sendiri, data).status_code == 403
    demo.refresh_from_db()
    assert not demo.is_superuser
    assert not demo.user_permissions.exists()
    assert set(demo.groups.values_list("name", flat=True)) == {"Admin pemda"}
    # the password of a user of another pemda, then logging in as them
    korban = User.objects.get(username="perencana.sukamaju")
    assert korban.keanggotaan.get().pemda_id != demo.keanggotaan.get().pemda_id
    sandi = {"password1": "Diambil-alih-2024", "password2": "Diambil-alih-2024", "usable_password": "true"}
    assert c.get(reverse("admin:auth_user_password_change", args=[korban.pk])).status_code == 403
    assert c.post(reverse("admin:auth_user_password_change", args=[korban.pk]), sandi).status_code == 403
    assert not Client().login(username="perencana.sukamaju", password="Diambil-alih-2024")
    assert Client().login(username="perencana.sukamaju", password=PASSWORD_DEMO)
    # a membership in another pemda, through the inline or the membership admin
    pd_lain = korban.keanggotaan.get().pd
    sebelum = keadaan_basis_data()
    data |= {
        "is_superuser": "",
        "keanggotaan-TOTAL_FORMS": "1",
        "keanggotaan-0-peran": "perencana",
        "keanggotaan-0-pemda": pd_lain.pemda_id,
        "keanggotaan-0-pd": pd_lain.pk,
    }
    assert c.post(sendiri, data).status_code == 403
    tambah = {"user": demo.pk, "peran": "perencana", "pemda": pd_lain.pemda_id, "pd": pd_lain.pk}
    assert c.post(reverse("admin:renstra_keanggotaan_add"), tambah).status_code == 403
    # nor through groups
    grup = Group.objects.get(name="Admin pemda")
    izin = {"name": grup.name, "permissions": list(Permission.objects.values_list("pk", flat=True))}
    assert c.post(reverse("admin:auth_group_change", args=[grup.pk]), izin).status_code == 403
    assert keadaan_basis_data() == sebelum
    assert demo.keanggotaan.count() == 1


def test_superuser_tetap_mengelola_pengguna(demo):
    c = _klien(User.objects.get(username="admin"))
    assert c.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert c.get(reverse("admin:auth_user_password_change", args=[demo.pk])).status_code == 200


def test_riwayat_pd_lain_tertutup_bagi_perencana_setda(demo):
    """``perencana.setda`` opens nothing of Sukamaju: the history list and entry answer 404 as the change view does,
    for realisations, narrative and evidence."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    setda = User.objects.get(username="perencana.setda")
    sukamaju = PerangkatDaerah.objects.get(kode="7.01.0.00.0.00.09.0000")
    realisasi = RealisasiKinerja.objects.filter(indikator__pd=sukamaju).exclude(catatan="").first() or (
        RealisasiKinerja.objects.filter(indikator__pd=sukamaju).first()
    )
    realisasi.catatan = "Catatan rahasia Sukamaju"
    realisasi.save()
    laporan, _ = Laporan.objects.get_or_create(pd=sukamaju, tahun=2024)
    narasi = NarasiLaporan.objects.create(laporan=laporan, kunci="ikhtisar", teks="Narasi rahasia Sukamaju")
    bukti = BuktiDukung.objects.create(
        realisasi=realisasi, berkas=SimpleUploadedFile("rahasia.pdf", b"%PDF-1.4"), nama_asli="rahasia-sukamaju.pdf",
        ukuran=8, jenis_konten="application/pdf",
    )  # fmt: skip
    c = _klien(setda)
    for obj, rahasia in ((realisasi, "Catatan rahasia"), (narasi, "Narasi rahasia"), (bukti, "rahasia-sukamaju")):
        entri = obj.history.order_by("-history_id").first()
        for alamat in (
            url(type(obj), "history", obj.pk),
            url(type(obj), "simple_history", obj.pk, entri.pk),
            url(type(obj), "change", obj.pk),
            url(type(obj), "delete", obj.pk),
        ):
            r = c.get(alamat)
            assert r.status_code == 404, alamat
            assert rahasia not in r.content.decode()
    # the same pages of Setda's own rows open
    sendiri = RealisasiKinerja.objects.filter(indikator__pd__kode="4.01.0.00.0.00.01.0000").first()
    sendiri.save()
    assert c.get(url(RealisasiKinerja, "history", sendiri.pk)).status_code == 200
    entri = sendiri.history.order_by("-history_id").first()
    assert c.get(url(RealisasiKinerja, "simple_history", sendiri.pk, entri.pk)).status_code == 200


# --- every model admin: each view of one object of another PD -----------------------------------------------


@pytest.fixture
def luar(request):
    """A perencana of a second pemda's PD (the synthetic bundle), staff with the demo group; every row the ``contoh``
    fixture made belongs to the first PD."""
    request.getfixturevalue("contoh")
    hasil, _ = bundle_import(doc=bundle_sintetis(2, seed=1))
    assert hasil.sah
    pd = PerangkatDaerah.objects.exclude(kode="7.01.0.00.0.00.09.0000").get()
    return _staf("perencana.luar", Peran.PERENCANA, pd=pd)


MODEL_PD = [m for m in MODEL if jalur_pd(m) is not None]


@pytest.mark.parametrize("model", MODEL_PD, ids=_id)
def test_setiap_halaman_objek_pd_lain_404(luar, model):
    obj = model.objects.filter(**_di_pd(model, PerangkatDaerah.objects.get(kode="7.01.0.00.0.00.09.0000"))).first()
    assert obj is not None, f"no {model.__name__} of the first PD"
    c = _klien(luar)
    halaman = [url(model, "history", obj.pk), url(model, "change", obj.pk), url(model, "delete", obj.pk)]
    riwayat = getattr(model, "history", None)
    if riwayat is not None:
        if not riwayat.filter(**{model._meta.pk.attname: obj.pk}).exists():
            obj.save()  # rows made with bulk_create have no history entry yet
        entri = riwayat.filter(**{model._meta.pk.attname: obj.pk}).latest("history_id")
        halaman.insert(0, url(model, "simple_history", obj.pk, entri.pk))
    sebelum = keadaan_basis_data()
    for alamat in halaman:
        r = c.get(alamat)
        assert r.status_code == 404, alamat
        assert str(obj) not in r.content.decode()
        assert c.post(alamat, {"post": "yes"}).status_code == 404, alamat
    assert keadaan_basis_data() == sebelum


@pytest.mark.parametrize("model", MODEL_PD, ids=_id)
def test_halaman_objek_sendiri_tetap_terbuka(luar, model):
    obj = model.objects.filter(**_di_pd(model, luar.keanggotaan.get().pd)).first()
    if obj is None:
        pytest.skip(f"the synthetic bundle has no {model.__name__}")
    c = _klien(luar)
    assert c.get(url(model, "change", obj.pk)).status_code == 200
    assert c.get(url(model, "history", obj.pk)).status_code == 200


# --- related rows: choices, autocomplete, forged ids --------------------------------------------------------


def _di_pd(model, pd) -> dict:
    return {f"{jalur_pd(model)}__in": [pd.pk]}


def _pilihan_form(respons) -> list[tuple[str, ModelChoiceField]]:
    """Every model choice field of the page's form and of its inlines' empty forms."""
    bidang = list(respons.context["adminform"].form.fields.items())
    for inline in respons.context["inline_admin_formsets"]:
        bidang += list(inline.formset.empty_form.fields.items())
    # an inline row's own id is looked up in the formset's rows, never taken from this field
    return [(nama, f) for nama, f in bidang if isinstance(f, ModelChoiceField) and nama != "id"]


@pytest.mark.parametrize("model", MODEL_PD, ids=_id)
def test_setiap_pilihan_formulir_dalam_pd_sendiri(luar, model):
    pd_sendiri = luar.keanggotaan.get().pd
    c = _klien(luar)
    obj = model.objects.filter(**_di_pd(model, pd_sendiri)).first()
    alamat = url(model, "change", obj.pk) if obj is not None else url(model, "add")
    respons = c.get(alamat)
    if respons.status_code == 403:
        pytest.skip("no form for a perencana")
    assert respons.status_code == 200
    for nama, field in _pilihan_form(respons):
        if jalur_pd(field.queryset.model) is None:
            continue  # shared rows: accounts, scales
        asing = field.queryset.exclude(**_di_pd(field.queryset.model, pd_sendiri))
        assert not asing.exists(), f"{nama} offers {list(asing[:3])}"


def test_unit_tidak_dibuat_di_bawah_unit_pd_lain(luar):
    pd_sendiri = luar.keanggotaan.get().pd
    induk_asing = UnitKerja.objects.exclude(pd=pd_sendiri).first()
    c = _klien(luar)
    data = {"pd": pd_sendiri.pk, "kode": "UNIT-BARU", "nama": "Unit baru", "jenis": "bidang", "urutan": "1"}
    sebelum = keadaan_basis_data()
    r = c.post(url(UnitKerja, "add"), {**data, "induk": induk_asing.pk})
    assert r.status_code == 200
    assert "induk" in r.context["adminform"].form.errors
    assert keadaan_basis_data() == sebelum
    induk = UnitKerja.objects.filter(pd=pd_sendiri).first()
    assert c.post(url(UnitKerja, "add"), {**data, "induk": induk.pk}).status_code == 302
    assert UnitKerja.objects.get(kode="UNIT-BARU").induk == induk


def test_misi_pd_lain_tidak_dapat_dipilih(luar):
    pd_sendiri = luar.keanggotaan.get().pd
    tujuan = Tujuan.objects.filter(renstra__pd=pd_sendiri).first()
    misi_asing = Misi.objects.exclude(renstra__pd=pd_sendiri).first()
    c = _klien(luar)
    data = {
        "renstra": tujuan.renstra_id,
        "kode": tujuan.kode,
        "uraian": tujuan.uraian,
        "urutan": tujuan.urutan,
        "misi": [misi_asing.pk],
        "sasaran-TOTAL_FORMS": "0",
        "sasaran-INITIAL_FORMS": "0",
    }
    sebelum = keadaan_basis_data()
    r = c.post(url(Tujuan, "change", tujuan.pk), data)
    assert r.status_code == 200 and "misi" in r.context["adminform"].form.errors
    r = c.post(
        url(Tujuan, "change", tujuan.pk), {**data, "misi": [], "renstra": Renstra.objects.exclude(pd=pd_sendiri)[0].pk}
    )
    assert r.status_code == 200 and "renstra" in r.context["adminform"].form.errors
    assert keadaan_basis_data() == sebelum


def test_autocomplete_menawarkan_pd_yang_diubah_saja(luar):
    """A person who plans one PD and reads another is offered the rows of the first only."""
    pd_sendiri = luar.keanggotaan.get().pd
    pd_baca = PerangkatDaerah.objects.exclude(pk=pd_sendiri.pk).get()
    Keanggotaan.objects.create(user=luar, pemda=pd_baca.pemda, pd=pd_baca, peran=Peran.PIMPINAN)
    c = _klien(luar)
    assert c.get(url(UnitKerja, "change", UnitKerja.objects.filter(pd=pd_baca)[0].pk)).status_code == 200  # reads it
    param = {"app_label": "renstra", "model_name": "unitkerja", "field_name": "induk", "term": ""}
    hasil = c.get(reverse("admin:autocomplete"), param).json()["results"]
    assert hasil
    assert {int(h["id"]) for h in hasil} <= set(UnitKerja.objects.filter(pd=pd_sendiri).values_list("pk", flat=True))
    # nor are accounts offered to anyone but a superuser
    param = {"app_label": "renstra", "model_name": "keanggotaan", "field_name": "user", "term": ""}
    assert c.get(reverse("admin:autocomplete"), param).status_code == 403


def test_daftar_pemda_hanya_pemda_sendiri(luar):
    c = _klien(luar)
    respons = c.get(url(admin.site.get_model_admin(PerangkatDaerah).model, "changelist"))
    assert respons.context["cl"].result_count == 1
    from renstra.models import Pemda

    respons = c.get(url(Pemda, "changelist"))
    assert list(respons.context["cl"].result_list) == [luar.keanggotaan.get().pemda]
