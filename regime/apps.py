from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegimeConfig(AppConfig):
    name = "regime"
    verbose_name = _("Chế độ làm việc")

    def ready(self) -> None:
        from core.dashboard import register_panel
        from core.demo import register_demo
        from regime import demo, services
        from regime.models import RegulationVersion
        from regime.panels import working_regime
        from units.approvals import approved, register_effects

        register_effects(
            RegulationVersion,
            before_submit=services.regulation_before_submit,
            on_approved=services.regulation_approved,
        )
        approved.connect(_disclose, dispatch_uid="regime.disclose_on_approval")
        register_panel(working_regime)
        register_demo("regime", demo.seed)


def _disclose(sender, obj, actor, **kwargs) -> None:
    """Any approved submission whose model declares `disclose_on_approval` goes on its unit's
    disclosure board (the service decides; this only routes the signal)."""
    if getattr(sender, "disclose_on_approval", ""):
        from regime.services import disclosure_publish

        disclosure_publish(obj=obj, actor=actor)
