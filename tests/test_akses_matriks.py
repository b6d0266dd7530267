"""Every URL with every role, on its own PD and unit and on another's: 200/302, 403, 404 or a redirect to login.

No object is reachable by changing an id in a URL: a person of another PD gets 404 everywhere, an operator of
another unit gets 404 for the unit's pages, read-only roles get 403 on writes. A URL added without a line here
fails the coverage test.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from anggaran.models import RealisasiAnggaran
from kinerja.models import BuktiDukung, RealisasiKinerja
from laporan.models import CatatanReviu, EksporLaporan, Laporan, VersiLaporan
from renstra.models import Indikator, Keanggotaan, SubKegiatan, UnitKerja
from sakip.bundle.impor import bundle_import
from sakip.bundle.sintetis import bundle_sintetis
from tests.keadaan import keadaan_basis_data

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

OK, TOLAK, TIDAK_ADA, MASUK = "ok", 403, 404, "masuk"
PERSONA = ("anonim", "operator", "operator_lain", "perencana", "pimpinan", "reviewer", "admin_pemda", "luar")


@dataclass
class Dunia:
    pd: Any
    unit: Any
    unit_lain: Any
    indikator: Any
    sub: Any
    rekening_id: int
    realisasi: Any
    realisasi_anggaran: Any
    bukti: Any
    user_op: Any
    keanggotaan_op: Any
    ekspor: Any = None
    catatan: Any = None


@pytest.fixture
def dunia(contoh_pd) -> Dunia:
    hasil, _ = bundle_import(doc=bundle_sintetis(2, seed=1))  # another pemda and PD
    assert hasil.sah
    User = get_user_model()
    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    trantib = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-TRANTIB")
    pemda = contoh_pd.pemda
    from renstra.models import PerangkatDaerah

    luar_pd = PerangkatDaerah.objects.exclude(pk=contoh_pd.pk).get()
    peran = {
        "operator": dict(pd=contoh_pd, unit_kerja=pel, peran="operator"),
        "operator_lain": dict(pd=contoh_pd, unit_kerja=trantib, peran="operator"),
        "perencana": dict(pd=contoh_pd, peran="perencana"),
        "pimpinan": dict(pd=contoh_pd, peran="pimpinan"),
        "reviewer": dict(peran="reviewer"),
        "admin_pemda": dict(peran="admin_pemda"),
        "luar": dict(pd=luar_pd, peran="perencana", pemda=luar_pd.pemda),
    }
    anggota = {}
    for nama, k in peran.items():
        user = User.objects.create_user(nama, password="x")
        anggota[nama] = Keanggotaan.objects.create(user=user, **{"pemda": pemda, **k})
    ind = Indikator.objects.get(pd=contoh_pd, kode="IKU-2")
    rk = RealisasiKinerja.objects.get(indikator=ind, tahun=2024, triwulan=4)
    sub = SubKegiatan.objects.get(kode="7.01.02.2.01.0010")
    ra = RealisasiAnggaran.objects.get(sub_kegiatan=sub, tahun=2024, triwulan=4)
    bukti = BuktiDukung.objects.create(
        realisasi=rk,
        berkas=SimpleUploadedFile("x.pdf", b"%PDF-1.4"),
        nama_asli="x.pdf",
        ukuran=8,
        jenis_konten="application/pdf",
    )
    # a report with a logo, a generated file and a review note
    laporan = Laporan.objects.get(pd=contoh_pd, tahun=2024)  # from the bundle
    laporan.logo = SimpleUploadedFile("logo.png", PNG)
    laporan.save()
    versi = VersiLaporan.objects.create(laporan=laporan, nomor=1, params_hash="0" * 64)
    ekspor = EksporLaporan.objects.create(
        versi=versi, format="html", status="selesai", berkas=SimpleUploadedFile("l.html", b"<html></html>"), ukuran=13
    )
    catatan = CatatanReviu.objects.create(
        versi=versi, bagian="bab-1", judul_bagian="BAB I", teks="Catatan", penulis=anggota["reviewer"].user
    )
    return Dunia(
        contoh_pd,
        pel,
        trantib,
        ind,
        sub,
        ra.rekening_id,
        rk,
        ra,
        bukti,
        anggota["operator"].user,
        anggota["operator"],
        ekspor,
        catatan,
    )


def _unit(d: Dunia, lain: bool = False) -> dict:
    return {"unit_id": (d.unit_lain if lain else d.unit).pk, "tahun": 2024, "triwulan": 4}


def _pd(d: Dunia) -> dict:
    return {"pd_id": d.pd.pk, "tahun": 2024, "triwulan": 4}


BACA_PD = {
    "operator": OK,
    "operator_lain": OK,
    "perencana": OK,
    "pimpinan": OK,
    "reviewer": OK,
    "admin_pemda": OK,
    "luar": TIDAK_ADA,
}
RENCANA_PD = {
    "operator": TOLAK,
    "operator_lain": TOLAK,
    "perencana": OK,
    "pimpinan": TOLAK,
    "reviewer": TOLAK,
    "admin_pemda": TOLAK,
    "luar": TIDAK_ADA,
}
BACA_UNIT = {**BACA_PD, "operator_lain": TIDAK_ADA}
ISI_UNIT = {
    "operator": OK,
    "operator_lain": TIDAK_ADA,
    "perencana": OK,
    "pimpinan": TOLAK,
    "reviewer": TOLAK,
    "admin_pemda": TOLAK,
    "luar": TIDAK_ADA,
}
VERIFIKASI_UNIT = {**RENCANA_PD, "operator_lain": TIDAK_ADA}
SEMUA = dict.fromkeys(PERSONA[1:], OK)
DASBOR = {**BACA_PD, "operator": TOLAK, "operator_lain": TOLAK}
ADMIN_PEMDA = {
    "operator": TOLAK,
    "operator_lain": TOLAK,
    "perencana": TOLAK,
    "pimpinan": TOLAK,
    "reviewer": TOLAK,
    "admin_pemda": OK,
    "luar": TOLAK,
}
ADMIN_PEMDA_OBJEK = {**ADMIN_PEMDA, "luar": TOLAK}
REVIU_PD = {**RENCANA_PD, "perencana": TOLAK, "reviewer": OK}


def _laporan(d: Dunia) -> dict:
    return {"pd_id": d.pd.pk, "tahun": 2024}


def _impor(d: Dunia):
    """An uploaded realisation workbook of the operator's unit, waiting in preview (its file is no workbook, so
    applying it refuses it)."""
    from anggaran.models import ImporBerkas

    isi = b"PK\x03\x04 bukan buku kerja"
    return ImporBerkas.objects.create(
        jenis="realisasi", pd=d.pd, unit=d.unit, tahun=2024, triwulan=4, berkas=SimpleUploadedFile("i.xlsx", isi),
        nama_asli="i.xlsx", sha256="0" * 64, created_by=d.user_op,
    )  # fmt: skip


# url name: (method, kwargs(d), expectation per persona)
HARAPAN = {
    "beranda": ("get", lambda d: {}, SEMUA),
    "kinerja:pd-list": ("get", lambda d: {}, SEMUA),
    "kinerja:triwulan": ("get", _pd, BACA_PD),
    "kinerja:kunci": ("post", _pd, RENCANA_PD),
    "kinerja:buka": ("post", _pd, RENCANA_PD),
    "kinerja:dasbor": ("get", lambda d: {"pd_id": d.pd.pk, "tahun": 2024}, DASBOR),
    "kinerja:entri": ("get", _unit, BACA_UNIT),
    "kinerja:simpan-kinerja": ("post", lambda d: {**_unit(d), "indikator_id": d.indikator.pk}, ISI_UNIT),
    "kinerja:bukti-unggah": ("post", lambda d: {**_unit(d), "indikator_id": d.indikator.pk}, ISI_UNIT),
    "kinerja:simpan-anggaran": (
        "post",
        lambda d: {**_unit(d), "sub_kegiatan_id": d.sub.pk, "rekening_id": d.rekening_id},
        ISI_UNIT,
    ),
    "kinerja:simpan-fisik": ("post", lambda d: {**_unit(d), "sub_kegiatan_id": d.sub.pk}, ISI_UNIT),
    "kinerja:ajukan": ("post", _unit, ISI_UNIT),
    "kinerja:verifikasi": ("post", _unit, VERIFIKASI_UNIT),
    "kinerja:kembalikan": ("post", lambda d: {**_unit(d), "jenis": "kinerja", "pk": d.realisasi.pk}, VERIFIKASI_UNIT),
    "kinerja:bukti-unduh": ("get", lambda d: {"pk": d.bukti.pk}, BACA_UNIT),
    "kinerja:riwayat": ("get", lambda d: {"jenis": "kinerja", "pk": d.realisasi.pk}, BACA_UNIT),
    "kinerja:realisasi-list": ("get", lambda d: {}, SEMUA),
    "kinerja:realisasi-list-unduh": ("get", lambda d: {"format": "csv"}, SEMUA),
    "kinerja:anggaran-list": ("get", lambda d: {}, SEMUA),
    "kinerja:anggaran-list-unduh": ("get", lambda d: {"format": "csv"}, SEMUA),
    "laporan:detail": ("get", _laporan, BACA_PD),
    "laporan:buat": ("post", _laporan, RENCANA_PD),
    "laporan:status": ("get", lambda d: {"pk": d.ekspor.pk}, BACA_PD),
    "laporan:unduh": ("get", lambda d: {"pk": d.ekspor.pk}, BACA_PD),
    "laporan:narasi": ("get", _laporan, RENCANA_PD),
    "laporan:gambar": ("get", lambda d: {**_laporan(d), "jenis": "logo"}, BACA_PD),
    "laporan:pemeriksaan": ("get", _laporan, BACA_PD),
    "laporan:baca": ("get", _laporan, BACA_PD),
    "laporan:catatan-tambah": ("post", _laporan, REVIU_PD),
    "laporan:catatan-jawab": ("post", lambda d: {"pk": d.catatan.pk}, RENCANA_PD),
    "laporan:reviu-selesai": ("post", _laporan, REVIU_PD),
    "anggaran:dpa": ("get", _laporan, BACA_PD),
    "anggaran:dpa-unduh": ("get", lambda d: {**_laporan(d), "kode": "rekening"}, BACA_PD),
    "anggaran:templat-realisasi": ("get", _unit, ISI_UNIT),
    "anggaran:impor-realisasi": ("get", _unit, ISI_UNIT),
    "anggaran:templat-dpa": ("get", lambda d: {**_laporan(d), "versi": "murni"}, RENCANA_PD),
    "anggaran:impor-dpa": ("get", _laporan, RENCANA_PD),
    "anggaran:impor-detail": ("get", lambda d: {"pk": _impor(d).pk}, ISI_UNIT),
    "anggaran:impor-terapkan": ("post", lambda d: {"pk": _impor(d).pk}, ISI_UNIT),
    "anggaran:impor-status": ("get", lambda d: {"pk": _impor(d).pk}, ISI_UNIT),
    "renstra:pemda-list": ("get", lambda d: {}, ADMIN_PEMDA),
    "renstra:pengguna-list": ("get", lambda d: {"pemda_id": d.pd.pemda_id}, ADMIN_PEMDA_OBJEK),
    "renstra:pengguna-create": ("get", lambda d: {"pemda_id": d.pd.pemda_id}, ADMIN_PEMDA_OBJEK),
    "renstra:unit-pilihan": ("get", lambda d: {"pemda_id": d.pd.pemda_id}, ADMIN_PEMDA_OBJEK),
    "renstra:pengguna-detail": (
        "get",
        lambda d: {"pemda_id": d.pd.pemda_id, "user_id": d.user_op.pk},
        ADMIN_PEMDA_OBJEK,
    ),
    "renstra:keanggotaan-hapus": (
        "get",
        lambda d: {"pemda_id": d.pd.pemda_id, "pk": d.keanggotaan_op.pk},
        ADMIN_PEMDA_OBJEK,
    ),
}


def _nama_url() -> set[str]:
    nama = set()
    resolver = get_resolver()
    for ns in ("kinerja", "renstra", "laporan", "anggaran"):
        _prefix, sub = resolver.namespace_dict[ns]
        nama |= {f"{ns}:{n}" for n in sub.reverse_dict if isinstance(n, str)}
    return nama | {"beranda"}


def test_every_url_has_its_expectations():
    assert _nama_url() - set(HARAPAN) == set()


def _klien(persona: str, d: Dunia) -> Client:
    c = Client()
    if persona != "anonim":
        c.force_login(get_user_model().objects.get(username=persona))
    return c


#: GET pages whose answer, when allowed, is a redirect (to the person's own quarter, to the one pemda they administer).
GET_DIALIHKAN = {"beranda", "renstra:pemda-list"}
HALAMAN_MASUK = ("/masuk/", "/admin/login/")


def _hasil(r, metode: str, nama: str):
    """OK, MASUK or the refusal. A redirect is an answer only to a POST (back to the page) or to a page that
    redirects by design; a GET redirected elsewhere (the admin's index, say) is reported with its target, so it can
    never pass for "allowed"."""
    if r.status_code == 302:
        tujuan = r["Location"]
        if tujuan.startswith(HALAMAN_MASUK):
            return MASUK
        return OK if metode == "post" or nama in GET_DIALIHKAN else f"302 {tujuan}"
    return OK if r.status_code == 200 else r.status_code


def _jalankan(url: str, metode: str, nama: str, harapan: dict, dunia, data=None) -> dict:
    """Each persona's outcome; a refused write is shown to have changed nothing."""
    hasil = {}
    for persona in PERSONA:
        klien = _klien(persona, dunia)
        ditolak = metode == "post" and harapan.get(persona, MASUK) != OK
        sebelum = keadaan_basis_data() if ditolak else None
        r = getattr(klien, metode)(url, data or {})
        hasil[persona] = _hasil(r, metode, nama)
        if ditolak:
            assert keadaan_basis_data() == sebelum, f"{persona} was refused {nama} but something changed"
    return hasil


@pytest.mark.parametrize("nama", sorted(HARAPAN))
def test_every_role_on_every_url(dunia, nama):
    metode, kwargs, harapan = HARAPAN[nama]
    url = reverse(nama, kwargs=kwargs(dunia))
    assert _jalankan(url, metode, nama, harapan, dunia) == {"anonim": MASUK, **harapan}


# --- the admin: every persona staff with the demo group of their role (the worst case) -----------------------


UBAH_ADMIN = {**RENCANA_PD, "admin_pemda": OK}
HAPUS_ADMIN = {**UBAH_ADMIN, "perencana": TOLAK}
BACA_SAJA_ADMIN = {p: (TIDAK_ADA if h == TIDAK_ADA else TOLAK) for p, h in BACA_PD.items()}


def _staf_semua():
    from sakip.demo import _grup

    for k in Keanggotaan.objects.select_related("user").exclude(user__username="admin"):
        k.user.is_staff = True
        k.user.save()
        k.user.groups.add(_grup(k.peran))


def _objek_admin(d: Dunia, jenis: str):
    from laporan.models import NarasiLaporan

    if jenis == "narasi":
        laporan = Laporan.objects.get(pd=d.pd, tahun=2024)
        return NarasiLaporan.objects.get_or_create(laporan=laporan, kunci="ikhtisar", defaults={"teks": "Ikhtisar"})[0]
    return {"indikator": d.indikator, "realisasi": d.realisasi, "bukti": d.bukti, "unit": d.unit}[jenis]


def _url_admin(obj, aksi: str) -> str:
    info = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
    if aksi == "changelist":
        return reverse(f"{info}_changelist")
    if aksi == "simple_history":
        if not obj.history.exists():
            obj.save()
        return reverse(f"{info}_simple_history", args=[obj.pk, obj.history.latest("history_id").pk])
    return reverse(f"{info}_{aksi}", args=[obj.pk])


#: (object, view, method, expectation): one changeable row of each kind and the read-only realisations and evidence.
HARAPAN_ADMIN = [
    (jenis, aksi, metode, harapan)
    for jenis, ubah, hapus, hapus_kirim in (
        # an indicator with realisations is not deleted here: they are the entry screens' (Django asks for rights on
        # every row the deletion would take)
        ("indikator", UBAH_ADMIN, HAPUS_ADMIN, {**HAPUS_ADMIN, "admin_pemda": TOLAK}),
        ("unit", UBAH_ADMIN, HAPUS_ADMIN, HAPUS_ADMIN),
        ("narasi", UBAH_ADMIN, HAPUS_ADMIN, HAPUS_ADMIN),
        ("realisasi", BACA_SAJA_ADMIN, BACA_SAJA_ADMIN, BACA_SAJA_ADMIN),
        ("bukti", BACA_SAJA_ADMIN, BACA_SAJA_ADMIN, BACA_SAJA_ADMIN),
    )
    for aksi, metode, harapan in (
        ("changelist", "get", SEMUA),
        ("change", "get", BACA_PD),
        ("change", "post", ubah),
        ("history", "get", BACA_PD),
        ("simple_history", "get", BACA_PD),
        ("simple_history", "post", ubah),
        ("delete", "get", hapus),
        ("delete", "post", hapus_kirim),
    )
]


@pytest.mark.parametrize(
    ("jenis", "aksi", "metode", "harapan"), HARAPAN_ADMIN, ids=[f"{j}-{a}-{m}" for j, a, m, _h in HARAPAN_ADMIN]
)
def test_every_role_on_the_admin(dunia, jenis, aksi, metode, harapan):
    _staf_semua()
    url = _url_admin(_objek_admin(dunia, jenis), aksi)
    data = {"post": "yes"} if aksi == "delete" else {}
    assert _jalankan(url, metode, f"admin:{aksi}", harapan, dunia, data) == {"anonim": MASUK, **harapan}


@pytest.mark.parametrize("nama", [n for n, (_m, _k, h) in HARAPAN.items() if h.get("operator_lain") == TIDAK_ADA])
def test_an_operator_reaches_no_other_unit_by_changing_the_id(dunia, nama):
    metode, kwargs, _ = HARAPAN[nama]
    kw = kwargs(dunia)
    if "unit_id" not in kw:
        pytest.skip("no unit in this URL")
    kw["unit_id"] = dunia.unit_lain.pk
    r = getattr(_klien("operator", dunia), metode)(reverse(nama, kwargs=kw))
    assert r.status_code == 404


def test_the_admin_is_scoped_to_the_persons_pds(dunia):
    from sakip.demo import _grup

    user = get_user_model().objects.get(username="perencana")
    user.is_staff = True
    user.save()
    user.groups.add(_grup(Keanggotaan.Peran.PERENCANA))
    c = Client()
    c.force_login(user)
    daftar = c.get(reverse("admin:renstra_indikator_changelist")).content.decode()
    assert "IKU-2" in daftar and "IT-1" in daftar
    luar = (
        Indikator.objects.exclude(pd=dunia.pd)
        .exclude(kode__in=Indikator.objects.filter(pd=dunia.pd).values("kode"))
        .first()
    )
    assert luar.kode not in daftar
    assert c.get(reverse("admin:renstra_indikator_change", args=[luar.pk])).status_code == 404  # as on the screens
    sendiri = reverse("admin:renstra_indikator_change", args=[dunia.indikator.pk])
    halaman = c.get(sendiri)
    assert halaman.status_code == 200 and 'name="_save"' in halaman.content.decode()
    # the reviewer reads every PD of the pemda in the admin but changes nothing
    rev = get_user_model().objects.get(username="reviewer")
    rev.is_staff = True
    rev.save()
    rev.groups.add(_grup(Keanggotaan.Peran.REVIEWER))
    c.force_login(rev)
    halaman = c.get(sendiri)
    assert halaman.status_code == 200 and 'name="_save"' not in halaman.content.decode()
    assert c.post(sendiri, {}).status_code == 403


def test_an_admin_pemda_adds_a_pd_of_their_own_pemda_only(dunia):
    from renstra.models import PerangkatDaerah
    from sakip.demo import _grup

    user = get_user_model().objects.get(username="admin_pemda")
    user.is_staff = True
    user.save()
    user.groups.add(_grup(Keanggotaan.Peran.ADMIN_PEMDA))
    c = Client()
    c.force_login(user)
    url = reverse("admin:renstra_perangkatdaerah_add")
    halaman = c.get(url).content.decode()
    assert dunia.pd.pemda.nama in halaman and "Bench" not in halaman  # only their pemda to choose
    data = {
        "pemda": dunia.pd.pemda_id,
        "kode": "7.01.0.00.0.00.10.0000",
        "nama": "Kecamatan Baru",
        "catatan_data": "[]",
    }
    r = c.post(url, data)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert PerangkatDaerah.objects.filter(kode="7.01.0.00.0.00.10.0000", pemda=dunia.pd.pemda).exists()
    luar = PerangkatDaerah.objects.exclude(pemda=dunia.pd.pemda).get()
    r = c.post(url, {**data, "pemda": luar.pemda_id, "kode": "X.1"})
    assert r.status_code == 200 and not PerangkatDaerah.objects.filter(kode="X.1").exists()
