"""Daily use at an office screen (1366×768) in Chromium: tables keep dates and numbers whole, the
chief's menu stays on one line and reads at WCAG AA contrast, the printed registers are linked."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.tables import day
from core.workdays import add_working_days
from dispatch import services
from dispatch.choices import IncomingStatus
from dispatch.models import IncomingDocument
from tests.kit.otp import browser_second_factor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "matkhau-thu-2026"
VIEWPORT = {"width": 1366, "height": 768}

#: For each element: its text and on how many lines it is drawn (distinct tops of its text boxes).
LINES_OF = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return [el.innerText.trim(), tops.size];
})"""

#: WCAG contrast of each element's text against the navbar's background.
CONTRAST_OF = """(selector) => {
  const rgba = (text) => text.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const bg = rgba(getComputedStyle(document.querySelector('#main-navbar')).backgroundColor);
  return [...document.querySelectorAll(selector)].map((el) => {
    const [r, g, b, a = 1] = rgba(getComputedStyle(el).color);
    const fg = [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return [el.innerText.trim(), (hi + 0.05) / (lo + 0.05)];
  });
}"""


def pick(page, select: str, typed: str, expected: list[str]) -> None:
    """Type into the searchable picker of `select`, check what it offers, take the first."""
    control = page.locator(f"{select}-ts-control")
    control.focus()
    control.press_sequentially(typed)
    dropdown = page.locator(f"{select}-ts-dropdown .option")
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === n",
        arg=[f"{select}-ts-dropdown .option", len(expected)],
    )
    assert dropdown.all_inner_texts() == expected
    control.press("Enter")


def signed_in(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)
    return context, page


def test_dates_numbers_and_symbols_never_wrap_in_the_register(
    browser, live_server, office, register
):
    for n in range(1, 4):
        register(
            n=n,
            sender="Ban Tuyên giáo và Dân vận Tỉnh ủy, Ban Tổ chức Tỉnh ủy, Ủy ban Kiểm tra",
            number_and_symbol=f"87{n}-HD/BTGTU-BTCTU-UBKTTU",
            document_date=date(2026, 11, 20),
            summary="Về việc hướng dẫn tổ chức hội nghị học tập, quán triệt, triển khai thực hiện "
            "nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2025–2030 trong toàn Đảng bộ tỉnh",
        )
    context, page = signed_in(browser, live_server, "clerk1")
    page.goto(f"{live_server.url}/van-ban/den/")
    tokens = page.evaluate(LINES_OF, "#incoming-table .cell-token")
    # number, arrival date, number and symbol, document date, deadline; header and 3 rows
    assert len(tokens) == 5 * 4
    assert [text for text, lines in tokens if lines > 1] == []
    # long text still wraps instead of widening the page
    summaries = page.evaluate(LINES_OF, "#incoming-table tbody td:nth-child(6)")
    assert all(lines > 1 for _, lines in summaries)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    context.close()


def test_the_chiefs_menu_is_one_line_and_readable(browser, live_server, office):
    context, page = signed_in(browser, live_server, "chief")
    page.goto(f"{live_server.url}/van-ban/den/")
    tops = page.evaluate(
        "[...document.querySelectorAll('#main-navbar .navbar-brand, #main-navbar .nav-link,"
        " #main-navbar .language-switcher')]"
        ".map((el) => Math.round(el.getBoundingClientRect().top))"
    )
    assert len(tops) >= 8 and len(set(tops)) <= 2, tops  # links and the language buttons
    assert page.evaluate(LINES_OF, "#main-navbar .nav-link") and all(
        lines == 1 for _, lines in page.evaluate(LINES_OF, "#main-navbar .nav-link")
    )
    assert page.locator("#main-navbar").bounding_box()["height"] < 70
    low = [
        (text, round(ratio, 2))
        for text, ratio in page.evaluate(CONTRAST_OF, "#main-navbar .nav-link")
        if ratio < 4.5
    ]
    assert low == []
    context.close()


def test_the_printed_registers_are_linked_from_the_menu_and_the_registers(
    browser, live_server, office
):
    context, page = signed_in(browser, live_server, "clerk1")
    page.goto(f"{live_server.url}/van-ban/di/")
    page.click("main .nav-tabs >> text=In sổ, xuất dữ liệu")
    page.wait_for_url("**/van-ban/in-so/?kind=outgoing")
    assert page.locator("#id_kind").input_value() == "outgoing"
    assert page.locator(".invalid-feedback, .errorlist").count() == 0
    page.click("#main-navbar >> text=Văn bản")
    page.click("#main-navbar >> text=In sổ, xuất dữ liệu")
    page.wait_for_url("**/van-ban/in-so/")
    context.close()


def test_a_missing_page_is_answered_in_the_layout_with_a_way_home(
    browser, live_server, office, settings
):
    settings.DEBUG = False
    context, page = signed_in(browser, live_server, "chief")
    response = page.goto(f"{live_server.url}/van-ban/den/999999/")
    assert response.status == 404
    assert page.inner_text("#error-page h1") == "Không tìm thấy trang"
    assert page.locator("#main-navbar .nav-link", has_text="Văn bản").count() == 1
    page.click("#error-page >> text=Về trang chủ")
    page.wait_for_url(f"{live_server.url}/")
    context.close()


def test_registering_a_document_picks_its_type_without_diacritics_and_confirms_a_late_date(
    browser, live_server, office
):
    context, page = signed_in(browser, live_server, "clerk1")
    page.goto(f"{live_server.url}/van-ban/den/vao-so/")
    page.fill("#id_sender", "Ban Tổ chức Tỉnh ủy")
    page.fill("#id_number_and_symbol", "12-CV/BTCTU")
    # Received three days ago, dated today: after it arrived, neither date in the future.
    today = timezone.localdate()
    arrived = today - timedelta(days=3)
    page.fill("#id_received_at", f"{arrived:%d/%m/%Y} 08:00")
    page.fill("#id_document_date", f"{today:%d/%m/%Y}")
    pick(page, "#id_doc_type", "cong van", ["Công văn (CV)"])
    assert page.locator("#id_doc_type").input_value() != ""
    page.fill("#id_summary", "Về việc chuẩn bị hội nghị cán bộ chủ chốt")
    page.set_input_files("#id_attachments", [])
    page.click("button[name=save]")
    page.wait_for_selector("#id_allow_late_document_date")
    assert "sau ngày đến" in page.inner_text("main form")
    assert not IncomingDocument.objects.exists()
    page.click("button[name=save]")  # still unconfirmed: refused again
    page.wait_for_selector("#id_allow_late_document_date")
    assert not IncomingDocument.objects.exists()
    page.check("#id_allow_late_document_date")
    page.click("button[name=save]")
    page.wait_for_selector("#incoming-status")
    assert IncomingDocument.objects.get().document_date == today
    context.close()


def test_cancelling_a_registration_asks_first_and_the_next_step_comes_first(
    browser, live_server, office, register
):
    document = register(n=7)
    context, page = signed_in(browser, live_server, "clerk1")
    page.goto(live_server.url + document.get_absolute_url())
    cards = page.locator("[id^=action-]")
    assert cards.first.get_attribute("id") == "action-present"
    assert cards.last.get_attribute("id") == "action-cancel"
    assert "btn-primary" in page.get_attribute("button[name=submit-present]", "class")
    assert "btn-outline-danger" in page.get_attribute("button[name=submit-cancel]", "class")
    page.fill("#id_cancel-reason", "Vào sổ nhầm")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("button[name=submit-cancel]")
    page.wait_for_timeout(300)
    assert asked and "Hủy đăng ký" in asked[0]
    document.refresh_from_db()
    assert document.status != IncomingStatus.CANCELLED
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=submit-cancel]")
    page.wait_for_selector("text=Đã hủy đăng ký")
    document.refresh_from_db()
    assert document.status == IncomingStatus.CANCELLED
    context.close()


def test_distributing_picks_units_by_typing_and_shows_the_deadline_as_typed(
    browser, live_server, office, register
):
    document = register(n=8)
    services.incoming_present(actor=office["clerk"], document=document)
    context, page = signed_in(browser, live_server, "chief")
    page.goto(live_server.url + document.get_absolute_url())
    units = "#id_distribute-coordinating_units"
    pick(page, units, "tai chinh", ["Phòng Tài chính đảng"])
    pick(page, units, "co yeu", ["Phòng (Trung tâm) Cơ yếu – Công nghệ thông tin"])
    page.select_option("#id_distribute-lead_unit", label=office.units["th"].name_vi)
    page.fill("#id_distribute-handling_days", "")
    page.type("#id_distribute-handling_days", "10")
    expected = day(add_working_days(timezone.localdate(), 10))
    page.wait_for_selector(f".workdays-result:has-text('{expected}')")
    page.click("button[name=submit-distribute]")
    page.wait_for_selector("text=Đã phân phối văn bản.")
    document.refresh_from_db()
    assert document.handling_deadline == add_working_days(timezone.localdate(), 10)
    assert set(document.coordinating_units.values_list("code", flat=True)) == {"tc", "cy"}
    context.close()
