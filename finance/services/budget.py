"""Budget estimates, their consolidation and approval, allocation, commitments, settlement
and publication (Điều 10.1–10.2, 9.4, 16)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import (
    audited_bulk_create,
    audited_create,
    audited_delete,
    audited_m2m_set,
    audited_save,
    in_office_language,
)
from core.services import notify
from finance import permissions, selectors
from finance.choices import EstimateKind, ThresholdKey
from finance.models import (
    Allocation,
    BudgetLine,
    BudgetUnit,
    Commitment,
    Estimate,
    EstimateLine,
    Settlement,
    SettlementLine,
)
from finance.words import money
from units import ownership
from units import permissions as door
from units.choices import ApprovalStatus, Designation, Secrecy
from units.designations import designated_unit

EDITABLE_STATUSES = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)
ZERO = Decimal(0)


def _finance_unit():
    unit = designated_unit(Designation.FINANCE)
    if unit is None:
        raise ValidationError(_("Chưa có phòng được giao nhiệm vụ tài chính đảng."))
    return unit


def _require_editable(actor, obj) -> None:
    if not door.can_edit(actor, obj):
        raise ValidationError(_("Bạn không có quyền sửa nội dung này."))
    if obj.approval_status not in EDITABLE_STATUSES or getattr(obj, "handed_at", None):
        raise ValidationError(_("Đã trình hoặc đã duyệt: không sửa được nữa."))


# Estimates -------------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def estimate_create(
    *, actor, budget_unit: BudgetUnit, year: int, title: str, secrecy: str = Secrecy.NONE
) -> Estimate:
    """A unit drafts its yearly estimate: the unit that prepares the budget unit's estimate
    (QT for the office), else TC for the bodies it enters."""
    lead_unit = budget_unit.prepared_by or _finance_unit()
    if not door.viewer_for(actor).is_head_of(lead_unit.pk):
        raise ValidationError(
            {
                "budget_unit": _("Dự toán của đơn vị này do Trưởng %(unit)s lập.")
                % {"unit": lead_unit.name}
            }
        )
    if Estimate.objects.filter(
        kind=EstimateKind.UNIT, budget_unit=budget_unit, year=year, version=1
    ).exists():
        raise ValidationError({"year": _("Đơn vị đã có dự toán năm này.")})
    estimate = Estimate(
        kind=EstimateKind.UNIT,
        budget_unit=budget_unit,
        year=year,
        title=title,
        lead_unit=lead_unit,
        owner=actor,
        secrecy=secrecy,
    )
    estimate.full_clean()
    audited_save(estimate, actor=actor, reason=gettext_lazy("Lập dự toán"))
    ownership.record_assignment(estimate, actor=actor, reason=_("Lập dự toán"))
    return estimate


def _copy_lines(source: Estimate, target: Estimate, *, actor, reason) -> None:
    audited_bulk_create(
        EstimateLine,
        [
            EstimateLine(
                estimate=target,
                budget_unit_id=line.budget_unit_id,
                budget_line_id=line.budget_line_id,
                amount=line.amount,
                explanation=line.explanation,
            )
            for line in source.lines.all()
        ],
        actor=actor,
        reason=reason,
    )


@transaction.atomic
@in_office_language
def consolidated_create(*, actor, year: int, title: str, parts: list[Estimate]) -> Estimate:
    """TC's head consolidates the units' estimates handed to it into the committee's."""
    finance = _finance_unit()
    if not door.viewer_for(actor).is_head_of(finance.pk):
        raise ValidationError(_("Trưởng Phòng Tài chính đảng tổng hợp dự toán."))
    if not parts:
        raise ValidationError({"parts": _("Chọn ít nhất một dự toán của đơn vị.")})
    for part in parts:
        if part.kind != EstimateKind.UNIT or part.year != year:
            raise ValidationError({"parts": _("Chỉ tổng hợp dự toán của đơn vị cùng năm.")})
        if part.handed_at is None and part.lead_unit_id != finance.pk:
            raise ValidationError(
                {
                    "parts": _("Dự toán “%(title)s” chưa được gửi Phòng Tài chính đảng.")
                    % {"title": part.title}
                }
            )
        if part.is_secret:
            raise ValidationError({"parts": _("Dự toán mật không tổng hợp vào dự toán chung.")})
    door.require_visible(parts, actor, field="parts", message=_("Có dự toán bạn không được xem."))
    if Estimate.objects.filter(kind=EstimateKind.CONSOLIDATED, year=year, version=1).exists():
        raise ValidationError({"year": _("Đã có dự toán tổng hợp năm này.")})
    estimate = Estimate(
        kind=EstimateKind.CONSOLIDATED, year=year, title=title, lead_unit=finance, owner=actor
    )
    estimate.full_clean()
    audited_save(estimate, actor=actor, reason=gettext_lazy("Tổng hợp dự toán"))
    ownership.record_assignment(estimate, actor=actor, reason=_("Tổng hợp dự toán"))
    audited_m2m_set(estimate, "parts", parts, actor=actor, reason=gettext_lazy("Tổng hợp dự toán"))
    for part in parts:
        _copy_lines(part, estimate, actor=actor, reason=gettext_lazy("Tổng hợp dòng dự toán"))
    return estimate


@transaction.atomic
@in_office_language
def line_set(
    *,
    actor,
    estimate: Estimate,
    budget_line: BudgetLine,
    amount: Decimal,
    explanation: str,
    budget_unit: BudgetUnit | None = None,
) -> EstimateLine:
    """Add a line or change its amount and explanation."""
    _require_editable(actor, estimate)
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Số tiền dự toán không được âm.")})
    if not explanation.strip():
        raise ValidationError({"explanation": _("Mỗi dòng dự toán cần có thuyết minh.")})
    if not budget_line.is_active:
        raise ValidationError({"budget_line": _("Mục lục ngân sách này không còn dùng.")})
    unit = budget_unit if estimate.is_consolidated and budget_unit else estimate.budget_unit
    if unit is None:
        raise ValidationError({"budget_unit": _("Chọn đơn vị dự toán của dòng.")})
    line = EstimateLine.objects.filter(
        estimate=estimate, budget_unit=unit, budget_line=budget_line
    ).first() or EstimateLine(estimate=estimate, budget_unit=unit, budget_line=budget_line)
    line.amount, line.explanation = amount, explanation.strip()
    line.full_clean()
    return audited_save(line, actor=actor, reason=gettext_lazy("Ghi dòng dự toán"))


@transaction.atomic
@in_office_language
def line_delete(*, actor, line: EstimateLine) -> None:
    _require_editable(actor, line.estimate)
    audited_delete(line, actor=actor, reason=gettext_lazy("Bỏ dòng dự toán"))


@transaction.atomic
@in_office_language
def estimate_hand_over(*, actor, estimate: Estimate) -> Estimate:
    """The unit sends its estimate to TC, which then reads it (as a coordinating unit) and
    consolidates it; the unit no longer edits it."""
    _require_editable(actor, estimate)
    if estimate.is_consolidated:
        raise ValidationError(_("Dự toán tổng hợp được trình lãnh đạo, không gửi."))
    if not estimate.lines.exists():
        raise ValidationError(_("Dự toán chưa có dòng nào."))
    finance = _finance_unit()
    estimate.handed_at = timezone.now()
    audited_save(
        estimate,
        actor=actor,
        reason=gettext_lazy("Gửi Phòng Tài chính đảng tổng hợp"),
        update_fields=["handed_at"],
    )
    ownership.set_coordinating_units(
        estimate, [finance], actor=actor, reason=gettext_lazy("Gửi Phòng Tài chính đảng tổng hợp")
    )
    head = ownership.head_of(finance)
    if head is not None:
        notify(
            recipients=[head],
            title=_("Dự toán “%(title)s” gửi Phòng Tài chính đảng tổng hợp")
            % {"title": estimate.title},
            url=estimate.get_absolute_url(),
            about=estimate,
        )
    return estimate


def estimate_before_submit(estimate: Estimate) -> None:
    if not estimate.is_consolidated:
        raise ValidationError(
            _("Dự toán của đơn vị được gửi Phòng Tài chính đảng tổng hợp, không trình riêng.")
        )
    if not estimate.lines.exists():
        raise ValidationError(_("Dự toán chưa có dòng nào."))


def estimate_approved(estimate: Estimate, actor) -> None:
    """The approved version is in force; the one it revises no longer is."""
    previous = estimate.previous_version
    if previous is not None and previous.is_current:
        previous.is_current = False
        audited_save(
            previous,
            actor=actor,
            reason=gettext_lazy("Phiên bản điều chỉnh được duyệt"),
            update_fields=["is_current"],
        )


def _require_finance_owner(actor, estimate) -> None:
    if not door.can_edit(actor, estimate):
        raise ValidationError(_("Bạn không có quyền với dự toán này."))


@transaction.atomic
@in_office_language
def estimate_record_decision(
    *,
    actor,
    estimate: Estimate,
    decision_number: str,
    decision_date: date,
    allocation_number: str = "",
    allocation_date: date | None = None,
) -> Estimate:
    """The standing committee's decision and the council's allocation, by their numbers."""
    _require_finance_owner(actor, estimate)
    if estimate.approval_status != ApprovalStatus.APPROVED:
        raise ValidationError(_("Chỉ ghi quyết định cho dự toán đã được lãnh đạo Văn phòng duyệt."))
    if not decision_number.strip():
        raise ValidationError({"decision_number": _("Cần ghi số quyết định.")})
    if allocation_number and allocation_date is None:
        raise ValidationError({"allocation_date": _("Cần ghi ngày giao dự toán.")})
    estimate.decision_number, estimate.decision_date = decision_number.strip(), decision_date
    estimate.allocation_number, estimate.allocation_date = (
        allocation_number.strip(),
        allocation_date,
    )
    return audited_save(
        estimate,
        actor=actor,
        reason=gettext_lazy("Ghi quyết định của Ban Thường vụ và giao dự toán"),
        update_fields=["decision_number", "decision_date", "allocation_number", "allocation_date"],
    )


@transaction.atomic
@in_office_language
def estimate_revise(*, actor, estimate: Estimate, reason: str) -> Estimate:
    """A mid-year revision: the next version, a copy of the approved one, through the same path."""
    _require_finance_owner(actor, estimate)
    if not (
        estimate.is_consolidated
        and estimate.is_current
        and estimate.approval_status == ApprovalStatus.APPROVED
    ):
        raise ValidationError(_("Chỉ điều chỉnh dự toán tổng hợp đã duyệt đang có hiệu lực."))
    if estimate.next_versions.exists():
        raise ValidationError(_("Dự toán đã có bản điều chỉnh đang xử lý."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do điều chỉnh.")})
    revision = Estimate(
        kind=estimate.kind,
        year=estimate.year,
        title=estimate.title,
        lead_unit=estimate.lead_unit,
        owner=actor,
        secrecy=estimate.secrecy,
        version=estimate.version + 1,
        previous_version=estimate,
        revision_reason=reason.strip(),
    )
    revision.full_clean()
    audited_save(revision, actor=actor, reason=gettext_lazy("Điều chỉnh dự toán"))
    ownership.record_assignment(revision, actor=actor, reason=_("Điều chỉnh dự toán"))
    audited_m2m_set(
        revision,
        "parts",
        estimate.parts.all(),
        actor=actor,
        reason=gettext_lazy("Điều chỉnh dự toán"),
    )
    _copy_lines(estimate, revision, actor=actor, reason=gettext_lazy("Điều chỉnh dự toán"))
    return revision


def _publish(actor, obj) -> None:
    _require_finance_owner(actor, obj)
    if obj.approval_status != ApprovalStatus.APPROVED:
        raise ValidationError(_("Chỉ công khai nội dung đã được duyệt."))
    if obj.is_secret:
        raise ValidationError(_("Nội dung mật không được công khai."))
    if obj.published_at is not None:
        raise ValidationError(_("Đã công khai."))
    obj.published_at = timezone.now()
    audited_save(
        obj,
        actor=actor,
        reason=gettext_lazy("Công khai tài chính (Điều 16)"),
        update_fields=["published_at"],
    )


@transaction.atomic
@in_office_language
def estimate_publish(*, actor, estimate: Estimate) -> Estimate:
    _publish(actor, estimate)
    return estimate


# Allocation and commitments --------------------------------------------------------------------


@transaction.atomic
@in_office_language
def allocation_set(
    *, actor, year: int, budget_unit: BudgetUnit, budget_line: BudgetLine, amounts: list[Decimal]
) -> list[Allocation]:
    """The line's approved amount by quarter; the four together may not pass it."""
    if not permissions.is_finance_staff(actor):
        raise ValidationError(_("Phòng Tài chính đảng phân bổ dự toán."))
    if len(amounts) != 4 or any(amount is None or amount < 0 for amount in amounts):
        raise ValidationError({"q1": _("Số phân bổ mỗi quý không được âm.")})
    approved = selectors.approved_amount(year, budget_unit.pk, budget_line.pk)
    if approved is None:
        raise ValidationError(
            _("Dòng này chưa có trong dự toán được duyệt năm %(year)s.") % {"year": year}
        )
    total = sum(amounts, ZERO)
    if total > approved:
        raise ValidationError(
            {
                "q1": _("Tổng phân bổ %(total)s vượt dự toán được duyệt %(approved)s.")
                % {"total": money(total), "approved": money(approved)}
            }
        )
    saved = []
    for quarter, amount in enumerate(amounts, start=1):
        row = Allocation.objects.filter(
            year=year, budget_unit=budget_unit, budget_line=budget_line, quarter=quarter
        ).first() or Allocation(
            year=year, budget_unit=budget_unit, budget_line=budget_line, quarter=quarter
        )
        if row.pk is None or row.amount != amount:
            row.amount = amount
            audited_save(row, actor=actor, reason=gettext_lazy("Phân bổ dự toán theo quý"))
        saved.append(row)
    return saved


@dataclass
class CommitmentResult:
    commitment: Commitment
    warning: str = ""


def _available(year: int, budget_unit: BudgetUnit, budget_line: BudgetLine, on: date) -> Decimal:
    """Allocated through the quarter of `on`; without a quarterly allocation, the line's
    approved amount for the year; nothing outside the approved estimate."""
    allocations = Allocation.objects.filter(
        year=year, budget_unit=budget_unit, budget_line=budget_line
    )
    if allocations.exists():
        quarter = (on.month - 1) // 3 + 1 if on.year == year else 4
        return (
            allocations.filter(quarter__lte=quarter).aggregate(total=Sum("amount"))["total"] or ZERO
        )
    return selectors.approved_amount(year, budget_unit.pk, budget_line.pk) or ZERO


@transaction.atomic
@in_office_language
def commitment_record(
    *,
    actor,
    budget_unit: BudgetUnit,
    budget_line: BudgetLine,
    year: int,
    amount: Decimal,
    source: str,
    source_key: str = "",
    committed_on: date | None = None,
) -> CommitmentResult:
    """Commit an approved spending proposal (procurement, trip, conference) against a line.
    Refused past the refusal threshold of what is allocated; a warning past the warning
    threshold (both thresholds are data). Other apps call this with their proposal's
    description and key."""
    committed_on = committed_on or timezone.localdate()
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Số tiền cam kết phải lớn hơn 0.")})
    if not source.strip():
        raise ValidationError({"source": _("Cần ghi đề xuất chi đã được duyệt.")})
    available = _available(year, budget_unit, budget_line, committed_on)
    already = (
        Commitment.objects.filter(
            year=year, budget_unit=budget_unit, budget_line=budget_line
        ).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    total = already + amount
    refusal = selectors.threshold(ThresholdKey.COMMITMENT_REFUSAL, committed_on)
    warning_at = selectors.threshold(ThresholdKey.COMMITMENT_WARNING, committed_on)
    if total > available * refusal / 100:
        raise ValidationError(
            {
                "amount": _(
                    "Vượt phân bổ của dòng %(line)s: đã cam kết %(already)s, thêm %(amount)s, "
                    "được phân bổ %(available)s."
                )
                % {
                    "line": budget_line.code,
                    "already": money(already),
                    "amount": money(amount),
                    "available": money(available),
                }
            }
        )
    warned = total > available * warning_at / 100
    commitment = audited_create(
        Commitment,
        actor=actor,
        reason=gettext_lazy("Ghi cam kết chi"),
        year=year,
        budget_unit=budget_unit,
        budget_line=budget_line,
        amount=amount,
        committed_on=committed_on,
        source=source.strip()[:300],
        source_key=source_key[:100],
        warned=warned,
        recorded_by=actor,
    )
    warning = ""
    if warned:
        warning = _("Cam kết của dòng %(line)s đã đạt %(percent)s%% phân bổ.") % {
            "line": budget_line.code,
            "percent": round(total * 100 / available) if available else 100,
        }
    return CommitmentResult(commitment, warning)


# Settlement ------------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def settlement_prepare(*, actor, estimate: Estimate, title: str) -> Settlement:
    """Actual against the approved estimate, per unit and line (lines spent without an
    estimate appear with an estimate of 0)."""
    finance = _finance_unit()
    if not door.viewer_for(actor).is_head_of(finance.pk):
        raise ValidationError(_("Trưởng Phòng Tài chính đảng lập quyết toán."))
    if not (
        estimate.is_consolidated
        and estimate.is_current
        and estimate.approval_status == ApprovalStatus.APPROVED
    ):
        raise ValidationError(_("Quyết toán theo dự toán tổng hợp đã duyệt đang có hiệu lực."))
    if Settlement.objects.filter(year=estimate.year).exists():
        raise ValidationError(_("Đã có quyết toán năm này."))
    settlement = Settlement(
        year=estimate.year, estimate=estimate, title=title, lead_unit=finance, owner=actor
    )
    settlement.full_clean()
    audited_save(settlement, actor=actor, reason=gettext_lazy("Lập quyết toán"))
    ownership.record_assignment(settlement, actor=actor, reason=_("Lập quyết toán"))
    table = selectors.budget_vs_actual(actor, estimate.year)
    audited_bulk_create(
        SettlementLine,
        [
            SettlementLine(
                settlement=settlement,
                budget_unit=row.budget_unit,
                budget_line=row.budget_line,
                estimate_amount=row.estimate,
                actual_amount=row.actual,
            )
            for row in table.rows
            if row.estimate or row.actual
        ],
        actor=actor,
        reason=gettext_lazy("Lập quyết toán"),
    )
    return settlement


def lines_to_explain(settlement: Settlement) -> list[SettlementLine]:
    limit = selectors.threshold(ThresholdKey.SETTLEMENT_VARIANCE, date(settlement.year, 12, 31))
    return [
        line
        for line in settlement.lines.select_related("budget_line", "budget_unit")
        if line.variance_percent is not None and line.variance_percent > limit
    ]


@transaction.atomic
@in_office_language
def settlement_explain(*, actor, line: SettlementLine, explanation: str) -> SettlementLine:
    _require_editable(actor, line.settlement)
    line.explanation = explanation.strip()
    return audited_save(
        line,
        actor=actor,
        reason=gettext_lazy("Giải trình chênh lệch quyết toán"),
        update_fields=["explanation"],
    )


def settlement_before_submit(settlement: Settlement) -> None:
    missing = [line for line in lines_to_explain(settlement) if not line.explanation]
    if missing:
        raise ValidationError(
            _("Cần giải trình chênh lệch của các dòng: %(lines)s.")
            % {
                "lines": ", ".join(
                    f"{line.budget_unit.code} {line.budget_line.code}" for line in missing
                )
            }
        )


@transaction.atomic
@in_office_language
def settlement_publish(*, actor, settlement: Settlement) -> Settlement:
    _publish(actor, settlement)
    return settlement
