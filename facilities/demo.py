"""QT's demo data: two vehicles (one of them an asset of the register), three rooms, a guest
room, a few assets, and requests at each stage: a trip tomorrow waiting for the head, an
approved room booking waiting for QT, a trip assigned to qt.laixe."""

from __future__ import annotations

import importlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from facilities.choices import ResourceKind
from facilities.models import AssetCategory, FundingSource, RequestKind, Resource
from facilities.services import assets as asset_services
from facilities.services import requests as services
from units import approvals
from units.choices import DecisionKind


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(users: dict) -> None:
    if Resource.objects.exists():
        return
    # The catalogues' defaults come from a data migration; a flushed test database lost them.
    importlib.import_module("facilities.migrations.0002_catalogue_defaults").seed(apps, None)
    qt = users["qt.truong"]
    car_asset = asset_services.asset_register(
        actor=qt,
        code="XE-001",
        name="Xe ô tô Toyota Innova 7 chỗ",
        category=AssetCategory.objects.get(code="4.1"),
        funding=FundingSource.objects.get(code="ngan-sach-dang"),
        purchased_on=date(2021, 3, 15),
        purchase_value=Decimal("890000000"),
        location="Nhà xe trụ sở",
        owner=users["qt.cv"],
    )
    today = timezone.localdate()
    car = services.resource_create(
        actor=qt,
        kind=ResourceKind.VEHICLE,
        code="xe-36a-12345",
        name="Toyota Innova",
        plate="36A-123.45",
        capacity=7,
        odometer_km=48210,
        maintenance_due=today + timedelta(days=10),
        insurance_due=today + timedelta(days=90),
        asset=car_asset,
    )
    services.resource_create(
        actor=qt,
        kind=ResourceKind.VEHICLE,
        code="xe-36a-67890",
        name="Ford Transit 16 chỗ",
        plate="36A-678.90",
        capacity=16,
        odometer_km=120400,
    )
    room = services.resource_create(
        actor=qt,
        kind=ResourceKind.ROOM,
        code="phong-hop-tang-2",
        name="Phòng họp tầng 2",
        capacity=30,
        equipment="Máy chiếu, âm thanh, 30 ghế",
        location="Tầng 2, nhà A",
    )
    services.resource_create(
        actor=qt,
        kind=ResourceKind.ROOM,
        code="hoi-truong",
        name="Hội trường lớn",
        capacity=200,
        equipment="Âm thanh, màn LED, phòng dịch",
        location="Nhà B",
    )
    services.resource_create(
        actor=qt,
        kind=ResourceKind.LODGING,
        code="nha-khach-101",
        name="Nhà khách phòng 101",
        capacity=2,
        location="Nhà khách Tỉnh ủy",
    )
    for code, name, category, value in [
        ("MT-014", "Máy vi tính để bàn Dell", "5.1", "18500000"),
        ("MP-003", "Máy photocopy Ricoh", "5.2", "64000000"),
        ("DH-021", "Điều hòa phòng họp tầng 2", "5.3", "23000000"),
    ]:
        asset_services.asset_register(
            actor=qt,
            code=code,
            name=name,
            category=AssetCategory.objects.get(code=category),
            funding=FundingSource.objects.get(code="ngan-sach-dang"),
            purchased_on=date(2023, 6, 1),
            purchase_value=Decimal(value),
            location="Phòng Quản trị",
            owner=users["qt.cv"],
        )
    tomorrow = today + timedelta(days=1)
    vehicle, meeting_room = (
        RequestKind.objects.get(code="xe"),
        RequestKind.objects.get(code="phong-hop"),
    )
    services.request_create(
        actor=users["th.cv1"],
        kind=vehicle,
        purpose="Khảo sát tình hình cơ sở xã Quảng Phú",
        destination="Xã Quảng Phú",
        starts_at=_at(tomorrow, 7),
        ends_at=_at(tomorrow, 17),
        people=3,
    )
    booked = services.request_create(
        actor=users["hc.cv"],
        kind=meeting_room,
        purpose="Tập huấn nghiệp vụ văn thư",
        starts_at=_at(tomorrow, 8),
        ends_at=_at(tomorrow, 11),
        people=25,
        wanted_resource=room,
        details="Máy chiếu, 25 chỗ ngồi",
    )
    approvals.approval_decide(actor=users["hc.truong"], obj=booked, kind=DecisionKind.APPROVE)
    trip = services.request_create(
        actor=users["th.cv2"],
        kind=vehicle,
        purpose="Dự hội nghị tại Ban Tuyên giáo",
        destination="Trung tâm hội nghị tỉnh",
        starts_at=_at(tomorrow + timedelta(days=1), 13),
        ends_at=_at(tomorrow + timedelta(days=1), 17),
    )
    approvals.approval_decide(actor=users["th.truong"], obj=trip, kind=DecisionKind.APPROVE)
    services.request_assign(actor=qt, request=trip, resource=car, server=users["qt.laixe"])


def seed_fire(users: dict) -> None:
    """Guarding and fire safety: extinguishers (one due next week, so qt.cv is reminded), the
    alarm system, a drill with its minutes, an inspection whose finding is a task of qt.cv, and
    tonight's guard shift of qt.laixe."""
    from facilities.models_fire import FireEquipment, FireEquipmentKind
    from facilities.services import fire

    if FireEquipment.objects.exists():
        return
    qt, officer = users["qt.truong"], users["qt.cv"]
    today = timezone.localdate()
    fire.equipment_register(
        actor=officer,
        kind=FireEquipmentKind.EXTINGUISHER_POWDER,
        name="Bình bột ABC 8 kg",
        location="Hành lang tầng 2, nhà A",
        quantity=6,
        last_inspected_on=today - timedelta(days=358),
        next_due_on=today + timedelta(days=7),
    )
    fire.equipment_register(
        actor=officer,
        kind=FireEquipmentKind.EXTINGUISHER_CO2,
        name="Bình khí CO2 5 kg",
        location="Phòng máy chủ",
        quantity=2,
        last_inspected_on=today - timedelta(days=60),
        next_due_on=today + timedelta(days=120),
    )
    fire.equipment_register(
        actor=officer,
        kind=FireEquipmentKind.ALARM,
        name="Tủ trung tâm báo cháy 8 kênh",
        location="Phòng bảo vệ, nhà B",
        quantity=1,
        last_inspected_on=today - timedelta(days=90),
        next_due_on=today + timedelta(days=275),
    )
    fire.drill_record(
        actor=officer,
        held_at=_at(today - timedelta(days=20), 8),
        location="Sân trụ sở",
        scenario="Cháy kho lưu trữ tầng 1 nhà A; thoát nạn, dùng bình chữa cháy tại chỗ.",
        participants=[users["qt.laixe"], users["qt.pho"], officer],
        minutes="Thoát nạn hết 4 phút; lực lượng tại chỗ dập tắt đám cháy giả định.",
    )
    inspection = fire.inspection_record(
        actor=officer,
        inspected_on=today - timedelta(days=10),
        inspector="Phòng Cảnh sát PCCC và CNCH, Công an tỉnh",
        scope="Trụ sở Tỉnh ủy, nhà A và nhà B",
        conclusion="Cơ bản bảo đảm điều kiện an toàn PCCC.",
        findings=["Lối thoát nạn tầng 3 nhà A để vật cản.", "Thiếu tiêu lệnh PCCC ở nhà xe."],
    )
    fire.finding_follow_up(
        actor=qt, finding=inspection.findings.first(), owner=officer, due_working_days=5
    )
    fire.shift_create(
        actor=officer,
        guard=users["qt.laixe"],
        post="Cổng chính",
        starts_at=_at(today, 18),
        ends_at=_at(today + timedelta(days=1), 6),
    )
