"""Every write of programs, change requests and reports. Views, the admin and the
Celery job call these; the approval itself is `units.approvals`, whose effects are registered in
`WorkprogramsConfig.ready()`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    audited_bulk_create,
    audited_delete,
    audited_m2m_set,
    audited_save,
    in_office_language,
)
from core.reminders import remind_once
from core.services import notify
from core.workdays import add_working_days, working_days_between
from units import approvals, ownership, permissions
from units import services as unit_services
from units.choices import LEADERSHIP_POSITIONS, ApprovalStatus, Designation, Secrecy
from units.designations import is_designated
from units.models import StaffMember, Task, Unit
from workprograms.choices import (
    REPORT_PERIOD,
    MeetingKind,
    PeriodKind,
    ReminderKind,
    ReportKind,
    Scope,
)
from workprograms.models import (
    CalendarEntry,
    ChangeRequest,
    Meeting,
    MeetingConclusion,
    ProgramItem,
    Report,
    ReportDeadline,
    WorkProgram,
    period_bounds,
)

EDITABLE_STATUSES = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)


def _require_head(actor, unit: Unit) -> None:
    if not permissions.viewer_for(actor).is_head_of(unit.pk):
        raise PermissionDenied(
            _(
                "Chỉ Trưởng phòng (hoặc người được ủy quyền) mới lập chương trình, "
                "báo cáo của đơn vị."
            )
        )


def _scope_unit(scope: str, unit: Unit) -> None:
    if scope == Scope.OFFICE and not is_designated(unit.pk, Designation.OFFICE_PROGRAMS):
        raise ValidationError(
            {
                "scope": _(
                    "Chương trình, báo cáo của Văn phòng do Phòng Hành chính – Tiếp dân tổng hợp."
                )
            }
        )


# Programs (Điều 3.3, 7.1, 12) ---------------------------------------------------------------


def program_is_editable(program: WorkProgram) -> bool:
    """Drafts and returned programs are edited; a change-request copy only while its request
    is itself a draft or returned. Submitted and approved programs never."""
    if program.approval_status not in EDITABLE_STATUSES:
        return False
    request = getattr(program, "change_request", None) if program.previous_version_id else None
    return request is None or request.approval_status in EDITABLE_STATUSES


def _require_editable(actor, program: WorkProgram) -> None:
    if not permissions.can_edit(actor, program):
        raise PermissionDenied(_("Bạn không có quyền sửa chương trình này."))
    if program.approval_status == ApprovalStatus.APPROVED:
        raise ValidationError(
            _(
                "Chương trình đã được duyệt, không sửa được; "
                "muốn thay đổi hãy lập đề nghị điều chỉnh."
            )
        )
    if not program_is_editable(program):
        raise ValidationError(_("Chương trình đang chờ lãnh đạo quyết định, không sửa được."))


@transaction.atomic
@in_office_language
def program_create(
    *,
    actor,
    unit: Unit,
    period_kind: str,
    year: int,
    number: int = 1,
    title: str,
    scope: str = Scope.UNIT,
    introduction: str = "",
    secrecy: str = Secrecy.NONE,
) -> WorkProgram:
    """The head drafts the unit's program (HC's head the office's). A quarterly or monthly unit
    program starts pre-filled from the unit's approved yearly program and the office's programs
    (Điều 12); the head edits from there."""
    _require_head(actor, unit)
    _scope_unit(scope, unit)
    program = WorkProgram(
        lead_unit=unit,
        owner=actor,
        scope=scope,
        period_kind=period_kind,
        year=year,
        number=number if period_kind != PeriodKind.YEAR else 1,
        title=title,
        introduction=introduction,
        secrecy=secrecy,
    )
    program.full_clean()
    try:
        with transaction.atomic():
            audited_save(program, actor=actor, reason=_("Lập chương trình"))
    except IntegrityError as error:
        raise ValidationError(_("Đơn vị đã có chương trình công tác cho kỳ này.")) from error
    ownership.record_assignment(program, actor=actor, reason=_("Lập chương trình công tác"))
    if scope == Scope.UNIT and period_kind in (PeriodKind.QUARTER, PeriodKind.MONTH):
        _prefill(program, actor=actor)
    return program


def _copyable_sources(queryset, target):
    """What a new program or report may be pre-filled from: no secret text into a target that
    is not secret (its readers would read it there, in its PDF and on its compare page)."""
    if target.is_secret:
        return queryset
    return queryset.filter(secrecy=Secrecy.NONE)


def _prefill(program: WorkProgram, *, actor) -> None:
    """Copy the items due in the program's period from the unit's approved yearly program and
    from the office's approved programs of that year that name this unit."""
    start, end = program.period
    sources = (
        ProgramItem.objects.filter(
            program__in=_copyable_sources(WorkProgram.objects.all(), program),
            program__approval_status=ApprovalStatus.APPROVED,
            program__is_current=True,
            program__year=program.year,
            due_date__range=(start, end),
        )
        .filter(
            Q(
                program__scope=Scope.UNIT,
                program__period_kind=PeriodKind.YEAR,
                program__lead_unit=program.lead_unit,
            )
            | Q(program__scope=Scope.OFFICE, lead_unit=program.lead_unit)
        )
        .order_by("due_date", "pk")
    )
    members = set(permissions.members_of(program.lead_unit_id).values_list("pk", flat=True))
    seen: set[tuple[str, date]] = set()
    copies = []
    for order, item in enumerate(sources, start=1):
        key = (item.title.strip().lower(), item.due_date)
        if key in seen:
            continue
        seen.add(key)
        copies.append(
            ProgramItem(
                program=program,
                order=order,
                title=item.title,
                expected_output=item.expected_output,
                due_date=item.due_date,
                lead_unit=program.lead_unit,
                owner_id=item.owner_id if item.owner_id in members else program.owner_id,
                source_item=item,
            )
        )
    audited_bulk_create(ProgramItem, copies, actor=actor, reason=_("Lấy từ chương trình đã duyệt"))


@transaction.atomic
@in_office_language
def program_update(
    *, actor, program: WorkProgram, title: str, introduction: str = ""
) -> WorkProgram:
    _require_editable(actor, program)
    program.title = title
    program.introduction = introduction
    program.full_clean()
    audited_save(
        program,
        actor=actor,
        reason=_("Sửa chương trình"),
        update_fields=["title", "introduction", "updated_at"],
    )
    return program


def _check_item(program: WorkProgram, unit: Unit, owner, due_date: date) -> None:
    """One owner who is a member of the item's lead unit; an office program may give items to
    any unit, a unit program only to itself (Điều 22.2)."""
    if program.scope == Scope.UNIT and unit.pk != program.lead_unit_id:
        raise ValidationError(
            {"lead_unit": _("Chương trình của đơn vị chỉ giao việc cho chính đơn vị.")}
        )
    ownership.validate_owner(unit, owner)
    start, end = program.period
    if not start <= due_date <= end:
        raise ValidationError(
            {
                "due_date": _("Thời hạn phải nằm trong kỳ của chương trình (%(start)s – %(end)s).")
                % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
            }
        )


def _linked_tasks(actor, tasks: Iterable[Task], item: ProgramItem | None = None) -> list[Task]:
    """The tasks an item carries: only tasks the actor may see can be linked (whoever sees the
    program reads their titles); links to tasks hidden from him, made by someone who saw them,
    are kept as they are."""
    chosen = permissions.require_visible(
        tasks,
        actor,
        field="tasks",
        message=_("Chỉ liên kết được những công việc mà bạn được xem."),
    )
    if item is None:
        return chosen
    seen = permissions.visible(Task.objects.all(), actor).values("pk")
    return chosen + list(item.tasks.exclude(pk__in=seen))


@transaction.atomic
@in_office_language
def item_add(
    *,
    actor,
    program: WorkProgram,
    title: str,
    due_date: date,
    owner,
    lead_unit: Unit | None = None,
    expected_output: str = "",
    tasks: Iterable[Task] = (),
) -> ProgramItem:
    _require_editable(actor, program)
    unit = lead_unit or program.lead_unit
    _check_item(program, unit, owner, due_date)
    tasks = _linked_tasks(actor, tasks)
    last = program.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = ProgramItem(
        program=program,
        order=last + 1,
        title=title,
        due_date=due_date,
        lead_unit=unit,
        owner=owner,
        expected_output=expected_output,
    )
    item.full_clean()
    audited_save(item, actor=actor, reason=_("Thêm nội dung công việc"))
    item.tasks.set(tasks)
    ownership.record_owner_change(item, actor=actor, reason=_("Thêm nội dung công việc"))
    return item


@transaction.atomic
@in_office_language
def item_update(
    *,
    actor,
    item: ProgramItem,
    title: str,
    due_date: date,
    owner,
    lead_unit: Unit | None = None,
    expected_output: str = "",
    tasks: Iterable[Task] | None = None,
) -> ProgramItem:
    _require_editable(actor, item.program)
    unit = lead_unit or item.lead_unit
    _check_item(item.program, unit, owner, due_date)
    if tasks is not None:
        tasks = _linked_tasks(actor, tasks, item)
    old_unit_id, old_owner_id = item.lead_unit_id, item.owner_id
    item.title, item.due_date, item.owner, item.lead_unit = title, due_date, owner, unit
    item.expected_output = expected_output
    item.full_clean()
    audited_save(item, actor=actor, reason=_("Sửa nội dung công việc"))
    if (old_unit_id, old_owner_id) != (item.lead_unit_id, item.owner_id):
        ownership.record_owner_change(
            item,
            actor=actor,
            reason=_("Giao lại nội dung công việc"),
            from_unit_id=old_unit_id,
            from_owner_id=old_owner_id,
        )
    if tasks is not None:
        item.tasks.set(tasks)
    return item


@transaction.atomic
@in_office_language
def item_remove(*, actor, item: ProgramItem) -> None:
    _require_editable(actor, item.program)
    audited_delete(item, actor=actor, reason=_("Bỏ nội dung công việc"))


def program_before_submit(program: WorkProgram) -> None:
    """Approval effect: a change-request copy is decided through its request, never alone; an
    empty program is not sent (the unit's discussion is asked by `units.approvals`)."""
    if program.previous_version_id:
        raise ValidationError(_("Bản điều chỉnh được trình qua đề nghị điều chỉnh chương trình."))
    if not program.items.exists():
        raise ValidationError(_("Chương trình chưa có nội dung công việc nào."))


def report_before_submit(report: Report) -> None:
    if not report.content.strip():
        raise ValidationError(_("Báo cáo chưa có nội dung."))


@transaction.atomic
@in_office_language
def program_submit(*, actor, program: WorkProgram) -> WorkProgram:
    """Submit (or resubmit after a return) to the deputy chief in charge."""
    return approvals.approval_submit(actor=actor, obj=program)


# Versions and change requests (Điều 12) -----------------------------------------------------


def _copy_program(program: WorkProgram, *, owner) -> WorkProgram:
    copy = WorkProgram(
        lead_unit=program.lead_unit,
        owner=owner,
        scope=program.scope,
        period_kind=program.period_kind,
        year=program.year,
        number=program.number,
        title=program.title,
        introduction=program.introduction,
        secrecy=program.secrecy,
        version=program.version + 1,
        previous_version=program,
        is_current=False,
    )
    copy.full_clean()
    audited_save(
        copy,
        actor=owner,
        reason=_("Bản điều chỉnh của phiên bản %(version)s") % {"version": program.version},
    )
    items = list(program.items.prefetch_related("tasks"))
    copies = audited_bulk_create(
        ProgramItem,
        [
            ProgramItem(
                program=copy,
                order=item.order,
                title=item.title,
                expected_output=item.expected_output,
                due_date=item.due_date,
                lead_unit_id=item.lead_unit_id,
                owner_id=item.owner_id,
                source_item=item,
            )
            for item in items
        ],
        actor=owner,
        reason=_("Bản điều chỉnh của phiên bản %(version)s") % {"version": program.version},
    )
    through = ProgramItem.tasks.through
    through.objects.bulk_create(
        through(programitem_id=new.pk, task_id=task.pk)
        for old, new in zip(items, copies, strict=True)
        for task in old.tasks.all()
    )
    return copy


@transaction.atomic
@in_office_language
def change_request_create(
    *, actor, program: WorkProgram, reason: str, is_urgent: bool = False
) -> ChangeRequest:
    """Open a change of an approved program in force: the requester then edits the copy."""
    if not permissions.can_edit(actor, program):
        raise PermissionDenied(_("Bạn không có quyền đề nghị điều chỉnh chương trình này."))
    program = WorkProgram.objects.select_for_update().get(pk=program.pk)
    if not (program.is_approved and program.is_current):
        raise ValidationError(_("Chỉ điều chỉnh chương trình đã được duyệt và đang có hiệu lực."))
    if program.change_requests.exclude(approval_status=ApprovalStatus.APPROVED).exists():
        raise ValidationError(
            _("Chương trình đang có một đề nghị điều chỉnh chưa được quyết định.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do điều chỉnh.")})
    draft = _copy_program(program, owner=actor)
    ownership.record_assignment(draft, actor=actor, reason=_("Bản điều chỉnh chương trình"))
    request = ChangeRequest(
        lead_unit=program.lead_unit,
        owner=actor,
        program=program,
        draft=draft,
        reason=reason,
        is_urgent=is_urgent,
        secrecy=program.secrecy,
    )
    request.full_clean()
    audited_save(request, actor=actor, reason=_("Đề nghị điều chỉnh chương trình"))
    ownership.record_assignment(request, actor=actor, reason=_("Đề nghị điều chỉnh chương trình"))
    return request


def change_request_before_submit(request: ChangeRequest) -> None:
    if not request.draft.items.exists():
        raise ValidationError(_("Bản điều chỉnh chưa có nội dung công việc nào."))


def change_request_approved(request: ChangeRequest, actor) -> None:
    """Approval effect: the edited copy becomes the version in force; the old one is kept."""
    now = timezone.now()
    replaced = request.program
    replaced.is_current, replaced.updated_at = False, now
    audited_save(
        replaced,
        actor=actor,
        reason=_("Thay bằng bản điều chỉnh"),
        update_fields=["is_current", "updated_at"],
    )
    draft = request.draft
    draft.approval_status = ApprovalStatus.APPROVED
    draft.approval_step = ""
    draft.decided_at = now
    draft.decision_comment = request.decision_comment
    draft.is_current = True
    audited_save(
        draft,
        actor=actor,
        reason=_("Duyệt đề nghị điều chỉnh"),
        update_fields=[
            "approval_status",
            "approval_step",
            "decided_at",
            "decision_comment",
            "is_current",
            "updated_at",
        ],
    )


# Reports (Điều 3.3, 7.7, 15) ----------------------------------------------------------------


def report_due_date(kind: str, year: int, number: int) -> date | None:
    """The N-th working day after the period ends, N taken from ReportDeadline (data)."""
    period_kind = REPORT_PERIOD.get(kind)
    deadline = ReportDeadline.objects.filter(kind=kind).first()
    if period_kind is None or deadline is None:
        return None
    _start, end = period_bounds(period_kind, year, number)
    return add_working_days(end, deadline.working_day)


@transaction.atomic
@in_office_language
def report_create(
    *,
    actor,
    unit: Unit,
    kind: str,
    year: int,
    title: str,
    number: int = 1,
    scope: str = Scope.UNIT,
    content: str = "",
    proposal: str = "",
    secrecy: str = Secrecy.NONE,
) -> Report:
    """The head drafts a report. An urgent report (Điều 15.2) is flagged and sent at once to
    the deputy chief in charge, with its proposal."""
    _require_head(actor, unit)
    _scope_unit(scope, unit)
    if kind in (ReportKind.YEARLY, ReportKind.THEMATIC, ReportKind.URGENT):
        number = 1
    report = Report(
        lead_unit=unit,
        owner=actor,
        scope=scope,
        kind=kind,
        year=year,
        number=number,
        title=title,
        content=content,
        proposal=proposal,
        secrecy=secrecy,
        is_urgent=kind == ReportKind.URGENT,
        due_date=report_due_date(kind, year, number),
    )
    if report.is_urgent and not proposal.strip():
        raise ValidationError({"proposal": _("Báo cáo đột xuất phải kèm đề xuất giải quyết.")})
    report.full_clean()
    audited_save(report, actor=actor, reason=_("Lập báo cáo"))
    ownership.record_assignment(report, actor=actor, reason=_("Lập báo cáo"))
    if scope == Scope.OFFICE and kind in REPORT_PERIOD:
        _compile_unit_reports(report, actor=actor)
    if report.is_urgent:
        approvals.approval_submit(actor=actor, obj=report)
    return report


def _compile_unit_reports(report: Report, *, actor) -> None:
    """HC's office report starts from the units' approved reports of the same period."""
    sources = list(
        _copyable_sources(Report.objects.all(), report)
        .filter(
            scope=Scope.UNIT,
            kind=report.kind,
            year=report.year,
            number=report.number,
            approval_status=ApprovalStatus.APPROVED,
        )
        .select_related("lead_unit")
        .order_by("lead_unit__order")
    )
    report.unit_reports.set(sources)
    if sources and not report.content.strip():
        report.content = "\n\n".join(
            f"{source.lead_unit.name_vi}:\n{source.content}" for source in sources
        )
        audited_save(
            report,
            actor=actor,
            reason=_("Tổng hợp báo cáo của các đơn vị"),
            update_fields=["content", "updated_at"],
        )


@transaction.atomic
@in_office_language
def report_update(*, actor, report: Report, title: str, content: str, proposal: str = "") -> Report:
    if not permissions.can_edit(actor, report):
        raise PermissionDenied(_("Bạn không có quyền sửa báo cáo này."))
    if report.approval_status not in EDITABLE_STATUSES:
        raise ValidationError(_("Báo cáo đã trình hoặc đã được duyệt, không sửa được."))
    report.title, report.content, report.proposal = title, content, proposal
    report.full_clean()
    audited_save(
        report,
        actor=actor,
        reason=_("Sửa báo cáo"),
        update_fields=["title", "content", "proposal", "updated_at"],
    )
    return report


def reports_remind(*, today: date | None = None) -> int:
    """The daily job: remind the owner of a report not yet submitted N working days before it
    is due, and flag an overdue one to the unit's head and the deputy chief in charge. Each
    (report, kind, day) is sent once: a rerun the same day sends nothing."""
    today = today or timezone.localdate()
    lead = {d.kind: d.remind_days_before for d in ReportDeadline.objects.all()}
    pending = Report.objects.filter(
        approval_status__in=EDITABLE_STATUSES, due_date__isnull=False
    ).select_related("lead_unit__deputy_chief", "owner")
    sent = 0
    for report in pending:
        if report.due_date < today:
            kind = ReminderKind.OVERDUE
        elif working_days_between(today, report.due_date) <= lead.get(report.kind, 0):
            kind = ReminderKind.BEFORE
        else:
            continue
        due = report.due_date.strftime("%d/%m/%Y")
        if kind == ReminderKind.BEFORE:
            recipients = [report.owner]
            title = _("Sắp đến hạn gửi báo cáo (%(due)s): %(title)s") % {
                "due": due,
                "title": report.title,
            }
        else:
            recipients = [ownership.head_of(report.lead_unit), report.lead_unit.deputy_chief]
            title = _("Báo cáo quá hạn (hạn %(due)s): %(title)s – %(unit)s") % {
                "due": due,
                "title": report.title,
                "unit": report.lead_unit.name_vi,
            }
        if remind_once(
            report,
            kind=kind,
            recipients=recipients,
            title=title,
            url=report.get_absolute_url(),
            today=today,
        ):
            sent += 1
    return sent


# Meetings (Điều 7.2, 14, 20) ----------------------------------------------------------------


def _share_with_participants(meeting: Meeting, participants: Iterable, *, actor) -> None:
    """Participants read the minutes of the meeting they attended, even when the door would not
    show them their unit's work (a specialist at the weekly briefing, a deputy chief at a
    leadership meeting). Shares are guardian view rows, written only by `grant_view`; a person
    taken off the list loses the share."""
    new = {user.pk: user for user in participants}
    old = {user.pk: user for user in meeting.participants.all()}
    audited_m2m_set(
        meeting, "participants", list(new.values()), actor=actor, reason=_("Thành phần dự họp")
    )
    for pk, user in new.items():
        if pk not in old and pk != meeting.owner_id:
            permissions.grant_view(meeting, user)
    for pk, user in old.items():
        if pk not in new and pk != meeting.owner_id:
            permissions.revoke_view(meeting, user)


def _check_meeting_unit(kind: str, unit: Unit) -> None:
    if kind == MeetingKind.LEADERSHIP and not is_designated(
        unit.pk, Designation.LEADERSHIP_MINUTES
    ):
        raise ValidationError(
            {
                "kind": _(
                    "Cuộc họp tập thể lãnh đạo Văn phòng do Phòng Hành chính – Tiếp dân "
                    "ghi biên bản (Điều 7.2)."
                )
            }
        )


@transaction.atomic
@in_office_language
def meeting_create(
    *,
    actor,
    unit: Unit,
    kind: str,
    title: str,
    starts_at: datetime,
    place: str,
    agenda: str = "",
    participants: Iterable = (),
    owner=None,
    chair=None,
    secrecy: str = Secrecy.NONE,
) -> Meeting:
    """The head (or acting head) calls the unit's meeting and names the member who takes the
    minutes (one person in charge, Điều 1.3). An office leadership meeting belongs to HC, whose
    head names the HC member taking its minutes (Điều 7.2)."""
    _check_meeting_unit(kind, unit)
    if not permissions.viewer_for(actor).is_head_of(unit.pk):
        raise PermissionDenied(
            _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới triệu tập cuộc họp của đơn vị.")
        )
    owner = owner or actor
    ownership.validate_owner(unit, owner)
    meeting = Meeting(
        lead_unit=unit,
        owner=owner,
        kind=kind,
        title=title,
        starts_at=starts_at,
        place=place,
        agenda=agenda,
        chair=chair,
        secrecy=secrecy or Secrecy.NONE,
    )
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Triệu tập cuộc họp"))
    ownership.record_assignment(meeting, actor=actor, reason=_("Ghi biên bản cuộc họp"))
    participants = list(participants)
    _share_with_participants(meeting, participants, actor=actor)
    _tell_meeting_called(meeting, participants, actor=actor)
    return meeting


def _tell_meeting_called(meeting: Meeting, participants: list, *, actor) -> None:
    """The participants are invited; the member named to take the minutes is told so."""
    when = timezone.localtime(meeting.starts_at).strftime("%H:%M %d/%m/%Y")
    notify(
        about=meeting,
        recipients=[user for user in participants if user.pk != actor.pk],
        title=_("Mời họp: %(title)s, %(when)s tại %(place)s")
        % {"title": meeting.title, "when": when, "place": meeting.place},
        secret_title=_("%(item)s: giấy mời họp, mở để xem"),
        body=meeting.agenda,
    )
    if meeting.owner_id != actor.pk:
        notify(
            about=meeting,
            recipients=[meeting.owner],
            title=_("Anh/chị được giao ghi biên bản: %(title)s, %(when)s")
            % {"title": meeting.title, "when": when},
            secret_title=_("%(item)s: anh/chị được giao ghi biên bản"),
        )


def _require_meeting_editor(actor, meeting: Meeting) -> None:
    if not permissions.can_edit(actor, meeting):
        raise PermissionDenied(_("Bạn không có quyền sửa cuộc họp này."))


@transaction.atomic
@in_office_language
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    place: str,
    agenda: str = "",
    participants: Iterable = (),
    chair=None,
) -> Meeting:
    _require_meeting_editor(actor, meeting)
    meeting.title, meeting.starts_at, meeting.place = title, starts_at, place
    meeting.agenda, meeting.chair = agenda, chair
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Sửa cuộc họp"))
    _share_with_participants(meeting, participants, actor=actor)
    return meeting


@transaction.atomic
@in_office_language
def meeting_record_minutes(
    *, actor, meeting: Meeting, minutes: str, self_criticism: str = ""
) -> Meeting:
    """The person in charge writes the minutes; a review is not recorded without the unit's
    self-criticism (Điều 20)."""
    _require_meeting_editor(actor, meeting)
    if not minutes.strip():
        raise ValidationError({"minutes": _("Biên bản chưa có nội dung.")})
    if meeting.is_review and not self_criticism.strip():
        raise ValidationError(
            {"self_criticism": _("Hội nghị sơ kết, tổng kết phải ghi kiểm điểm (Điều 20).")}
        )
    meeting.minutes = minutes
    meeting.self_criticism = self_criticism if meeting.is_review else ""
    meeting.minutes_recorded_at = timezone.now()
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Ghi biên bản"))
    return meeting


@transaction.atomic
@in_office_language
def meeting_draft_notice(*, actor, meeting: Meeting, conclusion_notice: str) -> Meeting:
    """HC drafts the notice of the leadership's conclusions (Điều 7.2): only the HC member in
    charge of the meeting or HC's head, since the meeting's lead unit is HC."""
    _require_meeting_editor(actor, meeting)
    if not meeting.is_leadership:
        raise ValidationError(
            _("Thông báo kết luận chỉ dành cho cuộc họp tập thể lãnh đạo Văn phòng.")
        )
    if not conclusion_notice.strip():
        raise ValidationError({"conclusion_notice": _("Thông báo kết luận chưa có nội dung.")})
    meeting.conclusion_notice = conclusion_notice
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Dự thảo thông báo kết luận"))
    return meeting


@transaction.atomic
@in_office_language
def conclusion_add(*, actor, meeting: Meeting, text: str) -> MeetingConclusion:
    _require_meeting_editor(actor, meeting)
    if not text.strip():
        raise ValidationError({"text": _("Kết luận chưa có nội dung.")})
    last = meeting.conclusions.order_by("-order").values_list("order", flat=True).first() or 0
    conclusion = MeetingConclusion(meeting=meeting, order=last + 1, text=text.strip())
    conclusion.full_clean()
    audited_save(conclusion, actor=actor, reason=_("Thêm kết luận"))
    return conclusion


@transaction.atomic
@in_office_language
def conclusion_to_task(
    *, actor, conclusion: MeetingConclusion, owner, due_working_days: int
) -> Task:
    """Turn a conclusion into a task of the owner's unit. `units.services.task_create` is the
    one place that assigns work: it lets only that unit's head (or acting head) do it and gives
    the task its one owner. The conclusion keeps the link, so the minutes show what became of
    it; a conclusion becomes one task, once."""
    conclusion = MeetingConclusion.objects.select_for_update().get(pk=conclusion.pk)
    meeting = Meeting.objects.get(pk=conclusion.meeting_id)
    if not permissions.can_see(actor, meeting):
        raise PermissionDenied(_("Bạn không xem được cuộc họp này."))
    if conclusion.task_id is not None:
        raise ValidationError(_("Kết luận này đã được giao thành công việc."))
    staff = (
        StaffMember.objects.filter(user_id=owner.pk, is_active=True, unit__isnull=False)
        .select_related("unit")
        .first()
    )
    if staff is None:
        raise ValidationError({"owner": _("Người phụ trách phải là cán bộ của một đơn vị.")})
    day = timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y")
    first_line = conclusion.text.strip().splitlines()[0]
    task = unit_services.task_create(
        actor=actor,
        unit=staff.unit,
        owner=owner,
        title=first_line[:300],
        due_working_days=due_working_days,
        description=_("Theo kết luận tại cuộc họp “%(meeting)s” ngày %(day)s:\n%(text)s")
        % {"meeting": meeting.title, "day": day, "text": conclusion.text},
        secrecy=meeting.secrecy,
    )
    conclusion.task = task
    audited_save(conclusion, actor=actor, reason=_("Giao thành công việc"), update_fields=["task"])
    return task


# Leadership weekly work calendar (Điều 7.1) -------------------------------------------------


def is_calendar_editor(user) -> bool:
    """HC compiles the leadership's calendar: its members edit it, nobody else."""
    return is_designated(permissions.viewer_for(user).unit_id, Designation.OFFICE_PROGRAMS)


def _require_calendar_editor(actor) -> None:
    if not is_calendar_editor(actor):
        raise PermissionDenied(
            _("Chỉ Phòng Hành chính – Tiếp dân mới cập nhật lịch công tác của lãnh đạo.")
        )


def _check_leader(leader) -> None:
    is_leader = StaffMember.objects.filter(
        user_id=leader.pk, is_active=True, position__in=LEADERSHIP_POSITIONS
    ).exists()
    if not is_leader:
        raise ValidationError(
            {"leader": _("Lịch công tác chỉ ghi cho Chánh Văn phòng, Phó Chánh Văn phòng.")}
        )


@transaction.atomic
@in_office_language
def calendar_entry_create(
    *,
    actor,
    leader,
    starts_at: datetime,
    content: str,
    ends_at: datetime | None = None,
    place: str = "",
    participants: str = "",
    secrecy: str = Secrecy.NONE,
) -> CalendarEntry:
    _require_calendar_editor(actor)
    _check_leader(leader)
    entry = CalendarEntry(
        leader=leader,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        content=content,
        participants=participants,
        secrecy=secrecy or Secrecy.NONE,
        created_by=actor,
    )
    entry.full_clean()
    audited_save(entry, actor=actor, reason=_("Thêm lịch công tác"))
    return entry


@transaction.atomic
@in_office_language
def calendar_entry_update(
    *,
    actor,
    entry: CalendarEntry,
    leader,
    starts_at: datetime,
    content: str,
    ends_at: datetime | None = None,
    place: str = "",
    participants: str = "",
    secrecy: str = Secrecy.NONE,
) -> CalendarEntry:
    _require_calendar_editor(actor)
    _check_leader(leader)
    entry.leader, entry.starts_at, entry.ends_at = leader, starts_at, ends_at
    entry.place, entry.content, entry.participants = place, content, participants
    entry.secrecy = secrecy or Secrecy.NONE
    entry.full_clean()
    audited_save(entry, actor=actor, reason=_("Sửa lịch công tác"))
    return entry


@transaction.atomic
@in_office_language
def calendar_entry_delete(*, actor, entry: CalendarEntry) -> None:
    _require_calendar_editor(actor)
    audited_delete(entry, actor=actor, reason=_("Bỏ lịch công tác"))
