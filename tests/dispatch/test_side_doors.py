"""Side doors of the permission door in dispatch: related consultations, the admin's shortcut,
notifications, list and export logging, and secret work reaching the next person in its path.
Each test failed before the door covered it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from dispatch import services
from dispatch.models import IncomingDocument
from units.choices import Secrecy
from units.models import SecretAccess, SecretGrant

pytestmark = pytest.mark.django_db

SECRET_SUMMARY = "Về công tác bảo vệ chính trị nội bộ"
INSTRUCTION = "Giao Phòng Tổng hợp chủ trì, báo cáo kết quả xác minh."


def _secret_incoming(register, **extra):
    return register(summary=SECRET_SUMMARY, secrecy=Secrecy.SECRET, **extra)


def test_outgoing_page_lists_only_consultations_the_viewer_may_see(
    office, draft, client, media_root
):
    document = draft()
    services.outgoing_consult(
        actor=office["th_staff"],
        document=document,
        asked_unit=office.units["tc"],
        question="Đề nghị góp ý.",
        due_working_days=3,
    )
    services.outgoing_review(actor=office["th_head"], document=document)
    url = reverse("dispatch:outgoing", args=[document.pk])
    client.force_login(office["th_head"])
    assert len(client.get(url).context["consultations"]) == 1
    client.force_login(office["clerk"])
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["consultations"]) == []


def test_admin_view_on_site_answers_404_for_work_the_user_may_not_see(office, register, client):
    document = _secret_incoming(register)
    content_type = ContentType.objects.get_for_model(IncomingDocument)
    url = reverse("admin:view_on_site", args=[content_type.pk, document.pk])
    unknown = reverse("admin:view_on_site", args=[content_type.pk, document.pk + 1000])
    client.force_login(office["dc"])
    assert client.get(unknown).status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(office["chief"])
    assert client.get(url).status_code == 302


def test_secret_distribution_tells_coordinating_heads_its_number_only(office, register, distribute):
    document = _secret_incoming(register)
    services.incoming_distribute(
        actor=office["chief"],
        document=document,
        lead_unit=office.units["th"],
        handling_days=5,
        coordinating_units=[office.units["tc"]],
        instruction=INSTRUCTION,
    )
    sent = Notification.objects.filter(recipient=office["tc_head"])
    assert sent.exists()
    for notification in sent:
        text = f"{notification.title} {notification.body}"
        assert SECRET_SUMMARY not in text and INSTRUCTION not in text
        assert f"số {document.number}" in notification.title


def test_secret_result_note_is_not_sent_to_the_head(office, register, distribute):
    document = _secret_incoming(register)
    distribute(document)
    document.refresh_from_db()
    services.incoming_close(
        actor=document.owner, document=document, result_note="Đã xác minh ông Nguyễn Văn A."
    )
    told = Notification.objects.filter(recipient=office["chief"])
    assert told.count() >= 1
    for notification in told:
        assert "Nguyễn Văn A" not in f"{notification.title} {notification.body}"


def test_secret_rows_in_a_list_and_an_export_write_one_log_row_each(office, register, client):
    for n in (1, 2):
        _secret_incoming(register, n=n)
    register(n=3)
    client.force_login(office["chief"])
    client.get(reverse("dispatch:incoming-list"))
    listed = SecretAccess.objects.get(via="list")
    assert len(listed.object_ids) == 2 and listed.object_id is None
    today = timezone.localdate()
    client.get(
        reverse("dispatch:register-export"),
        {
            "kind": "incoming",
            "date_from": today.replace(day=1).strftime("%d/%m/%Y"),
            "date_to": today.strftime("%d/%m/%Y"),
            "output": "csv",
        },
    )
    assert SecretAccess.objects.filter(via="csv").count() == 1
    client.get(reverse("dispatch:search"), {"q": "bảo vệ chính trị"})
    assert SecretAccess.objects.filter(via="search").count() == 1


def test_head_reviews_a_secret_draft_his_specialist_wrote(office, draft, client, media_root):
    document = draft(secrecy=Secrecy.SECRET)
    client.force_login(office["th_head"])
    assert client.get(reverse("dispatch:outgoing", args=[document.pk])).status_code == 200
    services.outgoing_review(actor=office["th_head"], document=document)
    grant = SecretGrant.objects.get(object_id=document.pk, user=office["th_head"])
    assert grant.granted_by == office["th_staff"]


def test_hc_head_assigns_a_secret_document_kept_by_hc(office, register):
    document = _secret_incoming(register)
    services.incoming_distribute(
        actor=office["chief"],
        document=document,
        lead_unit=office.units["hc"],
        handling_days=5,
    )
    services.incoming_assign(actor=office["hc_head"], document=document, owner=office["hc_staff"])
    document.refresh_from_db()
    assert document.owner == office["hc_staff"]
    assert SecretGrant.objects.filter(object_id=document.pk, user=office["hc_head"]).exists()


def test_daily_reminder_of_a_secret_document_quotes_no_summary(office, register, distribute):
    document = _secret_incoming(register)
    distribute(document, days=1)
    services.incoming_send_reminders(today=timezone.localdate())
    reminders = Notification.objects.filter(title__startswith="Sắp đến hạn xử lý")
    assert reminders.exists()
    for notification in reminders:
        assert SECRET_SUMMARY not in f"{notification.title} {notification.body}"
        assert f"số {document.number}" in notification.title
