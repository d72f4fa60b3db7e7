"""The office of tests/units (built through the real services), the personnel catalogues as
migration 0002 seeds them, a clock the services read, and helpers that walk an evaluation
through its steps with the real services."""

import importlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from personnel.models import TripScope
from personnel.services import evaluations
from tests.units import conftest as units_conftest
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind, Position

PASSWORD = units_conftest.PASSWORD
#: the office of the permission rules' fifteen roles (tests/units/conftest.py)
office = units_conftest.office

seed_catalogues = importlib.import_module("personnel.migrations.0002_catalogue_defaults").seed


@pytest.fixture(autouse=True)
def catalogues(db):
    """A transactional test before this one may have flushed the seeded rows."""
    from django.apps import apps

    seed_catalogues(apps, None)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def clock(monkeypatch):
    """Set the services' today: `clock.set(date)` (09:00 in the office's time zone)."""

    class Clock:
        def set(self, day: date) -> None:
            moment = timezone.make_aware(datetime.combine(day, time(9)))
            monkeypatch.setattr(timezone, "now", lambda: moment)

    return Clock()


@pytest.fixture
def scopes(catalogues):
    return {scope.code: scope for scope in TripScope.objects.all()}


def member(office, username: str, position=Position.SPECIALIST):
    """One more member of TH, through the real service."""
    return unit_services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position,
        unit=office.units["th"],
        password=PASSWORD,
    ).user


def points_of(evaluation, each: Decimal) -> dict:
    return {score.criterion_id: each for score in evaluation.scores.all()}


def walk_to_submitted(office, evaluation, *, general_each, task_points, proposer=None):
    """Self-assessment, the head's proposal (task points entered: the year holds no work),
    the unit's discussion, the submission."""
    evaluations.evaluation_self_assess(
        actor=evaluation.owner,
        evaluation=evaluation,
        points=points_of(evaluation, Decimal(general_each)),
        note="Tự nhận xét.",
    )
    evaluations.evaluation_propose(
        actor=proposer or office["head"],
        evaluation=evaluation,
        points=points_of(evaluation, Decimal(general_each)),
        note="Trưởng phòng nhận xét.",
        task_points=Decimal(task_points),
    )
    discuss(office, evaluation)
    evaluations.evaluation_submit(actor=office["head"], evaluation=evaluation)
    return evaluation


def discuss(office, obj):
    unit_services.discussion_record(
        actor=office["head"],
        obj=obj,
        held_on=timezone.localdate(),
        participants=[office["head"], office["deputy"]],
        opinions="Nhất trí.",
        conclusion="Thống nhất đề xuất.",
    )


def approve(actor, obj, **details):
    return approvals.approval_decide(actor=actor, obj=obj, kind=DecisionKind.APPROVE, **details)


def leader_for(office, evaluation):
    """The chief decides a head's evaluation, the deputy chief in charge the others."""
    if evaluation.owner.staff.position == Position.HEAD:
        return office["chief"]
    return office["dc_in_charge"]


@pytest.fixture
def opened(office):
    """This year's evaluations of TH, opened by the head."""
    year = timezone.localdate().year
    rows = evaluations.evaluations_open(actor=office["head"], unit=office.units["th"], year=year)
    return {row.owner.username: row for row in rows}


def future(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
