"""The leadership's weekly work calendar (Điều 7.1), kept by HC."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import (
    audited_delete,
    audited_save,
    in_office_language,
)
from units.choices import LEADERSHIP_POSITIONS, Secrecy
from units.models import StaffMember
from workprograms.models import CalendarEntry
from workprograms.permissions import is_calendar_editor


def _require_calendar_editor(actor) -> None:
    if not is_calendar_editor(actor):
        raise PermissionDenied(
            _("Chỉ Phòng Hành chính – Tiếp dân mới cập nhật lịch công tác của lãnh đạo.")
        )


def _check_leader(leader) -> None:
    is_leader = StaffMember.objects.filter(
        user_id=leader.pk, is_active=True, position__in=LEADERSHIP_POSITIONS
    ).exists()
    if not is_leader:
        raise ValidationError(
            {"leader": _("Lịch công tác chỉ ghi cho Chánh Văn phòng, Phó Chánh Văn phòng.")}
        )


@transaction.atomic
@in_office_language
def calendar_entry_create(
    *,
    actor,
    leader,
    starts_at: datetime,
    content: str,
    ends_at: datetime | None = None,
    place: str = "",
    participants: str = "",
    secrecy: str = Secrecy.NONE,
) -> CalendarEntry:
    _require_calendar_editor(actor)
    _check_leader(leader)
    entry = CalendarEntry(
        leader=leader,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        content=content,
        participants=participants,
        secrecy=secrecy or Secrecy.NONE,
        created_by=actor,
    )
    entry.full_clean()
    audited_save(entry, actor=actor, reason=_("Thêm lịch công tác"))
    return entry


@transaction.atomic
@in_office_language
def calendar_entry_update(
    *,
    actor,
    entry: CalendarEntry,
    leader,
    starts_at: datetime,
    content: str,
    ends_at: datetime | None = None,
    place: str = "",
    participants: str = "",
    secrecy: str = Secrecy.NONE,
) -> CalendarEntry:
    _require_calendar_editor(actor)
    _check_leader(leader)
    entry.leader, entry.starts_at, entry.ends_at = leader, starts_at, ends_at
    entry.place, entry.content, entry.participants = place, content, participants
    entry.secrecy = secrecy or Secrecy.NONE
    entry.full_clean()
    audited_save(entry, actor=actor, reason=_("Sửa lịch công tác"))
    return entry


@transaction.atomic
@in_office_language
def calendar_entry_delete(*, actor, entry: CalendarEntry) -> None:
    _require_calendar_editor(actor)
    audited_delete(entry, actor=actor, reason=_("Bỏ lịch công tác"))
