"""BAB III Akuntabilitas Kinerja of the LKjIP (SAKIP.md §5): A. the AKIP evaluation and its follow-up, B. the
capaian kinerja organisasi (:mod:`.bab3_kinerja`), C. the realisasi anggaran (:mod:`.bab3_anggaran`).

:func:`susun` reads :class:`~laporan.konteks.Dasar` and, in a fixed number of queries (:mod:`.bab3_muat`), what Dasar
does not load; it returns frozen plain data that ``templates/laporan/bab/bab3.html`` prints as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja import hitung as h
from kinerja.models import EvaluasiAkip, RekomendasiAkip
from sakip.angka import format_angka

from ..konteks import Dasar, Penomor, Rujukan
from .bab3_anggaran import RealisasiAnggaran, susun_anggaran
from .bab3_kinerja import (
    CapaianSasaran,
    Pengukuran,
    TabelIKU,
    daftar_kalimat,
    indikator_sasaran,
    pohon_sasaran,
    susun_iku,
    susun_pengukuran,
    susun_sasaran,
    tahun_renstra,
)
from .bab3_muat import Tambahan, muat_tambahan

# --- A. the AKIP evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisKomponen:
    nama: str
    bobot: Decimal
    nilai: Decimal
    nilai_lalu: Decimal | None  # the same component in the previous evaluation, when there is one


@dataclass(frozen=True)
class BarisRekomendasi:
    nomor: int
    uraian: str
    rencana_aksi: str
    waktu: str
    tindak_lanjut: str
    status: str  # belum | proses | sudah
    status_label: str


@dataclass(frozen=True)
class HasilEvaluasi:
    tahun_dievaluasi: int
    evaluator: str
    komponen: tuple[BarisKomponen, ...]
    jumlah_bobot: Decimal
    nilai: Decimal  # the sum of the component values (SAKIP.md §4)
    predikat: str
    lalu_tahun: int | None  # the year the previous evaluation assessed
    lalu_nilai: Decimal | None
    lalu_predikat: str
    tabel: Rujukan
    kalimat: str
    kalimat_banding: str
    catatan_lhe: str  # when the LHE printed another score than the sum of its components
    rekomendasi: tuple[BarisRekomendasi, ...]
    tabel_rekomendasi: Rujukan | None
    kalimat_rekomendasi: str


@dataclass(frozen=True)
class EvaluasiBab3:
    hasil: HasilEvaluasi | None
    kosong: str  # the sentence when no evaluation is on record


def _predikat(nilai: Decimal | None, t: Tambahan) -> str:
    if t.skala_akip is None:
        return ""
    pita = h.kategori(nilai, t.skala_akip)
    return pita.label if pita else ""


def _kalimat_evaluasi(d: Dasar, e: EvaluasiAkip, komponen: list[BarisKomponen], nilai: Decimal, predikat: str) -> str:
    arg = {
        "pd": d.pd.nama,
        "tahun": e.tahun_dievaluasi,
        "evaluator": e.evaluator,
        "jumlah": format_angka(len(komponen), 0),
        "komponen": daftar_kalimat([k.nama for k in komponen]),
        "nilai": format_angka(nilai),
        "predikat": predikat or "—",
    }
    return (
        ngettext(
            "Hasil evaluasi atas implementasi SAKIP %(pd)s tahun %(tahun)s oleh %(evaluator)s terhadap %(jumlah)s "
            "komponen (%(komponen)s) memperoleh nilai %(nilai)s dengan predikat %(predikat)s.",
            "Hasil evaluasi atas implementasi SAKIP %(pd)s tahun %(tahun)s oleh %(evaluator)s terhadap %(jumlah)s "
            "komponen (%(komponen)s) memperoleh nilai %(nilai)s dengan predikat %(predikat)s.",
            len(komponen),
        )
        % arg
    )


def _kalimat_banding(
    e: EvaluasiAkip,
    komponen: list[BarisKomponen],
    nilai: Decimal,
    lalu: EvaluasiAkip | None,
    nilai_lalu: Decimal | None,
) -> str:
    if lalu is None or nilai_lalu is None:
        return ""
    arg = {"lalu": lalu.tahun_dievaluasi, "selisih": format_angka(abs(nilai - nilai_lalu))}
    if nilai > nilai_lalu:
        kalimat = _("Nilai ini naik %(selisih)s poin dibandingkan hasil evaluasi tahun %(lalu)s.") % arg
    elif nilai < nilai_lalu:
        kalimat = _("Nilai ini turun %(selisih)s poin dibandingkan hasil evaluasi tahun %(lalu)s.") % arg
    else:
        kalimat = _("Nilai ini sama dengan hasil evaluasi tahun %(lalu)s.") % arg
    turun = [k.nama for k in komponen if k.nilai_lalu is not None and k.nilai < k.nilai_lalu]
    if turun:
        kalimat += " " + ngettext(
            "Komponen yang nilainya menurun: %(daftar)s.", "Komponen yang nilainya menurun: %(daftar)s.", len(turun)
        ) % {"daftar": daftar_kalimat(turun)}
    return kalimat


def _kalimat_rekomendasi(rekomendasi: list[RekomendasiAkip]) -> str:
    if not rekomendasi:
        return _("Laporan hasil evaluasi tersebut tidak memuat rekomendasi.")
    per_status = [
        (status, sum(1 for r in rekomendasi if r.status == status))
        for status in reversed(RekomendasiAkip.Status.values)
    ]
    rincian = [f"{format_angka(j, 0)} {RekomendasiAkip.Status(status).label.lower()}" for status, j in per_status if j]
    return ngettext(
        "Dari %(jumlah)s rekomendasi: %(rincian)s.",
        "Dari %(jumlah)s rekomendasi: %(rincian)s.",
        len(rekomendasi),
    ) % {"jumlah": format_angka(len(rekomendasi), 0), "rincian": daftar_kalimat(rincian)}


def susun_evaluasi(d: Dasar, n: Penomor, t: Tambahan) -> EvaluasiBab3:
    e = t.evaluasi
    if e is None:
        return EvaluasiBab3(
            None, _("Belum ada evaluasi AKIP yang tercatat untuk tahun %(tahun)s.") % {"tahun": d.tahun - 1}
        )
    lalu = t.evaluasi_lalu
    komponen_lalu = {k.nama.strip().lower(): k.nilai for k in t.komponen_lalu}
    komponen = [BarisKomponen(k.nama, k.bobot, k.nilai, komponen_lalu.get(k.nama.strip().lower())) for k in t.komponen]
    nilai = h.total_akip(k.nilai for k in komponen)
    nilai_lalu = h.total_akip(k.nilai for k in t.komponen_lalu) if t.komponen_lalu else None
    predikat = _predikat(nilai, t)
    rekomendasi = t.rekomendasi
    catatan = ""
    if e.nilai is not None and h.bulatkan(e.nilai) != h.bulatkan(nilai):
        catatan = _(
            "Nilai yang tertulis pada LHE (%(lhe)s) berbeda dengan jumlah nilai komponennya; yang dipakai adalah "
            "jumlah nilai komponen (%(nilai)s)."
        ) % {"lhe": format_angka(e.nilai), "nilai": format_angka(nilai)}
    tabel = n.tabel(
        "3", _("Hasil Evaluasi AKIP %(pd)s Tahun %(tahun)s") % {"pd": d.pd.nama, "tahun": e.tahun_dievaluasi}
    )
    tabel_rekomendasi = (
        n.tabel("3", _("Tindak Lanjut Rekomendasi Hasil Evaluasi AKIP Tahun %(tahun)s") % {"tahun": e.tahun_dievaluasi})
        if rekomendasi
        else None
    )
    return EvaluasiBab3(
        HasilEvaluasi(
            tahun_dievaluasi=e.tahun_dievaluasi,
            evaluator=e.evaluator,
            komponen=tuple(komponen),
            jumlah_bobot=sum((k.bobot for k in komponen), h.NOL),
            nilai=nilai,
            predikat=predikat,
            lalu_tahun=lalu.tahun_dievaluasi if lalu else None,
            lalu_nilai=nilai_lalu,
            lalu_predikat=_predikat(nilai_lalu, t) if nilai_lalu is not None else "",
            tabel=tabel,
            kalimat=_kalimat_evaluasi(d, e, komponen, nilai, predikat),
            kalimat_banding=_kalimat_banding(e, komponen, nilai, lalu, nilai_lalu),
            catatan_lhe=catatan,
            rekomendasi=tuple(
                BarisRekomendasi(
                    r.nomor, r.uraian, r.rencana_aksi, r.waktu, r.tindak_lanjut, r.status, r.get_status_display()
                )
                for r in rekomendasi
            ),
            tabel_rekomendasi=tabel_rekomendasi,
            kalimat_rekomendasi=_kalimat_rekomendasi(rekomendasi),
        ),
        "",
    )


# --- the chapter -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bab3:
    tahun: int
    pd_nama: str
    evaluasi: EvaluasiBab3  # A
    pengukuran: Pengukuran  # B.1
    iku: TabelIKU  # B.2
    capaian: CapaianSasaran  # B.3
    anggaran: RealisasiAnggaran  # C


def susun(d: Dasar, n: Penomor) -> Bab3:
    n.bagian(1, "bab-3", _("BAB III AKUNTABILITAS KINERJA"))
    per_sasaran = indikator_sasaran(d)
    pohon = pohon_sasaran(d)
    tahun = tahun_renstra(d)
    t = muat_tambahan(
        d,
        indikator_seri=[d.indikator[hi.kode].pk for daftar in per_sasaran.values() for hi in daftar],
        tahun_seri=list(range(tahun[0] - 1, d.tahun)) if tahun else [],
        indikator_catatan=sorted({i.pk for daftar in pohon.indikator.values() for i in daftar}),
    )
    n.bagian(2, "bab-3-a", _("A. Hasil Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"))
    evaluasi = susun_evaluasi(d, n, t)
    n.bagian(2, "bab-3-b", _("B. Capaian Kinerja Organisasi"))
    pengukuran = susun_pengukuran(d, n)
    iku = susun_iku(d, n)
    capaian = susun_sasaran(d, n, t, per_sasaran, pohon)
    n.bagian(2, "bab-3-c", _("C. Realisasi Anggaran"))
    anggaran = susun_anggaran(d, n)
    return Bab3(
        tahun=d.tahun,
        pd_nama=d.pd.nama,
        evaluasi=evaluasi,
        pengukuran=pengukuran,
        iku=iku,
        capaian=capaian,
        anggaran=anggaran,
    )
