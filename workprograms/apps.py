from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkprogramsConfig(AppConfig):
    name = "workprograms"
    verbose_name = _("Chương trình, báo cáo, hội nghị")

    def ready(self) -> None:
        from core.demo import register_demo
        from core.pdf import register_pdf_builder
        from units.approvals import register_effects
        from workprograms import demo, documents, services
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
        _register_record_sources()
        register_demo("workprograms", demo.seed)


def _register_record_sources() -> None:
    """Programs, reports and meetings may be gathered into record files (core.records)."""
    from django.utils import timezone

    from core.records import register_record_source
    from workprograms.models import Meeting, Report, WorkProgram

    register_record_source(
        "workprograms.program",
        WorkProgram,
        label=_("Chương trình công tác"),
        title=lambda program: program.title,
        date=lambda program: timezone.localdate(program.created_at),
        retention_kind="program",
        search_fields=("title",),
    )
    register_record_source(
        "workprograms.report",
        Report,
        label=_("Báo cáo"),
        title=lambda report: report.title,
        date=lambda report: timezone.localdate(report.created_at),
        retention_kind="report",
        search_fields=("title",),
    )
    register_record_source(
        "workprograms.meeting",
        Meeting,
        label=_("Biên bản cuộc họp"),
        title=lambda meeting: meeting.title,
        date=lambda meeting: timezone.localdate(meeting.starts_at),
        retention_kind="meeting",
        search_fields=("title",),
    )
