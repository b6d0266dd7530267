from django.urls import path  # noqa: F401

app_name = "anggaran"

PD = "anggaran/<int:pd_id>/<int:tahun>/"

urlpatterns: list = []
