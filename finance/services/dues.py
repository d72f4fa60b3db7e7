"""Party dues (Điều 10.7): members, their income basis, exemption and reduction decisions,
the dues of each month under the regulation then in force, payments, the unpaid-months flag,
and the reports of the organisations directly under the provincial committee."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import (
    audited_bulk_create,
    audited_bulk_update,
    audited_create,
    audited_save,
    in_office_language,
)
from core.services import notify
from finance import permissions, selectors
from finance.choices import MemberCategory, RateKind, ReliefKind
from finance.models import (
    DuesCharge,
    DuesFlag,
    DuesPayment,
    DuesRegime,
    DuesRelief,
    DuesReport,
    IncomeBasis,
    PartyCell,
    PartyMember,
    PartyOrganisation,
    ReliefGround,
    add_months,
    month_start,
    months_between,
)
from finance.words import money, whole_dong
from units.choices import Designation
from units.designations import designated_unit
from units.ownership import head_of

ZERO = Decimal(0)


def _require_recorder(actor) -> None:
    if not permissions.may_record_dues(actor):
        raise ValidationError(_("Chỉ Phòng Tài chính đảng ghi số liệu đảng phí."))


# Members and their basis -----------------------------------------------------------------------


@transaction.atomic
@in_office_language
def cell_create(*, actor, name: str, secretary=None) -> PartyCell:
    _require_recorder(actor)
    cell = PartyCell(name=name, secretary=secretary)
    cell.full_clean()
    return audited_save(cell, actor=actor, reason=gettext_lazy("Lập chi bộ"))


@transaction.atomic
@in_office_language
def member_create(
    *,
    actor,
    cell: PartyCell,
    full_name: str,
    joined_on: date,
    category: str,
    user=None,
    card_number: str = "",
) -> PartyMember:
    _require_recorder(actor)
    member = PartyMember(
        cell=cell,
        full_name=full_name,
        joined_on=joined_on,
        category=category,
        user=user,
        card_number=card_number,
    )
    member.full_clean()
    return audited_save(member, actor=actor, reason=gettext_lazy("Ghi đảng viên"))


@transaction.atomic
@in_office_language
def income_record(
    *,
    actor,
    member: PartyMember,
    month: date,
    amount: Decimal,
    category: str = "",
    source: str = "",
) -> IncomeBasis:
    """The month's basis (salary base, benefit, pension), entered or from payroll."""
    _require_recorder(actor)
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Số tiền căn cứ không được âm.")})
    month = month_start(month)
    basis = IncomeBasis.objects.filter(member=member, month=month).first() or IncomeBasis(
        member=member, month=month
    )
    basis.amount, basis.category, basis.source = amount, category, source or _("Nhập tay")
    basis.full_clean()
    return audited_save(basis, actor=actor, reason=gettext_lazy("Ghi căn cứ tính đảng phí"))


@transaction.atomic
@in_office_language
def incomes_import(*, actor, month: date, rows: list[tuple[str, Decimal]], source: str) -> int:
    """Payroll's month: (card number, amount) pairs. An unknown card or a negative amount
    refuses the whole list, naming the rows."""
    _require_recorder(actor)
    month = month_start(month)
    members = {
        m.card_number: m for m in PartyMember.objects.filter(card_number__in=[r[0] for r in rows])
    }
    errors = [
        _("Dòng %(n)s: không có đảng viên số thẻ %(card)s.") % {"n": n, "card": card}
        for n, (card, _amount) in enumerate(rows, start=1)
        if card not in members
    ] + [
        _("Dòng %(n)s: số tiền âm.") % {"n": n}
        for n, (_card, amount) in enumerate(rows, start=1)
        if amount < 0
    ]
    if errors:
        raise ValidationError(errors)
    existing = {
        b.member_id: b for b in IncomeBasis.objects.filter(month=month, member__in=members.values())
    }
    new, changed = [], []
    for card, amount in rows:
        member = members[card]
        basis = existing.get(member.pk)
        if basis is None:
            new.append(IncomeBasis(member=member, month=month, amount=amount, source=source))
        else:
            basis.amount, basis.source = amount, source
            changed.append(basis)
    reason = gettext_lazy("Nhập căn cứ tính đảng phí từ bảng lương")
    audited_bulk_create(IncomeBasis, new, actor=actor, reason=reason)
    audited_bulk_update(IncomeBasis, changed, ["amount", "source"], actor=actor, reason=reason)
    return len(rows)


@transaction.atomic
@in_office_language
def relief_record(
    *,
    actor,
    member: PartyMember,
    kind: str,
    ground: ReliefGround,
    starts_on: date,
    ends_on: date,
    decision_number: str,
    percent: int | None = None,
) -> DuesRelief:
    """An exemption or reduction decision. For hardship (a capped ground) it lasts at most the
    regime's months and a reduction is one of its percentages; other grounds exempt."""
    _require_recorder(actor)
    starts_on, ends_on = month_start(starts_on), month_start(ends_on)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Tháng kết thúc phải sau tháng bắt đầu.")})
    regime = selectors.regime_on(starts_on)
    if kind == ReliefKind.EXEMPTION:
        percent = 100
    elif not ground.capped:
        raise ValidationError({"kind": _("Lý do này chỉ được miễn, không giảm mức đóng.")})
    elif percent not in regime.allowed_reductions:
        raise ValidationError(
            {
                "percent": _("Mức giảm phải là một trong các mức %(levels)s%%.")
                % {"levels": ", ".join(str(p) for p in regime.allowed_reductions)}
            }
        )
    months = months_between(starts_on, ends_on)
    if ground.capped and months > regime.max_relief_months:
        raise ValidationError(
            {
                "ends_on": _(
                    "Một quyết định miễn, giảm vì hoàn cảnh khó khăn tối đa %(max)s tháng "
                    "(%(code)s); quyết định này %(months)s tháng."
                )
                % {"max": regime.max_relief_months, "code": regime.code, "months": months}
            }
        )
    overlapping = member.reliefs.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
    if overlapping.exists():
        raise ValidationError(
            {"starts_on": _("Đảng viên đã có quyết định miễn, giảm trong thời gian này.")}
        )
    relief = DuesRelief(
        member=member,
        kind=kind,
        ground=ground,
        percent=percent,
        starts_on=starts_on,
        ends_on=ends_on,
        decision_number=decision_number,
    )
    relief.full_clean()
    return audited_save(
        relief, actor=actor, reason=gettext_lazy("Ghi quyết định miễn, giảm đảng phí")
    )


# Computing the dues ----------------------------------------------------------------------------


@dataclass
class Computed:
    category: str
    basis: Decimal | None
    full_amount: Decimal
    amount: Decimal
    relief: DuesRelief | None
    note: str


def compute(
    member: PartyMember,
    month: date,
    *,
    regime: DuesRegime,
    rates: dict,
    incomes: dict,
    relief: DuesRelief | None,
) -> Computed | None:
    """One member's dues for one month under `regime`; None when its basis is missing.
    `incomes` maps (member id, month) to (amount, category)."""
    own = incomes.get((member.pk, month))
    category = (own[1] if own and own[1] else "") or member.category
    rate = rates.get(category)
    if rate is None:
        raise ValidationError(
            _("%(code)s không quy định mức đóng cho đối tượng “%(category)s”.")
            % {"code": regime.code, "category": MemberCategory(category).label}
        )
    basis = None
    if rate.kind == RateKind.PERCENT:
        found = incomes.get((member.pk, add_months(month, rate.basis_month_offset)))
        if found is None:
            return None
        basis = found[0]
        full = Decimal(whole_dong(basis * rate.percent / 100))
    else:
        full = rate.fixed_amount
    notes = [f"{regime.code}: {rate.basis_label}"]
    amount = full
    if regime.exempt_after_years and month >= month_start(
        member.joined_on.replace(year=member.joined_on.year + regime.exempt_after_years)
    ):
        notes.append(_("miễn: đủ %(years)s năm tuổi đảng") % {"years": regime.exempt_after_years})
        return Computed(category, basis, full, ZERO, None, "; ".join(notes))
    if relief is not None:
        amount = Decimal(whole_dong(full * (100 - relief.percent) / 100))
        notes.append(
            _("%(kind)s %(percent)s%% theo quyết định %(number)s")
            % {
                "kind": relief.get_kind_display(),
                "percent": relief.percent,
                "number": relief.decision_number,
            }
        )
    return Computed(category, basis, full, amount, relief, "; ".join(notes))


@dataclass
class ComputeResult:
    created: int = 0
    updated: int = 0
    missing: list[PartyMember] = field(default_factory=list)


CHARGE_FIELDS = ["regime", "category", "basis", "full_amount", "amount", "relief", "note"]


@transaction.atomic
@in_office_language
def dues_compute(*, actor, month: date, members=None) -> ComputeResult:
    """The month's dues of every active member (or of `members`), under the regulation in
    force that month. Recomputing keeps the recorded reasons for unpaid months."""
    _require_recorder(actor)
    month = month_start(month)
    regime = selectors.regime_on(month)
    rates = {rate.category: rate for rate in regime.rates.all()}
    queryset = PartyMember.objects.filter(is_active=True, joined_on__lt=add_months(month, 1))
    if members is not None:
        queryset = queryset.filter(pk__in=[m.pk for m in members])
    member_rows = list(queryset)
    wanted = {month} | {add_months(month, rate.basis_month_offset) for rate in rates.values()}
    incomes = {
        (row["member_id"], row["month"]): (row["amount"], row["category"])
        for row in IncomeBasis.objects.filter(month__in=wanted, member__in=queryset)
        .order_by()
        .values("member_id", "month", "amount", "category")
    }
    reliefs = {
        relief.member_id: relief
        for relief in DuesRelief.objects.filter(
            starts_on__lte=month, ends_on__gte=month, member__in=queryset
        )
    }
    existing = {
        charge.member_id: charge
        for charge in DuesCharge.objects.filter(month=month, member__in=queryset)
    }
    result = ComputeResult()
    new, changed = [], []
    for member in member_rows:
        computed = compute(
            member,
            month,
            regime=regime,
            rates=rates,
            incomes=incomes,
            relief=reliefs.get(member.pk),
        )
        if computed is None:
            result.missing.append(member)
            continue
        values = {
            "regime": regime,
            "category": computed.category,
            "basis": computed.basis,
            "full_amount": computed.full_amount,
            "amount": computed.amount,
            "relief": computed.relief,
            "note": computed.note[:300],
        }
        charge = existing.get(member.pk)
        if charge is None:
            new.append(DuesCharge(member=member, month=month, **values))
            continue
        if any(getattr(charge, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(charge, name, value)
            changed.append(charge)
    reason = _("Tính đảng phí tháng %(month)s") % {"month": f"{month:%m/%Y}"}
    audited_bulk_create(DuesCharge, new, actor=actor, reason=reason)
    audited_bulk_update(DuesCharge, changed, CHARGE_FIELDS, actor=actor, reason=reason)
    result.created, result.updated = len(new), len(changed)
    return result


@transaction.atomic
@in_office_language
def payment_record(
    *,
    actor,
    member: PartyMember,
    month: date,
    amount: Decimal,
    paid_on: date,
    method: str,
    reference: str = "",
) -> DuesPayment:
    _require_recorder(actor)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Số tiền nộp phải lớn hơn 0.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Ngày nộp không được sau hôm nay.")})
    payment = DuesPayment(
        member=member,
        month=month_start(month),
        amount=amount,
        paid_on=paid_on,
        method=method,
        reference=reference,
    )
    payment.full_clean()
    return audited_save(payment, actor=actor, reason=gettext_lazy("Ghi đảng phí đã nộp"))


@transaction.atomic
@in_office_language
def excuse_record(*, actor, charge: DuesCharge, excuse: str) -> DuesCharge:
    """The cell's recorded reason why a month is unpaid: it is then not counted for the flag."""
    viewer_is_secretary = charge.member.cell.secretary_id == actor.pk
    if not (viewer_is_secretary or permissions.may_record_dues(actor)):
        raise ValidationError(_("Chỉ bí thư chi bộ hoặc Phòng Tài chính đảng ghi lý do."))
    if not excuse.strip():
        raise ValidationError({"excuse": _("Cần ghi lý do.")})
    charge.excuse = excuse.strip()
    return audited_save(
        charge,
        actor=actor,
        reason=gettext_lazy("Ghi lý do chưa đóng đảng phí"),
        update_fields=["excuse"],
    )


@transaction.atomic
@in_office_language
def dues_flag_run(*, actor, year: int, today: date | None = None) -> list[DuesFlag]:
    """Members with the regime's number of unpaid months in `year` (months before this one)
    and no recorded reason are raised, once a year, to the cell's secretary and TC's head."""
    today = today or timezone.localdate()
    regime = selectors.regime_on(min(today, date(year, 12, 1)))
    before = min(month_start(today), date(year + 1, 1, 1))
    already = DuesFlag.objects.filter(year=year).values("member_id")
    candidates = PartyMember.objects.filter(is_active=True).exclude(pk__in=already)
    unpaid = selectors.unpaid_months(candidates.values("pk"), year, before)
    flagged = {
        mid: months for mid, months in unpaid.items() if len(months) >= regime.unpaid_flag_months
    }
    if not flagged:
        return []
    finance_unit = designated_unit(Designation.FINANCE)
    tc_head = head_of(finance_unit) if finance_unit is not None else None
    flags = []
    for member in PartyMember.objects.filter(pk__in=flagged).select_related("cell"):
        months = ", ".join(f"{m:%m}" for m in flagged[member.pk])
        flag = audited_create(
            DuesFlag,
            actor=actor,
            reason=gettext_lazy("Báo đảng viên không đóng đảng phí"),
            member=member,
            year=year,
            months=months,
            raised_on=today,
        )
        flags.append(flag)
        notify(
            recipients=[user for user in (member.cell.secretary, tc_head) if user is not None],
            title=_("Đảng viên %(name)s chưa đóng đảng phí %(count)s tháng năm %(year)s")
            % {"name": member.full_name, "count": len(flagged[member.pk]), "year": year},
            body=_(
                "Các tháng %(months)s/%(year)s chưa đóng, không có lý do được ghi nhận "
                "(%(code)s: chi bộ xem xét, đề nghị xóa tên)."
            )
            % {"months": months, "year": year, "code": regime.code},
            url=member.get_absolute_url(),
        )
    return flags


# The provincial level --------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def dues_report_record(
    *,
    actor,
    organisation: PartyOrganisation,
    year: int,
    quarter: int,
    members: int,
    collected: Decimal,
    remitted: Decimal,
    reported_on: date,
    remitted_on: date | None = None,
    remittance_reference: str = "",
) -> DuesReport:
    """An organisation's quarter: the share kept follows the rate in force at the quarter's
    end; what it says it remitted is kept as reported, checked against the expected share."""
    _require_recorder(actor)
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": _("Quý phải từ 1 đến 4.")})
    if collected < 0 or remitted < 0:
        raise ValidationError({"collected": _("Số tiền không được âm.")})
    first, last = selectors.quarter_bounds(year, quarter)
    if organisation.valid_from > last or (organisation.valid_to and organisation.valid_to < first):
        raise ValidationError(
            {"organisation": _("Tổ chức đảng này không tồn tại trong quý đã chọn.")}
        )
    kept = Decimal(whole_dong(collected * selectors.kept_percent(last) / 100))
    if remitted > collected - kept:
        raise ValidationError(
            {
                "remitted": _("Số nộp cấp trên (%(remitted)s) vượt phần phải nộp (%(due)s).")
                % {"remitted": money(remitted), "due": money(collected - kept)}
            }
        )
    report = DuesReport.objects.filter(
        organisation=organisation, year=year, quarter=quarter
    ).first()
    report = report or DuesReport(organisation=organisation, year=year, quarter=quarter)
    report.members, report.collected, report.kept, report.remitted = (
        members,
        collected,
        kept,
        remitted,
    )
    report.reported_on, report.remitted_on = reported_on, remitted_on
    report.remittance_reference = remittance_reference
    report.full_clean(validate_unique=False)
    return audited_save(report, actor=actor, reason=gettext_lazy("Ghi báo cáo thu nộp đảng phí"))
