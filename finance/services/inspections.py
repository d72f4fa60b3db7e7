"""Finance inspections of the Party organisations directly under the provincial committee
(Điều 10.4): the plan, its start and conclusion, the findings with their recommendations, the
follow-up, and the reminders of recommendations past their due date."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audited_m2m_set, audited_save, in_office_language
from core.reminders import remind_once
from finance.choices import FollowUpStatus, InspectionStatus
from finance.models import FinanceInspection, InspectionFinding, PartyOrganisation
from units import ownership
from units import permissions as door
from units.choices import Designation, Secrecy
from units.designations import designated_unit


def _finance_unit():
    unit = designated_unit(Designation.FINANCE)
    if unit is None:
        raise ValidationError(_("Chưa có phòng được giao nhiệm vụ tài chính đảng."))
    return unit


def _require_edit(actor, inspection: FinanceInspection) -> None:
    if not door.can_edit(actor, inspection):
        raise ValidationError(_("Bạn không có quyền sửa cuộc kiểm tra này."))


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
@in_office_language
def inspection_plan(
    *,
    actor,
    organisation: PartyOrganisation,
    title: str,
    period_from: date,
    period_to: date,
    planned_start: date,
    planned_end: date,
    team: list | None = None,
    secrecy: str = Secrecy.NONE,
) -> FinanceInspection:
    """A member of TC plans an inspection; he is its owner, TC its lead unit."""
    finance = _finance_unit()
    if door.viewer_for(actor).unit_id != finance.pk:
        raise ValidationError(_("Chỉ cán bộ Phòng Tài chính đảng lập kế hoạch kiểm tra."))
    inspection = FinanceInspection(
        organisation=organisation,
        title=_text(title, "title", _("Nhập tên cuộc kiểm tra.")),
        period_from=period_from,
        period_to=period_to,
        planned_start=planned_start,
        planned_end=planned_end,
        lead_unit=finance,
        owner=actor,
        secrecy=secrecy,
    )
    inspection.full_clean()
    audited_save(inspection, actor=actor, reason=gettext_lazy("Lập kế hoạch kiểm tra tài chính"))
    ownership.record_assignment(inspection, actor=actor, reason=_("Lập kế hoạch kiểm tra"))
    if team:
        audited_m2m_set(
            inspection, "team", team, actor=actor, reason=gettext_lazy("Cử đoàn kiểm tra")
        )
    return inspection


@transaction.atomic
@in_office_language
def inspection_set_team(*, actor, inspection: FinanceInspection, team: list) -> None:
    _require_edit(actor, inspection)
    audited_m2m_set(inspection, "team", team, actor=actor, reason=gettext_lazy("Cử đoàn kiểm tra"))


@transaction.atomic
@in_office_language
def inspection_start(*, actor, inspection: FinanceInspection, on: date | None = None) -> None:
    _require_edit(actor, inspection)
    if inspection.status != InspectionStatus.PLANNED:
        raise ValidationError(_("Cuộc kiểm tra đã bắt đầu."))
    inspection.status = InspectionStatus.IN_PROGRESS
    inspection.started_on = on or timezone.localdate()
    audited_save(
        inspection,
        actor=actor,
        reason=gettext_lazy("Bắt đầu kiểm tra"),
        update_fields=["status", "started_on", "updated_at"],
    )


@transaction.atomic
@in_office_language
def finding_add(
    *,
    actor,
    inspection: FinanceInspection,
    finding: str,
    recommendation: str,
    responsible_body: str,
    due_on: date,
) -> InspectionFinding:
    """A finding with its recommendation, while the inspection is in progress."""
    _require_edit(actor, inspection)
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise ValidationError(_("Chỉ ghi phát hiện khi cuộc kiểm tra đang tiến hành."))
    errors = {}
    if not (finding or "").strip():
        errors["finding"] = _("Nhập nội dung phát hiện.")
    if not (recommendation or "").strip():
        errors["recommendation"] = _("Nhập kiến nghị.")
    if not (responsible_body or "").strip():
        errors["responsible_body"] = _("Nhập đơn vị, người chịu trách nhiệm.")
    start = inspection.started_on or inspection.planned_start
    if due_on is None or due_on < start:
        errors["due_on"] = _(
            "Hạn thực hiện kiến nghị không được trước ngày kiểm tra (%(day)s)."
        ) % {"day": f"{start:%d/%m/%Y}"}
    if errors:
        raise ValidationError(errors)
    row = InspectionFinding(
        inspection=inspection,
        finding=finding.strip(),
        recommendation=recommendation.strip(),
        responsible_body=responsible_body.strip(),
        due_on=due_on,
    )
    row.full_clean()
    return audited_save(row, actor=actor, reason=gettext_lazy("Ghi phát hiện, kiến nghị"))


@transaction.atomic
@in_office_language
def inspection_conclude(
    *, actor, inspection: FinanceInspection, conclusion: str, on: date | None = None
) -> None:
    _require_edit(actor, inspection)
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise ValidationError(_("Chỉ kết luận cuộc kiểm tra đang tiến hành."))
    inspection.conclusion = _text(conclusion, "conclusion", _("Nhập kết luận kiểm tra."))
    inspection.concluded_on = on or timezone.localdate()
    inspection.status = InspectionStatus.CONCLUDED
    audited_save(
        inspection,
        actor=actor,
        reason=gettext_lazy("Kết luận kiểm tra"),
        update_fields=["conclusion", "concluded_on", "status", "updated_at"],
    )


@transaction.atomic
@in_office_language
def finding_follow_up(
    *, actor, finding: InspectionFinding, status: str, result: str, on: date | None = None
) -> None:
    """What the responsible body did about a recommendation."""
    _require_edit(actor, finding.inspection)
    if status not in FollowUpStatus.values:
        raise ValidationError({"status": _("Tình hình thực hiện không hợp lệ.")})
    result = (result or "").strip()
    if status in (FollowUpStatus.DONE, FollowUpStatus.NOT_DONE) and not result:
        raise ValidationError({"result": _("Nhập kết quả thực hiện kiến nghị.")})
    finding.follow_up_status = status
    finding.follow_up_result = result
    finding.followed_up_on = on or timezone.localdate()
    audited_save(
        finding,
        actor=actor,
        reason=gettext_lazy("Theo dõi thực hiện kiến nghị"),
        update_fields=["follow_up_status", "follow_up_result", "followed_up_on"],
    )


def overdue_findings(today: date):
    return InspectionFinding.objects.filter(
        due_on__lt=today,
        follow_up_status__in=[FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS],
    ).select_related("inspection__owner", "inspection__organisation")


def findings_remind(*, today: date | None = None) -> list[FinanceInspection]:
    """Daily (beat): the owner of an inspection hears once a day of its recommendations past
    their due date and not yet carried out."""
    today = today or timezone.localdate()
    late: dict[int, list[InspectionFinding]] = {}
    for finding in overdue_findings(today):
        late.setdefault(finding.inspection_id, []).append(finding)
    sent = []
    for findings in late.values():
        inspection = findings[0].inspection
        if remind_once(
            inspection,
            kind="finance-finding-overdue",
            recipients=[inspection.owner],
            title=_("%(count)d kiến nghị kiểm tra quá hạn: %(title)s")
            % {"count": len(findings), "title": inspection.title},
            body="\n".join(
                f"{finding.responsible_body} – {finding.due_on:%d/%m/%Y}: {finding.recommendation}"
                for finding in findings
            ),
            url=inspection.get_absolute_url(),
            secret_title=_("Kiến nghị kiểm tra quá hạn"),
            today=today,
        ):
            sent.append(inspection)
    return sent
