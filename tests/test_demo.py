"""The demo data that scripts/run.sh loads: both PDs, one user per role, idempotent."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from renstra.models import Keanggotaan, PerangkatDaerah
from sakip.demo import PASSWORD_DEMO, PENGGUNA_DEMO

pytestmark = pytest.mark.django_db


def test_demo_loads_both_pds_and_a_user_per_role():
    out = io.StringIO()
    call_command("sakip_demo", stdout=out)
    assert set(PerangkatDaerah.objects.values_list("nama", flat=True)) == {
        "Sekretariat Daerah Kabupaten Paser",
        "Kecamatan Sukamaju",
    }
    assert {p.peran for p in PENGGUNA_DEMO} == set(Keanggotaan.Peran.values)
    for p in PENGGUNA_DEMO:
        user = authenticate(username=p.username, password=PASSWORD_DEMO)
        assert user is not None and user.is_staff == (p.peran in ("perencana", "admin_pemda"))
        k = Keanggotaan.objects.get(user=user)
        assert k.peran == p.peran
        assert (k.unit_kerja.kode if k.unit_kerja else None) == p.unit
    assert authenticate(username="admin", password=PASSWORD_DEMO).is_superuser

    call_command("sakip_demo", stdout=out)  # a second run changes nothing
    assert "0 baris baru, 0 diubah" in out.getvalue().splitlines()[-2]
    assert Keanggotaan.objects.count() == len(PENGGUNA_DEMO)
