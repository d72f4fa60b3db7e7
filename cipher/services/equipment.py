"""Equipment and its maintenance (Điều 11.4), and the inspections of the networks of Party
bodies connected to the committee's wide-area network with their follow-up (Điều 11.8)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import permissions as cipher_permissions
from cipher.choices import EquipmentStatus, FindingStatus
from cipher.models import (
    CipherTerms,
    Equipment,
    InspectionFinding,
    MaintenanceRecord,
    NetworkInspection,
)
from cipher.services._common import cipher_unit
from core.audit import audited_save, in_office_language
from core.reminders import remind_once
from units import ownership, permissions


def _require_keeper(actor) -> None:
    if not cipher_permissions.may_keep_cipher_books(actor):
        raise PermissionDenied(_("Chỉ Phòng Cơ yếu – CNTT quản lý thiết bị và kiểm tra mạng."))


@transaction.atomic
@in_office_language
def equipment_create(
    *,
    actor,
    name: str,
    kind: str,
    serial_number: str = "",
    location: str = "",
    unit=None,
    ip_address: str | None = None,
    maintenance_every_days: int | None = None,
    next_maintenance_on: date | None = None,
) -> Equipment:
    _require_keeper(actor)
    if maintenance_every_days and next_maintenance_on is None:
        next_maintenance_on = timezone.localdate() + timedelta(days=maintenance_every_days)
    equipment = Equipment(
        name=name.strip(),
        kind=kind,
        serial_number=serial_number.strip(),
        location=location.strip(),
        unit=unit,
        ip_address=ip_address or None,
        maintenance_every_days=maintenance_every_days,
        next_maintenance_on=next_maintenance_on,
    )
    equipment.full_clean()
    audited_save(equipment, actor=actor, reason=_("Đưa thiết bị vào sổ quản lý"))
    return equipment


@transaction.atomic
@in_office_language
def maintenance_record(
    *, actor, equipment: Equipment, done_on: date, work: str, result: str
) -> MaintenanceRecord:
    """Record a maintenance; the next one falls due one interval after it."""
    _require_keeper(actor)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ngày bảo dưỡng không được ở tương lai.")})
    equipment = Equipment.objects.select_for_update().get(pk=equipment.pk)
    record = MaintenanceRecord(
        equipment=equipment, done_on=done_on, done_by=actor, work=work.strip(), result=result
    )
    record.full_clean()
    audited_save(record, actor=actor, reason=_("Ghi sổ bảo dưỡng"))
    if equipment.maintenance_every_days:
        equipment.next_maintenance_on = done_on + timedelta(days=equipment.maintenance_every_days)
        audited_save(
            equipment,
            actor=actor,
            reason=_("Bảo dưỡng ngày %(date)s") % {"date": done_on.strftime("%d/%m/%Y")},
            update_fields=["next_maintenance_on"],
        )
    return record


def remind_maintenance(today: date | None = None) -> int:
    """The beat job: equipment in use whose maintenance falls due within the set days (or is
    past due) reminds Cipher–IT's head once a day."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=CipherTerms.current().maintenance_remind_days)
    heads = list(cipher_permissions.cipher_heads())
    sent = 0
    rows = Equipment.objects.filter(
        status=EquipmentStatus.IN_USE, next_maintenance_on__lte=horizon
    ).order_by("next_maintenance_on", "pk")
    for equipment in rows:
        overdue = equipment.next_maintenance_on < today
        sent += remind_once(
            equipment,
            kind="maintenance_overdue" if overdue else "maintenance_due",
            recipients=heads,
            title=(
                _("Quá hạn bảo dưỡng: %(name)s (hạn %(date)s)")
                if overdue
                else _("Sắp đến hạn bảo dưỡng: %(name)s (hạn %(date)s)")
            )
            % {"name": equipment.name, "date": equipment.next_maintenance_on.strftime("%d/%m/%Y")},
            today=today,
        )
    return sent


@transaction.atomic
@in_office_language
def inspection_create(
    *, actor, body_name: str, inspected_on: date, team: str, owner, conclusion: str = ""
) -> NetworkInspection:
    _require_keeper(actor)
    unit = cipher_unit()
    ownership.validate_owner(unit, owner)
    inspection = NetworkInspection(
        lead_unit=unit,
        owner=owner,
        body_name=body_name.strip(),
        inspected_on=inspected_on,
        team=team.strip(),
        conclusion=conclusion.strip(),
    )
    inspection.full_clean()
    audited_save(inspection, actor=actor, reason=_("Ghi kết quả kiểm tra mạng"))
    ownership.record_assignment(inspection, actor=actor, reason=_("Kiểm tra mạng"))
    return inspection


@transaction.atomic
@in_office_language
def finding_add(
    *, actor, inspection: NetworkInspection, description: str, action_required: str, due_on: date
) -> InspectionFinding:
    if not permissions.can_edit(actor, inspection):
        raise PermissionDenied(_("Bạn không được sửa đợt kiểm tra này."))
    if due_on < inspection.inspected_on:
        raise ValidationError({"due_on": _("Hạn khắc phục phải từ ngày kiểm tra trở đi.")})
    finding = InspectionFinding(
        inspection=inspection,
        description=description.strip(),
        action_required=action_required.strip(),
        due_on=due_on,
    )
    finding.full_clean()
    audited_save(finding, actor=actor, reason=_("Ghi tồn tại cần khắc phục"))
    return finding


@transaction.atomic
@in_office_language
def finding_follow_up(
    *, actor, finding: InspectionFinding, follow_up: str, fixed: bool
) -> InspectionFinding:
    """Record what the body did; a fixed finding is closed today."""
    finding = InspectionFinding.objects.select_for_update().get(pk=finding.pk)
    if not permissions.can_edit(actor, finding.inspection):
        raise PermissionDenied(_("Bạn không được sửa đợt kiểm tra này."))
    if finding.status == FindingStatus.FIXED:
        raise ValidationError(_("Tồn tại này đã được khắc phục."))
    if not follow_up.strip():
        raise ValidationError({"follow_up": _("Ghi kết quả theo dõi.")})
    finding.follow_up = follow_up.strip()
    if fixed:
        finding.status = FindingStatus.FIXED
        finding.closed_on = timezone.localdate()
    audited_save(
        finding,
        actor=actor,
        reason=_("Theo dõi khắc phục"),
        update_fields=["follow_up", "status", "closed_on"],
    )
    return finding


def remind_findings(today: date | None = None) -> int:
    """The beat job: open findings past their due date remind the inspection's officer."""
    today = today or timezone.localdate()
    sent = 0
    rows = InspectionFinding.objects.filter(
        status=FindingStatus.OPEN, due_on__lt=today
    ).select_related("inspection__owner")
    for finding in rows:
        sent += remind_once(
            finding,
            kind="finding_overdue",
            recipients=[finding.inspection.owner],
            title=_("Quá hạn khắc phục sau kiểm tra mạng %(body)s: %(finding)s")
            % {"body": finding.inspection.body_name, "finding": finding.description},
            url=finding.inspection.get_absolute_url(),
            today=today,
        )
    return sent
