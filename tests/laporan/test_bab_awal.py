"""The front matter (cover, Kata Pengantar, Ikhtisar Eksekutif, Daftar Isi/Tabel/Grafik) and BAB I of the LKjIP,
rendered from the report context and checked against the computed figures of ``sakip-hasil/1``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kinerja.models import KebijakanPerhitungan
from kinerja.selectors import hasil_tahun
from laporan.bab.awal import BELUM_DIISI
from laporan.konteks import KonteksLaporan, konteks_laporan, sidik
from laporan.models import Laporan, NarasiLaporan
from renstra.models import Pemda, PerangkatDaerah
from sakip.angka import format_angka, format_persen, format_rupiah
from sakip.bundle.hasil import hasil_dict
from tests.laporan.dom import Simpul, dom

TAHUN = 2024


def render(k: KonteksLaporan, gambar: dict | None = None) -> str:
    with translation.override("id"):
        return render_to_string("laporan/_isi.html", {"k": k, "mode": "layar", "gambar": gambar or {}})


def laporan(pd: PerangkatDaerah, gambar: dict | None = None) -> tuple[KonteksLaporan, Simpul, str]:
    k = konteks_laporan(pd=pd, tahun=TAHUN)
    html = render(k, gambar)
    return k, dom(html), html


def bagian(akar: Simpul, id: str) -> Simpul:
    return akar.satu(id=id)


# --- fixtures ---------------------------------------------------------------------------------------------


@pytest.fixture
def pd_kosong(db):
    """A PD with nothing: no Renstra, no units, no PK, no DPA, no report row."""
    import importlib

    from django.apps import apps

    importlib.import_module("kinerja.migrations.0003_skala_bawaan").pasang(apps, None)
    pemda = Pemda.objects.create(kode="98.01", nama="Kabupaten Kosong", jenis="kabupaten", kepala_jabatan="Bupati")
    return PerangkatDaerah.objects.create(pemda=pemda, kode="9.99.0.00.0.00.01.0000", nama="Dinas Tanpa Data")


# --- the Ikhtisar Eksekutif against sakip-hasil/1 -------------------------------------------------------------


def cek_ikhtisar(pd: PerangkatDaerah) -> None:
    hasil = hasil_dict(hasil_tahun(pd, TAHUN))
    _k, akar, _html = laporan(pd)
    ikhtisar = bagian(akar, "ikhtisar-eksekutif")
    sel = {td.attrs["data-isi"]: td.teks for td in ikhtisar.semua("td") if "data-isi" in td.attrs}
    a = hasil["anggaran"]
    total = a["total"]
    assert sel["sasaran"] == format_angka(len(hasil["sasaran"]), 0)
    assert sel["iku"] == format_angka(hasil["iku"]["jumlah"], 0)
    assert sel["program"] == format_angka(len(a["program"]), 0)
    assert sel["kegiatan"] == format_angka(len(a["kegiatan"]), 0)
    assert sel["sub_kegiatan"] == format_angka(len(a["sub_kegiatan"]), 0)
    rata = Decimal(hasil["iku"]["rata_rata"])
    assert sel["rata_rata"] == format_angka(rata)
    assert sel["kategori"] == hasil["iku"]["kategori"]
    for label, n in hasil["iku"]["per_kategori"].items():
        assert sel[f"kategori-{label}"] == format_angka(n, 0)
    assert sel["pagu"] == format_rupiah(Decimal(total["pagu"]))
    assert sel["realisasi"] == format_rupiah(Decimal(total["realisasi"]))
    assert sel["sisa"] == format_rupiah(Decimal(total["sisa"]))
    assert sel["serapan"] == format_angka(Decimal(total["serapan"]))

    assert bagian(akar, "ikhtisar-rata-rata").teks.startswith(
        f"Rata-rata capaian seluruh IKU tahun {TAHUN} sebesar {format_persen(rata)} dengan kategori "
        f"{hasil['iku']['kategori']}."
    )
    jumlah = bagian(akar, "ikhtisar-jumlah").teks
    assert f"menyajikan capaian {len(hasil['sasaran'])} sasaran strategis" in jumlah
    assert f"{len(a['sub_kegiatan'])} sub kegiatan." in jumlah
    anggaran = bagian(akar, "ikhtisar-anggaran").teks
    assert f"sebesar {format_rupiah(Decimal(total['pagu']))} dengan realisasi" in anggaran
    assert f"serapan {format_persen(Decimal(total['serapan']))}," in anggaran
    assert anggaran.endswith(f"sisa anggaran {format_rupiah(Decimal(total['sisa']))}.")

    # the IKU below target, with their capaian
    di_bawah = {
        i["kode"]: Decimal(i["capaian"])
        for i in hasil["indikator"]
        if i["iku"] and i["capaian"] is not None and Decimal(i["capaian"]) < 100
    }
    daftar = {li.attrs["data-kode"]: li.teks for li in ikhtisar.semua("li") if li.attrs.get("data-kode") in di_bawah}
    assert set(daftar) == set(di_bawah)
    for kode, capaian in di_bawah.items():
        assert f"capaian {format_persen(capaian)}" in daftar[kode]

    # efficiency per sasaran, as computed
    efisiensi = {
        li.attrs["data-kode"]: li.teks for li in ikhtisar.semua("ul", class_="daftar-efisiensi")[0].semua("li")
    }
    assert set(efisiensi) == {e["kode"] for e in hasil["efisiensi"]}
    for e in hasil["efisiensi"]:
        assert f"efisiensi {format_angka(Decimal(e['efisiensi']))} poin" in efisiensi[e["kode"]]


def test_ikhtisar_paser_sesuai_hasil(paser_pd):
    cek_ikhtisar(paser_pd)
    _k, akar, _ = laporan(paser_pd)
    teks = bagian(akar, "ikhtisar-eksekutif").teks
    assert "Sebanyak 1 IKU belum mencapai target (capaian di bawah 100%):" in teks
    assert "IKU-1 Rata-rata Nilai AKIP Perangkat Daerah: capaian 97,11% (Cukup Berhasil)" in teks
    assert "Dari 5 IKU, 4 IKU berkategori Berhasil dan 1 IKU berkategori Cukup Berhasil." in teks
    assert "Pagu anggaran (DPPA) tahun 2024" in teks
    # the planner's narrative follows the computed sentences
    assert "Pelaporan kinerja pemerintah melalui penyusunan Laporan Kinerja" in teks


def test_ikhtisar_contoh_sesuai_hasil(contoh_pd):
    cek_ikhtisar(contoh_pd)


def test_ikhtisar_menyebut_batas_atas_capaian(paser_pd):
    KebijakanPerhitungan.objects.filter(pd=paser_pd).update(batas_atas_capaian=Decimal("120"))
    hasil = hasil_dict(hasil_tahun(paser_pd, TAHUN))
    _k, akar, _ = laporan(paser_pd)
    kalimat = bagian(akar, "ikhtisar-rata-rata").teks
    assert f"sebesar {format_persen(Decimal(hasil['iku']['rata_rata']))}" in kalimat
    assert "Sesuai kebijakan perhitungan, capaian di atas 120,00% dihitung sebesar 120,00% dalam rata-rata." in kalimat


# --- cover, foreword, signature ----------------------------------------------------------------------------


def test_sampul_kata_pengantar_dan_tanda_tangan(paser_pd):
    _k, akar, _ = laporan(paser_pd)
    sampul = akar.satu("section", class_="sampul")
    assert [p.teks for p in sampul.semua("p")] == [
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "(LKjIP)",
        "SEKRETARIAT DAERAH KABUPATEN PASER",
        "TAHUN 2024",
        "PEMERINTAH KABUPATEN PASER",
    ]
    assert not sampul.semua("img")  # no logo uploaded

    kp = bagian(akar, "kata-pengantar")
    assert kp.satu("div", class_="narasi").teks.startswith("Puji syukur kami panjatkan")
    tt = kp.satu("div", class_="tanda-tangan")
    assert [p.teks for p in tt.semua("p")] == [
        "Tana Paser, 28 Februari 2025",
        "Sekretaris Daerah",
        "Drs. KATSUL WIJAYA, M.Si",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19661211 198609 1 002",
    ]
    assert tt.satu("p", class_="nama").teks == "Drs. KATSUL WIJAYA, M.Si"


def test_logo_dan_bagan_dicetak_bila_diunggah(paser_pd):
    lap = Laporan.objects.get(pd=paser_pd, tahun=TAHUN)
    lap.logo.name = "laporan/gambar/logo"
    lap.bagan_organisasi.name = "laporan/gambar/bagan"
    lap.save()
    gambar = {"logo": "data:image/png;base64,AAAA", "bagan": "data:image/png;base64,BBBB"}
    k, akar, _ = laporan(paser_pd, gambar)
    assert akar.satu("section", class_="sampul").satu("img").attrs["src"] == gambar["logo"]
    bagan = akar.satu("figure", id="gambar-1-1")
    assert bagan.satu("img").attrs["src"] == gambar["bagan"]
    assert bagan.satu("figcaption").teks == "Gambar 1.1 Bagan Struktur Organisasi Sekretariat Daerah Kabupaten Paser"
    assert k.daftar_gambar[0].id == "gambar-1-1"
    daftar = bagian(akar, "daftar-gambar").satu("nav", class_="daftar-isi")
    assert [li.satu("a").attrs["href"] for li in daftar.semua("li")] == ["#gambar-1-1"]

    # without the image at hand the figure says so (the entry in the Daftar Grafik still has its target)
    akar = dom(render(k, {}))
    assert not akar.satu("section", class_="sampul").semua("img")
    assert "Berkas bagan struktur organisasi tidak dapat dimuat." in akar.satu("figure", id="gambar-1-1").teks


# --- table of contents, numbering -------------------------------------------------------------------------


def cek_daftar(pd: PerangkatDaerah) -> None:
    k, akar, _html = laporan(pd)
    ids = {s.attrs["id"] for s in akar.semua() if "id" in s.attrs}
    isi = bagian(akar, "daftar-isi").satu("nav", class_="daftar-isi")
    entri = [(li.kelas(), li.satu("a").attrs["href"], li.teks) for li in isi.semua("li")]
    assert entri[:6] == [
        (["tingkat-1"], "#kata-pengantar", "KATA PENGANTAR"),
        (["tingkat-1"], "#ikhtisar-eksekutif", "IKHTISAR EKSEKUTIF"),
        (["tingkat-1"], "#daftar-isi", "DAFTAR ISI"),
        (["tingkat-1"], "#daftar-tabel", "DAFTAR TABEL"),
        (["tingkat-1"], "#daftar-grafik", "DAFTAR GRAFIK"),
        (["tingkat-1"], "#daftar-gambar", "DAFTAR GAMBAR"),
    ]
    bab1 = [e for e in entri if e[1].startswith("#bab-1")]
    assert [e[2] for e in bab1] == [
        "BAB I PENDAHULUAN",
        "A. Latar Belakang",
        "B. Maksud dan Tujuan",
        "C. Tugas dan Fungsi",
        "D. Struktur Organisasi",
        "E. Sumber Daya",
        "F. Permasalahan dan Isu Strategis",
        "G. Sistematika Penyajian",
    ]
    assert [e[0] for e in bab1] == [["tingkat-1"]] + [["tingkat-2"]] * 7
    for _kelas, href, _judul in entri:  # every entry leads somewhere, and no page numbers in the HTML
        assert href[1:] in ids, href

    # every numbered table is printed once, in the order of the Daftar Tabel, numbered consecutively per chapter
    daftar = bagian(akar, "daftar-tabel").semua("li")
    assert [li.satu("a").attrs["href"][1:] for li in daftar] == [r.id for r in k.daftar_tabel]
    dicetak = [f.attrs["id"] for f in akar.semua("figure", class_="tabel")]
    assert dicetak == [r.id for r in k.daftar_tabel]
    for r in k.daftar_tabel:
        f = akar.satu("figure", id=r.id)
        assert f.satu("figcaption").teks == f"{r.label} {r.judul}"
    for bab in ("1", "2"):
        nomor = [r.nomor for r in k.daftar_tabel if r.nomor.split(".")[0] == bab]
        assert nomor == [f"{bab}.{n}" for n in range(1, len(nomor) + 1)]
    # every reference in the text points at a printed table or chart
    for a in akar.semua("a", class_="rujukan"):
        assert a.attrs["href"][1:] in ids


def test_daftar_isi_dan_penomoran_paser(paser_pd):
    cek_daftar(paser_pd)


def test_daftar_isi_dan_penomoran_contoh(contoh_pd):
    cek_daftar(contoh_pd)


# --- BAB I ------------------------------------------------------------------------------------------------


def test_bab1_struktur_organisasi_paser(paser_pd):
    _k, akar, _ = laporan(paser_pd)
    bab1 = bagian(akar, "bab-1")
    assert (
        "Susunan organisasi Sekretariat Daerah Kabupaten Paser terdiri atas 16 unit kerja sebagaimana Tabel 1.1."
        in (bab1.teks)
    )
    baris = {
        tr.attrs["data-unit"]: tr for tr in akar.satu("figure", id="tabel-1-1").semua("tr") if "data-unit" in tr.attrs
    }
    assert len(baris) == 16
    tingkat = {kode: baris[kode].semua("td")[1].kelas() for kode in ("SETDA", "AS-PEMKESRA", "BAG-PEM", "BAG-RENKEU")}
    assert tingkat == {
        "SETDA": ["tingkat-1"],
        "AS-PEMKESRA": ["tingkat-2"],
        "BAG-PEM": ["tingkat-3"],
        "BAG-RENKEU": ["tingkat-3"],
    }
    # depth first: each Asisten is followed by its Bagian
    urutan = list(baris)
    assert urutan.index("AS-PEMKESRA") < urutan.index("BAG-PEM") < urutan.index("AS-EKBANG")
    assert (
        baris["SETDA"].semua("td")[3].teks == "Sekretaris Daerah: Drs. KATSUL WIJAYA, M.Si NIP. 19661211 198609 1 002"
    )
    assert baris["BAG-HUKUM"].semua("td")[3].teks == "Kepala Bagian Hukum: ANDI AZIS NIP. 19680816 199803 1 007"
    assert baris["BAG-PEM"].semua("td")[3].teks == "—"


def test_bab1_narasi_bawaan_dan_kosong(contoh_pd):
    _k, akar, _ = laporan(contoh_pd)
    bab1 = bagian(akar, "bab-1")
    teks = bab1.teks
    # no narrative written: the computed sentences, else the placeholder sentence
    assert "Laporan ini menyajikan kinerja Kecamatan Sukamaju Tahun 2024." in teks
    assert (
        "LKjIP Kecamatan Sukamaju Tahun 2024 disusun untuk memberikan informasi kinerja yang terukur kepada Bupati "
        "Contoh dan para pemangku kepentingan tentang capaian 2 sasaran strategis dan 3 Indikator Kinerja Utama"
    ) in teks
    kosong = [p.teks for p in bab1.semua("p", class_="kosong")]
    assert kosong == [
        BELUM_DIISI,
        "Uraian sumber daya manusia dan sarana prasarana belum diisi.",
        BELUM_DIISI,
        BELUM_DIISI,
    ]
    hasil = hasil_tahun(contoh_pd, TAHUN)
    assert (
        f"didukung oleh 4 unit kerja dan anggaran belanja (DPPA) sebesar {format_rupiah(hasil.total.pagu)}, yang "
        "rinciannya disajikan pada BAB II."
    ) in teks
    # units without a parent start their own branch; the Camat, tied to no unit, is listed after the table
    baris = [tr for tr in akar.satu("figure", id="tabel-1-1").semua("tr") if "data-unit" in tr.attrs]
    assert [(tr.attrs["data-unit"], tr.semua("td")[1].kelas()) for tr in baris] == [
        ("SEKCAM", ["tingkat-1"]),
        ("SUBBAG-UMUM", ["tingkat-2"]),
        ("SEKSI-PEL", ["tingkat-1"]),
        ("SEKSI-TRANTIB", ["tingkat-1"]),
    ]
    assert "Camat Sukamaju: BUDI SANTOSO, S.STP, M.Si (NIP. 19800101 200501 1 002)" in teks
    # the outline lists every part of the report
    assert [dt.teks for dt in bab1.satu("dl", class_="sistematika").semua("dt")] == [
        "Kata Pengantar",
        "Ikhtisar Eksekutif",
        "Daftar Isi, Daftar Tabel dan Daftar Grafik",
        "BAB I Pendahuluan",
        "BAB II Perencanaan dan Perjanjian Kinerja",
        "BAB III Akuntabilitas Kinerja",
        "BAB IV Penutup",
        "Lampiran",
    ]
    assert "Rencana Strategis 2021–2026, Indikator Kinerja Utama, Perjanjian Kinerja tahun 2024" in teks


def test_narasi_dengan_isian_terisi(contoh_pd):
    lap, _ = Laporan.objects.get_or_create(pd=contoh_pd, tahun=TAHUN)
    NarasiLaporan.objects.update_or_create(
        laporan=lap,
        kunci="bab1.sumber_daya",
        defaults={"teks": "Pagu {{ anggaran.pagu }} untuk {{ iku.jumlah }} IKU.\n\nRata-rata {{ iku.rata_rata }}."},
    )
    NarasiLaporan.objects.update_or_create(
        laporan=lap, kunci="ikhtisar", defaults={"teks": "Kategori <b>{{ iku.kategori }}</b> & {{ tidak.ada }}"}
    )
    hasil = hasil_dict(hasil_tahun(contoh_pd, TAHUN))
    _k, akar, html = laporan(contoh_pd)
    narasi = bagian(akar, "bab-1").satu("div", class_="narasi")
    assert narasi.teks == (
        f"Pagu {format_rupiah(Decimal(hasil['anggaran']['total']['pagu']))} untuk 3 IKU. "
        f"Rata-rata {format_persen(Decimal(hasil['iku']['rata_rata']))}."
    )
    assert "Uraian sumber daya manusia dan sarana prasarana belum diisi." not in bagian(akar, "bab-1").teks
    ikhtisar = bagian(akar, "ikhtisar-eksekutif").satu("div", class_="narasi")
    assert ikhtisar.teks == "Kategori <b>Sangat Memuaskan</b> & {{ tidak.ada }}"  # escaped; the unknown one visible
    assert "<b>Sangat" not in html


def test_pd_tanpa_data(pd_kosong):
    k, akar, _ = laporan(pd_kosong)
    sidik(k)
    teks = {id: bagian(akar, id).teks for id in ("kata-pengantar", "ikhtisar-eksekutif", "bab-1", "daftar-grafik")}
    assert "Kata pengantar belum ditulis." in teks["kata-pengantar"]
    assert "Penandatangan laporan belum ditetapkan." in teks["kata-pengantar"]
    assert "Belum ada Indikator Kinerja Utama yang tercatat untuk tahun 2024." in teks["ikhtisar-eksekutif"]
    assert "Belum ada DPA yang tercatat untuk tahun 2024." in teks["ikhtisar-eksekutif"]
    assert "Tingkat efisiensi belum dapat dihitung untuk tahun 2024." in teks["ikhtisar-eksekutif"]
    assert "belum mencapai target" not in teks["ikhtisar-eksekutif"]
    assert "Belum ada unit kerja yang tercatat untuk Dinas Tanpa Data." in teks["bab-1"]
    assert "didukung oleh 0 unit kerja; belum ada DPA yang tercatat untuk tahun 2024." in teks["bab-1"]
    assert not akar.semua("figure", id="tabel-1-1")
    assert "Laporan ini tidak memuat grafik." in teks["daftar-grafik"]
    sel = {td.attrs["data-isi"]: td.teks for td in akar.semua("td") if "data-isi" in td.attrs}
    assert sel["rata_rata"] == "—" and sel["kategori"] == "—" and "pagu" not in sel


def test_sidik_tanpa_model_dan_berubah_bersama_data(paser_pd):
    k = konteks_laporan(pd=paser_pd, tahun=TAHUN)
    assert " object at 0x" not in repr(k.awal) + repr(k.bab1) + repr(k.bab2)
    assert sidik(k) == sidik(konteks_laporan(pd=paser_pd, tahun=TAHUN))
    lap = Laporan.objects.get(pd=paser_pd, tahun=TAHUN)
    NarasiLaporan.objects.update_or_create(
        laporan=lap, kunci="bab1.sumber_daya", defaults={"teks": "Pegawai 120 orang."}
    )
    assert sidik(konteks_laporan(pd=paser_pd, tahun=TAHUN)) != sidik(k)
