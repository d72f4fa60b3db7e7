"""Letters and citizen reception (Điều 7.3): receiving, classifying, routing and resolving letters,
and the reception book."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from core.services import notifications_done, notify
from core.workdays import add_working_days
from dispatch.choices import (
    LetterCategory,
    LetterStage,
    LetterStatus,
    RegisterKind,
)
from dispatch.models import (
    Letter,
    LetterDeadline,
    ReceptionSession,
)
from dispatch.numbering import number_next
from dispatch.permissions import (
    can_handle_letter,
    can_record_reception,
    can_route_letter,
)
from dispatch.services.common import (
    AWAIT_ROUTING,
    _require_clerk,
)
from dispatch.services.registers import register_of
from units import ownership
from units.choices import Secrecy


def letter_deadline(stage: str, category: str, start: date) -> date | None:
    """The deadline the catalogue sets for a step: a rule for the category wins over the
    rule for every category; no rule, no deadline."""
    rule = (
        LetterDeadline.objects.filter(stage=stage, category__in=[category, ""])
        .order_by("-category")
        .first()
    )
    return add_working_days(start, rule.working_days) if rule else None


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
    register = register_of(RegisterKind.LETTERS)
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
    if not can_handle_letter(actor, letter):
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
    if not can_route_letter(actor, letter):
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


def _require_hc_member(actor) -> None:
    if not can_record_reception(actor):
        raise PermissionDenied(
            _("Chỉ văn thư hoặc Trưởng phòng Hành chính – Tiếp dân ghi sổ tiếp công dân.")
        )


@transaction.atomic
@in_office_language
def reception_record(*, actor, **fields) -> ReceptionSession:
    _require_hc_member(actor)
    session = ReceptionSession(recorded_by=actor, **fields)
    session.full_clean()
    audited_save(session, actor=actor, reason=_("Ghi sổ tiếp công dân"))
    return session
