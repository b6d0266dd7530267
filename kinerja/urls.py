from django.urls import path

from . import views, views_daftar, views_dasbor

app_name = "kinerja"

UNIT = "unit/<int:unit_id>/<int:tahun>/tw/<int:triwulan>/"
PD = "pd/<int:pd_id>/<int:tahun>/tw/<int:triwulan>/"

urlpatterns = [
    path("pd/", views.pd_list, name="pd-list"),
    path(PD, views.triwulan_pd, name="triwulan"),
    path(PD + "kunci/", views.triwulan_kunci, name="kunci"),
    path(PD + "buka/", views.triwulan_buka, name="buka"),
    path(UNIT, views.entri, name="entri"),
    path(UNIT + "kinerja/<int:indikator_id>/", views.simpan_kinerja, name="simpan-kinerja"),
    path(UNIT + "kinerja/<int:indikator_id>/bukti/", views.bukti_unggah, name="bukti-unggah"),
    path(UNIT + "anggaran/<int:sub_kegiatan_id>/<int:rekening_id>/", views.simpan_anggaran, name="simpan-anggaran"),
    path(UNIT + "fisik/<int:sub_kegiatan_id>/", views.simpan_fisik, name="simpan-fisik"),
    path(UNIT + "ajukan/", views.ajukan, name="ajukan"),
    path(UNIT + "verifikasi/", views.verifikasi, name="verifikasi"),
    path(UNIT + "kembalikan/<str:jenis>/<int:pk>/", views.kembalikan, name="kembalikan"),
    path("bukti/<int:pk>/", views.bukti_unduh, name="bukti-unduh"),
    path("riwayat/<str:jenis>/<int:pk>/", views.riwayat, name="riwayat"),
    path("pd/<int:pd_id>/<int:tahun>/dasbor/", views_dasbor.dasbor, name="dasbor"),
    path("realisasi/", views_daftar.realisasi_list, name="realisasi-list"),
    path("realisasi/unduh/<str:format>/", views_daftar.realisasi_list_unduh, name="realisasi-list-unduh"),
    path("realisasi-anggaran/", views_daftar.anggaran_list, name="anggaran-list"),
    path("realisasi-anggaran/unduh/<str:format>/", views_daftar.anggaran_list_unduh, name="anggaran-list-unduh"),
]
