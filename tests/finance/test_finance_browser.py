"""End to end in Chromium: QT drafts the office's estimate and hands it to TC; TC consolidates
it with the Organisation Board's, records the discussion and submits; the deputy chief in
charge and the chief approve in the admin. TC imports actual spending with one bad row (shown
with its reason), prepares the settlement, and explains the variance it shows."""

import re
from decimal import Decimal

import pytest

from finance import services
from finance.models import BudgetLine, Estimate, Settlement
from tests.kit.otp import browser_second_factor

CSV = (
    "Ngày CT;Số CT;Diễn giải;Đơn vị;Chương;Loại khoản;Mục;Tiểu mục;Số tiền\n"
    "15/03/2026;PC01;Mua giấy in;vptu;409;340-342;6550;6551;90.000.000\n"
    "20/03/2026;PC02;Hoàn ứng;vptu;409;340-342;6550;6551;-2.000.000\n"
    "25/06/2026;PC03;Mua mực in;vptu;409;340-342;6550;6551;50.000.000\n"
)
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


def sign_in(page, base, username, password):
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].btn-primary")
    browser_second_factor(page, username)


def leader_approves(page, base, username, password, estimate):
    sign_in(page, base, username, password)
    page.goto(f"{base}/admin/finance/estimate/{estimate.pk}/change/")
    page.click("#decision-form button[name=kind][value=approve]")
    page.wait_for_url(re.compile(r".*cho=toi.*"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_estimate_import_and_settlement(live_server, page, office, flow, password):
    base = live_server.url
    board = flow.body_estimate()
    paper = BudgetLine.objects.get(subsection="6551")

    # QT drafts the office's estimate and hands it to TC.
    sign_in(page, base, "qt_head", password)
    page.goto(f"{base}/tai-chinh/du-toan/moi/")
    page.select_option("#id_budget_unit", label="Văn phòng Tỉnh ủy")
    page.fill("#id_year", "2026")
    page.fill("#id_title", "Dự toán Văn phòng Tỉnh ủy 2026")
    page.click("#finance-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/tai-chinh/du-toan/\d+/$"))
    page.select_option("#id_line-budget_line", value=str(paper.pk))
    page.fill("#id_line-amount", "120000000")
    page.fill("#id_line-explanation", "Văn phòng phẩm cả năm")
    page.click("button[name=submit-line]")
    assert "120.000.000 đ" in page.inner_text("#line-table")
    page.click("button[name=submit-hand]")
    assert "Đã gửi Phòng Tài chính đảng" in page.inner_text("#approval-status")
    office_estimate = Estimate.objects.get(budget_unit=flow.office_unit)

    # TC consolidates it with the Organisation Board's, records the discussion, submits.
    sign_in(page, base, "tc_head", password)
    page.goto(f"{base}/tai-chinh/du-toan/tong-hop/?nam=2026")
    page.fill("#id_title", "Dự toán ngân sách Đảng tỉnh 2026")
    page.check(f"input[name=parts][value='{office_estimate.pk}']")
    page.check(f"input[name=parts][value='{board.pk}']")
    page.click("#finance-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/tai-chinh/du-toan/\d+/$"))
    assert "170.000.000 đ" in page.inner_text("#estimate-total")
    page.select_option(
        "#id_discuss-participants", value=[str(office["tc_head"].pk), str(office["tc_staff"].pk)]
    )
    page.fill("#id_discuss-opinions", "Thống nhất dự toán của hai đơn vị.")
    page.fill("#id_discuss-conclusion", "Trình lãnh đạo Văn phòng.")
    page.click("button[name=submit-discuss]")
    assert "Thống nhất dự toán của hai đơn vị." in page.content()
    page.click("button[name=submit-submit]")
    assert "Chờ lãnh đạo quyết định" in page.inner_text("#approval-status")
    consolidated = Estimate.objects.get(kind="consolidated")

    # The deputy chief in charge, then the chief, approve in the admin.
    leader_approves(page, base, "dc1", password, consolidated)
    leader_approves(page, base, "chief", password, consolidated)
    sign_in(page, base, "tc_head", password)
    page.goto(f"{base}{consolidated.get_absolute_url()}")
    assert "Đã duyệt" in page.inner_text("#approval-status")

    # An import with one bad row shows it with its reason; the good rows go in.
    mapping = services.mapping_save(actor=office["tc_staff"], name="MISA", columns=COLUMNS)
    page.goto(f"{base}/tai-chinh/nhap-chi/moi/")
    page.fill("#id_year", "2026")
    page.select_option("#id_mapping", value=str(mapping.pk))
    page.set_input_files(
        "#id_file", files=[{"name": "chi-2026.csv", "mimeType": "text/csv", "buffer": CSV.encode()}]
    )
    page.click("#finance-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/tai-chinh/nhap-chi/\d+/$"))
    rejected = page.inner_text("#rejected-table")
    assert "PC02" in rejected and "số tiền âm (-2.000.000)" in rejected
    page.click("#import-confirm button")
    assert "hợp lệ 2" in page.inner_text("#import-counts")

    # The settlement shows the variance; TC explains it.
    page.goto(f"{base}{consolidated.get_absolute_url()}")
    page.fill("#id_settle-title", "Quyết toán ngân sách Đảng tỉnh 2026")
    page.click("button[name=submit-settle]")
    settlement = Settlement.objects.get()
    line = settlement.lines.get(budget_unit=flow.office_unit)
    assert (line.estimate_amount, line.actual_amount) == (
        Decimal(120_000_000),
        Decimal(140_000_000),
    )
    page.goto(f"{base}{settlement.get_absolute_url()}")
    assert "Cần giải trình" in page.inner_text("#settlement-lines")
    page.select_option("#id_explain-line", value=str(line.pk))
    page.fill("#id_explain-explanation", "Tăng hội nghị triển khai nghị quyết")
    page.click("button[name=submit-explain]")
    row = page.locator("#settlement-lines tr", has_text="Tăng hội nghị triển khai nghị quyết")
    assert "20.000.000 đ (17%)" in row.inner_text()
