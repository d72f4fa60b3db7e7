"""The audit walker of Cipher–IT: every tracked model, the scenario that writes it through the
real services, and the catalogues written only by migrations and the admin."""

from datetime import timedelta

from django.utils import timezone

from cipher.choices import Direction, EntryPurpose, EquipmentKind, Urgency
from cipher.models import TicketPriority
from cipher.services import equipment, register, room, support
from tests.kit.audit import audit_tests
from units import approvals
from units.choices import DecisionKind, Secrecy


def room_visit(cy):
    now = timezone.now()
    request = room.entry_request_create(
        actor=cy["staff"],
        purpose_kind=EntryPurpose.WORK,
        purpose="Thay bộ lưu điện",
        people="Cán bộ th_staff",
        window_start=now,
        window_end=now + timedelta(hours=1),
    )
    approvals.approval_decide(actor=cy["chief"], obj=request, kind=DecisionKind.APPROVE)
    request.refresh_from_db()
    room.room_entry_record(actor=cy["cy_head"], request=request, at=timezone.now())
    room.room_exit_record(actor=cy["cy_head"], request=request, at=timezone.now())
    room.room_minutes_record(
        actor=cy["cy_head"], request=request, work_done="Thay", result="Tốt", signatories="A; B"
    )


def message(cy):
    register.message_record(
        actor=cy["cy_officer"],
        direction=Direction.SENT,
        at=timezone.now() - timedelta(minutes=1),
        counterpart="Tỉnh ủy Nghệ An",
        secrecy=Secrecy.CONFIDENTIAL,
        urgency=Urgency.NORMAL,
        handler=cy["cy_officer"],
    )


def maintenance(cy):
    machine = equipment.equipment_create(
        actor=cy["cy_officer"],
        name="Bộ định tuyến",
        kind=EquipmentKind.NETWORK_DEVICE,
        ip_address="10.0.0.1",
        maintenance_every_days=30,
    )
    equipment.maintenance_record(
        actor=cy["cy_officer"],
        equipment=machine,
        done_on=timezone.localdate(),
        work="Cập nhật phần mềm",
        result="Tốt",
    )


def inspection(cy):
    done = equipment.inspection_create(
        actor=cy["cy_head"],
        body_name="Đảng ủy Khối",
        inspected_on=timezone.localdate(),
        team="Đoàn Cơ yếu",
        owner=cy["cy_officer"],
    )
    finding = equipment.finding_add(
        actor=cy["cy_officer"],
        inspection=done,
        description="Chưa có tường lửa",
        action_required="Lắp tường lửa",
        due_on=timezone.localdate() + timedelta(days=10),
    )
    equipment.finding_follow_up(
        actor=cy["cy_officer"], finding=finding, follow_up="Đã lắp", fixed=True
    )


def ticket(cy):
    made = support.ticket_create(
        actor=cy["staff"], subject="Quên mật khẩu thư", priority=TicketPriority.objects.first()
    )
    support.ticket_assign(actor=cy["cy_head"], ticket=made, assignee=cy["cy_officer"])
    support.ticket_start(actor=cy["cy_officer"], ticket=made)
    support.ticket_resolve(actor=cy["cy_officer"], ticket=made, resolution="Đã cấp lại")


SERVICES = {
    "cipher.EntryRequest": [room_visit],
    "cipher.CipherMessage": [message],
    "cipher.Equipment": [maintenance],
    "cipher.MaintenanceRecord": [maintenance],
    "cipher.NetworkInspection": [inspection],
    "cipher.InspectionFinding": [inspection],
    "cipher.SupportTicket": [ticket],
}
CATALOGUES = {"cipher.CipherTerms", "cipher.TicketPriority"}

(
    test_every_tracked_model_says_which_services_write_it,
    test_every_history_row_of_a_service_write_has_its_user_and_reason,
) = audit_tests(
    "cipher",
    SERVICES,
    CATALOGUES,
    fixtures=("cy",),
    elsewhere=("tests.cipher.security.test_cipher_security_audit",),
)
