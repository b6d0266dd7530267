"""An admin pemda manages the pemda's users and their roles per PD and unit (renstra.services, renstra.views)."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from kinerja.views import periode_aktif
from renstra import services
from renstra.forms import KATA_SANDI_BEDA, PILIH_PD_DULU
from renstra.models import Keanggotaan, Pemda, PerangkatDaerah, UnitKerja
from tests.formulir import form_data

pytestmark = pytest.mark.django_db

Peran = Keanggotaan.Peran
SANDI = "Tepat-Waktu-2024"


@pytest.fixture
def org(contoh_pd, django_user_model):
    """The Contoh pemda (Kecamatan Sukamaju and a second PD), another pemda, and one person per role."""
    pemda = contoh_pd.pemda
    pd2 = PerangkatDaerah.objects.create(pemda=pemda, kode="9.99.0.00.0.00.01.0000", nama="Dinas Kedua")
    unit2 = UnitKerja.objects.create(pd=pd2, kode="BID-A", nama="Bidang Kedua A")
    lain = Pemda.objects.create(kode="98.01", nama="Kabupaten Lain", jenis=Pemda.Jenis.KABUPATEN)
    pd_lain = PerangkatDaerah.objects.create(pemda=lain, kode="8.88.0.00.0.00.01.0000", nama="Dinas Lain")
    unit_lain = UnitKerja.objects.create(pd=pd_lain, kode="BID-L", nama="Bidang Lain")
    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")

    def buat(username, peran, *, di=pemda, pd=None, unit=None):
        user = django_user_model.objects.create_user(username, password=SANDI, first_name=username.title())
        Keanggotaan.objects.create(user=user, pemda=di, pd=pd, unit_kerja=unit, peran=peran)
        return user

    return SimpleNamespace(
        pemda=pemda,
        pd=contoh_pd,
        pel=pel,
        pd2=pd2,
        unit2=unit2,
        lain=lain,
        pd_lain=pd_lain,
        unit_lain=unit_lain,
        admin=buat("admin", Peran.ADMIN_PEMDA),
        reviewer=buat("reviewer", Peran.REVIEWER),
        perencana=buat("perencana", Peran.PERENCANA, pd=contoh_pd),
        pimpinan=buat("pimpinan", Peran.PIMPINAN, pd=contoh_pd),
        operator=buat("operator", Peran.OPERATOR, pd=contoh_pd, unit=pel),
        admin_lain=buat("admin.lain", Peran.ADMIN_PEMDA, di=lain),
        warga_lain=buat("warga.lain", Peran.PERENCANA, di=lain, pd=pd_lain),
        akar=django_user_model.objects.create_superuser("akar", password=SANDI),
    )


def _buat(org, **kw):
    isian = dict(
        pemda=org.pemda,
        username="budi",
        nama_depan="Budi",
        nama_belakang="Santoso",
        email="budi@contoh.go.id",
        password=SANDI,
        peran=Peran.OPERATOR,
        pd=org.pd,
        unit_kerja=org.pel,
        oleh=org.admin,
    )
    return services.pengguna_create(**{**isian, **kw})


def _tambah(org, **kw):
    isian = dict(user=org.operator, pemda=org.pemda, peran=Peran.PERENCANA, pd=org.pd, unit_kerja=None, oleh=org.admin)
    return services.keanggotaan_tambah(**{**isian, **kw})


# --- services: users ------------------------------------------------------------------------------------------


def test_a_user_is_created_with_a_hashed_password_and_a_first_role(org, django_user_model):
    user = _buat(org)
    assert user.check_password(SANDI) and user.password != SANDI
    assert (user.first_name, user.last_name, user.email) == ("Budi", "Santoso", "budi@contoh.go.id")
    assert not user.is_staff and not user.is_superuser
    (k,) = Keanggotaan.objects.filter(user=user)
    assert (k.pemda, k.pd, k.unit_kerja, k.peran) == (org.pemda, org.pd, org.pel, Peran.OPERATOR)
    (h,) = k.history.all()
    assert (h.history_type, h.history_user) == ("+", org.admin)


def test_only_an_admin_of_the_pemda_or_a_superuser_creates_users(org, django_user_model):
    for oleh in (org.perencana, org.reviewer, org.operator, org.admin_lain):
        with pytest.raises(services.AksesError) as e:
            _buat(org, oleh=oleh)
        assert str(e.value) == str(services.BUKAN_ADMIN)
    assert not django_user_model.objects.filter(username="budi").exists()
    assert _buat(org, oleh=org.akar).username == "budi"


def test_a_user_name_is_taken_once_whatever_its_case(org):
    _buat(org)
    with pytest.raises(services.AksesError) as e:
        _buat(org, username="BUDI")
    assert str(e.value) == str(services.USERNAME_SUDAH_ADA) % {"username": "BUDI"}
    assert e.value.bidang == "username"


@pytest.mark.parametrize(
    "sandi, alasan",
    [
        ("12345678", "Kata sandi ini terlalu umum. Kata sandi ini seluruhnya terdiri dari angka."),
        ("pendek", "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter."),
        ("budisantoso", "Kata sandi terlalu mirip dengan nama pengguna."),
    ],
)
def test_a_weak_password_is_refused_with_django_validators(org, django_user_model, sandi, alasan):
    with pytest.raises(services.AksesError) as e:
        _buat(org, username="budisantoso", password=sandi)
    assert str(e.value) == str(services.KATA_SANDI_DITOLAK) % {"alasan": alasan}
    assert e.value.bidang == "password"
    assert not django_user_model.objects.filter(username="budisantoso").exists()


def test_a_user_needs_a_first_name(org):
    with pytest.raises(services.AksesError) as e:
        _buat(org, nama_depan="  ")
    assert str(e.value) == str(services.NAMA_WAJIB)


def test_a_refused_first_role_creates_no_user(org, django_user_model):
    with pytest.raises(services.AksesError) as e:
        _buat(org, unit_kerja=None)
    assert str(e.value) == str(services.UNIT_WAJIB)
    assert not django_user_model.objects.filter(username="budi").exists()


# --- services: memberships ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "isian, pesan, bidang",
    [
        ({"pd": "pd_lain"}, services.PD_PEMDA_LAIN, "pd"),
        ({"peran": Peran.OPERATOR}, services.UNIT_WAJIB, "unit_kerja"),
        ({"peran": Peran.OPERATOR, "unit_kerja": "unit2"}, services.UNIT_PD_LAIN, "unit_kerja"),
        ({"pd": None}, services.PD_WAJIB, "pd"),
        ({"peran": Peran.PIMPINAN, "unit_kerja": "pel"}, services.UNIT_HANYA_OPERATOR, "unit_kerja"),
        ({"peran": Peran.REVIEWER}, services.PERAN_SELURUH_PEMDA, "pd"),
        ({"peran": Peran.ADMIN_PEMDA, "pd": None, "unit_kerja": "pel"}, services.PERAN_SELURUH_PEMDA, "unit_kerja"),
    ],
)
def test_a_role_sits_where_its_scope_says(org, isian, pesan, bidang):
    isian = {k: getattr(org, v) if isinstance(v, str) and k != "peran" else v for k, v in isian.items()}
    with pytest.raises(services.AksesError) as e:
        _tambah(org, **isian)
    assert (str(e.value), e.value.bidang) == (str(pesan), bidang)
    assert Keanggotaan.objects.filter(user=org.operator).count() == 1


def test_roles_are_added_per_pd_unit_and_pemda(org):
    a = _tambah(org)
    b = _tambah(org, peran=Peran.OPERATOR, pd=org.pd2, unit_kerja=org.unit2)
    c = _tambah(org, peran=Peran.REVIEWER, pd=None)
    assert {(k.peran, k.pd, k.unit_kerja) for k in (a, b, c)} == {
        (Peran.PERENCANA, org.pd, None),
        (Peran.OPERATOR, org.pd2, org.unit2),
        (Peran.REVIEWER, None, None),
    }
    assert Keanggotaan.objects.filter(user=org.operator).count() == 4


def test_the_same_role_in_the_same_place_is_refused(org):
    with pytest.raises(services.AksesError) as e:
        _tambah(org, peran=Peran.OPERATOR, unit_kerja=org.pel)
    assert str(e.value) == str(services.SUDAH_ADA)
    with pytest.raises(services.AksesError) as e:
        _tambah(org, user=org.reviewer, peran=Peran.REVIEWER, pd=None)
    assert str(e.value) == str(services.SUDAH_ADA)


def test_only_an_admin_of_the_pemda_changes_roles(org):
    for oleh in (org.perencana, org.reviewer, org.admin_lain):
        with pytest.raises(services.AksesError) as e:
            _tambah(org, oleh=oleh)
        assert str(e.value) == str(services.BUKAN_ADMIN)
    k = Keanggotaan.objects.get(user=org.operator)
    with pytest.raises(services.AksesError) as e:
        services.keanggotaan_hapus(keanggotaan=k, oleh=org.admin_lain)
    assert str(e.value) == str(services.BUKAN_ADMIN)
    assert Keanggotaan.objects.filter(pk=k.pk).exists()


def test_the_last_admin_of_a_pemda_stays(org):
    sendiri = Keanggotaan.objects.get(user=org.admin)
    with pytest.raises(services.AksesError) as e:
        services.keanggotaan_hapus(keanggotaan=sendiri, oleh=org.admin)
    assert str(e.value) == str(services.ADMIN_TERAKHIR)
    with pytest.raises(services.AksesError):
        services.keanggotaan_hapus(keanggotaan=sendiri, oleh=org.akar)  # a superuser does not count as an admin
    kedua = _tambah(org, user=org.reviewer, peran=Peran.ADMIN_PEMDA, pd=None)
    services.keanggotaan_hapus(keanggotaan=sendiri, oleh=org.admin)
    assert list(Keanggotaan.objects.filter(pemda=org.pemda, peran=Peran.ADMIN_PEMDA)) == [kedua]


def test_history_keeps_who_added_and_removed_a_role(org):
    k = _tambah(org)
    pk = k.pk
    services.keanggotaan_hapus(keanggotaan=k, oleh=org.akar)
    riwayat = Keanggotaan.history.filter(id=pk).order_by("history_id")
    assert [(h.history_type, h.history_user, h.peran, h.pd_id) for h in riwayat] == [
        ("+", org.admin, Peran.PERENCANA, org.pd.pk),
        ("-", org.akar, Peran.PERENCANA, org.pd.pk),
    ]


# --- screens: who may come in ---------------------------------------------------------------------------------


def _urls(org) -> dict[str, str]:
    p = org.pemda.pk
    k = Keanggotaan.objects.get(user=org.operator)
    return {
        "daftar": reverse("renstra:pengguna-list", args=[p]),
        "baru": reverse("renstra:pengguna-create", args=[p]),
        "detail": reverse("renstra:pengguna-detail", args=[p, org.operator.pk]),
        "unit": reverse("renstra:unit-pilihan", args=[p]) + f"?pd={org.pd.pk}",
        "hapus": reverse("renstra:keanggotaan-hapus", args=[p, k.pk]),
    }


@pytest.mark.parametrize(
    "persona, harapan",
    [
        ("admin", 200),
        ("akar", 200),
        ("reviewer", 403),
        ("perencana", 403),
        ("pimpinan", 403),
        ("operator", 403),
        ("admin_lain", 404),
        (None, "login"),
    ],
)
def test_every_screen_per_role(org, client, persona, harapan):
    if persona:
        client.force_login(getattr(org, persona))
    for nama, url in _urls(org).items():
        r = client.get(url)
        if harapan == "login":
            assert r.status_code == 302 and r.url.startswith(reverse("login") + "?next="), nama
        else:
            assert r.status_code == harapan, nama
    # writes as well: nothing is created or removed by anyone but the pemda's admin
    if harapan != 200:
        urls = _urls(org)
        r = client.post(urls["baru"], {"username": "susup", "nama_depan": "S", "password": SANDI, "peran": "reviewer"})
        assert r.status_code == (302 if harapan == "login" else harapan)
        r = client.post(urls["hapus"])
        assert r.status_code == (302 if harapan == "login" else harapan)
        assert Keanggotaan.objects.filter(user=org.operator).exists()
        assert not Keanggotaan.objects.filter(user__username="susup").exists()


def test_the_user_screens_link_leads_to_the_pemda_administered(org, client):
    url = reverse("renstra:pemda-list")
    client.force_login(org.admin)
    assert client.get(url).url == reverse("renstra:pengguna-list", args=[org.pemda.pk])
    client.force_login(org.admin_lain)
    assert client.get(url).url == reverse("renstra:pengguna-list", args=[org.lain.pk])
    client.force_login(org.akar)
    r = client.get(url)
    assert r.status_code == 200 and org.pemda.nama in r.text and org.lain.nama in r.text
    client.force_login(org.perencana)
    assert client.get(url).status_code == 403


def test_the_navigation_shows_users_to_admins_only(org, client):
    tautan = f'href="{reverse("renstra:pemda-list")}"'
    for persona, tampil in (("admin", True), ("akar", True), ("perencana", False), ("reviewer", False)):
        client.force_login(getattr(org, persona))
        assert (tautan in client.get(reverse("kinerja:pd-list")).text) is tampil, persona


def test_people_and_roles_of_another_pemda_are_out_of_reach(org, client):
    client.force_login(org.admin)
    p = org.pemda.pk
    assert client.get(reverse("renstra:pengguna-detail", args=[p, org.warga_lain.pk])).status_code == 404
    assert client.get(reverse("renstra:pengguna-detail", args=[p, org.akar.pk])).status_code == 404  # no role here
    k_lain = Keanggotaan.objects.get(user=org.warga_lain)
    assert client.post(reverse("renstra:keanggotaan-hapus", args=[p, k_lain.pk])).status_code == 404
    assert client.get(reverse("renstra:pengguna-list", args=[org.lain.pk])).status_code == 404
    assert Keanggotaan.objects.filter(pk=k_lain.pk).exists()


# --- screens: the list ----------------------------------------------------------------------------------------


def test_the_list_shows_the_pemdas_people_with_their_roles_and_searches_by_name(org, client):
    client.force_login(org.admin)
    url = reverse("renstra:pengguna-list", args=[org.pemda.pk])
    r = client.get(url)
    assert r.status_code == 200
    for orang in (org.admin, org.reviewer, org.perencana, org.pimpinan, org.operator):
        assert reverse("renstra:pengguna-detail", args=[org.pemda.pk, orang.pk]) in r.text
    assert "warga.lain" not in r.text and "akar" not in r.text
    assert "Operator unit kerja · Seksi Pelayanan" in r.text
    r = client.get(url, {"q": "renca"})
    assert ">perencana<" in r.text and ">operator<" not in r.text
    r = client.get(url, {"q": "tidak ada"})
    assert "Tidak ada pengguna yang cocok dengan pencarian." in r.text


@pytest.mark.parametrize("jumlah", [10, 100])
def test_the_list_runs_a_fixed_number_of_queries(org, client, django_user_model, jumlah, django_assert_max_num_queries):
    for i in range(jumlah):
        u = django_user_model.objects.create_user(f"orang{i}", password=SANDI)
        Keanggotaan.objects.create(user=u, pemda=org.pemda, pd=org.pd, unit_kerja=org.pel, peran=Peran.OPERATOR)
    client.force_login(org.admin)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("renstra:pengguna-list", args=[org.pemda.pk])).status_code == 200


# --- screens: create a user, add and remove roles -------------------------------------------------------------


def test_an_admin_creates_an_operator_who_then_logs_in_to_the_units_entry_page(org, client):
    client.force_login(org.admin)
    url = reverse("renstra:pengguna-create", args=[org.pemda.pk])
    r = client.get(url, {"pd": org.pd.pk})
    assert r.status_code == 200 and "Seksi Pelayanan" in r.text and "Bidang Kedua A" not in r.text
    data = form_data(r.text, "form-pengguna")
    data.update(
        username="sari.op",
        nama_depan="Sari",
        nama_belakang="Wulandari",
        email="sari@contoh.go.id",
        password=SANDI,
        password_ulang=SANDI,
        peran=Peran.OPERATOR,
        unit_kerja=str(org.pel.pk),
    )
    assert data["pd"] == str(org.pd.pk)
    r = client.post(url, data)
    k = Keanggotaan.objects.select_related("user").get(user__username="sari.op")
    assert r.status_code == 302 and r.url == reverse("renstra:pengguna-detail", args=[org.pemda.pk, k.user.pk])
    assert (k.peran, k.pd, k.unit_kerja) == (Peran.OPERATOR, org.pd, org.pel)
    assert k.history.get().history_user == org.admin

    client.logout()
    r = client.post(reverse("login"), {"username": "sari.op", "password": SANDI}, follow=True)
    tahun, triwulan = periode_aktif(org.pd)
    assert r.redirect_chain[-1][0] == reverse("kinerja:entri", args=[org.pel.pk, tahun, triwulan])
    assert r.status_code == 200


def test_the_create_form_shows_each_refusal_on_its_field(org, client, django_user_model):
    client.force_login(org.admin)
    url = reverse("renstra:pengguna-create", args=[org.pemda.pk])
    data = form_data(client.get(url).text, "form-pengguna")
    data.update(username="dewi", nama_depan="Dewi", password="12345678", password_ulang="12345678", peran="reviewer")
    r = client.post(url, data)
    alasan = "Kata sandi ini terlalu umum. Kata sandi ini seluruhnya terdiri dari angka."
    assert r.status_code == 200 and str(services.KATA_SANDI_DITOLAK) % {"alasan": alasan} in r.text
    data.update(password=SANDI, password_ulang=SANDI + "x")
    assert str(KATA_SANDI_BEDA) in client.post(url, data).text
    data.update(password_ulang=SANDI, username="operator")
    assert str(services.USERNAME_SUDAH_ADA) % {"username": "operator"} in client.post(url, data).text
    assert not django_user_model.objects.filter(username="dewi").exists()


def test_an_admin_adds_a_role_through_the_form(org, client):
    client.force_login(org.admin)
    url = reverse("renstra:pengguna-detail", args=[org.pemda.pk, org.operator.pk])
    r = client.get(url, {"pd": org.pd2.pk})
    assert "Bidang Kedua A" in r.text and "Seksi Pelayanan</option>" not in r.text
    data = form_data(r.text, "form-peran")
    data.update(peran=Peran.OPERATOR, unit_kerja=str(org.unit2.pk))
    r = client.post(url, data)
    assert r.status_code == 302 and r.url == url
    k = Keanggotaan.objects.get(user=org.operator, unit_kerja=org.unit2)
    assert (k.peran, k.pd, k.history.get().history_user) == (Peran.OPERATOR, org.pd2, org.admin)
    assert "Bidang Kedua A" in client.get(url).text


def test_the_unit_select_follows_the_chosen_pd_and_is_checked_on_the_server(org, client):
    client.force_login(org.admin)
    pilihan = reverse("renstra:unit-pilihan", args=[org.pemda.pk])
    r = client.get(pilihan, {"pd": org.pd2.pk}, headers={"HX-Request": "true"})
    assert f'<option value="{org.unit2.pk}">Bidang Kedua A</option>' in r.text and "Seksi Pelayanan" not in r.text
    r = client.get(pilihan, {"pd": org.pd_lain.pk})
    assert "Bidang Lain" not in r.text and str(PILIH_PD_DULU) in r.text

    url = reverse("renstra:pengguna-detail", args=[org.pemda.pk, org.perencana.pk])
    data = form_data(client.get(url, {"pd": org.pd.pk}).text, "form-peran")
    data.update(peran=Peran.OPERATOR, unit_kerja=str(org.unit2.pk))  # a unit of another PD, sent by hand
    r = client.post(url, data)
    assert r.status_code == 200 and str(services.UNIT_PD_LAIN) in r.text
    data.update(unit_kerja=str(org.unit_lain.pk))  # a unit of another pemda is not even a choice
    r = client.post(url, data)
    assert r.status_code == 200 and "form-peran" in r.text
    data.update(unit_kerja="", pd=str(org.pd_lain.pk))
    assert client.post(url, data).status_code == 200
    assert list(Keanggotaan.objects.filter(user=org.perencana).values_list("peran", flat=True)) == [Peran.PERENCANA]


def test_an_admin_removes_a_role_after_confirming(org, client):
    k = _tambah(org)
    client.force_login(org.admin)
    url = reverse("renstra:keanggotaan-hapus", args=[org.pemda.pk, k.pk])
    r = client.get(url)
    assert r.status_code == 200 and Keanggotaan.objects.filter(pk=k.pk).exists()
    assert "Ini peran terakhirnya" not in r.text
    r = client.post(url, form_data(r.text, "form-hapus"))
    assert r.url == reverse("renstra:pengguna-detail", args=[org.pemda.pk, org.operator.pk])
    assert not Keanggotaan.objects.filter(pk=k.pk).exists()
    assert Keanggotaan.history.filter(id=k.pk, history_type="-").get().history_user == org.admin

    terakhir = Keanggotaan.objects.get(user=org.operator)  # the last role: the person leaves the list
    url = reverse("renstra:keanggotaan-hapus", args=[org.pemda.pk, terakhir.pk])
    assert "Ini peran terakhirnya" in client.get(url).text
    assert client.post(url).url == reverse("renstra:pengguna-list", args=[org.pemda.pk])
    assert client.get(reverse("renstra:pengguna-detail", args=[org.pemda.pk, org.operator.pk])).status_code == 404


def test_the_last_admin_cannot_be_removed_on_screen(org, client):
    k = Keanggotaan.objects.get(user=org.admin)
    client.force_login(org.admin)
    r = client.post(reverse("renstra:keanggotaan-hapus", args=[org.pemda.pk, k.pk]), follow=True)
    assert str(services.ADMIN_TERAKHIR) in r.text
    assert Keanggotaan.objects.filter(pk=k.pk).exists()
