"""BAB IV Penutup (SAKIP.md §5.7): the conclusions as computed sentences, the planner's saran, the signature.

Every figure of a sentence is a figure of :class:`~kinerja.rekap.HasilTahun` (the ``sakip-hasil/1`` computation),
formatted once by :mod:`sakip.angka`; the sentences are built here so the template only prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.hitung import SERATUS
from kinerja.rekap import HasilIndikator
from sakip.angka import format_angka, format_persen, format_rupiah

from ..konteks import Dasar, Penomor
from ..narasi import Narasi

ID_BAB = "bab-4"

# The sentences, with {named} figures filled in by format_html (figures in bold).
IKU_TIDAK_ADA = gettext_lazy("Belum ada Indikator Kinerja Utama (IKU) yang ditetapkan untuk tahun {tahun}.")
IKU_TANPA_RATA = gettext_lazy(
    "Rata-rata capaian {n} Indikator Kinerja Utama (IKU) tahun {tahun} belum dapat dihitung karena belum ada IKU "
    "yang memiliki capaian."
)
IKU_RATA = gettext_lazy(
    "Rata-rata capaian {n} Indikator Kinerja Utama (IKU) {pd} tahun {tahun} sebesar {rata} dengan kategori {kategori}."
)
SASARAN_TANPA_CAPAIAN = gettext_lazy(
    "Capaian kinerja sasaran {sasaran} pada tahun {tahun} belum dapat dihitung karena indikatornya belum memiliki "
    "capaian."
)
SASARAN_CAPAIAN = gettext_lazy(
    "Capaian kinerja sasaran {sasaran} pada tahun {tahun} sebesar {capaian} dengan kategori {kategori}."
)
IKU_TARGET = gettext_lazy("Dari {n} IKU, {tercapai} mencapai atau melampaui target dan {belum} belum mencapai target")
IKU_TARGET_TANPA = gettext_lazy("{teks}; {tanpa} belum memiliki capaian (target atau realisasi belum berupa angka)")
JUMLAH_IKU = gettext_lazy("%(n)s IKU")
ANGGARAN_TIDAK_ADA = gettext_lazy("Belum ada pagu dan realisasi anggaran yang tercatat untuk tahun {tahun}.")
ANGGARAN = gettext_lazy(
    "Realisasi anggaran {pd} tahun {tahun} sebesar {realisasi} dari pagu {pagu} (serapan {serapan}), sehingga sisa "
    "anggaran sebesar {sisa}."
)
EFISIENSI_RINCI = gettext_lazy("(capaian {capaian}, serapan {serapan}, efisiensi {efisiensi} poin)")
EFISIENSI = gettext_lazy(
    "Tingkat efisiensi (capaian kinerja dikurangi serapan anggaran) bernilai positif pada {positif} dari {n} "
    "{jenis}: {rincian}."
)
EFISIENSI_100 = gettext_lazy(
    "Tingkat efisiensi (capaian kinerja dikurangi serapan anggaran), yang dihitung untuk capaian kinerja paling "
    "sedikit 100%, bernilai positif pada {positif} dari {n} {jenis}: {rincian}."
)
PENGANTAR = gettext_lazy(
    "Dari hasil pengukuran dan analisis capaian kinerja %(pd)s tahun %(tahun)s dapat disimpulkan hal-hal sebagai "
    "berikut:"
)


@dataclass(frozen=True)
class HitungIKU:
    """How many IKU reached their target (capaian ≥ 100 %), did not, or have no capaian (no target, qualitative,
    not yet available)."""

    jumlah: int
    tercapai: int
    belum: int
    tanpa_capaian: int


def hitung_iku(indikator: tuple[HasilIndikator, ...]) -> HitungIKU:
    iku = [i for i in indikator if i.iku]
    tercapai = sum(1 for i in iku if i.capaian is not None and i.capaian >= SERATUS)
    belum = sum(1 for i in iku if i.capaian is not None and i.capaian < SERATUS)
    return HitungIKU(len(iku), tercapai, belum, len(iku) - tercapai - belum)


@dataclass(frozen=True)
class Bab4:
    id: str
    judul: str  # "BAB IV PENUTUP", as the table of contents lists it
    pengantar: str
    kesimpulan: tuple[SafeString, ...]  # one numbered point each
    saran: Narasi | None


def _tebal(teks: str) -> SafeString:
    return format_html("<strong>{}</strong>", teks)


def _bilangan(n: int) -> str:
    return format_angka(n, 0)


def _kalimat_iku(d: Dasar) -> SafeString:
    iku = d.hasil.iku
    if iku.jumlah == 0:
        return format_html(IKU_TIDAK_ADA, tahun=d.tahun)
    if iku.rata_rata is None:
        return format_html(IKU_TANPA_RATA, n=_bilangan(iku.jumlah), tahun=d.tahun)
    return format_html(
        IKU_RATA,
        n=_bilangan(iku.jumlah),
        pd=d.identitas.pd_nama,
        tahun=d.tahun,
        rata=_tebal(format_persen(iku.rata_rata)),
        kategori=_tebal(d.kategori(iku.kategori) or "—"),
    )


def _kalimat_sasaran(d: Dasar) -> list[SafeString]:
    kalimat = []
    for s in d.sasaran:
        hs = d.hasil_sasaran.get(s.kode)
        if hs is None:
            continue
        if hs.capaian is None:
            kalimat.append(format_html(SASARAN_TANPA_CAPAIAN, sasaran=_tebal(s.uraian), tahun=d.tahun))
            continue
        kalimat.append(
            format_html(
                SASARAN_CAPAIAN,
                sasaran=_tebal(s.uraian),
                tahun=d.tahun,
                capaian=_tebal(format_persen(hs.capaian)),
                kategori=_tebal(d.kategori(hs.kategori) or "—"),
            )
        )
    return kalimat


def _kalimat_target(d: Dasar) -> SafeString | None:
    n = hitung_iku(d.hasil.indikator)
    if n.jumlah == 0:
        return None
    teks = format_html(
        IKU_TARGET,
        n=_bilangan(n.jumlah),
        tercapai=_tebal(JUMLAH_IKU % {"n": _bilangan(n.tercapai)}),
        belum=_tebal(JUMLAH_IKU % {"n": _bilangan(n.belum)}),
    )
    if n.tanpa_capaian:
        teks = format_html(IKU_TARGET_TANPA, teks=teks, tanpa=_tebal(JUMLAH_IKU % {"n": _bilangan(n.tanpa_capaian)}))
    return format_html("{}.", teks)


def _kalimat_anggaran(d: Dasar) -> SafeString:
    t = d.hasil.total
    if t.pagu == 0 and t.realisasi == 0:
        return format_html(ANGGARAN_TIDAK_ADA, tahun=d.tahun)
    return format_html(
        ANGGARAN,
        pd=d.identitas.pd_nama,
        tahun=d.tahun,
        realisasi=_tebal(format_rupiah(t.realisasi)),
        pagu=_tebal(format_rupiah(t.pagu)),
        serapan=_tebal(format_persen(t.serapan)),
        sisa=_tebal(format_rupiah(t.sisa)),
    )


def _nama_efisiensi(d: Dasar, tingkat: str, kode: str) -> str:
    if tingkat == "program":
        return next((p.nama for p in d.program if p.kode == kode), kode)
    return next((s.uraian for s in d.sasaran if s.kode == kode), kode)


def _kalimat_efisiensi(d: Dasar) -> SafeString | None:
    baris = [e for e in d.hasil.efisiensi if e.efisiensi is not None]
    if not baris:
        return None
    rincian = format_html_join(
        "; ",
        "{} {}",
        (
            (
                _nama_efisiensi(d, e.tingkat, e.kode),
                format_html(
                    EFISIENSI_RINCI,
                    capaian=format_persen(e.capaian),
                    serapan=format_persen(e.serapan),
                    efisiensi=_tebal(format_angka(e.efisiensi)),
                ),
            )
            for e in baris
        ),
    )
    positif = sum(1 for e in baris if e.efisiensi is not None and e.efisiensi >= 0)
    jenis = _("program") if baris[0].tingkat == "program" else _("sasaran")
    return format_html(
        EFISIENSI_100 if d.data.efisiensi_hanya_capaian_100 else EFISIENSI,
        positif=_bilangan(positif),
        n=_bilangan(len(baris)),
        jenis=jenis,
        rincian=rincian,
    )


def kesimpulan(d: Dasar) -> tuple[SafeString, ...]:
    """The conclusions of BAB IV, in the order of the seed reports: headline, each sasaran, targets met, money."""
    poin: list[SafeString | None] = [_kalimat_iku(d), *_kalimat_sasaran(d), _kalimat_target(d)]
    poin += [_kalimat_anggaran(d), _kalimat_efisiensi(d)]
    return tuple(p for p in poin if p is not None)


def susun(d: Dasar, n: Penomor) -> Bab4:
    judul = _("BAB IV PENUTUP")
    n.bagian(1, ID_BAB, judul)
    n.bagian(2, f"{ID_BAB}-a", _("A. Kesimpulan"))
    n.bagian(2, f"{ID_BAB}-b", _("B. Saran"))
    nama = {"pd": d.identitas.pd_nama, "tahun": d.tahun}
    return Bab4(
        id=ID_BAB,
        judul=judul,
        pengantar=PENGANTAR % nama,
        kesimpulan=kesimpulan(d),
        saran=d.narasi_isi("bab4.saran"),
    )
