"""The dues rules against worked examples: each rate of 01-QĐ/TW, a month under 342-QĐ/TW,
the 50-year exemption, an exemption decision, a 50 % reduction ending mid-year, the limits of a
decision, and the 3-month flag."""

from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from core.models import Notification
from finance import services
from finance.choices import MemberCategory, ReliefKind
from finance.models import DuesCharge, DuesFlag, DuesRelief, ReliefGround

pytestmark = pytest.mark.django_db


@contextmanager
def freeze_today(day):
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        yield


@pytest.fixture
def cell(office):
    return services.cell_create(
        actor=office["tc_staff"], name="Chi bộ Phòng Tài chính", secretary=office["th_head"]
    )


@pytest.fixture
def make_member(office, cell):
    def make(
        category=MemberCategory.SALARIED, joined=date(2005, 5, 19), name="Nguyễn Văn An", user=None
    ):
        return services.member_create(
            actor=office["tc_staff"],
            cell=cell,
            full_name=name,
            joined_on=joined,
            category=category,
            user=user,
        )

    return make


def income(office, member, month, amount, category=""):
    services.income_record(
        actor=office["tc_staff"],
        member=member,
        month=month,
        amount=Decimal(amount),
        category=category,
    )


def dues(office, member, month):
    services.dues_compute(actor=office["tc_staff"], month=month, members=[member])
    return DuesCharge.objects.get(member=member, month=month)


def test_salaried_member_pays_1_percent_of_the_previous_months_salary_under_01(office, make_member):
    member = make_member()
    income(office, member, date(2026, 2, 1), 8_000_000)
    income(office, member, date(2026, 3, 1), 9_000_000)
    charge = dues(office, member, date(2026, 3, 1))
    assert charge.regime.code == "01-QĐ/TW"
    assert charge.basis == Decimal(8_000_000)
    assert charge.amount == Decimal(80_000)


def test_a_month_before_february_2026_is_computed_under_342(office, make_member):
    member = make_member()
    income(office, member, date(2025, 12, 1), 7_000_000)
    income(office, member, date(2026, 1, 1), 7_500_000)
    charge = dues(office, member, date(2026, 1, 1))
    assert charge.regime.code == "342-QĐ/TW"
    # 342: 1 % of the month's own salary and allowances.
    assert charge.amount == Decimal(75_000)


def test_sick_or_maternity_leave_pays_1_percent_of_the_benefit(office, make_member):
    member = make_member()
    income(office, member, date(2026, 4, 1), 5_432_100, category=MemberCategory.LEAVE_BENEFIT)
    charge = dues(office, member, date(2026, 4, 1))
    assert charge.category == MemberCategory.LEAVE_BENEFIT
    assert charge.amount == Decimal(54_321)


def test_pensioner_pays_half_a_percent_of_the_pension(office, make_member):
    member = make_member(category=MemberCategory.PENSIONER)
    income(office, member, date(2026, 3, 1), 6_000_000)
    assert dues(office, member, date(2026, 3, 1)).amount == Decimal(30_000)


def test_student_pays_a_fixed_amount_by_regime(office, make_member):
    member = make_member(category=MemberCategory.STUDENT, joined=date(2025, 9, 2))
    assert dues(office, member, date(2026, 3, 1)).amount == Decimal(5_000)
    assert dues(office, member, date(2026, 1, 1)).amount == Decimal(2_000)


def test_fifty_years_of_membership_exempts_under_01_only(office, make_member):
    member = make_member(joined=date(1976, 4, 15))
    for month in (date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)):
        income(office, member, month, 10_000_000)
    assert dues(office, member, date(2026, 3, 1)).amount == Decimal(100_000)
    charge = dues(office, member, date(2026, 4, 1))
    assert charge.amount == 0 and "50 năm" in charge.note


def test_an_exemption_decision_for_a_poor_household(office, make_member):
    member = make_member()
    income(office, member, date(2026, 2, 1), 6_000_000)
    services.relief_record(
        actor=office["tc_staff"],
        member=member,
        kind=ReliefKind.EXEMPTION,
        ground=ReliefGround.objects.get(code="ho-ngheo"),
        starts_on=date(2026, 3, 1),
        ends_on=date(2027, 12, 1),
        decision_number="15-QĐ/ĐU",
    )
    charge = dues(office, member, date(2026, 3, 1))
    assert charge.full_amount == Decimal(60_000)
    assert charge.amount == 0


def test_a_50_percent_reduction_ending_mid_year(office, make_member):
    member = make_member()
    for number in range(1, 9):
        income(office, member, date(2026, number, 1), 7_000_000)
    services.relief_record(
        actor=office["tc_staff"],
        member=member,
        kind=ReliefKind.REDUCTION,
        ground=ReliefGround.objects.get(code="kho-khan-khac"),
        percent=50,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 6, 1),
        decision_number="20-QĐ/ĐU",
    )
    assert dues(office, member, date(2026, 6, 1)).amount == Decimal(35_000)
    assert dues(office, member, date(2026, 7, 1)).amount == Decimal(70_000)


def test_a_reduction_longer_than_12_months_is_refused_and_nothing_written(office, make_member):
    member = make_member()
    with pytest.raises(ValidationError) as refused:
        services.relief_record(
            actor=office["tc_staff"],
            member=member,
            kind=ReliefKind.REDUCTION,
            ground=ReliefGround.objects.get(code="kho-khan-khac"),
            percent=30,
            starts_on=date(2026, 2, 1),
            ends_on=date(2027, 2, 1),
            decision_number="21-QĐ/ĐU",
        )
    assert "tối đa 12 tháng" in " ".join(refused.value.messages)
    assert "13 tháng" in " ".join(refused.value.messages)
    assert not DuesRelief.objects.exists()


def test_a_reduction_of_a_percentage_the_regime_does_not_allow_is_refused(office, make_member):
    member = make_member()
    with pytest.raises(ValidationError) as refused:
        services.relief_record(
            actor=office["tc_staff"],
            member=member,
            kind=ReliefKind.REDUCTION,
            ground=ReliefGround.objects.get(code="kho-khan-khac"),
            percent=40,
            starts_on=date(2026, 2, 1),
            ends_on=date(2026, 3, 1),
            decision_number="22-QĐ/ĐU",
        )
    assert "30, 50, 70%" in " ".join(refused.value.messages)
    assert not DuesRelief.objects.exists()


def test_a_month_without_its_basis_is_listed_not_guessed(office, make_member):
    member = make_member()
    income(office, member, date(2026, 3, 1), 9_000_000)
    result = services.dues_compute(
        actor=office["tc_staff"], month=date(2026, 3, 1), members=[member]
    )
    assert result.missing == [member]
    assert not DuesCharge.objects.exists()


def test_a_negative_basis_or_payment_is_refused(office, make_member):
    member = make_member()
    with pytest.raises(ValidationError, match="không được âm"):
        income(office, member, date(2026, 3, 1), -1)
    with pytest.raises(ValidationError, match="lớn hơn 0"):
        services.payment_record(
            actor=office["tc_staff"],
            member=member,
            month=date(2026, 3, 1),
            amount=Decimal(-5000),
            paid_on=date(2026, 3, 5),
            method="cash",
        )
    assert not member.incomes.exists() and not member.payments.exists()


def _unpaid_months(office, member, months, paid=()):
    for number in range(1, 13):
        income(office, member, date(2026, number, 1), 5_000_000)
    for number in months:
        dues(office, member, date(2026, number, 1))
    for number in paid:
        services.payment_record(
            actor=office["tc_staff"],
            member=member,
            month=date(2026, number, 1),
            amount=Decimal(50_000),
            paid_on=date(2026, number, 10),
            method="cash",
        )


def test_three_unpaid_months_without_reason_flag_the_secretary_and_tc_once(office, make_member):
    member = make_member()
    _unpaid_months(office, member, months=[2, 3, 4, 5], paid=[5])
    flags = services.dues_flag_run(actor=office["tc_staff"], year=2026, today=date(2026, 6, 15))
    assert [flag.member for flag in flags] == [member]
    assert flags[0].months == "02, 03, 04"
    told = set(
        Notification.objects.filter(title__contains=member.full_name).values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"th_head", "tc_head"}
    assert (
        services.dues_flag_run(actor=office["tc_staff"], year=2026, today=date(2026, 6, 16)) == []
    )
    assert DuesFlag.objects.count() == 1


def test_a_recorded_reason_keeps_a_month_out_of_the_flag(office, make_member):
    member = make_member()
    _unpaid_months(office, member, months=[2, 3, 4])
    services.excuse_record(
        actor=office["th_head"],
        charge=DuesCharge.objects.get(member=member, month=date(2026, 3, 1)),
        excuse="Điều trị dài ngày, chi bộ đã xét",
    )
    assert (
        services.dues_flag_run(actor=office["tc_staff"], year=2026, today=date(2026, 6, 15)) == []
    )


def test_two_unpaid_months_are_not_flagged(office, make_member):
    member = make_member()
    _unpaid_months(office, member, months=[2, 3])
    assert (
        services.dues_flag_run(actor=office["tc_staff"], year=2026, today=date(2026, 6, 15)) == []
    )


def test_recomputing_keeps_the_recorded_reason(office, make_member):
    member = make_member()
    _unpaid_months(office, member, months=[3])
    charge = DuesCharge.objects.get(member=member, month=date(2026, 3, 1))
    services.excuse_record(actor=office["th_head"], charge=charge, excuse="Ốm")
    income(office, member, date(2026, 2, 1), 6_000_000)
    charge = dues(office, member, date(2026, 3, 1))
    assert charge.amount == Decimal(60_000) and charge.excuse == "Ốm"


def test_only_tc_records_dues(office, make_member):
    member = make_member()
    with pytest.raises(ValidationError, match="Phòng Tài chính đảng"):
        services.income_record(
            actor=office["qt_head"], member=member, month=date(2026, 3, 1), amount=Decimal(1)
        )


def test_organisation_report_keeps_the_share_and_checks_what_is_remitted(office, organisation):
    report = services.dues_report_record(
        actor=office["tc_staff"],
        organisation=organisation,
        year=2026,
        quarter=1,
        members=1200,
        collected=Decimal(90_000_000),
        remitted=Decimal(45_000_000),
        reported_on=date(2026, 4, 10),
        remitted_on=date(2026, 4, 12),
    )
    assert report.kept == Decimal(45_000_000)
    with pytest.raises(ValidationError, match="vượt phần phải nộp"):
        services.dues_report_record(
            actor=office["tc_staff"],
            organisation=organisation,
            year=2026,
            quarter=2,
            members=1200,
            collected=Decimal(90_000_000),
            remitted=Decimal(46_000_000),
            reported_on=date(2026, 7, 10),
        )


def test_the_monthly_job_flags_without_an_actor(office, make_member, settings):
    from finance.tasks import flag_unpaid_dues

    member = make_member()
    _unpaid_months(office, member, months=[2, 3, 4])
    with freeze_today(date(2026, 7, 5)):
        assert flag_unpaid_dues() == 1
    assert DuesFlag.objects.get().member == member
