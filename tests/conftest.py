import json
from pathlib import Path

import pytest
from django.utils import translation

from sakip.bundle.impor import baca_json, bundle_import

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).resolve().parent.parent / "sakip" / "demo"


@pytest.fixture(autouse=True)
def bahasa_indonesia():
    with translation.override("id"):
        yield


def muat_bundle(path: Path) -> dict:
    return baca_json(path.read_bytes())


@pytest.fixture
def contoh_doc() -> dict:
    return muat_bundle(DATA / "contoh-bundle.json")


@pytest.fixture
def contoh_hasil() -> dict:
    return json.loads((DATA / "contoh-hasil.json").read_text(encoding="utf-8"))


def pasang_data_bawaan() -> None:
    """Put back what the data migrations seed (preset scales, chart of accounts): a transactional test flushes the
    tables it ran on, so the next one would start without them. Both seeds are idempotent."""
    import importlib

    from django.apps import apps

    for modul in ("kinerja.migrations.0003_skala_bawaan", "anggaran.migrations.0003_rekening_bawaan"):
        importlib.import_module(modul).pasang(apps, None)


@pytest.fixture
def contoh_pd(db, contoh_doc):
    from renstra.models import PerangkatDaerah

    pasang_data_bawaan()

    hasil, _ = bundle_import(doc=contoh_doc)
    assert hasil.sah, hasil.galat
    return PerangkatDaerah.objects.get(kode=contoh_doc["perangkat_daerah"]["kode"])


@pytest.fixture
def paser_pd(db):
    from renstra.models import PerangkatDaerah

    pasang_data_bawaan()
    doc = muat_bundle(DEMO / "paser-2024.json")
    hasil, _ = bundle_import(doc=doc)
    assert hasil.sah, hasil.galat
    return PerangkatDaerah.objects.get(kode=doc["perangkat_daerah"]["kode"])
