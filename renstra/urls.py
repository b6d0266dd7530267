from django.urls import path

from . import views

app_name = "renstra"

PEMDA = "pemda/<int:pemda_id>/"

urlpatterns = [
    path("pengguna/", views.pemda_list, name="pemda-list"),
    path(PEMDA + "pengguna/", views.pengguna_list, name="pengguna-list"),
    path(PEMDA + "pengguna/baru/", views.pengguna_create, name="pengguna-create"),
    path(PEMDA + "pengguna/unit/", views.unit_pilihan, name="unit-pilihan"),
    path(PEMDA + "pengguna/<int:user_id>/", views.pengguna_detail, name="pengguna-detail"),
    path(PEMDA + "keanggotaan/<int:pk>/hapus/", views.keanggotaan_hapus, name="keanggotaan-hapus"),
]
