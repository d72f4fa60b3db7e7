"""Reads of Party finance, already narrowed to what the user may see."""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from finance import permissions
from finance.choices import EstimateKind, ThresholdKey
from finance.models import (
    ActualSpending,
    Allocation,
    BudgetLine,
    BudgetUnit,
    Commitment,
    DuesCharge,
    DuesPayment,
    DuesRegime,
    DuesReport,
    DuesShare,
    Estimate,
    EstimateLine,
    FinanceInspection,
    FinanceThreshold,
    InspectionFinding,
    PartyMember,
    PartyOrganisation,
    Settlement,
    SpendingImport,
)
from finance.words import whole_dong
from units import permissions as door
from units.choices import ApprovalStatus, Secrecy

ZERO = Decimal(0)


# Rules as data ---------------------------------------------------------------------------------


def regime_on(month: date) -> DuesRegime:
    """The dues regulation in force on the month's first day."""
    regime = (
        DuesRegime.objects.filter(DuesRegime.valid_on(month.replace(day=1)))
        .prefetch_related("rates")
        .first()
    )
    if regime is None:
        raise ValidationError(
            _("Không có quy định đảng phí nào có hiệu lực vào tháng %(month)s.")
            % {"month": f"{month:%m/%Y}"}
        )
    return regime


def threshold(key: str, on: date) -> Decimal:
    row = FinanceThreshold.objects.filter(FinanceThreshold.valid_on(on), key=key).first()
    if row is None:
        raise ValidationError(
            _("Chưa khai báo ngưỡng “%(name)s”.") % {"name": ThresholdKey(key).label}
        )
    return row.percent


def kept_percent(on: date) -> Decimal:
    row = DuesShare.objects.filter(DuesShare.valid_on(on)).first()
    if row is None:
        raise ValidationError(_("Chưa khai báo tỷ lệ trích giữ lại đảng phí có hiệu lực."))
    return row.kept_percent


def budget_units_on(day: date) -> QuerySet[BudgetUnit]:
    return BudgetUnit.objects.filter(BudgetUnit.valid_on(day))


# Estimates -------------------------------------------------------------------------------------


def estimates_for(user) -> QuerySet[Estimate]:
    return door.visible(Estimate.objects.select_related("budget_unit", "lead_unit", "owner"), user)


def estimate_lines(estimate: Estimate) -> list[EstimateLine]:
    return list(estimate.lines.select_related("budget_unit", "budget_line"))


def estimate_total(estimate: Estimate) -> Decimal:
    return estimate.lines.aggregate(total=Sum("amount"))["total"] or ZERO


def versions_of(estimate: Estimate) -> list[Estimate]:
    first = estimate
    while first.previous_version_id:
        first = first.previous_version
    chain, current = [first], first
    while True:
        following = current.next_versions.order_by("version").first()
        if following is None:
            return chain
        chain.append(following)
        current = following


@dataclass
class LineDiff:
    budget_unit: BudgetUnit
    budget_line: BudgetLine
    old: Decimal | None
    new: Decimal | None
    old_explanation: str = ""
    new_explanation: str = ""

    @property
    def status(self) -> str:
        if self.old is None:
            return _("Thêm mới")
        if self.new is None:
            return _("Bỏ")
        if self.old != self.new:
            return _("Điều chỉnh")
        return _("Giữ nguyên")

    @property
    def difference(self) -> Decimal:
        return (self.new or ZERO) - (self.old or ZERO)

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_explanation != self.new_explanation


def compare_versions(old: Estimate | None, new: Estimate) -> list[LineDiff]:
    """Line by line: each (unit, line) of either version with its old and new amounts."""
    rows: dict[tuple, LineDiff] = {}
    for line in estimate_lines(new):
        rows[(line.budget_unit_id, line.budget_line_id)] = LineDiff(
            line.budget_unit, line.budget_line, None, line.amount, "", line.explanation
        )
    if old is not None:
        for line in estimate_lines(old):
            key = (line.budget_unit_id, line.budget_line_id)
            if key in rows:
                rows[key].old, rows[key].old_explanation = line.amount, line.explanation
            else:
                rows[key] = LineDiff(
                    line.budget_unit, line.budget_line, line.amount, None, line.explanation
                )
    return sorted(
        rows.values(),
        key=lambda row: (
            row.budget_unit.order,
            row.budget_unit.code,
            row.budget_line.order,
            row.budget_line.code,
        ),
    )


def approved_estimate(year: int) -> Estimate | None:
    """The consolidated estimate in force for the year."""
    return (
        Estimate.objects.filter(
            year=year,
            kind=EstimateKind.CONSOLIDATED,
            approval_status=ApprovalStatus.APPROVED,
            is_current=True,
        )
        .order_by("-version")
        .first()
    )


def approved_amount(year: int, budget_unit_id: int, budget_line_id: int) -> Decimal | None:
    estimate = approved_estimate(year)
    if estimate is None:
        return None
    line = estimate.lines.filter(
        budget_unit_id=budget_unit_id, budget_line_id=budget_line_id
    ).first()
    return line.amount if line is not None else None


def handed_unit_estimates(year: int) -> QuerySet[Estimate]:
    return Estimate.objects.filter(
        year=year, kind=EstimateKind.UNIT, handed_at__isnull=False
    ).select_related("budget_unit", "lead_unit")


# Following the budget --------------------------------------------------------------------------


@dataclass
class FollowRow:
    budget_unit: BudgetUnit
    budget_line: BudgetLine
    estimate: Decimal = ZERO
    allocated: Decimal = ZERO
    committed: Decimal = ZERO
    actual: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.estimate - self.committed - self.actual

    @property
    def used_percent(self) -> Decimal | None:
        if not self.estimate:
            return None
        return (self.committed + self.actual) * 100 / self.estimate


@dataclass
class FollowTable:
    rows: list[FollowRow] = field(default_factory=list)

    def total(self, name: str) -> Decimal:
        return sum((getattr(row, name) for row in self.rows), ZERO)


def budget_vs_actual(
    user, year: int, budget_unit_id: int | None = None, *, per_line: bool = True
) -> FollowTable:
    """Approved estimate, quarterly allocation, commitments and imported spending per unit
    and line (or per unit alone): four grouped queries whatever the number of rows."""
    units = {
        unit.pk: unit
        for unit in permissions.budget_units_for(user, BudgetUnit.objects.all())
        if budget_unit_id is None or unit.pk == budget_unit_id
    }
    if not units:
        return FollowTable()
    rows: dict[tuple[int, int | None], dict] = defaultdict(dict)
    keys = ("budget_unit_id", "budget_line_id") if per_line else ("budget_unit_id",)
    estimate = approved_estimate(year)
    sources = [
        (
            "estimate",
            EstimateLine.objects.filter(estimate=estimate)
            if estimate
            else EstimateLine.objects.none(),
        ),
        ("allocated", Allocation.objects.filter(year=year)),
        ("committed", Commitment.objects.filter(year=year)),
        ("actual", ActualSpending.objects.filter(year=year)),
    ]
    for name, queryset in sources:
        grouped = (
            queryset.filter(budget_unit_id__in=units)
            .order_by()
            .values(*keys)
            .annotate(total=Sum("amount"))
        )
        for entry in grouped:
            rows[(entry["budget_unit_id"], entry.get("budget_line_id"))][name] = entry["total"]
    lines = BudgetLine.objects.in_bulk({line_id for _unit, line_id in rows if line_id})
    table = FollowTable(
        rows=[
            FollowRow(units[unit_id], lines.get(line_id), **values)
            for (unit_id, line_id), values in rows.items()
        ]
    )
    table.rows.sort(
        key=lambda row: (
            row.budget_unit.order,
            row.budget_unit.code,
            row.budget_line.order if row.budget_line else 0,
            row.budget_line.code if row.budget_line else "",
        )
    )
    return table


def commitments_of(year: int, budget_unit_id: int, budget_line_id: int) -> QuerySet[Commitment]:
    return Commitment.objects.filter(
        year=year, budget_unit_id=budget_unit_id, budget_line_id=budget_line_id
    ).select_related("recorded_by")


def actual_rows_of(year: int, budget_unit_id: int, budget_line_id: int) -> QuerySet[ActualSpending]:
    return ActualSpending.objects.filter(
        year=year, budget_unit_id=budget_unit_id, budget_line_id=budget_line_id
    ).select_related("spending_import")


def imports_for(user) -> QuerySet[SpendingImport]:
    if not permissions.may_see_imports(user):
        return SpendingImport.objects.none()
    return SpendingImport.objects.select_related("uploaded_by", "mapping")


# Settlements and publication -------------------------------------------------------------------


def settlements_for(user) -> QuerySet[Settlement]:
    return door.visible(Settlement.objects.select_related("lead_unit", "owner", "estimate"), user)


def published_estimates() -> QuerySet[Estimate]:
    return Estimate.objects.filter(published_at__isnull=False, secrecy=Secrecy.NONE).select_related(
        "lead_unit"
    )


def published_settlements() -> QuerySet[Settlement]:
    return Settlement.objects.filter(
        published_at__isnull=False, secrecy=Secrecy.NONE
    ).select_related("lead_unit")


# Dues ------------------------------------------------------------------------------------------


def members_for(user) -> QuerySet[PartyMember]:
    return permissions.dues_members(PartyMember.objects.select_related("cell", "user"), user)


@dataclass
class MonthDues:
    month: date
    charge: DuesCharge | None
    paid: Decimal

    @property
    def due(self) -> Decimal:
        return self.charge.amount if self.charge else ZERO

    @property
    def owed(self) -> Decimal:
        return max(self.due - self.paid, ZERO)


def member_statement(member: PartyMember, year: int) -> list[MonthDues]:
    """Each month of the year: the dues computed, what was paid, what is owed."""
    charges = {
        charge.month: charge
        for charge in member.charges.filter(month__year=year).select_related("regime", "relief")
    }
    paid = {
        row["month"]: row["total"]
        for row in member.payments.filter(month__year=year)
        .order_by()
        .values("month")
        .annotate(total=Sum("amount"))
    }
    return [
        MonthDues(
            date(year, number, 1),
            charges.get(date(year, number, 1)),
            paid.get(date(year, number, 1), ZERO),
        )
        for number in range(1, 13)
    ]


def arrears(member: PartyMember) -> Decimal:
    due = member.charges.aggregate(total=Sum("amount"))["total"] or ZERO
    paid = member.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    return max(due - paid, ZERO)


def dues_month_rows(user, month: date) -> QuerySet:
    """The month's dues of the members the user may read, one row each (values, no
    per-row query): due, paid."""
    paid_total = (
        DuesPayment.objects.filter(member_id=OuterRef("member_id"), month=month)
        .order_by()
        .values("member_id")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    members = members_for(user).values("pk")
    return (
        DuesCharge.objects.filter(month=month, member_id__in=members)
        .annotate(paid=Coalesce(Subquery(paid_total), ZERO))
        .values(
            "id",
            "member_id",
            "member__full_name",
            "member__cell__name",
            "category",
            "basis",
            "amount",
            "paid",
            "excuse",
            "regime__code",
        )
        .order_by("member_id")
    )


def unpaid_months(member_ids, year: int, before: date) -> dict[int, list[date]]:
    """Per member, the months of `year` before `before` with dues owed and no recorded reason."""
    paid_total = (
        DuesPayment.objects.filter(member_id=OuterRef("member_id"), month=OuterRef("month"))
        .order_by()
        .values("member_id")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    rows = (
        DuesCharge.objects.filter(
            member_id__in=member_ids, month__year=year, month__lt=before, amount__gt=0, excuse=""
        )
        .annotate(paid=Coalesce(Subquery(paid_total), ZERO))
        .values("member_id", "month", "amount", "paid")
        .order_by("member_id", "month")
    )
    found: dict[int, list[date]] = defaultdict(list)
    for row in rows:
        if row["paid"] < row["amount"]:
            found[row["member_id"]].append(row["month"])
    return found


# The provincial level --------------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first_month = (quarter - 1) * 3 + 1
    last_month = first_month + 2
    return date(year, first_month, 1), date(
        year, last_month, calendar.monthrange(year, last_month)[1]
    )


@dataclass
class OrganisationStatus:
    organisation: PartyOrganisation
    report: DuesReport | None
    expected_kept: Decimal | None = None

    @property
    def reported(self) -> bool:
        return self.report is not None

    @property
    def expected_remitted(self) -> Decimal | None:
        if self.report is None or self.expected_kept is None:
            return None
        return self.report.collected - self.expected_kept

    @property
    def remitted_in_full(self) -> bool:
        return (
            self.report is not None
            and self.report.remitted_on is not None
            and self.expected_remitted is not None
            and self.report.remitted >= self.expected_remitted
        )


def organisations_status(year: int, quarter: int) -> list[OrganisationStatus]:
    """Organisations that existed during the quarter, with their report if any."""
    first, last = quarter_bounds(year, quarter)
    organisations = PartyOrganisation.objects.filter(
        Q(valid_from__lte=last) & (Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    )
    reports = {
        report.organisation_id: report
        for report in DuesReport.objects.filter(year=year, quarter=quarter)
    }
    share = DuesShare.objects.filter(DuesShare.valid_on(last)).first()
    statuses = []
    for organisation in organisations:
        report = reports.get(organisation.pk)
        expected = None
        if report is not None and share is not None:
            expected = Decimal(whole_dong(report.collected * share.kept_percent / 100))
        statuses.append(OrganisationStatus(organisation, report, expected))
    return statuses


# Inspections -----------------------------------------------------------------------------------


def inspections_for(user) -> QuerySet[FinanceInspection]:
    return door.visible(
        FinanceInspection.objects.select_related("organisation", "lead_unit", "owner"), user
    )


def findings_of(inspection: FinanceInspection) -> list[InspectionFinding]:
    return list(inspection.findings.all())
