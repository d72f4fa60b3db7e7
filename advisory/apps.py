from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "advisory"
    verbose_name = _("Tổng hợp – tham mưu")

    def ready(self) -> None:
        from advisory import demo
        from advisory.panels import advisory_work
        from core.dashboard import register_panel
        from core.demo import register_demo

        register_panel(advisory_work)
        register_demo("advisory", demo.seed)
