"""The yearly report of a PD: signatory, place and date, and the narrative sections by key."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.models import Pejabat, PerangkatDaerah

#: Narrative keys of BUNDLE.md; per-sasaran keys follow ``bab3.sasaran.<kode>.(analisis|faktor|solusi)``.
KUNCI_NARASI = {
    "kata_pengantar": _("Kata pengantar"),
    "ikhtisar": _("Ikhtisar eksekutif"),
    "bab1.latar_belakang": _("Latar belakang"),
    "bab1.maksud_tujuan": _("Maksud dan tujuan"),
    "bab1.tugas_fungsi": _("Tugas dan fungsi"),
    "bab1.permasalahan": _("Permasalahan"),
    "bab1.isu_strategis": _("Isu strategis"),
    "bab4.saran": _("Saran"),
}


class Laporan(models.Model):
    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="laporan", verbose_name=_("perangkat daerah")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    penandatangan = models.ForeignKey(
        Pejabat,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penandatangan"),
        help_text=_("Kosongkan untuk memakai pihak pertama perjanjian kinerja versi terakhir."),
    )
    tempat = models.CharField(_("tempat"), max_length=100, blank=True)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("laporan kinerja")
        verbose_name_plural = _("laporan kinerja")
        ordering = ["pd", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["pd", "tahun"], name="laporan_satu_per_tahun")]

    def __str__(self) -> str:
        return f"LKjIP {self.pd} {self.tahun}"


class NarasiLaporan(models.Model):
    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="narasi")
    kunci = models.CharField(_("bagian"), max_length=120)
    teks = models.TextField(_("teks"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("narasi laporan")
        verbose_name_plural = _("narasi laporan")
        ordering = ["laporan", "kunci"]
        constraints = [models.UniqueConstraint(fields=["laporan", "kunci"], name="narasi_kunci_unik")]

    def __str__(self) -> str:
        return f"{self.laporan} — {self.kunci}"
