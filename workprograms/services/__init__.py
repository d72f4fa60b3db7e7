"""Every write of programs, change requests, reports, meetings and the leadership's calendar,
one module per area. Views, the admin and the Celery jobs call these; `from workprograms import
services` reaches every one of them. The approval itself is `units.approvals`, whose effects are
registered in `WorkprogramsConfig.ready()`; who may do what is asked in
`workprograms.permissions`."""

from workprograms.services.calendar import (
    calendar_entry_create,
    calendar_entry_delete,
    calendar_entry_update,
)
from workprograms.services.common import issue_number, issued_sequence
from workprograms.services.meetings import (
    conclusion_add,
    conclusion_to_task,
    meeting_create,
    meeting_draft_notice,
    meeting_record_minutes,
    meeting_update,
)
from workprograms.services.programs import (
    change_request_approved,
    change_request_before_submit,
    change_request_create,
    item_add,
    item_remove,
    item_update,
    program_approved,
    program_before_submit,
    program_create,
    program_submit,
    program_update,
)
from workprograms.services.reports import (
    report_approved,
    report_before_submit,
    report_create,
    report_due_date,
    report_figures,
    report_source_for,
    report_step_passed,
    report_update,
    reports_remind,
)

__all__ = [
    "issue_number",
    "issued_sequence",
    "calendar_entry_create",
    "calendar_entry_delete",
    "calendar_entry_update",
    "change_request_approved",
    "change_request_before_submit",
    "change_request_create",
    "conclusion_add",
    "conclusion_to_task",
    "item_add",
    "item_remove",
    "item_update",
    "meeting_create",
    "meeting_draft_notice",
    "meeting_record_minutes",
    "meeting_update",
    "program_approved",
    "program_before_submit",
    "program_create",
    "program_submit",
    "program_update",
    "report_approved",
    "report_before_submit",
    "report_step_passed",
    "report_create",
    "report_figures",
    "report_source_for",
    "report_due_date",
    "report_update",
    "reports_remind",
]
