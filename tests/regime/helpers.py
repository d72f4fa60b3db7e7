"""Walks a unit's regulation through the real services: draft, discussion, submission and the
deputy chief in charge's approval."""

from django.utils import timezone

from regime import services
from units import approvals
from units.choices import DecisionKind
from units.services import discussion_record

TEXT_V1 = (
    "Điều 1. Giao ban sáng thứ Hai.\nĐiều 2. Báo cáo tuần chiều thứ Sáu.\nĐiều 3. Trực cơ quan."
)


def draft(office, *, effective_from, text=TEXT_V1, note="", actor="head"):
    return services.regulation_draft(
        actor=office[actor],
        unit=office.units["th"],
        title="Quy chế làm việc của Phòng Tổng hợp",
        text=text,
        effective_from=effective_from,
        change_note=note,
    )


def discuss(office, version):
    discussion_record(
        actor=office["head"],
        obj=version,
        held_on=timezone.localdate(),
        participants=[office["head"], office["deputy"]],
        opinions="Thống nhất.",
        conclusion="Trình lãnh đạo.",
    )


def approve(office, version):
    discuss(office, version)
    approvals.approval_submit(actor=office["head"], obj=version)
    approvals.approval_decide(actor=office["dc_in_charge"], obj=version, kind=DecisionKind.APPROVE)
    version.refresh_from_db()
    return version
