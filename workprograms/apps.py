from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkprogramsConfig(AppConfig):
    name = "workprograms"
    verbose_name = _("Chương trình, báo cáo, hội nghị")

    def ready(self) -> None:
        from core.pdf import register_pdf_builder
        from units.approvals import register_effects
        from workprograms import documents, services
        from workprograms.models import ChangeRequest, Report, WorkProgram

        register_effects(
            WorkProgram,
            before_submit=services.program_before_submit,
            on_approved=services.program_approved,
        )
        register_effects(
            Report,
            before_submit=services.report_before_submit,
            on_approved=services.report_approved,
            on_step_passed=services.report_step_passed,
        )
        register_effects(
            ChangeRequest,
            before_submit=services.change_request_before_submit,
            on_approved=services.change_request_approved,
        )
        # Long programs and reports are built by a Celery task (core.services.file_request).
        register_pdf_builder(documents.PROGRAM_BUILDER, documents.build_program)
        register_pdf_builder(documents.REPORT_BUILDER, documents.build_report)
