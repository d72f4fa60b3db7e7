from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegimeConfig(AppConfig):
    name = "regime"
    verbose_name = _("Chế độ làm việc")
