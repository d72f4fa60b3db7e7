"""#9: "Việc của tôi" on the home page lists the incoming documents, letters and outgoing drafts
the user is in charge of, in constant queries; notices about an incoming document state its
type, summary (a safe label when secret) and deadline, and link to it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from core.services import safe_label
from dispatch import services
from units.choices import Secrecy

pytestmark = pytest.mark.django_db


def handled_by(office, register, distribute, person="th_staff", n=1, **fields):
    """A document distributed to TH and assigned to `person`."""
    document = distribute(register(n=n, **fields))
    return services.incoming_assign(
        actor=office["th_head"], document=document, owner=office[person]
    )


def letter(office, n=1):
    return services.letter_receive(
        actor=office["clerk"],
        received_on=timezone.localdate(),
        summary=f"Đơn kiến nghị về đất đai số {n}",
        sender_name=f"Công dân {n}",
    )


def panel(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_my_work_lists_incoming_documents_letters_and_drafts_in_charge(
    client, office, register, distribute, draft
):
    mine = handled_by(office, register, distribute, n=1)
    handled_by(office, register, distribute, person="th_staff2", n=2)
    own_draft = draft(summary="Hướng dẫn tổ chức hội nghị tổng kết")
    draft(actor=office["th_staff2"], summary="Dự thảo của người khác")
    home = panel(client, office["th_staff"])
    assert "Văn bản đến đang xử lý" in home
    assert mine.get_absolute_url() in home
    assert mine.handling_deadline.strftime("%d/%m/%Y") in home
    assert "lần 2" not in home
    assert "Dự thảo văn bản đi chưa ký" in home
    assert own_draft.get_absolute_url() in home
    assert "Dự thảo của người khác" not in home

    received = letter(office)
    home = panel(client, office["clerk"])
    assert "Đơn thư đang giải quyết" in home
    assert received.get_absolute_url() in home
    assert received.classify_deadline.strftime("%d/%m/%Y") in home


def test_closed_work_leaves_my_work(client, office, register, distribute):
    document = handled_by(office, register, distribute)
    services.incoming_close(actor=office["th_staff"], document=document, result_note="Đã xong.")
    assert document.get_absolute_url() not in panel(client, office["th_staff"])


def test_my_work_costs_the_same_queries_for_one_row_and_many(
    client, office, register, distribute, draft
):
    handled_by(office, register, distribute, n=1)
    draft()
    client.force_login(office["th_staff"])
    # The first page of a process reads the unit designations once; the cache keeps them.
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for n in range(2, 6):
        handled_by(office, register, distribute, n=n)
        draft(summary=f"Dự thảo số {n}")
    with CaptureQueriesContext(connection) as many:
        home = client.get(reverse("home")).content.decode()
    assert "lần 5" in home and "Dự thảo số 5" in home
    assert len(many.captured_queries) == len(one.captured_queries)


# Notices about an incoming document ---------------------------------------------------------


def notice(user, document):
    return Notification.objects.filter(recipient=user, object_id=document.pk).latest("pk")


def test_the_distribution_notice_states_type_summary_and_deadline_and_links(
    office, register, distribute
):
    document = distribute(register())
    told = notice(office["th_head"], document)
    assert "Công văn" in told.title
    assert "hội nghị cán bộ" in told.title
    assert f"hạn xử lý {document.handling_deadline:%d/%m/%Y}" in told.title
    assert told.url == document.get_absolute_url()


def test_a_secret_documents_notices_name_it_by_label_with_type_and_deadline(
    office, register, distribute
):
    document = distribute(register(secrecy=Secrecy.SECRET))
    told = notice(office["th_head"], document)
    assert safe_label(document) in told.title
    assert "hội nghị" not in told.title and told.body == ""
    assert "Công văn" in told.title
    assert f"{document.handling_deadline:%d/%m/%Y}" in told.title
    assigned = services.incoming_assign(
        actor=office["th_head"], document=document, owner=office["th_staff"]
    )
    told = notice(office["th_staff"], assigned)
    assert told.title.startswith(f"Bạn được giao phụ trách: {safe_label(document)}")
    assert "hội nghị" not in told.title


def test_the_presentation_and_assignment_notices_state_the_facts(office, register, distribute):
    document = register()
    services.incoming_present(actor=office["clerk"], document=document)
    asked = notice(office["chief"], document)
    assert "Công văn" in asked.title and "hội nghị cán bộ" in asked.title
    assert f"hạn trình {document.present_by:%d/%m/%Y}" in asked.title
    assigned = handled_by(office, register, distribute, n=2)
    told = notice(office["th_staff"], assigned)
    assert told.title.startswith("Bạn được giao phụ trách: văn bản đến số")
    assert "Công văn" in told.title and "lần 2" in told.title
    assert f"hạn xử lý {assigned.handling_deadline:%d/%m/%Y}" in told.title
    assert told.url == assigned.get_absolute_url()


def test_reminders_state_type_summary_and_deadline(office, register, distribute):
    document = handled_by(office, register, distribute)
    services.incoming_send_reminders(today=document.handling_deadline + timedelta(days=1))
    reminded = notice(office["th_staff"], document)
    assert reminded.title.startswith("Quá hạn xử lý văn bản đến số")
    assert "Công văn" in reminded.title and "hội nghị cán bộ" in reminded.title
    assert f"{document.handling_deadline:%d/%m/%Y}" in reminded.title
