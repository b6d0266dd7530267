"""The realisation lists and their downloads: scoping per role, filters, sorting, pages, CSV/XLSX, query budget."""

import csv
import io
import re
from decimal import Decimal as D

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from anggaran.models import RealisasiAnggaran, Rekening
from kinerja import services
from kinerja.models import RealisasiKinerja, Tahap
from kinerja.views_daftar import PER_HALAMAN
from renstra.models import (
    Indikator,
    Keanggotaan,
    Kegiatan,
    Pemda,
    PerangkatDaerah,
    Program,
    SubKegiatan,
    UnitKerja,
)

pytestmark = pytest.mark.django_db

LIST = "kinerja:realisasi-list"
LIST_RP = "kinerja:anggaran-list"


def pd_baru(pemda: Pemda, kode: str, *, kinerja: int = 0, anggaran: int = 0, tahun: int = 2024) -> PerangkatDaerah:
    """A PD with one unit, ``kinerja`` indicator realisations and ``anggaran`` spending rows (four quarters each)."""
    pd = PerangkatDaerah.objects.create(pemda=pemda, kode=kode, nama=f"Dinas {kode}", singkatan=f"D{kode}")
    unit = UnitKerja.objects.create(pd=pd, kode="BID-1", nama=f"Bidang Satu {kode}")
    program = Program.objects.create(pd=pd, kode="1.01", nama="Program Uji")
    kegiatan = Kegiatan.objects.create(program=program, kode="1.01.01", nama="Kegiatan Uji")
    rekening, _ = Rekening.objects.get_or_create(kode="5.1.02.99", defaults={"uraian": "Belanja Uji"})
    baris = []
    for n in range(kinerja):
        if n % 4 == 0:
            ind = Indikator.objects.create(
                pd=pd, kode=f"U-{n // 4:03d}", uraian=f"Indikator uji {n // 4}", satuan="Persen",
                level="program", program=program, unit_kerja=unit,
            )  # fmt: skip
        baris.append(RealisasiKinerja(indikator=ind, tahun=tahun, triwulan=n % 4 + 1, nilai=D(n) + D("0.5")))
    RealisasiKinerja.objects.bulk_create(baris)
    baris = []
    for n in range(anggaran):
        if n % 4 == 0:
            sub = SubKegiatan.objects.create(
                kegiatan=kegiatan, kode=f"1.01.01.{n // 4:04d}", nama=f"Sub uji {n // 4}", unit_kerja=unit
            )
        baris.append(
            RealisasiAnggaran(sub_kegiatan=sub, rekening=rekening, tahun=tahun, triwulan=n % 4 + 1, jumlah=D(n) * 1000)
        )
    RealisasiAnggaran.objects.bulk_create(baris)
    return pd


@pytest.fixture
def dunia(contoh_pd, django_user_model):
    """The example PD, a second PD of the same pemda, a PD of another pemda, and one client per persona."""
    pemda = contoh_pd.pemda
    lain = pd_baru(pemda, "9.99.0.00.0.00.01.0000", kinerja=6, anggaran=4)
    pemda_jauh = Pemda.objects.create(kode="98.01", nama="Kabupaten Jauh", jenis="kabupaten")
    jauh = pd_baru(pemda_jauh, "9.98.0.00.0.00.01.0000", kinerja=4, anggaran=4)
    pel = UnitKerja.objects.get(pd=contoh_pd, kode="SEKSI-PEL")
    # the example PD's quarters verified, the new PDs' rows drafts (the default)
    RealisasiKinerja.objects.filter(indikator__pd=contoh_pd).update(tahap=Tahap.DIVERIFIKASI)
    RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=contoh_pd).update(tahap=Tahap.DIVERIFIKASI)

    def klien(nama, peran, *, pd=None, unit=None, pemda_=pemda):
        user = django_user_model.objects.create_user(nama, password="x", first_name=nama.title())
        Keanggotaan.objects.create(user=user, pemda=pemda_, pd=pd, unit_kerja=unit, peran=peran)
        c = Client()
        c.force_login(user)
        c.user = user
        return c

    return {
        "pd": contoh_pd,
        "lain": lain,
        "jauh": jauh,
        "pel": pel,
        "operator": klien("op", "operator", pd=contoh_pd, unit=pel),
        "perencana": klien("ren", "perencana", pd=contoh_pd),
        "pimpinan": klien("pim", "pimpinan", pd=contoh_pd),
        "reviewer": klien("rev", "reviewer"),
        "orang_lain": klien("lain", "perencana", pd=lain),
        "operator_lain": klien("oplain", "operator", pd=lain, unit=lain.unit_kerja.get()),
    }


def _kinerja_pd(pd, unit=None) -> set[int]:
    """Independently of the list: the realisations of a PD, or of the indicators a unit is responsible for."""
    semua = RealisasiKinerja.objects.filter(indikator__pd=pd).select_related(
        "indikator__unit_kerja", "indikator__sub_kegiatan__unit_kerja"
    )
    return {r.pk for r in semua if unit is None or services.unit_indikator(r.indikator) == unit}


def _anggaran_pd(pd, unit=None) -> set[int]:
    qs = RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd)
    if unit is not None:
        qs = qs.filter(sub_kegiatan__unit_kerja=unit)
    return set(qs.values_list("pk", flat=True))


def _ids(r) -> set[int]:
    """Every row of the filtered list (all pages), as the page's table holds them."""
    assert r.status_code == 200
    return {rec.pk for rec in r.context["tabel"].data}


def _urut(r) -> list[int]:
    return [row.record.pk for row in r.context["baris"]]


def _get(c, nama, **params):
    return c.get(reverse(nama), params)


# --- who sees what -----------------------------------------------------------------------------------------------


def test_operator_hanya_melihat_baris_unitnya(dunia):
    pel = dunia["pel"]
    harap = _kinerja_pd(dunia["pd"], pel)
    assert harap and harap != _kinerja_pd(dunia["pd"])  # the unit has rows, and not all of them
    assert _ids(_get(dunia["operator"], LIST)) == harap
    assert _ids(_get(dunia["operator"], LIST_RP)) == _anggaran_pd(dunia["pd"], pel)


def test_perencana_dan_pimpinan_melihat_seluruh_pd(dunia):
    for persona in ("perencana", "pimpinan"):
        assert _ids(_get(dunia[persona], LIST)) == _kinerja_pd(dunia["pd"])
        assert _ids(_get(dunia[persona], LIST_RP)) == _anggaran_pd(dunia["pd"])


def test_reviewer_melihat_setiap_pd_pemdanya_saja(dunia):
    assert _ids(_get(dunia["reviewer"], LIST)) == _kinerja_pd(dunia["pd"]) | _kinerja_pd(dunia["lain"])
    assert _ids(_get(dunia["reviewer"], LIST_RP)) == _anggaran_pd(dunia["pd"]) | _anggaran_pd(dunia["lain"])


def test_anonim_dialihkan_ke_halaman_masuk(dunia):
    for nama, kw in [
        (LIST, {}),
        (LIST_RP, {}),
        ("kinerja:realisasi-list-unduh", {"format": "csv"}),
        ("kinerja:anggaran-list-unduh", {"format": "xlsx"}),
    ]:
        r = Client().get(reverse(nama, kwargs=kw))
        assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_pd_lain_tidak_terbuka_lewat_id_di_url(dunia):
    c, pd = dunia["orang_lain"], dunia["pd"]
    assert _ids(_get(c, LIST)) == _kinerja_pd(dunia["lain"])
    unit = dunia["pel"]
    for nama in (LIST, LIST_RP):
        for params in ({"pd": pd.pk}, {"unit": unit.pk}, {"pd": pd.pk, "unit": unit.pk}):
            r = _get(c, nama, **params)
            assert _ids(r) == set()
            assert r.context["filter"].errors  # not a choice this person has
    # the download of the same URL holds no row either
    r = c.get(reverse("kinerja:realisasi-list-unduh", kwargs={"format": "csv"}), {"pd": pd.pk})
    assert len(_csv(r)) == 1  # the header only
    # an operator of the other PD cannot widen their scope to the whole PD either
    assert _ids(_get(dunia["operator_lain"], LIST, pd=dunia["lain"].pk)) == _kinerja_pd(dunia["lain"])
    assert _ids(_get(dunia["operator_lain"], LIST, pd=pd.pk)) == set()


def test_pilihan_saringan_hanya_milik_orang_itu(dunia):
    r = _get(dunia["operator"], LIST)
    form = r.context["filter"].form
    assert list(form.fields["pd"].queryset) == [dunia["pd"]]
    assert list(form.fields["unit"].queryset) == [dunia["pel"]]
    r = _get(dunia["reviewer"], LIST)
    assert set(r.context["filter"].form.fields["pd"].queryset) == {dunia["pd"], dunia["lain"]}


# --- filters, sorting, pages --------------------------------------------------------------------------------------


def test_saringan_kinerja(dunia):
    c, pd = dunia["reviewer"], dunia["pd"]
    semua = RealisasiKinerja.objects.filter(indikator__pd=pd)
    assert _ids(_get(c, LIST, pd=pd.pk)) == _kinerja_pd(pd)
    assert _ids(_get(c, LIST, pd=dunia["lain"].pk)) == _kinerja_pd(dunia["lain"])
    assert _ids(_get(c, LIST, pd=pd.pk, tahun=2023)) == set(semua.filter(tahun=2023).values_list("pk", flat=True))
    tw2 = set(semua.filter(tahun=2024, triwulan=2).values_list("pk", flat=True))
    assert _ids(_get(c, LIST, pd=pd.pk, tahun=2024, triwulan=2)) == tw2 and len(tw2) == 7
    tahunan = set(semua.filter(triwulan__isnull=True).values_list("pk", flat=True))
    assert _ids(_get(c, LIST, pd=pd.pk, triwulan="tahunan")) == tahunan and len(tahunan) == 5
    trantib = UnitKerja.objects.get(pd=pd, kode="SEKSI-TRANTIB")
    assert _ids(_get(c, LIST, unit=trantib.pk)) == _kinerja_pd(pd, trantib)

    draf = list(semua.filter(tahun=2024, triwulan=4).values_list("pk", flat=True)[:3])
    RealisasiKinerja.objects.filter(pk__in=draf).update(tahap=Tahap.DRAF)
    assert _ids(_get(c, LIST, tahap="draf")) == set(draf) | set(
        RealisasiKinerja.objects.filter(indikator__pd=dunia["lain"], tahap="draf").values_list("pk", flat=True)
    )
    assert _ids(_get(c, LIST, pd=pd.pk, tahap="draf")) == set(draf)
    sementara = draf[0]
    RealisasiKinerja.objects.filter(pk=sementara).update(status=RealisasiKinerja.Status.SEMENTARA)
    assert _ids(_get(c, LIST, status="sementara")) == {sementara}
    assert _ids(_get(c, LIST, status="sementara", tahap="diverifikasi")) == set()


def test_saringan_anggaran(dunia):
    c, pd = dunia["reviewer"], dunia["pd"]
    semua = RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd)
    tw1 = set(semua.filter(triwulan=1).values_list("pk", flat=True))
    assert _ids(_get(c, LIST_RP, pd=pd.pk, tahun=2024, triwulan=1)) == tw1 and len(tw1) == 4
    assert _ids(_get(c, LIST_RP, unit=dunia["pel"].pk)) == _anggaran_pd(pd, dunia["pel"])
    assert _ids(_get(c, LIST_RP, tahap="draf")) == _anggaran_pd(dunia["lain"])  # made as drafts


def test_halaman_menampilkan_kolom_berbahasa_indonesia_dan_angka_terformat(dunia):
    r = _get(dunia["perencana"], LIST, pd=dunia["pd"].pk, tahun=2024, triwulan=2, sort="indikator")
    html = r.content.decode()
    for judul in ("Perangkat Daerah", "Unit Kerja", "Indikator Kinerja", "Satuan", "Triwulan", "Realisasi",
                  "Status", "Tahap", "Diubah oleh", "Diubah", "Unduh CSV", "Unduh XLSX"):  # fmt: skip
        assert f">{judul}<" in html
    assert "TW II" in html and "83,10" in html  # IKU-1 TW II: 83.1 through the one formatter
    assert re.search(r"<td[^>]*>2024</td>", html) and "2.024" not in html  # a year is not an amount
    iku1 = RealisasiKinerja.objects.get(indikator__kode="IKU-1", tahun=2024, triwulan=2)
    entri = reverse("kinerja:entri", kwargs={"unit_id": dunia["pel"].pk, "tahun": 2024, "triwulan": 2})
    assert f'<a href="{entri}">IKU-1 ' in html and iku1.pk in _ids(r)

    r = _get(dunia["perencana"], LIST_RP, pd=dunia["pd"].pk, triwulan=1, sort="-jumlah")
    html = r.content.decode()
    for judul in ("Sub Kegiatan", "Kode Rekening", "Realisasi Anggaran"):
        assert f">{judul}<" in html
    assert "Rp 370.000.000" in html


def test_urutan_kolom(dunia):
    c, pd = dunia["perencana"], dunia["pd"]
    r = _get(c, LIST, pd=pd.pk, tahun=2024, triwulan=4, sort="realisasi")
    rows = list(RealisasiKinerja.objects.filter(pk__in=_urut(r)))
    nilai = [RealisasiKinerja.objects.get(pk=pk).nilai for pk in _urut(r)]
    assert len(nilai) == 9 and nilai == sorted(x.nilai for x in rows)
    r = _get(c, LIST, pd=pd.pk, tahun=2024, triwulan=4, sort="-realisasi")
    assert [RealisasiKinerja.objects.get(pk=pk).nilai for pk in _urut(r)] == sorted(nilai, reverse=True)
    html = r.content.decode()
    assert 'aria-sort="descending"' in html and "sort=realisasi" in html  # the header link flips the order

    r = _get(c, LIST, pd=pd.pk, sort="triwulan")
    tw = [RealisasiKinerja.objects.get(pk=pk).triwulan for pk in _urut(r)]
    assert tw == sorted(tw, key=lambda t: (t is None, t))  # yearly rows last on both databases

    r = _get(c, LIST_RP, pd=pd.pk, sort="-jumlah")
    jumlah = [RealisasiAnggaran.objects.get(pk=pk).jumlah for pk in _urut(r)]
    assert jumlah == sorted(jumlah, reverse=True) and len(jumlah) == 19
    r = _get(c, LIST_RP, pd=pd.pk, sort="rekening")
    kode = [RealisasiAnggaran.objects.get(pk=pk).rekening.kode for pk in _urut(r)]
    assert kode == sorted(kode)


def test_paginasi_50_per_halaman(dunia, django_user_model):
    besar = pd_baru(dunia["pd"].pemda, "9.97.0.00.0.00.01.0000", kinerja=PER_HALAMAN + 12, anggaran=4)
    c = dunia["reviewer"]
    r1 = _get(c, LIST, pd=besar.pk)
    assert len(r1.context["baris"]) == PER_HALAMAN
    assert "Halaman 1 dari 2" in r1.content.decode()
    r2 = _get(c, LIST, pd=besar.pk, page=2)
    assert len(r2.context["baris"]) == 12
    assert set(_urut(r1)).isdisjoint(_urut(r2))
    assert set(_urut(r1)) | set(_urut(r2)) == _kinerja_pd(besar)
    # the download holds every page
    unduh = c.get(reverse("kinerja:realisasi-list-unduh", kwargs={"format": "csv"}), {"pd": besar.pk, "page": 2})
    assert len(_csv(unduh)) == 1 + PER_HALAMAN + 12


# --- downloads ----------------------------------------------------------------------------------------------------


def _csv(r) -> list[list[str]]:
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    teks = r.content.decode("utf-8")
    assert teks.startswith("\ufeff")
    return list(csv.reader(io.StringIO(teks[1:], newline="")))


def _xlsx(r):
    assert r.status_code == 200
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert r["Content-Disposition"].startswith("attachment;") and ".xlsx" in r["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(r.content)).active


JUDUL_KINERJA = [
    "Perangkat Daerah", "Unit Kerja", "Indikator Kinerja", "Satuan", "Tahun", "Triwulan", "Realisasi", "Label",
    "Status", "Tahap", "Diubah oleh", "Diubah",
]  # fmt: skip
JUDUL_ANGGARAN = [
    "Perangkat Daerah", "Unit Kerja", "Sub Kegiatan", "Kode Rekening", "Uraian Rekening", "Tahun", "Triwulan",
    "Realisasi Anggaran", "Tahap", "Diubah oleh", "Diubah",
]  # fmt: skip


def test_unduh_csv_kinerja_berisi_baris_yang_disaring_dan_diurutkan(dunia):
    c, pd = dunia["perencana"], dunia["pd"]
    ind = RealisasiKinerja.objects.get(indikator__kode="IKU-1", tahun=2024, triwulan=2)
    ind.label, ind.updated_by = '=HYPERLINK("http://x")', c.user
    ind.save()
    params = {"pd": pd.pk, "tahun": 2024, "triwulan": 2, "sort": "-realisasi"}
    halaman = _get(c, LIST, **params)
    baris = _csv(c.get(reverse("kinerja:realisasi-list-unduh", kwargs={"format": "csv"}), params))
    assert baris[0] == JUDUL_KINERJA
    isi = baris[1:]
    assert len(isi) == len(_urut(halaman)) == 7
    # the same rows in the same order as the page
    kode = [RealisasiKinerja.objects.select_related("indikator").get(pk=pk).indikator.kode for pk in _urut(halaman)]
    assert [b[2].split(" ")[0] for b in isi] == kode
    b = next(b for b in isi if b[2].startswith("IKU-1 "))
    assert b[:2] == ["Kecamatan Sukamaju", "Seksi Pelayanan Umum"]
    assert b[4:7] == ["2024", "TW II", "83.1"]  # plain machine numbers
    assert b[7] == '\'=HYPERLINK("http://x")'  # never a formula
    assert b[8:11] == ["Final", "Diverifikasi", "Ren"]
    assert len(b[11]) == 16  # 2024-05-01 10:00


def test_unduh_csv_anggaran_angka_mesin(dunia):
    c, pd = dunia["perencana"], dunia["pd"]
    ra = RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, triwulan=1).order_by("pk").first()
    ra.jumlah = D("1500000.25")
    ra.save()
    params = {"pd": pd.pk, "triwulan": 1, "sort": "jumlah"}
    baris = _csv(c.get(reverse("kinerja:anggaran-list-unduh", kwargs={"format": "csv"}), params))
    assert baris[0] == JUDUL_ANGGARAN
    assert len(baris) == 1 + 4
    assert [b[7] for b in baris[1:]] == ["1500000.25", "20000000", "30000000", "50000000"]
    assert baris[1][3] == ra.rekening.kode and baris[1][6] == "TW I"


def test_unduh_xlsx_anggaran(dunia):
    c, pd = dunia["perencana"], dunia["pd"]
    ra = RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=pd, triwulan=1).order_by("pk").first()
    ra.jumlah = D("1500000.25")
    ra.save()
    Rekening.objects.filter(pk=ra.rekening_id).update(uraian="=1+2")
    params = {"pd": pd.pk, "triwulan": 1, "sort": "jumlah"}
    ws = _xlsx(c.get(reverse("kinerja:anggaran-list-unduh", kwargs={"format": "xlsx"}), params))
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == JUDUL_ANGGARAN and len(rows) == 5
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:K5"
    sel = ws["H2"]
    assert sel.value == 1500000.25 and sel.data_type == "n" and sel.number_format == '"Rp" #,##0'
    assert [r[7] for r in rows[1:]] == [1500000.25, 20000000, 30000000, 50000000]
    assert ws["E2"].value == "'=1+2" and ws["E2"].data_type == "s"
    assert ws["F2"].value == 2024 and ws["G2"].value == "TW I"
    assert ws.column_dimensions["C"].width == 60


def test_unduh_xlsx_kinerja(dunia):
    c, pd = dunia["reviewer"], dunia["pd"]
    params = {"pd": pd.pk, "tahun": 2024, "triwulan": 4, "sort": "indikator"}
    halaman = _get(c, LIST, **params)
    ws = _xlsx(c.get(reverse("kinerja:realisasi-list-unduh", kwargs={"format": "xlsx"}), params))
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == JUDUL_KINERJA and len(rows) == 1 + len(_urut(halaman)) == 10
    iku3 = next(n for n, r in enumerate(rows, 1) if r[2].startswith("IKU-3 "))
    sel = ws.cell(row=iku3, column=7)
    assert sel.value == 2 and sel.data_type == "n" and sel.number_format == "#,##0.00"
    assert ws.cell(row=iku3, column=12).is_date
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:L10"


def test_unduh_format_lain_404(dunia):
    r = dunia["perencana"].get(reverse("kinerja:realisasi-list-unduh", kwargs={"format": "pdf"}))
    assert r.status_code == 404


# --- query budget -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("nama", [LIST, LIST_RP])
def test_kueri_sama_pada_10_dan_100_baris(nama, contoh_pd, django_user_model, django_assert_max_num_queries):
    user = django_user_model.objects.create_user("ren-besar", password="x")
    c = Client()
    c.force_login(user)
    jumlah = []
    for n, kode in ((10, "9.96.0.00.0.00.01.0000"), (100, "9.95.0.00.0.00.01.0000")):
        pd = pd_baru(contoh_pd.pemda, kode, kinerja=n, anggaran=n)
        Keanggotaan.objects.filter(user=user).delete()
        Keanggotaan.objects.create(user=user, pemda=pd.pemda, pd=pd, peran="perencana")
        with django_assert_max_num_queries(10) as ctx:
            r = c.get(reverse(nama), {"pd": pd.pk})
        assert r.status_code == 200 and len(r.context["baris"]) == min(n, PER_HALAMAN)
        jumlah.append(len(ctx.captured_queries))
    assert jumlah[0] == jumlah[1]
