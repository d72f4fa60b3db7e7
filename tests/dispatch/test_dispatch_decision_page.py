"""The admin decision page for an outgoing draft: "Ký" first, the draft's PDF embedded through
the door, never its storage path."""

import pytest
from django.urls import reverse

from dispatch import services
from dispatch.models import OutgoingDocument
from tests.kit.decision_page import (
    assert_decision_page,
    assert_readable_changelist,
    decision_page,
)

pytestmark = pytest.mark.django_db


def test_outgoing_draft_decision_page(client, office, draft):
    document = draft()
    services.outgoing_review(actor=office["th_head"], document=document)
    services.outgoing_confirm_check(actor=office["clerk"], document=document)
    services.outgoing_submit(actor=office["th_staff"], document=document)
    client.force_login(office["dc"])
    html = decision_page(client, document)
    assert_decision_page(
        html,
        submitter=office["th_staff"],
        approve_label="Ký",
        storage_paths=[document.content_file.name],
    )
    assert ">Duyệt</button>" not in html
    content = reverse("dispatch:outgoing-content", args=[document.pk])
    assert f'src="{content}?xem=1"' in html
    assert f"{office['dc'].get_full_name()} (Phó Chánh Văn phòng)" in html
    embedded = client.get(content, {"xem": "1"})
    assert embedded["X-Frame-Options"] == "SAMEORIGIN"
    assert embedded["Content-Disposition"].startswith("inline;")
    assert_readable_changelist(
        client, OutgoingDocument, document.summary[:20], submitter=office["th_staff"]
    )


def test_the_admin_names_the_numbering_keys_in_vietnamese(client, office, draft):
    document = draft()
    version = document.history.latest()
    client.force_login(office["dc"])
    url = reverse("admin:dispatch_outgoingdocument_simple_history", args=[document.pk, version.pk])
    html = client.get(url).content.decode()
    assert "Kỳ đánh số" in html and "Nhóm đánh số theo loại" in html
    assert "Period key" not in html and "Type key" not in html
