"""Narrative that quotes figures through named placeholders, never typed numbers (SAKIP.md §7).

A planner writes ``Rata-rata capaian IKU tahun {{ tahun }} sebesar {{ iku.rata_rata }}``; at generation time every
``{{ nama }}`` is replaced by the figure of the same computation as the tables, formatted the Indonesian way. An
unknown name is printed visibly as itself and listed by the data check, so a narrative can never quote a number the
data no longer has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kinerja.hitung import Nilai
from sakip.angka import format_angka, format_nilai, format_persen, format_rupiah

if TYPE_CHECKING:
    from .konteks import Dasar

POLA_ISIAN = re.compile(r"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")

#: Digits that look typed by hand in narrative: decimals, thousands or 3+ digits that are not a year 19xx/20xx.
POLA_ANGKA_KETIK = re.compile(r"(?<![\w{.])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)(?![\w}])")


@dataclass(frozen=True)
class Isian:
    nama: str  # "iku.rata_rata"
    keterangan: str  # what it is, for the editor
    nilai: str  # the formatted figure


@dataclass(frozen=True)
class Narasi:
    html: SafeString  # paragraphs with the placeholders filled in
    hilang: tuple[str, ...]  # placeholders that are not known


def _nilai(n: Nilai | None, desimal: int = 2) -> str:
    return format_nilai(n.nilai, n.label, desimal) if n else format_nilai(None)


def _persen(x: Decimal | None) -> str:
    return format_persen(x)


def daftar_isian(d: Dasar) -> dict[str, Isian]:
    """Every placeholder the report knows for this PD and year, with its current value."""
    h = d.hasil
    isian: list[Isian] = [
        Isian("tahun", _("tahun laporan"), str(d.tahun)),
        Isian("pd.nama", _("nama perangkat daerah"), d.pd.nama),
        Isian("pemda.nama", _("nama pemerintah daerah"), d.pd.pemda.nama),
        Isian("sasaran.jumlah", _("jumlah sasaran strategis"), format_angka(len(h.sasaran), 0)),
        Isian("iku.jumlah", _("jumlah indikator kinerja utama"), format_angka(h.iku.jumlah, 0)),
        Isian("iku.rata_rata", _("rata-rata capaian seluruh IKU"), _persen(h.iku.rata_rata)),
        Isian("iku.kategori", _("kategori rata-rata capaian IKU"), d.kategori(h.iku.kategori) or "—"),
        Isian("program.jumlah", _("jumlah program"), format_angka(len(h.program), 0)),
        Isian("kegiatan.jumlah", _("jumlah kegiatan"), format_angka(len(h.kegiatan), 0)),
        Isian("sub_kegiatan.jumlah", _("jumlah sub kegiatan"), format_angka(len(h.sub_kegiatan), 0)),
        Isian("anggaran.pagu", _("pagu anggaran"), format_rupiah(h.total.pagu)),
        Isian("anggaran.realisasi", _("realisasi anggaran"), format_rupiah(h.total.realisasi)),
        Isian("anggaran.sisa", _("sisa anggaran"), format_rupiah(h.total.sisa)),
        Isian("anggaran.serapan", _("serapan anggaran"), _persen(h.total.serapan)),
    ]
    for s in d.sasaran:
        hs = d.hasil_sasaran.get(s.kode)
        if hs is None:
            continue
        isian += [
            Isian(f"sasaran.{s.kode}.capaian", _("capaian sasaran %(kode)s") % {"kode": s.kode}, _persen(hs.capaian)),
            Isian(
                f"sasaran.{s.kode}.kategori",
                _("kategori capaian sasaran %(kode)s") % {"kode": s.kode},
                d.kategori(hs.kategori) or "—",
            ),
        ]
    for hi in h.indikator:
        if hi.level not in ("tujuan", "sasaran"):
            continue
        ind = d.indikator[hi.kode]
        isian += [
            Isian(
                f"indikator.{hi.kode}.target", _("target %(kode)s") % {"kode": hi.kode}, _nilai(hi.target, ind.desimal)
            ),
            Isian(
                f"indikator.{hi.kode}.realisasi",
                _("realisasi %(kode)s") % {"kode": hi.kode},
                _nilai(hi.realisasi, ind.desimal),
            ),
            Isian(f"indikator.{hi.kode}.capaian", _("capaian %(kode)s") % {"kode": hi.kode}, _persen(hi.capaian)),
            Isian(
                f"indikator.{hi.kode}.kategori",
                _("kategori capaian %(kode)s") % {"kode": hi.kode},
                d.kategori(hi.kategori) or "—",
            ),
        ]
    for p in h.program:
        isian += [
            Isian(f"program.{p.kode}.pagu", _("pagu program %(kode)s") % {"kode": p.kode}, format_rupiah(p.rp.pagu)),
            Isian(
                f"program.{p.kode}.realisasi",
                _("realisasi program %(kode)s") % {"kode": p.kode},
                format_rupiah(p.rp.realisasi),
            ),
            Isian(f"program.{p.kode}.serapan", _("serapan program %(kode)s") % {"kode": p.kode}, _persen(p.rp.serapan)),
        ]
    return {i.nama: i for i in isian}


def isian_dipakai(teks: str) -> list[str]:
    return [m.group(1) for m in POLA_ISIAN.finditer(teks)]


def angka_diketik(teks: str) -> list[str]:
    """Numbers typed into narrative outside placeholders (``92,10`` or ``1.234.567``), for the data check."""
    tanpa_isian = POLA_ISIAN.sub(" ", teks)
    return POLA_ANGKA_KETIK.findall(tanpa_isian)


def isi_narasi(teks: str, isian: dict[str, Isian]) -> Narasi:
    """Escaped paragraphs (blank lines separate them, single line breaks kept) with the placeholders filled in."""
    hilang: list[str] = []

    def ganti(m: re.Match[str]) -> str:
        nama = m.group(1)
        if nama in isian:
            return f'<span class="isian" data-isian="{escape(nama)}">{escape(isian[nama].nilai)}</span>'
        hilang.append(nama)
        return f'<span class="isian-hilang" title="{escape(_("isian tidak dikenal"))}">{{{{ {escape(nama)} }}}}</span>'

    paragraf = [p.strip() for p in re.split(r"\n\s*\n", teks.replace("\r\n", "\n")) if p.strip()]
    html = []
    for p in paragraf:
        aman = escape(p)  # placeholders survive escaping: braces, letters, digits, dots, dashes
        aman = POLA_ISIAN.sub(ganti, aman)
        html.append("<p>" + aman.replace("\n", "<br>") + "</p>")
    return Narasi(mark_safe("\n".join(html)), tuple(hilang))
