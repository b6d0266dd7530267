"""The common codes of the Permendagri 90/2019 chart of accounts (belanja), so reports can name them."""

from django.db import migrations

REKENING = [
    ("5", "Belanja Daerah"),
    ("5.1", "Belanja Operasi"),
    ("5.1.01", "Belanja Pegawai"),
    ("5.1.01.01", "Belanja Gaji dan Tunjangan ASN"),
    ("5.1.01.02", "Belanja Tambahan Penghasilan ASN"),
    ("5.1.01.03", "Tambahan Penghasilan berdasarkan Pertimbangan Objektif Lainnya ASN"),
    ("5.1.02", "Belanja Barang dan Jasa"),
    ("5.1.02.01", "Belanja Barang"),
    ("5.1.02.02", "Belanja Jasa"),
    ("5.1.02.03", "Belanja Pemeliharaan"),
    ("5.1.02.04", "Belanja Perjalanan Dinas"),
    ("5.1.02.05", "Belanja Uang dan/atau Jasa untuk Diberikan kepada Pihak Ketiga/Pihak Lain/Masyarakat"),
    ("5.1.03", "Belanja Bunga"),
    ("5.1.04", "Belanja Subsidi"),
    ("5.1.05", "Belanja Hibah"),
    ("5.1.05.05", "Belanja Hibah kepada Badan, Lembaga, Organisasi Kemasyarakatan yang Berbadan Hukum Indonesia"),
    ("5.1.06", "Belanja Bantuan Sosial"),
    ("5.2", "Belanja Modal"),
    ("5.2.01", "Belanja Modal Tanah"),
    ("5.2.02", "Belanja Modal Peralatan dan Mesin"),
    ("5.2.03", "Belanja Modal Gedung dan Bangunan"),
    ("5.2.04", "Belanja Modal Jalan, Irigasi, dan Jaringan"),
    ("5.2.05", "Belanja Modal Aset Tetap Lainnya"),
    ("5.2.06", "Belanja Modal Aset Lainnya"),
    ("5.3", "Belanja Tidak Terduga"),
    ("5.4", "Belanja Transfer"),
]


def pasang(apps, schema_editor):
    Rekening = apps.get_model("anggaran", "Rekening")
    for kode, uraian in REKENING:
        Rekening.objects.get_or_create(kode=kode, defaults={"uraian": uraian})


class Migration(migrations.Migration):
    dependencies = [("anggaran", "0002_initial")]
    operations = [migrations.RunPython(pasang, migrations.RunPython.noop)]
