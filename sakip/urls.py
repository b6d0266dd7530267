from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from kinerja import views as kinerja_views

admin.site.site_header = _("SAKIP — Akuntabilitas Kinerja Instansi Pemerintah")
admin.site.site_title = _("SAKIP")
admin.site.index_title = _("Administrasi data kinerja")

urlpatterns = [
    path("", kinerja_views.beranda, name="beranda"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("kinerja.urls")),
    path("", include("renstra.urls")),
    path("", include("laporan.urls")),
    path("", include("anggaran.urls")),
    path("admin/", admin.site.urls),
]
