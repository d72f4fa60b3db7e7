"""Incoming documents (Điều 7.6): registering, presenting, distributing, handling, closing and
cancelling them, their scans and the daily reminders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import services_signing
from core.audit import audited_bulk_create, audited_save, in_office_language
from core.reminders import remind_once
from core.services import notifications_done, notify
from core.tables import day
from core.text import clip
from core.workdays import add_working_days, next_working_day
from dispatch import selectors
from dispatch.choices import (
    AWAITING_DISTRIBUTION,
    IN_HANDLING,
    IncomingStatus,
    RegisterKind,
)
from dispatch.models import (
    NOTICE_SUMMARY_LENGTH,
    DocumentType,
    IncomingAttachment,
    IncomingDocument,
    IncomingProgress,
    Register,
    Urgency,
)
from dispatch.numbering import number_next
from dispatch.permissions import can_attach
from dispatch.services.common import (
    AWAIT_DISTRIBUTION,
    _leaders_for,
    _require_clerk,
)
from units import ownership, permissions
from units.choices import Secrecy
from units.models import Unit

#: A deadline this close (working days) earns a "due soon" reminder.
DUE_SOON_WORKING_DAYS = 2


def _secret_title(template: str, facts: dict) -> str:
    """A secret document's notice title: `template` filled with `facts` (its type, a deadline,
    never its summary), `%(item)s` kept for the safe label `notify` puts in."""
    escaped = {key: str(value).replace("%", "%%") for key, value in facts.items()}
    return template % {**escaped, "item": "%(item)s"}


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
    if not can_attach(actor, document):
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
    facts = {
        "urgent": _("KHẨN – ") if document.is_urgent else "",
        "number": document.number,
        "facts": document.notice_facts(deadline=document.present_by, deadline_label=_("hạn trình")),
        "summary": clip(document.summary, NOTICE_SUMMARY_LENGTH),
    }
    notify(
        about=document,
        recipients=leaders,
        title=_("%(urgent)sVăn bản đến số %(number)s chờ phân phối (%(facts)s): %(summary)s")
        % facts,
        secret_title=_secret_title(_("%(urgent)s%(item)s chờ phân phối (%(facts)s)"), facts),
        url=document.get_absolute_url(),
        kind=AWAIT_DISTRIBUTION,
    )
    return document


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
    # Before the move: the new person in charge is told the deadline with the document.
    document.handling_days = handling_days
    document.handling_deadline = add_working_days(timezone.localdate(), handling_days)
    if moved:
        ownership.work_move(actor=actor, obj=document, new_unit=lead_unit, reason=reason)
    ownership.set_coordinating_units(document, coordinating_units, actor=actor, reason=reason)
    document.status = IncomingStatus.DISTRIBUTED
    document.distributed_at = timezone.now()
    document.distributed_by = actor
    document.instruction = instruction.strip()
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
    facts = {
        "number": document.number,
        "unit": lead_unit.name_vi,
        "facts": document.notice_facts(),
        "summary": clip(document.summary, NOTICE_SUMMARY_LENGTH),
    }
    notify(
        about=document,
        recipients=[head for head in heads if head is not None],
        title=_("Văn bản đến số %(number)s giao %(unit)s chủ trì (%(facts)s): %(summary)s") % facts,
        secret_title=_secret_title(_("%(item)s giao %(unit)s chủ trì (%(facts)s)"), facts),
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
        title=_("Đã xử lý xong văn bản đến số %(number)s (%(type)s): %(summary)s")
        % {
            "number": document.number,
            "type": document.doc_type.name,
            "summary": clip(document.summary, NOTICE_SUMMARY_LENGTH),
        },
        secret_title=_secret_title(
            _("Đã xử lý xong %(item)s (%(type)s)"), {"type": document.doc_type.name}
        ),
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
    ).select_related("owner", "lead_unit", "doc_type")
    heads: dict[int, object] = {}
    counts = {"due_soon": 0, "overdue": 0, "undistributed": 0}
    for document in open_rows:
        if document.lead_unit_id not in heads:
            heads[document.lead_unit_id] = ownership.head_of(document.lead_unit)
        kind = "overdue" if document.handling_deadline < today else "due_soon"
        facts = {
            "number": document.number,
            "facts": document.notice_facts(),
            "summary": clip(document.summary, NOTICE_SUMMARY_LENGTH),
        }
        if kind == "overdue":
            title = _("Quá hạn xử lý văn bản đến số %(number)s (%(facts)s): %(summary)s")
            secret = _("Quá hạn xử lý: %(item)s (%(facts)s)")
        else:
            title = _("Sắp đến hạn xử lý văn bản đến số %(number)s (%(facts)s): %(summary)s")
            secret = _("Sắp đến hạn xử lý: %(item)s (%(facts)s)")
        counts[kind] += remind_once(
            document,
            kind=kind,
            recipients=[document.owner, heads[document.lead_unit_id]],
            secret_title=_secret_title(secret, facts),
            title=title % facts,
            body=document.summary[:300],
            url=document.get_absolute_url(),
            today=today,
        )
    waiting = IncomingDocument.objects.filter(
        status__in=AWAITING_DISTRIBUTION, present_by__lt=today
    ).select_related("lead_unit__deputy_chief", "doc_type")
    for document in waiting:
        facts = {
            "number": document.number,
            "facts": document.notice_facts(
                deadline=document.present_by, deadline_label=_("hạn trình")
            ),
            "summary": clip(document.summary, NOTICE_SUMMARY_LENGTH),
        }
        counts["undistributed"] += remind_once(
            document,
            kind="undistributed",
            recipients=[document.owner, *_leaders_for(document.lead_unit)],
            title=_("Văn bản đến số %(number)s chưa được phân phối (%(facts)s): %(summary)s")
            % facts,
            secret_title=_secret_title(_("%(item)s chưa được phân phối (%(facts)s)"), facts),
            url=document.get_absolute_url(),
            today=today,
        )
    return counts
