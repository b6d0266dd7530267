"""BAB I Pendahuluan of the LKjIP (SAKIP.md §5, part 4): the planner's narrative per section, with a computed
sentence where one is natural; the organisation as the tree of units (``UnitKerja.induk``) with their officials and
the uploaded chart; and the outline of the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from renstra.models import Pejabat, UnitKerja
from sakip.angka import format_angka, format_nip, format_rupiah

from ..konteks import Dasar, Penomor, Rujukan, nama_pejabat
from ..narasi import Narasi
from .awal import versi_dpa

#: Indentation classes the stylesheet knows (tingkat-1 … tingkat-3); deeper units share the last.
TINGKAT_MAKS = 3


@dataclass(frozen=True)
class BagianNarasi:
    """A section made of the planner's narrative; ``bawaan`` is the computed sentence printed when there is none."""

    narasi: Narasi | None
    bawaan: SafeString


@dataclass(frozen=True)
class PejabatUnit:
    jabatan: str
    nama: str
    pangkat: str
    nip: str


@dataclass(frozen=True)
class BarisUnit:
    kode: str
    nama: str
    jenis: str
    tingkat: int  # 1 for a unit without a parent
    pejabat: tuple[PejabatUnit, ...]


@dataclass(frozen=True)
class Struktur:
    kalimat: SafeString
    tabel: Rujukan | None
    unit: tuple[BarisUnit, ...]
    pejabat_lain: tuple[PejabatUnit, ...]  # officials not attached to a unit (often the head of the PD)
    bagan: Rujukan | None  # the uploaded chart, when there is one


@dataclass(frozen=True)
class BagianSistematika:
    judul: str
    uraian: str


@dataclass(frozen=True)
class Bab1:
    latar_belakang: BagianNarasi
    maksud_tujuan: BagianNarasi
    tugas_fungsi: BagianNarasi
    struktur: Struktur
    sumber_daya_kalimat: SafeString
    sumber_daya: Narasi | None
    permasalahan: Narasi | None
    isu_strategis: Narasi | None
    sistematika_kalimat: SafeString
    sistematika: tuple[BagianSistematika, ...]


def _pejabat(p: Pejabat) -> PejabatUnit:
    pangkat = p.pangkat
    if p.golongan:
        pangkat = f"{pangkat} ({p.golongan})" if pangkat else p.golongan
    return PejabatUnit(p.jabatan, nama_pejabat(p), pangkat, format_nip(p.nip) if p.nip else "")


def pohon_unit(unit: list[UnitKerja], pejabat: list[Pejabat]) -> tuple[BarisUnit, ...]:
    """The units depth first in their order, each with its level (a unit whose parent is not in the list, or that
    sits in a cycle, starts a new branch)."""
    ada = {u.pk for u in unit}
    anak: dict[int | None, list[UnitKerja]] = {}
    for u in unit:
        anak.setdefault(u.induk_id if u.induk_id in ada else None, []).append(u)
    per_unit: dict[int, list[PejabatUnit]] = {}
    for p in pejabat:
        if p.unit_kerja_id is not None:
            per_unit.setdefault(p.unit_kerja_id, []).append(_pejabat(p))
    hasil: list[BarisUnit] = []
    dikunjungi: set[int] = set()

    def turun(u: UnitKerja, tingkat: int) -> None:
        dikunjungi.add(u.pk)
        hasil.append(
            BarisUnit(
                u.kode,
                u.nama,
                str(UnitKerja.Jenis(u.jenis).label) if u.jenis in UnitKerja.Jenis.values else u.jenis,
                min(tingkat, TINGKAT_MAKS),
                tuple(per_unit.get(u.pk, ())),
            )
        )
        for a in anak.get(u.pk, []):
            if a.pk not in dikunjungi:
                turun(a, tingkat + 1)

    for u in anak.get(None, []):
        turun(u, 1)
    for u in unit:  # units caught in a cycle of parents
        if u.pk not in dikunjungi:
            turun(u, 1)
    return tuple(hasil)


def _struktur(d: Dasar, n: Penomor) -> Struktur:
    pd = d.identitas.pd_nama
    pejabat = list(Pejabat.objects.filter(pd=d.pd).order_by("urutan", "pk"))
    unit = pohon_unit(d.unit_kerja, pejabat)
    tabel = n.tabel("1", _("Susunan Organisasi %(pd)s") % {"pd": pd}) if unit else None
    if tabel:
        kalimat = format_html(
            _(
                "Susunan organisasi {pd} terdiri atas {n} unit kerja sebagaimana "
                '<a class="rujukan" href="#{id}">{label}</a>.'
            ),
            pd=pd,
            n=format_angka(len(unit), 0),
            id=tabel.id,
            label=tabel.label,
        )
    else:
        kalimat = format_html(_("Belum ada unit kerja yang tercatat untuk {pd}."), pd=pd)
    bagan = None
    if d.identitas.bagan_organisasi:
        bagan = n.gambar("1", _("Bagan Struktur Organisasi %(pd)s") % {"pd": pd})
    return Struktur(
        kalimat=kalimat,
        tabel=tabel,
        unit=unit,
        pejabat_lain=tuple(_pejabat(p) for p in pejabat if p.unit_kerja_id is None),
        bagan=bagan,
    )


def _sistematika(d: Dasar) -> tuple[BagianSistematika, ...]:
    tahun = d.tahun
    pd = d.identitas.pd_nama
    periode = f"{d.renstra.tahun_mulai}–{d.renstra.tahun_selesai}" if d.renstra else ""
    renstra = _("Rencana Strategis %(periode)s") % {"periode": periode} if periode else _("Rencana Strategis")
    return (
        BagianSistematika(_("Kata Pengantar"), _("Pengantar dan pengesahan laporan oleh pimpinan perangkat daerah.")),
        BagianSistematika(
            _("Ikhtisar Eksekutif"),
            _("Ringkasan capaian sasaran strategis, Indikator Kinerja Utama dan realisasi anggaran tahun %(tahun)s.")
            % {"tahun": tahun},
        ),
        BagianSistematika(_("Daftar Isi, Daftar Tabel dan Daftar Grafik"), _("Petunjuk letak setiap bagian laporan.")),
        BagianSistematika(
            _("BAB I Pendahuluan"),
            _(
                "Latar belakang, maksud dan tujuan, tugas dan fungsi, struktur organisasi, sumber daya, serta "
                "permasalahan dan isu strategis %(pd)s."
            )
            % {"pd": pd},
        ),
        BagianSistematika(
            _("BAB II Perencanaan dan Perjanjian Kinerja"),
            _(
                "%(renstra)s, Indikator Kinerja Utama, Perjanjian Kinerja tahun %(tahun)s, serta program, kegiatan "
                "dan anggaran yang mendukungnya."
            )
            % {"renstra": renstra, "tahun": tahun},
        ),
        BagianSistematika(
            _("BAB III Akuntabilitas Kinerja"),
            _(
                "Hasil evaluasi AKIP tahun sebelumnya, capaian kinerja organisasi tahun %(tahun)s beserta "
                "analisisnya, dan realisasi anggaran tahun %(tahun)s."
            )
            % {"tahun": tahun},
        ),
        BagianSistematika(
            _("BAB IV Penutup"),
            _("Kesimpulan atas capaian kinerja tahun %(tahun)s dan saran perbaikan.") % {"tahun": tahun},
        ),
        BagianSistematika(
            _("Lampiran"),
            _(
                "Perjanjian Kinerja, Indikator Kinerja Utama, matriks capaian kinerja dan anggaran per triwulan, "
                "serta Rencana Aksi."
            ),
        ),
    )


def susun(d: Dasar, n: Penomor) -> Bab1:
    pd = d.identitas.pd_nama
    tahun = d.tahun
    h = d.hasil
    n.bagian(1, "bab-1", _("BAB I PENDAHULUAN"))

    n.bagian(2, "bab-1-a", _("A. Latar Belakang"))
    latar = BagianNarasi(
        d.narasi_isi("bab1.latar_belakang"),
        format_html(
            _(
                "Laporan Kinerja Instansi Pemerintah (LKjIP) merupakan wujud pertanggungjawaban {pd} atas "
                "pelaksanaan tugas dan fungsi serta pengelolaan anggaran dalam mencapai sasaran strategis yang telah "
                "ditetapkan. Sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
                "Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
                "Nomor 53 Tahun 2014, setiap instansi pemerintah menyusun laporan kinerja tahunan yang "
                "membandingkan realisasi dengan target dalam Perjanjian Kinerja. Laporan ini menyajikan kinerja {pd} "
                "Tahun {tahun}."
            ),
            pd=pd,
            tahun=tahun,
        ),
    )

    n.bagian(2, "bab-1-b", _("B. Maksud dan Tujuan"))
    maksud = BagianNarasi(
        d.narasi_isi("bab1.maksud_tujuan"),
        format_html(
            _(
                "LKjIP {pd} Tahun {tahun} disusun untuk memberikan informasi kinerja yang terukur kepada {kepala} dan "
                "para pemangku kepentingan tentang capaian {sasaran} sasaran strategis dan {iku} Indikator Kinerja "
                "Utama, serta menjadi bahan evaluasi dan perbaikan kinerja pada tahun berikutnya."
            ),
            pd=pd,
            tahun=tahun,
            kepala=d.identitas.kepala_daerah or _("Kepala Daerah"),
            sasaran=format_angka(len(h.sasaran), 0),
            iku=format_angka(h.iku.jumlah, 0),
        ),
    )

    n.bagian(2, "bab-1-c", _("C. Tugas dan Fungsi"))
    tugas = BagianNarasi(d.narasi_isi("bab1.tugas_fungsi"), SafeString(""))

    n.bagian(2, "bab-1-d", _("D. Struktur Organisasi"))
    struktur = _struktur(d, n)

    n.bagian(2, "bab-1-e", _("E. Sumber Daya"))
    if d.data.pagu:
        sumber_daya_kalimat = format_html(
            _(
                "Dalam melaksanakan tugas dan fungsinya pada tahun {tahun}, {pd} didukung oleh {unit} unit kerja dan "
                "anggaran belanja ({dpa}) sebesar {pagu}, yang rinciannya disajikan pada BAB II."
            ),
            tahun=tahun,
            pd=pd,
            unit=format_angka(len(d.unit_kerja), 0),
            dpa=versi_dpa(d),
            pagu=format_rupiah(h.total.pagu),
        )
    else:
        sumber_daya_kalimat = format_html(
            _(
                "Dalam melaksanakan tugas dan fungsinya pada tahun {tahun}, {pd} didukung oleh {unit} unit kerja; "
                "belum ada DPA yang tercatat untuk tahun {tahun}."
            ),
            tahun=tahun,
            pd=pd,
            unit=format_angka(len(d.unit_kerja), 0),
        )

    n.bagian(2, "bab-1-f", _("F. Permasalahan dan Isu Strategis"))

    n.bagian(2, "bab-1-g", _("G. Sistematika Penyajian"))
    sistematika_kalimat = format_html(
        _("Sistematika Laporan Kinerja Instansi Pemerintah {pd} Tahun {tahun} disusun sebagai berikut:"),
        pd=pd,
        tahun=tahun,
    )

    return Bab1(
        latar_belakang=latar,
        maksud_tujuan=maksud,
        tugas_fungsi=tugas,
        struktur=struktur,
        sumber_daya_kalimat=sumber_daya_kalimat,
        sumber_daya=d.narasi_isi("bab1.sumber_daya"),
        permasalahan=d.narasi_isi("bab1.permasalahan"),
        isu_strategis=d.narasi_isi("bab1.isu_strategis"),
        sistematika_kalimat=sistematika_kalimat,
        sistematika=_sistematika(d),
    )
