"""The right person is asked and told: a notice handled by someone else is marked done, and a
leader's home and the admin index count everything awaiting his decision with one function."""

import pytest
from django.urls import reverse

from core.models import Notification
from core.services import notifications_done, notify
from dispatch.models import IncomingDocument, OutgoingDocument
from tests.dispatch.test_dispatch_outgoing import to_signature
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind

pytestmark = pytest.mark.django_db


def asking(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_the_chiefs_notice_to_distribute_is_done_once_a_deputy_distributed(
    office, register, distribute
):
    document = register()
    from dispatch import services

    services.incoming_present(actor=office["clerk"], document=document)
    chief_notice = asking(office["chief"], "await_distribution").get()
    assert chief_notice.done_at is None and chief_notice.read_at is None
    assert chief_notice.object_id == document.pk
    services.incoming_distribute(
        actor=office["dc"],
        document=document,
        lead_unit=office.units["th"],
        handling_days=5,
    )
    chief_notice.refresh_from_db()
    assert chief_notice.done_at is not None and chief_notice.read_at is not None
    assert not asking(office["dc"], "await_distribution").filter(done_at__isnull=True).exists()


def test_notifications_done_touches_only_that_object_and_kind(office, register):
    first, second = register(n=1), register(n=2)
    for document in (first, second):
        for kind in ("await_distribution", "other"):
            notify(recipients=[office["chief"]], title="x", about=document, kind=kind)
    assert notifications_done(first, kind="await_distribution") == 1
    open_rows = Notification.objects.filter(recipient=office["chief"], done_at__isnull=True)
    assert sorted((n.object_id, n.kind) for n in open_rows) == sorted(
        [(first.pk, "other"), (second.pk, "await_distribution"), (second.pk, "other")]
    )


def test_every_notice_about_an_object_links_to_it(office, register):
    document = register()
    (row,) = notify(recipients=[office["chief"]], title="x", about=document)
    assert row.url == document.get_absolute_url()


def test_a_decision_marks_the_approvers_notice_done(office, draft):
    document = to_signature(office, draft())
    notice = asking(office["dc"], approvals.AWAIT_DECISION).get()
    assert notice.url == approvals.decision_url(document)
    approvals.approval_decide(actor=office["dc"], obj=document, kind=DecisionKind.APPROVE)
    notice.refresh_from_db()
    assert notice.done_at is not None


def awaiting_for_dc(office, draft, n):
    for _ in range(n):
        to_signature(office, draft())
    unit_services.escalation_create(
        actor=office["th_head"], unit=office.units["th"], title="Kiến nghị", dossier="Hồ sơ"
    )


def test_awaiting_count_sums_every_kind_of_submission(office, draft):
    awaiting_for_dc(office, draft, 2)
    assert OutgoingDocument in approvals.approvable_models()
    assert IncomingDocument not in approvals.approvable_models()
    assert approvals.awaiting_count(office["dc"]) == 3
    assert approvals.awaiting_count(office["dc_other"]) == 0
    assert approvals.awaiting_count(office["th_staff"]) == 0


def test_the_leaders_home_and_the_admin_index_show_the_same_count(client, office, draft):
    awaiting_for_dc(office, draft, 2)
    client.force_login(office["dc"])
    home = client.get(reverse("home")).content.decode()
    assert "3 nội dung chờ anh/chị quyết định" in home
    index = client.get(reverse("admin:index")).content.decode()
    assert '<strong id="awaiting-total">3</strong>' in index


def test_the_home_count_costs_the_same_queries_for_few_and_many(
    client, office, draft, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(office["dc"])
    awaiting_for_dc(office, draft, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    awaiting_for_dc(office, draft, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("home"))
    assert "7 nội dung chờ" in response.content.decode()


def test_the_head_is_told_a_draft_awaits_his_review_and_the_notice_is_done_after(office, draft):
    from dispatch import services

    document = draft()
    notice = asking(office["th_head"], services.AWAIT_REVIEW).get()
    assert notice.title == f"Dự thảo chờ Trưởng phòng duyệt: {document.summary}"
    assert notice.url == document.get_absolute_url()
    services.outgoing_review(actor=office["th_head"], document=document)
    notice.refresh_from_db()
    assert notice.done_at is not None


def test_a_head_drafting_himself_is_not_told(office, draft):
    draft(actor=office["th_head"])
    assert not Notification.objects.filter(kind="await_review").exists()
