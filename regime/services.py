"""Every write of the working regime: the disclosure board, internal complaints and proposals,
and the unit's working regulation. Views, the admin and the approval listener call these."""

from __future__ import annotations

import logging
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_create, audited_save, in_office_language
from core.reminders import remind_once
from core.services import notify
from core.workdays import add_working_days
from regime import permissions as rules
from regime import selectors
from regime.choices import ComplaintKind, ComplaintStatus
from regime.models import (
    Complaint,
    ComplaintTerm,
    DisclosureCategory,
    DisclosureItem,
    DisclosureReading,
    RegulationAcknowledgment,
    RegulationVersion,
)
from units import ownership, permissions
from units import services as unit_services
from units.choices import ApprovalStatus, Position, Secrecy
from units.models import StaffMember, Unit

logger = logging.getLogger(__name__)


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


# Disclosure board (Điều 16) -----------------------------------------------------------------


@transaction.atomic
@in_office_language
def disclosure_post(
    *, actor, unit: Unit, category: DisclosureCategory, title: str, body: str = ""
) -> DisclosureItem:
    """The head posts an item on his unit's board; every member is told."""
    if not rules.may_post(actor, unit.pk):
        raise PermissionDenied(_("Chỉ Trưởng phòng (hoặc người được ủy quyền) đăng tin công khai."))
    if not category.is_active:
        raise ValidationError({"category": _("Nhóm nội dung này không còn dùng.")})
    item = DisclosureItem(unit=unit, category=category, title=title, body=body, posted_by=actor)
    item.full_clean()
    audited_save(item, actor=actor, reason=_("Đăng tin công khai"))
    _announce(item, actor)
    return item


def _announce(item: DisclosureItem, actor) -> None:
    members = permissions.members_of(item.unit_id).exclude(pk=actor.pk)
    notify(
        recipients=list(members),
        title=_("Công khai: %(title)s") % {"title": item.title},
        url=item.get_absolute_url(),
    )


@transaction.atomic
@in_office_language
def disclosure_publish(*, obj, actor) -> DisclosureItem | None:
    """An approved submission whose model declares `disclose_on_approval` (a category code)
    goes on its lead unit's board, once. A secret item is never disclosed; a category the
    administrator retired publishes nothing (logged)."""
    code = getattr(type(obj), "disclose_on_approval", "")
    if not code or getattr(obj, "is_secret", False):
        return None
    category = DisclosureCategory.objects.filter(code=code, is_active=True).first()
    if category is None:
        logger.warning("disclosure category %r missing or retired: %s not published", code, obj)
        return None
    source_type = ContentType.objects.get_for_model(obj)
    unit = obj.lead_unit
    existing = DisclosureItem.objects.filter(
        unit=unit, source_type=source_type, source_id=obj.pk
    ).first()
    if existing is not None:
        return existing
    describe = getattr(obj, "disclosure_text", None)
    link = getattr(obj, "disclosure_url", None)
    item = DisclosureItem(
        unit=unit,
        category=category,
        title=str(obj)[:300],
        body=describe() if callable(describe) else "",
        link=link() if callable(link) else "",
        posted_by=actor,
        source_type=source_type,
        source_id=obj.pk,
    )
    item.full_clean()
    audited_save(item, actor=actor, reason=_("Công khai nội dung đã được lãnh đạo duyệt"))
    _announce(item, actor)
    return item


@transaction.atomic
@in_office_language
def disclosure_read(*, actor, item: DisclosureItem) -> DisclosureReading:
    """A member of the unit read the item: recorded once, the first time."""
    if not rules.is_member(actor, item.unit_id):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị xác nhận đã đọc."))
    reading = DisclosureReading.objects.filter(item=item, reader=actor).first()
    if reading is not None:
        return reading
    return audited_create(
        DisclosureReading,
        actor=actor,
        reason=_("Đã đọc nội dung công khai"),
        item=item,
        reader=actor,
    )


# Internal complaints and proposals (Điều 21) ------------------------------------------------


def _term(kind: str) -> int:
    term = ComplaintTerm.objects.filter(kind=kind).first()
    if term is None:
        raise ValidationError(_("Chưa có thời hạn giải quyết cho loại này (danh mục thời hạn)."))
    return term.working_days


def _titular_head(unit: Unit):
    staff = (
        StaffMember.objects.filter(unit=unit, position=Position.HEAD, is_active=True)
        .select_related("user")
        .first()
    )
    return staff.user if staff else None


@transaction.atomic
@in_office_language
def complaint_file(*, actor, kind: str, subject: str, content: str) -> Complaint:
    """A staff member writes to his head. The complaint is Mật: the door shows it to the head
    who receives it (the acting head under a delegation), the chief, and those handed it (the
    complainant, the titular head, the deputy chief in charge)."""
    if not rules.may_file_complaint(actor):
        raise PermissionDenied(
            _(
                "Chỉ cán bộ của đơn vị gửi kiến nghị cho Trưởng phòng; Trưởng phòng kiến nghị "
                "lãnh đạo Văn phòng."
            )
        )
    if kind not in ComplaintKind.values:
        raise ValidationError({"kind": _("Loại không hợp lệ.")})
    unit = Unit.objects.get(pk=permissions.viewer_for(actor).unit_id)
    head = ownership.head_of(unit)
    if head is None:
        raise ValidationError(_("Đơn vị chưa có Trưởng phòng nhận kiến nghị."))
    today = timezone.localdate()
    complaint = Complaint(
        lead_unit=unit,
        owner=head,
        kind=kind,
        complainant=actor,
        subject=subject,
        content=content,
        secrecy=Secrecy.CONFIDENTIAL,
        received_on=today,
        deadline=add_working_days(today, _term(kind)),
    )
    complaint.full_clean()
    audited_save(complaint, actor=actor, reason=_("Gửi khiếu nại, kiến nghị nội bộ"))
    ownership.record_assignment(complaint, actor=actor, reason=_("Trưởng phòng nhận giải quyết"))
    permissions.hand_secret(
        complaint,
        [actor, _titular_head(unit), unit.deputy_chief],
        actor=actor,
        reason=_("Khiếu nại, kiến nghị nội bộ (Điều 21)"),
    )
    notify(
        about=complaint,
        recipients=[head],
        title="",
        secret_title=_("Kiến nghị mới cần giải quyết: %(item)s"),
    )
    return complaint


@transaction.atomic
@in_office_language
def complaint_resolve(*, actor, complaint: Complaint, outcome: str) -> Complaint:
    """The head resolves it within his competence (after the office answered, if forwarded);
    the complainant sees the outcome."""
    if not rules.can_handle(actor, complaint):
        raise PermissionDenied(_("Chỉ Trưởng phòng giải quyết kiến nghị này."))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Nhập kết quả giải quyết.")})
    complaint.outcome = outcome
    complaint.status = ComplaintStatus.RESOLVED
    complaint.resolved_at = timezone.now()
    audited_save(
        complaint,
        actor=actor,
        reason=_("Giải quyết kiến nghị"),
        update_fields=["outcome", "status", "resolved_at", "updated_at"],
    )
    notify(
        about=complaint,
        recipients=[complaint.complainant],
        title="",
        secret_title=_("Đã có kết quả giải quyết: %(item)s"),
    )
    return complaint


@transaction.atomic
@in_office_language
def complaint_forward(*, actor, complaint: Complaint, dossier: str) -> Complaint:
    """Beyond the head's competence: sent to office leadership with its dossier, as a matter
    beyond the unit's authority (`units.Escalation`, Điều 22.4)."""
    if not rules.can_handle(actor, complaint) or complaint.status != ComplaintStatus.RECEIVED:
        raise PermissionDenied(_("Chỉ Trưởng phòng chuyển kiến nghị chưa giải quyết."))
    if not dossier.strip():
        raise ValidationError({"dossier": _("Nhập hồ sơ, ý kiến của Trưởng phòng khi chuyển.")})
    escalation = unit_services.escalation_create(
        actor=actor,
        unit=complaint.lead_unit,
        title=_("Chuyển giải quyết %(kind)s: %(subject)s")
        % {"kind": complaint.get_kind_display().lower(), "subject": complaint.subject},
        dossier=_("Nội dung: %(content)s\n\nÝ kiến của Trưởng phòng: %(dossier)s")
        % {"content": complaint.content, "dossier": dossier},
        secrecy=complaint.secrecy,
    )
    complaint.escalation = escalation
    complaint.status = ComplaintStatus.FORWARDED
    audited_save(
        complaint,
        actor=actor,
        reason=_("Chuyển Văn phòng giải quyết kèm hồ sơ"),
        update_fields=["escalation", "status", "updated_at"],
    )
    notify(
        about=complaint,
        recipients=[complaint.complainant],
        title="",
        secret_title=_("Đã chuyển lãnh đạo Văn phòng giải quyết: %(item)s"),
    )
    return complaint


@transaction.atomic
@in_office_language
def complaint_grant(*, actor, complaint: Complaint, user, reason: str) -> Complaint:
    """The head lets one more person in (a colleague who must give an opinion): recorded."""
    if not rules.can_handle(actor, complaint):
        raise PermissionDenied(_("Chỉ Trưởng phòng cho phép người khác xem kiến nghị."))
    if not reason.strip():
        raise ValidationError({"reason": _("Nhập lý do cho phép xem.")})
    if permissions.can_see(user, complaint):
        raise ValidationError({"user": _("Người này đã được xem kiến nghị.")})
    permissions.hand_secret(complaint, [user], actor=actor, reason=reason)
    audited_save(
        complaint,
        actor=actor,
        reason=_("Cho phép %(name)s xem: %(reason)s")
        % {"name": user.get_full_name(), "reason": reason},
        update_fields=["updated_at"],
    )
    return complaint


def complaints_remind(today: date | None = None) -> int:
    """Daily (beat): a complaint past its deadline reminds the head once a day."""
    today = today or timezone.localdate()
    sent = 0
    for complaint in selectors.overdue_complaints(today):
        sent += remind_once(
            complaint,
            kind="overdue",
            recipients=[complaint.owner],
            title="",
            secret_title=_("Quá hạn giải quyết: %(item)s"),
            url=complaint.get_absolute_url(),
            today=today,
        )
    return sent


# Unit regulations (Điều 24) -----------------------------------------------------------------


def _check_effective(
    unit: Unit, effective_from: date, *, exclude_pk=None
) -> RegulationVersion | None:
    """A new version takes effect after the last approved one; returns that one (None: first)."""
    latest = selectors.latest_approved(unit)
    if latest is not None and latest.pk != exclude_pk and effective_from <= latest.effective_from:
        raise ValidationError(
            {
                "effective_from": _(
                    "Ngày có hiệu lực phải sau ngày có hiệu lực của bản quy chế đang áp dụng "
                    "(lần %(number)s, từ %(day)s)."
                )
                % {"number": latest.number, "day": _day(latest.effective_from)}
            }
        )
    return latest


@transaction.atomic
@in_office_language
def regulation_draft(
    *, actor, unit: Unit, title: str, text: str, effective_from: date, change_note: str = ""
) -> RegulationVersion:
    """The head drafts the unit's regulation, or an amendment of the one in force (the next
    version, which keeps the previous one for the difference)."""
    if not rules.may_post(actor, unit.pk):
        raise PermissionDenied(_("Chỉ Trưởng phòng (hoặc người được ủy quyền) soạn quy chế."))
    latest = _check_effective(unit, effective_from)
    if latest is not None and not change_note.strip():
        raise ValidationError({"change_note": _("Nêu nội dung sửa đổi, bổ sung so với bản trước.")})
    if RegulationVersion.objects.filter(
        lead_unit=unit,
        approval_status__in=[
            ApprovalStatus.DRAFT,
            ApprovalStatus.SUBMITTED,
            ApprovalStatus.RETURNED,
        ],
    ).exists():
        raise ValidationError(_("Đơn vị đang có một bản dự thảo quy chế chưa được duyệt."))
    number = (
        RegulationVersion.objects.filter(lead_unit=unit).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    version = RegulationVersion(
        lead_unit=unit,
        owner=actor,
        number=number,
        title=title,
        text=text,
        change_note=change_note,
        effective_from=effective_from,
        previous=latest,
    )
    version.full_clean()
    audited_save(
        version,
        actor=actor,
        reason=_("Soạn quy chế làm việc") if latest is None else _("Soạn sửa đổi quy chế"),
    )
    ownership.record_assignment(version, actor=actor, reason=_("Soạn quy chế làm việc"))
    return version


@transaction.atomic
@in_office_language
def regulation_update(
    *,
    actor,
    version: RegulationVersion,
    title: str,
    text: str,
    effective_from: date,
    change_note: str = "",
) -> RegulationVersion:
    if not rules.can_edit_regulation(actor, version):
        raise PermissionDenied(_("Bạn không sửa được bản quy chế này."))
    _check_effective(version.lead_unit, effective_from, exclude_pk=version.pk)
    if version.previous_id and not change_note.strip():
        raise ValidationError({"change_note": _("Nêu nội dung sửa đổi, bổ sung so với bản trước.")})
    version.title, version.text = title, text
    version.effective_from, version.change_note = effective_from, change_note
    version.full_clean()
    audited_save(
        version,
        actor=actor,
        reason=_("Sửa dự thảo quy chế"),
        update_fields=["title", "text", "effective_from", "change_note", "updated_at"],
    )
    return version


def regulation_before_submit(version: RegulationVersion) -> None:
    """Checked again at submission: another version may have been approved since the draft."""
    _check_effective(version.lead_unit, version.effective_from, exclude_pk=version.pk)
    latest = selectors.latest_approved(version.lead_unit)
    if latest is not None and version.previous_id != latest.pk:
        raise ValidationError(
            _("Bản quy chế đang áp dụng đã thay đổi từ khi soạn; soạn lại bản sửa đổi từ bản mới.")
        )


def regulation_approved(version: RegulationVersion, actor) -> None:
    """Every member of the unit is asked to read and acknowledge the approved version."""
    notify(
        about=version,
        recipients=list(permissions.members_of(version.lead_unit_id)),
        title=_("Quy chế làm việc được duyệt, có hiệu lực từ %(day)s: đề nghị đọc và xác nhận")
        % {"day": _day(version.effective_from)},
        url=version.disclosure_url(),
    )


@transaction.atomic
@in_office_language
def regulation_acknowledge(*, actor, version: RegulationVersion) -> RegulationAcknowledgment:
    """A member acknowledges the version in force (recorded once per version)."""
    if not rules.is_member(actor, version.lead_unit_id):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị xác nhận quy chế của đơn vị."))
    current = selectors.in_force(version.lead_unit)
    if current is None or current.pk != version.pk:
        raise ValidationError(_("Chỉ xác nhận bản quy chế đang có hiệu lực."))
    existing = RegulationAcknowledgment.objects.filter(version=version, user=actor).first()
    if existing is not None:
        return existing
    return audited_create(
        RegulationAcknowledgment,
        actor=actor,
        reason=_("Xác nhận đã đọc quy chế lần %(number)s") % {"number": version.number},
        version=version,
        user=actor,
    )
