"""Demo data of Cipher–IT, for cy.truong and cy.cv: a request to enter the cipher-machine room
waiting for the chief, the register's first messages, a support ticket assigned to cy.cv, a
rights request of th.truong for th.cv1 waiting for cy.truong, and a workstation to maintain."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from cipher.choices import Direction, EntryPurpose, EquipmentKind, Urgency
from cipher.models import CipherMessage, EntryRequest, Equipment, SupportTicket, TicketPriority
from cipher.services import equipment, register, room, support
from units import services as unit_services
from units.choices import PrivilegedChangeKind, RoleCode, Secrecy
from units.models import PrivilegedChange

PURPOSE = "Kiểm tra định kỳ thiết bị mật mã của Ban Cơ yếu Chính phủ"


def seed(users: dict) -> None:
    # The terms and priorities the first migration lays, laid again if a database was emptied.
    importlib.import_module("cipher.migrations.0001_initial").seed(apps, None)
    now = timezone.now()
    if not EntryRequest.objects.filter(purpose=PURPOSE).exists():
        room.entry_request_create(
            actor=users["cy.cv"],
            purpose_kind=EntryPurpose.INSPECTION,
            purpose=PURPOSE,
            people=(
                "Nguyễn Văn Kiểm, chuyên viên Cục Quản lý mật mã\n"
                "Triệu Văn Mạng, Phòng Cơ yếu – CNTT"
            ),
            window_start=now + timedelta(days=1),
            window_end=now + timedelta(days=1, hours=3),
        )
    if not CipherMessage.objects.exists():
        for direction, counterpart, secrecy, urgency, hours in [
            (Direction.RECEIVED, "Ban Cơ yếu Chính phủ", Secrecy.CONFIDENTIAL, Urgency.URGENT, 5),
            (Direction.SENT, "Văn phòng Trung ương Đảng", Secrecy.SECRET, Urgency.NORMAL, 2),
        ]:
            register.message_record(
                actor=users["cy.cv"],
                direction=direction,
                at=now - timedelta(hours=hours),
                counterpart=counterpart,
                secrecy=secrecy,
                urgency=urgency,
                handler=users["cy.cv"],
            )
    if not SupportTicket.objects.exists():
        ticket = support.ticket_create(
            actor=users["th.cv1"],
            subject="Máy tính không vào được mạng nội bộ",
            description="Từ sáng nay máy trạm phòng 203 báo lỗi kết nối.",
            priority=TicketPriority.objects.get(code="cao"),
        )
        support.ticket_assign(actor=users["cy.truong"], ticket=ticket, assignee=users["cy.cv"])
    if not PrivilegedChange.objects.filter(target=users["th.cv1"]).exists():
        today = timezone.localdate()
        unit_services.privileged_change_request(
            actor=users["th.truong"],
            target=users["th.cv1"],
            kind=PrivilegedChangeKind.ROLE,
            payload={
                "role": RoleCode.RECORDS_CLERK,
                "starts_on": today.isoformat(),
                "ends_on": (today + timedelta(days=90)).isoformat(),
            },
            scope="Vào sổ văn bản đến thay văn thư nghỉ phép",
            reason="Văn thư của Văn phòng nghỉ phép ba tháng, cần người đăng ký văn bản đến",
        )
    if not Equipment.objects.exists():
        equipment.equipment_create(
            actor=users["cy.cv"],
            name="Máy trạm phòng 203",
            kind=EquipmentKind.WORKSTATION,
            location="Phòng 203",
            maintenance_every_days=180,
            next_maintenance_on=timezone.localdate() + timedelta(days=5),
        )
