from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "dispatch"
    verbose_name = _("Văn bản đi, đến và đơn thư")

    def ready(self) -> None:
        from dispatch import panels, registers, services  # noqa: F401 (registers: the PDF builder)

        services.register_approval_effects()
        panels.register()
