"""End to end in Chromium: a head submits a monthly program, the deputy chief in charge returns
it with a comment in the admin, the head revises and resubmits, the deputy chief approves."""

import re

import pytest

from tests.kit.otp import browser_second_factor
from workprograms.models import WorkProgram


def sign_in(page, base, username, password):
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].btn-primary")
    browser_second_factor(page, username)


def leader_decides(page, base, password, program, kind, comment=""):
    sign_in(page, base, "dc1", password)
    page.goto(f"{base}/admin/workprograms/workprogram/{program.pk}/change/")
    page.fill("#decision-form textarea[name=comment]", comment)
    page.click(f"#decision-form button[name=kind][value={kind}]")
    page.wait_for_url(re.compile(r".*cho=toi.*"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_monthly_program_returned_revised_and_approved(live_server, page, office, flow, password):
    program = flow.program(items=1)
    flow.discuss(program)
    base = live_server.url
    url = f"{base}{program.get_absolute_url()}"

    sign_in(page, base, "th_head", password)
    page.goto(url)
    page.click("button[name=submit-submit]")
    assert "Chờ lãnh đạo quyết định" in page.inner_text("#approval-status")

    leader_decides(page, base, password, program, "return", "Bổ sung sản phẩm dự kiến.")

    sign_in(page, base, "th_head", password)
    page.goto(url)
    assert "Trả lại" in page.inner_text("#approval-status")
    assert "Bổ sung sản phẩm dự kiến." in page.inner_text("#decision-comment")
    page.click("#item-table a:has-text('Sửa')")
    page.fill("#id_expected_output", "Báo cáo trình Thường trực")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(url)
    assert "Báo cáo trình Thường trực" in page.inner_text("#item-table")
    page.click("button[name=submit-resubmit]")
    assert "Chờ lãnh đạo quyết định" in page.inner_text("#approval-status")

    leader_decides(page, base, password, program, "approve")

    sign_in(page, base, "th_head", password)
    page.goto(url)
    assert "Đã duyệt" in page.inner_text("#approval-status")
    assert page.locator("#item-table a:has-text('Sửa')").count() == 0
    program.refresh_from_db()
    assert program.approval_status == "approved"
    assert WorkProgram.objects.get(pk=program.pk).items.get().expected_output == (
        "Báo cáo trình Thường trực"
    )
