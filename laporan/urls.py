from django.urls import path

from . import views, views_narasi, views_pemeriksaan, views_reviu

app_name = "laporan"

LAPORAN = "laporan/<int:pd_id>/<int:tahun>/"

urlpatterns = [
    # the report's page: data-check count, generation, the stored files (views.py)
    path(LAPORAN, views.detail, name="detail"),
    path(LAPORAN + "buat/", views.buat, name="buat"),
    path("laporan/berkas/<int:pk>/status/", views.status, name="status"),
    path("laporan/berkas/<int:pk>/unduh/", views.unduh, name="unduh"),
    # narrative, signatory, place, date and images (views_narasi.py)
    path(LAPORAN + "narasi/", views_narasi.narasi, name="narasi"),
    path(LAPORAN + "gambar/<str:jenis>/", views_narasi.gambar, name="gambar"),
    # the data check (views_pemeriksaan.py)
    path(LAPORAN + "pemeriksaan/", views_pemeriksaan.pemeriksaan, name="pemeriksaan"),
    # reading in the browser and the Inspektorat's review (views_reviu.py)
    path(LAPORAN + "baca/", views_reviu.baca, name="baca"),
    path(LAPORAN + "catatan/", views_reviu.catatan_tambah, name="catatan-tambah"),
    path("laporan/catatan/<int:pk>/jawab/", views_reviu.catatan_jawab, name="catatan-jawab"),
    path(LAPORAN + "reviu-selesai/", views_reviu.reviu_selesai, name="reviu-selesai"),
]
