"""IT support (Điều 11.5–11.6): any staff member asks Cipher–IT for help; its head assigns an
officer; the ticket is answered and resolved within its priority's working hours."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import permissions as cipher_permissions
from cipher.choices import TicketStatus
from cipher.models import CipherTerms, SupportTicket, TicketPriority
from cipher.services._common import cipher_unit, person
from core.audit import audited_save, in_office_language
from core.reminders import remind_once
from core.services import notify
from core.workdays import add_working_hours
from units import ownership, permissions
from units.models import StaffMember


def deadlines(start: datetime, priority: TicketPriority) -> tuple[datetime, datetime]:
    terms = CipherTerms.current()
    hours = {"day_starts": terms.workday_starts, "day_ends": terms.workday_ends}
    return (
        add_working_hours(start, priority.respond_within_hours, **hours),
        add_working_hours(start, priority.resolve_within_hours, **hours),
    )


@transaction.atomic
@in_office_language
def ticket_create(
    *, actor, subject: str, priority: TicketPriority, description: str = ""
) -> SupportTicket:
    """Any staff member's request; Cipher–IT's head is in charge until he assigns it."""
    if not StaffMember.objects.filter(user_id=actor.pk, is_active=True).exists():
        raise PermissionDenied(_("Chỉ cán bộ của Văn phòng gửi yêu cầu hỗ trợ."))
    unit = cipher_unit()
    owner = ownership.head_of(unit)
    if owner is None:
        raise ValidationError(_("Phòng Cơ yếu – CNTT chưa có người phụ trách."))
    now = timezone.now()
    respond_by, resolve_by = deadlines(now, priority)
    ticket = SupportTicket(
        lead_unit=unit,
        owner=owner,
        requested_by=actor,
        subject=subject.strip(),
        description=description.strip(),
        priority=priority,
        respond_by=respond_by,
        resolve_by=resolve_by,
    )
    ticket.full_clean()
    audited_save(ticket, actor=actor, reason=_("Gửi yêu cầu hỗ trợ CNTT"))
    ownership.record_assignment(ticket, actor=actor, reason=_("Yêu cầu hỗ trợ gửi Cơ yếu – CNTT"))
    if owner.pk != actor.pk:
        permissions.grant_view(ticket, actor)
    notify(
        about=ticket,
        recipients=[owner],
        title=_("Yêu cầu hỗ trợ mới của %(name)s: %(subject)s")
        % {"name": person(actor), "subject": ticket.subject},
    )
    return ticket


@transaction.atomic
@in_office_language
def ticket_assign(*, actor, ticket: SupportTicket, assignee, reason: str = "") -> SupportTicket:
    """Cipher–IT's head hands the ticket to one of its officers."""
    if not cipher_permissions.may_assign_ticket(actor, ticket):
        raise PermissionDenied(_("Chỉ Trưởng phòng Cơ yếu – CNTT phân công xử lý."))
    if ticket.status == TicketStatus.RESOLVED:
        raise ValidationError(_("Yêu cầu đã được xử lý xong."))
    if ticket.owner_id != assignee.pk:
        ownership.work_reassign(
            actor=actor, obj=ticket, new_owner=assignee, reason=reason or _("Phân công xử lý")
        )
        ticket.refresh_from_db()
    ticket.status = TicketStatus.ASSIGNED
    audited_save(
        ticket, actor=actor, reason=_("Phân công xử lý"), update_fields=["status", "updated_at"]
    )
    return ticket


@transaction.atomic
@in_office_language
def ticket_start(*, actor, ticket: SupportTicket) -> SupportTicket:
    """The officer answers: the response time is recorded and the requester told."""
    if not cipher_permissions.may_handle_ticket(actor, ticket):
        raise PermissionDenied(_("Bạn không phụ trách yêu cầu này."))
    if ticket.status == TicketStatus.RESOLVED:
        raise ValidationError(_("Yêu cầu đã được xử lý xong."))
    ticket.status = TicketStatus.IN_PROGRESS
    ticket.responded_at = ticket.responded_at or timezone.now()
    audited_save(
        ticket,
        actor=actor,
        reason=_("Tiếp nhận xử lý"),
        update_fields=["status", "responded_at", "updated_at"],
    )
    notify(
        about=ticket,
        recipients=[ticket.requested_by],
        title=_("Cơ yếu – CNTT đã tiếp nhận yêu cầu: %(subject)s") % {"subject": ticket.subject},
    )
    return ticket


@transaction.atomic
@in_office_language
def ticket_resolve(*, actor, ticket: SupportTicket, resolution: str) -> SupportTicket:
    if not cipher_permissions.may_handle_ticket(actor, ticket):
        raise PermissionDenied(_("Bạn không phụ trách yêu cầu này."))
    if ticket.status == TicketStatus.RESOLVED:
        raise ValidationError(_("Yêu cầu đã được xử lý xong."))
    if not resolution.strip():
        raise ValidationError({"resolution": _("Ghi kết quả xử lý.")})
    now = timezone.now()
    ticket.status = TicketStatus.RESOLVED
    ticket.responded_at = ticket.responded_at or now
    ticket.resolved_at = now
    ticket.resolution = resolution.strip()
    audited_save(
        ticket,
        actor=actor,
        reason=_("Xử lý xong"),
        update_fields=["status", "responded_at", "resolved_at", "resolution", "updated_at"],
    )
    notify(
        about=ticket,
        recipients=[ticket.requested_by],
        title=_("Đã xử lý xong yêu cầu hỗ trợ: %(subject)s") % {"subject": ticket.subject},
        body=ticket.resolution,
    )
    return ticket


def remind_tickets(now: datetime | None = None) -> int:
    """The beat job: a ticket not answered, or not resolved, by its deadline reminds its
    officer and Cipher–IT's head once a day."""
    now = now or timezone.now()
    heads = list(cipher_permissions.cipher_heads())
    sent = 0
    rows = SupportTicket.objects.exclude(status=TicketStatus.RESOLVED).select_related("owner")
    for ticket in rows.filter(resolve_by__lt=now) | rows.filter(
        respond_by__lt=now, responded_at__isnull=True
    ):
        late = ticket.resolve_by < now
        sent += remind_once(
            ticket,
            kind="resolve_late" if late else "respond_late",
            recipients=[ticket.owner, *heads],
            title=(
                _("Quá hạn xử lý yêu cầu hỗ trợ: %(subject)s")
                if late
                else _("Quá hạn phản hồi yêu cầu hỗ trợ: %(subject)s")
            )
            % {"subject": ticket.subject},
            today=timezone.localdate(now),
        )
    return sent
