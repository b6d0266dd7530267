"""Pernyataan Telah Direviu: the Inspektorat's statement that closes a reviewed LKjIP (PermenPAN-RB 53/2014).

It belongs to one version of the report (the data the reviewer read) and is printed as the last annex of that
version's PDF, and at the end of the report in the browser, once the review of that version is complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from ..konteks import Identitas, format_tanggal
from ..models import VersiLaporan


@dataclass(frozen=True)
class Pernyataan:
    pd_nama: str
    pemda_nama: str
    tahun: int
    reviewer: str  # the user who completed the review: full name, else username
    inspektorat: str  # "Inspektorat Kabupaten Paser"
    tempat: str
    tanggal: str  # completion date, "28 Februari 2025"
    versi: int
    sidik: str  # the first 12 characters of the version's data hash

    @property
    def tempat_tanggal(self) -> str:
        return ", ".join(x for x in (self.tempat, self.tanggal) if x)


def susun(*, versi: VersiLaporan, identitas: Identitas) -> Pernyataan:
    """The statement of a version whose review is complete (``reviu_selesai_pada`` set)."""
    if versi.reviu_selesai_pada is None:
        raise ValueError("the review of this version is not complete")
    versi = VersiLaporan.objects.select_related("laporan__pd__pemda", "reviu_selesai_oleh").get(pk=versi.pk)
    pemda = versi.laporan.pd.pemda
    oleh = versi.reviu_selesai_oleh
    reviewer = (oleh.get_full_name().strip() or oleh.get_username()) if oleh else ""
    # the completion date in the pemda's own time zone, whatever zone the request or the worker runs in
    selesai = timezone.localtime(versi.reviu_selesai_pada, ZoneInfo(pemda.zona_waktu or "Asia/Jakarta")).date()
    return Pernyataan(
        pd_nama=identitas.pd_nama,
        pemda_nama=identitas.pemda_nama,
        tahun=identitas.tahun,
        reviewer=reviewer,
        inspektorat=f"Inspektorat {identitas.pemda_nama}",
        tempat=identitas.tempat,
        tanggal=format_tanggal(selesai),
        versi=versi.nomor,
        sidik=versi.params_hash[:12],
    )
