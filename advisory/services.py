"""Every write of General Affairs' advisory work (Điều 6). Views and the admin call these."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory import permissions as rules
from advisory.choices import DIRECT_SOURCES, AreaKind, Source, WorkKind, WorkStatus
from advisory.models import AdvisoryWork, FollowUpArea, FollowUpAssignment, ReportTerm
from advisory.selectors import overdue_works
from core.audit import audited_save, in_office_language
from core.reminders import remind_once
from core.services import notify
from core.workdays import add_working_days
from units import ownership, permissions
from units.choices import Designation, Position, Secrecy
from units.designations import designated_unit
from units.models import StaffMember, Unit


def general_affairs_unit() -> Unit:
    """The unit designated for general affairs, read fresh: the designation cache keeps a unit
    as it was, and its deputy chief in charge may have changed since (a queryset update sends
    no signal that would clear it)."""
    unit = designated_unit(Designation.GENERAL_AFFAIRS)
    if unit is None:
        raise ValidationError(_("Chưa chỉ định đơn vị Tổng hợp (quản trị đơn vị đảm nhiệm)."))
    return Unit.objects.select_related("deputy_chief").get(pk=unit.pk)


def leadership_of(unit: Unit) -> list:
    """The deputy chief in charge of the unit and the chief: office leadership to inform."""
    leaders = [unit.deputy_chief] if unit.deputy_chief_id else []
    leaders += [
        staff.user
        for staff in StaffMember.objects.filter(
            position=Position.CHIEF, is_active=True
        ).select_related("user")
    ]
    return leaders


def _require_follower(unit: Unit, follower) -> None:
    if permissions.viewer_for(follower).unit_id != unit.pk:
        raise ValidationError(
            {
                "follower": _("Người theo dõi phải là cán bộ đang công tác tại %(unit)s.")
                % {"unit": unit.name_vi}
            }
        )


# Follow-up areas (Điều 6.1) -----------------------------------------------------------------


@transaction.atomic
@in_office_language
def area_create(*, actor, kind: str, name: str) -> FollowUpArea:
    if not rules.may_manage_follow_ups(actor):
        raise PermissionDenied(_("Chỉ lãnh đạo Văn phòng phân công lĩnh vực theo dõi."))
    if kind not in AreaKind.values:
        raise ValidationError({"kind": _("Loại lĩnh vực không hợp lệ.")})
    area = FollowUpArea(kind=kind, name=" ".join(name.split()))
    area.full_clean()
    audited_save(area, actor=actor, reason=_("Thêm lĩnh vực theo dõi"))
    return area


@transaction.atomic
@in_office_language
def follow_up_assign(
    *, actor, area: FollowUpArea, follower, starts_on: date, ends_on: date | None = None, note=""
) -> FollowUpAssignment:
    """Leadership gives a General Affairs member an area to follow from a date; the same person
    cannot follow the same area twice over overlapping dates."""
    if not rules.may_manage_follow_ups(actor):
        raise PermissionDenied(_("Chỉ lãnh đạo Văn phòng phân công lĩnh vực theo dõi."))
    _require_follower(general_affairs_unit(), follower)
    if not area.is_active:
        raise ValidationError({"area": _("Lĩnh vực này đã thôi theo dõi.")})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
    overlapping = FollowUpAssignment.objects.filter(area=area, follower=follower).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise ValidationError(
            {
                "follower": _(
                    "Cán bộ này đã được phân công theo dõi lĩnh vực này trong thời gian đó."
                )
            }
        )
    assignment = FollowUpAssignment(
        area=area,
        follower=follower,
        starts_on=starts_on,
        ends_on=ends_on,
        assigned_by=actor,
        note=note,
    )
    assignment.full_clean()
    audited_save(assignment, actor=actor, reason=_("Phân công theo dõi"))
    notify(
        recipients=[follower],
        title=_("Bạn được phân công theo dõi: %(area)s từ %(day)s")
        % {"area": area.name, "day": starts_on.strftime("%d/%m/%Y")},
        url="/tong-hop/theo-doi/",
    )
    return assignment


@transaction.atomic
@in_office_language
def follow_up_end(*, actor, assignment: FollowUpAssignment, ends_on: date) -> FollowUpAssignment:
    if not rules.may_manage_follow_ups(actor):
        raise PermissionDenied(_("Chỉ lãnh đạo Văn phòng phân công lĩnh vực theo dõi."))
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
    if assignment.ends_on is not None and assignment.ends_on < ends_on:
        raise ValidationError({"ends_on": _("Phân công này đã kết thúc trước ngày đó.")})
    assignment.ends_on = ends_on
    audited_save(
        assignment, actor=actor, reason=_("Thôi phân công theo dõi"), update_fields=["ends_on"]
    )
    return assignment


# Assignments (Điều 6.2–6.5) -----------------------------------------------------------------


def report_term(kind: str) -> int:
    term = ReportTerm.objects.filter(kind=kind).first()
    if term is None:
        raise ValidationError(
            _("Chưa có thời hạn báo cáo cho loại việc này (danh mục thời hạn báo cáo).")
        )
    return term.working_days


def _clean_kind(work: AdvisoryWork) -> None:
    """What each kind of work needs besides its title and brief, with its own message."""
    errors = {}
    if work.kind == WorkKind.SURVEY:
        if work.event_starts_on is None:
            errors["event_starts_on"] = _("Nhập ngày bắt đầu hội nghị, khảo sát.")
        if work.event_ends_on is None:
            errors["event_ends_on"] = _("Nhập ngày kết thúc hội nghị, khảo sát.")
        elif work.event_starts_on and work.event_ends_on < work.event_starts_on:
            errors["event_ends_on"] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        if not work.event_place.strip():
            errors["event_place"] = _("Nhập địa điểm hội nghị, khảo sát.")
    elif work.due_date is None:
        errors["due_date"] = _("Nhập hạn hoàn thành.")
    elif work.due_date < work.assigned_on:
        errors["due_date"] = _("Hạn hoàn thành không được trước ngày giao.")
    if work.kind == WorkKind.APPRAISAL and not work.draft_agency.strip():
        errors["draft_agency"] = _("Nhập cơ quan soạn thảo dự thảo cần thẩm định.")
    if work.kind == WorkKind.SPEECH and not work.occasion.strip():
        errors["occasion"] = _("Nhập sự kiện và đồng chí Thường trực phát biểu.")
    if errors:
        raise ValidationError(errors)
    if work.kind == WorkKind.SURVEY:
        work.report_due = add_working_days(work.event_ends_on, report_term(WorkKind.SURVEY))
        work.due_date = None
    else:
        work.report_due = None


def _new_work(*, actor, owner, kind: str, source: str, **fields) -> AdvisoryWork:
    if kind not in WorkKind.values:
        raise ValidationError({"kind": _("Loại việc không hợp lệ.")})
    unit = general_affairs_unit()
    ownership.validate_owner(unit, owner)
    work = AdvisoryWork(
        lead_unit=unit,
        owner=owner,
        kind=kind,
        source=source,
        assigned_on=timezone.localdate(),
        **fields,
    )
    _clean_kind(work)
    work.full_clean()
    return work


def _deadline_text(work: AdvisoryWork) -> str:
    return work.deadline.strftime("%d/%m/%Y") if work.deadline else ""


@transaction.atomic
@in_office_language
def work_assign(
    *,
    actor,
    owner,
    kind: str,
    title: str,
    brief: str,
    due_date: date | None = None,
    event_place: str = "",
    event_starts_on: date | None = None,
    event_ends_on: date | None = None,
    draft_agency: str = "",
    occasion: str = "",
    secrecy: str = Secrecy.NONE,
) -> AdvisoryWork:
    """Office leadership assigns a General Affairs member a piece of advisory work; he and his
    head are told."""
    if not rules.may_assign(actor):
        raise PermissionDenied(_("Chỉ lãnh đạo Văn phòng giao việc nghiên cứu, theo dõi."))
    work = _new_work(
        actor=actor,
        owner=owner,
        kind=kind,
        source=Source.OFFICE_LEADERSHIP,
        assigned_by=actor,
        title=title,
        brief=brief,
        due_date=due_date,
        event_place=event_place,
        event_starts_on=event_starts_on,
        event_ends_on=event_ends_on,
        draft_agency=draft_agency,
        occasion=occasion,
        secrecy=secrecy,
    )
    audited_save(work, actor=actor, reason=_("Lãnh đạo Văn phòng giao việc"))
    ownership.record_assignment(work, actor=actor, reason=_("Lãnh đạo Văn phòng giao việc"))
    # The leader who assigned it follows it, whichever units he oversees.
    permissions.grant_view(work, actor)
    head = ownership.head_of(work.lead_unit)
    notify(
        about=work,
        recipients=[owner, head],
        title=_("%(kind)s được giao: %(title)s (hạn %(due)s)")
        % {"kind": work.get_kind_display(), "title": title, "due": _deadline_text(work)},
        secret_title=_("Việc mới: %(item)s"),
        body=brief,
    )
    return work


@transaction.atomic
@in_office_language
def work_record_direct(
    *,
    actor,
    source: str,
    source_person: str,
    kind: str,
    title: str,
    brief: str,
    due_date: date | None = None,
    event_place: str = "",
    event_starts_on: date | None = None,
    event_ends_on: date | None = None,
    draft_agency: str = "",
    occasion: str = "",
    secrecy: str = Secrecy.NONE,
) -> AdvisoryWork:
    """The specialist records work the provincial secretary or a deputy secretary gave him
    directly; office leadership and his head are informed at once (Điều 6.3)."""
    if not rules.may_record_direct(actor):
        raise PermissionDenied(_("Chỉ cán bộ Phòng Tổng hợp ghi nhận việc Thường trực giao."))
    if source not in DIRECT_SOURCES:
        raise ValidationError({"source": _("Chọn Bí thư hoặc Phó Bí thư Tỉnh ủy.")})
    if not source_person.strip():
        raise ValidationError({"source_person": _("Nhập họ tên đồng chí đã giao việc.")})
    work = _new_work(
        actor=actor,
        owner=actor,
        kind=kind,
        source=source,
        source_person=source_person.strip(),
        title=title,
        brief=brief,
        due_date=due_date,
        event_place=event_place,
        event_starts_on=event_starts_on,
        event_ends_on=event_ends_on,
        draft_agency=draft_agency,
        occasion=occasion,
        secrecy=secrecy,
    )
    audited_save(work, actor=actor, reason=_("Ghi nhận việc Thường trực Tỉnh ủy giao trực tiếp"))
    ownership.record_assignment(work, actor=actor, reason=_("Thường trực Tỉnh ủy giao trực tiếp"))
    informed = [*leadership_of(work.lead_unit), ownership.head_of(work.lead_unit)]
    permissions.hand_secret(
        work, informed, actor=actor, reason=_("Báo cáo việc Thường trực giao trực tiếp")
    )
    notify(
        about=work,
        recipients=[user for user in informed if user is not None and user.pk != actor.pk],
        title=_("%(source)s (đ/c %(person)s) giao trực tiếp %(owner)s: %(title)s")
        % {
            "source": work.get_source_display(),
            "person": work.source_person,
            "owner": actor.get_full_name(),
            "title": title,
        },
        secret_title=_("Việc Thường trực giao trực tiếp: %(item)s"),
        body=brief,
    )
    return work


@transaction.atomic
@in_office_language
def work_plan(
    *, actor, work: AdvisoryWork, scope: str, timeline: str, expected_finish: date
) -> AdvisoryWork:
    """The specialist tells the head the scope and expected timeline (Điều 6.2)."""
    if not rules.can_plan(actor, work):
        raise PermissionDenied(_("Chỉ người phụ trách báo cáo phạm vi, tiến độ."))
    if not scope.strip():
        raise ValidationError({"scope": _("Nhập phạm vi nghiên cứu, theo dõi.")})
    if not timeline.strip():
        raise ValidationError({"timeline": _("Nhập tiến độ dự kiến.")})
    if expected_finish < work.assigned_on:
        raise ValidationError({"expected_finish": _("Ngày dự kiến hoàn thành trước ngày giao.")})
    work.scope, work.timeline, work.expected_finish = scope, timeline, expected_finish
    work.planned_at = timezone.now()
    work.status = WorkStatus.PLANNED
    work.full_clean()
    audited_save(
        work,
        actor=actor,
        reason=_("Báo cáo phạm vi, tiến độ"),
        update_fields=[
            "scope",
            "timeline",
            "expected_finish",
            "planned_at",
            "status",
            "updated_at",
        ],
    )
    notify(
        about=work,
        recipients=[ownership.head_of(work.lead_unit)],
        title=_("%(owner)s báo cáo phạm vi, tiến độ: %(title)s (dự kiến xong %(day)s)")
        % {
            "owner": actor.get_full_name(),
            "title": work.title,
            "day": expected_finish.strftime("%d/%m/%Y"),
        },
        body=f"{scope}\n\n{timeline}",
    )
    return work


@transaction.atomic
@in_office_language
def work_report(*, actor, work: AdvisoryWork, result: str) -> AdvisoryWork:
    """The person in charge answers for the result: research findings, the survey's report to
    leadership (only once it has ended), the written appraisal opinion, the speech draft."""
    if not rules.can_report(actor, work):
        raise PermissionDenied(_("Chỉ người phụ trách báo cáo kết quả."))
    today = timezone.localdate()
    if work.needs_plan and work.status == WorkStatus.ASSIGNED:
        raise ValidationError(_("Cần báo cáo phạm vi, tiến độ với Trưởng phòng trước (Điều 6.2)."))
    if work.kind == WorkKind.SURVEY and work.event_ends_on and today < work.event_ends_on:
        raise ValidationError(
            {
                "result": _(
                    "Hội nghị, khảo sát chưa kết thúc (đến %(day)s): chưa báo cáo kết quả được."
                )
                % {"day": work.event_ends_on.strftime("%d/%m/%Y")}
            }
        )
    if not result.strip():
        raise ValidationError({"result": _("Nhập kết quả, ý kiến.")})
    work.result = result
    work.reported_at = timezone.now()
    work.status = WorkStatus.DONE
    audited_save(
        work,
        actor=actor,
        reason=_("Báo cáo kết quả"),
        update_fields=["result", "reported_at", "status", "updated_at"],
    )
    told = [work.assigned_by] if work.assigned_by_id else leadership_of(work.lead_unit)
    notify(
        about=work,
        recipients=[*told, ownership.head_of(work.lead_unit)],
        title=_("Đã báo cáo kết quả: %(title)s") % {"title": work.title},
        body=result,
    )
    return work


def works_remind(today: date | None = None) -> int:
    """Daily (beat): each open work past its deadline reminds its person in charge and the head,
    once a day. Returns the reminders sent by this run."""
    today = today or timezone.localdate()
    sent = 0
    for work in overdue_works(today):
        sent += remind_once(
            work,
            kind="overdue",
            recipients=[work.owner, ownership.head_of(work.lead_unit)],
            title=_("Quá hạn báo cáo: %(title)s (hạn %(due)s)")
            % {"title": work.title, "due": _deadline_text(work)},
            secret_title=_("Quá hạn báo cáo: %(item)s"),
            url=work.get_absolute_url(),
            today=today,
        )
    return sent
