"""DPA workbooks 4 (the quarterly matrix of the annex) and 5 (quarterly DPA progress), opened back with openpyxl.

The figures are checked against ``sakip-hasil/1`` of the demo (Paser: one DPA perubahan, no murni, no anggaran kas
or fisik) and of the small test bundle (murni and perubahan, fisik), with anggaran kas and fisik added where a rule
needs them.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from anggaran.dpa_triwulan import buku_matriks, buku_triwulan, progres_induk, progres_sub
from anggaran.excel import FORMAT_PERSEN, FORMAT_RUPIAH, format_desimal
from anggaran.excel.buku import tulis_buku
from anggaran.models import AnggaranKas, RealisasiFisik
from kinerja import hitung as h
from kinerja.models import RealisasiKinerja
from kinerja.rekap import RP
from laporan.bab.lampiran import _Matriks
from laporan.konteks import muat_dasar
from renstra.models import Indikator, SubKegiatan
from sakip.bundle.hasil import hasil_dict

pytestmark = pytest.mark.django_db

TAHUN = 2024
DIBUAT = datetime(2025, 1, 15, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


def _buka(buku):
    berkas = io.BytesIO()
    tulis_buku(buku, berkas)
    berkas.seek(0)
    wb = openpyxl.load_workbook(berkas)
    assert len(wb.worksheets) == 1
    return wb.active


def _angka(v) -> D | None:
    """A cell's number as a Decimal (openpyxl reads int or float; the file holds at most two decimals)."""
    if v is None:
        return None
    assert isinstance(v, int | float) and not isinstance(v, bool), v
    return D(str(v))


def _d(x: str | None) -> D | None:
    return None if x is None else D(x)


def _data(ws) -> list[tuple[int, list]]:
    """(row number, cells) of the data rows: from under the frozen header to the last row with a value."""
    awal = int(ws.freeze_panes[1:])
    akhir = int(ws.auto_filter.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return [(r, list(ws[r])) for r in range(awal, akhir + 1)]


def _per_kode(ws) -> dict[str, list[list]]:
    hasil: dict[str, list[list]] = {}
    for _, sel in _data(ws):
        if sel[0].value:
            hasil.setdefault(sel[0].value, []).append(sel)
    return hasil


@pytest.fixture
def paser(paser_pd):
    return muat_dasar(paser_pd, TAHUN)


# --- the numbers of KMatriks ------------------------------------------------------------------------------------


def test_kmatriks_memuat_angka_di_samping_teks(paser):
    baris = _Matriks(paser).semua()
    sub = next(b for b in baris if b.kode == "4.01.02.2.01.0001")
    (k,) = sub.indikator
    assert (k.target, k.tw, k.realisasi) == ("8", ("0", "3", "2", "3"), "8")
    assert (k.target_nilai, k.tw_nilai, k.realisasi_nilai, k.desimal) == (D(8), (0, 3, 2, 3), D(8), 0)
    program = next(b for b in baris if b.kode == "4.01.02")
    assert [i.tw for i in program.indikator] == [("—",) * 4, ("—",) * 4]
    assert [i.tw_nilai for i in program.indikator] == [(None,) * 4, (None,) * 4]
    assert program.indikator[1].target_nilai == D("2.75") and program.indikator[1].desimal == 2
    # what the report prints is unchanged, and so is its fingerprint
    assert "target_nilai" not in repr(k) and "desimal" not in repr(k)


# --- 4. the quarterly matrix ------------------------------------------------------------------------------------


def test_matriks_uang_sama_dengan_hasil(paser):
    hd = hasil_dict(paser.hasil)["anggaran"]
    ws = _buka(buku_matriks(paser, DIBUAT))
    baris = _per_kode(ws)

    def uang(sel):  # pagu, TW I-IV Rp, realisasi, Rp %, sisa
        return [_angka(sel[i].value) for i in (5, 7, 9, 11, 13, 15, 17, 18)]

    def harapan(a):
        return [_d(a["pagu"]), *map(_d, a["realisasi_tw"]), _d(a["realisasi"]), _d(a["serapan"]), _d(a["sisa"])]

    for a in hd["sub_kegiatan"]:
        (sel,) = baris[a["kode"]]
        assert uang(sel) == harapan(a), a["kode"]
        assert _angka(sel[16].value) == _d(a["capaian_k"]), a["kode"]
    for a in hd["unit_kerja"]:
        (sel,) = baris[a["kode"]]
        assert uang(sel) == harapan(a) and _angka(sel[16].value) == _d(a["capaian_k"])
        assert all(c.font.bold for c in sel[5:])
    # a program or kegiatan shared by units: one row per unit ("*"), together the whole
    for jenis in ("program", "kegiatan"):
        for a in hd[jenis]:
            if a["kode"] not in baris:  # no sub kegiatan: not in the annex
                assert _d(a["pagu"]) == 0
                continue
            rows = baris[a["kode"]]
            if len(rows) == 1:
                assert not rows[0][1].value.endswith("*")
                assert uang(rows[0]) == harapan(a) and _angka(rows[0][16].value) == _d(a["capaian_k"])
            else:
                assert all(r[1].value.endswith("*") for r in rows)
                semua = harapan(a)
                for n, i in enumerate((5, 7, 9, 11, 13, 15)):  # pagu, TW I-IV, realisasi
                    assert sum(_angka(r[i].value) for r in rows) == semua[n], (a["kode"], i)
                assert sum(_angka(r[18].value) for r in rows) == _d(a["sisa"])
    # the PD row on top: the totals
    (_, pd), *_ = _data(ws)
    assert pd[0].value is None and pd[1].value == paser.pd.nama
    total = hd["total"]
    assert uang(pd) == harapan(total)
    assert all(c.font.bold for c in pd[5:])
    units = [baris[a["kode"]][0] for a in hd["unit_kerja"]]
    assert sum(_angka(u[5].value) for u in units) == _d(total["pagu"])
    assert sum(_angka(u[15].value) for u in units) == _d(total["realisasi"])


def test_matriks_k_angka_asli_dan_teks_laporan(paser):
    ind = Indikator.objects.get(pd=paser.pd, sub_kegiatan__kode="4.01.02.2.01.0002")
    RealisasiKinerja.objects.filter(indikator=ind, tahun=TAHUN, triwulan=2).update(nilai=None, label="Baik")
    RealisasiKinerja.objects.filter(indikator=ind, tahun=TAHUN, triwulan=3).update(
        nilai=None, label="", status=h.BELUM_TERSEDIA
    )
    d = muat_dasar(paser.pd, TAHUN)
    ws = _buka(buku_matriks(d, DIBUAT))
    baris = _per_kode(ws)

    (sel,) = baris["4.01.02.2.01.0001"]
    assert [sel[i].value for i in (2, 3)] == [
        "Jumlah Dokumen Hasil Penataan Administrasi Pemerintahan",
        "Dokumen",
    ]
    k = [sel[i] for i in (4, 6, 8, 10, 12, 14)]
    assert [c.value for c in k] == [8, 0, 3, 2, 3, 8]
    assert all(c.data_type == "n" and c.number_format == "#,##0" for c in k)  # the indicator's 0 decimals

    (sel,) = baris["4.01.02.2.01.0002"]
    assert sel[8].value == "Baik" and sel[8].data_type == "s"  # a label: the report's text
    assert sel[10].value == "belum tersedia"
    assert sel[6].value == 1 and sel[12].value == 4

    # a second indicator: its own line below, with the indicator's cells only
    (program, *_) = baris["4.01.02"]
    r = program[0].row
    lanjut = list(ws[r + 1])
    assert program[2].value.startswith("Persentase Perumusan Kebijakan")
    assert program[6].value == "—" and program[6].data_type == "s"  # no quarterly figure, as the report prints
    assert lanjut[0].value is None and lanjut[1].value is None
    assert (lanjut[2].value, lanjut[3].value, lanjut[4].value) == ("Nilai LPPD", "Nilai", 2.75)
    assert lanjut[4].number_format == "#,##0.00"
    assert all(lanjut[i].value is None for i in (5, 7, 9, 11, 13, 15, 16, 17, 18))  # money once per row


def test_matriks_kepala_format_dan_tata_letak(paser):
    ws = _buka(buku_matriks(paser, DIBUAT))
    assert ws.title == "Matriks Triwulan"
    assert ws["A1"].value == "REALISASI KINERJA DAN ANGGARAN PER TRIWULAN TAHUN 2024" and ws["A1"].font.bold
    assert [ws[f"A{r}"].value for r in (2, 3, 4)] == [paser.pd.nama, "Kabupaten Paser", "Tahun Anggaran 2024"]
    assert ws["A5"].value == "Diekspor 15 Januari 2025 09:30"
    assert ws["A7"].value == "Realisasi Kinerja dan Anggaran per Triwulan Tahun 2024"
    gabung = {str(r) for r in ws.merged_cells.ranges}
    assert {"A8:A9", "B8:B9", "C8:C9", "D8:D9", "S8:S9"} <= gabung
    assert {"E8:F8", "G8:H8", "I8:J8", "K8:L8", "M8:N8", "O8:P8", "Q8:R8"} <= gabung
    kepala = [c.value for c in ws[8]]
    assert kepala[4] == "Target Kinerja dan Pagu Setelah Perubahan 2024"
    assert [kepala[i] for i in (6, 8, 10, 12, 14, 16)] == [
        "TW I",
        "TW II",
        "TW III",
        "TW IV",
        "Realisasi TA. 2024",
        "Tingkat Capaian (%)",
    ]
    assert [c.value for c in ws[9]][4:18] == ["K", "Rp"] * 6 + ["K (%)", "Rp (%)"]
    assert ws.freeze_panes == "A10"
    data = _data(ws)
    assert ws.auto_filter.ref == f"A9:S{data[-1][0]}"
    assert ws.print_title_rows == "$8:$9"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1

    baris = _per_kode(ws)
    (sub,) = baris["4.01.02.2.01.0001"]
    assert all(sub[i].number_format == FORMAT_RUPIAH for i in (5, 7, 9, 11, 13, 15, 18))
    assert sub[16].number_format == FORMAT_PERSEN and sub[17].number_format == FORMAT_PERSEN
    assert sub[1].alignment.indent == 4 and not sub[5].font.bold  # sub kegiatan indented, money not bold
    (kegiatan,) = baris["4.01.02.2.01"]
    assert kegiatan[1].alignment.indent == 3
    # one line per row and per further indicator, in the annex's order
    n_baris = sum(len(b.indikator_lain) + 1 for b in _Matriks(paser).semua())
    assert len(data) == n_baris
    catatan = [ws.cell(r, 1).value for r in range(data[-1][0] + 1, ws.max_row + 1)]
    assert any(c and c.startswith("* Program atau kegiatan yang dilaksanakan") for c in catatan)


# --- 5. quarterly DPA progress ----------------------------------------------------------------------------------


# columns of quarter n (1..4): target Rp, target %, realisasi Rp, realisasi %, fisik %
def _kol(tw: int) -> range:
    return range(4 + 5 * (tw - 1), 9 + 5 * (tw - 1))


def test_triwulan_paser_sama_dengan_hasil_dan_target_pagu(paser, django_assert_num_queries):
    with django_assert_num_queries(2):  # anggaran kas and fisik, one query each
        buku = buku_triwulan(paser, DIBUAT)
    ws = _buka(buku)
    hd = hasil_dict(paser.hasil)["anggaran"]
    baris = _per_kode(ws)
    # no DPA murni: the pagu murni of the rule is the pagu, so the target is pagu × n/4 (never above the pagu)
    for jenis in ("sub_kegiatan", "kegiatan", "program"):
        for a in hd[jenis]:
            if a["kode"] not in baris:
                assert _d(a["pagu"]) == 0
                continue
            (sel,) = baris[a["kode"]]
            pagu = _d(a["pagu"])
            assert sel[2].value is None and _angka(sel[3].value) == pagu
            kumulatif = D(0)
            for tw in h.TRIWULAN:
                target, target_p, realisasi, realisasi_p, fisik = (sel[i].value for i in _kol(tw))
                kumulatif += _d(a["realisasi_tw"][tw - 1])
                assert _angka(realisasi) == kumulatif, (a["kode"], tw)
                assert _angka(realisasi_p) == (h.bulatkan(kumulatif / pagu * 100) if pagu else None)
                assert _angka(target) == h.bulatkan(pagu * tw / 4), (a["kode"], tw)
                assert _angka(target_p) == (D(25 * tw) if pagu else None)
                assert fisik is None  # nothing entered
            assert _angka(sel[_kol(4)[2]].value) == _d(a["realisasi"])  # no yearly amounts in the demo
    total = hd["total"]
    (_, jumlah) = _data(ws)[-1]
    assert jumlah[1].value == "JUMLAH" and all(c.font.bold for c in jumlah[1:])
    assert jumlah[1].border.top.style == "medium"
    assert _angka(jumlah[3].value) == _d(total["pagu"])
    assert [_angka(jumlah[_kol(tw)[2]].value) for tw in h.TRIWULAN] == [
        sum(map(D, total["realisasi_tw"][:tw])) for tw in h.TRIWULAN
    ]
    assert _angka(jumlah[_kol(4)[3]].value) == _d(total["serapan"])
    assert _angka(jumlah[_kol(2)[0]].value) == h.bulatkan(_d(total["pagu"]) / 2)
    # program rows: the sum of their kegiatan rows; programs without sub kegiatan are left out
    programs = [sel for _, sel in _data(ws) if sel[0].value and sel[0].value.count(".") == 2]
    assert sum(_angka(p[3].value) for p in programs) == _d(total["pagu"])
    catatan = " ".join(str(ws.cell(r, 1).value) for r in range(jumlah[0].row + 1, ws.max_row + 1))
    assert "DPA murni tahun 2024 tidak tercatat: pagu murni dalam aturan target keuangan diganti pagu" in catatan
    assert "Tidak ada target fisik yang tercatat" in catatan


def test_triwulan_kepala_dan_format(paser):
    ws = _buka(buku_triwulan(paser, DIBUAT))
    assert ws["A1"].value == "PROGRES PELAKSANAAN DPA PER TRIWULAN"
    gabung = {str(r) for r in ws.merged_cells.ranges}
    assert {"A8:A9", "B8:B9", "C8:C9", "D8:D9", "E8:I8", "J8:N8", "O8:S8", "T8:X8"} <= gabung
    assert [ws.cell(8, c).value for c in (5, 10, 15, 20)] == [
        "s.d. Triwulan I",
        "s.d. Triwulan II",
        "s.d. Triwulan III",
        "s.d. Triwulan IV",
    ]
    assert [c.value for c in ws[9]][4:9] == [
        "Target Keuangan (Rp)",
        "Target Keuangan (%)",
        "Realisasi Keuangan (Rp)",
        "Realisasi Keuangan (%)",
        "Realisasi Fisik (%)",
    ]
    assert ws.freeze_panes == "A10" and ws.auto_filter.ref.startswith("A9:X")
    baris = _per_kode(ws)
    (sub,) = baris["4.01.02.2.01.0001"]
    formats = [sub[i].number_format for i in (3, *_kol(1)[:4])]
    assert formats == [FORMAT_RUPIAH, FORMAT_RUPIAH, FORMAT_PERSEN, FORMAT_RUPIAH, FORMAT_PERSEN]
    assert sub[1].alignment.indent == 2
    (program,) = baris["4.01.02"]
    assert program[1].font.bold and program[1].alignment.indent == 0


def test_triwulan_anggaran_kas_murni_dan_fisik(contoh_pd):
    """The small bundle has murni and perubahan; anggaran kas for one sub kegiatan; fisik for a kegiatan's two."""
    sub = {s.kode: s for s in SubKegiatan.objects.filter(kegiatan__program__pd=contoh_pd)}
    kas_sub = sub["7.01.01.2.06.0002"]
    for tw, jumlah in ((1, "1000000"), (3, "2500000.50")):  # TW II and IV not entered: nothing planned
        AnggaranKas.objects.create(sub_kegiatan=kas_sub, tahun=TAHUN, triwulan=tw, jumlah=D(jumlah))
    a, b = sub["7.01.02.2.01.0008"], sub["7.01.02.2.01.0010"]
    RealisasiFisik.objects.filter(sub_kegiatan__in=[a, b]).delete()
    for s, per_tw in ((a, ("20", "45", None, "100")), (b, ("10", "30", "60", "95"))):
        for tw, persen in enumerate(per_tw, 1):
            if persen is not None:
                RealisasiFisik.objects.create(sub_kegiatan=s, tahun=TAHUN, triwulan=tw, persen=D(persen))
    d = muat_dasar(contoh_pd, TAHUN)
    hs = d.hasil_sub_kegiatan
    ws = _buka(buku_triwulan(d, DIBUAT))
    baris = _per_kode(ws)

    (sel,) = baris[kas_sub.kode]
    assert [_angka(sel[_kol(tw)[0]].value) for tw in h.TRIWULAN] == [
        D("1000000"),
        D("1000000"),
        D("3500000.50"),
        D("3500000.50"),
    ]
    # no anggaran kas: min(pagu murni × n/4, pagu perubahan)
    turun = sub["7.01.02.2.01.0008"]  # murni 200 million, perubahan 180 million
    (sel,) = baris[turun.kode]
    assert _angka(sel[2].value) == D(200_000_000) and _angka(sel[3].value) == D(180_000_000)
    assert [_angka(sel[_kol(tw)[0]].value) for tw in h.TRIWULAN] == [
        D(50_000_000),
        D(100_000_000),
        D(150_000_000),
        D(180_000_000),
    ]
    assert [_angka(sel[_kol(tw)[1]].value) for tw in h.TRIWULAN] == [D("27.78"), D("55.56"), D("83.33"), D(100)]
    lain = sub["7.01.01.2.06.0009"]
    # the kegiatan: the sum of its sub kegiatan's targets
    (keg,) = baris["7.01.01.2.06"]
    for tw in h.TRIWULAN:
        target_sub = [
            h.target_keuangan(
                triwulan=tw,
                pagu_murni=hs[s.kode].rp.pagu_murni,
                pagu_perubahan=hs[s.kode].rp.pagu,
                anggaran_kas_kumulatif={1: D(1000000), 2: D(1000000)}.get(tw, D("3500000.50"))
                if s == kas_sub
                else None,
            )
            for s in (kas_sub, lain)
        ]
        assert _angka(keg[_kol(tw)[0]].value) == h.bulatkan(sum(target_sub))

    # fisik: as entered per sub kegiatan; the kegiatan's is the pagu-weighted mean of those entered
    pa, pb = hs[a.kode].rp.pagu, hs[b.kode].rp.pagu
    (sa,) = baris[a.kode]
    (sb,) = baris[b.kode]
    (kf,) = baris["7.01.02.2.01"]
    (pf,) = baris["7.01.02"]
    assert [_angka(sa[_kol(tw)[4]].value) for tw in h.TRIWULAN] == [D(20), D(45), None, D(100)]
    assert [_angka(sb[_kol(tw)[4]].value) for tw in h.TRIWULAN] == [D(10), D(30), D(60), D(95)]
    for tw, (fa, fb) in enumerate(((20, 10), (45, 30), (None, 60), (100, 95)), 1):
        pasangan = [(pa, D(fa) if fa is not None else None), (pb, D(fb))]
        harapan_f = h.bulatkan(h.fisik_tertimbang(pasangan))
        assert _angka(kf[_kol(tw)[4]].value) == harapan_f
        assert _angka(pf[_kol(tw)[4]].value) == harapan_f  # the program's only kegiatan
    assert _angka(kf[_kol(3)[4]].value) == D(60)  # only b entered TW III
    (prog_tanpa,) = baris["7.01.01"]
    assert all(prog_tanpa[_kol(tw)[4]].value is None for tw in h.TRIWULAN)

    teks = " ".join(str(ws.cell(r, 1).value) for r in range(1, ws.max_row + 1))
    assert "tidak tercatat" not in teks  # the murni DPA is on record
    assert "Anggaran kas diisi untuk 1 dari 5 sub kegiatan." in teks


def test_progres_aturan_murni_perubahan_kas():
    rp = RP(pagu_murni=D(1000), pagu=D(600), realisasi=D(0), realisasi_tw=(D(0),) * 4)
    p = progres_sub(rp, kas=None, fisik={2: D(40)})
    assert p.target == (D(250), D(500), D(600), D(600))  # capped at the pagu perubahan
    assert p.fisik == (None, D(40), None, None)
    tanpa_murni = RP(pagu_murni=None, pagu=D(800), realisasi=D(0), realisasi_tw=(D(0),) * 4)
    assert progres_sub(tanpa_murni, kas=None, fisik={}).target == (D(200), D(400), D(600), D(800))
    kas = progres_sub(rp, kas=[D(100), D(0), D(50), D(0)], fisik={})
    assert kas.target == (D(100), D(100), D(150), D(150))
    induk = progres_induk(
        RP(pagu_murni=D(1000), pagu=D(1400), realisasi=D(0), realisasi_tw=(D(0),) * 4),
        [p, progres_sub(tanpa_murni, kas=None, fisik={2: D(10)})],
    )
    assert induk.target == (D(450), D(900), D(1200), D(1400))
    assert induk.fisik == (None, (D(600) * 40 + D(800) * 10) / 1400, None, None)


def test_format_desimal():
    assert [format_desimal(n) for n in (0, 1, 2, 4)] == ["#,##0", "#,##0.0", "#,##0.00", "#,##0.0000"]


def test_pd_tanpa_sub_kegiatan(paser):
    paser.sub_kegiatan = []
    ws = _buka(buku_triwulan(paser, DIBUAT))
    assert ws.cell(10, 1).value is None
    teks = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "Belum ada sub kegiatan yang tercatat untuk tahun 2024." in teks
