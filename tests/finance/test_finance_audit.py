"""Every model Party finance tracks is written by a service whose history rows name their user
and reason (tests/kit/audit.py); catalogues are seeded by migration 0002 and edited in the admin."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from finance import services
from finance.choices import MemberCategory, ReliefKind
from finance.models import DuesCharge, ReliefGround
from tests.kit.audit import audit_tests

COLUMNS = {
    "spent_on": "Ngày",
    "unit": "ĐV",
    "chapter": "C",
    "type_item": "LK",
    "section": "M",
    "subsection": "TM",
    "amount": "Tiền",
}


def estimate_flow(office, flow):
    estimate = flow.approved()
    services.estimate_record_decision(
        actor=office["tc_head"],
        estimate=estimate,
        decision_number="12-QĐ/TU",
        decision_date=date(2026, 1, 5),
    )
    revision = services.estimate_revise(
        actor=office["tc_head"], estimate=estimate, reason="Bổ sung"
    )
    flow.approve(revision)
    services.allocation_set(
        actor=office["tc_staff"],
        year=2026,
        budget_unit=flow.office_unit,
        budget_line=flow.line("6551"),
        amounts=[Decimal(10_000_000)] * 4,
    )
    services.commitment_record(
        actor=office["tc_staff"],
        budget_unit=flow.office_unit,
        budget_line=flow.line("6551"),
        year=2026,
        amount=Decimal(1_000_000),
        source="Mua giấy",
        committed_on=date(2026, 2, 1),
    )
    mapping = services.mapping_save(actor=office["tc_staff"], name="Kế toán", columns=COLUMNS)
    upload = SimpleUploadedFile(
        "chi.csv", "Ngày,ĐV,C,LK,M,TM,Tiền\n01/03/2026,vptu,409,340-342,6550,6551,1000\n".encode()
    )
    spending_import = services.import_preview(
        actor=office["tc_staff"], year=2026, mapping=mapping, upload=upload
    )
    services.import_confirm(actor=office["tc_staff"], spending_import=spending_import)
    settlement = services.settlement_prepare(
        actor=office["tc_head"], estimate=revision, title="Quyết toán 2026"
    )
    line = settlement.lines.first()
    services.settlement_explain(actor=office["tc_head"], line=line, explanation="Giải trình")
    services.estimate_publish(actor=office["tc_head"], estimate=revision)


def dues_flow(office):
    cell = services.cell_create(
        actor=office["tc_staff"], name="Chi bộ 1", secretary=office["th_head"]
    )
    member = services.member_create(
        actor=office["tc_staff"],
        cell=cell,
        full_name="Đảng viên",
        joined_on=date(2001, 1, 1),
        category=MemberCategory.SALARIED,
        card_number="0001",
    )
    services.income_record(
        actor=office["tc_staff"], member=member, month=date(2026, 2, 1), amount=Decimal(5_000_000)
    )
    services.incomes_import(
        actor=office["tc_staff"],
        month=date(2026, 3, 1),
        rows=[("0001", Decimal(5_100_000))],
        source="Bảng lương",
    )
    services.relief_record(
        actor=office["tc_staff"],
        member=member,
        kind=ReliefKind.REDUCTION,
        ground=ReliefGround.objects.get(code="kho-khan-khac"),
        percent=30,
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 6, 1),
        decision_number="1-QĐ",
    )
    services.dues_compute(actor=office["tc_staff"], month=date(2026, 3, 1))
    services.income_record(
        actor=office["tc_staff"], member=member, month=date(2026, 2, 1), amount=Decimal(6_000_000)
    )
    services.dues_compute(actor=office["tc_staff"], month=date(2026, 3, 1))
    services.excuse_record(
        actor=office["th_head"], charge=DuesCharge.objects.get(member=member), excuse="Ốm dài ngày"
    )
    services.payment_record(
        actor=office["tc_staff"],
        member=member,
        month=date(2026, 3, 1),
        amount=Decimal(60_000),
        paid_on=date(2026, 3, 10),
        method="portal",
        reference="DVC-1",
    )


def dues_report_flow(office, organisation):
    services.dues_report_record(
        actor=office["tc_staff"],
        organisation=organisation,
        year=2026,
        quarter=1,
        members=10,
        collected=Decimal(1_000_000),
        remitted=Decimal(500_000),
        reported_on=date(2026, 4, 1),
    )


def inspection_flow(office, organisation):
    inspection = services.inspection_plan(
        actor=office["tc_staff"],
        organisation=organisation,
        title="Kiểm tra ngân sách",
        period_from=date(2025, 1, 1),
        period_to=date(2025, 12, 31),
        planned_start=date(2026, 3, 2),
        planned_end=date(2026, 3, 12),
        team=[office["tc_head"]],
    )
    services.inspection_set_team(
        actor=office["tc_staff"], inspection=inspection, team=[office["tc_staff"]]
    )
    services.inspection_start(actor=office["tc_staff"], inspection=inspection)
    finding = services.finding_add(
        actor=office["tc_staff"],
        inspection=inspection,
        finding="Thiếu chứng từ",
        recommendation="Bổ sung",
        responsible_body="Văn phòng Đảng ủy",
        due_on=date(2099, 1, 1),
    )
    services.inspection_conclude(actor=office["tc_staff"], inspection=inspection, conclusion="Đạt")
    services.finding_follow_up(
        actor=office["tc_staff"], finding=finding, status="done", result="Đã bổ sung"
    )


BUDGET = [estimate_flow]
SERVICES = {
    "finance.Estimate": BUDGET,
    "finance.EstimateLine": BUDGET,
    "finance.Allocation": BUDGET,
    "finance.Commitment": BUDGET,
    "finance.ImportMapping": BUDGET,
    "finance.SpendingImport": BUDGET,
    "finance.Settlement": BUDGET,
    "finance.SettlementLine": BUDGET,
    "finance.PartyCell": [dues_flow],
    "finance.PartyMember": [dues_flow],
    "finance.IncomeBasis": [dues_flow],
    "finance.DuesRelief": [dues_flow],
    "finance.DuesCharge": [dues_flow],
    "finance.DuesPayment": [dues_flow],
    "finance.DuesReport": [dues_report_flow],
    "finance.FinanceInspection": [inspection_flow],
    "finance.InspectionFinding": [inspection_flow],
}
CATALOGUES = {
    "finance.BudgetUnit",
    "finance.BudgetLine",
    "finance.FinanceThreshold",
    "finance.DuesRegime",
    "finance.DuesRate",
    "finance.ReliefGround",
    "finance.DuesShare",
    "finance.PartyOrganisation",
}


def _run(scenario):
    def run(office, organisation, flow):
        if scenario in (dues_report_flow, inspection_flow):
            scenario(office, organisation)
        elif scenario is estimate_flow:
            scenario(office, flow)
        else:
            scenario(office)

    return run


(
    test_every_tracked_model_says_which_services_write_it,
    test_every_history_row_of_a_service_write_has_its_user_and_reason,
) = audit_tests(
    "finance",
    {label: [_run(scenario) for scenario in scenarios] for label, scenarios in SERVICES.items()},
    CATALOGUES,
    fixtures=("office", "organisation", "flow"),
)
