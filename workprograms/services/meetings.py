"""Meetings (Điều 7.2, 14, 20): calling them, minutes, the conclusion notice and conclusions
turned into tasks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    audited_m2m_set,
    audited_save,
    in_office_language,
)
from core.services import notify
from units import ownership, permissions
from units import services as unit_services
from units.choices import Designation, Secrecy
from units.designations import is_designated
from units.models import StaffMember, Task, Unit
from workprograms.choices import MeetingKind
from workprograms.models import (
    Meeting,
    MeetingConclusion,
)
from workprograms.permissions import can_edit_meeting


def _share_with_participants(meeting: Meeting, participants: Iterable, *, actor) -> None:
    """Participants read the minutes of the meeting they attended, even when the door would not
    show them their unit's work (a specialist at the weekly briefing, a deputy chief at a
    leadership meeting). Shares are guardian view rows, written only by `grant_view`; a person
    taken off the list loses the share."""
    new = {user.pk: user for user in participants}
    old = {user.pk: user for user in meeting.participants.all()}
    audited_m2m_set(
        meeting, "participants", list(new.values()), actor=actor, reason=_("Thành phần dự họp")
    )
    for pk, user in new.items():
        if pk not in old and pk != meeting.owner_id:
            permissions.grant_view(meeting, user)
    for pk, user in old.items():
        if pk not in new and pk != meeting.owner_id:
            permissions.revoke_view(meeting, user)


def _check_meeting_unit(kind: str, unit: Unit) -> None:
    if kind == MeetingKind.LEADERSHIP and not is_designated(
        unit.pk, Designation.LEADERSHIP_MINUTES
    ):
        raise ValidationError(
            {
                "kind": _(
                    "Cuộc họp tập thể lãnh đạo Văn phòng do Phòng Hành chính – Tiếp dân "
                    "ghi biên bản (Điều 7.2)."
                )
            }
        )


@transaction.atomic
@in_office_language
def meeting_create(
    *,
    actor,
    unit: Unit,
    kind: str,
    title: str,
    starts_at: datetime,
    place: str,
    agenda: str = "",
    participants: Iterable = (),
    owner=None,
    chair=None,
    secrecy: str = Secrecy.NONE,
) -> Meeting:
    """The head (or acting head) calls the unit's meeting and names the member who takes the
    minutes (one person in charge, Điều 1.3). An office leadership meeting belongs to HC, whose
    head names the HC member taking its minutes (Điều 7.2)."""
    _check_meeting_unit(kind, unit)
    if not permissions.viewer_for(actor).is_head_of(unit.pk):
        raise PermissionDenied(
            _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới triệu tập cuộc họp của đơn vị.")
        )
    owner = owner or actor
    ownership.validate_owner(unit, owner)
    meeting = Meeting(
        lead_unit=unit,
        owner=owner,
        kind=kind,
        title=title,
        starts_at=starts_at,
        place=place,
        agenda=agenda,
        chair=chair,
        secrecy=secrecy or Secrecy.NONE,
    )
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Triệu tập cuộc họp"))
    ownership.record_assignment(meeting, actor=actor, reason=_("Ghi biên bản cuộc họp"))
    participants = list(participants)
    _share_with_participants(meeting, participants, actor=actor)
    _tell_meeting_called(meeting, participants, actor=actor)
    return meeting


def _tell_meeting_called(meeting: Meeting, participants: list, *, actor) -> None:
    """The participants are invited; the member named to take the minutes is told so."""
    when = timezone.localtime(meeting.starts_at).strftime("%H:%M %d/%m/%Y")
    notify(
        about=meeting,
        recipients=[user for user in participants if user.pk != actor.pk],
        title=_("Mời họp: %(title)s, %(when)s tại %(place)s")
        % {"title": meeting.title, "when": when, "place": meeting.place},
        secret_title=_("%(item)s: giấy mời họp, mở để xem"),
        body=meeting.agenda,
    )
    if meeting.owner_id != actor.pk:
        notify(
            about=meeting,
            recipients=[meeting.owner],
            title=_("Anh/chị được giao ghi biên bản: %(title)s, %(when)s")
            % {"title": meeting.title, "when": when},
            secret_title=_("%(item)s: anh/chị được giao ghi biên bản"),
        )


def _require_meeting_editor(actor, meeting: Meeting) -> None:
    if not can_edit_meeting(actor, meeting):
        raise PermissionDenied(_("Bạn không có quyền sửa cuộc họp này."))


@transaction.atomic
@in_office_language
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    place: str,
    agenda: str = "",
    participants: Iterable = (),
    chair=None,
) -> Meeting:
    _require_meeting_editor(actor, meeting)
    meeting.title, meeting.starts_at, meeting.place = title, starts_at, place
    meeting.agenda, meeting.chair = agenda, chair
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Sửa cuộc họp"))
    _share_with_participants(meeting, participants, actor=actor)
    return meeting


@transaction.atomic
@in_office_language
def meeting_record_minutes(
    *, actor, meeting: Meeting, minutes: str, self_criticism: str = ""
) -> Meeting:
    """The person in charge writes the minutes; a review is not recorded without the unit's
    self-criticism (Điều 20)."""
    _require_meeting_editor(actor, meeting)
    if not minutes.strip():
        raise ValidationError({"minutes": _("Biên bản chưa có nội dung.")})
    if meeting.is_review and not self_criticism.strip():
        raise ValidationError(
            {"self_criticism": _("Hội nghị sơ kết, tổng kết phải ghi kiểm điểm (Điều 20).")}
        )
    meeting.minutes = minutes
    meeting.self_criticism = self_criticism if meeting.is_review else ""
    meeting.minutes_recorded_at = timezone.now()
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Ghi biên bản"))
    return meeting


@transaction.atomic
@in_office_language
def meeting_draft_notice(*, actor, meeting: Meeting, conclusion_notice: str) -> Meeting:
    """HC drafts the notice of the leadership's conclusions (Điều 7.2): only the HC member in
    charge of the meeting or HC's head, since the meeting's lead unit is HC."""
    _require_meeting_editor(actor, meeting)
    if not meeting.is_leadership:
        raise ValidationError(
            _("Thông báo kết luận chỉ dành cho cuộc họp tập thể lãnh đạo Văn phòng.")
        )
    if not conclusion_notice.strip():
        raise ValidationError({"conclusion_notice": _("Thông báo kết luận chưa có nội dung.")})
    meeting.conclusion_notice = conclusion_notice
    meeting.full_clean()
    audited_save(meeting, actor=actor, reason=_("Dự thảo thông báo kết luận"))
    return meeting


@transaction.atomic
@in_office_language
def conclusion_add(*, actor, meeting: Meeting, text: str) -> MeetingConclusion:
    _require_meeting_editor(actor, meeting)
    if not text.strip():
        raise ValidationError({"text": _("Kết luận chưa có nội dung.")})
    last = meeting.conclusions.order_by("-order").values_list("order", flat=True).first() or 0
    conclusion = MeetingConclusion(meeting=meeting, order=last + 1, text=text.strip())
    conclusion.full_clean()
    audited_save(conclusion, actor=actor, reason=_("Thêm kết luận"))
    return conclusion


@transaction.atomic
@in_office_language
def conclusion_to_task(
    *, actor, conclusion: MeetingConclusion, owner, due_working_days: int
) -> Task:
    """Turn a conclusion into a task of the owner's unit. `units.services.task_create` is the
    one place that assigns work: it lets only that unit's head (or acting head) do it and gives
    the task its one owner. The conclusion keeps the link, so the minutes show what became of
    it; a conclusion becomes one task, once."""
    conclusion = MeetingConclusion.objects.select_for_update().get(pk=conclusion.pk)
    meeting = Meeting.objects.get(pk=conclusion.meeting_id)
    if not permissions.can_see(actor, meeting):
        raise PermissionDenied(_("Bạn không xem được cuộc họp này."))
    if conclusion.task_id is not None:
        raise ValidationError(_("Kết luận này đã được giao thành công việc."))
    staff = (
        StaffMember.objects.filter(user_id=owner.pk, is_active=True, unit__isnull=False)
        .select_related("unit")
        .first()
    )
    if staff is None:
        raise ValidationError({"owner": _("Người phụ trách phải là cán bộ của một đơn vị.")})
    day = timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y")
    first_line = conclusion.text.strip().splitlines()[0]
    task = unit_services.task_create(
        actor=actor,
        unit=staff.unit,
        owner=owner,
        title=first_line[:300],
        due_working_days=due_working_days,
        description=_("Theo kết luận tại cuộc họp “%(meeting)s” ngày %(day)s:\n%(text)s")
        % {"meeting": meeting.title, "day": day, "text": conclusion.text},
        secrecy=meeting.secrecy,
    )
    conclusion.task = task
    audited_save(conclusion, actor=actor, reason=_("Giao thành công việc"), update_fields=["task"])
    return task
