"""The selector loads a PD's year in a fixed number of queries, whatever the size of the PD."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.selectors import data_tahun, hasil_tahun
from renstra.models import Indikator, PerangkatDaerah
from sakip.bundle.hasil import hasil_dict
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import KODE_PD, TAHUN, bundle_sintetis

pytestmark = pytest.mark.django_db

ANGGARAN_QUERY = 16


def _jumlah_query(n_sub: int) -> tuple[int, int]:
    hasil, _ = bundle_import(doc=bundle_sintetis(n_sub, seed=7))
    assert hasil.sah, hasil.galat[:5]
    pd = PerangkatDaerah.objects.get(kode=KODE_PD)
    with CaptureQueriesContext(connection) as ctx:
        hasil_dict(hasil_tahun(pd, TAHUN))
    return Indikator.objects.filter(pd=pd).count(), len(ctx.captured_queries)


def test_query_count_is_the_same_for_a_small_and_a_large_pd():
    kecil_indikator, kecil = _jumlah_query(1)
    PerangkatDaerah.objects.get(kode=KODE_PD).delete()
    besar_indikator, besar = _jumlah_query(340)
    assert kecil_indikator < 20 and besar_indikator >= 1000
    assert kecil == besar <= ANGGARAN_QUERY


def test_the_synthetic_pd_gives_complete_figures():
    hasil, _ = bundle_import(doc=bundle_sintetis(20, seed=3))
    assert hasil.sah and hasil.peringatan == []
    pd = PerangkatDaerah.objects.get(kode=KODE_PD)
    data = data_tahun(pd, TAHUN)
    assert len(data.sub_kegiatan) == 20 and len(data.indikator) == 60
    h = hasil_dict(hasil_tahun(pd, TAHUN))
    assert h["iku"]["jumlah"] == 12 and h["iku"]["rata_rata"] is not None
    assert all(s["capaian_k"] is not None for s in h["anggaran"]["sub_kegiatan"])
    assert h["anggaran"]["total"]["serapan"] is not None
