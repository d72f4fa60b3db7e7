"""Rules of the registers that a change to the code could break while every other test stays
green: each test here was seen failing on the mutation named in its docstring."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dispatch import services
from dispatch.choices import IncomingStatus, OutgoingStage
from dispatch.models import IncomingDocument, OutgoingDocument
from units import approvals
from units.choices import DecisionKind, Secrecy

pytestmark = pytest.mark.django_db

EXPORT = reverse("dispatch:register-export")


def _letter(office, **fields):
    values = {
        "actor": office["clerk"],
        "received_on": date(2026, 11, 23),
        "sender_name": "Nguyễn Văn Dân",
        "sender_address": "Xã Quảng Phú",
        "summary": "Khiếu nại việc thu hồi đất",
    }
    values.update(fields)
    return services.letter_receive(**values)


def test_a_records_clerk_does_not_see_a_secret_letter_another_clerk_keeps(client, office):
    """Mutation: `Letter.records_clerk_sight()` drops its "not secret" condition."""
    plain = _letter(office, summary="Kiến nghị sửa đường liên xã")
    secret = _letter(office, summary="Tố cáo cán bộ có dấu hiệu tham nhũng", secrecy=Secrecy.SECRET)
    client.force_login(office["clerk2"])
    assert client.get(plain.get_absolute_url()).status_code == 200
    assert client.get(secret.get_absolute_url()).status_code == 404
    listing = client.get(reverse("dispatch:letter-list")).content.decode()
    assert plain.get_absolute_url() in listing
    assert secret.get_absolute_url() not in listing
    client.force_login(office["clerk"])
    assert client.get(secret.get_absolute_url()).status_code == 200


def _to_signature(office, document):
    services.outgoing_review(actor=office["th_head"], document=document)
    services.outgoing_confirm_check(actor=office["clerk"], document=document)
    services.outgoing_submit(actor=office["th_staff"], document=document)
    return document


def _issued(office, document):
    _to_signature(office, document)
    approvals.approval_decide(actor=office["dc"], obj=document, kind=DecisionKind.APPROVE)
    document.refresh_from_db()
    return services.outgoing_issue(actor=office["clerk"], document=document)


def test_the_outgoing_register_export_shows_only_what_the_user_may_see(client, office, draft):
    """Mutation: `registers.outgoing_rows` reads every outgoing document, not the visible ones."""
    document = _issued(office, draft())
    assert document.number_and_symbol == "01-HD/VPTU"
    today = timezone.localdate().strftime("%d/%m/%Y")
    params = {"kind": "outgoing", "date_from": today, "date_to": today, "output": "csv"}
    for role, sees in [
        ("th_staff", True),
        ("th_head", True),
        ("dc", True),
        ("clerk2", True),
        ("tc_staff", False),
        ("tc_head", False),
        ("hc_staff", False),
        ("dc_other", False),
    ]:
        client.force_login(office[role])
        response = client.get(EXPORT, params)
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith('"Số, ký hiệu",Ngày văn bản')
        assert ("01-HD/VPTU" in text) == sees, role


def test_no_number_before_the_signature(office, draft):
    """Mutation: `outgoing_issue` drops its "signed" check. A draft, a reviewed draft, a checked
    draft and a draft awaiting signature all get no number."""
    drafted = draft()
    reviewed = draft()
    services.outgoing_review(actor=office["th_head"], document=reviewed)
    checked = draft()
    services.outgoing_review(actor=office["th_head"], document=checked)
    services.outgoing_confirm_check(actor=office["clerk"], document=checked)
    submitted = _to_signature(office, draft())
    for document in (drafted, reviewed, checked, submitted):
        with pytest.raises(ValidationError, match="Chỉ cấp số cho văn bản đã được ký."):
            services.outgoing_issue(actor=office["clerk"], document=document)
        stored = OutgoingDocument.objects.get(pk=document.pk)
        assert stored.number is None and stored.number_and_symbol == ""
        assert stored.stage != OutgoingStage.ISSUED
    approvals.approval_decide(actor=office["dc"], obj=submitted, kind=DecisionKind.APPROVE)
    submitted.refresh_from_db()
    assert services.outgoing_issue(actor=office["clerk"], document=submitted).number == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_cancellation_needs_a_reason(office, register, reason):
    """Mutation: `incoming_cancel` drops its reason check."""
    document = register(n=1)
    with pytest.raises(ValidationError, match="Cần ghi lý do hủy."):
        services.incoming_cancel(actor=office["clerk"], document=document, reason=reason)
    stored = IncomingDocument.objects.get(pk=document.pk)
    assert stored.status != IncomingStatus.CANCELLED and stored.cancel_reason == ""
    services.incoming_cancel(actor=office["clerk"], document=document, reason="Vào sổ nhầm")
    assert IncomingDocument.objects.get(pk=document.pk).status == IncomingStatus.CANCELLED
