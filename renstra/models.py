"""Organisation and plan: pemda, perangkat daerah, units, officials, memberships, Renstra, programs, indicators."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip import batas
from sakip.batas import TeksField


class Pemda(models.Model):
    class Jenis(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    kepala_nama = models.CharField(_("nama kepala daerah"), max_length=200, blank=True)
    kepala_jabatan = models.CharField(_("jabatan kepala daerah"), max_length=200, blank=True)
    zona_waktu = models.CharField(_("zona waktu"), max_length=40, default="Asia/Jakarta")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="perangkat_daerah")
    # unique within a pemda only: the Kepmendagri nomenclature gives every Sekretariat Daerah the same code
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=60, blank=True)
    alamat = models.CharField(_("alamat"), max_length=300, blank=True)
    tempat = models.CharField(
        _("tempat"), max_length=100, blank=True, help_text=_("Nama tempat yang dicetak di atas tanda tangan.")
    )
    catatan_data = models.JSONField(
        _("catatan data"),
        default=list,
        blank=True,
        help_text=_("Catatan tentang asal dan koreksi data (misalnya keputusan saat menyalin laporan lama)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["pemda__kode", "kode"]
        constraints = [models.UniqueConstraint(fields=["pemda", "kode"], name="pd_kode_unik_per_pemda")]

    def __str__(self) -> str:
        return self.nama


class UnitKerja(models.Model):
    class Jenis(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        ASISTEN = "asisten", _("Asisten")
        BIRO = "biro", _("Biro")
        BAGIAN = "bagian", _("Bagian")
        SUBBAGIAN = "subbagian", _("Subbagian")
        SEKSI = "seksi", _("Seksi")
        BIDANG = "bidang", _("Bidang")
        LAINNYA = "lainnya", _("Lainnya")

    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_kerja", verbose_name=_("perangkat daerah")
    )
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices, default=Jenis.LAINNYA)
    induk = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="anak", verbose_name=_("induk")
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["pd", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["pd", "kode"], name="unit_kerja_kode_unik")]

    def __str__(self) -> str:
        return self.nama


class Pejabat(models.Model):
    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="pejabat", verbose_name=_("perangkat daerah")
    )
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=200)
    gelar_depan = models.CharField(_("gelar depan"), max_length=60, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=100, blank=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    pangkat = models.CharField(_("pangkat"), max_length=100, blank=True)
    golongan = models.CharField(_("golongan"), max_length=20, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200)
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="pejabat")
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pejabat")
        verbose_name_plural = _("pejabat")
        ordering = ["pd", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "kode"], name="pejabat_kode_unik"),
            models.CheckConstraint(condition=Q(nip="") | Q(nip__regex=r"^[0-9]{18}$"), name="pejabat_nip_18_digit"),
        ]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        """The name with degrees as printed: "Drs. KATSUL WIJAYA, M.Si"."""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama


class Keanggotaan(models.Model):
    """A person's role: in one PD (operator of a unit, perencana, pimpinan) or pemda-wide (reviewer, admin)."""

    class Peran(models.TextChoices):
        OPERATOR = "operator", _("Operator unit kerja")
        PERENCANA = "perencana", _("Perencana")
        PIMPINAN = "pimpinan", _("Pimpinan")
        REVIEWER = "reviewer", _("Reviewer (Inspektorat)")
        ADMIN_PEMDA = "admin_pemda", _("Admin pemda")

    PERAN_PEMDA = (Peran.REVIEWER, Peran.ADMIN_PEMDA)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keanggotaan", verbose_name=_("pengguna")
    )
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="keanggotaan")
    pd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="keanggotaan",
        verbose_name=_("perangkat daerah"),
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="keanggotaan"
    )
    peran = models.CharField(_("peran"), max_length=12, choices=Peran.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(peran="operator", pd__isnull=False, unit_kerja__isnull=False)
                    | Q(peran__in=["perencana", "pimpinan"], pd__isnull=False, unit_kerja__isnull=True)
                    | Q(peran__in=["reviewer", "admin_pemda"], pd__isnull=True, unit_kerja__isnull=True)
                ),
                name="keanggotaan_cakupan_sesuai_peran",
            ),
            models.UniqueConstraint(
                fields=["user", "unit_kerja", "peran"],
                condition=Q(unit_kerja__isnull=False),
                name="keanggotaan_unit_unik",
            ),
            models.UniqueConstraint(
                fields=["user", "pd", "peran"],
                condition=Q(pd__isnull=False, unit_kerja__isnull=True),
                name="keanggotaan_pd_unik",
            ),
            models.UniqueConstraint(
                fields=["user", "pemda", "peran"], condition=Q(pd__isnull=True), name="keanggotaan_pemda_unik"
            ),
        ]

    def __str__(self) -> str:
        tempat = self.unit_kerja or self.pd or self.pemda
        return f"{self.user} — {self.get_peran_display()} — {tempat}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.pd_id and self.pd.pemda_id != self.pemda_id:
            raise ValidationError({"pd": _("Perangkat daerah bukan bagian dari pemda ini.")})
        if self.unit_kerja_id and self.unit_kerja.pd_id != self.pd_id:
            raise ValidationError({"unit_kerja": _("Unit kerja bukan bagian dari perangkat daerah ini.")})


# --- the Renstra -----------------------------------------------------------------------------------------


class Renstra(models.Model):
    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra", verbose_name=_("perangkat daerah")
    )
    tahun_mulai = models.PositiveSmallIntegerField(_("tahun mulai"))
    tahun_selesai = models.PositiveSmallIntegerField(_("tahun selesai"))
    visi = TeksField(_("visi"), max_length=batas.VISI, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["pd", "-tahun_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "tahun_mulai"], name="renstra_periode_unik"),
            models.CheckConstraint(
                condition=Q(tahun_selesai__gte=models.F("tahun_mulai")), name="renstra_periode_urut"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.pd} {self.tahun_mulai}-{self.tahun_selesai}"


class Misi(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="misi")
    kode = models.CharField(_("kode"), max_length=40)
    uraian = TeksField(_("uraian"), max_length=batas.URAIAN)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("misi")
        verbose_name_plural = _("misi")
        ordering = ["renstra", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="misi_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode}. {self.uraian}"


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField(_("kode"), max_length=40)
    uraian = TeksField(_("uraian"), max_length=batas.URAIAN)
    misi = models.ManyToManyField(Misi, blank=True, related_name="tujuan")
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords(m2m_fields=[misi])

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["renstra", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode}. {self.uraian}"


class Sasaran(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran")
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    kode = models.CharField(_("kode"), max_length=40)
    uraian = TeksField(_("uraian"), max_length=batas.URAIAN)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["renstra", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="sasaran_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode}. {self.uraian}"


# --- program / kegiatan / sub kegiatan -------------------------------------------------------------------


class Program(models.Model):
    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="program", verbose_name=_("perangkat daerah")
    )
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=300)
    sasaran = models.ManyToManyField(
        Sasaran, blank=True, related_name="program", verbose_name=_("sasaran yang didukung")
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords(m2m_fields=[sasaran])

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["pd", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["pd", "kode"], name="program_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Kegiatan(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=300)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["program", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class SubKegiatan(models.Model):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=300)
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="sub_kegiatan",
        verbose_name=_("unit kerja penanggung jawab"),
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")
        ordering = ["kegiatan", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["kegiatan", "kode"], name="sub_kegiatan_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


# --- indicators ------------------------------------------------------------------------------------------


class Indikator(models.Model):
    """An indicator at any level, with its Renstra targets per year (TargetIndikator)."""

    class Level(models.TextChoices):
        TUJUAN = "tujuan", _("Tujuan")
        SASARAN = "sasaran", _("Sasaran")
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")

    class Polaritas(models.TextChoices):
        POSITIF = "positif", _("Positif (makin tinggi makin baik)")
        NEGATIF = "negatif", _("Negatif (makin rendah makin baik)")

    class Akumulasi(models.TextChoices):
        JUMLAH = "jumlah", _("Jumlah triwulan")
        TERAKHIR = "terakhir", _("Triwulan terakhir")
        RATA_RATA = "rata_rata", _("Rata-rata triwulan")
        MAKSIMUM = "maksimum", _("Maksimum")
        MINIMUM = "minimum", _("Minimum")

    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="indikator", verbose_name=_("perangkat daerah")
    )
    kode = models.CharField(_("kode"), max_length=60)
    uraian = TeksField(_("uraian"), max_length=batas.URAIAN)
    satuan = models.CharField(_("satuan"), max_length=60)
    desimal = models.PositiveSmallIntegerField(_("desimal"), default=2)
    iku = models.BooleanField(_("IKU"), default=False)
    polaritas = models.CharField(_("polaritas"), max_length=8, choices=Polaritas.choices, default="positif")
    akumulasi = models.CharField(_("akumulasi"), max_length=10, choices=Akumulasi.choices, default="terakhir")
    skala_predikat = models.ForeignKey(
        "kinerja.SkalaPenilaian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skala predikat"),
    )
    definisi_operasional = TeksField(_("definisi operasional"), max_length=batas.DEFINISI, blank=True)
    formula = TeksField(_("formula"), max_length=batas.FORMULA, blank=True)
    sumber_data = TeksField(_("sumber data"), max_length=batas.SUMBER_DATA, blank=True)
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indikator",
        verbose_name=_("penanggung jawab"),
    )
    menggantikan = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="digantikan_oleh",
        verbose_name=_("menggantikan (sebelum reviu)"),
    )
    berlaku_dari = models.PositiveSmallIntegerField(_("berlaku dari tahun"), null=True, blank=True)
    berlaku_sampai = models.PositiveSmallIntegerField(_("berlaku sampai tahun"), null=True, blank=True)
    kondisi_awal_tahun = models.PositiveSmallIntegerField(_("tahun kondisi awal"), null=True, blank=True)
    kondisi_awal_nilai = models.DecimalField(
        _("kondisi awal (angka)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    kondisi_awal_label = models.CharField(_("kondisi awal (label)"), max_length=100, blank=True)

    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator")
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    history = HistoricalRecords(m2m_fields=[menggantikan])

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["pd", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "kode"], name="indikator_kode_unik"),
            models.CheckConstraint(condition=Q(desimal__lte=4), name="indikator_desimal_0_4"),
            models.CheckConstraint(
                condition=(
                    Q(
                        level="tujuan",
                        tujuan__isnull=False,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="sasaran",
                        tujuan__isnull=True,
                        sasaran__isnull=False,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="program",
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=False,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="kegiatan",
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=False,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="sub_kegiatan",
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=False,
                    )
                ),
                name="indikator_satu_induk_sesuai_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    def berlaku_pada(self, tahun: int) -> bool:
        return (self.berlaku_dari is None or self.berlaku_dari <= tahun) and (
            self.berlaku_sampai is None or tahun <= self.berlaku_sampai
        )


class TargetIndikator(models.Model):
    """A Renstra target of one indicator for one year: a number and/or a label."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nilai = models.DecimalField(_("nilai"), max_digits=20, decimal_places=4, null=True, blank=True)
    label = models.CharField(_("label"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target Renstra")
        verbose_name_plural = _("target Renstra")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_renstra_satu_per_tahun"),
            models.CheckConstraint(condition=Q(nilai__isnull=False) | ~Q(label=""), name="target_ada_isinya"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}"
