"""Demo data of Party finance (core.demo): the bodies whose estimates TC consolidates, QT's
estimate of the office handed to TC and the Organisation Board's entered by TC, a consolidated
draft; the office's Party cells with members linked to staff, their incomes, two months of
dues and payments; the organisations directly under the committee and a quarter's reports;
an inspection of one of them, started, with an overdue recommendation, and a planned one.
Idempotent: a second run finds what the first made."""

from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from finance import services
from finance.choices import MemberCategory
from finance.models import (
    BudgetLine,
    BudgetUnit,
    Estimate,
    FinanceInspection,
    PartyCell,
    PartyMember,
    PartyOrganisation,
)

BODIES = [
    ("btc", "Ban Tổ chức Tỉnh ủy", date(2020, 1, 1), None),
    ("ubkt", "Ủy ban Kiểm tra Tỉnh ủy", date(2020, 1, 1), None),
    ("btgdv", "Ban Tuyên giáo và Dân vận Tỉnh ủy", date(2025, 3, 1), None),
]

ORGANISATIONS = [
    ("db-cqd", "Đảng bộ các cơ quan Đảng tỉnh", date(2025, 3, 1), None),
    ("db-ubnd", "Đảng bộ Ủy ban nhân dân tỉnh", date(2025, 3, 1), None),
    ("db-hac-thanh", "Đảng bộ phường Hạc Thành", date(2025, 7, 1), None),
    ("db-dong-son", "Đảng bộ huyện Đông Sơn", date(2010, 1, 1), date(2025, 6, 30)),
]

OFFICE_LINES = [
    ("6551", 180_000_000, "Văn phòng phẩm phục vụ Thường trực, các phòng"),
    ("6702", 240_000_000, "Công tác phí cơ sở của lãnh đạo và chuyên viên"),
    ("6651", 150_000_000, "Tài liệu các hội nghị Ban Chấp hành, Ban Thường vụ"),
]

MEMBERS = [
    ("tc.truong", "Đinh Thị Tài", MemberCategory.SALARIED, date(2002, 5, 19), 12_400_000),
    ("tc.cv", "Mạc Thị Phí", MemberCategory.SALARIED, date(2015, 2, 3), 8_200_000),
    ("qt.truong", "Tô Văn Quản", MemberCategory.SALARIED, date(2000, 9, 2), 11_900_000),
    ("qt.cv", "Lương Văn Xe", MemberCategory.SALARIED, date(2012, 3, 26), 7_100_000),
    (None, "Lê Văn Hưu", MemberCategory.PENSIONER, date(1968, 8, 19), 9_000_000),
]


@transaction.atomic
def seed(users: dict) -> None:
    # The catalogues migration 0002 lays (a test database may have been flushed since).
    import_module("finance.migrations.0002_finance_defaults").seed(apps, None)
    tc_head, tc_cv, qt_head = users["tc.truong"], users["tc.cv"], users["qt.truong"]
    for code, name, valid_from, valid_to in BODIES:
        BudgetUnit.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": "cap_1",
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
    for code, name, valid_from, valid_to in ORGANISATIONS:
        PartyOrganisation.objects.get_or_create(
            code=code, defaults={"name": name, "valid_from": valid_from, "valid_to": valid_to}
        )
    year = timezone.localdate().year
    _estimates(year, tc_head, qt_head)
    _dues(users, tc_cv)
    _reports(year, tc_cv)
    _inspections(year, tc_head, tc_cv)


def _estimates(year: int, tc_head, qt_head) -> None:
    if Estimate.objects.filter(year=year).exists():
        return
    office_unit = BudgetUnit.objects.get(code="vptu")
    lines = {line.subsection: line for line in BudgetLine.objects.all()}
    office = services.estimate_create(
        actor=qt_head, budget_unit=office_unit, year=year, title=f"Dự toán Văn phòng Tỉnh ủy {year}"
    )
    for subsection, amount, explanation in OFFICE_LINES:
        services.line_set(
            actor=qt_head,
            estimate=office,
            budget_line=lines[subsection],
            amount=Decimal(amount),
            explanation=explanation,
        )
    services.estimate_hand_over(actor=qt_head, estimate=office)
    board = services.estimate_create(
        actor=tc_head,
        budget_unit=BudgetUnit.objects.get(code="btc"),
        year=year,
        title=f"Dự toán Ban Tổ chức Tỉnh ủy {year}",
    )
    services.line_set(
        actor=tc_head,
        estimate=board,
        budget_line=lines["6702"],
        amount=Decimal(95_000_000),
        explanation="Công tác phí thẩm định nhân sự",
    )
    services.consolidated_create(
        actor=tc_head, year=year, title=f"Dự toán ngân sách Đảng tỉnh {year}", parts=[office, board]
    )


def _dues(users: dict, tc_cv) -> None:
    cell = PartyCell.objects.filter(name="Chi bộ Tài chính – Quản trị").first()
    if cell is None:
        cell = services.cell_create(
            actor=tc_cv, name="Chi bộ Tài chính – Quản trị", secretary=users["qt.truong"]
        )
    today = timezone.localdate()
    months = [date(today.year, today.month, 1)]
    for _step in range(2):
        first = months[0]
        months.insert(0, date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1))
    for username, name, category, joined, income in MEMBERS:
        user = users.get(username) if username else None
        if PartyMember.objects.filter(full_name=name, cell=cell).exists():
            continue
        member = services.member_create(
            actor=tc_cv, cell=cell, full_name=name, joined_on=joined, category=category, user=user
        )
        for month in months:
            services.income_record(actor=tc_cv, member=member, month=month, amount=Decimal(income))
    for month in months[1:]:
        services.dues_compute(actor=tc_cv, month=month)
    first_paid = months[1]
    for member in PartyMember.objects.filter(cell=cell).exclude(full_name="Lương Văn Xe"):
        charge = member.charges.filter(month=first_paid).first()
        if charge is not None and charge.amount and not member.payments.exists():
            services.payment_record(
                actor=tc_cv,
                member=member,
                month=first_paid,
                amount=charge.amount,
                paid_on=today,
                method="cash",
            )


def _reports(year: int, tc_cv) -> None:
    organisation = PartyOrganisation.objects.get(code="db-cqd")
    if organisation.reports.exists():
        return
    services.dues_report_record(
        actor=tc_cv,
        organisation=organisation,
        year=year,
        quarter=1,
        members=1850,
        collected=Decimal(142_600_000),
        remitted=Decimal(71_300_000),
        reported_on=date(year, 4, 8),
        remitted_on=date(year, 4, 15),
        remittance_reference="UNC 0412",
    )


def _inspections(year: int, tc_head, tc_cv) -> None:
    if FinanceInspection.objects.exists():
        return
    today = timezone.localdate()
    inspection = services.inspection_plan(
        actor=tc_cv,
        organisation=PartyOrganisation.objects.get(code="db-ubnd"),
        title=f"Kiểm tra thu, chi ngân sách đảng năm {year - 1}",
        period_from=date(year - 1, 1, 1),
        period_to=date(year - 1, 12, 31),
        planned_start=today - timedelta(days=30),
        planned_end=today - timedelta(days=20),
        team=[tc_head, tc_cv],
    )
    services.inspection_start(actor=tc_cv, inspection=inspection, on=today - timedelta(days=30))
    services.finding_add(
        actor=tc_cv,
        inspection=inspection,
        finding="Chứng từ công tác phí quý III thiếu giấy đi đường.",
        recommendation="Bổ sung chứng từ, thu hồi khoản chi không đủ thủ tục.",
        responsible_body="Văn phòng Đảng ủy UBND tỉnh",
        due_on=today - timedelta(days=5),
    )
    services.finding_add(
        actor=tc_cv,
        inspection=inspection,
        finding="Chưa công khai quyết toán năm trước.",
        recommendation="Công khai quyết toán theo quy định.",
        responsible_body="Văn phòng Đảng ủy UBND tỉnh",
        due_on=today + timedelta(days=30),
    )
    services.inspection_plan(
        actor=tc_cv,
        organisation=PartyOrganisation.objects.get(code="db-cqd"),
        title=f"Kiểm tra thu, nộp đảng phí năm {year - 1}",
        period_from=date(year - 1, 1, 1),
        period_to=date(year - 1, 12, 31),
        planned_start=today + timedelta(days=20),
        planned_end=today + timedelta(days=30),
        team=[tc_cv],
    )
