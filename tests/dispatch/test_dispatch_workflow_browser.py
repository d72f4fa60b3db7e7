"""End to end in Chromium: a clerk registers an incoming document, the chief distributes it, the
head names the person in charge, the specialist closes it with a reply."""

import pytest

from dispatch.choices import IncomingStatus
from dispatch.models import IncomingDocument
from tests.kit.otp import browser_second_factor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "matkhau-thu-2026"


def signed_in(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)
    return context, page


def test_an_incoming_document_from_the_post_to_its_reply(browser, live_server, office):
    context, page = signed_in(browser, live_server, "clerk1")
    page.goto(f"{live_server.url}/van-ban/den/vao-so/")
    page.fill("#id_sender", "Ban Tổ chức Tỉnh ủy")
    page.keyboard.press("Tab")
    page.keyboard.type("12-CV/BTCTU")
    page.keyboard.press("Tab")
    page.keyboard.type("20/11/2026")
    page.select_option("#id_doc_type", label="Công văn (CV)")
    page.fill("#id_summary", "Về việc chuẩn bị hội nghị cán bộ chủ chốt")
    page.click("button[name=save]")
    page.wait_for_selector("#incoming-status")
    url = page.url
    page.click("button[name=submit-present]")
    page.wait_for_selector("text=Đã trình lãnh đạo")
    context.close()

    context, page = signed_in(browser, live_server, "chief")
    page.goto(url)
    page.select_option("#id_distribute-lead_unit", label=office.units["th"].name_vi)
    page.fill("#id_distribute-handling_days", "5")
    page.fill("#id_distribute-instruction", "Giao Phòng Tổng hợp tham mưu trả lời.")
    page.click("button[name=submit-distribute]")
    page.wait_for_selector("text=Đã phân phối văn bản.")
    context.close()

    context, page = signed_in(browser, live_server, "th_head")
    page.goto(url)
    page.select_option("#id_assign-owner", label=office["th_staff"].get_full_name())
    page.click("button[name=submit-assign]")
    page.wait_for_selector("text=Đã giao người xử lý.")
    context.close()

    context, page = signed_in(browser, live_server, "th_staff")
    page.goto(url)
    page.fill("#id_close-reply_number", "15-CV/VPTU")
    page.fill("#id_close-result_note", "Đã có văn bản trả lời.")
    page.click("button[name=submit-close]")
    page.wait_for_selector("#incoming-result")
    assert "15-CV/VPTU" in page.inner_text("#incoming-result")
    context.close()

    document = IncomingDocument.objects.get()
    assert document.status == IncomingStatus.CLOSED
    assert (document.lead_unit, document.owner) == (office.units["th"], office["th_staff"])
