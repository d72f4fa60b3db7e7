"""Outgoing documents: draft, head review, format check, signature in the admin's approval,
number, seal, dispatch and receipts (Điều 7.6, 13)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dispatch import selectors, services
from dispatch.choices import OutgoingStage
from dispatch.models import DocumentType, Issuer, OutgoingDocument
from units import approvals
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind, Secrecy
from units.models import Consultation

pytestmark = pytest.mark.django_db


def to_signature(office, document):
    services.outgoing_review(actor=office["th_head"], document=document)
    services.outgoing_confirm_check(actor=office["clerk"], document=document)
    services.outgoing_submit(actor=office["th_staff"], document=document)
    return document


def signed(office, document):
    to_signature(office, document)
    approvals.approval_decide(actor=office["dc"], obj=document, kind=DecisionKind.APPROVE)
    document.refresh_from_db()
    return document


def test_a_draft_belongs_to_the_drafters_unit_with_its_recipients(office, draft):
    document = draft()
    assert (document.lead_unit, document.owner) == (office.units["th"], office["th_staff"])
    assert [str(d) for d in document.deliveries.all()] == [
        office.units["tc"].name_vi,
        "Huyện ủy Đông Sơn",
    ]
    assert document.number is None


def test_leadership_cannot_draft(office, draft):
    with pytest.raises(
        PermissionDenied, match=r"Chỉ cán bộ của một đơn vị mới soạn thảo văn bản đi\."
    ):
        draft(actor=office["chief"])


def test_the_flow_from_draft_to_receipt(office, draft):
    document = signed(office, draft())
    assert document.approval_status == ApprovalStatus.APPROVED
    assert document.stage == OutgoingStage.SIGNED
    services.outgoing_issue(actor=office["clerk"], document=document)
    assert document.number_and_symbol == "01-HD/VPTU"
    assert document.document_date == timezone.localdate()
    with pytest.raises(ValidationError, match="con dấu"):
        services.outgoing_dispatch(actor=office["clerk"], document=document)
    services.seal_use_record(actor=office["clerk"], document=document, seal="Dấu Văn phòng")
    services.outgoing_dispatch(actor=office["clerk"], document=document)
    assert document.stage == OutgoingStage.DISPATCHED
    assert all(d.sent_at for d in document.deliveries.all())
    first = document.deliveries.first()
    services.delivery_receive(actor=office["clerk"], delivery=first, received_by="Nguyễn Văn Nhận")
    first.refresh_from_db()
    assert first.received_by == "Nguyễn Văn Nhận" and first.received_at


def test_submission_needs_the_heads_review_and_the_format_check(office, draft):
    document = draft()
    with pytest.raises(ValidationError, match="kiểm tra thể thức"):
        services.outgoing_submit(actor=office["th_staff"], document=document)
    with pytest.raises(
        PermissionDenied, match=r"Chỉ Trưởng phòng đơn vị soạn thảo mới duyệt dự thảo\."
    ):
        services.outgoing_review(actor=office["th_staff"], document=document)
    services.outgoing_review(actor=office["th_head"], document=document)
    with pytest.raises(PermissionDenied, match=r"Chỉ văn thư mới vào sổ văn bản\."):
        services.outgoing_confirm_check(actor=office["th_head"], document=document)


def test_a_draft_failing_the_format_check_cannot_be_confirmed(office, draft):
    document = draft(signer_authority="", content_file=None)
    services.outgoing_review(actor=office["th_head"], document=document)
    with pytest.raises(ValidationError, match=r"Thiếu tệp nội dung văn bản\.") as error:
        services.outgoing_confirm_check(actor=office["clerk"], document=document)
    assert len(error.value.messages) == 2
    services.outgoing_revise(
        actor=office["th_staff"],
        document=document,
        summary=document.summary,
        signer_title="Phó Chánh Văn phòng",
        signer_authority="K/T",
        content_file=None,
    )
    assert document.stage == OutgoingStage.DRAFT and document.reviewed_at is None


def test_the_chief_signs_his_own_office_documents_without_a_prefix(office, draft):
    document = draft(signer=office["chief"], signer_title="Chánh Văn phòng", signer_authority="")
    assert services.format_check(document) == []
    to_signature(office, document)
    assert document.approval_step == ApprovalStep.CHIEF
    assert not approvals.can_decide(office["dc"], document)
    assert approvals.can_decide(office["chief"], document)


def test_a_returned_draft_starts_over(office, draft):
    document = to_signature(office, draft())
    approvals.approval_decide(
        actor=office["dc"], obj=document, kind=DecisionKind.RETURN, comment="Sửa trích yếu"
    )
    document.refresh_from_db()
    assert document.stage == OutgoingStage.DRAFT
    assert document.reviewed_at is None and document.format_checked_at is None


def test_secret_documents_share_their_types_sequence(office, draft):
    first = signed(office, draft())
    secret = signed(office, draft(secrecy=Secrecy.SECRET))
    other_type = signed(office, draft(doc_type=DocumentType.objects.get(name="Công văn")))
    numbers = [
        services.outgoing_issue(actor=office["clerk"], document=doc).number_and_symbol
        for doc in (first, secret, other_type)
    ]
    assert numbers == ["01-HD/VPTU", "02-HD/VPTU", "01-CV/VPTU"]


def test_clerks_see_drafts_once_handed_to_the_office(office, draft):
    document = draft()
    secret = draft(secrecy=Secrecy.CONFIDENTIAL)
    assert not selectors.visible_outgoing(office["clerk"]).exists()
    services.outgoing_review(actor=office["th_head"], document=document)
    services.outgoing_review(actor=office["th_head"], document=secret)
    assert set(selectors.visible_outgoing(office["clerk2"])) == {document, secret}
    assert not selectors.visible_outgoing(office["tc_staff"]).exists()


def test_a_consultation_is_asked_with_the_foundations_mechanism(office, draft):
    document = draft()
    consultation = services.outgoing_consult(
        actor=office["th_staff"],
        document=document,
        asked_unit=office.units["tc"],
        question="Đề nghị góp ý phần kinh phí.",
        due_working_days=3,
    )
    assert list(document.consultations.all()) == [consultation]
    assert Consultation.objects.get().asked_unit == office.units["tc"]


def test_pages_flow_and_access(client, office, draft, pdf):
    client.force_login(office["th_staff"])
    response = client.post(
        reverse("dispatch:outgoing-create"),
        {
            "doc_type": DocumentType.objects.get(name="Công văn").pk,
            "issuer": Issuer.objects.get(code="VPTU").pk,
            "summary": "Về việc tổ chức hội nghị",
            "signer": office["dc"].pk,
            "signer_authority": "K/T",
            "signer_title": "Phó Chánh Văn phòng",
            "copies": 3,
            "recipient_units": [office.units["tc"].pk],
            "outside_recipients": "Huyện ủy A\nHuyện ủy B",
            "content_file": pdf(),
        },
    )
    document = OutgoingDocument.objects.get()
    assert response.status_code == 302
    assert document.deliveries.count() == 3
    url = document.get_absolute_url()
    client.force_login(office["th_head"])
    client.post(url, {"action": "review"})
    client.force_login(office["clerk"])
    page = client.get(url).content.decode()
    assert 'id="format-check"' in page and "alert-success" in page
    client.post(url, {"action": "check"})
    client.force_login(office["tc_staff"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("dispatch:outgoing-content", args=[document.pk])).status_code == 404
    client.force_login(office["th_staff"])
    assert client.get(reverse("dispatch:outgoing-content", args=[document.pk])).status_code == 200
    client.post(url, {"action": "submit"})
    document.refresh_from_db()
    assert document.approval_status == ApprovalStatus.SUBMITTED


def test_the_deputy_chief_signs_in_the_admin(client, office, draft):
    document = to_signature(office, draft())
    client.force_login(office["dc"])
    changelist = reverse("admin:dispatch_outgoingdocument_changelist")
    assert document.summary[:20] in client.get(changelist, {"cho": "toi"}).content.decode()
    decide = reverse("admin:dispatch_outgoingdocument_decide", args=[document.pk])
    response = client.post(decide, {"kind": DecisionKind.APPROVE, "comment": ""})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.stage == OutgoingStage.SIGNED


@pytest.mark.parametrize("who", ["clerk", "th_head"])
def test_the_outgoing_list_costs_the_same_queries_for_few_and_many(
    client, office, draft, who, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            services.outgoing_review(actor=office["th_head"], document=draft())

    url = reverse("dispatch:outgoing-list")
    client.force_login(office[who])
    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(8)
    with django_assert_num_queries(len(few)):
        client.get(url)


def test_the_deputy_chief_named_as_signer_is_asked_and_decides(office, draft):
    """The draft names another deputy chief than the one in charge of TH: he is the one asked
    to sign, sees it in his awaiting list and may decide; the deputy chief in charge may not."""
    from core.models import Notification

    named, in_charge = office["dc_other"], office["dc"]
    document = to_signature(office, draft(signer=named))
    assert Notification.objects.filter(recipient=named, title__contains="Chờ quyết định").exists()
    assert not Notification.objects.filter(
        recipient=in_charge, title__contains="Chờ quyết định"
    ).exists()
    assert list(approvals.awaiting_decision(OutgoingDocument.objects.all(), named)) == [document]
    assert not approvals.awaiting_decision(OutgoingDocument.objects.all(), in_charge).exists()
    assert approvals.decision_refusal(in_charge, document) == (
        "Nội dung này không chờ quyết định của bạn."
    )
    with pytest.raises(PermissionDenied, match="không chờ quyết định của bạn"):
        approvals.approval_decide(actor=in_charge, obj=document, kind=DecisionKind.APPROVE)
    approvals.approval_decide(actor=named, obj=document, kind=DecisionKind.APPROVE)
    document.refresh_from_db()
    assert document.approval_status == ApprovalStatus.APPROVED
