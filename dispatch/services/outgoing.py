"""Outgoing documents (Điều 7.6, 13): drafting, the head's review, the format check, signature
(through `units.approvals`), numbering and dispatch to the recipients."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import services_signing
from core.audit import audited_bulk_create, audited_bulk_update, audited_save, in_office_language
from core.pdf import number_and_symbol
from core.services import notifications_done, notify
from core.text import clip
from dispatch import formatcheck, selectors
from dispatch.choices import (
    OutgoingStage,
    RegisterKind,
)
from dispatch.models import (
    Delivery,
    DocumentType,
    Issuer,
    OutgoingDocument,
    Urgency,
)
from dispatch.numbering import number_next
from dispatch.permissions import EDITABLE_APPROVAL
from dispatch.services.common import (
    AWAIT_REVIEW,
    _require_clerk,
)
from units import approvals, ownership, permissions
from units import services as unit_services
from units.choices import Secrecy
from units.models import Unit
from units.selectors import chiefs


def _deliveries(
    document: OutgoingDocument, units: Iterable[Unit], outside: Iterable[str], *, actor
):
    rows = [Delivery(document=document, unit=unit) for unit in units]
    rows += [
        Delivery(document=document, outside_name=name.strip()) for name in outside if name.strip()
    ]
    for row in rows:
        row.full_clean()
    audited_bulk_create(Delivery, rows, actor=actor, reason=_("Nơi nhận văn bản đi"))


@transaction.atomic
@in_office_language
def outgoing_create(
    *,
    actor,
    doc_type: DocumentType,
    issuer: Issuer,
    summary: str,
    signer,
    signer_title: str,
    signer_authority: str = "",
    urgency: Urgency | None = None,
    secrecy: str = Secrecy.NONE,
    copies: int = 1,
    content_file=None,
    recipient_units: Iterable[Unit] = (),
    outside_recipients: Iterable[str] = (),
) -> OutgoingDocument:
    """A member of a unit drafts a document: his unit leads it and he is in charge (Điều 13)."""
    viewer = permissions.viewer_for(actor)
    if viewer.unit_id is None:
        raise PermissionDenied(_("Chỉ cán bộ của một đơn vị mới soạn thảo văn bản đi."))
    register = selectors.default_register(RegisterKind.OUTGOING)
    if register is None:
        raise ValidationError(_("Chưa có sổ văn bản đi đang dùng."))
    document = OutgoingDocument(
        register=register,
        lead_unit_id=viewer.unit_id,
        owner=actor,
        secrecy=secrecy,
        doc_type=doc_type,
        issuer=issuer,
        summary=summary.strip(),
        signer=signer,
        signer_title=signer_title.strip(),
        signer_authority=signer_authority,
        urgency=urgency,
        copies=copies,
    )
    if content_file:
        document.content_file = content_file
    document.full_clean()
    audited_save(document, actor=actor, reason=_("Soạn thảo văn bản đi"))
    ownership.record_assignment(document, actor=actor, reason=_("Soạn thảo văn bản đi"))
    _deliveries(document, recipient_units, outside_recipients, actor=actor)
    permissions.hand_secret(
        document,
        [ownership.head_of(document.lead_unit)],
        actor=actor,
        reason=_("Dự thảo chuyển Trưởng phòng duyệt"),
    )
    _ask_review(document, actor=actor)
    return document


def _ask_review(document: OutgoingDocument, *, actor) -> None:
    """The draft awaits its unit head's review: tell him, unless he wrote it himself."""
    head = ownership.head_of(document.lead_unit)
    if head is None or head.pk == actor.pk:
        return
    notify(
        about=document,
        recipients=[head],
        title=_("Dự thảo chờ Trưởng phòng duyệt: %(summary)s")
        % {"summary": document.summary[:150]},
        kind=AWAIT_REVIEW,
    )


@transaction.atomic
@in_office_language
def outgoing_revise(
    *,
    actor,
    document: OutgoingDocument,
    summary: str,
    signer_title: str,
    signer_authority: str,
    content_file=None,
) -> OutgoingDocument:
    """The person in charge corrects the draft; the head's review and the format check are
    then due again, since they were given on the old text."""
    if not permissions.can_edit(actor, document):
        raise PermissionDenied(_("Bạn không có quyền sửa dự thảo này."))
    if document.approval_status not in EDITABLE_APPROVAL:
        raise ValidationError(_("Dự thảo đang trình hoặc đã ký, không sửa được."))
    document.summary = summary.strip()
    document.signer_title = signer_title.strip()
    document.signer_authority = signer_authority
    if content_file:
        document.content_file = content_file
    document.stage = OutgoingStage.DRAFT
    document.reviewed_by = document.reviewed_at = None
    document.format_checked_by = document.format_checked_at = None
    document.full_clean()
    audited_save(document, actor=actor, reason=_("Sửa dự thảo"))
    notifications_done(document, kind=AWAIT_REVIEW)
    _ask_review(document, actor=actor)
    return document


@transaction.atomic
@in_office_language
def outgoing_consult(
    *, actor, document: OutgoingDocument, asked_unit: Unit, question: str, due_working_days: int
):
    """Ask another unit's opinion on the draft with the foundation's consultation."""
    if document.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người phụ trách dự thảo mới xin ý kiến."))
    consultation = unit_services.consultation_create(
        actor=actor,
        asked_unit=asked_unit,
        subject=_("Góp ý dự thảo: %(summary)s") % {"summary": clip(document.summary, 250)},
        question=question,
        due_working_days=due_working_days,
        secrecy=document.secrecy,
    )
    document.consultations.add(consultation)
    return consultation


@transaction.atomic
@in_office_language
def outgoing_review(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """The drafting unit's head approves the content and hands it to the office for the format
    check; a secret draft is granted to the clerks who check it."""
    if not permissions.viewer_for(actor).is_head_of(document.lead_unit_id):
        raise PermissionDenied(_("Chỉ Trưởng phòng đơn vị soạn thảo mới duyệt dự thảo."))
    if document.stage != OutgoingStage.DRAFT or document.approval_status not in EDITABLE_APPROVAL:
        raise ValidationError(_("Dự thảo không ở bước chờ Trưởng phòng duyệt."))
    clerks = selectors.records_clerks()
    permissions.hand_secret(
        document, clerks, actor=actor, reason=_("Trưởng phòng duyệt, chuyển kiểm tra thể thức")
    )
    document.stage = OutgoingStage.REVIEWED
    document.reviewed_by = actor
    document.reviewed_at = timezone.now()
    notifications_done(document, kind=AWAIT_REVIEW)
    audited_save(
        document,
        actor=actor,
        reason=_("Trưởng phòng duyệt dự thảo"),
        update_fields=["stage", "reviewed_by", "reviewed_at", "updated_at"],
    )
    notify(
        about=document,
        recipients=clerks,
        title=_("Kiểm tra thể thức: %(summary)s") % {"summary": clip(document.summary, 150)},
        url=document.get_absolute_url(),
    )
    return document


def format_check(document: OutgoingDocument) -> list[str]:
    """The DOMAIN §6 format rules applied to this draft (dispatch.formatcheck)."""
    signer_is_head = (
        document.issuer.is_own_office and chiefs().filter(pk=document.signer_id).exists()
    )
    recipients = [str(delivery) for delivery in document.deliveries.select_related("unit")]
    return formatcheck.check_draft(
        formatcheck.Draft(
            type_name=document.doc_type.name,
            type_code=document.doc_type.code,
            issuer_code=document.issuer.code,
            known_issuer_codes=Issuer.objects.filter(is_active=True).values_list("code", flat=True),
            summary=document.summary,
            has_content=bool(document.content_file),
            signer_name=document.signer.get_full_name(),
            signer_title=document.signer_title,
            signer_authority=document.signer_authority,
            signer_is_head=signer_is_head,
            recipients=recipients,
            number_and_symbol=document.number_and_symbol,
        )
    )


@transaction.atomic
@in_office_language
def outgoing_confirm_check(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """The clerk confirms the format check; a draft with failures goes back to be corrected."""
    _require_clerk(actor)
    if document.stage != OutgoingStage.REVIEWED:
        raise ValidationError(_("Dự thảo chưa được Trưởng phòng duyệt hoặc đã kiểm tra."))
    messages = format_check(document)
    if messages:
        raise ValidationError(messages)
    document.stage = OutgoingStage.CHECKED
    document.format_checked_by = actor
    document.format_checked_at = timezone.now()
    audited_save(
        document,
        actor=actor,
        reason=_("Kiểm tra thể thức đạt"),
        update_fields=["stage", "format_checked_by", "format_checked_at", "updated_at"],
    )
    notify(
        about=document,
        recipients=[document.owner],
        title=_("Thể thức đạt, có thể trình ký: %(summary)s")
        % {"summary": clip(document.summary, 150)},
        url=document.get_absolute_url(),
    )
    return document


def outgoing_submit(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """Submitted for signature through the foundation's approval (decided in the admin)."""
    return approvals.approval_submit(actor=actor, obj=document)


def _before_submit(document: OutgoingDocument) -> None:
    if document.stage != OutgoingStage.CHECKED:
        raise ValidationError(
            _("Cần Trưởng phòng duyệt và văn thư kiểm tra thể thức trước khi trình ký.")
        )


def _on_signed(document: OutgoingDocument, actor) -> None:
    document.stage = OutgoingStage.SIGNED
    audited_save(
        document, actor=actor, reason=_("Lãnh đạo đã ký"), update_fields=["stage", "updated_at"]
    )
    notify(
        about=document,
        recipients=selectors.records_clerks(),
        title=_("Cấp số, phát hành: %(summary)s") % {"summary": clip(document.summary, 150)},
        url=document.get_absolute_url(),
    )


def _on_returned(document: OutgoingDocument, actor) -> None:
    document.stage = OutgoingStage.DRAFT
    document.reviewed_by = document.reviewed_at = None
    document.format_checked_by = document.format_checked_at = None
    audited_save(
        document,
        actor=actor,
        reason=_("Trả lại dự thảo để sửa"),
        update_fields=[
            "stage",
            "reviewed_by",
            "reviewed_at",
            "format_checked_by",
            "format_checked_at",
            "updated_at",
        ],
    )


def register_approval_effects() -> None:
    approvals.register_effects(
        OutgoingDocument,
        before_submit=_before_submit,
        on_approved=_on_signed,
        on_returned=_on_returned,
    )


@transaction.atomic
@in_office_language
def outgoing_issue(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """After signature the clerk takes the number (per type and term; secret documents share
    their type's sequence), dates it and enters it in the register."""
    _require_clerk(actor)
    if document.stage != OutgoingStage.SIGNED:
        raise ValidationError(_("Chỉ cấp số cho văn bản đã được ký."))
    today = timezone.localdate()
    type_code, issuer_code = document.doc_type.code, document.issuer.code
    # The number last: other clerks of the sequence wait from here to the commit.
    numbered = number_next(document.register, doc_type=document.doc_type, on_date=today)
    document.number = numbered.number
    document.period_key = numbered.period_key
    document.type_key = numbered.type_key
    document.number_and_symbol = number_and_symbol(numbered.number, type_code, issuer_code)
    document.document_date = today
    document.issued_by = actor
    document.stage = OutgoingStage.ISSUED
    audited_save(document, actor=actor, reason=_("Cấp số, vào sổ văn bản đi"))
    # The numbered PDF signed with the leader's and the office's certificates (cipher).
    services_signing.issued_document_sign(
        actor=actor, document=document, pdf_file=document.content_file
    )
    return document


@transaction.atomic
@in_office_language
def outgoing_dispatch(*, actor, document: OutgoingDocument) -> OutgoingDocument:
    """Send a copy to every recipient not yet served; units of the office are told."""
    _require_clerk(actor)
    if document.stage != OutgoingStage.ISSUED:
        raise ValidationError(_("Văn bản chưa cấp số hoặc đã phát hành."))
    if not document.seal_uses.exists():
        raise ValidationError(_("Chưa ghi sổ sử dụng con dấu cho văn bản này."))
    now = timezone.now()
    pending = list(document.deliveries.filter(sent_at__isnull=True).select_related("unit"))
    for row in pending:
        row.sent_at, row.sent_by = now, actor
    audited_bulk_update(
        Delivery, pending, ["sent_at", "sent_by"], actor=actor, reason=_("Gửi văn bản đi")
    )
    document.stage = OutgoingStage.DISPATCHED
    audited_save(
        document, actor=actor, reason=_("Phát hành"), update_fields=["stage", "updated_at"]
    )
    heads = [ownership.head_of(row.unit) for row in pending if row.unit_id]
    notify(
        about=document,
        recipients=[head for head in heads if head is not None],
        title=_("Văn bản %(number)s gửi đơn vị: %(summary)s")
        % {"number": document.number_and_symbol, "summary": clip(document.summary, 150)},
    )
    return document
