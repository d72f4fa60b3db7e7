"""IT support tickets (deadlines in working hours, assignment, status, notices with links),
equipment and its maintenance reminders, inspections of connected bodies' networks with
findings and follow-up."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cipher.choices import EquipmentKind, FindingStatus, TicketStatus
from cipher.models import Equipment, InspectionFinding, SupportTicket, TicketPriority
from cipher.services import equipment, support
from core.models import Notification
from units import permissions

pytestmark = pytest.mark.django_db


def _ticket(office, actor="other_staff", code="cao"):
    return support.ticket_create(
        actor=office[actor],
        subject="Máy in không nhận lệnh",
        description="Máy in tầng 2.",
        priority=TicketPriority.objects.get(code=code),
    )


def test_any_staff_member_asks_and_cipher_its_head_is_told_with_a_link(cy):
    ticket = _ticket(cy)
    assert ticket.owner == cy["cy_head"] and ticket.lead_unit.code == "cy"
    assert permissions.can_see(cy["other_staff"], ticket)
    assert not permissions.can_see(cy["other_head"], ticket)
    notice = Notification.objects.get(recipient=cy["cy_head"])
    assert notice.url == ticket.get_absolute_url()


def test_deadlines_count_working_hours_of_the_priority(cy):
    priority = TicketPriority.objects.get(code="cao")
    friday = datetime(2026, 3, 6, 16, 0, tzinfo=timezone.get_current_timezone())
    respond_by, resolve_by = support.deadlines(friday, priority)
    assert respond_by == friday.replace(day=9, hour=8, minute=30)
    # 8 hours: one on Friday, seven from Monday 07:30 (a day of 07:30–17:00).
    assert resolve_by == friday.replace(day=9, hour=14, minute=30)


def test_the_head_assigns_the_officer_answers_and_resolves(cy):
    ticket = _ticket(cy)
    with pytest.raises(PermissionDenied):
        support.ticket_assign(actor=cy["cy_officer"], ticket=ticket, assignee=cy["cy_officer"])
    support.ticket_assign(actor=cy["cy_head"], ticket=ticket, assignee=cy["cy_officer"])
    ticket.refresh_from_db()
    assert ticket.owner == cy["cy_officer"] and ticket.status == TicketStatus.ASSIGNED
    with pytest.raises(PermissionDenied):
        support.ticket_start(actor=cy["other_staff"], ticket=ticket)
    support.ticket_start(actor=cy["cy_officer"], ticket=ticket)
    with pytest.raises(ValidationError):
        support.ticket_resolve(actor=cy["cy_officer"], ticket=ticket, resolution=" ")
    support.ticket_resolve(
        actor=cy["cy_officer"], ticket=ticket, resolution="Cài lại trình điều khiển"
    )
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.RESOLVED and ticket.responded_at and ticket.resolved_at
    assert Notification.objects.filter(
        recipient=cy["other_staff"],
        title__startswith="Đã xử lý xong",
        url=ticket.get_absolute_url(),
    ).exists()


def test_late_tickets_remind_once_a_day(cy):
    ticket = _ticket(cy)
    assert support.remind_tickets(ticket.respond_by - timedelta(minutes=1)) == 0
    assert support.remind_tickets(ticket.respond_by + timedelta(minutes=1)) == 1
    assert support.remind_tickets(ticket.respond_by + timedelta(minutes=2)) == 0
    SupportTicket.objects.filter(pk=ticket.pk).update(
        respond_by=timezone.now() - timedelta(days=3), resolve_by=timezone.now() - timedelta(days=2)
    )
    assert support.remind_tickets() == 1


def test_maintenance_is_recorded_and_reminded(cy):
    machine = equipment.equipment_create(
        actor=cy["cy_officer"],
        name="Máy mã số 1",
        kind=EquipmentKind.CIPHER_MACHINE,
        maintenance_every_days=90,
        next_maintenance_on=timezone.localdate() + timedelta(days=3),
    )
    with pytest.raises(PermissionDenied):
        equipment.equipment_create(actor=cy["admin_elsewhere"], name="X", kind=EquipmentKind.OTHER)
    assert equipment.remind_maintenance() == 1
    assert equipment.remind_maintenance() == 0
    assert Notification.objects.filter(recipient=cy["cy_head"], title__startswith="Sắp đến hạn")
    with pytest.raises(ValidationError):
        equipment.maintenance_record(
            actor=cy["cy_officer"],
            equipment=machine,
            done_on=timezone.localdate() + timedelta(days=1),
            work="Vệ sinh",
            result="Tốt",
        )
    equipment.maintenance_record(
        actor=cy["cy_officer"],
        equipment=machine,
        done_on=timezone.localdate(),
        work="Vệ sinh",
        result="Tốt",
    )
    machine = Equipment.objects.get(pk=machine.pk)
    assert machine.next_maintenance_on == timezone.localdate() + timedelta(days=90)


def test_inspection_findings_are_followed_up(cy):
    inspection = equipment.inspection_create(
        actor=cy["cy_head"],
        body_name="Huyện ủy Đông Sơn",
        inspected_on=timezone.localdate() - timedelta(days=10),
        team="Lâm Văn Mã; Triệu Văn Mạng",
        owner=cy["cy_officer"],
    )
    finding = equipment.finding_add(
        actor=cy["cy_officer"],
        inspection=inspection,
        description="Máy trạm kết nối Internet trực tiếp",
        action_required="Tách mạng",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(PermissionDenied):
        equipment.finding_add(
            actor=cy["staff"],
            inspection=inspection,
            description="x",
            action_required="y",
            due_on=timezone.localdate(),
        )
    assert equipment.remind_findings() == 1
    equipment.finding_follow_up(
        actor=cy["cy_officer"], finding=finding, follow_up="Đã tách mạng", fixed=True
    )
    finding = InspectionFinding.objects.get(pk=finding.pk)
    assert finding.status == FindingStatus.FIXED and finding.closed_on == timezone.localdate()
    assert equipment.remind_findings(timezone.localdate() + timedelta(days=1)) == 0
