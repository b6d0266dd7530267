"""The flat DPA matrix of a whole pemda: one row per budget line (sub kegiatan × account) of every PD of the year.

Every row repeats its keys (PD, unit, program, kegiatan, sub kegiatan, account, codes and names), so the sheet sorts,
filters and pivots as it is. The money columns: pagu murni, pagu (the latest DPA version of the PD: perubahan when
it has one, else murni, as SAKIP.md §4), the money spent in each quarter, the year's realisation (the quarters plus
any amount entered for the year without a quarter), Rp % and sisa. A line that only one of the versions holds, or
that has spending but no pagu, is a row too, so the sums of a PD's rows are the PD's totals in ``sakip-hasil/1``.

The PDs are read one at a time with three lean ``values_list`` queries (sub kegiatan with their keys, pagu lines,
realisations) and their rows streamed into :func:`anggaran.excel.tulis_xlsx` (write-only mode), so memory holds one
PD at a time whatever the size of the pemda.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja import hitung as h
from renstra.models import Pemda, PerangkatDaerah, SubKegiatan

from .excel import FORMAT_PERSEN, FORMAT_RUPIAH, BlokJudul, Eksporter, Kolom, tulis_xlsx
from .models import PaguAnggaran, RealisasiAnggaran, Rekening, VersiAnggaran

MURNI, PERUBAHAN = VersiAnggaran.Versi.MURNI, VersiAnggaran.Versi.PERUBAHAN


class MatriksDatar(Eksporter):
    """Every budget line of every PD of ``pemda`` in ``tahun``, PD by PD in the order of their codes."""

    identifier = "dpa-matriks-datar"
    title = gettext_lazy("Matriks DPA")

    def __init__(self, *, pemda: Pemda, tahun: int, dibuat: datetime | None = None) -> None:
        self.pemda = pemda
        self.tahun = tahun
        self.dibuat = dibuat or timezone.now()

    def kolom(self) -> list[Kolom]:
        rp = FORMAT_RUPIAH
        return [
            Kolom(_("Kode PD"), lebar=22),
            Kolom(_("Perangkat Daerah"), lebar=32),
            Kolom(_("Kode Unit"), lebar=12),
            Kolom(_("Unit Kerja"), lebar=28),
            Kolom(_("Kode Program"), lebar=12),
            Kolom(_("Program"), lebar=36),
            Kolom(_("Kode Kegiatan"), lebar=14),
            Kolom(_("Kegiatan"), lebar=36),
            Kolom(_("Kode Sub Kegiatan"), lebar=18),
            Kolom(_("Sub Kegiatan"), lebar=40),
            Kolom(_("Kode Rekening"), lebar=18),
            Kolom(_("Uraian Rekening"), lebar=36),
            Kolom(_("Pagu Murni"), rp, 18),
            Kolom(_("Pagu"), rp, 18),
            Kolom(_("Realisasi TW I"), rp, 17),
            Kolom(_("Realisasi TW II"), rp, 17),
            Kolom(_("Realisasi TW III"), rp, 17),
            Kolom(_("Realisasi TW IV"), rp, 17),
            Kolom(_("Realisasi"), rp, 18),
            Kolom(_("Realisasi (%)"), FORMAT_PERSEN, 11),
            Kolom(_("Sisa"), rp, 18),
        ]

    def blok_judul(self) -> BlokJudul:
        dibuat = timezone.localtime(self.dibuat) if timezone.is_aware(self.dibuat) else self.dibuat
        return BlokJudul(
            _("MATRIKS DPA DAN REALISASI ANGGARAN PER SUB KEGIATAN DAN REKENING"),
            (
                self.pemda.nama,
                _("Tahun Anggaran %(tahun)s") % {"tahun": self.tahun},
                _("Diekspor %(waktu)s") % {"waktu": date_format(dibuat, "j F Y H:i")},
            ),
        )

    def nama_berkas(self, ekstensi: str) -> str:
        slug = slugify(self.pemda.nama)[:60].strip("-") or "pemda"
        return f"dpa-datar-{slug}-{self.tahun}.{ekstensi}"

    def iter_rows(self) -> Iterator[tuple]:
        rekening = {
            pk: (kode, uraian, h.kunci_kode(kode))
            for pk, kode, uraian in Rekening.objects.order_by().values_list("pk", "kode", "uraian")
        }
        for pd_id, kode, nama in (
            PerangkatDaerah.objects.filter(pemda=self.pemda).order_by("kode").values_list("pk", "kode", "nama")
        ):
            yield from baris_pd(pd_id, kode, nama, self.tahun, rekening)


def baris_pd(
    pd_id: int, pd_kode: str, pd_nama: str, tahun: int, rekening: dict[int, tuple[str, str, tuple]]
) -> Iterator[tuple]:
    """The rows of one PD: its sub kegiatan in the order of the tree, their accounts in the order of the codes.

    ``rekening`` is the chart of accounts, read once per export: {id: (kode, uraian, sort key of the kode)}."""
    sub = {
        r[0]: r[1:]
        for r in SubKegiatan.objects.filter(kegiatan__program__pd_id=pd_id)
        .order_by(
            "kegiatan__program__urutan",
            "kegiatan__program__pk",
            "kegiatan__urutan",
            "kegiatan__pk",
            "urutan",
            "pk",
        )
        .values_list(
            "pk",
            "kode",
            "nama",
            "unit_kerja__kode",
            "unit_kerja__nama",
            "kegiatan__program__kode",
            "kegiatan__program__nama",
            "kegiatan__kode",
            "kegiatan__nama",
        )
    }
    # per (sub kegiatan, account): [murni, perubahan, TW I, TW II, TW III, TW IV, for the year without a quarter]
    garis: dict[tuple[int, int], list[Any]] = {}
    versi: set[str] = set()
    for sub_id, rek_id, v, jumlah in (
        PaguAnggaran.objects.filter(versi__pd_id=pd_id, versi__tahun=tahun)
        .order_by()
        .values_list("sub_kegiatan_id", "rekening_id", "versi__versi", "jumlah")
    ):
        if sub_id not in sub:
            continue
        versi.add(v)
        g = garis.get((sub_id, rek_id))
        if g is None:
            g = garis[(sub_id, rek_id)] = [None] * 7
        i = 0 if v == MURNI else 1
        g[i] = jumlah if g[i] is None else g[i] + jumlah
    for sub_id, rek_id, tw, jumlah in (
        RealisasiAnggaran.objects.filter(sub_kegiatan__kegiatan__program__pd_id=pd_id, tahun=tahun)
        .order_by()
        .values_list("sub_kegiatan_id", "rekening_id", "triwulan", "jumlah")
    ):
        g = garis.get((sub_id, rek_id))
        if g is None:
            g = garis[(sub_id, rek_id)] = [None] * 7
        i = 1 + tw if tw else 6
        g[i] = jumlah if g[i] is None else g[i] + jumlah

    ada_murni = MURNI in versi
    akhir = 1 if PERUBAHAN in versi else 0  # the pagu: the latest version of the PD
    urutan_sub = {s: n for n, s in enumerate(sub)}
    kunci = sorted(garis, key=lambda k: (urutan_sub[k[0]], rekening[k[1]][2], k[1]))
    nol = h.NOL
    for sub_id, rek_id in kunci:
        g = garis[(sub_id, rek_id)]
        s = sub[sub_id]
        rek_kode, rek_uraian = rekening[rek_id][:2]
        murni = (g[0] or nol) if ada_murni else None
        pagu = g[akhir] or nol
        realisasi = nol
        for x in g[2:7]:
            if x is not None:
                realisasi += x
        serapan = h.bulatkan(realisasi / pagu * h.SERATUS, 2) if pagu else None
        yield (
            pd_kode,
            pd_nama,
            s[2] or "",
            s[3] or "",
            s[4],
            s[5],
            s[6],
            s[7],
            s[0],
            s[1],
            rek_kode,
            rek_uraian,
            murni,
            pagu,
            g[2],
            g[3],
            g[4],
            g[5],
            realisasi,
            serapan,
            pagu - realisasi,
        )


def tulis_matriks_datar(*, pemda: Pemda, tahun: int, berkas: IO[bytes], dibuat: datetime | None = None) -> int:
    """Write the flat matrix of ``pemda``'s year to ``berkas``; return the number of rows written."""
    return tulis_xlsx(MatriksDatar(pemda=pemda, tahun=tahun, dibuat=dibuat), berkas)
