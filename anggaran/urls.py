from django.urls import path

from . import views, views_impor

app_name = "anggaran"

PD = "anggaran/<int:pd_id>/<int:tahun>/"
UNIT = "anggaran/unit/<int:unit_id>/<int:tahun>/tw/<int:triwulan>/"

urlpatterns = [
    path(PD, views.dpa_detail, name="dpa"),
    path(PD + "unduh/<str:kode>/", views.dpa_unduh, name="dpa-unduh"),
    path(UNIT + "templat/", views_impor.templat_realisasi, name="templat-realisasi"),
    path(UNIT + "impor/", views_impor.impor_realisasi, name="impor-realisasi"),
    path(PD + "templat/<str:versi>/", views_impor.templat_dpa, name="templat-dpa"),
    path(PD + "impor/", views_impor.impor_dpa, name="impor-dpa"),
    path("anggaran/impor/<int:pk>/", views_impor.impor_detail, name="impor-detail"),
    path("anggaran/impor/<int:pk>/terapkan/", views_impor.impor_terapkan, name="impor-terapkan"),
    path("anggaran/impor/<int:pk>/status/", views_impor.impor_status, name="impor-status"),
]
