"""Cipher–IT's pages over HTTP: every page renders for those who may open it, bad input is
answered with its Vietnamese message and writes nothing, and each list costs the same number
of queries with one row or many."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cipher.choices import Direction, EntryPurpose, EquipmentKind, Urgency
from cipher.models import EntryRequest, RoomLogEntry, SupportTicket, TicketPriority
from cipher.services import equipment, register, room, support
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind, PrivilegedChangeKind, RoleCode, Secrecy
from units.models import PrivilegedChange, RoleAssignment

pytestmark = pytest.mark.django_db


def _entry(cy, start=-30, end=120, actor="staff"):
    now = timezone.now()
    return room.entry_request_create(
        actor=cy[actor],
        purpose_kind=EntryPurpose.WORK,
        purpose="Bảo trì điều hòa phòng máy",
        people="Thợ điện Công ty A",
        window_start=now + timedelta(minutes=start),
        window_end=now + timedelta(minutes=end),
    )


def _message(cy, n=1):
    for _ in range(n):
        register.message_record(
            actor=cy["cy_officer"],
            direction=Direction.RECEIVED,
            at=timezone.now() - timedelta(minutes=3),
            counterpart="Ban Cơ yếu Chính phủ",
            secrecy=Secrecy.CONFIDENTIAL,
            urgency=Urgency.NORMAL,
            handler=cy["cy_officer"],
        )


def _ticket(cy, n=1):
    for _ in range(n):
        support.ticket_create(
            actor=cy["staff"], subject="Lỗi mạng", priority=TicketPriority.objects.first()
        )


def _right(cy):
    today = timezone.localdate()
    change = unit_services.privileged_change_request(
        actor=cy["coord_head"],
        target=cy["coord_staff"],
        kind=PrivilegedChangeKind.ROLE,
        payload={
            "role": RoleCode.RECORDS_CLERK,
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=10)).isoformat(),
        },
        reason="Thay văn thư nghỉ phép mười ngày",
        scope="Sổ đến",
    )
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)


def test_every_page_renders(client, cy):
    entry = _entry(cy)
    _message(cy)
    _ticket(cy)
    _right(cy)
    machine = equipment.equipment_create(
        actor=cy["cy_officer"], name="Máy mã", kind=EquipmentKind.CIPHER_MACHINE
    )
    inspection = equipment.inspection_create(
        actor=cy["cy_head"],
        body_name="Huyện ủy",
        inspected_on=timezone.localdate(),
        team="Đoàn",
        owner=cy["cy_officer"],
    )
    client.force_login(cy["cy_head"])
    pages = [
        "/",
        "/co-yeu/",
        "/co-yeu/phong-may-ma/",
        "/co-yeu/phong-may-ma/de-nghi/",
        entry.get_absolute_url(),
        "/co-yeu/so-dien/",
        "/co-yeu/so-dien/vao-so/",
        "/co-yeu/so-dien/?chieu=sent&q=ban",
        "/co-yeu/thiet-bi/",
        machine.get_absolute_url(),
        "/co-yeu/kiem-tra-mang/",
        inspection.get_absolute_url(),
        "/co-yeu/ho-tro/",
        "/co-yeu/ho-tro/gui/",
        SupportTicket.objects.get().get_absolute_url(),
        "/co-yeu/quyen/",
        "/co-yeu/quyen/?xem=tat-ca&q=hc",
        f"/co-yeu/quyen/{RoleAssignment.objects.get(user=cy['coord_staff']).pk}/",
        "/co-yeu/quyen/don-vi/",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    client.force_login(cy["chief"])
    assert client.get(f"/admin/cipher/entryrequest/{entry.pk}/change/").status_code == 200
    client.force_login(cy["coord_head"])
    assert client.get("/co-yeu/quyen/don-vi/").status_code == 200
    client.force_login(cy["coord_staff"])
    assert client.get("/co-yeu/quyen/don-vi/").status_code == 404


def test_an_entry_outside_the_window_is_refused_on_the_page(client, cy):
    entry = _entry(cy, start=30, end=120)
    approvals.approval_decide(actor=cy["chief"], obj=entry, kind=DecisionKind.APPROVE)
    client.force_login(cy["cy_head"])
    now = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    response = client.post(
        entry.get_absolute_url(), {"action": "entry", "entry-at": now, "entry-note": ""}
    )
    assert response.status_code == 200
    assert "ngoài khung giờ được duyệt" in response.content.decode()
    assert not RoomLogEntry.objects.exists()


def test_a_window_that_ended_is_refused_on_the_page(client, cy):
    client.force_login(cy["staff"])
    past = timezone.localtime() - timedelta(hours=3)
    response = client.post(
        "/co-yeu/phong-may-ma/de-nghi/",
        {
            "purpose_kind": "work",
            "purpose": "Sửa máy",
            "people": "A",
            "window_start": past.strftime("%d/%m/%Y %H:%M"),
            "window_end": (past + timedelta(hours=1)).strftime("%d/%m/%Y %H:%M"),
        },
    )
    assert response.status_code == 200
    assert "Khung giờ vào phòng đã qua." in response.content.decode()
    assert not EntryRequest.objects.exists()


def _request_form(cy, reason):
    today = timezone.localdate()
    from units.models import Role

    return {
        "form": "request",
        "target": cy["coord_staff"].pk,
        "role": Role.objects.get(code=RoleCode.RECORDS_CLERK).pk,
        "scope": "Sổ văn bản đến",
        "starts_on": today.strftime("%d/%m/%Y"),
        "ends_on": (today + timedelta(days=30)).strftime("%d/%m/%Y"),
        "reason": reason,
    }


def test_a_reason_too_short_is_refused_on_the_heads_page(client, cy):
    client.force_login(cy["coord_head"])
    response = client.post("/co-yeu/quyen/don-vi/", _request_form(cy, "Cần gấp"))
    assert response.status_code == 200
    assert "Ghi rõ lý do (ít nhất 20 ký tự)." in response.content.decode()
    assert not PrivilegedChange.objects.exists()


def test_a_head_cannot_ask_for_himself_nor_approve_his_own_request(client, cy):
    client.force_login(cy["coord_head"])
    data = _request_form(cy, "Cần thay văn thư nghỉ phép dài ngày")
    data["target"] = cy["coord_head"].pk
    response = client.post("/co-yeu/quyen/don-vi/", data)
    assert response.status_code == 200
    assert not PrivilegedChange.objects.exists()
    data["target"] = cy["coord_staff"].pk
    assert client.post("/co-yeu/quyen/don-vi/", data).status_code == 302
    change = PrivilegedChange.objects.get()
    response = client.post(
        "/co-yeu/quyen/don-vi/", {"form": "decide", "change": change.pk, "decision": "approve"}
    )
    assert response.status_code == 404
    change.refresh_from_db()
    assert change.is_pending and not RoleAssignment.objects.filter(user=cy["coord_staff"])


@pytest.mark.parametrize(
    ("url", "make", "user"),
    [
        ("/co-yeu/phong-may-ma/", lambda cy, n: [_entry(cy) for _ in range(n)], "cy_head"),
        ("/co-yeu/so-dien/", _message, "cy_officer"),
        ("/co-yeu/ho-tro/", _ticket, "cy_head"),
        ("/co-yeu/quyen/", lambda cy, n: [_right_for(cy, i) for i in range(n)], "cy_head"),
    ],
)
def test_lists_cost_the_same_with_one_row_or_many(
    client, cy, django_assert_num_queries, url, make, user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cy[user])
    make(cy, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    make(cy, 6)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def _right_for(cy, i):
    from units.choices import Position
    from units.services import staff_create

    person = staff_create(
        actor=None,
        username=f"hc_extra_{i}_{RoleAssignment.objects.count()}",
        full_name=f"Cán bộ thêm {i}",
        position=Position.SPECIALIST,
        unit=cy.units["hc"],
        roles=[RoleCode.RECORDS_CLERK],
    )
    return person
