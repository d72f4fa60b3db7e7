from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Tài chính đảng")

    def ready(self) -> None:
        from core.dashboard import register_panel
        from core.demo import register_demo
        from finance import demo, panels, services
        from finance.models import Estimate, Settlement
        from units.approvals import register_effects

        register_effects(
            Estimate,
            before_submit=services.estimate_before_submit,
            on_approved=services.estimate_approved,
        )
        register_effects(Settlement, before_submit=services.settlement_before_submit)
        register_panel(panels.finance_panel)
        register_demo("finance", demo.seed)
