"""The cipher-machine room (Điều 11.1): only the chief approves, beforehand, never the
requester; entry and exit are recorded by CY within the approved window; the minutes are due
within the set time after the exit, or CY's head and the chief are alerted; the log is
append-only down to PostgreSQL."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from cipher.choices import EntryPurpose, RoomEventKind
from cipher.models import CipherTerms, EntryRequest, RoomLogEntry
from cipher.services import room
from core.models import Notification, ReminderLog
from tests.cipher.conftest import window
from units import approvals, permissions
from units.choices import ApprovalStatus, DecisionKind

pytestmark = pytest.mark.django_db


def _request(office, actor="staff", start=-30, end=120) -> EntryRequest:
    window_start, window_end = window(start, end)
    return room.entry_request_create(
        actor=office[actor],
        purpose_kind=EntryPurpose.INSPECTION,
        purpose="Kiểm tra thiết bị mật mã",
        people="Nguyễn Văn Kiểm, Cục Quản lý mật mã",
        window_start=window_start,
        window_end=window_end,
    )


def _approved(office, **kwargs) -> EntryRequest:
    request = _request(office, **kwargs)
    approvals.approval_decide(actor=office["chief"], obj=request, kind=DecisionKind.APPROVE)
    request.refresh_from_db()
    return request


def test_a_request_goes_to_the_chief_at_once_and_the_requester_follows_it(cy):
    request = _request(cy)
    assert request.approval_status == ApprovalStatus.SUBMITTED
    assert request.lead_unit.code == "cy" and request.owner == cy["cy_head"]
    assert permissions.can_see(cy["staff"], request)
    assert approvals.can_decide(cy["chief"], request)
    assert not approvals.can_decide(cy["dc_other"], request)
    assert Notification.objects.filter(recipient=cy["chief"], title__contains="Chờ quyết định")


def test_the_requester_can_never_approve_his_own_request(cy):
    request = _request(cy, actor="cy_officer")
    refusal = approvals.decision_refusal(cy["cy_officer"], request)
    assert refusal == "Người đề nghị (người được hưởng) không tự duyệt nội dung của mình."
    with pytest.raises(PermissionDenied):
        approvals.approval_decide(actor=cy["cy_officer"], obj=request, kind=DecisionKind.APPROVE)
    request.refresh_from_db()
    assert request.approval_status == ApprovalStatus.SUBMITTED


def test_the_chief_cannot_ask_for_himself(cy):
    with pytest.raises(ValidationError) as error:
        _request(cy, actor="chief")
    assert "không tự đề nghị" in " ".join(error.value.messages)
    assert not EntryRequest.objects.exists()


def test_a_window_that_ended_is_refused_and_nothing_is_written(cy):
    with pytest.raises(ValidationError) as error:
        _request(cy, start=-120, end=-60)
    assert error.value.message_dict["window_end"] == ["Khung giờ vào phòng đã qua."]
    assert not EntryRequest.objects.exists()


def test_the_chief_cannot_approve_after_the_window(cy):
    request = _request(cy, start=-30, end=1)
    EntryRequest.objects.filter(pk=request.pk).update(
        window_end=timezone.now() - timedelta(minutes=1)
    )
    request.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        approvals.approval_decide(actor=cy["chief"], obj=request, kind=DecisionKind.APPROVE)
    assert "không duyệt được" in " ".join(error.value.messages)
    request.refresh_from_db()
    assert request.approval_status == ApprovalStatus.SUBMITTED


def test_no_entry_before_the_chief_approved(cy):
    request = _request(cy)
    with pytest.raises(ValidationError) as error:
        room.room_entry_record(actor=cy["cy_head"], request=request, at=timezone.now())
    assert "chưa được Chánh Văn phòng duyệt" in " ".join(error.value.messages)
    assert not RoomLogEntry.objects.exists()


def test_an_entry_outside_the_window_is_refused_with_the_reason(cy):
    request = _approved(cy, start=10, end=120)
    with pytest.raises(ValidationError) as error:
        room.room_entry_record(actor=cy["cy_head"], request=request, at=timezone.now())
    message = error.value.message_dict["at"][0]
    assert "ngoài khung giờ được duyệt" in message and "không được vào phòng" in message
    assert not RoomLogEntry.objects.exists()


def test_only_cipher_it_records_the_room(cy):
    request = _approved(cy)
    for outsider in ("staff", "chief", "dc_other", "admin_elsewhere"):
        with pytest.raises(PermissionDenied):
            room.room_entry_record(actor=cy[outsider], request=request, at=timezone.now())
    assert not RoomLogEntry.objects.exists()


def test_entry_exit_and_minutes_against_the_approved_request(cy):
    request = _approved(cy)
    entered = timezone.now()
    room.room_entry_record(actor=cy["cy_head"], request=request, at=entered)
    with pytest.raises(ValidationError):
        room.room_exit_record(
            actor=cy["cy_head"], request=request, at=entered - timedelta(minutes=1)
        )
    exit_row = room.room_exit_record(actor=cy["cy_head"], request=request, at=timezone.now())
    hours = CipherTerms.current().minutes_within_hours
    assert exit_row.minutes_due_at == exit_row.at + timedelta(hours=hours)
    with pytest.raises(ValidationError):
        room.room_minutes_record(
            actor=cy["cy_head"], request=request, work_done="", result="", signatories=""
        )
    room.room_minutes_record(
        actor=cy["cy_head"],
        request=request,
        work_done="Kiểm tra niêm phong máy mã",
        result="Đạt yêu cầu",
        signatories="Nguyễn Văn Kiểm; Lâm Văn Mã",
    )
    assert [row.kind for row in request.log.order_by("pk")] == [
        RoomEventKind.ENTRY,
        RoomEventKind.EXIT,
        RoomEventKind.MINUTES,
    ]
    assert not room.minutes_overdue(timezone.now() + timedelta(hours=hours + 1)).exists()


def test_leaving_after_the_window_needs_its_reason(cy):
    request = _approved(cy, start=-60, end=2)
    room.room_entry_record(actor=cy["cy_head"], request=request, at=timezone.now())
    EntryRequest.objects.filter(pk=request.pk).update(
        window_end=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as error:
        room.room_exit_record(actor=cy["cy_head"], request=request, at=timezone.now())
    assert "ghi rõ lý do" in error.value.message_dict["note"][0]
    assert not RoomLogEntry.objects.filter(kind=RoomEventKind.EXIT).exists()
    room.room_exit_record(
        actor=cy["cy_head"], request=request, at=timezone.now(), note="Chờ niêm phong lại máy"
    )


def test_late_minutes_alert_cipher_heads_and_the_chief_once_a_day(cy):
    request = _approved(cy)
    room.room_entry_record(actor=cy["cy_head"], request=request, at=timezone.now())
    room.room_exit_record(actor=cy["cy_head"], request=request, at=timezone.now())
    hours = CipherTerms.current().minutes_within_hours
    assert room.remind_late_minutes(timezone.now() + timedelta(hours=hours - 1)) == 0
    later = timezone.now() + timedelta(hours=hours + 1)
    assert room.remind_late_minutes(later) == 1
    assert room.remind_late_minutes(later) == 0
    alerted = set(
        Notification.objects.filter(title__startswith="Quá hạn lập biên bản").values_list(
            "recipient_id", flat=True
        )
    )
    assert alerted == {cy["cy_head"].pk, cy["chief"].pk}
    assert ReminderLog.objects.filter(kind=room.MINUTES_LATE).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_log_is_append_only_in_the_database_itself(cy):
    request = _approved(cy)
    row = room.room_entry_record(actor=cy["cy_head"], request=request, at=timezone.now())
    table = RoomLogEntry._meta.db_table
    for statement in (
        f"UPDATE {table} SET note = 'sửa' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError) as error,
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [row.pk])
        assert "chỉ được ghi thêm" in str(error.value)
    with pytest.raises(DatabaseError), transaction.atomic():
        RoomLogEntry.objects.filter(pk=row.pk).update(note="sửa")
    with pytest.raises(DatabaseError), transaction.atomic():
        RoomLogEntry.objects.filter(pk=row.pk).delete()
    row.refresh_from_db()
    assert row.note == "" and RoomLogEntry.objects.count() == 1
