"""Budget: chart of accounts, DPA versions with pagu lines, anggaran kas, realisations, physical progress."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.models import EntriRealisasi
from renstra.models import PerangkatDaerah, SubKegiatan, UnitKerja

UANG = {"max_digits": 18, "decimal_places": 2}


class Rekening(models.Model):
    """An account code of the Permendagri 90/2019 chart (any depth), with its name."""

    kode = models.CharField(_("kode rekening"), max_length=40, unique=True)
    uraian = models.CharField(_("uraian"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kode rekening")
        verbose_name_plural = _("kode rekening")
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(condition=Q(kode__regex=r"^[0-9]+(\.[0-9]+)*$"), name="rekening_kode_angka_titik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class VersiAnggaran(models.Model):
    """One DPA (murni) or DPPA (perubahan) of a PD and year. Both stay on record."""

    class Versi(models.TextChoices):
        MURNI = "murni", _("Murni")
        PERUBAHAN = "perubahan", _("Perubahan")

    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="versi_anggaran", verbose_name=_("perangkat daerah")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    versi = models.CharField(_("versi"), max_length=10, choices=Versi.choices)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("versi anggaran")
        verbose_name_plural = _("versi anggaran")
        ordering = ["pd", "tahun", "versi"]
        constraints = [models.UniqueConstraint(fields=["pd", "tahun", "versi"], name="versi_anggaran_unik")]

    def __str__(self) -> str:
        return f"DPA {self.get_versi_display()} {self.pd} {self.tahun}"


class PaguAnggaran(models.Model):
    versi = models.ForeignKey(
        VersiAnggaran, on_delete=models.CASCADE, related_name="pagu", verbose_name=_("versi anggaran")
    )
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="pagu")
    rekening = models.ForeignKey(Rekening, on_delete=models.PROTECT, related_name="pagu")
    jumlah = models.DecimalField(_("pagu"), **UANG)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pagu anggaran")
        verbose_name_plural = _("pagu anggaran")
        ordering = ["versi", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["versi", "sub_kegiatan", "rekening"], name="pagu_satu_per_rekening"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="pagu_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan.kode} {self.rekening.kode}"


class AnggaranKas(models.Model):
    """Planned spending of a sub kegiatan in one quarter."""

    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="anggaran_kas")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    jumlah = models.DecimalField(_("jumlah"), **UANG)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anggaran kas")
        verbose_name_plural = _("anggaran kas")
        ordering = ["sub_kegiatan", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["sub_kegiatan", "tahun", "triwulan"], name="anggaran_kas_unik"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="anggaran_kas_triwulan_1_4"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="anggaran_kas_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan.kode} {self.tahun} TW{self.triwulan}"


class RealisasiAnggaran(EntriRealisasi):
    """Money spent IN one quarter (not since January) per sub kegiatan and account; ``triwulan`` empty: yearly."""

    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="realisasi_anggaran")
    rekening = models.ForeignKey(Rekening, on_delete=models.PROTECT, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    jumlah = models.DecimalField(_("realisasi"), **UANG)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ["sub_kegiatan", "rekening", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "rekening", "tahun", "triwulan"],
                condition=Q(triwulan__isnull=False),
                name="realisasi_anggaran_satu_per_triwulan",
            ),
            models.UniqueConstraint(
                fields=["sub_kegiatan", "rekening", "tahun"],
                condition=Q(triwulan__isnull=True),
                name="realisasi_anggaran_satu_tahunan",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_anggaran_triwulan_1_4",
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="realisasi_anggaran_tidak_negatif"),
        ]

    def __str__(self) -> str:
        tw = f"TW{self.triwulan}" if self.triwulan else "tahunan"
        return f"{self.sub_kegiatan.kode} {self.rekening.kode} {self.tahun} {tw}"


class RealisasiFisik(EntriRealisasi):
    """Physical progress of a sub kegiatan up to a quarter (cumulative %)."""

    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="realisasi_fisik")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    persen = models.DecimalField(_("fisik (%)"), max_digits=7, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi fisik")
        verbose_name_plural = _("realisasi fisik")
        ordering = ["sub_kegiatan", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["sub_kegiatan", "tahun", "triwulan"], name="realisasi_fisik_unik"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="fisik_triwulan_1_4"),
            models.CheckConstraint(condition=Q(persen__gte=0, persen__lte=100), name="fisik_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan.kode} {self.tahun} TW{self.triwulan}"


def _lokasi_impor(instance: "ImporBerkas", filename: str) -> str:
    return f"impor/{instance.tahun}/{uuid.uuid4().hex}"


class ImporBerkas(models.Model):
    """One uploaded workbook (realisations of a unit's quarter, or the pagu of a DPA version): the file as evidence,
    what its check found and whether it was applied. Written by anggaran/impor.py only."""

    class Jenis(models.TextChoices):
        REALISASI = "realisasi", _("Realisasi triwulan")
        DPA = "dpa", _("Pagu DPA")

    class Status(models.TextChoices):
        DIPERIKSA = "diperiksa", _("Sedang diperiksa")  # stored, its check waits for or runs in the worker
        PRATINJAU = "pratinjau", _("Pratinjau")
        MENERAPKAN = "menerapkan", _("Sedang diterapkan")  # Terapkan pressed, the apply waits for or runs in the worker
        DITERAPKAN = "diterapkan", _("Diterapkan")
        DITOLAK = "ditolak", _("Ditolak")

    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="impor_berkas", verbose_name=_("perangkat daerah")
    )
    unit = models.ForeignKey(
        UnitKerja,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="impor_berkas",
        verbose_name=_("unit kerja"),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    versi = models.CharField(_("versi anggaran"), max_length=10, choices=VersiAnggaran.Versi.choices, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_impor)
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="pratinjau")
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)
    galat = models.JSONField(_("galat"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    applied_at = models.DateTimeField(_("diterapkan"), null=True, blank=True)
    #: The check or apply under way: when the worker took it (empty while queued), its last sign of life (the time
    #: it was queued until then; sakip/tugas.py) and the queue's id of the task.
    mulai = models.DateTimeField(_("mulai diproses"), null=True, blank=True)
    denyut = models.DateTimeField(_("tanda hidup terakhir"), null=True, blank=True)
    tugas_id = models.CharField(_("id tugas"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("impor Excel")
        verbose_name_plural = _("impor Excel")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4), name="impor_triwulan_1_4"
            ),
            models.CheckConstraint(
                condition=~Q(jenis="realisasi") | Q(unit__isnull=False, triwulan__isnull=False),
                name="impor_realisasi_unit_triwulan",
            ),
            models.CheckConstraint(condition=~Q(jenis="dpa") | ~Q(versi=""), name="impor_dpa_versi"),
        ]

    def __str__(self) -> str:
        return f"Impor Excel #{self.pk} ({self.nama_asli})"
