"""BAB III of the LKjIP (AKIP evaluation, capaian per IKU and per sasaran with its seven analyses, realisasi anggaran),
rendered from the report context and checked against the stored evaluation and the figures of ``sakip-hasil/1``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kinerja import hitung as h
from kinerja.models import (
    EvaluasiAkip,
    KebijakanPerhitungan,
    Pembanding,
    RealisasiKinerja,
    StandarNasional,
    TargetPK,
)
from kinerja.selectors import hasil_tahun
from laporan.bab import bab3
from laporan.konteks import Penomor, konteks_laporan, muat_dasar, sidik
from renstra.models import Indikator, SubKegiatan
from sakip.angka import format_angka, format_persen, format_rupiah
from sakip.bundle.hasil import hasil_dict
from tests.laporan.dom import Simpul, dom

pytestmark = pytest.mark.django_db

TAHUN = 2024


def laporan(pd):
    with translation.override("id"):
        k = konteks_laporan(pd=pd, tahun=TAHUN)
        html = render_to_string("laporan/_isi.html", {"k": k, "mode": "layar", "gambar": {}})
    return k, dom(html).satu("section", id="bab-3")


def baris_tabel(bab: Simpul, rujukan) -> list[list[str]]:
    figure = bab.satu("figure", id=rujukan.id)
    assert rujukan.label in figure.satu("figcaption").teks
    return figure.sel()


def angka(x: str | None, desimal: int = 2) -> str:
    """A figure of sakip-hasil/1 ("97.11" or null) as the report prints it."""
    return format_angka(None if x is None else Decimal(x), desimal)


def rp(x: str) -> str:
    """Money as a table prints it (zero as "-")."""
    teks = format_rupiah(Decimal(x))
    return "-" if teks == "Rp 0" else teks


# --- the figures of every part, on both example PDs -----------------------------------------------------------


@pytest.fixture(params=["contoh_pd", "paser_pd"])
def pd(request):
    return request.getfixturevalue(request.param)


def test_iku_table_and_headline_are_the_computed_figures(pd):
    k, bab = laporan(pd)
    hasil = hasil_dict(hasil_tahun(pd, TAHUN))
    b = k.bab3
    rows = baris_tabel(bab, b.iku.tabel)
    iku = [i for i in hasil["indikator"] if i["iku"]]
    badan = rows[1:-1]
    assert len(badan) == len(iku) == hasil["iku"]["jumlah"]
    for baris, i in zip(badan, iku, strict=True):
        ind = Indikator.objects.get(pd=pd, kode=i["kode"])
        assert baris[-5] == ind.satuan
        assert baris[-3] != "" and baris[-2] == angka(i["capaian"]) and baris[-1] == (i["kategori"] or "—")
        assert baris[-6] == ind.uraian
    assert rows[-1] == ["Rata-rata capaian IKU", angka(hasil["iku"]["rata_rata"]), hasil["iku"]["kategori"]]
    teks = bab.teks
    assert (
        f"Rata-rata capaian {hasil['iku']['jumlah']} Indikator Kinerja Utama {pd.nama} tahun {TAHUN} sebesar "
        f"{format_persen(Decimal(hasil['iku']['rata_rata']))} dengan kategori {hasil['iku']['kategori']}." in teks
    )
    for label, n in hasil["iku"]["per_kategori"].items():
        assert f"{n} indikator berkategori {label}" in teks


def test_every_sasaran_has_its_capaian_chart_and_analyses(pd):
    k, bab = laporan(pd)
    hasil = hasil_dict(hasil_tahun(pd, TAHUN))
    sasaran = {s["kode"]: s for s in hasil["sasaran"]}
    indikator = {i["kode"]: i for i in hasil["indikator"]}
    blok = bab.semua("div", kelas="sasaran-analisis")
    assert [x.attrs["data-kode"] for x in blok] == list(sasaran)
    for s, x in zip(k.bab3.capaian.sasaran, blok, strict=True):
        hs = sasaran[s.kode]
        assert x.satu("strong", kelas="capaian").teks == format_persen(Decimal(hs["capaian"]))
        # (a) the year's indicators, and the sasaran's capaian in the footer
        rows = baris_tabel(x, s.tabel_capaian)
        assert rows[-1] == ["Capaian sasaran", angka(hs["capaian"]), hs["kategori"]]
        for baris in rows[1:-1]:
            kode = next(i.kode for i in s.indikator if i.uraian == baris[0])
            assert baris[4] == angka(indikator[kode]["capaian"]) and baris[5] == (indikator[kode]["kategori"] or "—")
        # (b) a vector chart, one panel per indicator, numbered as a Grafik
        figur = x.satu("figure", id=s.grafik_seri.id)
        assert s.grafik_seri.label in figur.satu("figcaption").teks and s.grafik_seri.label.startswith("Grafik 3.")
        assert len(figur.semua("svg", kelas="grafik-tahunan")) == len(s.indikator)
        assert figur.semua("rect") and figur.semua("polyline", kelas="target")
        # the report year's row of the series repeats the year's figures, with the growth of sakip-hasil/1
        seri = baris_tabel(x, s.tabel_seri)
        for ind in s.indikator:
            mulai = next(n for n, r in enumerate(seri) if r[0].startswith(ind.uraian))
            tahun_ini = next(r for r in seri[mulai:] if r[0] == str(TAHUN))
            i = indikator[ind.kode]
            assert tahun_ini[3] == angka(i["capaian"]) and tahun_ini[4] == angka(i["pertumbuhan"])
        # (c) against the Renstra's end target
        for ind in s.indikator:
            if indikator[ind.kode]["kemajuan_renstra"]:
                kemajuan = format_persen(Decimal(indikator[ind.kode]["kemajuan_renstra"]))
                assert f"{ind.kode} {ind.uraian}: realisasi tahun {TAHUN}" in x.teks and kemajuan in x.teks
        # (f) efficiency of the programs that support it
        ef = x.satu("p", kelas="efisiensi").teks
        e = next((e for e in hasil["efisiensi"] if e["kode"] == s.kode), None)
        if e is not None:
            assert f"tingkat efisiensinya {angka(e['efisiensi'])} poin" in ef
            assert f"serapan anggaran program pendukungnya {format_persen(Decimal(e['serapan']))}" in ef
        # (g) the programs and kegiatan that support it, with their money and K%
        program = {p["kode"]: p for p in hasil["anggaran"]["program"]}
        kegiatan = {p["kode"]: p for p in hasil["anggaran"]["kegiatan"]}
        dukungan = baris_tabel(x, s.tabel_dukungan)
        for r in s.dukungan:
            a = program[r.kode] if r.tingkat == 1 else kegiatan[r.kode]
            baris = next(b for b in dukungan if b[0] == f"{r.kode} {r.nama}")
            assert baris[1:] == [rp(a["pagu"]), rp(a["realisasi"]), angka(a["serapan"]), angka(a["capaian_k"])]


def test_money_by_account_and_by_unit_add_up_to_the_totals(pd):
    k, bab = laporan(pd)
    hasil = hasil_dict(hasil_tahun(pd, TAHUN))
    c = k.bab3.anggaran
    total = hasil["anggaran"]["total"]
    jumlah = [rp(total["pagu"]), rp(total["realisasi"]), rp(total["sisa"]), angka(total["serapan"])]
    # by account: every roll-up row of the computation (the lone top code "5" is the JUMLAH row)
    rows = baris_tabel(bab, c.tabel_rekening)
    rekening = [r for r in hasil["anggaran"]["rekening"] if r["kode"] != "5"]
    assert [r[0] for r in rows[1:-1]] == [r["kode"] for r in rekening]
    for baris, r in zip(rows[1:-1], rekening, strict=True):
        assert baris[2:] == [rp(r["pagu"]), rp(r["realisasi"]), rp(r["sisa"]), angka(r["serapan"])]
    assert rows[-1] == ["JUMLAH", *jumlah]
    # by unit: each unit's JUMLAH row is the unit's figure, every sub kegiatan row its own, and the grand total
    tabel = bab.satu("figure", id=c.tabel_unit.id)
    assert tabel.satu("table").semua("tbody") and bab.satu("div", kelas="lebar").satu("figure", id=c.tabel_unit.id)
    unit = {u["kode"]: u for u in hasil["anggaran"]["unit_kerja"]}
    jumlah_unit = tabel.semua("tr", kelas="jumlah")
    assert sorted(r.attrs["data-unit"] for r in jumlah_unit if r.attrs.get("data-unit")) == sorted(unit)
    for r in jumlah_unit:
        if kode := r.attrs.get("data-unit"):
            u = unit[kode]
            assert [x.teks for x in r.semua("td")][1:] == [
                rp(u["pagu"]),
                rp(u["realisasi"]),
                rp(u["sisa"]),
                angka(u["serapan"]),
            ]
    assert [x.teks for x in tabel.satu("tfoot").semua("td")] == ["TOTAL KESELURUHAN", *jumlah]
    sub = {s["kode"]: s for s in hasil["anggaran"]["sub_kegiatan"]}
    for s in SubKegiatan.objects.filter(kegiatan__program__pd=pd):
        (baris,) = [r for r in tabel.semua("tr") if r.attrs.get("data-kode") == s.kode]
        assert [x.teks for x in baris.semua("td")][2:] == [
            rp(sub[s.kode]["pagu"]),
            rp(sub[s.kode]["realisasi"]),
            rp(sub[s.kode]["sisa"]),
            angka(sub[s.kode]["serapan"]),
        ]
    # a kegiatan wholly of one unit shows the kegiatan's own figure
    per_unit: dict[str, set[str | None]] = {}
    for s in hasil["anggaran"]["sub_kegiatan"]:
        per_unit.setdefault(s["kode"].rsplit(".", 1)[0], set()).add(s["unit_kerja"])
    for g in hasil["anggaran"]["kegiatan"]:
        baris = [r for r in tabel.semua("tr") if r.attrs.get("data-kode") == g["kode"]]
        if len(per_unit.get(g["kode"], ())) == 1 and baris:
            assert [x.teks for x in baris[0].semua("td")][2:4] == [rp(g["pagu"]), rp(g["realisasi"])]
    # the efficiency table: the rows of the computation
    rows = baris_tabel(bab, c.tabel_efisiensi)
    assert len(rows) - 1 == len(hasil["efisiensi"])
    for baris, e in zip(rows[1:], hasil["efisiensi"], strict=True):
        assert baris[-3:] == [angka(e["capaian"]), angka(e["serapan"]), angka(e["efisiensi"])]
    serapan = format_persen(Decimal(total["serapan"]))
    assert f"dengan realisasi {format_rupiah(Decimal(total['realisasi']))} atau {serapan}" in bab.teks


# --- Paser: the AKIP evaluation, the multi-year series and the policy notes -------------------------------------


def test_paser_akip_evaluation_components_predicate_and_follow_up(paser_pd):
    k, bab = laporan(paser_pd)
    e = k.bab3.evaluasi.hasil
    rows = baris_tabel(bab, e.tabel)
    assert rows[1] == ["2022", "2023"]
    assert rows[2:6] == [
        ["1", "Perencanaan Kinerja", "30,00", "22,14", "26,22"],
        ["2", "Pengukuran Kinerja", "30,00", "20,21", "22,93"],
        ["3", "Pelaporan Kinerja", "15,00", "10,57", "10,52"],
        ["4", "Evaluasi Akuntabilitas Kinerja Internal", "25,00", "17,40", "17,50"],
    ]
    assert rows[6] == ["", "Nilai Hasil Evaluasi", "100,00", "70,32", "77,17"]
    assert rows[7] == ["", "Predikat", "", "BB", "BB"]  # 77,17 on the AKIP scale: > 70 BB
    teks = bab.teks
    assert (
        "Hasil evaluasi atas implementasi SAKIP Sekretariat Daerah Kabupaten Paser tahun 2023 oleh Inspektorat "
        "Kabupaten Paser terhadap 4 komponen (Perencanaan Kinerja, Pengukuran Kinerja, Pelaporan Kinerja dan "
        "Evaluasi Akuntabilitas Kinerja Internal) memperoleh nilai 77,17 dengan predikat BB." in teks
    )
    assert "Nilai ini naik 6,85 poin dibandingkan hasil evaluasi tahun 2022." in teks
    assert "Komponen yang nilainya menurun: Pelaporan Kinerja." in teks
    evaluasi = EvaluasiAkip.objects.get(pd=paser_pd, tahun=TAHUN)
    rekomendasi = list(evaluasi.rekomendasi.order_by("nomor"))
    rows = baris_tabel(bab, e.tabel_rekomendasi)
    assert [r[0] for r in rows[1:]] == [str(r.nomor) for r in rekomendasi]
    assert [r[-1] for r in rows[1:]] == [r.get_status_display() for r in rekomendasi]
    sudah = sum(1 for r in rekomendasi if r.status == "sudah")
    assert f"Dari {len(rekomendasi)} rekomendasi: {sudah} sudah ditindaklanjuti" in teks


def test_paser_earlier_year_uses_the_same_rules(paser_pd):
    """IKU-1 2023: B (67,35) against the Renstra target B (70): 96,21 %, and the 2024 growth is 2,38 %."""
    k, bab = laporan(paser_pd)
    (s1,) = [s for s in k.bab3.capaian.sasaran if s.kode == "S1"]
    seri = baris_tabel(bab, s1.tabel_seri)
    mulai = seri.index(["Rata-rata Nilai AKIP Perangkat Daerah (Nilai)"])
    assert seri[mulai + 1 : mulai + 6] == [
        ["2022", "B (70,00)", "—", "—", "—"],
        ["2023", "B (70,00)", "B (67,35)", "96,21", "—"],
        ["2024", "BB (71,00)", "B (68,95)", "97,11", "2,38"],
        ["2025", "BB (71,00)", "—", "—", "—"],
        ["2026", "A (81,00)", "—", "—", "—"],
    ]
    iku1 = next(i for i in hasil_dict(hasil_tahun(paser_pd, TAHUN))["indikator"] if i["kode"] == "IKU-1")
    assert iku1["pertumbuhan"] == "2.38"
    assert "Realisasi IKU-1 tahun 2024 naik 2,38% dibandingkan realisasi tahun 2023." in bab.teks
    panel = bab.satu("div", kelas="grafik-panel", data_kode="IKU-1")
    kolom = {g.attrs["data-tahun"]: g for g in panel.semua("g", kelas="kolom")}
    assert list(kolom) == ["2022", "2023", "2024", "2025", "2026"]
    assert [len(kolom[t].semua("rect")) for t in kolom] == [0, 1, 1, 0, 0]  # a column only where a figure exists
    assert [t.teks for t in panel.semua("text", kelas="target-teks")] == ["70,00", "70,00", "71,00", "71,00", "81,00"]


def test_paser_comparisons_obstacles_and_policy_notes(paser_pd):
    k, bab = laporan(paser_pd)
    s1, s2, _s3 = k.bab3.capaian.sasaran
    rows = baris_tabel(bab, s1.tabel_pembanding)
    assert rows[1] == ["IKU-1 Rata-rata Nilai AKIP Perangkat Daerah", paser_pd.nama, "B (68,95)", "—"]
    assert sorted(r[2] for r in rows[2:]) == ["73,28", "76,05"]
    assert "Realisasi IKU-1 sebesar B (68,95) lebih buruk daripada 2 dari 2 instansi pembanding." in bab.teks
    blok_s2 = bab.satu("div", kelas="sasaran-analisis", data_kode="S2")
    assert s2.tabel_pembanding is None and (
        "Belum ada data pembanding dari instansi lain maupun standar nasional untuk indikator sasaran ini."
        in blok_s2.teks
    )
    # (e) the obstacles the units wrote on the sub kegiatan that support S1 (TW IV), next to the planner's narrative
    rows = baris_tabel(bab, s1.tabel_hambatan)
    ditulis = RealisasiKinerja.objects.filter(indikator__pd=paser_pd, tahun=TAHUN).exclude(hambatan="")
    assert {r[1] for r in rows[1:]} == {r.hambatan for r in ditulis}
    blok_s1 = bab.satu("div", kelas="sasaran-analisis", data_kode="S1")
    assert len(blok_s1.semua("div", kelas="narasi")) == 3
    # the policy of Paser lists only capaian >= 100 in the efficiency table, and says so
    assert (
        "Sesuai kebijakan perhitungan, tabel ini hanya memuat sasaran yang capaian kinerjanya mencapai atau melebihi "
        "100%: 2 dari 3 sasaran." in bab.teks
    )
    assert "capaian di atas" not in bab.teks  # no ceiling: no capping note
    skala = baris_tabel(bab, k.bab3.pengukuran.tabel)
    assert [r[1:] for r in skala[1:]] == [
        ["≥ 100", "Berhasil"],
        ["≥ 70 dan < 100", "Cukup Berhasil"],
        ["≥ 40 dan < 70", "Kurang Berhasil"],
        ["< 40", "Tidak Berhasil"],
    ]


# --- the small example: earlier PK targets, kondisi awal, notes of two quarters, the no-data sentences ----------


def test_contoh_series_takes_the_pk_target_of_the_year_and_the_initial_condition(contoh_pd):
    k, bab = laporan(contoh_pd)
    s1, s2 = k.bab3.capaian.sasaran
    seri = baris_tabel(bab, s1.tabel_seri)
    mulai = seri.index(["Indeks Kepuasan Masyarakat (Indeks)"])
    assert seri[mulai + 1] == ["Kondisi awal (2020)", "—", "78,00", "—", "—"]
    assert seri[mulai + 2 : mulai + 4] == [
        ["2021", "—", "—", "—", "—"],
        ["2022", "—", "—", "—", "—"],
    ]
    assert seri[mulai + 4] == ["2023", "80,00", "81,20", "101,50", "—"]  # the PK 2023 target
    seri = baris_tabel(bab, s2.tabel_seri)
    mulai = seri.index(["Jumlah gangguan ketenteraman dan ketertiban umum (Kejadian)"])
    # negative polarity: (2 × 12 − 14) / 12 = 83,33; 2024: 11 against 10 → 90, growth 11/14 − 1
    assert seri[mulai + 3] == ["2023", "12", "14", "83,33", "—"]
    assert seri[mulai + 4] == ["2024", "10", "11", "90,00", "-21,43"]
    assert "Realisasi IKU-3 tahun 2024 turun 21,43% dibandingkan realisasi tahun 2023." in bab.teks
    assert "Indikator ini berpolaritas negatif: makin rendah realisasinya makin baik." in bab.teks
    # the obstacle of TW I and the solution of TW IV, one row
    rows = baris_tabel(bab, s2.tabel_hambatan)
    assert rows[1][1:] == ["Musim kemarau panjang memicu konflik air", "Patroli bersama Babinsa dan Bhabinkamtibmas"]
    # S1 has no narrative: it says so; S2 prints the planner's
    blok_s1 = bab.satu("div", kelas="sasaran-analisis", data_kode="S1")
    assert "Bagian ini belum diisi." in blok_s1.teks
    assert bab.satu("div", kelas="sasaran-analisis", data_kode="S2").semua("div", kelas="narasi")


def test_an_earlier_year_takes_its_own_pk_target_over_the_renstra(contoh_pd):
    TargetPK.objects.filter(pk_dokumen__pd=contoh_pd, pk_dokumen__tahun=2023, indikator__kode="IKU-1").update(
        nilai=Decimal("81")
    )
    k, bab = laporan(contoh_pd)
    seri = baris_tabel(bab, k.bab3.capaian.sasaran[0].tabel_seri)
    assert ["2023", "81,00", "81,20", "100,25", "—"] in seri  # the Renstra still says 80


def test_contoh_comparison_with_the_national_standard(contoh_pd):
    StandarNasional.objects.create(indikator=Indikator.objects.get(pd=contoh_pd, kode="IKU-1"), tahun=TAHUN, nilai=85)
    k, bab = laporan(contoh_pd)
    rows = baris_tabel(bab, k.bab3.capaian.sasaran[0].tabel_pembanding)
    assert ["", "Standar nasional", "85,00", "—"] in rows
    assert "Realisasi IKU-1 belum memenuhi standar nasional sebesar 85,00." in bab.teks  # 84,37 < 85


def test_without_evaluation_and_comparisons_the_chapter_says_so(contoh_pd):
    EvaluasiAkip.objects.filter(pd=contoh_pd).delete()
    Pembanding.objects.filter(indikator__pd=contoh_pd).delete()
    k, bab = laporan(contoh_pd)
    a = bab.satu("h2", id="bab-3-a")
    assert k.bab3.evaluasi.hasil is None
    assert "Belum ada evaluasi AKIP yang tercatat untuk tahun 2023." in bab.teks
    assert not any("Evaluasi AKIP" in t.judul for t in k.daftar_tabel)
    assert a is not None
    for s in bab.semua("div", kelas="sasaran-analisis"):
        assert "Belum ada data pembanding dari instansi lain maupun standar nasional" in s.teks


def test_a_ceiling_policy_is_stated(contoh_pd):
    KebijakanPerhitungan.objects.filter(pd=contoh_pd).update(batas_atas_capaian=Decimal("120"))
    _, bab = laporan(contoh_pd)
    assert (
        "Sesuai kebijakan perhitungan, capaian di atas 120,00% dihitung sebesar 120,00% dalam setiap rata-rata; "
        "capaian setiap indikator tetap ditampilkan apa adanya." in bab.teks
    )


def test_efficiency_per_program_lists_programs(contoh_pd):
    KebijakanPerhitungan.objects.filter(pd=contoh_pd).update(efisiensi_tingkat="program")
    k, bab = laporan(contoh_pd)
    hasil = hasil_dict(hasil_tahun(contoh_pd, TAHUN))
    rows = baris_tabel(bab, k.bab3.anggaran.tabel_efisiensi)
    assert rows[0][1] == "Program"
    assert [r[-1] for r in rows[1:]] == [angka(e["efisiensi"]) for e in hasil["efisiensi"]]


# --- numbering, headings and the context's shape ----------------------------------------------------------


def test_headings_tables_and_charts_are_numbered_in_print_order(paser_pd):
    k, bab = laporan(paser_pd)
    assert bab.satu("h1", id="bab-3-judul").teks == "BAB III AKUNTABILITAS KINERJA"
    assert [(x.tingkat, x.id) for x in k.daftar_isi if x.id.startswith("bab-3")] == [
        (1, "bab-3"),
        (2, "bab-3-a"),
        (2, "bab-3-b"),
        (2, "bab-3-c"),
    ]
    for x in ("bab-3-a", "bab-3-b", "bab-3-c"):
        assert bab.satu("h2", id=x)
    dicetak = [f.attrs["id"] for f in bab.semua("figure") if f.attrs.get("id", "").startswith("tabel-3-")]
    assert dicetak == [f"tabel-3-{n}" for n in range(1, len(dicetak) + 1)]
    assert dicetak == [t.id for t in k.daftar_tabel if t.nomor.startswith("3.")]
    grafik = [f.attrs["id"] for f in bab.semua("figure", kelas="grafik")]
    assert (
        grafik
        == [g.id for g in k.daftar_grafik if g.nomor.startswith("3.")]
        == ["grafik-3-1", "grafik-3-2", "grafik-3-3"]
    )
    assert all(
        f"#{t.id}" in {a.attrs.get("href") for a in bab.semua("a", kelas="rujukan")}
        for t in k.daftar_tabel
        if t.nomor.startswith("3.")
    )
    sidik(k)  # plain data only


# --- a fixed number of queries ----------------------------------------------------------------------------


def test_bab3_runs_a_fixed_number_of_queries(contoh_pd, paser_pd):
    """The small example, the demo (about ten times its indicators and budget lines), and the example again without
    any AKIP evaluation: the same queries."""

    def hitung(pd) -> int:
        d = muat_dasar(pd, TAHUN)
        with translation.override("id"), CaptureQueriesContext(connection) as q:
            bab3.susun(d, Penomor())
        return len(q.captured_queries)

    hitungan = [hitung(contoh_pd), hitung(paser_pd)]
    EvaluasiAkip.objects.filter(pd=contoh_pd).delete()
    hitungan.append(hitung(contoh_pd))
    assert hitungan[0] == hitungan[1] == hitungan[2] <= 9, hitungan


def test_interval_of_every_preset_scale():
    assert bab3_interval("permenpan-12-2015") == [
        "> 90",
        "> 80 dan ≤ 90",
        "> 70 dan ≤ 80",
        "> 60 dan ≤ 70",
        "> 50 dan ≤ 60",
        "≤ 50",
    ]
    assert bab3_interval("akip")[-1] == "≥ 0 dan ≤ 30"
    assert bab3_interval("ikm")[0] == "≥ 88,31"


def bab3_interval(nama: str) -> list[str]:
    from laporan.bab.bab3_kinerja import interval_pita

    with translation.override("id"):
        return interval_pita(h.PRESET[nama])
