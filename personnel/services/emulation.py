"""Emulation and rewards (Điều 7.5): a unit proposes a title or a reward, discusses it, submits
it; the office's emulation council decides (leadership enters its decision's number and date);
decided proposals are the register."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from personnel import permissions
from personnel.choices import GRADE_ORDER, Grade, NomineeKind
from personnel.models import EmulationProposal, EmulationTitle, Evaluation
from units import approvals, ownership
from units import permissions as door
from units.choices import DecisionKind
from units.models import Unit


def _check_grade(title: EmulationTitle, nominee, year: int) -> None:
    """A title that asks for a grade needs the nominee's decided evaluation of the year."""
    if not title.min_grade:
        return
    final = (
        Evaluation.objects.filter(owner=nominee, year=year)
        .values_list("final_grade", flat=True)
        .first()
    )
    needed = Grade(title.min_grade)
    if not final or GRADE_ORDER.index(final) > GRADE_ORDER.index(needed):
        raise ValidationError(
            {
                "nominee": _(
                    "“%(title)s” cần xếp loại từ “%(grade)s” trở lên trong năm %(year)s; "
                    "kết quả đánh giá của người này: %(found)s."
                )
                % {
                    "title": title.name,
                    "grade": needed.label,
                    "year": year,
                    "found": Grade(final).label if final else _("chưa được quyết định"),
                }
            }
        )


@transaction.atomic
@in_office_language
def proposal_create(
    *,
    actor,
    unit: Unit,
    year: int,
    title: EmulationTitle,
    achievements: str,
    nominee=None,
) -> EmulationProposal:
    """The head proposes a member (or the unit itself, for a collective title)."""
    if not permissions.can_propose_reward(actor, unit.pk):
        raise PermissionDenied(
            _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới đề nghị khen thưởng.")
        )
    if not title.is_active:
        raise ValidationError({"title": _("Danh hiệu, hình thức này không còn dùng.")})
    proposal = EmulationProposal(
        lead_unit=unit, owner=actor, year=year, title=title, achievements=achievements
    )
    if title.nominee_kind == NomineeKind.INDIVIDUAL:
        if nominee is None:
            raise ValidationError({"nominee": _("Cần chọn cá nhân được đề nghị.")})
        if door.viewer_for(nominee).unit_id != unit.pk:
            raise ValidationError({"nominee": _("Cá nhân được đề nghị phải thuộc đơn vị.")})
        _check_grade(title, nominee, year)
        proposal.nominee = nominee
    else:
        if nominee is not None:
            raise ValidationError(
                {"nominee": _("Danh hiệu tập thể: đề nghị cho đơn vị, không chọn cá nhân.")}
            )
        proposal.nominee_unit = unit
    proposal.full_clean()
    audited_save(proposal, actor=actor, reason=_("Đề nghị thi đua, khen thưởng"))
    ownership.record_assignment(proposal, actor=actor, reason=_("Đề nghị thi đua, khen thưởng"))
    return proposal


def proposal_approved(proposal: EmulationProposal, actor) -> None:
    """Registered with `units.approvals.register_effects`: the council's decision number and
    date go into the register."""
    decision = (
        approvals.decisions_for(proposal).filter(kind=DecisionKind.APPROVE).order_by("at").last()
    )
    proposal.decision_number = decision.resolution_number
    proposal.decision_date = decision.resolution_date
    audited_save(
        proposal,
        actor=actor,
        reason=_("Vào sổ khen thưởng"),
        update_fields=["decision_number", "decision_date", "updated_at"],
    )
