from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("SAKIP — Akuntabilitas Kinerja Instansi Pemerintah")
admin.site.site_title = _("SAKIP")
admin.site.index_title = _("Administrasi data kinerja")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
]
