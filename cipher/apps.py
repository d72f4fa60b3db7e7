from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CipherConfig(AppConfig):
    name = "cipher"
    verbose_name = _("Cơ yếu – Công nghệ thông tin")
