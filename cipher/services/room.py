"""The cipher-machine room (Điều 11.1): nobody enters without the chief's approval given
beforehand; Cipher–IT records the entry and the exit against the approved request, and the
minutes within the set time after the exit, or its head and the chief are alerted. The log is
append-only (see `cipher.models.RoomLogEntry`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import permissions as cipher_permissions
from cipher.choices import RoomEventKind
from cipher.models import CipherTerms, EntryRequest, RoomLogEntry
from cipher.services._common import cipher_unit, person
from core.audit import audited_save, in_office_language
from core.reminders import remind_once
from core.services import notify
from units import approvals, ownership, permissions
from units.choices import ApprovalStatus

MINUTES_LATE = "minutes_late"


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


@transaction.atomic
@in_office_language
def entry_request_create(
    *,
    actor,
    purpose_kind: str,
    purpose: str,
    people: str,
    window_start: datetime,
    window_end: datetime,
) -> EntryRequest:
    """File a request to enter the room and send it to the chief at once. It is Cipher–IT's
    work (its head in charge until he hands it to an officer); the requester follows it by a
    personal grant and can never decide it."""
    viewer = permissions.viewer_for(actor)
    if viewer.is_chief:
        raise ValidationError(
            _("Chánh Văn phòng là người duyệt đề nghị vào phòng máy mã, không tự đề nghị.")
        )
    if window_end <= window_start:
        raise ValidationError({"window_end": _("Giờ kết thúc phải sau giờ bắt đầu.")})
    if window_end <= timezone.now():
        raise ValidationError({"window_end": _("Khung giờ vào phòng đã qua.")})
    unit = cipher_unit()
    owner = ownership.head_of(unit)
    if owner is None:
        raise ValidationError(_("Phòng Cơ yếu – CNTT chưa có người phụ trách."))
    request = EntryRequest(
        lead_unit=unit,
        owner=owner,
        requested_by=actor,
        purpose_kind=purpose_kind,
        purpose=purpose.strip(),
        people=people.strip(),
        window_start=window_start,
        window_end=window_end,
    )
    request.full_clean()
    audited_save(request, actor=actor, reason=_("Đề nghị vào phòng máy mã"))
    ownership.record_assignment(request, actor=actor, reason=_("Phòng máy mã do Cơ yếu quản lý"))
    if request.owner_id != actor.pk:
        permissions.grant_view(request, actor)
    approvals.approval_submit(actor=actor, obj=request)
    return request


def on_approved(request: EntryRequest, actor) -> None:
    """The chief approves beforehand: a window that has already ended cannot be approved (the
    whole decision is refused). The requester is told."""
    if request.window_end <= timezone.now():
        raise ValidationError(
            _("Khung giờ vào phòng đã qua (%(end)s): không duyệt được.")
            % {"end": _when(request.window_end)}
        )
    notify(
        about=request,
        recipients=[request.requested_by],
        title=_("Đề nghị vào phòng máy mã đã được duyệt: %(item)s") % {"item": request},
    )


def _log(request: EntryRequest, kind: str) -> RoomLogEntry | None:
    return next((row for row in request.log.all() if row.kind == kind), None)


def _require_recorder(actor, request: EntryRequest) -> None:
    if not cipher_permissions.may_record_room(actor, request):
        raise PermissionDenied(_("Chỉ Phòng Cơ yếu – CNTT ghi nhật ký phòng máy mã."))


def _append(request: EntryRequest, *, actor, kind: str, reason: str, **fields) -> RoomLogEntry:
    entry = RoomLogEntry(request=request, kind=kind, recorded_by=actor, **fields)
    entry.full_clean()
    audited_save(entry, actor=actor, reason=reason)
    return entry


@transaction.atomic
@in_office_language
def room_entry_record(
    *, actor, request: EntryRequest, at: datetime, note: str = ""
) -> RoomLogEntry:
    """Record the entry: only against a request the chief approved before it, within the
    approved window, and not in the future."""
    request = EntryRequest.objects.select_for_update().get(pk=request.pk)
    _require_recorder(actor, request)
    if request.approval_status != ApprovalStatus.APPROVED:
        raise ValidationError(
            _("Đề nghị chưa được Chánh Văn phòng duyệt: không được vào phòng máy mã.")
        )
    if _log(request, RoomEventKind.ENTRY):
        raise ValidationError(_("Đã ghi giờ vào phòng cho đề nghị này."))
    if at > timezone.now() + timedelta(minutes=1):
        raise ValidationError({"at": _("Không ghi giờ vào phòng ở tương lai.")})
    # Times are typed to the minute: the minute of the approval is already after it.
    if request.decided_at and at < request.decided_at.replace(second=0, microsecond=0):
        raise ValidationError(
            {
                "at": _("Giờ vào (%(at)s) trước lúc Chánh Văn phòng duyệt (%(decided)s).")
                % {"at": _when(at), "decided": _when(request.decided_at)}
            }
        )
    if not request.window_start <= at <= request.window_end:
        raise ValidationError(
            {
                "at": _(
                    "Giờ vào %(at)s ngoài khung giờ được duyệt (%(start)s – %(end)s): không "
                    "được vào phòng."
                )
                % {
                    "at": _when(at),
                    "start": _when(request.window_start),
                    "end": _when(request.window_end),
                }
            }
        )
    return _append(
        request, actor=actor, kind=RoomEventKind.ENTRY, at=at, note=note, reason=_("Vào phòng")
    )


@transaction.atomic
@in_office_language
def room_exit_record(*, actor, request: EntryRequest, at: datetime, note: str = "") -> RoomLogEntry:
    """Record the exit; the minutes are then due within the set hours. Leaving after the
    approved window is recorded, with its reason."""
    request = EntryRequest.objects.select_for_update().get(pk=request.pk)
    _require_recorder(actor, request)
    entry = _log(request, RoomEventKind.ENTRY)
    if entry is None:
        raise ValidationError(_("Chưa ghi giờ vào phòng."))
    if _log(request, RoomEventKind.EXIT):
        raise ValidationError(_("Đã ghi giờ ra khỏi phòng cho đề nghị này."))
    if at > timezone.now() + timedelta(minutes=1):
        raise ValidationError({"at": _("Không ghi giờ ra ở tương lai.")})
    if at < entry.at:
        raise ValidationError(
            {"at": _("Giờ ra phải sau giờ vào (%(at)s).") % {"at": _when(entry.at)}}
        )
    if at > request.window_end and not note.strip():
        raise ValidationError(
            {
                "note": _("Ra sau khung giờ được duyệt (đến %(end)s): ghi rõ lý do.")
                % {"end": _when(request.window_end)}
            }
        )
    due = at + timedelta(hours=CipherTerms.current().minutes_within_hours)
    return _append(
        request,
        actor=actor,
        kind=RoomEventKind.EXIT,
        at=at,
        note=note,
        minutes_due_at=due,
        reason=_("Ra khỏi phòng"),
    )


@transaction.atomic
@in_office_language
def room_minutes_record(
    *, actor, request: EntryRequest, work_done: str, result: str, signatories: str
) -> RoomLogEntry:
    """The minutes of the visit: what was done or inspected, the result, who signed."""
    request = EntryRequest.objects.select_for_update().get(pk=request.pk)
    _require_recorder(actor, request)
    if _log(request, RoomEventKind.EXIT) is None:
        raise ValidationError(_("Lập biên bản sau khi ghi giờ ra khỏi phòng."))
    if _log(request, RoomEventKind.MINUTES):
        raise ValidationError(_("Biên bản đã được lập."))
    if not (work_done.strip() and result.strip() and signatories.strip()):
        raise ValidationError(_("Biên bản cần đủ nội dung, kết quả và người ký."))
    return _append(
        request,
        actor=actor,
        kind=RoomEventKind.MINUTES,
        at=timezone.now(),
        work_done=work_done.strip(),
        result=result.strip(),
        signatories=signatories.strip(),
        reason=_("Lập biên bản vào phòng máy mã"),
    )


def minutes_overdue(now: datetime | None = None):
    """Exits whose minutes are past due and still missing."""
    now = now or timezone.now()
    return (
        RoomLogEntry.objects.filter(kind=RoomEventKind.EXIT, minutes_due_at__lt=now)
        .exclude(request__log__kind=RoomEventKind.MINUTES)
        .select_related("request")
    )


def remind_late_minutes(now: datetime | None = None) -> int:
    """The beat job: for each visit whose minutes are late, alert Cipher–IT's head and the
    chief once a day; returns how many alerts this run sent."""
    now = now or timezone.now()
    recipients = list(cipher_permissions.cipher_heads()) + list(cipher_permissions.chiefs())
    sent = 0
    for exit_row in minutes_overdue(now):
        request = exit_row.request
        sent += remind_once(
            request,
            kind=MINUTES_LATE,
            recipients=recipients,
            title=_("Quá hạn lập biên bản vào phòng máy mã: %(item)s (hạn %(due)s)")
            % {"item": request, "due": _when(exit_row.minutes_due_at)},
            body=_("Người vào phòng: %(people)s. Người ghi giờ ra: %(by)s.")
            % {"people": request.people, "by": person(exit_row.recorded_by)},
            today=timezone.localdate(now),
        )
    return sent
