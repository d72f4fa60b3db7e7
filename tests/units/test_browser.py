"""End to end in headless Chromium: a head assigns a task, the staff member completes it, the
head sees it done."""

import pytest
from django.urls import reverse

from tests.kit.otp import browser_second_factor
from units.models import Task

PASSWORD = "matkhau-thu-2026"


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)
    page.wait_for_url(live_server.url + "/")


@pytest.mark.browser
def test_assign_complete_and_see_done(page, live_server, transactional_db, office):
    _login(page, live_server, "th_head")
    page.goto(live_server.url + reverse("units:task-create"))
    page.fill("#id_title", "Chuẩn bị đề cương báo cáo quý IV")
    page.select_option("#id_owner", label="Cán bộ th_owner")
    page.fill("#id_due_working_days", "3")
    page.click("main button[type=submit]")
    page.wait_for_selector("#task-status")
    assert page.inner_text("#task-status") == "Đã giao"
    task = Task.objects.get()

    _login(page, live_server, "th_owner")
    page.goto(live_server.url + reverse("units:tasks"))
    page.click("text=Chuẩn bị đề cương báo cáo quý IV")
    page.click("button[name=submit-start]")
    page.wait_for_selector("#task-status:has-text('Đang thực hiện')")
    page.fill("#id_complete-result_note", "Đã gửi đề cương cho Trưởng phòng")
    page.click("button[name=submit-complete]")
    page.wait_for_selector("#task-status:has-text('Hoàn thành')")

    _login(page, live_server, "th_head")
    page.goto(live_server.url + task.get_absolute_url())
    assert page.inner_text("#task-status") == "Hoàn thành"
    assert "Đã gửi đề cương cho Trưởng phòng" in page.content()
    page.goto(live_server.url + reverse("units:tasks") + "?scope=unit")
    row = page.locator("#task-table tr", has_text="Chuẩn bị đề cương báo cáo quý IV")
    assert "Hoàn thành" in row.inner_text()
