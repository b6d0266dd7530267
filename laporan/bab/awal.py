"""The front matter of the LKjIP (SAKIP.md §5, parts 0-3): cover, Kata Pengantar with the signature, Ikhtisar
Eksekutif (computed sentences, a small summary table, then the planner's narrative) and the headings of the
Daftar Isi, Daftar Tabel and Daftar Grafik (their entries are the whole report's, collected by the
:class:`~laporan.konteks.Penomor` and read by the template from ``k.daftar_isi`` / ``k.daftar_tabel`` /
``k.daftar_grafik``).

Every figure is read from the computed :class:`~kinerja.rekap.HasilTahun` (``d.hasil``): nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kinerja.hitung import SERATUS
from sakip.angka import format_angka, format_persen, format_rupiah

from ..konteks import Dasar, Penomor
from ..narasi import Narasi

#: Printed where a narrative section has neither the planner's text nor a computed sentence.
BELUM_DIISI = gettext_noop("Bagian ini belum diisi.")


def belum_diisi() -> str:
    return _(BELUM_DIISI)


def teks(kalimat: str) -> SafeString:
    """A sentence without values, escaped (``format_html`` needs arguments)."""
    return conditional_escape(kalimat)


def gabung(bagian: list[str]) -> str:
    """ "a", "a dan b", "a, b dan c" (Indonesian enumeration)."""
    if not bagian:
        return ""
    if len(bagian) == 1:
        return bagian[0]
    return _("%(awal)s dan %(akhir)s") % {"awal": ", ".join(bagian[:-1]), "akhir": bagian[-1]}


def versi_dpa(d: Dasar) -> str:
    """ "DPPA" when the year has a budget revision on record, "DPA" when only the original, "" when none."""
    versi = {b.versi for b in d.data.pagu}
    if "perubahan" in versi:
        return "DPPA"
    return "DPA" if versi else ""


# --- the parts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JumlahKategori:
    label: str
    jumlah: int


@dataclass(frozen=True)
class IndikatorDiBawahTarget:
    kode: str
    uraian: str
    capaian: Decimal
    kategori: str


@dataclass(frozen=True)
class BarisEfisiensi:
    kode: str
    uraian: str
    capaian: Decimal | None
    serapan: Decimal | None
    efisiensi: Decimal | None


@dataclass(frozen=True)
class Ikhtisar:
    jumlah_sasaran: int
    jumlah_iku: int
    jumlah_program: int
    jumlah_kegiatan: int
    jumlah_sub_kegiatan: int
    rata_rata: Decimal | None  # headline: mean capaian of all IKU
    kategori: str
    batas_atas: Decimal | None
    per_kategori: tuple[JumlahKategori, ...]
    iku_tanpa_capaian: int  # IKU left out of the mean
    di_bawah_target: tuple[IndikatorDiBawahTarget, ...]
    ada_dpa: bool
    versi_dpa: str  # "DPA" | "DPPA" | ""
    pagu: Decimal | None
    realisasi: Decimal | None
    sisa: Decimal | None
    serapan: Decimal | None
    efisiensi_tingkat: str  # "sasaran" | "program"
    efisiensi: tuple[BarisEfisiensi, ...]
    # computed sentences, in print order
    kalimat_jumlah: SafeString
    kalimat_rata_rata: SafeString
    kalimat_kategori: SafeString
    kalimat_di_bawah_target: SafeString
    kalimat_anggaran: SafeString
    kalimat_efisiensi: SafeString
    narasi: Narasi | None


@dataclass(frozen=True)
class Awal:
    kata_pengantar: Narasi | None
    ikhtisar: Ikhtisar


# --- the builder ------------------------------------------------------------------------------------------


def _ikhtisar(d: Dasar) -> Ikhtisar:
    h = d.hasil
    tahun = d.tahun
    iku = [i for i in h.indikator if i.iku]

    kalimat_jumlah = format_html(
        _(
            "Laporan Kinerja Instansi Pemerintah (LKjIP) {pd} Tahun {tahun} menyajikan capaian {sasaran} sasaran "
            "strategis yang diukur dengan {iku} Indikator Kinerja Utama (IKU), didukung oleh {program} program, "
            "{kegiatan} kegiatan dan {sub} sub kegiatan."
        ),
        pd=d.identitas.pd_nama,
        tahun=tahun,
        sasaran=format_angka(len(h.sasaran), 0),
        iku=format_angka(h.iku.jumlah, 0),
        program=format_angka(len(h.program), 0),
        kegiatan=format_angka(len(h.kegiatan), 0),
        sub=format_angka(len(h.sub_kegiatan), 0),
    )

    kategori = d.kategori(h.iku.kategori)
    if not iku:
        kalimat_rata_rata = format_html(
            _("Belum ada Indikator Kinerja Utama yang tercatat untuk tahun {tahun}."), tahun=tahun
        )
    elif h.iku.rata_rata is None:
        kalimat_rata_rata = format_html(
            _(
                "Rata-rata capaian IKU tahun {tahun} belum dapat dihitung karena belum ada IKU yang memiliki target "
                "dan realisasi berupa angka."
            ),
            tahun=tahun,
        )
    else:
        if kategori:
            kalimat_rata_rata = format_html(
                _(
                    "Rata-rata capaian seluruh IKU tahun {tahun} sebesar <strong>{rata}</strong> dengan kategori "
                    "<strong>{kategori}</strong>."
                ),
                tahun=tahun,
                rata=format_persen(h.iku.rata_rata),
                kategori=kategori,
            )
        else:
            kalimat_rata_rata = format_html(
                _("Rata-rata capaian seluruh IKU tahun {tahun} sebesar <strong>{rata}</strong>."),
                tahun=tahun,
                rata=format_persen(h.iku.rata_rata),
            )
        if h.batas_atas is not None:
            kalimat_rata_rata = format_html(
                "{} {}",
                kalimat_rata_rata,
                format_html(
                    _(
                        "Sesuai kebijakan perhitungan, capaian di atas {batas} dihitung sebesar {batas} dalam "
                        "rata-rata."
                    ),
                    batas=format_persen(h.batas_atas),
                ),
            )

    per_kategori = tuple(JumlahKategori(label, n) for label, n in h.iku.per_kategori.items())
    tanpa_capaian = h.iku.jumlah - sum(k.jumlah for k in per_kategori)
    bagian = [
        _("%(n)s IKU berkategori %(kategori)s") % {"n": format_angka(k.jumlah, 0), "kategori": k.label}
        for k in per_kategori
    ]
    kalimat_kategori: list[SafeString] = []
    if bagian:
        kalimat_kategori.append(
            format_html(_("Dari {n} IKU, {rincian}."), n=format_angka(h.iku.jumlah, 0), rincian=gabung(bagian))
        )
    if tanpa_capaian and iku:
        kalimat_kategori.append(
            format_html(
                _("{n} IKU belum memiliki capaian yang dapat dihitung dalam rata-rata."),
                n=format_angka(tanpa_capaian, 0),
            )
        )

    di_bawah = tuple(
        IndikatorDiBawahTarget(i.kode, d.indikator[i.kode].uraian, i.capaian, d.kategori(i.kategori))
        for i in iku
        if i.capaian is not None and i.capaian < SERATUS
    )
    terukur = [i for i in iku if i.capaian is not None]
    if di_bawah:
        kalimat_bawah = format_html(
            _("Sebanyak {n} IKU belum mencapai target (capaian di bawah 100%):"), n=format_angka(len(di_bawah), 0)
        )
    elif terukur:
        kalimat_bawah = teks(_("Seluruh IKU yang dapat diukur mencapai atau melampaui target."))
    else:
        kalimat_bawah = SafeString("")

    ada_dpa = bool(d.data.pagu)
    dpa = versi_dpa(d)
    if ada_dpa:
        kalimat_anggaran = format_html(
            _(
                "Pagu anggaran ({dpa}) tahun {tahun} sebesar {pagu} dengan realisasi {realisasi} atau serapan "
                "{serapan}, sehingga sisa anggaran {sisa}."
            ),
            dpa=dpa,
            tahun=tahun,
            pagu=format_rupiah(h.total.pagu),
            realisasi=format_rupiah(h.total.realisasi),
            serapan=format_persen(h.total.serapan),
            sisa=format_rupiah(h.total.sisa),
        )
    else:
        kalimat_anggaran = format_html(_("Belum ada DPA yang tercatat untuk tahun {tahun}."), tahun=tahun)

    nama_sasaran = {s.kode: s.uraian for s in d.sasaran}
    nama_program = {p.kode: p.nama for p in d.program}
    tingkat = d.data.efisiensi_tingkat
    efisiensi = tuple(
        BarisEfisiensi(
            e.kode,
            (nama_program if e.tingkat == "program" else nama_sasaran).get(e.kode, ""),
            e.capaian,
            e.serapan,
            e.efisiensi,
        )
        for e in h.efisiensi
    )
    if efisiensi:
        per = _("per program") if tingkat == "program" else _("per sasaran strategis")
        syarat = _(" (hanya untuk capaian kinerja paling sedikit 100%)") if d.data.efisiensi_hanya_capaian_100 else ""
        kalimat_efisiensi = format_html(
            _("Tingkat efisiensi (capaian kinerja dikurangi serapan anggaran, dalam poin) {per}{syarat}:"),
            per=per,
            syarat=syarat,
        )
    else:
        kalimat_efisiensi = format_html(_("Tingkat efisiensi belum dapat dihitung untuk tahun {tahun}."), tahun=tahun)

    return Ikhtisar(
        jumlah_sasaran=len(h.sasaran),
        jumlah_iku=h.iku.jumlah,
        jumlah_program=len(h.program),
        jumlah_kegiatan=len(h.kegiatan),
        jumlah_sub_kegiatan=len(h.sub_kegiatan),
        rata_rata=h.iku.rata_rata,
        kategori=kategori,
        batas_atas=h.batas_atas,
        per_kategori=per_kategori,
        iku_tanpa_capaian=tanpa_capaian,
        di_bawah_target=di_bawah,
        ada_dpa=ada_dpa,
        versi_dpa=dpa,
        pagu=h.total.pagu if ada_dpa else None,
        realisasi=h.total.realisasi if ada_dpa else None,
        sisa=h.total.sisa if ada_dpa else None,
        serapan=h.total.serapan if ada_dpa else None,
        efisiensi_tingkat=tingkat,
        efisiensi=efisiensi,
        kalimat_jumlah=kalimat_jumlah,
        kalimat_rata_rata=kalimat_rata_rata,
        kalimat_kategori=mark_safe(" ".join(kalimat_kategori)),  # each part is escaped
        kalimat_di_bawah_target=kalimat_bawah,
        kalimat_anggaran=kalimat_anggaran,
        kalimat_efisiensi=kalimat_efisiensi,
        narasi=d.narasi_isi("ikhtisar"),
    )


def susun(d: Dasar, n: Penomor) -> Awal:
    # The headings of the front matter, in print order (the cover has none).
    n.bagian(1, "kata-pengantar", _("KATA PENGANTAR"))
    n.bagian(1, "ikhtisar-eksekutif", _("IKHTISAR EKSEKUTIF"))
    n.bagian(1, "daftar-isi", _("DAFTAR ISI"))
    n.bagian(1, "daftar-tabel", _("DAFTAR TABEL"))
    n.bagian(1, "daftar-grafik", _("DAFTAR GRAFIK"))
    n.bagian(1, "daftar-gambar", _("DAFTAR GAMBAR"))
    return Awal(kata_pengantar=d.narasi_isi("kata_pengantar"), ikhtisar=_ikhtisar(d))
