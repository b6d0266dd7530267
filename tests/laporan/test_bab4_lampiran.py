"""BAB IV Penutup and the annexes of the LKjIP, rendered from their builders and checked against ``sakip-hasil/1``
(the same computation) formatted by :mod:`sakip.angka`: the conclusions, the PK document of every version, the IKU
document, the quarterly matrix (unit → program → kegiatan → sub kegiatan) and the Rencana Aksi."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.template import engines

from anggaran.models import RealisasiAnggaran
from kinerja.models import PerjanjianKinerja, RealisasiKinerja, RencanaAksi
from kinerja.selectors import hasil_tahun
from laporan.bab import bab4, lampiran
from laporan.konteks import Penomor, format_tanggal, muat_dasar
from laporan.models import Laporan, NarasiLaporan
from renstra.models import Indikator, PerangkatDaerah, Sasaran, SubKegiatan
from sakip.angka import format_angka, format_nilai, format_persen, format_rupiah
from sakip.bundle.hasil import hasil_dict
from tests.laporan.dom import Simpul, dom

pytestmark = pytest.mark.django_db

TAHUN = 2024

# --- rendering and a small DOM (stdlib only) ----------------------------------------------------------------


def susun(pd: PerangkatDaerah):
    d = muat_dasar(pd, TAHUN)
    n = Penomor()
    return d, n, bab4.susun(d, n), lampiran.susun(d, n)


def render(pd: PerangkatDaerah) -> tuple[Simpul, SimpleNamespace, Penomor, str]:
    d, n, b4, lamp = susun(pd)
    k = SimpleNamespace(identitas=d.identitas, bab4=b4, lampiran=lamp)
    tpl = engines["django"].from_string(
        '{% load l10n %}{% localize off %}{% include "laporan/bab/bab4.html" %}'
        '{% include "laporan/bab/lampiran.html" %}{% endlocalize %}'
    )
    html = tpl.render({"k": k, "mode": "cetak"})
    return dom(html), k, n, html


def persen(x: str | None) -> str:
    return format_persen(D(x)) if x is not None else "—"


def angka(x: str | None) -> str:
    return format_angka(D(x)) if x is not None else "—"


def rp_tabel(x: str) -> str:
    """Money as the matrix prints it: no "Rp" (the column says so), zero as "-"."""
    teks = format_rupiah(D(x))
    return "-" if teks == "Rp 0" else teks.replace("Rp ", "")


def dari_tabel(teks: str) -> D:
    return D(0) if teks == "-" else D(teks.replace(".", "").replace(",", "."))


@pytest.fixture(params=["paser_pd", "contoh_pd"])
def pd(request):
    return request.getfixturevalue(request.param)


# --- BAB IV -------------------------------------------------------------------------------------------------


def test_kesimpulan_memuat_angka_hasil(pd):
    j = hasil_dict(hasil_tahun(pd, TAHUN))
    akar, _k, n, _ = render(pd)
    poin = [li.teks for li in akar.satu("ol", "kesimpulan").semua("li")]
    nama = pd.nama

    iku = j["iku"]
    assert poin[0] == (
        f"Rata-rata capaian {iku['jumlah']} Indikator Kinerja Utama (IKU) {nama} tahun {TAHUN} sebesar "
        f"{persen(iku['rata_rata'])} dengan kategori {iku['kategori']}."
    )
    uraian = dict(Sasaran.objects.filter(renstra__pd=pd).values_list("kode", "uraian"))
    for i, s in enumerate(j["sasaran"], start=1):
        assert poin[i] == (
            f"Capaian kinerja sasaran {uraian[s['kode']]} pada tahun {TAHUN} sebesar {persen(s['capaian'])} "
            f"dengan kategori {s['kategori']}."
        )
    capaian_iku = [D(x["capaian"]) for x in j["indikator"] if x["iku"] and x["capaian"] is not None]
    tercapai = sum(1 for c in capaian_iku if c >= 100)
    assert poin[len(j["sasaran"]) + 1] == (
        f"Dari {iku['jumlah']} IKU, {tercapai} IKU mencapai atau melampaui target dan "
        f"{len(capaian_iku) - tercapai} IKU belum mencapai target."
    )
    t = j["anggaran"]["total"]
    assert poin[len(j["sasaran"]) + 2] == (
        f"Realisasi anggaran {nama} tahun {TAHUN} sebesar {format_rupiah(D(t['realisasi']))} dari pagu "
        f"{format_rupiah(D(t['pagu']))} (serapan {persen(t['serapan'])}), sehingga sisa anggaran sebesar "
        f"{format_rupiah(D(t['sisa']))}."
    )
    efisiensi = [e for e in j["efisiensi"] if e["efisiensi"] is not None]
    if efisiensi:
        teks = poin[len(j["sasaran"]) + 3]
        assert teks.startswith("Tingkat efisiensi (capaian kinerja dikurangi serapan anggaran)")
        for e in efisiensi:
            assert (
                f"{uraian[e['kode']]} (capaian {persen(e['capaian'])}, serapan {persen(e['serapan'])}, "
                f"efisiensi {angka(e['efisiensi'])} poin)"
            ) in teks
    assert len(poin) == len(j["sasaran"]) + 3 + (1 if efisiensi else 0)
    assert [(b.tingkat, b.id, b.judul) for b in n.bagian_semua[:3]] == [
        (1, "bab-4", "BAB IV PENUTUP"),
        (2, "bab-4-a", "A. Kesimpulan"),
        (2, "bab-4-b", "B. Saran"),
    ]
    assert akar.satu("section", id="bab-4").satu("h1").teks == "BAB IV PENUTUP"


def test_kesimpulan_paser_seperti_laporan(paser_pd):
    """The Paser figures, spelled out once: headline 106,71 % Berhasil and the money of the seed's point 5."""
    akar, *_ = render(paser_pd)
    teks = akar.satu("ol", "kesimpulan").teks
    assert "sebesar 106,71% dengan kategori Berhasil" in teks
    assert "sebesar Rp 236.124.072.719 dari pagu Rp 256.384.931.909 (serapan 92,10%)" in teks
    assert "sisa anggaran sebesar Rp 20.260.859.190" in teks
    assert "dihitung untuk capaian kinerja paling sedikit 100%" in teks  # the Paser policy


def test_saran_dan_tanda_tangan(paser_pd, contoh_pd):
    akar, *_ = render(paser_pd)
    bab = akar.satu("section", id="bab-4")
    assert "Hendaknya dilakukan peningkatan kompetensi Aparatur Sipil Negara" in bab.satu("div", "narasi").teks
    tt = bab.satu("div", "tanda-tangan")
    assert tt.satu("p", "tempat-tanggal").teks == "Tana Paser, 28 Februari 2025"
    assert tt.satu("p", "nama").teks == "Drs. KATSUL WIJAYA, M.Si"
    assert tt.satu("p", "nip").teks == "NIP. 19661211 198609 1 002"

    akar, *_ = render(contoh_pd)  # no bab4.saran in the example bundle
    bab = akar.satu("section", id="bab-4")
    assert [p.teks for p in bab.semua("p", "kosong")] == ["Bagian ini belum diisi."]


def test_saran_memakai_isian(contoh_pd):
    lap, _ = Laporan.objects.get_or_create(pd=contoh_pd, tahun=TAHUN)
    NarasiLaporan.objects.create(laporan=lap, kunci="bab4.saran", teks="Pertahankan serapan {{ anggaran.serapan }}.")
    serapan = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]["total"]["serapan"]
    akar, *_ = render(contoh_pd)
    assert akar.satu("section", id="bab-4").satu("div", "narasi").teks == f"Pertahankan serapan {persen(serapan)}."


def test_tanpa_data_setiap_bagian_memuat_kalimatnya(contoh_pd):
    kosong = PerangkatDaerah.objects.create(pemda=contoh_pd.pemda, kode="7.01.0.00.0.00.99.0000", nama="Kecamatan Baru")
    akar, _k, n, _ = render(kosong)
    poin = [li.teks for li in akar.satu("ol", "kesimpulan").semua("li")]
    assert poin == [
        "Belum ada Indikator Kinerja Utama (IKU) yang ditetapkan untuk tahun 2024.",
        "Belum ada pagu dan realisasi anggaran yang tercatat untuk tahun 2024.",
    ]
    bab = akar.satu("section", id="bab-4")
    assert [p.teks for p in bab.semua("p", "kosong")] == [
        "Bagian ini belum diisi.",
        "Penandatangan laporan belum ditentukan.",
    ]
    kalimat = {s.attrs["id"]: [p.teks for p in s.semua("p", "kosong")] for s in akar.semua("section", "lampiran")}
    assert kalimat == {
        "lampiran-1": ["Belum ada perjanjian kinerja yang tercatat untuk tahun 2024."],
        "lampiran-2": ["Belum ada indikator kinerja utama yang berlaku pada tahun 2024."],
        "lampiran-3": ["Belum ada sub kegiatan yang tercatat untuk tahun 2024."],
        "lampiran-4": ["Belum ada rencana aksi yang tercatat untuk tahun 2024."],
    }
    assert not akar.semua("table") and n.tabel_semua == []
    assert [b.id for b in n.bagian_semua if b.tingkat == 1] == [
        "bab-4",
        "lampiran-1",
        "lampiran-2",
        "lampiran-3",
        "lampiran-4",
    ]


def test_konteks_data_polos(pd):
    """The chapter objects hold plain data only, so the report's hash (laporan.konteks.sidik) sees every figure."""
    _, _, b4, lamp = susun(pd)
    assert " object at 0x" not in repr(b4) + repr(lamp)
    assert hash(b4) is not None and hash(lamp) is not None  # frozen all the way down


# --- the PK annex -------------------------------------------------------------------------------------------


def test_lampiran_pk_setiap_versi(contoh_pd):
    akar, _k, n, _ = render(contoh_pd)
    bagian = akar.satu("section", id="lampiran-1")
    dok = bagian.semua("div", "dokumen-pk")
    assert [x.attrs["id"] for x in dok] == ["lampiran-1-v1", "lampiran-1-v2"]
    assert [x.satu("p", "judul-dokumen").teks for x in dok] == [
        "PERJANJIAN KINERJA TAHUN 2024 KECAMATAN SUKAMAJU",
        "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024 KECAMATAN SUKAMAJU",
    ]
    for x, pk in zip(dok, PerjanjianKinerja.objects.filter(pd=contoh_pd, tahun=TAHUN).order_by("versi"), strict=True):
        dd = [d.teks for d in x.semua("dd")]
        assert dd[0] == pk.pihak_pertama.nama_lengkap and dd[1] == pk.pihak_pertama.jabatan
        assert dd[2:] == [pk.pihak_kedua_nama, pk.pihak_kedua_jabatan]
        ttd = x.semua("div", "tanda-tangan")
        assert [t.satu("p", "peran").teks for t in ttd] == ["PIHAK KEDUA", "PIHAK PERTAMA"]
        assert ttd[0].satu("p", "nama").teks == pk.pihak_kedua_nama
        assert ttd[1].satu("p", "nama").teks == pk.pihak_pertama.nama_lengkap
        assert x.satu("p", "tempat-tanggal").teks == ", ".join(
            v for v in (contoh_pd.tempat, format_tanggal(pk.tanggal)) if v
        )
        tabel = x.semua("figure", "tabel")
        target = {
            tr.semua("td")[-3].teks: tr.semua("td")[-1].teks for tr in tabel[0].satu("tbody").semua("tr")
        }  # indikator → target
        assert target == {
            t.indikator.uraian: format_nilai(t.nilai, t.label, t.indikator.desimal)
            for t in pk.target.select_related("indikator")
        }
        anggaran = [tr.semua("td")[-1].teks for tr in tabel[1].satu("tbody").semua("tr")]
        total = sum((a.jumlah for a in pk.anggaran_program.all()), D(0))
        assert sorted(anggaran) == sorted(format_rupiah(a.jumlah) for a in pk.anggaran_program.all())
        assert tabel[1].satu("tr", "jumlah").semua("td")[-1].teks == format_rupiah(total)
    # the targets differ between the versions (IKU-2 92 → 90), both printed
    assert "92,00" in dok[0].teks and "90,00" in dok[1].teks
    assert [r.lengkap for r in n.tabel_semua[:4]] == [
        "Tabel L.1 Target Perjanjian Kinerja Tahun 2024 versi 1",
        "Tabel L.2 Anggaran Program Perjanjian Kinerja Tahun 2024 versi 1",
        "Tabel L.3 Target Perjanjian Kinerja Tahun 2024 versi 2",
        "Tabel L.4 Anggaran Program Perjanjian Kinerja Tahun 2024 versi 2",
    ]
    assert [(b.tingkat, b.id, b.judul) for b in n.bagian_semua if b.id.startswith("lampiran-1")] == [
        (1, "lampiran-1", "LAMPIRAN 1 PERJANJIAN KINERJA TAHUN 2024"),
        (2, "lampiran-1-v1", "Perjanjian Kinerja Versi 1 (murni), 31 Januari 2024"),
        (2, "lampiran-1-v2", "Perjanjian Kinerja Versi 2 (perubahan), 30 September 2024"),
    ]
    assert [x.satu("h2").teks for x in dok] == [b.judul for b in n.bagian_semua if b.id.startswith("lampiran-1-v")]


# --- the IKU document and the Rencana Aksi --------------------------------------------------------------------


def test_lampiran_iku(pd):
    j = hasil_dict(hasil_tahun(pd, TAHUN))
    kode_iku = [i["kode"] for i in j["indikator"] if i["iku"]]
    akar, *_ = render(pd)
    baris = akar.satu("section", id="lampiran-2").satu("tbody").semua("tr")
    assert len(baris) == len(kode_iku)
    ind = {i.uraian: i for i in Indikator.objects.filter(pd=pd, kode__in=kode_iku)}
    for tr in baris:
        sel = [td.teks for td in tr.semua("td")]
        i = ind[sel[-5]]
        assert sel[-4] == i.satuan
        assert sel[-2] == (i.sumber_data or "—")
        assert sel[-1] == (i.unit_kerja.nama if i.unit_kerja else "—")
    assert akar.satu("section", id="lampiran-2").satu("figcaption").teks.startswith("Tabel L.")


def test_lampiran_rencana_aksi(contoh_pd):
    j = {i["kode"]: i for i in hasil_dict(hasil_tahun(contoh_pd, TAHUN))["indikator"]}
    akar, *_ = render(contoh_pd)
    baris = akar.satu("section", id="lampiran-4").satu("tbody").semua("tr")
    ra = RencanaAksi.objects.filter(indikator__pd=contoh_pd, tahun=TAHUN).select_related("indikator")
    per_ind: dict[str, dict[int, str]] = {}
    for r in ra:
        per_ind.setdefault(r.indikator.uraian, {})[r.triwulan] = format_nilai(r.nilai, r.label, r.indikator.desimal)
    assert len(baris) == len(per_ind) == 2
    for tr in baris:
        sel = [td.teks for td in tr.semua("td")]
        assert sel[3:7] == [per_ind[sel[1]][t] for t in (1, 2, 3, 4)]
        i = Indikator.objects.get(pd=contoh_pd, uraian=sel[1])
        assert sel[7] == format_angka(D(j[i.kode]["target"]), i.desimal)
    assert akar.satu("section", id="lampiran-2").satu("tbody") is not None


# --- the quarterly matrix -------------------------------------------------------------------------------------


def _sel(tr: Simpul, *kelas: str) -> str:
    return next(td for td in tr.semua("td") if all(c in td.kelas() for c in kelas)).teks


def test_matriks_sama_dengan_json(pd):
    j = hasil_dict(hasil_tahun(pd, TAHUN))["anggaran"]
    akar, k, _n, _ = render(pd)
    baris = [tr for tr in akar.satu("section", id="lampiran-3").satu("tbody").semua("tr") if "data-jenis" in tr.attrs]
    per_jenis: dict[str, list[Simpul]] = {}
    for tr in baris:
        per_jenis.setdefault(tr.attrs["data-jenis"], []).append(tr)

    def uang(tr: Simpul, x: dict) -> None:
        assert _sel(tr, "pagu") == rp_tabel(x["pagu"])
        assert _sel(tr, "rp", "realisasi") == rp_tabel(x["realisasi"])
        assert _sel(tr, "sisa") == rp_tabel(x["sisa"])
        assert _sel(tr, "serapan") == angka(x["serapan"])
        tw = [td.teks for td in tr.semua("td") if "rp" in td.kelas() and "tw" in td.kelas()]
        assert tw == [rp_tabel(v) for v in x["realisasi_tw"]]

    # the PD total
    (pd_baris,) = per_jenis["pd"]
    uang(pd_baris, j["total"])
    tw = [dari_tabel(td.teks) for td in pd_baris.semua("td") if "rp" in td.kelas() and "tw" in td.kelas()]
    assert sum(tw) == dari_tabel(_sel(pd_baris, "rp", "realisasi"))  # the quarters make the year
    rerata_kegiatan = [D(x["capaian_k"]) for x in j["kegiatan"] if x["capaian_k"] is not None]
    assert _sel(pd_baris, "capaian-k") == format_angka(sum(rerata_kegiatan) / len(rerata_kegiatan))

    # every unit: the JSON row
    unit = {tr.attrs["data-kode"]: tr for tr in per_jenis["unit"]}
    assert set(unit) == {u["kode"] for u in j["unit_kerja"]}
    for u in j["unit_kerja"]:
        uang(unit[u["kode"]], u)
        assert _sel(unit[u["kode"]], "capaian-k") == angka(u["capaian_k"])
    assert sum(dari_tabel(_sel(tr, "pagu")) for tr in unit.values()) == D(j["total"]["pagu"])

    # every sub kegiatan once, with its JSON row and K%
    sub = {tr.attrs["data-kode"]: tr for tr in per_jenis["sub_kegiatan"]}
    assert len(sub) == len(per_jenis["sub_kegiatan"]) == len(j["sub_kegiatan"])
    for s in j["sub_kegiatan"]:
        uang(sub[s["kode"]], s)
        assert _sel(sub[s["kode"]], "capaian-k") == angka(s["capaian_k"])

    # kegiatan: whole ones are the JSON row; a shared one is split in parts that add up to it
    keg_baris: dict[str, list[Simpul]] = {}
    for tr in per_jenis["kegiatan"]:
        keg_baris.setdefault(tr.attrs["data-kode"], []).append(tr)
    terbagi = 0
    for x in j["kegiatan"]:
        trs = keg_baris[x["kode"]]
        if len(trs) == 1:
            uang(trs[0], x)
            assert _sel(trs[0], "capaian-k") == angka(x["capaian_k"])
            assert "sebagian" not in trs[0].kelas()
        else:
            terbagi += 1
            assert all("sebagian" in tr.kelas() and tr.satu("td", "nama").teks.endswith("*") for tr in trs)
            for kunci in ("pagu", "realisasi", "sisa"):
                kelas = ("rp", "realisasi") if kunci == "realisasi" else (kunci,)
                assert sum(dari_tabel(_sel(tr, *kelas)) for tr in trs) == D(x[kunci])
    unit_per_kegiatan: dict[int, set] = {}
    for keg_id, unit_id in SubKegiatan.objects.filter(kegiatan__program__pd=pd).values_list(
        "kegiatan_id", "unit_kerja_id"
    ):
        unit_per_kegiatan.setdefault(keg_id, set()).add(unit_id)
    assert terbagi == sum(1 for u in unit_per_kegiatan.values() if len(u) > 1) > 0  # e.g. Paser 4.01.01.2.11
    catatan = [p.teks for p in akar.satu("section", id="lampiran-3").semua("p", "catatan")]
    assert catatan[0].startswith("* Program atau kegiatan yang dilaksanakan oleh lebih dari satu unit kerja")

    # program parts under the units add up to the program
    for x in j["program"]:
        trs = [tr for tr in per_jenis["program"] if tr.attrs["data-kode"] == x["kode"]]
        assert trs
        assert sum(dari_tabel(_sel(tr, "pagu")) for tr in trs) == D(x["pagu"])
        assert sum(dari_tabel(_sel(tr, "sisa")) for tr in trs) == D(x["sisa"])
        if len(trs) == 1:
            assert _sel(trs[0], "capaian-k") == angka(x["capaian_k"])

    # the builder's rows: the quarters make the year on every row (no yearly-only money in these data)
    for b in k.lampiran.matriks.baris:
        assert sum(b.rp.realisasi_tw) == b.rp.realisasi
    assert k.lampiran.matriks.tabel.nomor.startswith("L.")


def test_matriks_urutan_unit_program_kegiatan_sub(contoh_pd):
    _, _, _, lamp = susun(contoh_pd)
    urutan = [(b.jenis, b.kode) for b in lamp.matriks.baris]
    assert urutan == [
        ("pd", ""),
        ("unit", "SUBBAG-UMUM"),
        ("program", "7.01.01"),
        ("kegiatan", "7.01.01.2.02"),
        ("sub_kegiatan", "7.01.01.2.02.0001"),
        ("kegiatan", "7.01.01.2.06"),
        ("sub_kegiatan", "7.01.01.2.06.0002"),
        ("unit", "SEKSI-PEL"),
        ("program", "7.01.01"),
        ("kegiatan", "7.01.01.2.06"),
        ("sub_kegiatan", "7.01.01.2.06.0009"),
        ("program", "7.01.02"),
        ("kegiatan", "7.01.02.2.01"),
        ("sub_kegiatan", "7.01.02.2.01.0010"),
        ("unit", "SEKSI-TRANTIB"),
        ("program", "7.01.02"),
        ("kegiatan", "7.01.02.2.01"),
        ("sub_kegiatan", "7.01.02.2.01.0008"),
    ]


def test_matriks_k_per_triwulan_dari_realisasi_tersimpan(pd):
    """Columns 5, 7, 9, 11: each indicator's stored quarterly realisation; column 13 the year's (by akumulasi)."""
    j = {i["kode"]: i for i in hasil_dict(hasil_tahun(pd, TAHUN))["indikator"]}
    akar, *_ = render(pd)
    baris = {
        tr.attrs["data-kode"]: tr
        for tr in akar.satu("section", id="lampiran-3").satu("tbody").semua("tr")
        if tr.attrs.get("data-jenis") == "sub_kegiatan"
    }
    tersimpan: dict[int, dict[int, RealisasiKinerja]] = {}
    for r in RealisasiKinerja.objects.filter(indikator__pd=pd, tahun=TAHUN, triwulan__isnull=False):
        tersimpan.setdefault(r.indikator_id, {})[r.triwulan] = r
    diperiksa = 0
    for s in SubKegiatan.objects.filter(kegiatan__program__pd=pd).prefetch_related("indikator"):
        ind = list(s.indikator.all())
        if len(ind) != 1 or ind[0].kode not in j:
            continue
        i = ind[0]
        tr = baris[s.kode]
        k = [td.teks for td in tr.semua("td") if "k" in td.kelas() and "tw" in td.kelas()]
        per_tw = tersimpan.get(i.pk, {})
        assert k == [
            format_nilai(per_tw[t].nilai, per_tw[t].label, i.desimal) if t in per_tw else "—" for t in (1, 2, 3, 4)
        ]
        realisasi = j[i.kode]["realisasi"]
        assert _sel(tr, "k", "realisasi") == (format_angka(D(realisasi), i.desimal) if realisasi else "—")
        assert _sel(tr, "k").startswith(format_angka(D(j[i.kode]["target"]), i.desimal))
        diperiksa += 1
    assert diperiksa >= 5


def test_matriks_paser_seperti_lampiran_seed(paser_pd):
    """A row of the Setda Paser annex, column by column (the seed's 'Jumlah Dokumen Hasil Layanan Pengadaan Secara
    Elektronik': target 247, TW K 141/35/23, year 282, Rp% 79,36, sisa 339.433.364)."""
    akar, *_ = render(paser_pd)
    tr = next(
        tr
        for tr in akar.satu("section", id="lampiran-3").satu("tbody").semua("tr")
        if "Layanan Pengadaan Secara Elektronik" in tr.teks and tr.attrs.get("data-jenis") == "sub_kegiatan"
    )
    assert _sel(tr, "pagu") == "1.644.866.704"
    assert _sel(tr, "k", "realisasi") == "282"
    assert _sel(tr, "capaian-k") == "114,17"
    assert _sel(tr, "serapan") == "79,36"
    assert _sel(tr, "sisa") == "339.433.364"
    assert [td.teks for td in tr.semua("td") if "rp" in td.kelas() and "tw" in td.kelas()] == [
        "83.412.768",
        "93.812.533",
        "269.035.807",
        "859.172.232",
    ]


def test_matriks_sub_tanpa_unit_tetap_terhitung(contoh_pd):
    sub = SubKegiatan.objects.get(kegiatan__program__pd=contoh_pd, kode="7.01.02.2.01.0008")
    sub.unit_kerja = None
    sub.save()
    j = hasil_dict(hasil_tahun(contoh_pd, TAHUN))["anggaran"]
    _, _, _, lamp = susun(contoh_pd)
    unit = [b for b in lamp.matriks.baris if b.jenis == "unit"]
    assert unit[-1].nama == "Sub kegiatan tanpa unit kerja penanggung jawab"
    assert unit[-1].rp.pagu == D(next(s["pagu"] for s in j["sub_kegiatan"] if s["kode"] == sub.kode))
    assert sum((b.rp.pagu for b in unit), D(0)) == D(j["total"]["pagu"])


def test_matriks_realisasi_tahunan_diberi_catatan(contoh_pd):
    r = RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd=contoh_pd, tahun=TAHUN).first()
    RealisasiAnggaran.objects.create(
        sub_kegiatan=r.sub_kegiatan, rekening=r.rekening, tahun=TAHUN, triwulan=None, jumlah=D("1000000")
    )
    _, _, _, lamp = susun(contoh_pd)
    assert lamp.matriks.catatan[-1] == (
        "Kolom 14 memuat juga realisasi tahunan tanpa rincian triwulan sebesar Rp 1.000.000, sehingga kolom 6, 8, 10 "
        "dan 12 berjumlah kurang dari kolom 14."
    )


def test_tabel_lampiran_bernomor_l(pd):
    _, n, _, _ = susun(pd)
    assert n.tabel_semua and all(r.nomor.startswith("L.") for r in n.tabel_semua)
    assert [r.nomor for r in n.tabel_semua] == [f"L.{i}" for i in range(1, len(n.tabel_semua) + 1)]
    assert len({r.id for r in n.tabel_semua}) == len(n.tabel_semua)
