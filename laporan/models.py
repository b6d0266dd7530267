"""The yearly report of a PD: signatory, place and date, narrative by key, images; its generated versions and files;
the Inspektorat's review notes and answers per version."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.models import Pejabat, PerangkatDaerah
from sakip import batas
from sakip.batas import TeksField

#: Narrative keys of BUNDLE.md; per-sasaran keys follow ``bab3.sasaran.<kode>.(analisis|faktor|solusi)``.
KUNCI_NARASI = {
    "kata_pengantar": _("Kata pengantar"),
    "ikhtisar": _("Ikhtisar eksekutif"),
    "bab1.latar_belakang": _("Latar belakang"),
    "bab1.maksud_tujuan": _("Maksud dan tujuan"),
    "bab1.tugas_fungsi": _("Tugas dan fungsi"),
    "bab1.sumber_daya": _("Sumber daya"),
    "bab1.permasalahan": _("Permasalahan"),
    "bab1.isu_strategis": _("Isu strategis"),
    "bab4.saran": _("Saran"),
}


def _lokasi_gambar(instance: "Laporan", filename: str) -> str:
    return f"laporan/gambar/{uuid.uuid4().hex}"


def _lokasi_berkas(instance: "EksporLaporan", filename: str) -> str:
    return f"laporan/berkas/{instance.versi.laporan.tahun}/{uuid.uuid4().hex}"


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
    logo = models.FileField(_("logo sampul"), upload_to=_lokasi_gambar, blank=True)
    bagan_organisasi = models.FileField(_("bagan struktur organisasi"), upload_to=_lokasi_gambar, blank=True)
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
    teks = TeksField(_("teks"), max_length=batas.NARASI)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("narasi laporan")
        verbose_name_plural = _("narasi laporan")
        ordering = ["laporan", "kunci"]
        constraints = [models.UniqueConstraint(fields=["laporan", "kunci"], name="narasi_kunci_unik")]

    def __str__(self) -> str:
        return f"{self.laporan} — {self.kunci}"


class VersiLaporan(models.Model):
    """One state of the report's data: every generation whose data hash is new opens a version.

    Review notes belong to a version, so they stay next to the text the reviewer read."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="versi")
    nomor = models.PositiveIntegerField(_("versi"))
    params_hash = models.CharField(_("sidik data"), max_length=64)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviu_selesai_pada = models.DateTimeField(_("reviu selesai"), null=True, blank=True)
    reviu_selesai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviu diselesaikan oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("versi laporan")
        verbose_name_plural = _("versi laporan")
        ordering = ["laporan", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "nomor"], name="versi_laporan_nomor_unik"),
            models.UniqueConstraint(fields=["laporan", "params_hash"], name="versi_laporan_hash_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.laporan} v{self.nomor}"


class EksporLaporan(models.Model):
    """One generation of a version as HTML or PDF, run by the worker; the file is kept."""

    class Format(models.TextChoices):
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        ANTRE = "antre", _("menunggu giliran")
        BERJALAN = "berjalan", _("sedang dibuat")
        SELESAI = "selesai", _("selesai")
        GAGAL = "gagal", _("gagal")

    versi = models.ForeignKey(VersiLaporan, on_delete=models.CASCADE, related_name="ekspor")
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    dengan_pernyataan = models.BooleanField(_("memuat pernyataan telah direviu"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ANTRE)
    progres = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    tahap = models.CharField(_("tahap"), max_length=200, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_berkas, blank=True)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    halaman = models.PositiveIntegerField(_("jumlah halaman"), null=True, blank=True)
    galat = models.TextField(_("galat"), blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    dibuat = models.DateTimeField(_("diminta"), auto_now_add=True)
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    #: Written by the worker while it runs (sakip/tugas.py); an old one means the worker stopped.
    denyut = models.DateTimeField(_("tanda hidup terakhir"), null=True, blank=True)
    tugas_id = models.CharField(_("id tugas"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("berkas laporan")
        verbose_name_plural = _("berkas laporan")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["versi", "format", "dengan_pernyataan"],
                condition=models.Q(status__in=["antre", "berjalan", "selesai"]),
                name="ekspor_satu_per_versi_format",
            ),
            models.CheckConstraint(condition=models.Q(progres__lte=100), name="ekspor_progres_sampai_100"),
        ]

    def __str__(self) -> str:
        return f"{self.versi} {self.get_format_display()}"


class CatatanReviu(models.Model):
    """A reviewer's note on a chapter or table of one version, and the planner's answer."""

    versi = models.ForeignKey(VersiLaporan, on_delete=models.CASCADE, related_name="catatan")
    bagian = models.CharField(_("bagian"), max_length=80, help_text=_("Jangkar bab atau tabel, misalnya tabel-3-2."))
    judul_bagian = models.CharField(_("judul bagian"), max_length=300)
    teks = TeksField(_("catatan reviu"), max_length=batas.CATATAN_REVIU)
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    dibuat = models.DateTimeField(_("ditulis"), auto_now_add=True)
    jawaban = TeksField(_("jawaban perencana"), max_length=batas.CATATAN_REVIU, blank=True)
    dijawab_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dijawab oleh"),
    )
    dijawab_pada = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("catatan reviu")
        verbose_name_plural = _("catatan reviu")
        ordering = ["versi", "dibuat", "pk"]

    def __str__(self) -> str:
        return f"{self.versi} — {self.judul_bagian}"
