"""Training (Điều 19): the unit's yearly plan, its courses, and each participant's report to the
head after the course."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from core.reminders import remind_once
from core.services import notify
from core.workdays import add_working_days
from personnel import permissions
from personnel.models import TrainingAttendance, TrainingCourse, TrainingPlan
from units import ownership
from units import permissions as door
from units.choices import ApprovalStatus
from units.models import Unit

#: working days after a course ends for the participant's report (Điều 19 sets no term; the
#: course form lets the head change it per course)
DEFAULT_REPORT_WORKING_DAYS = 5


@transaction.atomic
@in_office_language
def plan_create(*, actor, unit: Unit, year: int, title: str, content: str) -> TrainingPlan:
    if not permissions.heads(actor, unit.pk):
        raise PermissionDenied(
            _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới lập kế hoạch đào tạo.")
        )
    plan = TrainingPlan(lead_unit=unit, owner=actor, year=year, title=title, content=content)
    plan.full_clean()
    audited_save(plan, actor=actor, reason=_("Lập kế hoạch đào tạo, bồi dưỡng"))
    ownership.record_assignment(plan, actor=actor, reason=_("Lập kế hoạch đào tạo, bồi dưỡng"))
    return plan


@transaction.atomic
@in_office_language
def course_add(
    *,
    actor,
    plan: TrainingPlan,
    title: str,
    organiser: str,
    starts_on: date,
    ends_on: date,
    participants: Iterable,
    report_working_days: int = DEFAULT_REPORT_WORKING_DAYS,
) -> TrainingCourse:
    """The head adds a course and its participants; each is asked to report after it ends."""
    if not permissions.can_manage_training(actor, plan):
        raise PermissionDenied(_("Chỉ Trưởng phòng mới cử cán bộ đi đào tạo, bồi dưỡng."))
    if plan.approval_status == ApprovalStatus.SUBMITTED:
        raise ValidationError(_("Kế hoạch đang chờ lãnh đạo quyết định."))
    if starts_on.year != plan.year:
        raise ValidationError({"starts_on": _("Khóa học phải bắt đầu trong năm của kế hoạch.")})
    if report_working_days < 1:
        raise ValidationError(
            {"report_working_days": _("Thời hạn báo cáo ít nhất là 1 ngày làm việc.")}
        )
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": _("Cần chọn người tham gia.")})
    for person in participants:
        if door.viewer_for(person).unit_id != plan.lead_unit_id:
            raise ValidationError({"participants": _("Người tham gia phải là cán bộ của đơn vị.")})
    course = TrainingCourse(
        plan=plan, title=title, organiser=organiser, starts_on=starts_on, ends_on=ends_on
    )
    course.full_clean()
    audited_save(course, actor=actor, reason=_("Thêm khóa đào tạo, bồi dưỡng"))
    due = add_working_days(ends_on, report_working_days)
    for person in participants:
        attendance = TrainingAttendance(
            lead_unit=plan.lead_unit, owner=person, course=course, report_due=due
        )
        attendance.full_clean()
        audited_save(attendance, actor=actor, reason=_("Cử đi đào tạo, bồi dưỡng"))
        ownership.record_assignment(attendance, actor=actor, reason=_("Cử đi đào tạo, bồi dưỡng"))
        notify(
            about=attendance,
            recipients=[person],
            title=_("Được cử tham gia: %(course)s (%(start)s–%(end)s)")
            % {
                "course": title,
                "start": starts_on.strftime("%d/%m/%Y"),
                "end": ends_on.strftime("%d/%m/%Y"),
            },
            url=attendance.get_absolute_url(),
        )
    return course


@transaction.atomic
@in_office_language
def attendance_report(
    *,
    actor,
    attendance: TrainingAttendance,
    result: str,
    report: str,
    today: date | None = None,
) -> TrainingAttendance:
    """The participant reports the course's result to the head, after the course ends."""
    today = today or timezone.localdate()
    if attendance.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người tham gia mới báo cáo kết quả khóa học."))
    if attendance.reported_at is not None:
        raise ValidationError(_("Đã báo cáo kết quả khóa học."))
    course = attendance.course
    if today < course.ends_on:
        raise ValidationError(
            {
                "report": _("Khóa học đến ngày %(end)s mới kết thúc.")
                % {"end": course.ends_on.strftime("%d/%m/%Y")}
            }
        )
    if not report.strip():
        raise ValidationError({"report": _("Cần ghi kết quả học tập.")})
    attendance.result = result
    attendance.report = report
    attendance.reported_at = timezone.now()
    attendance.full_clean()
    audited_save(
        attendance,
        actor=actor,
        reason=_("Báo cáo kết quả đào tạo, bồi dưỡng"),
        update_fields=["result", "report", "reported_at", "updated_at"],
    )
    head = ownership.head_of(attendance.lead_unit)
    if head is not None and head.pk != actor.pk:
        notify(
            about=attendance,
            recipients=[head],
            title=_("Báo cáo kết quả khóa học: %(item)s") % {"item": attendance},
            body=report,
            url=attendance.get_absolute_url(),
        )
    return attendance


@in_office_language
def training_remind(today: date | None = None) -> int:
    """Daily (beat): a participant whose report is late is reminded, with his head."""
    today = today or timezone.localdate()
    sent = 0
    late = TrainingAttendance.objects.filter(
        reported_at__isnull=True, report_due__lt=today
    ).select_related("lead_unit", "owner", "course")
    for attendance in late:
        sent += remind_once(
            attendance,
            kind="overdue",
            recipients=[attendance.owner, ownership.head_of(attendance.lead_unit)],
            title=_("Quá hạn báo cáo kết quả khóa học (hạn %(due)s): %(item)s")
            % {"due": attendance.report_due.strftime("%d/%m/%Y"), "item": attendance},
            url=attendance.get_absolute_url(),
            today=today,
        )
    return sent
