"""Performance: scales and policy, Perjanjian Kinerja, rencana aksi, realisations, evaluations, comparisons."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.models import Indikator, Pejabat, PerangkatDaerah, Program
from sakip import batas
from sakip.batas import TeksField

NILAI = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}
UANG = {"max_digits": 18, "decimal_places": 2}


class SkalaPenilaian(models.Model):
    """A rating scale as data: ordered bands (PitaSkala). The five presets ship with the application."""

    kode = models.SlugField(_("kode"), max_length=60, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    bawaan = models.BooleanField(_("bawaan aplikasi"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skala penilaian")
        verbose_name_plural = _("skala penilaian")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class PitaSkala(models.Model):
    skala = models.ForeignKey(SkalaPenilaian, on_delete=models.CASCADE, related_name="pita")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    batas_bawah = models.DecimalField(_("batas bawah"), **NILAI)
    termasuk = models.BooleanField(_("termasuk batas bawah"), default=False)
    label = models.CharField(_("label"), max_length=60)
    warna = models.CharField(_("warna"), max_length=7, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pita skala")
        verbose_name_plural = _("pita skala")
        ordering = ["skala", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "urutan"], name="pita_urutan_unik"),
            models.CheckConstraint(condition=Q(warna="") | Q(warna__regex=r"^#[0-9a-fA-F]{6}$"), name="pita_warna_hex"),
        ]

    def __str__(self) -> str:
        return self.label


class KebijakanPerhitungan(models.Model):
    """The calculation policy of one PD (BUNDLE.md kebijakan)."""

    class TingkatEfisiensi(models.TextChoices):
        SASARAN = "sasaran", _("Per sasaran")
        PROGRAM = "program", _("Per program")

    pd = models.OneToOneField(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="kebijakan", verbose_name=_("perangkat daerah")
    )
    skala_capaian = models.ForeignKey(
        SkalaPenilaian, on_delete=models.PROTECT, related_name="+", verbose_name=_("skala capaian")
    )
    batas_atas_capaian = models.DecimalField(
        _("batas atas capaian dalam rata-rata"),
        **NILAI,
        help_text=_("Kosongkan bila capaian tidak dibatasi (misalnya 120)."),
    )
    efisiensi_tingkat = models.CharField(
        _("tingkat efisiensi"), max_length=8, choices=TingkatEfisiensi.choices, default="sasaran"
    )
    efisiensi_hanya_capaian_100 = models.BooleanField(_("efisiensi hanya untuk capaian ≥ 100%"), default=False)
    tahun_lalu_dihitung = models.BooleanField(_("realisasi tahun lalu dihitung dalam rata-rata"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kebijakan perhitungan")
        verbose_name_plural = _("kebijakan perhitungan")

    def __str__(self) -> str:
        return str(self.pd)


# --- Perjanjian Kinerja and rencana aksi -----------------------------------------------------------------


class PerjanjianKinerja(models.Model):
    class Jenis(models.TextChoices):
        MURNI = "murni", _("Murni")
        PERUBAHAN = "perubahan", _("Perubahan")

    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="perjanjian_kinerja", verbose_name=_("perangkat daerah")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    versi = models.PositiveSmallIntegerField(_("versi"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default="murni")
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    pihak_pertama = models.ForeignKey(
        Pejabat, on_delete=models.RESTRICT, related_name="+", verbose_name=_("pihak pertama")
    )
    pihak_kedua_nama = models.CharField(_("nama pihak kedua"), max_length=200)
    pihak_kedua_jabatan = models.CharField(_("jabatan pihak kedua"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["pd", "tahun", "versi"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "tahun", "versi"], name="pk_versi_unik"),
            models.CheckConstraint(condition=Q(versi__gte=1), name="pk_versi_mulai_1"),
        ]

    def __str__(self) -> str:
        return f"PK {self.pd} {self.tahun} v{self.versi}"


class TargetPK(models.Model):
    pk_dokumen = models.ForeignKey(
        PerjanjianKinerja,
        on_delete=models.CASCADE,
        related_name="target",
        verbose_name=_("perjanjian kinerja"),
    )
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target_pk")
    nilai = models.DecimalField(_("nilai"), **NILAI)
    label = models.CharField(_("label"), max_length=100, blank=True)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target perjanjian kinerja")
        verbose_name_plural = _("target perjanjian kinerja")
        ordering = ["pk_dokumen", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pk_dokumen", "indikator"], name="target_pk_satu_per_versi"),
            models.CheckConstraint(condition=Q(nilai__isnull=False) | ~Q(label=""), name="target_pk_ada_isinya"),
        ]

    def __str__(self) -> str:
        return f"{self.pk_dokumen} {self.indikator.kode}"


class AnggaranProgramPK(models.Model):
    pk_dokumen = models.ForeignKey(
        PerjanjianKinerja,
        on_delete=models.CASCADE,
        related_name="anggaran_program",
        verbose_name=_("perjanjian kinerja"),
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    jumlah = models.DecimalField(_("jumlah"), **UANG)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anggaran program dalam PK")
        verbose_name_plural = _("anggaran program dalam PK")
        constraints = [
            models.UniqueConstraint(fields=["pk_dokumen", "program"], name="anggaran_pk_unik"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="anggaran_pk_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.pk_dokumen} {self.program.kode}"


class RencanaAksi(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="rencana_aksi")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    nilai = models.DecimalField(_("target triwulan"), **NILAI)
    label = models.CharField(_("label"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "triwulan"], name="rencana_aksi_unik"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="rencana_aksi_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} TW{self.triwulan}"


# --- realisations ----------------------------------------------------------------------------------------


class Tahap(models.TextChoices):
    """The verification workflow of a reported quarter (SAKIP.md §2)."""

    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DIKUNCI = "dikunci", _("Dikunci")


class EntriRealisasi(models.Model):
    """What every realisation row people enter carries: its workflow stage, and the version and author of the
    last change (optimistic concurrency: a save claims ``version`` and fails if someone saved in between)."""

    tahap = models.CharField(_("tahap"), max_length=12, choices=Tahap.choices, default="draf")
    version = models.PositiveIntegerField(_("versi data"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    alasan_kembali = TeksField(
        _("alasan dikembalikan"),
        max_length=batas.ALASAN,
        blank=True,
        help_text=_("Diisi perencana saat mengembalikan baris untuk diperbaiki."),
    )

    class Meta:
        abstract = True


class RealisasiKinerja(EntriRealisasi):
    """What was achieved for one indicator in one quarter (or the year, ``triwulan`` empty)."""

    class Status(models.TextChoices):
        FINAL = "final", _("Final")
        SEMENTARA = "sementara", _("Sementara")
        BELUM_TERSEDIA = "belum_tersedia", _("Belum tersedia")
        TAHUN_LALU = "tahun_lalu", _("Tahun lalu")

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(
        _("triwulan"), null=True, blank=True, help_text=_("Kosong untuk angka tahunan yang diisi langsung.")
    )
    nilai = models.DecimalField(_("nilai"), **NILAI)
    label = models.CharField(_("label"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default="final")
    tahun_sumber = models.PositiveSmallIntegerField(_("tahun sumber"), null=True, blank=True)
    catatan = TeksField(_("catatan"), max_length=batas.CATATAN, blank=True)
    hambatan = TeksField(_("hambatan"), max_length=batas.CATATAN, blank=True)
    solusi = TeksField(_("solusi"), max_length=batas.CATATAN, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi kinerja")
        verbose_name_plural = _("realisasi kinerja")
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"],
                condition=Q(triwulan__isnull=False),
                name="realisasi_satu_per_triwulan",
            ),
            models.UniqueConstraint(
                fields=["indikator", "tahun"],
                condition=Q(triwulan__isnull=True),
                name="realisasi_satu_tahunan",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_triwulan_1_4",
            ),
            models.CheckConstraint(
                condition=~Q(status="belum_tersedia") | Q(nilai__isnull=True),
                name="realisasi_belum_tersedia_tanpa_nilai",
            ),
        ]

    def __str__(self) -> str:
        tw = f"TW{self.triwulan}" if self.triwulan else "tahunan"
        return f"{self.indikator.kode} {self.tahun} {tw}"


def _lokasi_bukti(instance: "BuktiDukung", filename: str) -> str:
    import uuid

    return f"bukti/{instance.realisasi.tahun}/{uuid.uuid4().hex}"


class BuktiDukung(models.Model):
    """Evidence for a realisation, stored under a random name and served through an access check."""

    realisasi = models.ForeignKey(RealisasiKinerja, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_bukti)
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    jenis_konten = models.CharField(_("jenis konten"), max_length=100)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(_("diunggah"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.CheckConstraint(condition=Q(ukuran__lte=10 * 1024 * 1024), name="bukti_maksimal_10mb"),
        ]

    def __str__(self) -> str:
        return self.nama_asli


# --- AKIP evaluation -------------------------------------------------------------------------------------


class EvaluasiAkip(models.Model):
    """The Inspektorat's AKIP evaluation reported in one year's LKjIP (usually of the previous year)."""

    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="evaluasi_akip", verbose_name=_("perangkat daerah")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun laporan"))
    tahun_dievaluasi = models.PositiveSmallIntegerField(_("tahun yang dievaluasi"))
    evaluator = models.CharField(_("evaluator"), max_length=200)
    nilai = models.DecimalField(
        _("nilai tertulis di LHE"),
        **NILAI,
        help_text=_("Diisi bila LHE mencantumkan nilai; nilai yang dipakai tetap jumlah komponen."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluasi AKIP")
        verbose_name_plural = _("evaluasi AKIP")
        constraints = [models.UniqueConstraint(fields=["pd", "tahun"], name="evaluasi_akip_satu_per_tahun")]

    def __str__(self) -> str:
        return f"Evaluasi AKIP {self.pd} {self.tahun_dievaluasi}"


class KomponenAkip(models.Model):
    evaluasi = models.ForeignKey(EvaluasiAkip, on_delete=models.CASCADE, related_name="komponen")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    nama = models.CharField(_("komponen"), max_length=200)
    bobot = models.DecimalField(_("bobot"), max_digits=7, decimal_places=2)
    nilai = models.DecimalField(_("nilai"), max_digits=7, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("komponen AKIP")
        verbose_name_plural = _("komponen AKIP")
        ordering = ["evaluasi", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "urutan"], name="komponen_akip_urutan_unik"),
            models.CheckConstraint(
                condition=Q(nilai__gte=0, nilai__lte=models.F("bobot")),
                name="komponen_akip_nilai_dalam_bobot",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class RekomendasiAkip(models.Model):
    class Status(models.TextChoices):
        BELUM = "belum", _("Belum ditindaklanjuti")
        PROSES = "proses", _("Dalam proses")
        SUDAH = "sudah", _("Sudah ditindaklanjuti")

    evaluasi = models.ForeignKey(EvaluasiAkip, on_delete=models.CASCADE, related_name="rekomendasi")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    uraian = TeksField(_("rekomendasi"), max_length=batas.REKOMENDASI)
    rencana_aksi = TeksField(_("rencana aksi"), max_length=batas.REKOMENDASI, blank=True)
    waktu = models.CharField(_("waktu"), max_length=100, blank=True)
    tindak_lanjut = TeksField(_("tindak lanjut"), max_length=batas.REKOMENDASI, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="belum")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekomendasi AKIP")
        verbose_name_plural = _("rekomendasi AKIP")
        ordering = ["evaluasi", "nomor"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "nomor"], name="rekomendasi_nomor_unik")]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.uraian[:60]}"


# --- comparisons -----------------------------------------------------------------------------------------


class Pembanding(models.Model):
    """The same indicator at another agency, for analysis (4) of BAB III."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="pembanding")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    instansi = models.CharField(_("instansi"), max_length=200)
    nilai = models.DecimalField(_("nilai"), **NILAI)
    label = models.CharField(_("label"), max_length=100, blank=True)
    sumber = models.CharField(_("sumber"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pembanding")
        verbose_name_plural = _("pembanding")
        ordering = ["indikator", "tahun", "instansi"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "instansi"], name="pembanding_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} {self.instansi}"


class StandarNasional(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="standar_nasional")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nilai = models.DecimalField(_("nilai"), **NILAI)
    label = models.CharField(_("label"), max_length=100, blank=True)
    sumber = models.CharField(_("sumber"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standar nasional")
        verbose_name_plural = _("standar nasional")
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="standar_nasional_unik")]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}"


# --- the quarterly workflow ------------------------------------------------------------------------------


class PelaporanTriwulan(models.Model):
    """The reporting state of one unit's quarter: draf → diajukan → diverifikasi, with dikembalikan in between."""

    unit_kerja = models.ForeignKey(
        "renstra.UnitKerja", on_delete=models.CASCADE, related_name="pelaporan", verbose_name=_("unit kerja")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    tahap = models.CharField(_("tahap"), max_length=12, choices=Tahap.choices, default="draf")
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diajukan oleh"),
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pelaporan triwulan unit")
        verbose_name_plural = _("pelaporan triwulan unit")
        ordering = ["unit_kerja", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "tahun", "triwulan"], name="pelaporan_unit_triwulan_unik"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="pelaporan_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja} {self.tahun} TW{self.triwulan}"


class KunciTriwulan(models.Model):
    """A PD's quarter locked by the perencana: read-only until reopened with a reason."""

    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="kunci_triwulan", verbose_name=_("perangkat daerah")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    dikunci = models.BooleanField(_("dikunci"), default=False)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    alasan = TeksField(_("alasan dibuka kembali"), max_length=batas.ALASAN, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kunci triwulan")
        verbose_name_plural = _("kunci triwulan")
        ordering = ["pd", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "tahun", "triwulan"], name="kunci_triwulan_unik"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="kunci_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.pd} {self.tahun} TW{self.triwulan}"
