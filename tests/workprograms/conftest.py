"""An office built through the real services, and helpers that walk a program or report to a
given state through the real services too."""

import importlib
from dataclasses import dataclass
from datetime import datetime, time

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from core.models import PartyTerm
from tests.kit.seed import TodaysModels
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind, Position
from units.models import Unit
from workprograms import services
from workprograms.choices import MeetingKind, PeriodKind, ReportKind, Scope
from workprograms.models import ReportDeadline

create_units = importlib.import_module("units.migrations.0002_six_units").create_units
seed_designations = importlib.import_module("units.migrations.0003_unit_designations").seed
seed_deadlines = importlib.import_module("workprograms.migrations.0002_report_deadlines").seed
seed_catalogues = importlib.import_module("dispatch.migrations.0002_catalogue_defaults").seed

PASSWORD = "matkhau-thu-2026"


@dataclass
class Office:
    units: dict
    people: dict

    def __getitem__(self, key):
        return self.people[key]


def _person(username, position, unit=None, **flags):
    return unit_services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position,
        unit=unit,
        password=PASSWORD,
        email=f"{username}@vanphong.local",
        **flags,
    ).user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Ten accounts per test: a cheap hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _migrated_data() -> dict:
    """The six units and the report deadlines the data migrations create. A transactional test
    run before this one may have flushed them, so create them again through the migrations' own
    functions when missing."""
    if not Unit.objects.exists():
        create_units(django_apps, None)
    seed_designations(django_apps, None)
    if not ReportDeadline.objects.exists():
        seed_deadlines(django_apps, None)
    if not PartyTerm.objects.exists():
        # The Party terms approved programs and reports are numbered by (dispatch's seed).
        seed_catalogues(TodaysModels(), None)
    return {unit.code: unit for unit in Unit.objects.all()}


@pytest.fixture
def office(db):
    units = _migrated_data()
    people = {
        "chief": _person("chief", Position.CHIEF),
        "dc": _person("dc1", Position.DEPUTY_CHIEF),
        "dc_other": _person("dc2", Position.DEPUTY_CHIEF),
        "head": _person("th_head", Position.HEAD, units["th"]),
        "deputy": _person("th_deputy", Position.DEPUTY, units["th"]),
        "staff": _person("th_staff", Position.SPECIALIST, units["th"]),
        "hc_head": _person("hc_head", Position.HEAD, units["hc"]),
        "hc_staff": _person("hc_staff", Position.SPECIALIST, units["hc"]),
        "tc_head": _person("tc_head", Position.HEAD, units["tc"]),
        "tc_staff": _person("tc_staff", Position.SPECIALIST, units["tc"]),
    }
    Unit.objects.filter(code__in=["th", "hc", "lt"]).update(deputy_chief=people["dc"])
    Unit.objects.filter(code__in=["qt", "tc", "cy"]).update(deputy_chief=people["dc_other"])
    units = {unit.code: unit for unit in Unit.objects.all()}
    return Office(units=units, people=people)


class Flow:
    """Walks programs and reports through the real services."""

    def __init__(self, office):
        self.office = office

    @staticmethod
    def year() -> int:
        return timezone.localdate().year

    def program(
        self,
        *,
        unit="th",
        head="head",
        kind=PeriodKind.MONTH,
        number=1,
        scope=Scope.UNIT,
        items=1,
        year=None,
    ):
        """A draft program with `items` lines, owned by the unit's head."""
        office = self.office
        program = services.program_create(
            actor=office[head],
            unit=office.units[unit],
            period_kind=kind,
            year=year or self.year(),
            number=number,
            scope=scope,
            title=f"Chương trình công tác {unit.upper()} kỳ {number}",
        )
        start, _end = program.period
        for index in range(items):
            services.item_add(
                actor=office[head],
                program=program,
                title=f"Việc số {index + 1} – tổng hợp",
                due_date=start.replace(day=10 + index),
                owner=office[head],
                expected_output="Báo cáo",
            )
        return program

    def discuss(self, obj, head="head"):
        return unit_services.discussion_record(
            actor=self.office[head],
            obj=obj,
            held_on=timezone.localdate(),
            participants=[self.office[head]],
            opinions="Thống nhất nội dung.",
            conclusion="Trình lãnh đạo.",
        )

    def approve(self, obj, head="head", leader="dc"):
        if obj.discussion_required():
            self.discuss(obj, head)
        approvals.approval_submit(actor=self.office[head], obj=obj)
        approvals.approval_decide(actor=self.office[leader], obj=obj, kind=DecisionKind.APPROVE)
        obj.refresh_from_db()
        return obj

    def report(
        self,
        *,
        kind=ReportKind.MONTHLY,
        unit="th",
        head="head",
        number=1,
        content="Kết quả công tác tháng: đạt yêu cầu.",
        year=None,
        **extra,
    ):
        return services.report_create(
            actor=self.office[head],
            unit=self.office.units[unit],
            kind=kind,
            year=year or self.year(),
            number=number,
            title=f"Báo cáo {kind} {unit.upper()}",
            content=content,
            **extra,
        )

    def meeting(
        self,
        *,
        kind=MeetingKind.BRIEFING,
        unit="th",
        head="head",
        owner="staff",
        participants=("head", "deputy", "staff"),
        chair=None,
        **extra,
    ):
        """A meeting called by the unit's head, its minutes taken by `owner`."""
        office = self.office
        return services.meeting_create(
            actor=office[head],
            unit=office.units[unit],
            kind=kind,
            title=extra.pop("title", f"Giao ban tuần – {unit.upper()}"),
            starts_at=extra.pop("starts_at", at(timezone.localdate(), 8)),
            place=extra.pop("place", "Phòng họp tầng 2"),
            agenda=extra.pop("agenda", "Đánh giá công việc tuần, triển khai nhiệm vụ tuần tới."),
            participants=[office[name] for name in participants],
            owner=office[owner],
            chair=office[chair or head],
            **extra,
        )

    def leadership_meeting(self, **extra):
        """An office leadership meeting: HC's head calls it, an HC member takes the minutes."""
        defaults = {
            "unit": "hc",
            "head": "hc_head",
            "owner": "hc_staff",
            "participants": ("chief", "dc", "dc_other"),
            "chair": "chief",
            "title": "Họp tập thể lãnh đạo Văn phòng",
        }
        return self.meeting(kind=MeetingKind.LEADERSHIP, **{**defaults, **extra})

    def calendar_entry(self, *, leader="dc", day=None, hour=8, by="hc_staff", **extra):
        return services.calendar_entry_create(
            actor=self.office[by],
            leader=self.office[leader],
            starts_at=at(day or timezone.localdate(), hour),
            content=extra.pop("content", "Dự hội nghị Ban Thường vụ Tỉnh ủy"),
            place=extra.pop("place", "Hội trường Tỉnh ủy"),
            participants=extra.pop("participants", "Đại diện lãnh đạo các phòng"),
            **extra,
        )


def at(day, hour: int, minute: int = 0):
    """An aware datetime on `day` at local `hour:minute`."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def flow(office):
    return Flow(office)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
