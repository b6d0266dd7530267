"""One installation, many pemdas: the Sekretariat Daerah of two kabupaten, with the same Kepmendagri code, in one
database, kept apart everywhere.

The Paser demo is imported as it is (pemda 64.01) and again as its twin "Kabupaten Kembaran" (pemda 64.99): same
PD code, same indicator, unit and sub kegiatan codes, but its own name and a few figures of its own. Every page, the
figures, the report, the workbooks, the commands and the bundle of one must show that pemda's data only, and a person
of one pemda reaches nothing of the other.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from anggaran import impor
from anggaran.models import RealisasiAnggaran
from kinerja.models import BuktiDukung, RealisasiKinerja
from kinerja.selectors import hasil_tahun
from laporan.models import CatatanReviu, EksporLaporan, Laporan, VersiLaporan
from renstra.models import Indikator, Keanggotaan, PerangkatDaerah, SubKegiatan, UnitKerja
from renstra.selectors import PD_KODE_GANDA, PD_TIDAK_DITEMUKAN_DI_PEMDA
from sakip.angka import format_angka
from sakip.bundle.ekspor import ekspor_bundle
from sakip.bundle.hasil import hasil_dict
from sakip.bundle.impor import baca_json, bundle_import
from sakip.demo import PASER
from tests.conftest import DEMO, pasang_data_bawaan
from tests.test_akses_matriks import HARAPAN, TIDAK_ADA

pytestmark = pytest.mark.django_db

TAHUN = 2024
PEMDA_A, PEMDA_B = "64.01", "64.99"
NAMA_B = "Sekretariat Daerah Kabupaten Kembaran"
#: IKU-2 of 2024 (Paser: 86,72) and the first money line of TW I (Paser: 46.081.200) in the twin
IKU_B = Decimal("41.37")
RUPIAH_B = 12_345_678
DAFTAR = f"{PEMDA_A} Kabupaten Paser, {PEMDA_B} Kabupaten Kembaran"


def _ganti(x: Any) -> Any:
    if isinstance(x, str):
        return x.replace("Paser", "Kembaran")
    if isinstance(x, dict):
        return {k: _ganti(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_ganti(v) for v in x]
    return x


def kembaran(doc: dict) -> dict:
    """The Paser bundle as another kabupaten's: the same codes, another pemda, names, texts and a few figures."""
    doc = _ganti(doc)
    doc["pemda"]["kode"] = PEMDA_B
    (blok,) = [t for t in doc["tahun"] if t["tahun"] == TAHUN]
    (iku2,) = [r for r in blok["realisasi_kinerja"] if r["indikator"] == "IKU-2"]
    iku2["nilai"] = IKU_B
    blok["realisasi_anggaran"][0]["jumlah"] = RUPIAH_B
    return doc


@pytest.fixture
def dua(db) -> SimpleNamespace:
    pasang_data_bawaan()
    doc = baca_json((DEMO / "paser-2024.json").read_bytes())
    for d in (doc, kembaran(doc)):
        hasil, _ = bundle_import(doc=d)
        assert hasil.sah, hasil.galat
    a = PerangkatDaerah.objects.get(pemda__kode=PEMDA_A, kode=PASER)
    b = PerangkatDaerah.objects.get(pemda__kode=PEMDA_B, kode=PASER)
    User = get_user_model()
    user = {}
    for nama, pd in (("perencana.a", a), ("perencana.b", b)):
        user[nama] = User.objects.create_user(nama, password="x")
        Keanggotaan.objects.create(user=user[nama], pemda=pd.pemda, pd=pd, peran="perencana")
    return SimpleNamespace(doc=doc, a=a, b=b, user_a=user["perencana.a"], user_b=user["perencana.b"])


def _klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_setda_of_two_pemdas_live_side_by_side(dua):
    assert dua.a.kode == dua.b.kode and dua.a.pemda_id != dua.b.pemda_id
    assert dua.b.nama == NAMA_B
    for pd in (dua.a, dua.b):
        assert Indikator.objects.filter(pd=pd).count() == Indikator.objects.filter(pd=dua.a).count() > 0
    iku2 = {
        pd.pemda.kode: RealisasiKinerja.objects.get(indikator__pd=pd, indikator__kode="IKU-2", tahun=TAHUN).nilai
        for pd in (dua.a, dua.b)
    }
    assert iku2 == {PEMDA_A: Decimal("86.72"), PEMDA_B: IKU_B}
    # importing one again changes nothing, in it or in the other
    _, ringkasan = bundle_import(doc=dua.doc)
    assert not ringkasan.ada_perubahan
    assert RealisasiKinerja.objects.get(indikator__pd=dua.b, indikator__kode="IKU-2", tahun=TAHUN).nilai == IKU_B


def test_a_code_is_unique_within_its_pemda(dua):
    with pytest.raises(IntegrityError), transaction.atomic():
        PerangkatDaerah.objects.create(pemda=dua.a.pemda, kode=PASER, nama="Setda kedua")


def test_each_setda_pages_show_its_own_data(dua):
    lain = {dua.a.pk: dua.b, dua.b.pk: dua.a}
    # IKU-2 of 2024 and the first money line, as the report prints them
    angka = {
        dua.a.pk: (format_angka(Decimal("86.72")), format_angka(Decimal(46_081_200), 0)),
        dua.b.pk: (format_angka(IKU_B), format_angka(Decimal(RUPIAH_B), 0)),
    }
    for pd, user in ((dua.a, dua.user_a), (dua.b, dua.user_b)):
        c = _klien(user)
        halaman = {
            "dasbor": reverse("kinerja:dasbor", kwargs={"pd_id": pd.pk, "tahun": TAHUN}),
            "triwulan": reverse("kinerja:triwulan", kwargs={"pd_id": pd.pk, "tahun": TAHUN, "triwulan": 4}),
            "laporan": reverse("laporan:detail", kwargs={"pd_id": pd.pk, "tahun": TAHUN}),
            "baca": reverse("laporan:baca", kwargs={"pd_id": pd.pk, "tahun": TAHUN}),
            "pemeriksaan": reverse("laporan:pemeriksaan", kwargs={"pd_id": pd.pk, "tahun": TAHUN}),
            "dpa": reverse("anggaran:dpa", kwargs={"pd_id": pd.pk, "tahun": TAHUN}),
        }
        for nama, url in halaman.items():
            r = c.get(url)
            assert r.status_code == 200, nama
            html = r.content.decode()
            assert pd.nama in html, nama
            assert lain[pd.pk].nama not in html, nama
        laporan = c.get(halaman["baca"]).content.decode()
        assert all(x in laporan for x in angka[pd.pk])
        assert not any(x in laporan for x in angka[lain[pd.pk].pk])
        daftar = c.get(reverse("kinerja:realisasi-list")).content.decode()
        assert angka[pd.pk][0] in daftar and angka[lain[pd.pk].pk][0] not in daftar


def test_each_setda_figures_are_its_own(dua):
    hasil = {pd.pemda.kode: hasil_dict(hasil_tahun(pd, TAHUN)) for pd in (dua.a, dua.b)}
    iku2 = {k: next(i for i in h["indikator"] if i["kode"] == "IKU-2")["realisasi"] for k, h in hasil.items()}
    assert iku2 == {PEMDA_A: "86.72", PEMDA_B: str(IKU_B)}
    rp = {
        pd.pemda.kode: RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=TAHUN)
        .values_list("jumlah", flat=True)
        .order_by("jumlah")
        for pd in (dua.a, dua.b)
    }
    assert RUPIAH_B in rp[PEMDA_B] and RUPIAH_B not in rp[PEMDA_A]


def test_a_person_of_one_pemda_reaches_nothing_of_the_other(dua):
    """Every URL the permission matrix closes to another PD's person (404), on the twin's objects, for the
    perencana of the Paser Setda: the same PD code opens nothing of the other pemda."""
    b = dua.b
    unit = UnitKerja.objects.filter(pd=b, sub_kegiatan__isnull=False).order_by("kode").first()
    realisasi = RealisasiKinerja.objects.filter(indikator__pd=b, tahun=TAHUN).order_by("pk").first()
    ra = RealisasiAnggaran.objects.filter(sub_kegiatan__unit_kerja=unit, tahun=TAHUN).order_by("pk").first()
    laporan = Laporan.objects.get(pd=b, tahun=TAHUN)
    versi = VersiLaporan.objects.create(laporan=laporan, nomor=1, params_hash="0" * 64)
    d = SimpleNamespace(
        pd=b,
        unit=unit,
        unit_lain=UnitKerja.objects.filter(pd=b).exclude(pk=unit.pk).first(),
        indikator=realisasi.indikator,
        sub=ra.sub_kegiatan,
        rekening_id=ra.rekening_id,
        realisasi=realisasi,
        realisasi_anggaran=ra,
        bukti=BuktiDukung.objects.create(
            realisasi=realisasi,
            berkas=SimpleUploadedFile("x.pdf", b"%PDF-1.4"),
            nama_asli="x.pdf",
            ukuran=8,
            jenis_konten="application/pdf",
        ),
        user_op=dua.user_b,
        ekspor=EksporLaporan.objects.create(
            versi=versi, format="html", status="selesai", berkas=SimpleUploadedFile("l.html", b"<html>"), ukuran=6
        ),
        catatan=CatatanReviu.objects.create(
            versi=versi, bagian="bab-1", judul_bagian="BAB I", teks="Catatan", penulis=dua.user_b
        ),
    )
    tertutup = [nama for nama, (_m, _k, h) in HARAPAN.items() if h.get("luar") == TIDAK_ADA]
    assert len(tertutup) > 20
    c = _klien(dua.user_a)
    hasil = {}
    for nama in tertutup:
        metode, kwargs, _ = HARAPAN[nama]
        hasil[nama] = getattr(c, metode)(reverse(nama, kwargs=kwargs(d))).status_code
    assert hasil == dict.fromkeys(tertutup, 404)


def _perintah(nama: str, *args: str) -> str:
    out = io.StringIO()
    call_command(nama, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ("sakip_export", "--out", "-"),
        ("lkjip", "--tahun", "2024", "--out", "-"),
        ("dpa_xlsx", "--tahun", "2024", "--keluar", "{tmp}"),
    ],
)
def test_a_command_refuses_a_code_two_pemdas_share(dua, tmp_path, args):
    nama, *lain = (a.format(tmp=tmp_path) for a in args)
    with pytest.raises(CommandError) as e:
        _perintah(nama, "--pd", PASER, *lain)
    assert str(e.value) == PD_KODE_GANDA % {"kode": PASER, "daftar": DAFTAR}
    with pytest.raises(CommandError) as e:
        _perintah(nama, "--pd", PASER, "--pemda", "63.01", *lain)
    assert str(e.value) == PD_TIDAK_DITEMUKAN_DI_PEMDA % {"kode": PASER, "pemda": "63.01"}
    assert list(tmp_path.iterdir()) == []


def test_the_bundle_of_each_setda_round_trips(dua):
    teks = {k: _perintah("sakip_export", "--pd", PASER, "--pemda", k, "--out", "-") for k in (PEMDA_A, PEMDA_B)}
    doc = {k: baca_json(t) for k, t in teks.items()}
    assert doc[PEMDA_A] == json.loads(json.dumps(ekspor_bundle(dua.a), default=str), parse_float=Decimal)
    assert doc[PEMDA_A]["pemda"]["kode"] == PEMDA_A and doc[PEMDA_B]["pemda"]["kode"] == PEMDA_B
    assert doc[PEMDA_B] == kembaran(doc[PEMDA_A])
    for d in doc.values():
        hasil, ringkasan = bundle_import(doc=d)
        assert hasil.sah and not ringkasan.ada_perubahan


def test_the_json_figures_and_the_report_of_each_setda(dua, tmp_path):
    for pd in (dua.a, dua.b):
        hasil = json.loads(_perintah("lkjip", "--pd", PASER, "--pemda", pd.pemda.kode, "--tahun", "2024", "--out", "-"))
        assert hasil == json.loads(json.dumps(hasil_dict(hasil_tahun(pd, TAHUN))))
        out = tmp_path / f"{pd.pemda.kode}.html"
        _perintah(
            "lkjip", "--pd", PASER, "--pemda", pd.pemda.kode, "--tahun", "2024", "--format", "html", "--out", str(out)
        )
        html = out.read_text(encoding="utf-8")
        lain = dua.b if pd == dua.a else dua.a
        assert f"<title>LKjIP {pd.nama} Tahun {TAHUN}</title>" in html
        assert lain.nama not in html


def test_the_dpa_workbooks_of_each_setda(dua, tmp_path):
    for pd in (dua.a, dua.b):
        _perintah(
            "dpa_xlsx",
            "--pd",
            PASER,
            "--pemda",
            pd.pemda.kode,
            "--tahun",
            "2024",
            "--jenis",
            "rekening",
            "--keluar",
            str(tmp_path),
        )
    berkas = sorted(p.name for p in tmp_path.iterdir())
    assert berkas == [
        "dpa-rekening-sekretariat-daerah-kabupaten-kembaran-2024.xlsx",
        "dpa-rekening-sekretariat-daerah-kabupaten-paser-2024.xlsx",
    ]
    total = {}
    for nama, pd in zip(berkas, (dua.b, dua.a), strict=True):
        ws = openpyxl.load_workbook(tmp_path / nama).worksheets[0]
        baris = [r for r in ws.iter_rows(values_only=True) if r[1] == "JUMLAH"]
        assert ws["A2"].value == pd.nama
        total[pd.pemda.kode] = Decimal(str(baris[0][3]))
    harap = {
        pd.pemda.kode: sum(
            RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, tahun=TAHUN).values_list(
                "jumlah", flat=True
            ),
            Decimal(0),
        )
        for pd in (dua.a, dua.b)
    }
    assert total == harap and total[PEMDA_A] != total[PEMDA_B]


def test_a_workbook_of_one_setda_is_refused_by_the_other(dua):
    templat = impor.tulis(impor.templat_dpa(pd=dua.a, tahun=TAHUN, versi="perubahan"))
    hasil = impor.periksa_dpa(pd=dua.b, tahun=TAHUN, versi="perubahan", berkas=io.BytesIO(templat))
    assert [g.pesan for g in hasil.galat] == [
        impor.TEMPLAT_LAIN
        % {
            "berkas": f"DPA perubahan {PASER} pemda {PEMDA_A} tahun {TAHUN}",
            "halaman": f"DPA perubahan {PASER} pemda {PEMDA_B} tahun {TAHUN}",
        }
    ]
    unit_a = UnitKerja.objects.filter(pd=dua.a, sub_kegiatan__isnull=False).order_by("kode").first()
    unit_b = UnitKerja.objects.get(pd=dua.b, kode=unit_a.kode)
    templat = impor.tulis(impor.templat_realisasi(unit=unit_a, tahun=TAHUN, triwulan=4))
    hasil = impor.periksa_realisasi(unit=unit_b, tahun=TAHUN, triwulan=4, berkas=io.BytesIO(templat))
    assert len(hasil.galat) == 1 and f"pemda {PEMDA_A}" in hasil.galat[0].pesan
    assert SubKegiatan.objects.filter(kegiatan__program__pd=dua.b).count() > 0
