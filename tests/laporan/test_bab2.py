"""BAB II of the LKjIP (Renstra, IKU with every year's target and the before/after-reviu columns, the PK versions,
programs per sasaran, budget per account), rendered from the report context and checked against the stored targets and
the computed figures of ``sakip-hasil/1``."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from anggaran.models import VersiAnggaran
from kinerja.models import PerjanjianKinerja
from kinerja.selectors import hasil_tahun
from laporan.konteks import KonteksLaporan, konteks_laporan, sidik
from renstra.models import Indikator, Pemda, PerangkatDaerah
from sakip.angka import format_nilai, format_rupiah
from sakip.bundle.hasil import hasil_dict
from tests.laporan.dom import Simpul, dom

TAHUN = 2024


def render(k: KonteksLaporan) -> str:
    with translation.override("id"):
        return render_to_string("laporan/_isi.html", {"k": k, "mode": "layar", "gambar": {}})


def laporan(pd: PerangkatDaerah) -> tuple[KonteksLaporan, Simpul, str]:
    k = konteks_laporan(pd=pd, tahun=TAHUN)
    html = render(k)
    return k, dom(html), html


# --- fixtures and helpers ----------------------------------------------------------------------------------


@pytest.fixture
def pd_kosong(db):
    """A PD with nothing: no Renstra, no units, no PK, no DPA, no report row."""
    import importlib

    from django.apps import apps

    importlib.import_module("kinerja.migrations.0003_skala_bawaan").pasang(apps, None)
    pemda = Pemda.objects.create(kode="98.02", nama="Kabupaten Kosong", jenis="kabupaten")
    return PerangkatDaerah.objects.create(pemda=pemda, kode="9.99.0.00.0.00.02.0000", nama="Badan Tanpa Data")


def baris_tabel(figure: Simpul) -> list[Simpul]:
    return figure.satu("tbody").semua("tr")


def sel(tr: Simpul, **attrs: str) -> list[str]:
    return [td.teks for td in tr.semua("td", **attrs)]


# --- A. Renstra and IKU ---------------------------------------------------------------------------------------


def test_iku_paser_target_setiap_tahun_sebelum_dan_setelah_reviu(paser_pd):
    k, akar, _ = laporan(paser_pd)
    r = k.bab2.renstra
    assert r.tabel_iku.lengkap == "Tabel 2.2 Indikator Kinerja Utama Sekretariat Daerah Kabupaten Paser Tahun 2022–2026"
    tabel = akar.satu("figure", id=r.tabel_iku.id)
    assert tabel.satu("figcaption").teks == r.tabel_iku.lengkap
    kepala = tabel.satu("thead").semua("tr")
    assert [th.teks for th in kepala[0].semua("th")][3:] == ["2022", "2023", "2024", "2025", "2026"]
    assert [th.teks for th in kepala[1].semua("th")] == ["Sebelum Reviu", "Setelah Reviu"] * 6

    baris = {tr.attrs["data-kode"]: tr for tr in baris_tabel(tabel)}
    assert list(baris) == ["IKU-1", "IKU-2", "IKU-3", "IKU-4", "IKU-5"]
    iku1 = baris["IKU-1"]
    assert sel(iku1, data_kolom="setelah") == ["B (70,00)", "B (70,00)", "BB (71,00)", "BB (71,00)", "A (81,00)"]
    # IKU-L1 (in force 2022-2023) was replaced by IKU-1 and IKU-2: one group of two rows
    sebelum = iku1.satu("td", class_="sebelum-reviu")
    assert sebelum.attrs["rowspan"] == "2"
    assert [d.attrs["data-kode"] for d in sebelum.semua("div")] == ["IKU-L1"]
    assert sebelum.teks.startswith("Jumlah Temuan Penyimpangan Pengelolaan BMD")
    assert sel(iku1, data_kolom="sebelum") == ["0", "0", "", "", ""]
    assert not baris["IKU-2"].semua("td", class_="sebelum-reviu")
    assert sel(baris["IKU-2"], data_kolom="setelah") == ["—", "—", "85,00", "90,00", "95,00"]
    assert akar.satu("ul", class_="reviu").semua("li")[0].teks == (
        "Hasil reviu: IKU-L1 (Jumlah Temuan Penyimpangan Pengelolaan BMD dan keuangan yang material dari BPK-RI dan "
        "APIP) digantikan oleh IKU-1 (Rata-rata Nilai AKIP Perangkat Daerah) dan IKU-2 (Indeks kepuasan layanan "
        "administrasi umum) sejak tahun 2024."
    )
    # the table is wide: it goes on a landscape page
    assert tabel.induk.tag == "div" and tabel.induk.kelas() == ["lebar"]  # with its heading and the definitions


def cek_target_tersimpan(pd: PerangkatDaerah) -> None:
    """Every IKU row shows, for every Renstra year, the stored Renstra target as label (number)."""
    k, akar, _ = laporan(pd)
    r = k.bab2.renstra
    tabel = akar.satu("figure", id=r.tabel_iku.id)
    baris = {tr.attrs["data-kode"]: tr for tr in baris_tabel(tabel)}
    iku = Indikator.objects.filter(pd=pd, iku=True).prefetch_related("target")
    for i in iku:
        assert i.kode in baris, i.kode
        target = {t.tahun: format_nilai(t.nilai, t.label, i.desimal) for t in i.target.all()}
        harapan = [target.get(th, "—") if i.berlaku_pada(th) else "" for th in r.tahun]
        assert sel(baris[i.kode], data_kolom="setelah") == harapan, i.kode
    # the definitions table lists the IKU in force this year with their unit
    definisi = akar.satu("figure", id=r.tabel_definisi.id)
    kode = [tr.attrs["data-kode"] for tr in baris_tabel(definisi)]
    assert kode == [b.indikator.kode for b in r.definisi]
    assert set(kode) == {i.kode for i in iku if i.berlaku_pada(TAHUN)}


def test_iku_paser_sesuai_target_tersimpan(paser_pd):
    cek_target_tersimpan(paser_pd)


def test_iku_contoh_sesuai_target_tersimpan(contoh_pd):
    cek_target_tersimpan(contoh_pd)
    k, akar, _ = laporan(contoh_pd)
    r = k.bab2.renstra
    assert r.tahun == (2021, 2022, 2023, 2024, 2025, 2026)
    tabel = akar.satu("figure", id=r.tabel_iku.id)
    baris = {tr.attrs["data-kode"]: tr for tr in baris_tabel(tabel)}
    # an IKU that replaced nothing is a group of its own
    nomor = [(tr.attrs["data-kode"], tr.semua("td")[0].teks) for tr in baris_tabel(tabel)]
    assert nomor == [("IKU-1", "1"), ("IKU-2", "2"), ("IKU-3", "3")]
    assert baris["IKU-2"].satu("td", class_="sebelum-reviu").teks == "—"
    assert sel(baris["IKU-2"], data_kolom="sebelum") == [""] * 6
    # kondisi awal with its year; IKU-3 replaced IKU-3-LAMA (in force 2021-2023)
    assert baris["IKU-1"].semua("td")[4].teks == "78,00 (2020)"
    assert (
        baris["IKU-3"].satu("td", class_="sebelum-reviu").teks == "Persentase gangguan trantib yang tertangani (Persen)"
    )
    assert sel(baris["IKU-3"], data_kolom="sebelum") == ["100,00", "100,00", "100,00", "", "", ""]
    assert sel(baris["IKU-3"], data_kolom="setelah") == ["—", "—", "12", "10", "8", "6"]
    # the Renstra itself
    teks = akar.satu(id="bab-2").teks
    assert "Visi: Sukamaju yang maju, sejahtera dan berdaya saing" in teks
    assert (
        "Rencana Strategis (Renstra) Kecamatan Sukamaju periode 2021–2026 memuat visi, misi, 1 tujuan dan 2 sasaran "
        "strategis yang pada tahun 2024 diukur dengan 3 Indikator Kinerja Utama (IKU)."
    ) in teks
    tujuan = akar.satu("figure", id=r.tabel_tujuan.id)
    assert [tr.teks for tr in tujuan.semua("tr", class_="kelompok")] == [
        "Tujuan T1. Meningkatkan kualitas pelayanan dan ketenteraman masyarakat (Misi M1)"
    ]
    baris_tujuan = [sel(tr) for tr in baris_tabel(tujuan) if "kelompok" not in tr.kelas()]
    assert baris_tujuan[0] == ["Indikator tujuan", "Nilai Akuntabilitas Kinerja Kecamatan", "Nilai"]
    assert baris_tujuan[1][0] == "S1. Meningkatnya kualitas pelayanan publik kecamatan"


# --- B. Perjanjian Kinerja ----------------------------------------------------------------------------------


def cek_pk(pd: PerangkatDaerah) -> KonteksLaporan:
    k, akar, _ = laporan(pd)
    pk_db = list(
        PerjanjianKinerja.objects.filter(pd=pd, tahun=TAHUN)
        .prefetch_related("target__indikator", "anggaran_program__program")
        .order_by("versi")
    )
    assert [v.versi for v in k.bab2.pk.versi] == [p.versi for p in pk_db]
    for p in pk_db:
        tabel = akar.satu("table", class_="tabel-pk", data_versi=str(p.versi))
        target = {tr.attrs["data-kode"]: sel(tr, data_kolom="target")[0] for tr in tabel.satu("tbody").semua("tr")}
        assert target == {t.indikator.kode: format_nilai(t.nilai, t.label, t.indikator.desimal) for t in p.target.all()}
        anggaran = akar.satu("table", class_="tabel-pk-anggaran", data_versi=str(p.versi))
        jumlah = {tr.attrs["data-kode"]: sel(tr, data_kolom="anggaran")[0] for tr in anggaran.satu("tbody").semua("tr")}
        assert jumlah == {a.program.kode: format_rupiah(a.jumlah) for a in p.anggaran_program.all()}
        total = sum((a.jumlah for a in p.anggaran_program.all()), Decimal(0))
        assert sel(anggaran.satu("tfoot").satu("tr"), data_kolom="anggaran") == [format_rupiah(total)]
    return k


def test_pk_paser(paser_pd):
    k = cek_pk(paser_pd)
    v = k.bab2.pk.versi[0]
    assert str(v.kalimat) == (
        "Perjanjian Kinerja versi 1 (perubahan) ditandatangani oleh Sekretaris Daerah (Drs. KATSUL WIJAYA, M.Si) "
        "selaku pihak pertama dan Bupati Paser (FAMI FADLI) selaku pihak kedua. Perjanjian ini memuat 5 indikator "
        'kinerja dari 3 sasaran (<a class="rujukan" href="#tabel-2-4">Tabel 2.4</a>). Anggaran 3 program yang '
        'diperjanjikan berjumlah Rp 256.384.931.909 (<a class="rujukan" href="#tabel-2-5">Tabel 2.5</a>).'
    )


def test_pk_contoh_dua_versi(contoh_pd):
    k = cek_pk(contoh_pd)
    v1, v2 = k.bab2.pk.versi
    assert (v1.jenis, v1.tanggal, v2.jenis, v2.tanggal) == (
        "Murni",
        "31 Januari 2024",
        "Perubahan",
        "30 September 2024",
    )
    assert v1.tabel_target.lengkap == "Tabel 2.4 Perjanjian Kinerja Kecamatan Sukamaju Tahun 2024 Versi 1 (Murni)"
    assert v2.tabel_target.lengkap == "Tabel 2.6 Perjanjian Kinerja Kecamatan Sukamaju Tahun 2024 Versi 2 (Perubahan)"
    assert str(v2.kalimat_perubahan) == "Dibandingkan versi 1:"
    assert [str(x) for x in v2.perubahan] == [
        "target IKU-2 berubah dari 92,00 menjadi 90,00",
        "anggaran program 7.01.01 berubah dari Rp 1.900.000.000 menjadi Rp 1.950.000.000",
        "anggaran program 7.01.02 berubah dari Rp 450.000.000 menjadi Rp 420.000.000",
    ]
    assert "Pada tahun 2024 tercatat 2 versi Perjanjian Kinerja Kecamatan Sukamaju." in str(k.bab2.pk.kalimat)


# --- C. programs per sasaran, D. budget per account ---------------------------------------------------------


def cek_program(pd: PerangkatDaerah) -> None:
    h = hasil_tahun(pd, TAHUN)
    hasil = hasil_dict(h)
    k, akar, _ = laporan(pd)
    tabel = akar.satu("figure", id=k.bab2.program.tabel.id)
    pagu = {}
    for tr in baris_tabel(tabel):
        if "kelompok" in tr.kelas():
            continue
        pagu.setdefault(tr.attrs["data-kode"], sel(tr)[3])
    a = hasil["anggaran"]
    for jenis in ("program", "kegiatan", "sub_kegiatan"):
        for x in a[jenis]:
            angka = Decimal(x["pagu"])
            assert pagu[x["kode"]] == (format_rupiah(angka) if angka else "-"), x["kode"]
    kelompok = {tr.attrs["data-sasaran"]: sel(tr)[1] for tr in baris_tabel(tabel) if "kelompok" in tr.kelas()}
    for s in h.sasaran_anggaran:
        if s.kode in kelompok:
            assert kelompok[s.kode] == format_rupiah(s.rp.pagu)
    assert sel(tabel.satu("tfoot").satu("tr"), data_kolom="pagu") == [format_rupiah(Decimal(a["total"]["pagu"]))]


def test_program_per_sasaran_paser(paser_pd):
    cek_program(paser_pd)


def test_program_per_sasaran_contoh(contoh_pd):
    cek_program(contoh_pd)
    k, akar, _ = laporan(contoh_pd)
    tabel = akar.satu("figure", id=k.bab2.program.tabel.id)
    # 7.01.02 supports S1 and S2: listed under both, and the sentence says so
    kode = [tr.attrs.get("data-sasaran") or tr.attrs["data-kode"] for tr in baris_tabel(tabel)]
    assert kode.count("7.01.02") == 2
    assert "Program yang mendukung lebih dari satu sasaran tercantum pada setiap sasaran tersebut" in str(
        k.bab2.program.kalimat
    )


def rekening(pd: PerangkatDaerah) -> tuple[KonteksLaporan, Simpul, list[Simpul]]:
    k, akar, _ = laporan(pd)
    tabel = akar.satu("figure", id=k.bab2.rekening.tabel.id)
    return k, tabel, baris_tabel(tabel)


def uang(teks: str) -> Decimal:
    if teks == "-":
        return Decimal(0)
    tanda = -1 if teks.startswith("-") else 1
    return tanda * Decimal(re.sub(r"[^0-9]", "", teks))


def test_rekening_murni_dan_perubahan_contoh(contoh_pd):
    hasil = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]
    k, tabel, baris = rekening(contoh_pd)
    kepala = [th.teks for th in tabel.satu("thead").semua("th")]
    assert kepala == ["Kode Rekening", "Uraian", "Pagu Murni", "Pagu Perubahan", "Bertambah/(Berkurang)"]
    per_kode = {tr.attrs["data-kode"]: tr for tr in baris}
    assert list(per_kode) == [r["kode"] for r in hasil["rekening"]]
    for r in hasil["rekening"]:
        tr = per_kode[r["kode"]]
        murni, perubahan = Decimal(r["pagu_murni"]), Decimal(r["pagu"])
        assert uang(sel(tr, data_kolom="murni")[0]) == murni
        assert uang(sel(tr, data_kolom="perubahan")[0]) == perubahan
        assert uang(sel(tr, data_kolom="selisih")[0]) == perubahan - murni
    assert sel(per_kode["5.1.02"], data_kolom="selisih") == ["-Rp 30.000.000"]
    assert sel(per_kode["5.1.01"])[1] == "Belanja Pegawai"
    # the leaves add up to the total row, which is the computed total
    daun = [tr for tr in baris if tr.attrs["data-induk"] == "0"]
    kaki = tabel.satu("tfoot").satu("tr")
    for kolom, kunci in (("murni", "pagu_murni"), ("perubahan", "pagu")):
        jumlah = sum((uang(sel(tr, data_kolom=kolom)[0]) for tr in daun), Decimal(0))
        assert jumlah == uang(sel(kaki, data_kolom=kolom)[0]) == Decimal(hasil["total"][kunci])
    assert str(k.bab2.rekening.kalimat).startswith(
        "Pagu belanja tahun 2024 berubah dari Rp 2.350.000.000 pada DPA murni menjadi Rp 2.370.000.000 pada DPPA, "
        "bertambah Rp 20.000.000"
    )


def test_rekening_hanya_dppa_paser(paser_pd):
    hasil = hasil_dict(hasil_tahun(paser_pd, TAHUN))["anggaran"]
    k, tabel, baris = rekening(paser_pd)
    assert [th.teks for th in tabel.satu("thead").semua("th")] == ["Kode Rekening", "Uraian", "Pagu Perubahan"]
    assert not tabel.semua("td", data_kolom="murni") and not tabel.semua("td", data_kolom="selisih")
    daun = [tr for tr in baris if tr.attrs["data-induk"] == "0"]
    jumlah = sum((uang(sel(tr, data_kolom="perubahan")[0]) for tr in daun), Decimal(0))
    assert jumlah == Decimal(hasil["total"]["pagu"])
    assert str(k.bab2.rekening.kalimat).startswith(
        "Untuk tahun 2024 hanya DPPA (anggaran perubahan) yang tercatat, dengan pagu Rp 256.384.931.909; pagu murni "
        "tidak tersedia, sehingga hanya kolom perubahan yang disajikan"
    )


def test_rekening_hanya_dpa_murni(contoh_pd):
    VersiAnggaran.objects.filter(pd=contoh_pd, tahun=TAHUN, versi="perubahan").delete()
    hasil = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]
    k, tabel, baris = rekening(contoh_pd)
    assert [th.teks for th in tabel.satu("thead").semua("th")] == ["Kode Rekening", "Uraian", "Pagu Murni"]
    daun = [tr for tr in baris if tr.attrs["data-induk"] == "0"]
    assert sum((uang(sel(tr, data_kolom="murni")[0]) for tr in daun), Decimal(0)) == Decimal(hasil["total"]["pagu"])
    assert str(k.bab2.rekening.kalimat).startswith(
        "Tahun 2024 baru memiliki DPA murni dengan pagu Rp 2.350.000.000; belum ada perubahan anggaran"
    )
    assert k.bab2.rekening.tabel.judul == "Anggaran Belanja per Rekening Tahun 2024 (DPA Murni)"


# --- no data, numbering, the context ----------------------------------------------------------------------


def test_bab2_tanpa_data(pd_kosong):
    k, akar, _ = laporan(pd_kosong)
    sidik(k)
    teks = akar.satu(id="bab-2").teks
    for kalimat in (
        "Belum ada Renstra yang tercatat untuk tahun 2024.",
        "Tanpa Renstra, Indikator Kinerja Utama dan targetnya belum dapat disajikan.",
        "Belum ada Perjanjian Kinerja yang tercatat untuk tahun 2024.",
        "Belum ada program yang tercatat untuk Badan Tanpa Data.",
        "Belum ada DPA yang tercatat untuk tahun 2024.",
    ):
        assert kalimat in teks
    assert not akar.satu(id="bab-2").semua("figure")
    assert not [r for r in k.daftar_tabel if r.nomor.startswith("2.")]


def test_bab2_tanpa_pk_dan_dpa(contoh_pd):
    PerjanjianKinerja.objects.filter(pd=contoh_pd, tahun=TAHUN).delete()
    VersiAnggaran.objects.filter(pd=contoh_pd, tahun=TAHUN).delete()
    k, akar, _ = laporan(contoh_pd)
    teks = akar.satu(id="bab-2").teks
    assert "Belum ada Perjanjian Kinerja yang tercatat untuk tahun 2024." in teks
    assert "Belum ada DPA yang tercatat untuk tahun 2024, sehingga pagu belum tersedia." in teks
    assert not akar.semua("table", class_="tabel-pk") and not akar.semua("table", class_="tabel-rekening")
    # the Renstra tables stay, numbered from 2.1 without gaps
    nomor = [r.nomor for r in k.daftar_tabel if r.nomor.startswith("2.")]
    assert nomor == ["2.1", "2.2", "2.3", "2.4"]
    assert k.bab2.program.tabel.nomor == "2.4"


def test_penomoran_bab2_berurutan(paser_pd):
    k, akar, _ = laporan(paser_pd)
    tabel = [r for r in k.daftar_tabel if r.nomor.startswith("2.")]
    assert [r.nomor for r in tabel] == [f"2.{n}" for n in range(1, 8)]
    dicetak = [f.attrs["id"] for f in akar.satu(id="bab-2").semua("figure", class_="tabel")]
    assert dicetak == [r.id for r in tabel]
    assert [b.id for b in k.daftar_isi if b.id.startswith("bab-2")] == [
        "bab-2",
        "bab-2-a",
        "bab-2-b",
        "bab-2-c",
        "bab-2-d",
    ]
    assert " object at 0x" not in repr(k.bab2)


def cek_tanpa_query_tambahan(pd: PerangkatDaerah, django_assert_num_queries) -> None:
    """The builders read the prefetched year: only BAB I asks for the officials of the units."""
    from laporan.bab import awal, bab1, bab2
    from laporan.konteks import Penomor, muat_dasar

    d = muat_dasar(pd, TAHUN)
    d.isian  # noqa: B018 (the narrative placeholders, computed once)
    n = Penomor()
    with django_assert_num_queries(1):
        awal.susun(d, n)
        bab1.susun(d, n)
        bab2.susun(d, n)


def test_tanpa_query_tambahan_paser(paser_pd, django_assert_num_queries):
    cek_tanpa_query_tambahan(paser_pd, django_assert_num_queries)


def test_tanpa_query_tambahan_contoh(contoh_pd, django_assert_num_queries):
    cek_tanpa_query_tambahan(contoh_pd, django_assert_num_queries)
