"""Every write of the records clerks' work: registering, presenting, distributing, handling and
closing incoming documents (Điều 7.6). Views, tasks and the admin call these and nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import services_signing
from core.audit import audited_bulk_create, audited_bulk_update, audited_save, in_office_language
from core.pdf import number_and_symbol
from core.reminders import remind_once
from core.services import notifications_done, notify
from core.tables import day
from core.text import clip
from core.workdays import add_working_days, next_working_day
from dispatch import formatcheck, selectors
from dispatch.choices import (
    AWAITING_DISTRIBUTION,
    IN_HANDLING,
    IncomingStatus,
    LetterCategory,
    LetterStage,
    LetterStatus,
    OutgoingStage,
    RegisterKind,
)
from dispatch.models import (
    Delivery,
    DocumentType,
    IncomingAttachment,
    IncomingDocument,
    IncomingProgress,
    Issuer,
    Letter,
    LetterDeadline,
    OutgoingDocument,
    ReceptionSession,
    Register,
    SealUse,
    TravelPaper,
    Urgency,
)
from dispatch.numbering import number_next
from units import approvals, ownership, permissions
from units import services as unit_services
from units.choices import ApprovalStatus, Position, Secrecy
from units.models import StaffMember, Unit

#: A deadline this close (working days) earns a "due soon" reminder.
DUE_SOON_WORKING_DAYS = 2
#: The kind of the notices asking leadership to distribute a document (`notifications_done`).
AWAIT_DISTRIBUTION = "await_distribution"
#: The kind of the notices asking the drafting unit's head to review a draft.
AWAIT_REVIEW = "await_review"
#: The kind of the notices asking HC's head to route a letter as proposed.
AWAIT_ROUTING = "await_routing"


def _require_clerk(actor) -> permissions.Viewer:
    viewer = permissions.viewer_for(actor)
    if not viewer.is_records_clerk or viewer.unit_id is None:
        raise PermissionDenied(_("Chỉ văn thư mới vào sổ văn bản."))
    return viewer


def _chiefs() -> list:
    return [
        staff.user
        for staff in StaffMember.objects.filter(
            position=Position.CHIEF, is_active=True
        ).select_related("user")
    ]


def _leaders_for(unit: Unit) -> list:
    """Who distributes a document led by `unit`: its deputy chief in charge and the chief."""
    leaders = [unit.deputy_chief] if unit.deputy_chief_id else []
    return leaders + _chiefs()


#: Relations of a registration that arrive as loaded objects, so validation need not re-read them.
_LOADED_RELATIONS = ("register", "lead_unit", "owner", "registered_by", "doc_type", "urgency")


def _stored_scans(*, actor, files: Iterable) -> list[IncomingAttachment]:
    """Scans checked by their content and written to storage under random names, not yet tied to
    a document: registration stores them before it takes its number, so no file is written
    while the register's counter is locked."""
    scans = []
    for upload in files:
        scan = IncomingAttachment(file=upload, original_name=upload.name[:255], uploaded_by=actor)
        scan.full_clean(exclude=["document"])
        scans.append(scan)
    for scan in scans:
        scan.file.save(scan.file.name, scan.file.file, save=False)
    return scans


def _attach(
    document: IncomingDocument, scans: list[IncomingAttachment], *, actor
) -> list[IncomingAttachment]:
    for scan in scans:
        scan.document = document
    return audited_bulk_create(
        IncomingAttachment, scans, actor=actor, reason=_("Đính kèm bản quét")
    )


def attachments_add(
    *, actor, document: IncomingDocument, files: Iterable
) -> list[IncomingAttachment]:
    """Scans of the document; each is checked by its content and stored under a random name."""
    if not (permissions.viewer_for(actor).is_records_clerk or document.owner_id == actor.pk):
        raise PermissionDenied(_("Chỉ văn thư hoặc người phụ trách mới đính kèm tệp."))
    return _attach(document, _stored_scans(actor=actor, files=files), actor=actor)


@transaction.atomic
@in_office_language
def incoming_register(
    *,
    actor,
    received_at: datetime,
    sender: str,
    number_and_symbol: str,
    document_date: date,
    doc_type: DocumentType,
    summary: str,
    urgency: Urgency | None = None,
    secrecy: str = Secrecy.NONE,
    pages: int = 1,
    copies: int = 1,
    document_deadline: date | None = None,
    attachments: Iterable = (),
    register: Register | None = None,
    allow_duplicate: bool = False,
    allow_late_document_date: bool = False,
) -> IncomingDocument:
    """A clerk enters a received document in the register and takes its incoming number. Until
    leadership distributes it, the clerk's unit (HC) leads it and the clerk is in charge. It must
    reach leadership by the next working day; an urgent one is presented at once. A document
    dated after the day it arrived is a typing slip more often than not: the clerk confirms it
    (`allow_late_document_date`)."""
    viewer = _require_clerk(actor)
    register = register or selectors.default_register(RegisterKind.INCOMING)
    if register is None or register.kind != RegisterKind.INCOMING:
        raise ValidationError(_("Chưa có sổ văn bản đến đang dùng."))
    if not allow_late_document_date and document_date > timezone.localdate(received_at):
        message = _(
            "Ngày văn bản (%(date)s) sau ngày đến (%(received)s). Kiểm tra lại, hoặc đánh dấu ô "
            "xác nhận nếu đúng như vậy."
        ) % {"date": day(document_date), "received": day(timezone.localdate(received_at))}
        raise ValidationError(
            {"document_date": ValidationError(message, code="late_document_date")}
        )
    if (
        not allow_duplicate
        and selectors.incoming_duplicates(
            actor,
            sender=sender,
            number_and_symbol=number_and_symbol,
            document_date=document_date,
        ).exists()
    ):
        raise ValidationError(
            _("Văn bản này có thể đã vào sổ (trùng nơi gửi, số ký hiệu và ngày văn bản)."),
            code="duplicate",
        )
    received_on = timezone.localdate(received_at)
    lead_unit = Unit.objects.select_related("deputy_chief").get(pk=viewer.unit_id)
    document = IncomingDocument(
        register=register,
        lead_unit=lead_unit,
        owner=actor,
        secrecy=secrecy,
        received_at=received_at,
        sender=sender.strip(),
        number_and_symbol=number_and_symbol.strip(),
        document_date=document_date,
        doc_type=doc_type,
        summary=summary.strip(),
        urgency=urgency,
        pages=pages,
        copies=copies,
        document_deadline=document_deadline,
        registered_by=actor,
        present_by=received_on if urgency else next_working_day(received_on),
    )
    # Uniqueness of the number is the database constraint's job: the counter never repeats.
    # The related objects were loaded in this request; foreign keys guard them in the database.
    document.full_clean(exclude=["period_key", "type_key", "number", *_LOADED_RELATIONS])
    leaders = _leaders_for(lead_unit) if document.is_urgent else []
    scans = _stored_scans(actor=actor, files=attachments)
    # Digital signatures are verified before the number is taken, recorded after (cipher).
    signatures = services_signing.received_files_check(scans)
    # From here to the commit every clerk registering in this sequence waits for this one.
    numbered = number_next(register, doc_type=None, on_date=received_on)
    document.period_key = numbered.period_key
    document.type_key = numbered.type_key
    document.number = numbered.number
    audited_save(document, actor=actor, reason=_("Vào sổ văn bản đến"))
    ownership.record_assignment(document, actor=actor, reason=_("Vào sổ văn bản đến"))
    _attach(document, scans, actor=actor)
    services_signing.received_files_record(actor=actor, document=document, checked=signatures)
    if document.is_urgent:
        _present(actor=actor, document=document, leaders=leaders)
    return document


@transaction.atomic
@in_office_language
def incoming_present(*, actor, document: IncomingDocument) -> IncomingDocument:
    """The clerk puts the document before leadership for distribution."""
    _require_clerk(actor)
    if document.status != IncomingStatus.REGISTERED:
        raise ValidationError(_("Văn bản đã được trình hoặc đã phân phối."))
    return _present(actor=actor, document=document, leaders=_leaders_for(document.lead_unit))


def _present(*, actor, document: IncomingDocument, leaders: list) -> IncomingDocument:
    """`leaders` come from the caller: a registration looks them up before it takes its number."""
    for leader in leaders:
        if document.is_secret:
            permissions.grant_view(document, leader)
    document.status = IncomingStatus.PRESENTED
    document.presented_at = timezone.now()
    audited_save(
        document,
        actor=actor,
        reason=_("Trình lãnh đạo phân phối"),
        update_fields=["status", "presented_at", "updated_at"],
    )
    notify(
        about=document,
        recipients=leaders,
        title=_("%(urgent)sVăn bản đến số %(number)s chờ phân phối: %(summary)s")
        % {
            "urgent": _("KHẨN – ") if document.is_urgent else "",
            "number": document.number,
            "summary": clip(document.summary, 150),
        },
        url=document.get_absolute_url(),
        kind=AWAIT_DISTRIBUTION,
    )
    return document


def can_distribute(user, document: IncomingDocument) -> bool:
    """The chief, or the deputy chief in charge of the unit now holding it (`can_move`)."""
    return document.status in AWAITING_DISTRIBUTION and permissions.can_move(user, document)


@transaction.atomic
@in_office_language
def incoming_distribute(
    *,
    actor,
    document: IncomingDocument,
    lead_unit: Unit,
    handling_days: int,
    coordinating_units: Iterable[Unit] = (),
    instruction: str = "",
) -> IncomingDocument:
    """Leadership names one lead unit (its head becomes the person in charge), the coordinating
    units and a handling deadline in working days (Điều 1.3, 7.6)."""
    if document.status not in AWAITING_DISTRIBUTION:
        raise ValidationError(_("Văn bản đã được phân phối."))
    if not permissions.can_move(actor, document):
        raise PermissionDenied(
            _("Chỉ Chánh Văn phòng hoặc Phó Chánh Văn phòng phụ trách phân phối.")
        )
    if handling_days < 1:
        raise ValidationError({"handling_days": _("Thời hạn ít nhất là 1 ngày làm việc.")})
    reason = instruction.strip() or _("Phân phối văn bản đến")
    moved = lead_unit.pk != document.lead_unit_id
    if moved:
        ownership.work_move(actor=actor, obj=document, new_unit=lead_unit, reason=reason)
    ownership.set_coordinating_units(document, coordinating_units, actor=actor, reason=reason)
    today = timezone.localdate()
    document.status = IncomingStatus.DISTRIBUTED
    document.distributed_at = timezone.now()
    document.distributed_by = actor
    document.instruction = instruction.strip()
    document.handling_days = handling_days
    document.handling_deadline = add_working_days(today, handling_days)
    notifications_done(document, kind=AWAIT_DISTRIBUTION)
    audited_save(
        document,
        actor=actor,
        reason=reason,
        update_fields=[
            "status",
            "distributed_at",
            "distributed_by",
            "instruction",
            "handling_days",
            "handling_deadline",
            "updated_at",
        ],
    )
    heads = [ownership.head_of(unit) for unit in document.coordinating_units.all()]
    if not moved:
        # Kept by the registering unit: its head still has to name the person in charge.
        lead_head = ownership.head_of(lead_unit)
        heads.append(lead_head)
        permissions.hand_secret(
            document,
            [lead_head],
            actor=actor,
            reason=_("Phân phối, chuyển Trưởng phòng giao xử lý"),
        )
    notify(
        about=document,
        recipients=[head for head in heads if head is not None],
        title=_("Văn bản đến số %(number)s giao %(unit)s chủ trì (hạn %(due)s)")
        % {
            "number": document.number,
            "unit": lead_unit.name_vi,
            "due": document.handling_deadline.strftime("%d/%m/%Y"),
        },
        body=document.instruction,
        url=document.get_absolute_url(),
    )
    return document


@transaction.atomic
@in_office_language
def incoming_assign(
    *, actor, document: IncomingDocument, owner, reason: str = ""
) -> IncomingDocument:
    """The lead unit's head (or acting head) names the person in charge."""
    if document.status not in IN_HANDLING:
        raise ValidationError(_("Văn bản chưa được phân phối hoặc đã xử lý xong."))
    ownership.work_reassign(
        actor=actor,
        obj=document,
        new_owner=owner,
        reason=reason.strip() or _("Giao xử lý văn bản đến"),
    )
    document.status = IncomingStatus.ASSIGNED
    document.handed_over_at = timezone.now()
    audited_save(
        document,
        actor=actor,
        reason=_("Giao xử lý văn bản đến"),
        update_fields=["status", "handed_over_at", "updated_at"],
    )
    return document


def _require_handler(actor, document: IncomingDocument) -> None:
    if document.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người phụ trách mới cập nhật việc xử lý."))
    if document.status not in IN_HANDLING:
        raise ValidationError(_("Văn bản không ở trạng thái đang xử lý."))


@transaction.atomic
@in_office_language
def incoming_progress_add(*, actor, document: IncomingDocument, note: str) -> IncomingProgress:
    _require_handler(actor, document)
    if not note.strip():
        raise ValidationError({"note": _("Cần ghi nội dung tiến độ.")})
    progress = IncomingProgress(document=document, author=actor, note=note.strip())
    progress.full_clean()
    audited_save(progress, actor=actor, reason=_("Ghi tiến độ xử lý"))
    return progress


@transaction.atomic
@in_office_language
def incoming_close(
    *, actor, document: IncomingDocument, result_note: str, reply_number: str = ""
) -> IncomingDocument:
    """The person in charge records the result (a reply document's number, or a note): closed."""
    _require_handler(actor, document)
    if not result_note.strip() and not reply_number.strip():
        raise ValidationError({"result_note": _("Cần ghi kết quả xử lý hoặc số văn bản trả lời.")})
    document.result_note = result_note.strip()
    document.reply_number = reply_number.strip()
    document.status = IncomingStatus.CLOSED
    document.closed_at = timezone.now()
    audited_save(
        document,
        actor=actor,
        reason=_("Hoàn thành xử lý"),
        update_fields=["result_note", "reply_number", "status", "closed_at", "updated_at"],
    )
    notify(
        about=document,
        recipients=[ownership.head_of(document.lead_unit), document.distributed_by],
        title=_("Đã xử lý xong văn bản đến số %(number)s") % {"number": document.number},
        body=document.result_note,
        url=document.get_absolute_url(),
    )
    return document


@transaction.atomic
@in_office_language
def incoming_cancel(*, actor, document: IncomingDocument, reason: str) -> IncomingDocument:
    """A registration made in error is cancelled, never deleted: it keeps its number, so the
    register shows no hole."""
    _require_clerk(actor)
    if document.status not in AWAITING_DISTRIBUTION:
        raise ValidationError(_("Chỉ hủy đăng ký văn bản chưa được phân phối."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do hủy.")})
    document.status = IncomingStatus.CANCELLED
    document.cancel_reason = reason.strip()
    audited_save(
        document,
        actor=actor,
        reason=reason.strip(),
        update_fields=["status", "cancel_reason", "updated_at"],
    )
    return document


def incoming_send_reminders(*, today: date | None = None) -> dict[str, int]:
    """Daily: remind the person in charge and the lead unit's head of documents due within
    DUE_SOON_WORKING_DAYS and of overdue ones; and leadership of documents not yet distributed
    past their presentation day. Each (document, kind, day) is sent once (`core.reminders`): the
    counts are of reminders sent by this run, so a rerun the same day sends and counts nothing."""
    today = today or timezone.localdate()
    soon_limit = add_working_days(today, DUE_SOON_WORKING_DAYS)
    open_rows = IncomingDocument.objects.filter(
        status__in=IN_HANDLING, handling_deadline__lte=soon_limit
    ).select_related("owner", "lead_unit")
    heads: dict[int, object] = {}
    counts = {"due_soon": 0, "overdue": 0, "undistributed": 0}
    for document in open_rows:
        if document.lead_unit_id not in heads:
            heads[document.lead_unit_id] = ownership.head_of(document.lead_unit)
        kind = "overdue" if document.handling_deadline < today else "due_soon"
        template = (
            _("Quá hạn xử lý văn bản đến số %(number)s (hạn %(due)s)")
            if kind == "overdue"
            else _("Sắp đến hạn xử lý văn bản đến số %(number)s (hạn %(due)s)")
        )
        counts[kind] += remind_once(
            document,
            kind=kind,
            recipients=[document.owner, heads[document.lead_unit_id]],
            secret_title=_("Quá hạn xử lý: %(item)s")
            if kind == "overdue"
            else _("Sắp đến hạn xử lý: %(item)s"),
            title=template
            % {
                "number": document.number,
                "due": document.handling_deadline.strftime("%d/%m/%Y"),
            },
            body=document.summary[:300],
            url=document.get_absolute_url(),
            today=today,
        )
    waiting = IncomingDocument.objects.filter(
        status__in=AWAITING_DISTRIBUTION, present_by__lt=today
    ).select_related("lead_unit__deputy_chief")
    for document in waiting:
        counts["undistributed"] += remind_once(
            document,
            kind="undistributed",
            recipients=[document.owner, *_leaders_for(document.lead_unit)],
            title=_("Văn bản đến số %(number)s chưa được phân phối (hạn trình %(due)s)")
            % {"number": document.number, "due": document.present_by.strftime("%d/%m/%Y")},
            url=document.get_absolute_url(),
            today=today,
        )
    return counts


# Outgoing documents (Điều 7.6, 13) ----------------------------------------------------------

EDITABLE_APPROVAL = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)


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
        document.issuer.is_own_office
        and StaffMember.objects.filter(
            user_id=document.signer_id, position=Position.CHIEF, is_active=True
        ).exists()
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
def seal_use_record(
    *, actor, document: OutgoingDocument, seal: str, impressions: int = 1
) -> SealUse:
    _require_clerk(actor)
    if document.stage not in (OutgoingStage.ISSUED, OutgoingStage.DISPATCHED):
        raise ValidationError(_("Chỉ đóng dấu văn bản đã cấp số."))
    use = SealUse(document=document, seal=seal.strip(), impressions=impressions, used_by=actor)
    use.full_clean()
    audited_save(use, actor=actor, reason=_("Ghi sổ sử dụng con dấu"))
    services_signing.seal_recorded(actor=actor, document=document, seal_use_id=use.pk)
    return use


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


@transaction.atomic
@in_office_language
def delivery_receive(*, actor, delivery: Delivery, received_by: str) -> Delivery:
    """The receipt signature of one recipient."""
    _require_clerk(actor)
    if delivery.sent_at is None:
        raise ValidationError(_("Văn bản chưa gửi nơi này."))
    if not received_by.strip():
        raise ValidationError({"received_by": _("Cần ghi người nhận.")})
    delivery.received_at = timezone.now()
    delivery.received_by = received_by.strip()
    audited_save(
        delivery,
        actor=actor,
        reason=_("Ký nhận văn bản"),
        update_fields=["received_at", "received_by"],
    )
    return delivery


# Letters, citizen reception (Điều 7.3), travel papers (Điều 7.7) ---------------------------


def letter_deadline(stage: str, category: str, start: date) -> date | None:
    """The deadline the catalogue sets for a step: a rule for the category wins over the
    rule for every category; no rule, no deadline."""
    rule = (
        LetterDeadline.objects.filter(stage=stage, category__in=[category, ""])
        .order_by("-category")
        .first()
    )
    return add_working_days(start, rule.working_days) if rule else None


def _register_of(kind: str) -> Register:
    register = selectors.default_register(kind)
    if register is None:
        raise ValidationError(
            _("Chưa có sổ đang dùng: %(kind)s.") % {"kind": RegisterKind(kind).label}
        )
    return register


@transaction.atomic
@in_office_language
def letter_receive(
    *,
    actor,
    received_on: date,
    summary: str,
    sender_name: str = "",
    sender_address: str = "",
    is_anonymous: bool = False,
    secrecy: str = Secrecy.NONE,
) -> Letter:
    """A clerk registers a letter; HC leads it and the clerk is in charge until the head
    names someone else."""
    viewer = _require_clerk(actor)
    if not is_anonymous and not sender_name.strip():
        raise ValidationError({"sender_name": _("Cần ghi người gửi, hoặc đánh dấu đơn nặc danh.")})
    register = _register_of(RegisterKind.LETTERS)
    letter = Letter(
        register=register,
        lead_unit_id=viewer.unit_id,
        owner=actor,
        secrecy=secrecy,
        received_on=received_on,
        sender_name=sender_name.strip(),
        sender_address=sender_address.strip(),
        is_anonymous=is_anonymous,
        summary=summary.strip(),
        classify_deadline=letter_deadline(LetterStage.CLASSIFY, "", received_on) or received_on,
    )
    letter.full_clean(exclude=["period_key", "number"])
    # The number last: other clerks of the register wait from here to the commit.
    numbered = number_next(register, doc_type=None, on_date=received_on)
    letter.period_key, letter.number = numbered.period_key, numbered.number
    audited_save(letter, actor=actor, reason=_("Tiếp nhận đơn thư"))
    ownership.record_assignment(letter, actor=actor, reason=_("Tiếp nhận đơn thư"))
    return letter


def _require_letter_handler(actor, letter: Letter) -> None:
    if not permissions.can_edit(actor, letter):
        raise PermissionDenied(_("Chỉ người phụ trách hoặc Trưởng phòng mới xử lý đơn này."))


@transaction.atomic
@in_office_language
def letter_classify(
    *,
    actor,
    letter: Letter,
    category: str,
    is_anonymous: bool,
    out_of_competence: bool,
    proposal: str = "",
) -> Letter:
    """Classify and propose handling; an anonymous letter or one outside the committee's
    competence is filed without action."""
    _require_letter_handler(actor, letter)
    if letter.status not in (LetterStatus.RECEIVED, LetterStatus.PROPOSED):
        raise ValidationError(_("Đơn đã được chuyển hoặc đã lưu."))
    if category not in LetterCategory.values:
        raise ValidationError({"category": _("Chọn loại đơn.")})
    letter.category = category
    letter.is_anonymous = is_anonymous
    letter.out_of_competence = out_of_competence
    letter.proposal = proposal.strip()
    if is_anonymous or out_of_competence:
        letter.status = LetterStatus.FILED
        letter.closed_at = timezone.now()
        reason = _("Lưu đơn, không xử lý")
    else:
        if not letter.proposal:
            raise ValidationError({"proposal": _("Cần ghi đề xuất xử lý.")})
        letter.status = LetterStatus.PROPOSED
        reason = _("Phân loại, đề xuất xử lý")
    letter.full_clean()
    audited_save(letter, actor=actor, reason=reason)
    if letter.status == LetterStatus.PROPOSED:
        notifications_done(letter, kind=AWAIT_ROUTING)
        notify(
            about=letter,
            recipients=[ownership.head_of(letter.lead_unit)],
            title=_("Đơn thư chờ duyệt chuyển: %(summary)s") % {"summary": letter.summary[:150]},
            body=letter.proposal,
            kind=AWAIT_ROUTING,
        )
    return letter


@transaction.atomic
@in_office_language
def letter_route(*, actor, letter: Letter, routed_to: str, to_standing_board: bool) -> Letter:
    """The HC head sends the letter to the competent body, or reports it to the standing board;
    the result deadline comes from the catalogue."""
    if not permissions.viewer_for(actor).is_head_of(letter.lead_unit_id):
        raise PermissionDenied(_("Chỉ Trưởng phòng mới duyệt chuyển đơn."))
    if letter.status != LetterStatus.PROPOSED:
        raise ValidationError(_("Đơn chưa được phân loại, đề xuất."))
    if not routed_to.strip() and not to_standing_board:
        raise ValidationError({"routed_to": _("Cần ghi nơi chuyển đơn.")})
    today = timezone.localdate()
    letter.routed_to = routed_to.strip()
    letter.to_standing_board = to_standing_board
    letter.routed_at = timezone.now()
    letter.result_deadline = letter_deadline(LetterStage.RESOLVE, letter.category, today)
    letter.status = LetterStatus.ROUTED
    audited_save(letter, actor=actor, reason=_("Chuyển đơn"))
    notifications_done(letter, kind=AWAIT_ROUTING)
    return letter


@transaction.atomic
@in_office_language
def letter_record_result(*, actor, letter: Letter, result: str) -> Letter:
    _require_letter_handler(actor, letter)
    if letter.status != LetterStatus.ROUTED:
        raise ValidationError(_("Đơn chưa được chuyển."))
    if not result.strip():
        raise ValidationError({"result": _("Cần ghi kết quả.")})
    letter.result = result.strip()
    letter.status = LetterStatus.RESOLVED
    letter.closed_at = timezone.now()
    audited_save(letter, actor=actor, reason=_("Ghi kết quả giải quyết"))
    return letter


def _require_hc_member(actor) -> permissions.Viewer:
    viewer = permissions.viewer_for(actor)
    if not (viewer.is_records_clerk or selectors.includes_clerks_unit(viewer.head_unit_ids)):
        raise PermissionDenied(
            _("Chỉ văn thư hoặc Trưởng phòng Hành chính – Tiếp dân ghi sổ tiếp công dân.")
        )
    return viewer


@transaction.atomic
@in_office_language
def reception_record(*, actor, **fields) -> ReceptionSession:
    _require_hc_member(actor)
    session = ReceptionSession(recorded_by=actor, **fields)
    session.full_clean()
    audited_save(session, actor=actor, reason=_("Ghi sổ tiếp công dân"))
    return session


def can_sign_travel_papers(user) -> bool:
    """HC's head signs travel papers (Điều 7.7): the head of the records clerks' unit."""
    return selectors.includes_clerks_unit(permissions.viewer_for(user).head_unit_ids)


@transaction.atomic
@in_office_language
def travel_paper_sign(
    *,
    actor,
    traveller: str,
    agency: str,
    purpose: str,
    arrived_on: date,
    left_on: date,
    position: str = "",
) -> TravelPaper:
    if not can_sign_travel_papers(actor):
        raise PermissionDenied(_("Chỉ Trưởng phòng Hành chính ký giấy đi đường."))
    register = _register_of(RegisterKind.TRAVEL)
    paper = TravelPaper(
        register=register,
        traveller=traveller.strip(),
        position=position.strip(),
        agency=agency.strip(),
        purpose=purpose.strip(),
        arrived_on=arrived_on,
        left_on=left_on,
        signed_by=actor,
    )
    paper.full_clean(exclude=["period_key", "number"])
    # The number last: other signatures wait from here to the commit.
    numbered = number_next(register, doc_type=None, on_date=timezone.localdate())
    paper.period_key, paper.number = numbered.period_key, numbered.number
    audited_save(paper, actor=actor, reason=_("Ký giấy đi đường"))
    return paper
