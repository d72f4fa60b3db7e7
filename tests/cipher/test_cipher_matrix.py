"""The permission matrix of Cipher–IT's work, with the kit's fifteen roles: entry requests and
tickets are owned work (the door); the message register is CY's book, 404 for everyone but
its members and the chief whatever else they hold; rights requests are decided by the right
people only.

Entry requests and tickets leave out the kit's admin column: a CY officer who is a system
administrator has no model right on them in the admin (he works on the site), so his admin
answer is Django's 403, not the door's; the chief's decision page is driven by the browser
flow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cipher.choices import Direction, EntryPurpose, Urgency
from cipher.models import CipherMessage, EntryRequest, SupportTicket, TicketPriority
from cipher.services import register, room, support
from tests.kit.permission_matrix import ROLES, Case, Made, matrix
from units import ownership, permissions, selectors
from units import services as unit_services
from units.choices import Position, PrivilegedChangeKind, RoleCode, Secrecy
from units.models import PrivilegedChange, StaffMember


def _cy_head(office):
    """CY's head (no role of the kit's fifteen): whom a new request or ticket goes to first."""
    found = StaffMember.objects.filter(user__username="cy_matrix_head").first()
    if found:
        return found.user
    return unit_services.staff_create(
        actor=None,
        username="cy_matrix_head",
        full_name="Trưởng phòng Cơ yếu",
        position=Position.HEAD,
        unit=office.units["cy"],
    ).user


def make_entry(office, secret):
    head = _cy_head(office)
    now = timezone.now()
    request = room.entry_request_create(
        actor=office["staff"],
        purpose_kind=EntryPurpose.WORK,
        purpose="Sửa nguồn điện phòng máy",
        people="Cán bộ th_staff",
        window_start=now,
        window_end=now + timedelta(hours=2),
    )
    ownership.work_reassign(
        actor=head, obj=request, new_owner=office["sysadmin"], reason="Giao cán bộ trực phòng"
    )
    return Made(EntryRequest.objects.get(pk=request.pk), grantees=frozenset({"staff"}))


def make_ticket(office, secret):
    head = _cy_head(office)
    ticket = support.ticket_create(
        actor=office["other_staff"],
        subject="Không in được",
        priority=TicketPriority.objects.get(code="thuong"),
    )
    support.ticket_assign(actor=head, ticket=ticket, assignee=office["sysadmin"])
    return Made(SupportTicket.objects.get(pk=ticket.pk), grantees=frozenset({"other_staff"}))


def make_message(office, secret):
    message = register.message_record(
        actor=office["sysadmin"],
        direction=Direction.RECEIVED,
        at=timezone.now() - timedelta(minutes=5),
        counterpart="Ban Cơ yếu Chính phủ",
        secrecy=Secrecy.CONFIDENTIAL if secret else Secrecy.NONE,
        urgency=Urgency.NORMAL,
        handler=office["sysadmin"],
    )
    return Made(message)


BOOKS = {"view": {"plain": {"chief", "lead_member"}, "secret": {"chief", "lead_member"}}}

CASES = [
    Case(
        name="entry_request",
        model=EntryRequest,
        make=make_entry,
        lead_unit="cy",
        owner="sysadmin",
        list_url="/co-yeu/phong-may-ma/",
        variants=("plain",),
        admin=False,
    ),
    Case(
        name="ticket",
        model=SupportTicket,
        make=make_ticket,
        lead_unit="cy",
        owner="sysadmin",
        list_url="/co-yeu/ho-tro/",
        variants=("plain",),
        admin=False,
    ),
    Case(
        name="cipher_message",
        model=CipherMessage,
        make=make_message,
        lead_unit="cy",
        owner="sysadmin",
        list_url="/co-yeu/so-dien/",
        rules=BOOKS,
        door=False,
        list_hidden=True,
    ),
]

matrix_data, test_matrix = matrix(CASES)

# Rights requests ------------------------------------------------------------------------------

#: asked by TH's acting head (TH's head today) for TH's staff member: the head's approval is
#: given by asking; the chief (or CY's head) decides second.
RIGHTS = {
    "decide": {"chief"},
    "see_request": {"chief", "sysadmin", "acting_head", "staff"},
    "rights_register": {"chief", "sysadmin"},
}


@pytest.fixture
def rights_request(matrix_data, db):
    _cy_head(matrix_data.office)
    today = timezone.localdate()
    return unit_services.privileged_change_request(
        actor=matrix_data.office["acting_head"],
        target=matrix_data.office["staff"],
        kind=PrivilegedChangeKind.ROLE,
        payload={
            "role": RoleCode.RECORDS_CLERK,
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=30)).isoformat(),
        },
        reason="Thay văn thư nghỉ phép trong ba mươi ngày",
        scope="Sổ văn bản đến",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_rights_request_matrix(matrix_data, rights_request, role):
    user = matrix_data.office[role]
    change = PrivilegedChange.objects.get(pk=rights_request.pk)
    assert permissions.can_decide_privileged_change(user, change) == (role in RIGHTS["decide"])
    seen = selectors.privileged_changes_for(user).filter(pk=change.pk).exists()
    assert seen == (role in RIGHTS["see_request"])
    status = matrix_data.clients[role].get("/co-yeu/quyen/").status_code
    assert status == (200 if role in RIGHTS["rights_register"] else 404)
