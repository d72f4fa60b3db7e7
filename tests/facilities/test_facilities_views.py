"""QT's pages through HTTP: bad input re-shown with its Vietnamese message and nothing written,
the calendars and printouts, the asset page with its QR and trips, and constant queries on
every list page whatever the number of rows."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from facilities.models import AssetCategory, FundingSource, ServiceRequest
from facilities.services import assets as asset_services
from facilities.services import requests as services
from facilities.services import visits as visit_services
from tests.facilities.conftest import at


def client_for(user) -> Client:
    http = Client()
    http.force_login(user)
    return http


def _form(kind, start, end, **extra):
    return {
        "kind": kind.pk,
        "purpose": "Đi cơ sở",
        "starts_at": start.strftime("%d/%m/%Y %H:%M"),
        "ends_at": end.strftime("%d/%m/%Y %H:%M"),
        "people": 2,
        **extra,
    }


class TestRequestForm:
    def test_a_request_is_sent_and_its_head_sees_it(self, office, flow):
        http = client_for(office["staff"])
        start, end = timezone.localtime(at(1, 8)), timezone.localtime(at(1, 12))
        response = http.post(
            reverse("facilities:request-create"), _form(flow.kind("xe"), start, end)
        )
        request = ServiceRequest.objects.get()
        assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
        assert client_for(office["head"]).get(request.get_absolute_url()).status_code == 200
        assert client_for(office["tc_staff"]).get(request.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize(
        ("start", "end", "message"),
        [
            ((1, 12), (1, 8), "Thời gian kết thúc phải sau thời gian bắt đầu."),
            ((-1, 8), (-1, 12), "Không đặt lịch cho thời gian đã qua."),
        ],
        ids=["ends-before-start", "in-the-past"],
    )
    def test_bad_windows_are_shown_back_and_nothing_is_written(
        self, office, flow, start, end, message
    ):
        http = client_for(office["staff"])
        data = _form(flow.kind("xe"), timezone.localtime(at(*start)), timezone.localtime(at(*end)))
        response = http.post(reverse("facilities:request-create"), data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not ServiceRequest.objects.exists()

    def test_a_room_link_from_another_page_fills_the_form(self, office, flow):
        day = timezone.localdate() + timedelta(days=2)
        response = client_for(office["staff"]).get(
            reverse("facilities:request-create")
            + f"?loai=phong-hop&phong={flow.fleet.room.pk}&tu={day.isoformat()}"
        )
        body = response.content.decode()
        assert f'<option value="{flow.fleet.room.pk}" selected>' in body
        assert day.strftime("%d/%m/%Y") + " 08:00" in body

    def test_a_trip_link_fills_the_car_its_dates_destination_and_purpose(self, office, flow):
        first, last = (timezone.localdate() + timedelta(days=n) for n in (3, 5))
        query = urlencode(
            {
                "loai": "xe",
                "tu": first.isoformat(),
                "den": last.isoformat(),
                "noi-den": "  Huyện   Quảng Ninh ",
                "muc-dich": "Khảo sát mô hình kinh tế tập thể",
            }
        )
        response = client_for(office["staff"]).get(
            f"{reverse('facilities:request-create')}?{query}"
        )
        initial = response.context["form"].initial
        assert initial["kind"] == flow.kind("xe")
        assert (initial["destination"], initial["purpose"]) == (
            "Huyện Quảng Ninh",
            "Khảo sát mô hình kinh tế tập thể",
        )
        body = response.content.decode()
        assert first.strftime("%d/%m/%Y") + " 08:00" in body
        assert last.strftime("%d/%m/%Y") + " 17:00" in body

    @pytest.mark.parametrize("end", ["2026-13-01", "khong-phai-ngay", "before"])
    def test_an_end_date_that_is_no_date_or_before_the_start_is_left_out(self, office, end):
        first = timezone.localdate() + timedelta(days=3)
        if end == "before":
            end = (first - timedelta(days=1)).isoformat()
        response = client_for(office["staff"]).get(
            f"{reverse('facilities:request-create')}?tu={first.isoformat()}&den={end}"
        )
        assert response.status_code == 200
        assert "ends_at" not in response.context["form"].initial
        assert "starts_at" in response.context["form"].initial


class TestRequestPage:
    def test_the_head_approves_qt_assigns_and_the_driver_clash_is_named_on_the_page(
        self, office, flow
    ):
        first = flow.trip()
        services.request_assign(
            actor=office["qt_cv"], request=first, resource=flow.fleet.car, server=office["driver"]
        )
        second = flow.trip("staff2", approve=False)
        url = second.get_absolute_url()
        response = client_for(office["head"]).post(
            url, {"action": "approve", "approve-comment": ""}
        )
        assert response.status_code == 302
        qt = client_for(office["qt_cv"])
        response = qt.post(
            url,
            {
                "action": "assign",
                "assign-resource": flow.fleet.van.pk,
                "assign-server": office["driver"].pk,
            },
        )
        assert response.status_code == 200
        assert "Cán bộ qt_laixe đã được bố trí phục vụ" in response.content.decode()
        second.refresh_from_db()
        assert second.service_status == "waiting" and not second.bookings.exists()

    def test_an_odometer_going_backwards_is_shown_back_and_nothing_written(self, office, flow):
        booking = services.request_assign(
            actor=office["qt_cv"],
            request=flow.trip(),
            resource=flow.fleet.car,
            server=office["driver"],
        )
        response = client_for(office["driver"]).post(
            booking.request.get_absolute_url(),
            {"action": "check_out", "check_out-odometer": 10, "check_out-fuel": "30"},
        )
        assert response.status_code == 200
        assert "Số km không được lùi: đồng hồ của xe đang là 1000 km." in response.content.decode()
        booking.refresh_from_db()
        assert booking.odometer_out is None and booking.checked_out_at is None


class TestAssetPages:
    def _asset(self, office, code):
        return asset_services.asset_register(
            actor=office["qt_cv"],
            code=code,
            name=f"Máy tính {code}",
            category=AssetCategory.objects.get(code="5.1"),
            funding=FundingSource.objects.get(code="ngan-sach-dang"),
            purchased_on=timezone.localdate(),
            purchase_value=Decimal("15000000"),
            location="Phòng Quản trị",
        )

    def test_the_asset_page_has_its_qr_and_the_label_sheet_is_a_pdf(self, office, fleet):
        http = client_for(office["tc_officer"])
        response = http.get(fleet.car.asset.get_absolute_url())
        body = response.content.decode()
        assert response.status_code == 200
        assert '<svg width="' in body and "Nhật ký xe" in body and "900000000" in body
        labels = client_for(office["qt_cv"]).get(reverse("facilities:asset-labels"))
        assert labels["Content-Type"] == "application/pdf"
        assert labels.content.startswith(b"%PDF")
        assert (
            client_for(office["tc_officer"]).get(reverse("facilities:asset-labels")).status_code
            == 403
        )
        assert (
            client_for(office["staff"]).get(fleet.car.asset.get_absolute_url()).status_code == 404
        )

    def test_the_asset_list_costs_the_same_queries_for_one_or_many(self, office, fleet):
        http = client_for(office["tc_officer"])
        url = reverse("facilities:assets")
        http.get(url)
        few = _queries(http, url)
        for index in range(10):
            self._asset(office, f"MT-{index}")
        assert _queries(http, url) == few


def _queries(http, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        http.get(url)
    return len(captured.captured_queries)


class TestConstantQueries:
    def _count(self, http, url):
        return _queries(http, url)

    def test_requests_list_and_week_view(self, office, flow):
        qt = client_for(office["qt_cv"])
        services.request_assign(
            actor=office["qt_cv"],
            request=flow.trip(),
            resource=flow.fleet.car,
            server=office["driver"],
        )
        urls = [reverse("facilities:requests"), reverse("facilities:week")]
        few = {url: self._count(qt, url) for url in urls}
        for day in range(2, 12):
            request = flow.trip("staff2", start=at(day % 6 + 1, 13), end=at(day % 6 + 1, 14))
            if day < 7:
                services.request_assign(
                    actor=office["qt_cv"],
                    request=request,
                    resource=flow.fleet.van,
                    server=office["driver2"],
                )
        many = {url: self._count(qt, url) for url in urls}
        assert many == few

    def test_visits_and_inventories(self, office, fleet):
        qt = client_for(office["qt_cv"])
        urls = [reverse("facilities:visits"), reverse("facilities:inventories")]
        visit_services.visit_create(
            actor=office["qt_cv"],
            title="Đoàn 0",
            guests="5",
            arrives_on=timezone.localdate(),
            leaves_on=timezone.localdate(),
        )
        asset_services.inventory_open(actor=office["qt_cv"], year=2026, title="Kiểm kê 0")
        few = {url: self._count(qt, url) for url in urls}
        for index in range(1, 6):
            visit_services.visit_create(
                actor=office["qt_cv"],
                title=f"Đoàn {index}",
                guests="5",
                arrives_on=timezone.localdate(),
                leaves_on=timezone.localdate(),
            )
            asset_services.inventory_open(
                actor=office["qt_cv"], year=2026, title=f"Kiểm kê {index}"
            )
        assert {url: self._count(qt, url) for url in urls} == few


class TestCalendars:
    def test_week_page_day_view_and_pdf(self, office, flow):
        booking = services.request_assign(
            actor=office["qt_cv"], request=flow.room(), resource=flow.fleet.room
        )
        http = client_for(office["tc_staff"])
        day = timezone.localdate() + timedelta(days=1)
        week = http.get(reverse("facilities:week") + f"?tuan={day.isoformat()}&loai=room")
        assert week.status_code == 200 and "Phòng họp tầng 2" in week.content.decode()
        assert "Ford Transit" not in week.content.decode()
        page = http.get(flow.fleet.room.get_absolute_url() + f"?ngay={day.isoformat()}")
        assert "Họp giao ban" in page.content.decode()
        pdf = http.get(reverse("facilities:week-pdf") + f"?tuan={day.isoformat()}")
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        assert booking.pk
