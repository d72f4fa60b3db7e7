"""The office's finance people built through the real services, the catalogues the data
migrations seed, and a walk of an estimate from QT's draft to the chief's approval."""

import importlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from finance import services
from finance.models import BudgetLine, BudgetUnit, PartyOrganisation
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind, Position
from units.models import Unit

PASSWORD = "matkhau-thu-2026"


@dataclass
class Office:
    units: dict
    people: dict

    def __getitem__(self, key):
        return self.people[key]


def _person(username, position, unit=None):
    return unit_services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position,
        unit=unit,
        password=PASSWORD,
        email=f"{username}@vanphong.local",
    ).user


def seed_catalogues() -> None:
    """The rows the data migrations create; a transactional test may have flushed them."""
    importlib.import_module("units.migrations.0002_six_units").create_units(django_apps, None)
    importlib.import_module("units.migrations.0003_unit_designations").seed(django_apps, None)
    importlib.import_module("finance.migrations.0002_finance_defaults").seed(django_apps, None)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def office(db):
    seed_catalogues()
    units = {unit.code: unit for unit in Unit.objects.all()}
    people = {
        "chief": _person("chief", Position.CHIEF),
        "dc": _person("dc1", Position.DEPUTY_CHIEF),
        "qt_head": _person("qt_head", Position.HEAD, units["qt"]),
        "qt_staff": _person("qt_staff", Position.SPECIALIST, units["qt"]),
        "tc_head": _person("tc_head", Position.HEAD, units["tc"]),
        "tc_staff": _person("tc_staff", Position.SPECIALIST, units["tc"]),
        "th_head": _person("th_head", Position.HEAD, units["th"]),
        "th_staff": _person("th_staff", Position.SPECIALIST, units["th"]),
    }
    Unit.objects.filter(code__in=["qt", "tc", "th", "hc", "lt", "cy"]).update(
        deputy_chief=people["dc"]
    )
    return Office(units={unit.code: unit for unit in Unit.objects.all()}, people=people)


class Flow:
    """Budget work through the real services."""

    YEAR = 2026

    def __init__(self, office):
        self.office = office
        self.office_unit = BudgetUnit.objects.get(code="vptu")
        self.body, _ = BudgetUnit.objects.get_or_create(
            code="btc",
            defaults={
                "name": "Ban Tổ chức Tỉnh ủy",
                "level": "cap_1",
                "valid_from": date(2020, 1, 1),
            },
        )
        self.lines = list(BudgetLine.objects.order_by("order")[:3])

    def line(self, subsection):
        return BudgetLine.objects.get(subsection=subsection)

    def office_estimate(self, *, handed=True):
        office = self.office
        estimate = services.estimate_create(
            actor=office["qt_head"],
            budget_unit=self.office_unit,
            year=self.YEAR,
            title="Dự toán Văn phòng Tỉnh ủy",
        )
        services.line_set(
            actor=office["qt_head"],
            estimate=estimate,
            budget_line=self.line("6551"),
            amount=Decimal("120000000"),
            explanation="Văn phòng phẩm cả năm",
        )
        services.line_set(
            actor=office["qt_head"],
            estimate=estimate,
            budget_line=self.line("6702"),
            amount=Decimal("80000000"),
            explanation="Công tác phí",
        )
        if handed:
            services.estimate_hand_over(actor=office["qt_head"], estimate=estimate)
        return estimate

    def body_estimate(self):
        office = self.office
        estimate = services.estimate_create(
            actor=office["tc_head"],
            budget_unit=self.body,
            year=self.YEAR,
            title="Dự toán Ban Tổ chức",
        )
        services.line_set(
            actor=office["tc_head"],
            estimate=estimate,
            budget_line=self.line("6551"),
            amount=Decimal("50000000"),
            explanation="Văn phòng phẩm",
        )
        return estimate

    def consolidated(self):
        return services.consolidated_create(
            actor=self.office["tc_head"],
            year=self.YEAR,
            title="Dự toán ngân sách Đảng tỉnh",
            parts=[self.office_estimate(), self.body_estimate()],
        )

    def discuss(self, obj):
        unit_services.discussion_record(
            actor=self.office["tc_head"],
            obj=obj,
            held_on=timezone.localdate(),
            participants=[self.office["tc_head"], self.office["tc_staff"]],
            opinions="Thống nhất.",
            conclusion="Trình lãnh đạo Văn phòng.",
        )

    def approve(self, obj):
        self.discuss(obj)
        approvals.approval_submit(actor=self.office["tc_head"], obj=obj)
        approvals.approval_decide(actor=self.office["dc"], obj=obj, kind=DecisionKind.APPROVE)
        obj.refresh_from_db()
        approvals.approval_decide(actor=self.office["chief"], obj=obj, kind=DecisionKind.APPROVE)
        obj.refresh_from_db()
        return obj

    def approved(self):
        return self.approve(self.consolidated())


@pytest.fixture
def flow(office):
    return Flow(office)


@pytest.fixture
def organisation(db):
    return PartyOrganisation.objects.create(
        code="db-cqd", name="Đảng bộ các cơ quan Đảng tỉnh", valid_from=date(2025, 3, 1)
    )
