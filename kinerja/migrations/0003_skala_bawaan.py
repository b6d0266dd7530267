"""The five rating-scale presets of SAKIP.md §4, built from the calculation core's definitions."""

from django.db import migrations

NAMA = {
    "permenpan-12-2015": ("Skala capaian enam kelas", "PermenPAN-RB 12/2015"),
    "permendagri-86-2017": ("Skala capaian lima kelas", "Permendagri 86/2017"),
    "empat-kelas": ("Skala capaian empat kelas", ""),
    "akip": ("Predikat AKIP", "PermenPAN-RB 88/2021"),
    "ikm": ("Mutu pelayanan IKM", "PermenPAN-RB 14/2017"),
}


def pasang(apps, schema_editor):
    from kinerja.hitung import PRESET

    SkalaPenilaian = apps.get_model("kinerja", "SkalaPenilaian")
    PitaSkala = apps.get_model("kinerja", "PitaSkala")
    for kode, skala in PRESET.items():
        nama, dasar = NAMA[kode]
        obj, _ = SkalaPenilaian.objects.update_or_create(
            kode=kode, defaults={"nama": nama, "dasar_hukum": dasar, "bawaan": True}
        )
        obj.pita.all().delete()
        PitaSkala.objects.bulk_create(
            PitaSkala(
                skala=obj, urutan=i, batas_bawah=p.batas_bawah, termasuk=p.termasuk, label=p.label, warna=p.warna
            )
            for i, p in enumerate(skala.pita, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0002_initial")]
    operations = [migrations.RunPython(pasang, migrations.RunPython.noop)]
