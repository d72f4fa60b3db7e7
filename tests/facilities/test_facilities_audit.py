"""Every model QT tracks says which services write it; each write leaves history rows with
their user and reason (tests/kit/audit.py)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from facilities.choices import Handling
from facilities.models import AssetCategory, FundingSource, RequestKind
from facilities.services import assets as asset_services
from facilities.services import fire
from facilities.services import requests as services
from facilities.services import visits as visit_services
from tests.facilities.conftest import at
from tests.kit.audit import audit_tests
from units import approvals
from units.choices import DecisionKind


def trip_flow(office, fleet, flow):
    booking = services.request_assign(
        actor=office["qt_cv"], request=flow.trip(), resource=fleet.car, server=office["driver"]
    )
    services.trip_check_out(actor=office["driver"], booking=booking, odometer=1000)
    services.trip_check_in(actor=office["driver"], booking=booking, odometer=1050)
    services.request_close(actor=office["qt_cv"], request=booking.request, used="50 km")
    other = flow.room("staff2")
    services.request_assign(actor=office["qt_cv"], request=other, resource=fleet.room)
    services.request_cancel(actor=office["staff2"], request=other, reason="Hoãn họp")


def maintenance_flow(office, fleet, flow):
    work = services.maintenance_schedule(
        actor=office["qt_cv"],
        resource=fleet.van,
        starts_at=at(3, 8),
        ends_at=at(3, 17),
        note="Bảo dưỡng định kỳ",
    )
    services.booking_cancel(actor=office["qt_cv"], booking=work, reason="Đổi lịch")


def vehicle_flow(office, fleet, flow):
    services.vehicle_dates_set(
        actor=office["qt_cv"],
        vehicle=fleet.car,
        maintenance_due=timezone.localdate() + timedelta(days=30),
        insurance_due=None,
    )
    services.resource_create(
        actor=office["qt_head"], kind="room", code="phong-3", name="Phòng họp tầng 3", capacity=12
    )


def asset_flow(office, fleet, flow):
    asset = asset_services.asset_register(
        actor=office["qt_cv"],
        code="MT-9",
        name="Máy in",
        category=AssetCategory.objects.get(code="5.2"),
        funding=FundingSource.objects.get(code="ngan-sach-dang"),
        purchased_on=timezone.localdate(),
        purchase_value=Decimal("9000000"),
        location="Kho",
    )
    handover = asset_services.asset_hand_over(
        actor=office["qt_cv"], asset=asset, custodian=office["staff"], location="Phòng TH"
    )
    asset_services.handover_accept(actor=office["staff"], handover=handover)
    asset_services.asset_update(
        actor=office["qt_cv"],
        asset=asset,
        location="Phòng TH, bàn 2",
        state="in_use",
        reason="Đổi chỗ",
    )


def inventory_flow(office, fleet, flow):
    campaign = asset_services.inventory_open(actor=office["qt_cv"], year=2026, title="Kiểm kê")
    for line in campaign.lines.all():
        asset_services.inventory_count(
            actor=office["qt_cv"],
            line=line,
            found=True,
            proposal=Handling.LIQUIDATE,
            discrepancy="Hỏng",
        )
    asset_services.inventory_submit(actor=office["qt_cv"], campaign=campaign, minutes="Biên bản")
    approvals.approval_decide(actor=office["dc_qt"], obj=campaign, kind=DecisionKind.APPROVE)


def visit_flow(office, fleet, flow):
    visit = visit_services.visit_create(
        actor=office["qt_cv"],
        title="Đoàn khách",
        guests="5 người",
        arrives_on=timezone.localdate() + timedelta(days=3),
        leaves_on=timezone.localdate() + timedelta(days=4),
    )
    services.request_create(
        actor=office["qt_cv"],
        kind=RequestKind.objects.get(code="suat-an"),
        purpose="Suất ăn cho đoàn",
        starts_at=at(3, 11),
        ends_at=at(3, 13),
        people=5,
        visit=visit,
    )


def fire_flow(office, fleet, flow):
    today = timezone.localdate()
    equipment = fire.equipment_register(
        actor=office["qt_cv"],
        kind="powder",
        name="Bình bột 8 kg",
        location="Hành lang",
        quantity=4,
        last_inspected_on=today - timedelta(days=300),
        next_due_on=today + timedelta(days=65),
    )
    fire.equipment_inspect(
        actor=office["qt_cv"],
        equipment=equipment,
        inspected_on=today,
        next_due_on=today + timedelta(days=365),
    )
    drill = fire.drill_record(
        actor=office["qt_cv"],
        held_at=at(-1, 8),
        location="Sân",
        scenario="Cháy kho",
        participants=[office["driver"]],
    )
    fire.drill_minutes(
        actor=office["qt_cv"], drill=drill, minutes="Đạt", participants=[office["driver2"]]
    )
    inspection = fire.inspection_record(
        actor=office["qt_cv"],
        inspected_on=today,
        inspector="Công an tỉnh",
        scope="Nhà A",
        findings=["Vật cản lối thoát nạn"],
    )
    fire.finding_follow_up(
        actor=office["qt_head"],
        finding=inspection.findings.get(),
        owner=office["qt_cv"],
        due_working_days=5,
    )
    fire.shift_create(
        actor=office["qt_cv"],
        guard=office["driver"],
        post="Cổng chính",
        starts_at=at(0, 18),
        ends_at=at(1, 6),
    )


def procurement_flow(office, fleet, flow):
    from facilities.services import procurement
    from facilities.services.procurement import LineInput

    for into in ("stock", "register"):
        bought = procurement.procurement_create(
            actor=office["staff"],
            title="Mua sắm",
            receive_into=into,
            lines=[LineInput(item="Giấy A4", quantity=2, estimated_price=Decimal(70000))],
        )
        quote = procurement.quote_add(
            actor=office["qt_cv"], procurement=bought, supplier="Tiến Thọ", amount=Decimal(140000)
        )
        procurement.quote_choose(actor=office["qt_cv"], procurement=bought, quote=quote)
        procurement.procurement_submit(actor=office["staff"], procurement=bought)
        for who in ("head", "dc_qt"):
            approvals.approval_decide(actor=office[who], obj=bought, kind=DecisionKind.APPROVE)
        bought.refresh_from_db()
        procurement.purchase_record(
            actor=office["qt_cv"],
            procurement=bought,
            purchased_on=timezone.localdate(),
            invoice_no="1",
            amount=Decimal(140000),
            budget_line="Mục 6550",
        )
        if into == "stock":
            procurement.receive_into_stock(actor=office["qt_cv"], procurement=bought)
        else:
            procurement.receive_into_register(
                actor=office["qt_cv"],
                procurement=bought,
                category=AssetCategory.objects.get(code="5.2"),
                funding=FundingSource.objects.get(code="ngan-sach-dang"),
                location="Kho",
            )
    item = bought.movements.model.objects.get().item
    procurement.stock_issue(actor=office["qt_cv"], item=item, quantity=1, issued_to=office["staff"])


SERVICES = {
    "facilities.ServiceRequest": [trip_flow],
    "facilities.Booking": [trip_flow, maintenance_flow],
    "facilities.Resource": [trip_flow, vehicle_flow],
    "facilities.Asset": [asset_flow, inventory_flow, procurement_flow],
    "facilities.AssetHandover": [asset_flow],
    "facilities.InventoryCampaign": [inventory_flow],
    "facilities.InventoryLine": [inventory_flow],
    "facilities.VisitingDelegation": [visit_flow],
    "facilities.FireEquipment": [fire_flow],
    "facilities.FireDrill": [fire_flow],
    "facilities.FireInspection": [fire_flow],
    "facilities.FireFinding": [fire_flow],
    "facilities.GuardShift": [fire_flow],
    "facilities.Procurement": [procurement_flow],
    "facilities.ProcurementLine": [procurement_flow],
    "facilities.Quote": [procurement_flow],
    "facilities.StockItem": [procurement_flow],
    "facilities.StockMovement": [procurement_flow],
}
CATALOGUES = {"facilities.RequestKind", "facilities.AssetCategory", "facilities.FundingSource"}

(
    test_every_tracked_model_says_which_services_write_it,
    test_every_history_row_of_a_service_write_has_its_user_and_reason,
) = audit_tests("facilities", SERVICES, CATALOGUES, fixtures=("office", "fleet", "flow"))
