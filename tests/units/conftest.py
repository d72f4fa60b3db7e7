"""An office built through the real services: the roles of the permission matrix."""

import importlib
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from units import services
from units.choices import Position, RoleCode, Secrecy
from units.models import Unit

PASSWORD = "matkhau-thu-2026"
#: Roles a fixture person holds from today: `_person(..., roles=CLERK)`.
CLERK = (RoleCode.RECORDS_CLERK,)
SYSADMIN = (RoleCode.SYSTEM_ADMIN,)


@dataclass
class Office:
    units: dict
    people: dict

    def __getitem__(self, key):
        return self.people[key]


def _person(username, position, unit=None, *, roles=()):
    """A staff member built by the real service, holding `roles` (role codes) from today."""
    return services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position,
        unit=unit,
        password=PASSWORD,
        email=f"{username}@vanphong.local",
        roles=roles,
    ).user


def _ensure_units() -> None:
    """The six units come from a data migration; a transactional test before this one may have
    flushed them, so put them back the way the migration does."""
    from django.apps import apps

    importlib.import_module("units.migrations.0002_six_units").create_units(apps, None)
    importlib.import_module("units.migrations.0003_unit_designations").seed(apps, None)


@pytest.fixture
def office(db):
    _ensure_units()
    units = {unit.code: unit for unit in Unit.objects.all()}
    people = {
        "chief": _person("chief", Position.CHIEF),
        "dc_in_charge": _person("dc1", Position.DEPUTY_CHIEF),
        "dc_other": _person("dc2", Position.DEPUTY_CHIEF),
        "head": _person("th_head", Position.HEAD, units["th"]),
        "acting_head": _person("th_acting", Position.DEPUTY, units["th"]),
        "deputy": _person("th_deputy", Position.DEPUTY, units["th"]),
        "staff": _person("th_staff", Position.SPECIALIST, units["th"]),
        "owner": _person("th_owner", Position.SPECIALIST, units["th"]),
        "coord_head": _person("hc_head", Position.HEAD, units["hc"]),
        "coord_staff": _person("hc_staff", Position.SPECIALIST, units["hc"]),
        "clerk": _person("hc_clerk", Position.CIVIL_SERVANT, units["hc"], roles=CLERK),
        "other_head": _person("tc_head", Position.HEAD, units["tc"]),
        "other_staff": _person("tc_staff", Position.SPECIALIST, units["tc"]),
        "sysadmin": _person("cy_admin", Position.SPECIALIST, units["cy"], roles=SYSADMIN),
    }
    Unit.objects.filter(code__in=["th", "hc", "lt"]).update(deputy_chief=people["dc_in_charge"])
    Unit.objects.filter(code__in=["qt", "tc", "cy"]).update(deputy_chief=people["dc_other"])
    units = {unit.code: unit for unit in Unit.objects.all()}
    today = timezone.localdate()
    services.delegation_create(
        actor=people["head"],
        unit=units["th"],
        delegate=people["acting_head"],
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=5),
        reason="Đi công tác",
    )
    return Office(units=units, people=people)


@pytest.fixture
def work(office):
    """One object of each kind, led by TH, with HC coordinating."""
    th, hc = office.units["th"], office.units["hc"]
    task = services.task_create(
        actor=office["head"],
        unit=th,
        owner=office["owner"],
        title="Báo cáo tình hình quý",
        due_working_days=5,
        coordinating_units=[hc],
    )
    secret_task = services.task_create(
        actor=office["head"],
        unit=th,
        owner=office["owner"],
        title="Rà soát tài liệu mật",
        due_working_days=5,
        secrecy=Secrecy.SECRET,
        coordinating_units=[hc],
    )
    escalation = services.escalation_create(
        actor=office["head"],
        unit=th,
        title="Đề nghị kinh phí hội nghị",
        dossier="Vượt thẩm quyền của phòng.",
    )
    consultation = services.consultation_create(
        actor=office["owner"],
        asked_unit=hc,
        subject="Góp ý dự thảo",
        question="Đề nghị cho ý kiến.",
        due_working_days=3,
    )
    return {
        "task": task,
        "secret_task": secret_task,
        "escalation": escalation,
        "consultation": consultation,
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_person(db):
    return _person
