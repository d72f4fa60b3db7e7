"""An office built through the real services, with QT's people (head, officer, two drivers),
TC's finance officer, vehicles and rooms, and a helper that walks a request to a state."""

import importlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from facilities.choices import ResourceKind
from facilities.models import AssetCategory, FundingSource, RequestKind
from facilities.services import assets as asset_services
from facilities.services import requests as services
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind, Position, RoleCode
from units.designations import forget_designations
from units.models import Unit

create_units = importlib.import_module("units.migrations.0002_six_units").create_units
seed_designations = importlib.import_module("units.migrations.0003_unit_designations").seed
seed_catalogues = importlib.import_module("facilities.migrations.0002_catalogue_defaults").seed

PASSWORD = "matkhau-thu-2026"


@dataclass
class Office:
    units: dict
    people: dict

    def __getitem__(self, key):
        return self.people[key]


def _person(username, position, unit=None, roles=()):
    return unit_services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position,
        unit=unit,
        password=PASSWORD,
        email=f"{username}@vanphong.local",
        roles=roles,
    ).user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return PASSWORD


def at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def office(db):
    if not Unit.objects.exists():
        create_units(django_apps, None)
    seed_designations(django_apps, None)
    seed_catalogues(django_apps, None)
    units = {unit.code: unit for unit in Unit.objects.all()}
    people = {
        "chief": _person("chief", Position.CHIEF),
        "dc": _person("dc1", Position.DEPUTY_CHIEF),
        "dc_qt": _person("dc2", Position.DEPUTY_CHIEF),
        "head": _person("th_head", Position.HEAD, units["th"]),
        "staff": _person("th_staff", Position.SPECIALIST, units["th"]),
        "staff2": _person("th_staff2", Position.SPECIALIST, units["th"]),
        "hc_head": _person("hc_head", Position.HEAD, units["hc"]),
        "hc_staff": _person("hc_staff", Position.SPECIALIST, units["hc"]),
        "qt_head": _person("qt_head", Position.HEAD, units["qt"]),
        "qt_cv": _person("qt_cv", Position.CIVIL_SERVANT, units["qt"]),
        "driver": _person("qt_laixe", Position.EMPLOYEE, units["qt"]),
        "driver2": _person("qt_laixe2", Position.EMPLOYEE, units["qt"]),
        "tc_officer": _person(
            "tc_cv", Position.SPECIALIST, units["tc"], roles=(RoleCode.FINANCE_OFFICER,)
        ),
        "tc_staff": _person("tc_staff", Position.SPECIALIST, units["tc"]),
    }
    Unit.objects.filter(code__in=["th", "hc", "lt"]).update(deputy_chief=people["dc"])
    Unit.objects.filter(code__in=["qt", "tc", "cy"]).update(deputy_chief=people["dc_qt"])
    forget_designations()
    units = {unit.code: unit for unit in Unit.objects.all()}
    return Office(units=units, people=people)


@dataclass
class Fleet:
    car: object
    van: object
    room: object
    hall: object
    lodging: object


@pytest.fixture
def fleet(office):
    qt = office["qt_head"]
    car_asset = asset_services.asset_register(
        actor=qt,
        code="XE-001",
        name="Xe ô tô Toyota Innova",
        category=AssetCategory.objects.get(code="4.1"),
        funding=FundingSource.objects.get(code="ngan-sach-dang"),
        purchased_on=timezone.localdate().replace(year=timezone.localdate().year - 3),
        purchase_value=Decimal("900000000"),
        location="Nhà xe",
        owner=office["qt_cv"],
    )
    make = services.resource_create
    return Fleet(
        car=make(
            actor=qt,
            kind=ResourceKind.VEHICLE,
            code="xe-1",
            name="Toyota Innova",
            plate="36A-123.45",
            capacity=7,
            odometer_km=1000,
            asset=car_asset,
        ),
        van=make(
            actor=qt,
            kind=ResourceKind.VEHICLE,
            code="xe-2",
            name="Ford Transit",
            plate="36A-678.90",
            capacity=16,
            odometer_km=5000,
        ),
        room=make(
            actor=qt,
            kind=ResourceKind.ROOM,
            code="phong-2",
            name="Phòng họp tầng 2",
            capacity=30,
            equipment="Máy chiếu",
        ),
        hall=make(
            actor=qt, kind=ResourceKind.ROOM, code="hoi-truong", name="Hội trường", capacity=200
        ),
        lodging=make(
            actor=qt, kind=ResourceKind.LODGING, code="nk-101", name="Nhà khách 101", capacity=2
        ),
    )


class Flow:
    def __init__(self, office, fleet):
        self.office = office
        self.fleet = fleet

    @staticmethod
    def kind(code):
        return RequestKind.objects.get(code=code)

    def trip(self, who="staff", *, start=None, end=None, outside=False, approve=True):
        office = self.office
        request = services.request_create(
            actor=office[who],
            kind=self.kind("xe"),
            purpose="Khảo sát cơ sở",
            destination="Xã Quảng Phú",
            outside_province=outside,
            starts_at=start or at(1, 8),
            ends_at=end or at(1, 12),
            people=3,
        )
        if approve:
            approvals.approval_decide(actor=office["head"], obj=request, kind=DecisionKind.APPROVE)
        return request

    def room(self, who="staff", *, start=None, end=None, people=10, approve=True):
        office = self.office
        request = services.request_create(
            actor=office[who],
            kind=self.kind("phong-hop"),
            purpose="Họp giao ban",
            starts_at=start or at(1, 8),
            ends_at=end or at(1, 10),
            people=people,
            wanted_resource=self.fleet.room,
        )
        if approve:
            approvals.approval_decide(actor=office["head"], obj=request, kind=DecisionKind.APPROVE)
        return request


@pytest.fixture
def flow(office, fleet):
    return Flow(office, fleet)
