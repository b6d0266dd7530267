from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RenstraConfig(AppConfig):
    name = "renstra"
    verbose_name = _("Organisasi dan Renstra")

    def ready(self) -> None:
        from . import akses  # noqa: F401  registers the rules permissions
