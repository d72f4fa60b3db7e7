"""Reports (Điều 3.3, 7.7, 15): due dates from the catalogue, drafting, the office report compiled
from the units' reports, and the daily reminders."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    audited_save,
    in_office_language,
)
from core.reminders import remind_once
from core.report_sources import FigureTable, figures_text, report_source, source_for
from core.services import notify
from core.workdays import add_working_days, working_days_between
from units import approvals, ownership, permissions
from units.choices import ApprovalStatus, ApprovalStep, Designation, Secrecy, TaskStatus
from units.designations import is_designated
from units.models import Unit
from workprograms.choices import (
    REPORT_PERIOD,
    ProgramKind,
    ReminderKind,
    ReportKind,
    Scope,
)
from workprograms.models import (
    ProgramItem,
    Report,
    ReportDeadline,
    period_bounds,
)
from workprograms.permissions import EDITABLE_STATUSES
from workprograms.services.common import (
    _copyable_sources,
    _require_head,
    _scope_unit,
    issue_number,
)


def report_before_submit(report: Report) -> None:
    if not report.content.strip():
        raise ValidationError(_("Báo cáo chưa có nội dung."))


def report_approved(report: Report, actor) -> None:
    """Approval effect: the approved report takes its number."""
    issue_number(report, actor=actor)


def report_step_passed(report: Report, actor, *, step, following) -> None:
    """Approval effect: a report approved at one step and sent on to the next tells its person
    in charge and its unit's head (who made it) where it now stands."""
    labels = dict(ApprovalStep.choices)
    recipients = [report.owner, ownership.head_of(report.lead_unit)]
    notify(
        about=report,
        recipients=[person for person in recipients if person is not None and person != actor],
        title=_("Báo cáo đã qua bước %(step)s, đang trình %(following)s: %(item)s")
        % {"step": labels[step.kind], "following": labels[following.kind], "item": report},
        secret_title=_("%(item)s đã qua bước %(step)s, đang trình %(following)s")
        % {"item": "%(item)s", "step": labels[step.kind], "following": labels[following.kind]},
    )


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
    source = report_source_for(report)
    if source is not None:
        report.source = source.key
        if not report.content.strip():
            report.content = figures_text(report_figures(report))
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


def report_source_for(report: Report):
    """The registered source (`core.report_sources`) serving a periodic unit report of this
    kind by a unit holding its designation: Cipher–IT's 6-month and yearly reports to the
    Party–State Cipher Department."""
    if report.scope != Scope.UNIT or report.period is None:
        return None
    held = [key for key in Designation.values if is_designated(report.lead_unit_id, key)]
    return source_for(report.kind, held)


def report_figures(report: Report) -> list:
    """The report's tables: the source's counts for the report's period, then the trainings
    of the unit's training programme of the year (workprograms' own records)."""
    source = report_source(report.source) if report.source else None
    if source is None or report.period is None:
        return []
    start, end = report.period
    return [*source.figures(start, end), _trainings(report, start, end)]


def _trainings(report: Report, start: date, end: date):
    """Lines of the unit's approved training programmes of the year due in the period: how
    many were planned, how many are done (their tasks all done)."""
    items = (
        ProgramItem.objects.filter(
            program__lead_unit_id=report.lead_unit_id,
            program__program_kind=ProgramKind.TRAINING,
            program__approval_status=ApprovalStatus.APPROVED,
            program__is_current=True,
            program__year=report.year,
            due_date__range=(start, end),
        )
        .annotate(
            open_tasks=Count("tasks", filter=~Q(tasks__status=TaskStatus.DONE)),
            all_tasks=Count("tasks"),
        )
        .order_by()
    )
    planned = done = 0
    for item in items:
        planned += 1
        done += item.all_tasks > 0 and item.open_tasks == 0
    return FigureTable(
        heading=_("6. Huấn luyện, đào tạo theo chương trình năm"),
        columns=(_("Số lượng"),),
        rows=((_("Nội dung theo kế hoạch trong kỳ"), planned), (_("Đã hoàn thành"), done)),
    )


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
