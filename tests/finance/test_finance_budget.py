"""Budget estimates from QT's draft to the chief's approval, revisions, allocation,
commitments, the import of actual spending, settlement and publication; bad input refused with
a Vietnamese message and nothing written."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from finance import documents, selectors, services
from finance.choices import ImportStatus
from finance.models import (
    ActualSpending,
    Allocation,
    Commitment,
    Estimate,
    EstimateLine,
    SpendingImport,
)
from units import approvals
from units.choices import ApprovalStatus, DecisionKind

pytestmark = pytest.mark.django_db

HEADER = "Ngày CT;Số CT;Diễn giải;Đơn vị;Chương;Loại khoản;Mục;Tiểu mục;Số tiền\n"
COLUMNS = {
    "spent_on": "Ngày CT",
    "voucher": "Số CT",
    "description": "Diễn giải",
    "unit": "Đơn vị",
    "chapter": "Chương",
    "type_item": "Loại khoản",
    "section": "Mục",
    "subsection": "Tiểu mục",
    "amount": "Số tiền",
}


def csv_file(rows, header=HEADER, name="chi-2026.csv"):
    return SimpleUploadedFile(
        name, (header + "".join(rows)).encode("utf-8"), content_type="text/csv"
    )


def row(
    day="15/03/2026",
    voucher="PC01",
    unit="vptu",
    subsection="6551",
    amount="1.500.000",
    section="6550",
):
    return f"{day};{voucher};Mua giấy in;{unit};409;340-342;{section};{subsection};{amount}\n"


@pytest.fixture
def mapping(office):
    return services.mapping_save(actor=office["tc_staff"], name="MISA", columns=COLUMNS)


def test_the_estimate_goes_from_qt_through_tc_to_the_chief(office, flow):
    estimate = flow.consolidated()
    assert estimate.lead_unit.code == "tc"
    assert selectors.estimate_total(estimate) == Decimal(250_000_000)
    with pytest.raises(ValidationError, match="thảo luận tập thể"):
        approvals.approval_submit(actor=office["tc_head"], obj=estimate)
    approved = flow.approve(estimate)
    assert approved.approval_status == ApprovalStatus.APPROVED
    with pytest.raises(ValidationError, match="không sửa được"):
        services.line_set(
            actor=office["tc_head"],
            estimate=approved,
            budget_line=flow.line("6551"),
            amount=Decimal(1),
            explanation="Sửa sau khi duyệt",
            budget_unit=flow.office_unit,
        )
    assert selectors.estimate_total(approved) == Decimal(250_000_000)


def test_a_units_estimate_is_handed_to_tc_not_submitted(office, flow):
    estimate = flow.office_estimate()
    assert estimate.coordinating_units.filter(code="tc").exists()
    with pytest.raises(ValidationError, match="không sửa được"):
        services.line_set(
            actor=office["qt_head"],
            estimate=estimate,
            budget_line=flow.line("6551"),
            amount=Decimal(1),
            explanation="Sau khi gửi",
        )
    with pytest.raises(ValidationError, match="không trình riêng"):
        approvals.approval_submit(actor=office["qt_head"], obj=Estimate.objects.get(pk=estimate.pk))


def test_only_the_preparing_units_head_drafts(office, flow):
    for actor in ("qt_staff", "th_head"):
        with pytest.raises(ValidationError, match="Trưởng Phòng Quản trị"):
            services.estimate_create(
                actor=office[actor], budget_unit=flow.office_unit, year=2026, title="Dự toán"
            )
    assert not Estimate.objects.exists()


def test_a_negative_line_is_refused_and_nothing_written(office, flow):
    estimate = flow.office_estimate(handed=False)
    before = list(EstimateLine.objects.values_list("pk", "amount"))
    with pytest.raises(ValidationError) as refused:
        services.line_set(
            actor=office["qt_head"],
            estimate=estimate,
            budget_line=flow.line("6601"),
            amount=Decimal(-1_000_000),
            explanation="Cước điện thoại",
        )
    assert refused.value.message_dict == {"amount": ["Số tiền dự toán không được âm."]}
    assert list(EstimateLine.objects.values_list("pk", "amount")) == before


def test_a_revision_is_a_new_version_with_the_difference_line_by_line(office, flow):
    approved = flow.approved()
    services.estimate_record_decision(
        actor=office["tc_head"],
        estimate=approved,
        decision_number="125-QĐ/TU",
        decision_date=date(2026, 1, 5),
        allocation_number="45/QĐ-UBND",
        allocation_date=date(2026, 1, 10),
    )
    revision = services.estimate_revise(
        actor=office["tc_head"], estimate=approved, reason="Bổ sung hội nghị"
    )
    assert revision.version == 2 and revision.approval_status == ApprovalStatus.DRAFT
    services.line_set(
        actor=office["tc_head"],
        estimate=revision,
        budget_line=flow.line("6551"),
        amount=Decimal(150_000_000),
        explanation="Tăng văn phòng phẩm",
        budget_unit=flow.office_unit,
    )
    services.line_set(
        actor=office["tc_head"],
        estimate=revision,
        budget_line=flow.line("6651"),
        amount=Decimal(30_000_000),
        explanation="Hội nghị giữa năm",
        budget_unit=flow.office_unit,
    )
    changed = {
        (row.budget_unit.code, row.budget_line.subsection): (row.old, row.new, row.status)
        for row in selectors.compare_versions(approved, revision)
        if row.changed
    }
    assert changed == {
        ("vptu", "6551"): (Decimal(120_000_000), Decimal(150_000_000), "Điều chỉnh"),
        ("vptu", "6651"): (None, Decimal(30_000_000), "Thêm mới"),
    }
    flow.approve(revision)
    approved.refresh_from_db()
    assert not approved.is_current
    assert selectors.approved_estimate(2026) == Estimate.objects.get(pk=revision.pk)
    # the approved first version is unchanged
    assert approved.lines.get(
        budget_unit=flow.office_unit, budget_line=flow.line("6551")
    ).amount == Decimal(120_000_000)


def test_allocation_may_not_pass_the_approved_line(office, flow):
    flow.approved()
    with pytest.raises(ValidationError, match="vượt dự toán được duyệt"):
        services.allocation_set(
            actor=office["tc_staff"],
            year=2026,
            budget_unit=flow.office_unit,
            budget_line=flow.line("6551"),
            amounts=[Decimal(40_000_000)] * 4,
        )
    assert not Allocation.objects.exists()


def test_commitments_warn_then_refuse_past_the_allocation(office, flow):
    flow.approved()
    services.allocation_set(
        actor=office["tc_staff"],
        year=2026,
        budget_unit=flow.office_unit,
        budget_line=flow.line("6551"),
        amounts=[Decimal(30_000_000)] * 4,
    )
    kwargs = {
        "actor": office["tc_staff"],
        "budget_unit": flow.office_unit,
        "budget_line": flow.line("6551"),
        "year": 2026,
    }
    first = services.commitment_record(
        **kwargs, amount=Decimal(20_000_000), source="Mua giấy quý I", committed_on=date(2026, 2, 1)
    )
    assert first.warning == ""
    second = services.commitment_record(
        **kwargs, amount=Decimal(5_000_000), source="Mua mực in", committed_on=date(2026, 2, 10)
    )
    assert "đạt 83% phân bổ" in second.warning and second.commitment.warned
    with pytest.raises(ValidationError) as refused:
        services.commitment_record(
            **kwargs,
            amount=Decimal(6_000_000),
            source="Mua máy hủy giấy",
            committed_on=date(2026, 3, 1),
        )
    assert "Vượt phân bổ của dòng 409.340-342.6550.6551" in " ".join(refused.value.messages)
    assert Commitment.objects.count() == 2
    # the second quarter's allocation opens room
    services.commitment_record(
        **kwargs,
        amount=Decimal(6_000_000),
        source="Mua máy hủy giấy",
        committed_on=date(2026, 4, 2),
    )


def test_an_import_with_one_bad_row_reports_it_and_imports_the_rest(office, flow, mapping):
    flow.approved()
    upload = csv_file(
        [row(), row(voucher="PC02", amount="-200.000"), row(voucher="PC03", amount="2500000")]
    )
    preview = services.import_preview(
        actor=office["tc_staff"], year=2026, mapping=mapping, upload=upload
    )
    assert preview.status == ImportStatus.PREVIEW
    assert (preview.rows_total, preview.rows_ok) == (3, 2)
    assert preview.rejected == [
        {
            "row": 3,
            "values": [
                "15/03/2026",
                "PC02",
                "Mua giấy in",
                "vptu",
                "409",
                "340-342",
                "6550",
                "6551",
                "-200.000",
            ],
            "reason": "số tiền âm (-200.000)",
        }
    ]
    assert not ActualSpending.objects.exists()
    services.import_confirm(actor=office["tc_staff"], spending_import=preview)
    assert sorted(ActualSpending.objects.values_list("amount", flat=True)) == [
        Decimal(1_500_000),
        Decimal(2_500_000),
    ]
    table = selectors.budget_vs_actual(office["tc_staff"], 2026)
    line = next(
        r
        for r in table.rows
        if r.budget_unit == flow.office_unit and r.budget_line.subsection == "6551"
    )
    assert (line.estimate, line.actual) == (Decimal(120_000_000), Decimal(4_000_000))
    with pytest.raises(ValidationError, match="đã được nhập"):
        services.import_confirm(actor=office["tc_staff"], spending_import=preview)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file([row()], header="Ngày;Số tiền;Ghi chú\n"), "Tệp thiếu cột theo mẫu “MISA”"),
        (SimpleUploadedFile("chi.csv", b"\xff\xfe\x00bad", content_type="text/csv"), "UTF-8"),
        (
            SimpleUploadedFile(
                "chi.xlsx", b"not a workbook", content_type="application/octet-stream"
            ),
            "XLSX",
        ),
        (
            SimpleUploadedFile("chi.pdf", b"%PDF-1.4", content_type="application/pdf"),
            "CSV hoặc XLSX",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(office, mapping, upload, message):
    with pytest.raises(ValidationError) as refused:
        services.import_preview(actor=office["tc_staff"], year=2026, mapping=mapping, upload=upload)
    assert message in " ".join(refused.value.messages)
    assert not SpendingImport.objects.exists() and not ActualSpending.objects.exists()


def test_an_xlsx_export_is_read_with_its_dates_and_numbers(office, flow, mapping):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS.values()))
    sheet.append(
        [date(2026, 5, 4), "PC09", "Công tác phí", "vptu", 409, "340-342", 6700, 6702, 3_200_000]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("chi.xlsx", buffer.getvalue())
    preview = services.import_preview(
        actor=office["tc_staff"], year=2026, mapping=mapping, upload=upload
    )
    assert (preview.rows_ok, preview.rejected) == (1, [])


def test_only_tc_imports(office, mapping):
    with pytest.raises(ValidationError, match="Chỉ Phòng Tài chính đảng"):
        services.import_preview(
            actor=office["qt_head"], year=2026, mapping=mapping, upload=csv_file([row()])
        )


def test_the_settlement_needs_an_explanation_past_the_variance_threshold(office, flow, mapping):
    estimate = flow.approved()
    preview = services.import_preview(
        actor=office["tc_staff"],
        year=2026,
        mapping=mapping,
        upload=csv_file(
            [row(amount="118.000.000"), row(subsection="6702", section="6700", amount="95.000.000")]
        ),
    )
    services.import_confirm(actor=office["tc_staff"], spending_import=preview)
    settlement = services.settlement_prepare(
        actor=office["tc_head"], estimate=estimate, title="Quyết toán 2026"
    )
    over = settlement.lines.get(budget_unit=flow.office_unit, budget_line=flow.line("6702"))
    # 95 against 80 millions: 18.75 % past the 10 % threshold; 118 against 120 is within it; the
    # body's 50 millions unspent is 100 % under.
    assert {line.pk for line in services.lines_to_explain(settlement)} == {
        over.pk,
        settlement.lines.get(budget_unit=flow.body).pk,
    }
    flow.discuss(settlement)
    with pytest.raises(ValidationError) as refused:
        approvals.approval_submit(actor=office["tc_head"], obj=settlement)
    assert "vptu 409.340-342.6700.6702" in " ".join(refused.value.messages)
    for line in services.lines_to_explain(settlement):
        services.settlement_explain(
            actor=office["tc_head"], line=line, explanation="Phát sinh hội nghị đột xuất"
        )
    approvals.approval_submit(actor=office["tc_head"], obj=settlement)
    approvals.approval_decide(actor=office["dc"], obj=settlement, kind=DecisionKind.APPROVE)
    settlement.refresh_from_db()
    approvals.approval_decide(actor=office["chief"], obj=settlement, kind=DecisionKind.APPROVE)
    settlement.refresh_from_db()
    assert settlement.approval_status == ApprovalStatus.APPROVED
    assert documents.settlement_pdf(settlement).startswith(b"%PDF")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(documents.settlement_xlsx(settlement))).active
    values = [cell for row_ in sheet.iter_rows(values_only=True) for cell in row_]
    assert 95_000_000 in values and "Phát sinh hội nghị đột xuất" in values
    context = documents.settlement_context(settlement)
    assert context["actual_in_words"] == "Hai trăm mười ba triệu đồng"
    services.settlement_publish(actor=office["tc_head"], settlement=settlement)
    assert list(selectors.published_settlements()) == [settlement]


def test_only_approved_work_is_published(office, flow):
    estimate = flow.consolidated()
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.estimate_publish(actor=office["tc_head"], estimate=estimate)
    assert not selectors.published_estimates().exists()
