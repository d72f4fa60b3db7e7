from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Nền tảng chung")

    def ready(self) -> None:
        from core import checks  # noqa: F401 - registers the system checks
        from core.text import connect_sqlite_function

        connect_sqlite_function()
