"""The permission matrix of Party finance: estimates and settlements through the kit (the
fifteen roles, site and admin; TC sees and edits its own, leadership decides; finance
inspections the same, plain and secret); dues records,
imports and published pages by the finance rules: a member sees his own dues, his cell's
secretary the cell's, TC and leadership everything; other staff only what is published."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.choices import MemberCategory
from finance.models import (
    BudgetLine,
    BudgetUnit,
    Estimate,
    FinanceInspection,
    PartyOrganisation,
    Settlement,
)
from tests.finance.conftest import seed_catalogues
from tests.kit.permission_matrix import ROLES, Case, Made, matrix
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind, Secrecy

YEAR = 2026


def _body():
    seed_catalogues()
    return BudgetUnit.objects.get_or_create(
        code="btc",
        defaults={"name": "Ban Tổ chức Tỉnh ủy", "level": "cap_1", "valid_from": date(2020, 1, 1)},
    )[0]


def _estimate(office, secret, year=YEAR):
    estimate = services.estimate_create(
        actor=office["other_head"],
        budget_unit=_body(),
        year=year,
        title="Dự toán Ban Tổ chức",
        secrecy=Secrecy.SECRET if secret else Secrecy.NONE,
    )
    services.line_set(
        actor=office["other_head"],
        estimate=estimate,
        budget_line=BudgetLine.objects.get(subsection="6551"),
        amount=Decimal(50_000_000),
        explanation="Văn phòng phẩm",
    )
    return estimate


def make_estimate(office, secret):
    return Made(_estimate(office, secret, year=YEAR + (1 if secret else 0)))


def approved_consolidated(office, year):
    part = _estimate(office, False, year=year)
    estimate = services.consolidated_create(
        actor=office["other_head"], year=year, title="Dự toán ngân sách Đảng tỉnh", parts=[part]
    )
    unit_services.discussion_record(
        actor=office["other_head"],
        obj=estimate,
        held_on=timezone.localdate(),
        participants=[office["other_head"]],
        opinions="Thống nhất.",
        conclusion="Trình.",
    )
    approvals.approval_submit(actor=office["other_head"], obj=estimate)
    approvals.approval_decide(actor=office["dc_other"], obj=estimate, kind=DecisionKind.APPROVE)
    estimate.refresh_from_db()
    approvals.approval_decide(actor=office["chief"], obj=estimate, kind=DecisionKind.APPROVE)
    estimate.refresh_from_db()
    return estimate


def make_settlement(office, secret):
    estimate = approved_consolidated(office, YEAR + 5)
    return Made(
        services.settlement_prepare(
            actor=office["other_head"], estimate=estimate, title="Quyết toán"
        )
    )


def make_inspection(office, secret):
    organisation = PartyOrganisation.objects.get_or_create(
        code="db-ubnd", defaults={"name": "Đảng bộ UBND tỉnh", "valid_from": date(2025, 3, 1)}
    )[0]
    return Made(
        services.inspection_plan(
            actor=office["other_head"],
            organisation=organisation,
            title="Kiểm tra tài chính Đảng bộ UBND tỉnh",
            period_from=date(2025, 1, 1),
            period_to=date(2025, 12, 31),
            planned_start=date(2026, 3, 2),
            planned_end=date(2026, 3, 12),
            secrecy=Secrecy.SECRET if secret else Secrecy.NONE,
        )
    )


CASES = [
    Case(
        name="estimate",
        model=Estimate,
        make=make_estimate,
        lead_unit="tc",
        owner="other_head",
        list_url=reverse("finance:estimates"),
    ),
    Case(
        name="settlement",
        model=Settlement,
        make=make_settlement,
        lead_unit="tc",
        owner="other_head",
        list_url=reverse("finance:settlements"),
        variants=("plain",),
    ),
    Case(
        name="inspection",
        model=FinanceInspection,
        make=make_inspection,
        lead_unit="tc",
        owner="other_head",
        list_url=reverse("finance:inspections"),
    ),
]

matrix_data, test_matrix = matrix(CASES)

# Dues records, imports and publication -------------------------------------------------------

#: who reads a member's dues: the member ("staff"), his cell's secretary ("head"), TC, leadership
DUES_READERS = {"staff", "head", "other_head", "other_staff", "chief", "dc_in_charge", "dc_other"}
#: who reads an import of actual spending: TC and leadership
IMPORT_READERS = {"other_head", "other_staff", "chief", "dc_in_charge", "dc_other"}


@pytest.fixture(scope="module")
def finance_records(matrix_data, django_db_blocker):
    office = matrix_data.office
    with django_db_blocker.unblock():
        cell = services.cell_create(
            actor=office["other_staff"], name="Chi bộ Tổng hợp", secretary=office["head"]
        )
        member = services.member_create(
            actor=office["other_staff"],
            cell=cell,
            full_name="Cán bộ th_staff",
            joined_on=date(2010, 3, 3),
            category=MemberCategory.SALARIED,
            user=office["staff"],
        )
        mapping = services.mapping_save(
            actor=office["other_staff"],
            name="Kế toán",
            columns={
                "spent_on": "Ngày",
                "unit": "ĐV",
                "chapter": "C",
                "type_item": "LK",
                "section": "M",
                "subsection": "TM",
                "amount": "Tiền",
            },
        )
        upload = SimpleUploadedFile(
            "chi.csv",
            "Ngày,ĐV,C,LK,M,TM,Tiền\n01/03/2026,btc,409,340-342,6550,6551,1000\n".encode(),
        )
        spending_import = services.import_preview(
            actor=office["other_staff"], year=YEAR, mapping=mapping, upload=upload
        )
        published = approved_consolidated(office, YEAR + 8)
        services.estimate_publish(actor=office["other_head"], estimate=published)
    return {"member": member, "import": spending_import, "published": published}


def _expect(http, url, allowed):
    response = http.get(url)
    assert response.status_code == (200 if allowed else 404), url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_dues_imports_and_publication(matrix_data, finance_records, db, role):
    http = matrix_data.clients[role]
    member_url = finance_records["member"].get_absolute_url()
    import_url = finance_records["import"].get_absolute_url()
    published_url = reverse("finance:published-estimate", args=[finance_records["published"].pk])
    if role == "anonymous":
        for url in (member_url, import_url, published_url):
            assert reverse("login") in http.get(url)["Location"]
        return
    _expect(http, member_url, role in DUES_READERS)
    _expect(http, import_url, role in IMPORT_READERS)
    _expect(http, published_url, True)
    mine = http.get(reverse("finance:my-dues"))
    assert mine.status_code == (302 if role == "staff" else 404)
    # Recording a payment is TC's: anyone else's POST changes nothing.
    response = http.post(
        member_url,
        {
            "action": "payment",
            "payment-month": "03/2026",
            "payment-amount": "50000",
            "payment-paid_on": "05/03/2026",
            "payment-method": "cash",
        },
    )
    paid = finance_records["member"].payments.exists()
    assert paid == (role in {"other_head", "other_staff"})
    if not paid:
        assert response.status_code == 404
    finance_records["member"].payments.all().delete()
