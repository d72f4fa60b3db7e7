from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Cán bộ, thi đua, khen thưởng")

    def ready(self) -> None:
        from core.dashboard import register_panel
        from core.demo import register_demo
        from personnel import demo, panels
        from personnel.models import EmulationProposal, Evaluation
        from personnel.services import emulation, evaluations
        from units.approvals import register_effects

        register_effects(
            Evaluation,
            before_submit=evaluations.evaluation_before_submit,
            on_approved=evaluations.evaluation_approved,
        )
        register_effects(EmulationProposal, on_approved=emulation.proposal_approved)
        register_panel(panels.people_matters)
        register_demo("personnel", demo.seed)
