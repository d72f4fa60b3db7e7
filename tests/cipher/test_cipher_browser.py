"""End to end in headless Chromium: (1) a staff member's request to enter the cipher-machine
room for an inspection is approved by the chief in the admin, CY records the entry and the
exit, the minutes come late and the alert reaches CY's head; (2) a head asks the records-clerk
right for one of his staff, CY's head approves it, the staff member can register incoming
documents, the right ends and the registration page refuses him again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cipher.models import CipherTerms, EntryRequest, RoomLogEntry
from cipher.services import room
from tests.kit.otp import browser_second_factor
from units import rights
from units.models import PrivilegedChange, RoleAssignment

PASSWORD = "matkhau-thu-2026"
REGISTER = "/van-ban/den/vao-so/"


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)
    page.wait_for_url(live_server.url + "/")


def _minute(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


@pytest.mark.browser
def test_entry_approved_recorded_and_late_minutes_alerted(page, live_server, transactional_db, cy):
    _login(page, live_server, "th_staff")
    page.goto(live_server.url + "/co-yeu/phong-may-ma/de-nghi/")
    page.select_option("#id_purpose_kind", "inspection")
    page.fill("#id_purpose", "Kiểm tra an toàn phòng máy mã")
    page.fill("#id_people", "Cán bộ th_staff, Phòng Tổng hợp")
    now = timezone.now()
    page.fill("#id_window_start", _minute(now - timedelta(minutes=5)))
    page.fill("#id_window_end", _minute(now + timedelta(hours=2)))
    page.click("main button[type=submit]")
    page.wait_for_selector("#approval-status")
    request = EntryRequest.objects.get()
    assert "Chờ lãnh đạo quyết định" in page.inner_text("#approval-status")

    _login(page, live_server, "chief")
    page.goto(f"{live_server.url}/admin/cipher/entryrequest/?cho=toi")
    page.click("#result_list a:has-text('Kiểm tra an toàn phòng máy mã')")
    page.click("#decision-buttons button[value=approve]")
    page.wait_for_url("**cho=toi**")
    request.refresh_from_db()
    assert request.approval_status == "approved"

    _login(page, live_server, "cy_truong")
    page.goto(live_server.url + request.get_absolute_url())
    page.fill("#id_entry-at", _minute(timezone.now()))
    page.click("button[name=submit-entry]")
    page.wait_for_selector("#action-exit")
    page.fill("#id_exit-at", _minute(timezone.now()))
    page.click("button[name=submit-exit]")
    page.wait_for_selector("#action-minutes")
    assert RoomLogEntry.objects.filter(request=request).count() == 2

    late = timezone.now() + timedelta(hours=CipherTerms.current().minutes_within_hours + 1)
    assert room.remind_late_minutes(late) == 1
    page.goto(live_server.url + "/thong-bao/")
    assert "Quá hạn lập biên bản vào phòng máy mã" in page.content()


@pytest.mark.browser
def test_a_heads_rights_request_approved_then_ending(page, live_server, transactional_db, cy):
    _login(page, live_server, "hc_staff")
    assert page.goto(live_server.url + REGISTER).status == 404

    _login(page, live_server, "hc_head")
    page.goto(live_server.url + "/co-yeu/quyen/don-vi/")
    page.select_option("#id_target", label="Cán bộ hc_staff")
    page.select_option("#id_role", label="Văn thư")
    page.fill("#id_scope", "Vào sổ văn bản đến")
    today = timezone.localdate()
    page.fill("#id_starts_on", today.strftime("%d/%m/%Y"))
    page.fill("#id_ends_on", (today + timedelta(days=30)).strftime("%d/%m/%Y"))
    page.fill("#id_reason", "Ngắn")
    page.click("#rights-request button[type=submit]")
    assert "Ghi rõ lý do (ít nhất 20 ký tự)." in page.content()
    assert not PrivilegedChange.objects.exists()
    page.fill("#id_reason", "Văn thư nghỉ phép một tháng, cần người vào sổ văn bản đến")
    page.click("#rights-request button[type=submit]")
    page.wait_for_selector("#my-requests li:has-text('Chờ duyệt')")
    change = PrivilegedChange.objects.get()

    _login(page, live_server, "cy_truong")
    page.goto(live_server.url + "/co-yeu/quyen/don-vi/")
    page.click(f"#approve-{change.pk}")
    page.wait_for_selector(".alert-success")
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by.username == "cy_truong"
    page.goto(live_server.url + "/co-yeu/quyen/")
    assert "Vào sổ văn bản đến" in page.inner_text("#rights-table")

    _login(page, live_server, "hc_staff")
    assert page.goto(live_server.url + REGISTER).status == 200

    # A month later the right has ended by its date.
    assignment = RoleAssignment.objects.get(user__username="hc_staff", role__code="records_clerk")
    RoleAssignment.objects.filter(pk=assignment.pk).update(
        starts_on=today - timedelta(days=31), ends_on=today - timedelta(days=1)
    )
    assert rights.rights_ended_sweep() == 1
    assert page.goto(live_server.url + REGISTER).status == 404
    page.goto(live_server.url + "/thong-bao/")
    assert "Hết thời hạn quyền" in page.content()
