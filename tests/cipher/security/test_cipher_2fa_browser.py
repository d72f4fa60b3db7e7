"""End to end in Chromium: a leader signs in with his password, types a wrong code and then
the right one; another leader types wrong codes until the sign-in locks."""

import pytest

from tests.kit.otp import fresh_code, give_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-2026"


def password(page, base, username):
    page.goto(f"{base}/dang-nhap/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/co-yeu/xac-thuc/" in url)


def test_a_wrong_then_a_right_code(live_server, page, office):
    device = give_device(office["dc"])
    password(page, live_server.url, "dc1")
    page.fill("#id_token", "000000")
    page.click("#second-factor-form button[type=submit]")
    assert "Mã xác thực không đúng. Còn 4 lần thử" in page.inner_text("main")
    page.fill("#id_token", fresh_code(device))
    page.click("#second-factor-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert "Quản trị và phê duyệt" in page.inner_text("body")


def test_wrong_codes_lock_the_sign_in(live_server, page, office, settings):
    settings.OTP_FAILURE_LIMIT = 3
    device = give_device(office["chief"])
    password(page, live_server.url, "chief")
    for _ in range(3):
        page.fill("#id_token", "999999")
        page.click("#second-factor-form button[type=submit]")
    assert "Nhập sai mã xác thực quá 3 lần" in page.inner_text("#second-factor-locked")
    password(page, live_server.url, "chief")
    assert "Nhập sai mã xác thực quá 3 lần" in page.inner_text("#second-factor-locked")
    assert page.locator("#id_token").count() == 0
    assert device.user_id == office["chief"].pk
