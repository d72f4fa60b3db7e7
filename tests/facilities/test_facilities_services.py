"""The service-request engine and the register through the real services: the paths kinds
declare, QT's assignment and the clashes it refuses by name, the vehicle's log, the asset
register, delegations, the inventory and the vehicles' reminders."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Notification, ReminderLog
from facilities.choices import AssetState, Handling, ServiceStatus
from facilities.models import (
    Asset,
    AssetCategory,
    Booking,
    FundingSource,
    ServiceRequest,
)
from facilities.services import assets as asset_services
from facilities.services import reminders
from facilities.services import requests as services
from facilities.services import visits as visit_services
from tests.facilities.conftest import at
from units import approvals, permissions
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind

APPROVE = DecisionKind.APPROVE


def _sees(user, obj) -> bool:
    permissions.forget_viewer(user)
    return permissions.visible(type(obj).objects.filter(pk=obj.pk), user).exists()


class TestPaths:
    def test_a_trip_in_the_province_needs_the_requesters_head_only(self, office, flow):
        request = flow.trip(approve=False)
        assert request.approval_step == ApprovalStep.UNIT_HEAD
        assert request.number == 1 and request.lead_unit == office.units["th"]
        with pytest.raises(PermissionDenied):
            approvals.approval_decide(actor=office["qt_head"], obj=request, kind=APPROVE)
        approvals.approval_decide(actor=office["head"], obj=request, kind=APPROVE)
        assert request.approval_status == ApprovalStatus.APPROVED
        assert Notification.objects.filter(recipient=office["qt_cv"]).exists()
        assert not Notification.objects.filter(recipient=office["driver"]).exists()

    def test_a_trip_out_of_the_province_goes_on_to_the_deputy_chief_in_charge_of_qt(
        self, office, flow
    ):
        request = flow.trip(outside=True)
        assert request.approval_status == ApprovalStatus.SUBMITTED
        assert (request.approval_step, request.approval_step_index) == (
            ApprovalStep.DEPUTY_CHIEF,
            1,
        )
        # TH's own deputy chief is not the one: QT's is.
        assert approvals.current_step(request).approvers(request) == [office["dc_qt"]]
        with pytest.raises(PermissionDenied):
            approvals.approval_decide(actor=office["dc"], obj=request, kind=APPROVE)
        pending = approvals.awaiting_decision(ServiceRequest.objects.all(), office["dc_qt"])
        assert list(pending) == [request]
        assert not approvals.awaiting_decision(ServiceRequest.objects.all(), office["dc"])
        assert _sees(office["dc_qt"], request)
        approvals.approval_decide(actor=office["dc_qt"], obj=request, kind=APPROVE)
        assert request.approval_status == ApprovalStatus.APPROVED

    def test_qt_sees_what_is_submitted_to_it_the_other_units_do_not(self, office, flow):
        request = flow.trip(approve=False)
        assert _sees(office["driver"], request)
        assert _sees(office["qt_cv"], request)
        assert not _sees(office["tc_staff"], request)
        assert not _sees(office["staff2"], request)
        assert _sees(office["head"], request)


class TestBadInput:
    def test_a_booking_ending_before_it_starts_is_refused_and_nothing_written(self, office, flow):
        with pytest.raises(ValidationError) as error:
            services.request_create(
                actor=office["staff"],
                kind=flow.kind("xe"),
                purpose="Đi cơ sở",
                starts_at=at(1, 12),
                ends_at=at(1, 8),
            )
        assert error.value.message_dict["ends_at"] == [
            "Thời gian kết thúc phải sau thời gian bắt đầu."
        ]
        assert not ServiceRequest.objects.exists()

    def test_a_booking_in_the_past_is_refused_and_nothing_written(self, office, flow):
        with pytest.raises(ValidationError) as error:
            services.request_create(
                actor=office["staff"],
                kind=flow.kind("xe"),
                purpose="Đi cơ sở",
                starts_at=at(-1, 8),
                ends_at=at(-1, 12),
            )
        assert error.value.message_dict["starts_at"] == ["Không đặt lịch cho thời gian đã qua."]
        assert not ServiceRequest.objects.exists()

    def test_a_room_too_small_for_the_people_is_refused(self, office, flow):
        with pytest.raises(ValidationError, match="chỉ chứa được 30 người"):
            flow.room(people=31)
        assert not ServiceRequest.objects.exists()

    def test_a_depreciation_rate_over_100_percent_is_refused(self, office):
        category = AssetCategory(
            code="9.9", name="Thử", useful_life_years=1, depreciation_rate=Decimal("100.01")
        )
        with pytest.raises(ValidationError) as error:
            category.full_clean()
        assert (
            "Tỷ lệ hao mòn không được vượt quá 100 %."
            in error.value.message_dict["depreciation_rate"]
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            category.save()
        assert not AssetCategory.objects.filter(code="9.9").exists()


class TestAssignment:
    def test_qt_assigns_vehicle_and_driver_and_a_second_trip_of_the_driver_is_refused_by_name(
        self, office, flow
    ):
        first = flow.trip()
        booking = services.request_assign(
            actor=office["qt_cv"], request=first, resource=flow.fleet.car, server=office["driver"]
        )
        assert first.service_status == ServiceStatus.ASSIGNED
        second = flow.trip("staff2", start=at(1, 10), end=at(1, 14))
        with pytest.raises(ValidationError) as error:
            services.request_assign(
                actor=office["qt_cv"],
                request=second,
                resource=flow.fleet.van,
                server=office["driver"],
            )
        message = error.value.messages[0]
        assert "Cán bộ qt_laixe đã được bố trí phục vụ" in message
        assert f"Yêu cầu số {first.number}/{first.year}" in message
        assert list(Booking.objects.all()) == [booking]
        second.refresh_from_db()
        assert second.service_status == ServiceStatus.WAITING

    def test_a_vehicle_booked_twice_is_refused_by_name(self, office, flow):
        first = flow.trip()
        services.request_assign(
            actor=office["qt_cv"], request=first, resource=flow.fleet.car, server=office["driver"]
        )
        second = flow.trip("staff2", start=at(1, 11), end=at(1, 13))
        with pytest.raises(ValidationError, match="Toyota Innova \\(36A-123.45\\) đã được bố trí"):
            services.request_assign(
                actor=office["qt_cv"],
                request=second,
                resource=flow.fleet.car,
                server=office["driver2"],
            )
        assert Booking.objects.count() == 1

    def test_a_vehicle_in_maintenance_is_refused_and_free_again_after_cancelling(
        self, office, flow
    ):
        work = services.maintenance_schedule(
            actor=office["qt_cv"],
            resource=flow.fleet.car,
            starts_at=at(1, 0),
            ends_at=at(2, 0),
            note="Thay dầu",
        )
        request = flow.trip()
        with pytest.raises(ValidationError, match="đang bảo dưỡng, sửa chữa"):
            services.request_assign(
                actor=office["qt_cv"],
                request=request,
                resource=flow.fleet.car,
                server=office["driver"],
            )
        services.booking_cancel(actor=office["qt_cv"], booking=work, reason="Hoãn bảo dưỡng")
        services.request_assign(
            actor=office["qt_cv"], request=request, resource=flow.fleet.car, server=office["driver"]
        )

    def test_back_to_back_slots_do_not_clash(self, office, flow):
        services.request_assign(
            actor=office["qt_cv"], request=flow.room(), resource=flow.fleet.room
        )
        later = flow.room("staff2", start=at(1, 10), end=at(1, 12))
        services.request_assign(actor=office["qt_cv"], request=later, resource=flow.fleet.room)
        assert Booking.objects.count() == 2

    def test_only_qt_staff_assign_an_approved_request_and_a_trip_needs_a_driver(self, office, flow):
        pending = flow.trip(approve=False)
        with pytest.raises(PermissionDenied):
            services.request_assign(actor=office["qt_cv"], request=pending, resource=flow.fleet.car)
        approved = flow.trip("staff2", start=at(2, 8), end=at(2, 9))
        for who in ("driver", "head", "staff2"):
            with pytest.raises(PermissionDenied):
                services.request_assign(
                    actor=office[who], request=approved, resource=flow.fleet.car
                )
        with pytest.raises(ValidationError, match="Cần chọn người phục vụ"):
            services.request_assign(
                actor=office["qt_cv"], request=approved, resource=flow.fleet.car
            )
        with pytest.raises(ValidationError, match="cán bộ Phòng Quản trị"):
            services.request_assign(
                actor=office["qt_cv"],
                request=approved,
                resource=flow.fleet.car,
                server=office["staff"],
            )
        with pytest.raises(ValidationError, match="không phù hợp"):
            services.request_assign(
                actor=office["qt_cv"], request=approved, resource=flow.fleet.room
            )
        assert not Booking.objects.exists()


class TestTrips:
    @pytest.fixture
    def trip(self, office, flow):
        request = flow.trip()
        return services.request_assign(
            actor=office["qt_cv"], request=request, resource=flow.fleet.car, server=office["driver"]
        )

    def test_out_and_back_with_kilometres_and_the_odometer_moves_on(self, office, flow, trip):
        services.trip_check_out(
            actor=office["driver"], booking=trip, odometer=1000, fuel=Decimal("40")
        )
        assert trip.request.service_status == ServiceStatus.IN_USE
        with pytest.raises(ValidationError, match="Xe chưa được nhận về"):
            services.request_close(actor=office["qt_cv"], request=trip.request, used="84 km")
        services.trip_check_in(
            actor=office["driver"], booking=trip, odometer=1084, fuel=Decimal("31.5")
        )
        assert trip.km == 84
        flow.fleet.car.refresh_from_db()
        assert flow.fleet.car.odometer_km == 1084
        services.request_close(actor=office["qt_cv"], request=trip.request, used="84 km")
        assert trip.request.service_status == ServiceStatus.CLOSED

    def test_the_odometer_never_goes_backwards_and_nothing_is_written(self, office, flow, trip):
        with pytest.raises(ValidationError) as error:
            services.trip_check_out(actor=office["driver"], booking=trip, odometer=999)
        assert error.value.message_dict["odometer"] == [
            "Số km không được lùi: đồng hồ của xe đang là 1000 km."
        ]
        trip.refresh_from_db()
        assert trip.checked_out_at is None and trip.odometer_out is None
        services.trip_check_out(actor=office["driver"], booking=trip, odometer=1010)
        with pytest.raises(ValidationError) as error:
            services.trip_check_in(actor=office["driver"], booking=trip, odometer=1009)
        assert error.value.message_dict["odometer"] == [
            "Số km không được lùi: khi xuất xe đồng hồ là 1010 km."
        ]
        trip.refresh_from_db()
        assert trip.checked_in_at is None and trip.odometer_in is None
        flow.fleet.car.refresh_from_db()
        assert flow.fleet.car.odometer_km == 1000

    def test_only_the_driver_or_qt_staff_log_the_trip(self, office, trip):
        for who in ("driver2", "staff"):
            with pytest.raises(PermissionDenied):
                services.trip_check_out(actor=office[who], booking=trip, odometer=1000)

    def test_the_requester_cancels_and_the_slot_is_free_again(self, office, flow, trip):
        services.request_cancel(actor=office["staff"], request=trip.request, reason="Hoãn chuyến")
        trip.refresh_from_db()
        assert trip.cancelled_at is not None
        other = flow.trip("staff2")
        services.request_assign(
            actor=office["qt_cv"], request=other, resource=flow.fleet.car, server=office["driver"]
        )


class TestAssets:
    def test_depreciation_by_the_categorys_rate_never_beyond_the_value(self, office, fleet):
        asset = fleet.car.asset
        purchased = asset.purchased_on
        worn, residual = asset.depreciation(purchased.replace(year=purchased.year + 3))
        assert worn == Decimal("180090000")  # 3 × 6.67 % of 900,000,000
        assert residual == Decimal("719910000")
        worn, residual = asset.depreciation(purchased - timedelta(days=1))
        assert (worn, residual) == (0, asset.purchase_value)
        worn, residual = asset.depreciation(purchased.replace(year=purchased.year + 40))
        assert (worn, residual) == (asset.purchase_value, 0)

    def test_the_custodian_accepts_on_the_site_and_then_sees_it_tc_sees_values(self, office, fleet):
        asset = fleet.car.asset
        assert not _sees(office["staff"], asset)
        assert _sees(office["tc_officer"], asset)
        assert not _sees(office["tc_staff"], asset)
        assert _sees(office["driver"], asset)
        handover = asset_services.asset_hand_over(
            actor=office["qt_cv"], asset=asset, custodian=office["staff"], location="Phòng TH"
        )
        assert _sees(office["staff"], asset)
        with pytest.raises(PermissionDenied):
            asset_services.handover_accept(actor=office["staff2"], handover=handover)
        asset_services.handover_accept(actor=office["staff"], handover=handover)
        asset.refresh_from_db()
        assert asset.custodian == office["staff"]
        assert asset.custodian_since == timezone.localdate()
        assert asset.location == "Phòng TH"

    def test_only_qt_registers_and_a_purchase_in_the_future_is_refused(self, office):
        fields = {
            "code": "MT-1",
            "name": "Máy tính",
            "category": AssetCategory.objects.get(code="5.1"),
            "funding": FundingSource.objects.get(code="ngan-sach-dang"),
            "purchased_on": timezone.localdate(),
            "purchase_value": Decimal("15000000"),
            "location": "Phòng TH",
        }
        with pytest.raises(PermissionDenied):
            asset_services.asset_register(actor=office["tc_officer"], **fields)
        with pytest.raises(ValidationError, match="Ngày mua không được sau hôm nay"):
            asset_services.asset_register(
                actor=office["qt_cv"],
                **{**fields, "purchased_on": timezone.localdate() + timedelta(days=1)},
            )
        assert not Asset.objects.exists()
        asset = asset_services.asset_register(actor=office["qt_cv"], **fields)
        assert asset.lead_unit == office.units["qt"] and asset.owner == office["qt_cv"]


class TestInventory:
    def test_an_approved_liquidation_updates_the_register(self, office, fleet):
        campaign = asset_services.inventory_open(
            actor=office["qt_cv"], year=timezone.localdate().year, title="Kiểm kê năm"
        )
        (line,) = campaign.lines.all()
        with pytest.raises(ValidationError, match="Còn tài sản chưa kiểm đếm"):
            asset_services.inventory_submit(actor=office["qt_cv"], campaign=campaign, minutes="BB")
        with pytest.raises(ValidationError, match="cần ghi nguyên nhân"):
            asset_services.inventory_count(actor=office["qt_cv"], line=line, found=False)
        asset_services.inventory_count(
            actor=office["qt_cv"],
            line=line,
            found=True,
            found_state=AssetState.IN_REPAIR,
            discrepancy="Hư hỏng nặng, không sửa được",
            proposal=Handling.LIQUIDATE,
        )
        asset_services.inventory_submit(
            actor=office["qt_cv"], campaign=campaign, minutes="Biên bản kiểm kê ngày …"
        )
        assert approvals.current_step(campaign).approvers(campaign) == [office["dc_qt"]]
        assert fleet.car.asset.state == AssetState.IN_USE
        approvals.approval_decide(actor=office["dc_qt"], obj=campaign, kind=APPROVE)
        fleet.car.asset.refresh_from_db()
        assert fleet.car.asset.state == AssetState.LIQUIDATED


class TestVisits:
    def test_a_delegations_parts_go_to_qts_head_then_qts_deputy_chief(self, office, fleet):
        visit = visit_services.visit_create(
            actor=office["qt_cv"],
            title="Đoàn công tác Tỉnh ủy Nghệ An",
            guests="10 đồng chí",
            arrives_on=timezone.localdate() + timedelta(days=3),
            leaves_on=timezone.localdate() + timedelta(days=4),
        )
        with pytest.raises(PermissionDenied):
            services.request_create(
                actor=office["staff"],
                kind=fleet.lodging and services.RequestKind.objects.get(code="phong-nghi"),
                purpose="Phòng nghỉ",
                starts_at=at(3, 14),
                ends_at=at(4, 12),
                visit=visit,
            )
        lodging = services.request_create(
            actor=office["qt_cv"],
            kind=services.RequestKind.objects.get(code="phong-nghi"),
            purpose="Phòng nghỉ cho đoàn",
            starts_at=at(3, 14),
            ends_at=at(4, 12),
            people=2,
            visit=visit,
        )
        assert approvals.current_step(lodging).approvers(lodging) == [office["qt_head"]]
        approvals.approval_decide(actor=office["qt_head"], obj=lodging, kind=APPROVE)
        assert approvals.current_step(lodging).approvers(lodging) == [office["dc_qt"]]
        approvals.approval_decide(actor=office["dc_qt"], obj=lodging, kind=APPROVE)
        services.request_assign(actor=office["qt_cv"], request=lodging, resource=fleet.lodging)
        with pytest.raises(ValidationError, match="Chỉ quyết toán sau khi đoàn về"):
            visit_services.visit_settle(actor=office["qt_cv"], visit=visit, settlement="2 triệu")


class TestReminders:
    def test_maintenance_and_insurance_remind_qt_once_a_day(self, office, fleet):
        today = timezone.localdate()
        services.vehicle_dates_set(
            actor=office["qt_cv"],
            vehicle=fleet.car,
            maintenance_due=today + timedelta(days=5),
            insurance_due=today + timedelta(days=60),
        )
        assert reminders.remind_vehicle_dates(today) == 1
        assert reminders.remind_vehicle_dates(today) == 0
        assert ReminderLog.objects.filter(kind="maintenance").count() == 1
        notice = Notification.objects.get(recipient=office["qt_head"])
        assert "Sắp đến hạn bảo dưỡng: Toyota Innova (36A-123.45)" in notice.title
        assert not Notification.objects.filter(recipient=office["driver"]).exists()
        assert reminders.remind_vehicle_dates(today + timedelta(days=50)) == 2
        assert date.today()  # the run date is the caller's, not the clock's
