"""Incoming documents through the real services: register, present, distribute, assign, handle,
close; who sees what; reminders (Điều 7.6)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Notification
from core.workdays import add_working_days, next_working_day
from dispatch import selectors, services
from dispatch.choices import IncomingStatus
from dispatch.models import DocumentType, IncomingDocument, Urgency
from units import permissions
from units.choices import Secrecy
from units.models import OwnershipChange

pytestmark = pytest.mark.django_db


def titles(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_a_clerk_registers_and_hc_leads_it_until_distribution(office, media_root, register, pdf):
    document = register(attachments=[pdf("Công văn 12.pdf")])
    assert document.number == 1
    assert document.lead_unit == office.units["hc"]
    assert document.owner == office["clerk"]
    assert document.status == IncomingStatus.REGISTERED
    assert document.present_by == next_working_day(timezone.localdate())
    attachment = document.attachments.get()
    assert attachment.original_name == "Công văn 12.pdf"
    assert attachment.file.name.startswith("incoming/")
    assert "Công" not in attachment.file.name
    assert OwnershipChange.objects.filter(object_id=document.pk, to_owner=office["clerk"]).exists()


def test_only_a_records_clerk_registers(office, register):
    with pytest.raises(PermissionDenied, match=r"Chỉ văn thư mới vào sổ văn bản\."):
        register(actor=office["hc_staff"])
    assert not IncomingDocument.objects.exists()


def test_a_likely_duplicate_is_refused_until_the_clerk_confirms(office, register):
    register(n=7)
    with pytest.raises(
        ValidationError, match=r"Văn bản này có thể đã vào sổ \(trùng nơi gửi, số ký hiệu và"
    ) as error:
        register(n=7, actor=office["clerk2"], sender="ban tổ chức tỉnh ủy")
    assert error.value.code == "duplicate"
    again = register(n=7, actor=office["clerk2"], allow_duplicate=True)
    assert again.number == 2


def from_the_counter(queries: list[dict]) -> list[str]:
    """The statements that run while the register's counter row is locked."""
    statements = [query["sql"] for query in queries]
    taken = next(i for i, sql in enumerate(statements) if sql.startswith('UPDATE "core_counter"'))
    return statements[taken:]


@pytest.mark.parametrize(
    ("urgent", "scans", "queries", "locked"),
    # two scans: one more insert (the history rows of the scans), inside the locked part
    [(False, 0, 11, 6), (True, 0, 14, 9), (False, 2, 15, 8)],
    ids=["plain", "urgent", "two-scans"],
)
def test_a_registration_checks_everything_before_it_takes_the_number(
    office, register, pdf, media_root, django_assert_max_num_queries, urgent, scans, queries, locked
):
    """Every other clerk waits from the number to the commit: only the writes of the
    registration run in between (counts include the service's own savepoint)."""
    register(n=1)
    fields = {
        "actor": office["clerk"],
        "received_at": timezone.now(),
        "sender": "Huyện ủy Đông Sơn",
        "number_and_symbol": "02-CV/HU",
        "document_date": date(2026, 11, 20),
        "doc_type": DocumentType.objects.get(name="Công văn"),
        "summary": "Về việc tổng kết công tác năm",
        "urgency": Urgency.objects.get(name="Khẩn") if urgent else None,
        "attachments": [pdf(f"ban-quet-{i}.pdf") for i in range(scans)],
    }
    with django_assert_max_num_queries(queries) as captured:
        document = services.incoming_register(**fields)
    assert document.number == 2
    assert document.attachments.count() == scans
    assert len(from_the_counter(captured.captured_queries)) <= locked


def test_a_refused_registration_never_touches_the_counter(office, register):
    with (
        CaptureQueriesContext(connection) as captured,
        pytest.raises(ValidationError, match=r"Trường này không được để trắng\."),
    ):
        register(summary=" ")
    assert not [q for q in captured.captured_queries if "core_counter" in q["sql"]]
    assert register().number == 1


def test_an_urgent_document_goes_to_leadership_at_once(office, register):
    document = register(urgent=True)
    assert document.status == IncomingStatus.PRESENTED
    assert document.present_by == timezone.localdate()
    assert any("KHẨN" in title for title in titles(office["chief"]))
    assert any("KHẨN" in title for title in titles(office["dc"]))
    assert titles(office["dc_other"]) == []


def test_leadership_distributes_to_one_lead_unit_whose_head_takes_it(office, register, distribute):
    document = register()
    services.incoming_present(actor=office["clerk"], document=document)
    distribute(document, days=5)
    document.refresh_from_db()
    assert document.status == IncomingStatus.DISTRIBUTED
    assert (document.lead_unit, document.owner) == (office.units["th"], office["th_head"])
    assert list(document.coordinating_units.all()) == [office.units["tc"]]
    assert document.handling_deadline == add_working_days(timezone.localdate(), 5)
    assert document.distributed_by == office["chief"]
    assert titles(office["th_head"]) and titles(office["tc_head"])


@pytest.mark.parametrize("who", ["dc_other", "clerk", "th_head"])
def test_only_the_chief_or_deputy_chief_in_charge_distributes(office, who, register):
    document = register()
    with pytest.raises(
        PermissionDenied, match="Chỉ Chánh Văn phòng hoặc Phó Chánh Văn phòng phụ trách phân"
    ):
        services.incoming_distribute(
            actor=office[who], document=document, lead_unit=office.units["th"], handling_days=5
        )
    document.refresh_from_db()
    assert document.status == IncomingStatus.REGISTERED


def test_the_deputy_chief_in_charge_of_hc_distributes(office, register):
    document = register()
    services.incoming_distribute(
        actor=office["dc"], document=document, lead_unit=office.units["tc"], handling_days=3
    )
    document.refresh_from_db()
    assert document.owner == office["tc_head"]


def test_kept_by_hc_its_head_is_told_to_name_the_person(office, register, distribute):
    document = register()
    distribute(document, unit="hc")
    document.refresh_from_db()
    assert document.lead_unit == office.units["hc"]
    assert titles(office["hc_head"])
    services.incoming_assign(actor=office["hc_head"], document=document, owner=office["hc_staff"])
    assert document.owner == office["hc_staff"]


def test_head_names_the_person_who_reports_progress_and_closes_with_a_reply(
    office, register, distribute
):
    document = distribute(register())
    with pytest.raises(
        PermissionDenied, match=r"Chỉ Trưởng phòng \(hoặc người được ủy quyền\) mới giao lại"
    ):
        services.incoming_assign(
            actor=office["th_staff"], document=document, owner=office["th_staff"]
        )
    services.incoming_assign(actor=office["th_head"], document=document, owner=office["th_staff"])
    assert (document.status, document.owner) == (IncomingStatus.ASSIGNED, office["th_staff"])
    with pytest.raises(PermissionDenied, match=r"Chỉ người phụ trách mới cập nhật việc xử lý\."):
        services.incoming_progress_add(actor=office["th_head"], document=document, note="x")
    services.incoming_progress_add(
        actor=office["th_staff"], document=document, note="Đã dự thảo văn bản trả lời"
    )
    with pytest.raises(ValidationError, match=r"Cần ghi kết quả xử lý hoặc số văn bản trả lời\."):
        services.incoming_close(actor=office["th_staff"], document=document, result_note=" ")
    services.incoming_close(
        actor=office["th_staff"],
        document=document,
        result_note="Đã trả lời",
        reply_number="15-CV/VPTU",
    )
    document.refresh_from_db()
    assert document.status == IncomingStatus.CLOSED
    assert document.reply_number == "15-CV/VPTU"
    assert document.progress_notes.count() == 1
    assert any("xử lý xong" in title for title in titles(office["th_head"]))


def test_a_distributed_document_cannot_be_cancelled(office, register, distribute):
    document = distribute(register())
    with pytest.raises(ValidationError, match=r"Chỉ hủy đăng ký văn bản chưa được phân phối\."):
        services.incoming_cancel(actor=office["clerk"], document=document, reason="Nhầm")


def visible_numbers(user):
    return set(selectors.visible_incoming(user).values_list("number", flat=True))


def test_clerks_see_every_registered_document_except_secret_ones(office, register, distribute):
    plain = distribute(register(n=1))
    secret = distribute(register(n=2, secrecy=Secrecy.SECRET))
    assert visible_numbers(office["clerk2"]) == {plain.number}
    assert visible_numbers(office["clerk"]) == {plain.number}
    assert visible_numbers(office["th_head"]) == {plain.number, secret.number}
    assert visible_numbers(office["tc_head"]) == {plain.number}
    assert visible_numbers(office["chief"]) == {plain.number, secret.number}
    for outsider in ("hc_staff", "th_staff2", "tc_staff", "dc_other"):
        assert visible_numbers(office[outsider]) == set()
    # the object check and the admin use the same door as the lists
    assert permissions.can_see(office["clerk2"], plain)
    assert not permissions.can_see(office["clerk2"], secret)


def test_a_secret_document_presented_is_granted_to_the_deputy_chief_in_charge(office, register):
    document = register(secrecy=Secrecy.CONFIDENTIAL)
    assert visible_numbers(office["dc"]) == set()
    services.incoming_present(actor=office["clerk"], document=document)
    assert visible_numbers(office["dc"]) == {document.number}
    assert visible_numbers(office["clerk2"]) == set()


def test_reminders_go_to_the_person_in_charge_and_the_head(office, register, distribute):
    late = distribute(register(n=1))
    services.incoming_assign(actor=office["th_head"], document=late, owner=office["th_staff"])
    soon = distribute(register(n=2), days=1)
    later = distribute(register(n=3), days=30)
    waiting = register(n=4)
    today = timezone.localdate()
    IncomingDocument.objects.filter(pk=late.pk).update(handling_deadline=today - timedelta(days=3))
    IncomingDocument.objects.filter(pk=waiting.pk).update(present_by=today - timedelta(days=1))
    Notification.objects.all().delete()
    counts = services.incoming_send_reminders(today=today)
    assert counts == {"due_soon": 1, "overdue": 1, "undistributed": 1}
    assert any("Quá hạn" in t and f"số {late.number} (" in t for t in titles(office["th_staff"]))
    assert any("Quá hạn" in t for t in titles(office["th_head"]))
    assert any("Sắp đến hạn" in t and f"số {soon.number} (" in t for t in titles(office["th_head"]))
    assert not any(f"số {later.number} (" in t for t in titles(office["th_head"]))
    assert any("chưa được phân phối" in t for t in titles(office["chief"]))


def test_a_second_reminder_run_the_same_day_sends_nothing(office, register, distribute):
    late = distribute(register(n=1))
    waiting = register(n=2)
    today = timezone.localdate()
    IncomingDocument.objects.filter(pk=late.pk).update(handling_deadline=today - timedelta(days=3))
    IncomingDocument.objects.filter(pk=waiting.pk).update(present_by=today - timedelta(days=1))
    assert services.incoming_send_reminders(today=today) == {
        "due_soon": 0,
        "overdue": 1,
        "undistributed": 1,
    }
    Notification.objects.all().delete()
    assert services.incoming_send_reminders(today=today) == {
        "due_soon": 0,
        "overdue": 0,
        "undistributed": 0,
    }
    assert not Notification.objects.exists()
    assert services.incoming_send_reminders(today=today + timedelta(days=1))["overdue"] == 1


def test_overdue_lists_per_unit(office, register, distribute):
    th_doc = distribute(register(n=1))
    tc_doc = distribute(register(n=2), unit="tc")
    today = timezone.localdate()
    IncomingDocument.objects.update(handling_deadline=today - timedelta(days=1))
    assert list(selectors.overdue(office["chief"])) == [th_doc, tc_doc]
    assert list(selectors.overdue(office["chief"], unit_id=office.units["tc"].pk)) == [tc_doc]
    assert list(selectors.overdue(office["th_head"])) == [th_doc]


def test_a_document_dated_after_it_arrived_is_refused_until_the_clerk_confirms(office, register):
    received = timezone.now()
    later = timezone.localdate(received) + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        register(n=31, received_at=received, document_date=later)
    assert refused.value.message_dict["document_date"][0].startswith(
        f"Ngày văn bản ({later:%d/%m/%Y}) sau ngày đến"
    )
    assert not IncomingDocument.objects.exists()
    document = register(
        n=31, received_at=received, document_date=later, allow_late_document_date=True
    )
    assert document.document_date == later
    assert register(n=32, received_at=received, document_date=later - timedelta(days=1))
