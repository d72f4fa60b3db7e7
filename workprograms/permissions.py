"""Who may do what with programs, reports, meetings and the calendar: the predicates the
services enforce and the views ask before they offer an action (who sees what is the door,
`units.permissions`)."""

from __future__ import annotations

from units import permissions
from units.choices import ApprovalStatus, Designation
from units.designations import is_designated
from workprograms.models import WorkProgram

#: Programs, reports and change requests are edited only in these approval states.
EDITABLE_STATUSES = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)


def program_is_editable(program: WorkProgram) -> bool:
    """Drafts and returned programs are edited; a change-request copy only while its request
    is itself a draft or returned. Submitted and approved programs never."""
    if program.approval_status not in EDITABLE_STATUSES:
        return False
    request = getattr(program, "change_request", None) if program.previous_version_id else None
    return request is None or request.approval_status in EDITABLE_STATUSES


def can_edit_program(user, program: WorkProgram) -> bool:
    return program_is_editable(program) and permissions.can_edit(user, program)


def can_discuss(user, obj) -> bool:
    """The unit's discussion is recorded on a program or report still being prepared."""
    return obj.approval_status in EDITABLE_STATUSES and permissions.can_edit(user, obj)


def can_edit_meeting(user, meeting) -> bool:
    return permissions.can_edit(user, meeting)


def can_turn_conclusion_into_task(user, meeting) -> bool:
    """Any head who sees the meeting may give one of its open conclusions to his unit."""
    return bool(permissions.viewer_for(user).head_unit_ids) and any(
        conclusion.task_id is None for conclusion in meeting.conclusions.all()
    )


def is_calendar_editor(user) -> bool:
    """HC compiles the leadership's calendar: its members edit it, nobody else."""
    return is_designated(permissions.viewer_for(user).unit_id, Designation.OFFICE_PROGRAMS)
