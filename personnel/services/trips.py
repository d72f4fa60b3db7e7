"""Business trips (Điều 18): the head plans, the path approves, the traveller reports after
return."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_m2m_set, audited_save, in_office_language
from core.reminders import remind_once
from core.services import notify
from core.workdays import add_working_days
from personnel import permissions
from personnel.models import BusinessTrip, TripScope
from units import approvals, ownership
from units import permissions as door
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind
from units.models import Unit


def _check_companions(unit: Unit, owner, companions: list) -> None:
    for person in companions:
        if person.pk == owner.pk:
            raise ValidationError({"companions": _("Người đi công tác đã là người phụ trách.")})
        if door.viewer_for(person).unit_id != unit.pk:
            raise ValidationError({"companions": _("Người cùng đi phải là cán bộ của đơn vị.")})


@transaction.atomic
@in_office_language
def trip_plan(
    *,
    actor,
    unit: Unit,
    owner,
    scope: TripScope,
    destination: str,
    purpose: str,
    starts_on: date,
    ends_on: date,
    means: str,
    companions: Iterable = (),
) -> BusinessTrip:
    """The head plans a trip for a member of the unit and sends it on its path: within the
    province his plan is the approval (recorded as his decision); beyond it, or for his own
    trip, the deputy chief in charge decides in the admin."""
    if not permissions.can_plan_trip(actor, unit.pk):
        raise PermissionDenied(
            _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới lập kế hoạch công tác.")
        )
    if starts_on < timezone.localdate():
        raise ValidationError({"starts_on": _("Ngày đi không được trước hôm nay.")})
    if not scope.is_active:
        raise ValidationError({"scope": _("Phạm vi công tác này không còn dùng.")})
    companions = list(companions)
    ownership.validate_owner(unit, owner)
    _check_companions(unit, owner, companions)
    trip = BusinessTrip(
        lead_unit=unit,
        owner=owner,
        scope=scope,
        destination=destination,
        purpose=purpose,
        starts_on=starts_on,
        ends_on=ends_on,
        means=means,
        planned_by=actor,
        report_due=ends_on,
    )
    trip.full_clean(exclude=["report_due"])
    trip.report_due = add_working_days(ends_on, scope.report_working_days)
    audited_save(trip, actor=actor, reason=_("Lập kế hoạch công tác"))
    if companions:
        audited_m2m_set(trip, "companions", companions, actor=actor, reason=_("Người cùng đi"))
    ownership.record_assignment(trip, actor=actor, reason=_("Lập kế hoạch công tác"))
    approvals.approval_submit(actor=actor, obj=trip)
    step = approvals.current_step(trip)
    if (
        step is not None
        and step.kind == ApprovalStep.UNIT_HEAD
        and approvals.can_decide(actor, trip)
    ):
        approvals.approval_decide(
            actor=actor,
            obj=trip,
            kind=DecisionKind.APPROVE,
            comment=_("Trưởng phòng lập kế hoạch và duyệt (công tác trong tỉnh)."),
        )
    notify(
        about=trip,
        recipients=[owner, *companions],
        title=_("Kế hoạch công tác: %(trip)s") % {"trip": trip},
        body=purpose,
        url=trip.get_absolute_url(),
    )
    return trip


@transaction.atomic
@in_office_language
def trip_report(*, actor, trip: BusinessTrip, report: str, today: date | None = None):
    """The traveller reports the result to the head after return; never before the trip ends."""
    today = today or timezone.localdate()
    if trip.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người đi công tác mới báo cáo kết quả."))
    if trip.approval_status != ApprovalStatus.APPROVED:
        raise ValidationError(_("Chuyến công tác chưa được duyệt."))
    if trip.reported_at is not None:
        raise ValidationError(_("Chuyến công tác đã có báo cáo kết quả."))
    if today < trip.ends_on:
        raise ValidationError(
            {
                "report": _(
                    "Chuyến công tác đến ngày %(end)s mới kết thúc; chỉ báo cáo kết quả sau khi về."
                )
                % {"end": trip.ends_on.strftime("%d/%m/%Y")}
            }
        )
    if not report.strip():
        raise ValidationError({"report": _("Cần ghi kết quả chuyến công tác.")})
    trip.report = report
    trip.reported_at = timezone.now()
    audited_save(
        trip,
        actor=actor,
        reason=_("Báo cáo kết quả công tác"),
        update_fields=["report", "reported_at", "updated_at"],
    )
    head = ownership.head_of(trip.lead_unit)
    if head is not None and head.pk != actor.pk:
        notify(
            about=trip,
            recipients=[head],
            title=_("Báo cáo kết quả: %(trip)s") % {"trip": trip},
            body=report,
            url=trip.get_absolute_url(),
        )
    return trip


@in_office_language
def trips_remind(today: date | None = None) -> int:
    """Daily (beat): the traveller is reminded on the report's due day; once late, he and his
    head are reminded every day until it is in. Each (trip, kind, day) once."""
    today = today or timezone.localdate()
    sent = 0
    due = BusinessTrip.objects.filter(
        approval_status=ApprovalStatus.APPROVED, reported_at__isnull=True, report_due__lte=today
    ).select_related("lead_unit", "owner")
    for trip in due:
        overdue = trip.report_due < today
        recipients = [trip.owner]
        if overdue:
            recipients.append(ownership.head_of(trip.lead_unit))
        title = (
            _("Quá hạn báo cáo kết quả công tác (hạn %(due)s): %(trip)s")
            if overdue
            else _("Hôm nay đến hạn báo cáo kết quả công tác: %(trip)s")
        ) % {"due": trip.report_due.strftime("%d/%m/%Y"), "trip": trip}
        sent += remind_once(
            trip,
            kind="overdue" if overdue else "due",
            recipients=recipients,
            title=title,
            url=trip.get_absolute_url(),
            today=today,
        )
    return sent
