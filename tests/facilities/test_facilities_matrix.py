"""The permission matrix of service requests, assets, visiting delegations and inventories
through HTTP, site and admin, run by the kit (tests/kit/permission_matrix.py). Requests are the
requester's unit's (TH); the register, the delegations and the inventories are QT's, kept by a
QT officer the factories add (none of the kit's fifteen works in QT). None of them is secret."""

import importlib
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from facilities.models import (
    Asset,
    AssetCategory,
    FundingSource,
    InventoryCampaign,
    Procurement,
    RequestKind,
    ServiceRequest,
    VisitingDelegation,
)
from facilities.services import assets as asset_services
from facilities.services import requests as services
from facilities.services import visits as visit_services
from tests.kit.permission_matrix import PASSWORD, Case, Made, matrix
from units import services as unit_services
from units.choices import Position
from units.designations import forget_designations

seed_catalogues = importlib.import_module("facilities.migrations.0002_catalogue_defaults").seed


def _qt_officer(office):
    forget_designations()
    seed_catalogues(django_apps, None)
    existing = get_user_model().objects.filter(username="qt_cv").first()
    if existing is not None:
        return existing
    return unit_services.staff_create(
        actor=None,
        username="qt_cv",
        full_name="Cán bộ qt_cv",
        position=Position.CIVIL_SERVANT,
        unit=office.units["qt"],
        password=PASSWORD,
    ).user


def _tomorrow(hour):
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def make_request(office, secret):
    seed_catalogues(django_apps, None)
    return Made(
        services.request_create(
            actor=office["owner"],
            kind=RequestKind.objects.get(code="xe"),
            purpose="Khảo sát cơ sở",
            destination="Xã Quảng Phú",
            starts_at=_tomorrow(8),
            ends_at=_tomorrow(12),
        )
    )


def make_asset(office, secret):
    """Handed over to a TH specialist, who sees it from then on."""
    qt = _qt_officer(office)
    asset = asset_services.asset_register(
        actor=qt,
        code="MT-001",
        name="Máy vi tính",
        category=AssetCategory.objects.get(code="5.1"),
        funding=FundingSource.objects.get(code="ngan-sach-dang"),
        purchased_on=timezone.localdate(),
        purchase_value=Decimal("15000000"),
        location="Phòng Quản trị",
    )
    asset_services.asset_hand_over(
        actor=qt, asset=asset, custodian=office["staff"], location="Phòng Tổng hợp"
    )
    return Made(asset, grantees=frozenset({"staff"}))


def make_visit(office, secret):
    qt = _qt_officer(office)
    return Made(
        visit_services.visit_create(
            actor=qt,
            title="Đoàn công tác Tỉnh ủy bạn",
            guests="8 đồng chí",
            arrives_on=timezone.localdate() + timedelta(days=2),
            leaves_on=timezone.localdate() + timedelta(days=3),
        )
    )


def make_inventory(office, secret):
    qt = _qt_officer(office)
    return Made(
        asset_services.inventory_open(
            actor=qt, year=timezone.localdate().year, title="Kiểm kê tài sản năm"
        )
    )


def make_procurement(office, secret):
    """A stationery request of TH's owner, with a quote QT took and chose."""
    from facilities.services import procurement
    from facilities.services.procurement import LineInput

    qt = _qt_officer(office)
    made = procurement.procurement_create(
        actor=office["owner"],
        title="Văn phòng phẩm",
        lines=[LineInput(item="Giấy A4", quantity=10, estimated_price=Decimal(70000))],
    )
    quote = procurement.quote_add(
        actor=qt, procurement=made, supplier="Tiến Thọ", amount=Decimal(690000)
    )
    procurement.quote_choose(actor=qt, procurement=made, quote=quote)
    return Made(made)


CASES = [
    Case(
        name="request",
        model=ServiceRequest,
        make=make_request,
        lead_unit="th",
        owner="owner",
        list_url=reverse("facilities:requests"),
        variants=("plain",),
    ),
    Case(
        name="asset",
        model=Asset,
        make=make_asset,
        lead_unit="qt",
        owner="",
        list_url=reverse("facilities:assets"),
        variants=("plain",),
    ),
    Case(
        name="visit",
        model=VisitingDelegation,
        make=make_visit,
        lead_unit="qt",
        owner="",
        list_url=reverse("facilities:visits"),
        variants=("plain",),
    ),
    Case(
        name="inventory",
        model=InventoryCampaign,
        make=make_inventory,
        lead_unit="qt",
        owner="",
        list_url=reverse("facilities:inventories"),
        variants=("plain",),
    ),
    Case(
        name="procurement",
        model=Procurement,
        make=make_procurement,
        lead_unit="th",
        owner="owner",
        list_url=reverse("facilities:procurements"),
        variants=("plain",),
    ),
]

matrix_data, test_matrix = matrix(CASES)
