"""The yearly evaluation (Điều 20; Nghị định 335/2025/NĐ-CP): the head opens the unit's year,
each person assesses himself, the head proposes the scores and the grade, the unit discusses
(units' collective discussion), the head submits, leadership decides in the admin. The Party
cell's review (Quy định 366-QĐ/TW) is recorded beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_bulk_create, audited_bulk_update, audited_save, in_office_language
from core.services import notify
from personnel import permissions, scoring, selectors
from personnel.choices import EvaluationStage, Grade
from personnel.models import Evaluation, EvaluationScore
from units import approvals, ownership
from units import permissions as door
from units.models import Unit


def score_field(criterion_id: int) -> str:
    """The form field (and error key) of a criterion's points."""
    return f"diem_{criterion_id}"


@transaction.atomic
@in_office_language
def evaluations_open(*, actor, unit: Unit, year: int) -> list[Evaluation]:
    """The head opens the year's evaluation for every active member of the unit who has none,
    under the rule set in force that year."""
    if not permissions.can_open_evaluations(actor, unit.pk):
        raise PermissionDenied(_("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới mở đánh giá."))
    ruleset = selectors.ruleset_for(year)
    if ruleset is None:
        raise ValidationError(
            {"year": _("Chưa có bộ tiêu chí đánh giá áp dụng cho năm %(year)s.") % {"year": year}}
        )
    criteria = list(ruleset.criteria.all())
    have = set(Evaluation.objects.filter(year=year).values_list("owner_id", flat=True))
    opened = []
    for person in door.members_of(unit.pk).order_by("pk"):
        if person.pk in have:
            continue
        evaluation = Evaluation(lead_unit=unit, owner=person, year=year, ruleset=ruleset)
        evaluation.full_clean()
        audited_save(evaluation, actor=actor, reason=_("Mở đánh giá, xếp loại năm"))
        ownership.record_assignment(evaluation, actor=actor, reason=_("Mở đánh giá, xếp loại năm"))
        audited_bulk_create(
            EvaluationScore,
            [EvaluationScore(evaluation=evaluation, criterion=c) for c in criteria],
            actor=actor,
            reason=_("Mở đánh giá, xếp loại năm"),
        )
        notify(
            about=evaluation,
            recipients=[person],
            title=_("Tự đánh giá, xếp loại năm %(year)s") % {"year": year},
            url=evaluation.get_absolute_url(),
        )
        opened.append(evaluation)
    return opened


def _clean_points(scores: list[EvaluationScore], points: dict) -> dict[int, Decimal]:
    """Each criterion's points, between 0 and its maximum; every criterion scored."""
    errors, cleaned = {}, {}
    for score in scores:
        criterion = score.criterion
        raw = points.get(criterion.pk)
        try:
            value = Decimal(str(raw)) if raw not in (None, "") else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            errors[score_field(criterion.pk)] = _("Cần chấm điểm tiêu chí này.")
        elif value < 0 or value > criterion.max_points:
            errors[score_field(criterion.pk)] = _(
                "Điểm của tiêu chí “%(name)s” phải từ 0 đến %(max)s."
            ) % {"name": criterion.name, "max": scoring.points_text(criterion.max_points)}
        else:
            cleaned[criterion.pk] = value.quantize(scoring.CENT)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _scores(evaluation: Evaluation) -> list[EvaluationScore]:
    return list(evaluation.scores.select_related("criterion"))


def _bands(evaluation: Evaluation) -> list[tuple[str, Decimal]]:
    return list(evaluation.ruleset.bands.values_list("grade", "min_score"))


def task_result(evaluation: Evaluation, today: date | None = None) -> scoring.TaskResult:
    ruleset = evaluation.ruleset
    return scoring.task_result(
        selectors.task_items(evaluation.owner, evaluation.year),
        task_points=ruleset.task_points,
        deduction_percent=ruleset.deduction_percent,
        counting_period=ruleset.counting_period,
        today=today or timezone.localdate(),
    )


@transaction.atomic
@in_office_language
def evaluation_self_assess(*, actor, evaluation: Evaluation, points: dict, note: str) -> Evaluation:
    """The person scores each general criterion and writes his self-assessment."""
    if not permissions.can_self_assess(actor, evaluation):
        raise PermissionDenied(_("Chỉ người được đánh giá mới tự đánh giá, trước khi trình."))
    scores = _scores(evaluation)
    cleaned = _clean_points(scores, points)
    if not note.strip():
        raise ValidationError({"note": _("Cần ghi bản tự đánh giá.")})
    for score in scores:
        score.self_points = cleaned[score.criterion_id]
    audited_bulk_update(
        EvaluationScore, scores, ["self_points"], actor=actor, reason=_("Tự đánh giá")
    )
    general = sum(cleaned.values(), Decimal(0))
    tasks = task_result(evaluation).score
    evaluation.self_grade = scoring.grade_for(
        general + (tasks if tasks is not None else Decimal(0)), _bands(evaluation)
    )
    evaluation.self_note = note
    evaluation.self_assessed_at = timezone.now()
    if evaluation.stage == EvaluationStage.SELF:
        evaluation.stage = EvaluationStage.SELF_DONE
    audited_save(
        evaluation,
        actor=actor,
        reason=_("Tự đánh giá"),
        update_fields=["self_note", "self_grade", "self_assessed_at", "stage", "updated_at"],
    )
    proposer = permissions.proposer(evaluation)
    if proposer is not None:
        notify(
            about=evaluation,
            recipients=[proposer],
            title=_("Đã tự đánh giá: %(item)s") % {"item": evaluation},
            url=evaluation.get_absolute_url(),
        )
    return evaluation


@transaction.atomic
@in_office_language
def evaluation_propose(
    *,
    actor,
    evaluation: Evaluation,
    points: dict,
    note: str,
    task_points: Decimal | None = None,
    today: date | None = None,
) -> Evaluation:
    """The head scores the general criteria; the task results are counted from the year's work
    (entered by the head only when the product holds none); the grade follows the bands."""
    if not permissions.can_propose(actor, evaluation):
        raise PermissionDenied(_("Chỉ Trưởng phòng mới đề xuất xếp loại, trước khi trình."))
    if evaluation.stage == EvaluationStage.SELF:
        raise ValidationError(_("Cán bộ chưa tự đánh giá."))
    ruleset = evaluation.ruleset
    scores = _scores(evaluation)
    cleaned = _clean_points(scores, points)
    result = task_result(evaluation, today)
    if result.score is not None:
        if task_points is not None:
            raise ValidationError(
                {
                    "task_points": _(
                        "Điểm kết quả nhiệm vụ được tính từ công việc đã ghi nhận; không nhập tay."
                    )
                }
            )
        tasks = result.score
    elif task_points is None:
        raise ValidationError(
            {
                "task_points": _(
                    "Chưa có công việc nào được ghi nhận trong năm: cần chấm điểm kết quả "
                    "thực hiện nhiệm vụ."
                )
            }
        )
    elif task_points < 0 or task_points > ruleset.task_points:
        raise ValidationError(
            {
                "task_points": _("Điểm kết quả thực hiện nhiệm vụ phải từ 0 đến %(max)s.")
                % {"max": scoring.points_text(ruleset.task_points)}
            }
        )
    else:
        tasks = task_points.quantize(scoring.CENT)
    for score in scores:
        score.head_points = cleaned[score.criterion_id]
    audited_bulk_update(
        EvaluationScore, scores, ["head_points"], actor=actor, reason=_("Trưởng phòng đề xuất")
    )
    general = sum(cleaned.values(), Decimal(0))
    evaluation.general_score = general
    evaluation.task_score = tasks
    evaluation.task_breakdown = result.as_json()
    evaluation.total_score = general + tasks
    evaluation.proposed_grade = scoring.grade_for(evaluation.total_score, _bands(evaluation))
    evaluation.head_note = note
    evaluation.proposed_by = actor
    evaluation.proposed_at = timezone.now()
    evaluation.stage = EvaluationStage.PROPOSED
    audited_save(
        evaluation,
        actor=actor,
        reason=_("Trưởng phòng đề xuất xếp loại"),
        update_fields=[
            "general_score",
            "task_score",
            "task_breakdown",
            "total_score",
            "proposed_grade",
            "head_note",
            "proposed_by",
            "proposed_at",
            "stage",
            "updated_at",
        ],
    )
    return evaluation


@dataclass(frozen=True)
class Quota:
    """The unit's xuất sắc quota for the year: those graded tốt, how many xuất sắc it allows,
    how many stand proposed or decided."""

    good: int
    allowed: int
    excellent: int
    percent: Decimal

    @property
    def exceeded(self) -> bool:
        return self.excellent > self.allowed

    @property
    def message(self) -> str:
        values = {
            "allowed": self.allowed,
            "percent": scoring.points_text(self.percent),
            "good": self.good,
            "excellent": self.excellent,
        }
        if self.exceeded:
            return (
                _(
                    "Vượt tỷ lệ xuất sắc: %(excellent)d người được đề xuất hoặc xếp loại "
                    "xuất sắc, tối đa %(allowed)d (%(percent)s %% của %(good)d người xếp loại "
                    "tốt). Lãnh đạo không quyết định xuất sắc vượt tỷ lệ."
                )
                % values
            )
        return (
            _(
                "Tỷ lệ xuất sắc của đơn vị: %(excellent)d/%(allowed)d người (tối đa "
                "%(percent)s %% của %(good)d người xếp loại tốt)."
            )
            % values
        )


def quota_of(evaluation: Evaluation) -> Quota:
    counts = selectors.unit_grades(evaluation.lead_unit_id, evaluation.year)
    percent = evaluation.ruleset.excellent_quota_percent
    return Quota(
        good=counts[Grade.GOOD],
        allowed=scoring.excellent_allowed(counts[Grade.GOOD], percent),
        excellent=counts[Grade.EXCELLENT],
        percent=percent,
    )


def quota_warning(evaluation: Evaluation) -> str:
    """What the head and leadership are warned of when the evaluation is proposed xuất sắc."""
    if evaluation.current_grade != Grade.EXCELLENT:
        return ""
    return quota_of(evaluation).message


def evaluation_before_submit(evaluation: Evaluation) -> None:
    """Registered with `units.approvals.register_effects`: only a proposed evaluation goes up."""
    if evaluation.stage != EvaluationStage.PROPOSED or not evaluation.proposed_grade:
        raise ValidationError(_("Trưởng phòng chưa đề xuất xếp loại."))


def evaluation_approved(evaluation: Evaluation, actor) -> None:
    """Leadership's approval fixes the proposed grade; xuất sắc past the unit's quota is
    refused (the whole decision rolls back)."""
    grade = evaluation.proposed_grade
    if grade == Grade.EXCELLENT:
        quota = quota_of(evaluation)
        decided = selectors.decided_excellent(
            evaluation.lead_unit_id, evaluation.year, exclude_pk=evaluation.pk
        )
        if decided + 1 > quota.allowed:
            raise ValidationError(
                _(
                    "Không quyết định được xếp loại xuất sắc: đơn vị đã có %(decided)d người "
                    "xuất sắc, tối đa %(allowed)d (%(percent)s %% của %(good)d người xếp loại "
                    "tốt). Trả lại để Trưởng phòng đề xuất lại."
                )
                % {
                    "decided": decided,
                    "allowed": quota.allowed,
                    "percent": scoring.points_text(quota.percent),
                    "good": quota.good,
                }
            )
    evaluation.final_grade = grade
    audited_save(
        evaluation,
        actor=actor,
        reason=_("Lãnh đạo quyết định xếp loại"),
        update_fields=["final_grade", "updated_at"],
    )


@transaction.atomic
@in_office_language
def evaluation_submit(*, actor, evaluation: Evaluation) -> Evaluation:
    """The unit's head submits, after the unit's collective discussion."""
    if not permissions.heads(actor, evaluation.lead_unit_id):
        raise PermissionDenied(_("Chỉ Trưởng phòng mới trình lãnh đạo quyết định."))
    approvals.approval_submit(actor=actor, obj=evaluation)
    return evaluation


@transaction.atomic
@in_office_language
def evaluation_party_review(
    *, actor, evaluation: Evaluation, grade: str, held_on: date, note: str = ""
) -> Evaluation:
    """The office Party cell's review of a member (Quy định 366-QĐ/TW), on the same grades."""
    if not permissions.can_record_party_review(actor, evaluation):
        raise PermissionDenied(_("Bạn không ghi được kết quả kiểm điểm của chi bộ."))
    if grade not in Grade.values:
        raise ValidationError({"grade": _("Mức xếp loại không hợp lệ.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Ngày kiểm điểm không được sau hôm nay.")})
    if held_on.year not in (evaluation.year, evaluation.year + 1):
        raise ValidationError(
            {"held_on": _("Ngày kiểm điểm phải trong năm đánh giá hoặc đầu năm sau.")}
        )
    evaluation.party_review_grade = grade
    evaluation.party_review_on = held_on
    evaluation.party_review_note = note
    evaluation.full_clean()
    audited_save(
        evaluation,
        actor=actor,
        reason=_("Ghi kết quả kiểm điểm đảng viên"),
        update_fields=["party_review_grade", "party_review_on", "party_review_note", "updated_at"],
    )
    return evaluation
