from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Lưu trữ")

    def ready(self) -> None:
        from archive import demo, documents_description, panels, services  # noqa: F401
        from archive.guards import files_held
        from archive.models import Appraisal, FileList, ReadingRequest
        from core.dashboard import register_panel
        from core.demo import register_demo
        from units.approvals import register_effects
        from units.deactivation import register_deactivation_guard
        from units.grants import grant_ended
        from units.panels import register_my_work

        register_effects(FileList, before_submit=services.file_list_before_submit)
        register_effects(
            ReadingRequest, on_approved=services.on_approved, on_returned=services.on_returned
        )
        register_effects(
            Appraisal,
            before_submit=services.appraisal_before_submit,
            before_decide=services.appraisal_before_decide,
            on_step_passed=services.appraisal_step_passed,
            on_approved=services.appraisal_approved,
        )
        grant_ended.connect(services.on_grant_ended, dispatch_uid="archive.reading")
        panels.register_reading_work()
        register_panel(panels.transfer_clock)
        register_my_work(panels.COUNCIL_OPINIONS)
        register_deactivation_guard("archive.files_held", files_held)
        register_demo("archive", demo.seed)
