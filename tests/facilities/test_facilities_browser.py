"""End to end in Chromium: a specialist asks for a vehicle and driver for a trip tomorrow; his
head approves; QT assigns vehicle and driver; a second request for the same driver at the same
time is refused with the clash named; the trip is closed with its kilometres; the vehicle's
asset page shows the trip."""

import pytest
from django.urls import reverse
from django.utils import timezone

from facilities.models import ServiceRequest
from tests.facilities.conftest import PASSWORD, at
from tests.kit.otp import browser_second_factor


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)
    page.wait_for_url(live_server.url + "/")


@pytest.mark.browser
def test_vehicle_request_approved_assigned_clash_refused_trip_closed(
    page, live_server, transactional_db, office, flow
):
    base = live_server.url
    start = timezone.localtime(at(1, 8))
    end = timezone.localtime(at(1, 12))

    _login(page, live_server, "th_staff")
    page.goto(base + reverse("facilities:request-create"))
    page.select_option("#id_kind", label="Xe ô tô có lái xe")
    page.fill("#id_purpose", "Khảo sát mô hình dân vận khéo")
    page.fill("#id_starts_at", start.strftime("%d/%m/%Y %H:%M"))
    page.fill("#id_ends_at", end.strftime("%d/%m/%Y %H:%M"))
    page.fill("#id_destination", "Xã Quảng Phú")
    page.fill("#id_people", "3")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#approval-status")
    assert "Chờ lãnh đạo quyết định" in page.inner_text("#approval-status")
    request = ServiceRequest.objects.get()
    url = base + request.get_absolute_url()

    _login(page, live_server, "th_head")
    page.goto(url)
    page.click("button[name=submit-approve]")
    page.wait_for_selector("#approval-status:has-text('Đã duyệt')")

    _login(page, live_server, "qt_cv")
    page.goto(url)
    page.select_option("#id_assign-resource", label="Toyota Innova (36A-123.45)")
    page.select_option("#id_assign-server", label="Cán bộ qt_laixe")
    page.click("button[name=submit-assign]")
    page.wait_for_selector("#service-status:has-text('Đã bố trí')")
    assert "Cán bộ qt_laixe" in page.inner_text("#bookings")

    second = flow.trip("staff2", start=at(1, 9), end=at(1, 11))
    page.goto(base + second.get_absolute_url())
    page.select_option("#id_assign-resource", label="Ford Transit (36A-678.90)")
    page.select_option("#id_assign-server", label="Cán bộ qt_laixe")
    page.click("button[name=submit-assign]")
    error = page.inner_text("#action-assign")
    assert "Cán bộ qt_laixe đã được bố trí phục vụ" in error
    assert f"Yêu cầu số {request.number}/{request.year}" in error
    assert "Chờ bố trí" in page.inner_text("#service-status")

    _login(page, live_server, "qt_laixe")
    page.goto(url)
    page.fill("#id_check_out-odometer", "1000")
    page.fill("#id_check_out-fuel", "40")
    page.click("button[name=submit-check_out]")
    page.wait_for_selector("#service-status:has-text('Đang sử dụng')")
    page.fill("#id_check_in-odometer", "1084")
    page.fill("#id_check_in-fuel", "32")
    page.click("button[name=submit-check_in]")
    page.wait_for_selector(".trip-km:has-text('84')")

    _login(page, live_server, "qt_cv")
    page.goto(url)
    page.fill("#id_close-used", "Xe Toyota Innova, 84 km")
    page.click("button[name=submit-close]")
    page.wait_for_selector("#service-status:has-text('Đã hoàn thành')")

    page.goto(base + flow.fleet.car.asset.get_absolute_url())
    trips = page.inner_text("#trips")
    assert "Xã Quảng Phú" in trips and "84" in trips and "Khảo sát mô hình dân vận khéo" in trips
