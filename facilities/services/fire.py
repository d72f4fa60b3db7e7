"""Guarding and fire safety (Điều 9.3; Luật PCCC và CNCH 55/2024/QH15, Nghị định
105/2025/NĐ-CP): QT's register of fire-safety equipment and its reminders, drills of the fire
plan, inspections whose findings become tasks of QT, and the guard roster."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audited_m2m_set, audited_save, in_office_language, office_language
from core.reminders import remind_once
from facilities import permissions as rules
from facilities.models import FireDrill, FireEquipment, FireFinding, FireInspection, GuardShift
from facilities.services.requests import qt_staff_users
from units import ownership, permissions
from units import services as unit_services
from units.choices import Designation
from units.designations import designated_unit

#: How many days before an equipment's next date QT's staff are reminded.
REMIND_DAYS_BEFORE = 14


def _require_qt_staff(actor, message: str) -> None:
    if not rules.is_qt_staff(actor):
        raise PermissionDenied(message)


def _check_dates(last: date, next_due: date) -> None:
    if next_due <= last:
        raise ValidationError(
            {"next_due_on": _("Hạn kiểm tra tiếp theo phải sau ngày kiểm tra lần cuối.")}
        )


# The equipment register ---------------------------------------------------------------------


@transaction.atomic
@in_office_language
def equipment_register(
    *,
    actor,
    kind: str,
    name: str,
    location: str,
    quantity: int,
    last_inspected_on: date,
    next_due_on: date,
    note: str = "",
) -> FireEquipment:
    _require_qt_staff(actor, _("Chỉ Phòng Quản trị ghi sổ phương tiện PCCC."))
    _check_dates(last_inspected_on, next_due_on)
    equipment = FireEquipment(
        kind=kind,
        name=name,
        location=location,
        quantity=quantity,
        last_inspected_on=last_inspected_on,
        next_due_on=next_due_on,
        note=note,
    )
    equipment.full_clean()
    return audited_save(equipment, actor=actor, reason=_("Ghi sổ phương tiện PCCC"))


@transaction.atomic
@in_office_language
def equipment_inspect(
    *, actor, equipment: FireEquipment, inspected_on: date, next_due_on: date, note: str = ""
) -> FireEquipment:
    """An inspection or refill: the register moves its dates (and its reminders start again)."""
    _require_qt_staff(actor, _("Chỉ Phòng Quản trị ghi kiểm tra phương tiện PCCC."))
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("Ngày kiểm tra không được sau hôm nay.")})
    if inspected_on < equipment.last_inspected_on:
        raise ValidationError(
            {"inspected_on": _("Ngày kiểm tra không được trước lần kiểm tra đã ghi.")}
        )
    _check_dates(inspected_on, next_due_on)
    equipment.last_inspected_on = inspected_on
    equipment.next_due_on = next_due_on
    if note:
        equipment.note = note
    return audited_save(
        equipment,
        actor=actor,
        reason=_("Kiểm tra, nạp sạc phương tiện PCCC"),
        update_fields=["last_inspected_on", "next_due_on", "note"],
    )


def remind_fire_equipment(today: date | None = None) -> int:
    """Remind QT's staff of every piece of equipment due within `REMIND_DAYS_BEFORE` days, or
    overdue, once a day at most; how many reminders this run sent."""
    today = today or timezone.localdate()
    due = FireEquipment.objects.filter(
        is_active=True, next_due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
    ).order_by("next_due_on", "pk")
    recipients = qt_staff_users()
    title = gettext_lazy("Đến hạn kiểm tra phương tiện PCCC: %(item)s (%(day)s)")
    sent = 0
    with office_language():
        for equipment in due:
            sent += remind_once(
                equipment,
                kind="fire-inspection",
                recipients=recipients,
                title=str(title)
                % {"item": equipment, "day": equipment.next_due_on.strftime("%d/%m/%Y")},
                url=equipment.get_absolute_url(),
                today=today,
            )
    return sent


# Drills and inspections (QT's work) ---------------------------------------------------------


def _qt_unit():
    unit = designated_unit(Designation.FACILITIES)
    if unit is None:
        raise ValidationError(_("Chưa xác định Phòng Quản trị."))
    return unit


@transaction.atomic
@in_office_language
def drill_record(
    *,
    actor,
    held_at: datetime,
    location: str,
    scenario: str,
    participants: Iterable = (),
    minutes: str = "",
    owner=None,
) -> FireDrill:
    _require_qt_staff(actor, _("Chỉ Phòng Quản trị ghi thực tập phương án chữa cháy."))
    drill = FireDrill(
        lead_unit=_qt_unit(),
        owner=owner or actor,
        held_at=held_at,
        location=location,
        scenario=scenario,
        minutes=minutes,
    )
    drill.full_clean()
    audited_save(drill, actor=actor, reason=_("Ghi thực tập phương án chữa cháy"))
    ownership.record_assignment(drill, actor=actor, reason=_("Ghi thực tập phương án chữa cháy"))
    audited_m2m_set(
        drill, "participants", list(participants), actor=actor, reason=_("Người tham gia")
    )
    return drill


@transaction.atomic
@in_office_language
def drill_minutes(*, actor, drill: FireDrill, minutes: str, participants: Iterable) -> FireDrill:
    if not permissions.can_edit(actor, drill):
        raise PermissionDenied(_("Bạn không có quyền ghi biên bản thực tập này."))
    if not minutes.strip():
        raise ValidationError({"minutes": _("Cần ghi nội dung biên bản.")})
    if drill.held_at > timezone.now():
        raise ValidationError(_("Chỉ ghi biên bản sau buổi thực tập."))
    drill.minutes = minutes
    audited_save(
        drill,
        actor=actor,
        reason=_("Ghi biên bản thực tập"),
        update_fields=["minutes", "updated_at"],
    )
    audited_m2m_set(
        drill, "participants", list(participants), actor=actor, reason=_("Người tham gia")
    )
    return drill


@transaction.atomic
@in_office_language
def inspection_record(
    *,
    actor,
    inspected_on: date,
    inspector: str,
    scope: str,
    conclusion: str = "",
    findings: Iterable[str] = (),
    owner=None,
) -> FireInspection:
    _require_qt_staff(actor, _("Chỉ Phòng Quản trị ghi kiểm tra an toàn PCCC."))
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("Ngày kiểm tra không được sau hôm nay.")})
    inspection = FireInspection(
        lead_unit=_qt_unit(),
        owner=owner or actor,
        inspected_on=inspected_on,
        inspector=inspector,
        scope=scope,
        conclusion=conclusion,
    )
    inspection.full_clean()
    audited_save(inspection, actor=actor, reason=_("Ghi kiểm tra an toàn PCCC"))
    ownership.record_assignment(inspection, actor=actor, reason=_("Ghi kiểm tra an toàn PCCC"))
    for text in findings:
        finding_add(actor=actor, inspection=inspection, description=text)
    return inspection


@transaction.atomic
@in_office_language
def finding_add(*, actor, inspection: FireInspection, description: str) -> FireFinding:
    if not permissions.can_edit(actor, inspection):
        raise PermissionDenied(_("Bạn không có quyền ghi tồn tại của lần kiểm tra này."))
    if not description.strip():
        raise ValidationError({"description": _("Cần ghi nội dung tồn tại, kiến nghị.")})
    finding = FireFinding(inspection=inspection, description=description.strip())
    finding.full_clean()
    return audited_save(finding, actor=actor, reason=_("Ghi tồn tại qua kiểm tra PCCC"))


@transaction.atomic
@in_office_language
def finding_follow_up(*, actor, finding: FireFinding, owner, due_working_days: int):
    """QT's head gives the remedy of a finding to a member of QT: a task of the unit
    (`units.services.task_create`), linked to the finding."""
    if finding.task_id is not None:
        raise ValidationError(_("Tồn tại này đã được giao khắc phục."))
    task = unit_services.task_create(
        actor=actor,
        unit=finding.inspection.lead_unit,
        owner=owner,
        title=_("Khắc phục tồn tại PCCC: %(text)s") % {"text": finding.description[:200]},
        description=_("Theo %(inspection)s (%(inspector)s).")
        % {"inspection": finding.inspection, "inspector": finding.inspection.inspector},
        due_working_days=due_working_days,
    )
    finding.task = task
    audited_save(
        finding, actor=actor, reason=_("Giao khắc phục tồn tại PCCC"), update_fields=["task"]
    )
    return task


# The guard roster ---------------------------------------------------------------------------


def _clash(guard, starts_at: datetime, ends_at: datetime) -> GuardShift | None:
    return (
        GuardShift.objects.filter(guard=guard, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .order_by("starts_at")
        .first()
    )


def _clash_error(guard, shift: GuardShift) -> ValidationError:
    return ValidationError(
        {
            "guard": _("%(guard)s đã có ca trực trùng giờ: %(shift)s.")
            % {"guard": guard.get_full_name() or guard.username, "shift": shift}
        }
    )


@transaction.atomic
@in_office_language
def shift_create(
    *, actor, guard, post: str, starts_at: datetime, ends_at: datetime, note: str = ""
) -> GuardShift:
    _require_qt_staff(actor, _("Chỉ Phòng Quản trị lập lịch trực bảo vệ."))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Giờ kết thúc ca phải sau giờ bắt đầu.")})
    if not rules.is_qt_member(guard):
        raise ValidationError({"guard": _("Người trực phải là cán bộ Phòng Quản trị.")})
    clash = _clash(guard, starts_at, ends_at)
    if clash is not None:
        raise _clash_error(guard, clash)
    shift = GuardShift(guard=guard, post=post, starts_at=starts_at, ends_at=ends_at, note=note)
    shift.full_clean()
    try:
        with transaction.atomic():
            return audited_save(shift, actor=actor, reason=_("Lập ca trực bảo vệ"))
    except IntegrityError:
        clash = _clash(guard, starts_at, ends_at)
        if clash is None:
            raise
        raise _clash_error(guard, clash) from None
