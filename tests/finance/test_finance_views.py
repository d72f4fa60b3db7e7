"""The pages of Party finance: they answer, lists run a constant number of queries with one row
or many, bad input through HTTP shows its Vietnamese message and writes nothing, and the demo
data loads twice without duplicates."""

import os
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from finance import services
from finance.choices import MemberCategory
from finance.models import (
    DuesRelief,
    Estimate,
    EstimateLine,
    PartyMember,
    SpendingImport,
)
from tests.finance.conftest import seed_catalogues

pytestmark = pytest.mark.django_db


def client_for(user):
    http = Client()
    http.force_login(user)
    return http


@pytest.fixture
def members(office):
    cell = services.cell_create(
        actor=office["tc_staff"], name="Chi bộ 1", secretary=office["th_head"]
    )

    def make(count):
        for number in range(count):
            member = services.member_create(
                actor=office["tc_staff"],
                cell=cell,
                full_name=f"Đảng viên {number}",
                joined_on=date(2000, 1, 1),
                category=MemberCategory.SALARIED,
            )
            services.income_record(
                actor=office["tc_staff"],
                member=member,
                month=date(2026, 2, 1),
                amount=Decimal(5_000_000),
            )
        services.dues_compute(actor=office["tc_staff"], month=date(2026, 3, 1))

    return make


def _queries(django_assert_num_queries, http, url, count):
    with django_assert_num_queries(count, exact=True):
        assert http.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("finance:dues") + "?thang=2026-03",
        reverse("finance:members"),
        reverse("finance:estimates"),
        reverse("finance:follow") + "?nam=2026",
    ],
)
def test_lists_run_the_same_queries_for_one_row_or_many(
    office, flow, members, url, django_assert_num_queries
):
    http = client_for(office["tc_head"])
    members(1)
    flow.approved()
    http.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert http.get(url).status_code == 200
    members(8)
    services.line_set(
        actor=office["tc_head"],
        estimate=services.estimate_revise(
            actor=office["tc_head"],
            estimate=Estimate.objects.get(version=1, kind="consolidated"),
            reason="Điều chỉnh",
        ),
        budget_line=flow.line("6601"),
        amount=Decimal(1_000_000),
        explanation="Cước",
        budget_unit=flow.body,
    )
    _queries(django_assert_num_queries, http, url, len(few.captured_queries))


def test_every_page_answers_for_tc(office, flow, members):
    members(2)
    estimate = flow.approved()
    settlement = services.settlement_prepare(
        actor=office["tc_head"], estimate=estimate, title="Quyết toán"
    )
    http = client_for(office["tc_head"])
    member = PartyMember.objects.first()
    for url in [
        reverse("finance:home"),
        estimate.get_absolute_url(),
        settlement.get_absolute_url(),
        reverse("finance:settlement-pdf", args=[settlement.pk]),
        reverse("finance:settlement-xlsx", args=[settlement.pk]),
        reverse("finance:follow-line", args=[2026, flow.office_unit.pk, flow.line("6551").pk]),
        reverse("finance:imports"),
        reverse("finance:import-create"),
        reverse("finance:mapping"),
        reverse("finance:consolidate"),
        reverse("finance:settlements"),
        reverse("finance:published"),
        reverse("finance:dues-flags"),
        reverse("finance:organisations"),
        reverse("finance:organisations-pdf") + "?nam=2026&quy=1",
        reverse("finance:member-create"),
        member.get_absolute_url(),
        reverse("home"),
    ]:
        assert client_for(office["tc_head"]).get(url).status_code == 200, url
    assert http.get(reverse("finance:estimate-create")).status_code == 200


def test_qt_follows_only_the_office(office, flow):
    flow.approved()
    response = client_for(office["qt_head"]).get(reverse("finance:follow") + "?nam=2026")
    assert response.status_code == 200
    rows = {row.budget_unit.code for row in response.context["table"].rows}
    assert rows == {"vptu"}
    assert client_for(office["th_staff"]).get(reverse("finance:follow")).status_code == 404


def test_a_negative_line_through_the_page_shows_its_message(office, flow):
    estimate = flow.office_estimate(handed=False)
    before = EstimateLine.objects.count()
    response = client_for(office["qt_head"]).post(
        estimate.get_absolute_url(),
        {
            "action": "line",
            "line-budget_line": flow.line("6601").pk,
            "line-amount": "-5000",
            "line-explanation": "Cước",
        },
    )
    assert response.status_code == 200
    assert "Số tiền dự toán không được âm." in response.content.decode()
    assert EstimateLine.objects.count() == before


def test_a_reduction_over_12_months_through_the_page_shows_its_message(office, members):
    members(1)
    member = PartyMember.objects.get()
    from finance.models import ReliefGround

    response = client_for(office["tc_staff"]).post(
        member.get_absolute_url(),
        {
            "action": "relief",
            "relief-kind": "reduction",
            "relief-ground": ReliefGround.objects.get(code="kho-khan-khac").pk,
            "relief-percent": "50",
            "relief-starts_on": "01/2026",
            "relief-ends_on": "06/2027",
            "relief-decision_number": "9-QĐ",
        },
    )
    assert response.status_code == 200
    assert "tối đa 12 tháng" in response.content.decode()
    assert not DuesRelief.objects.exists()


def test_an_import_with_wrong_columns_through_the_page(office, flow):
    services.mapping_save(
        actor=office["tc_staff"],
        name="MISA",
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
    from finance.models import ImportMapping

    response = client_for(office["tc_staff"]).post(
        reverse("finance:import-create"),
        {
            "year": "2026",
            "mapping": ImportMapping.objects.get().pk,
            "file": SimpleUploadedFile("chi.csv", "Ngày,Tiền\n01/03/2026,1000\n".encode()),
        },
    )
    assert response.status_code == 200
    assert "Tệp thiếu cột theo mẫu" in response.content.decode()
    assert not SpendingImport.objects.exists()


def test_a_commitment_past_the_allocation_through_the_page(office, flow):
    flow.approved()
    response = client_for(office["tc_staff"]).post(
        reverse("finance:commitment-create"),
        {
            "budget_unit": flow.office_unit.pk,
            "budget_line": flow.line("6551").pk,
            "amount": "130000000",
            "source": "Mua sắm",
            "committed_on": "02/02/2026",
        },
    )
    assert response.status_code == 200
    assert "Vượt phân bổ" in response.content.decode()
    from finance.models import Commitment

    assert not Commitment.objects.exists()


def test_the_demo_loads_twice_without_duplicates(db):
    seed_catalogues()
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    counts = (Estimate.objects.count(), PartyMember.objects.count(), EstimateLine.objects.count())
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (
        Estimate.objects.count(),
        PartyMember.objects.count(),
        EstimateLine.objects.count(),
    ) == counts
    assert counts[0] == 3 and counts[1] == 5


def test_the_payroll_import_sets_the_months_basis_or_refuses_the_whole_file(office, members):
    members(2)
    first, second = PartyMember.objects.order_by("pk")
    PartyMember.objects.filter(pk=first.pk).update(card_number="001")
    PartyMember.objects.filter(pk=second.pk).update(card_number="002")
    http = client_for(office["tc_staff"])
    url = reverse("finance:payroll-import")
    bad = "Số thẻ,Số tiền\n001,7.000.000\n002,-5\n"
    response = http.post(
        url, {"month": "04/2026", "file": SimpleUploadedFile("luong.csv", bad.encode())}
    )
    assert "Dòng 3: số tiền âm (-5)." in response.content.decode()
    assert not first.incomes.filter(month=date(2026, 4, 1)).exists()
    good = "Số thẻ,Số tiền\n001,7.000.000\n002,6500000\n"
    response = http.post(
        url, {"month": "04/2026", "file": SimpleUploadedFile("luong.csv", good.encode())}
    )
    assert response.status_code == 302
    assert second.incomes.get(month=date(2026, 4, 1)).amount == Decimal(6_500_000)
