from django.urls import path

from . import views

app_name = "anggaran"

PD = "anggaran/<int:pd_id>/<int:tahun>/"

urlpatterns = [
    path(PD, views.dpa_detail, name="dpa"),
    path(PD + "unduh/<str:kode>/", views.dpa_unduh, name="dpa-unduh"),
]
