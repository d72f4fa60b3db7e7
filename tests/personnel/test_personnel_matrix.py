"""The permission matrix of trips, training plans, course attendances, evaluations and emulation
proposals through HTTP, site and admin, run by the kit (tests/kit/permission_matrix.py). None of
them is secret: people matters carry no secrecy level, so only the plain variant exists."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from personnel.choices import TripMeans
from personnel.models import (
    BusinessTrip,
    EmulationProposal,
    EmulationTitle,
    Evaluation,
    TrainingAttendance,
    TrainingPlan,
    TripScope,
)
from personnel.services import emulation, evaluations, training, trips
from tests.kit.permission_matrix import Case, Made, matrix

seed = importlib.import_module("personnel.migrations.0002_catalogue_defaults").seed


def _today():
    seed(apps, None)
    return timezone.localdate()


def make_trip(office, secret):
    today = _today()
    return Made(
        trips.trip_plan(
            actor=office["head"],
            unit=office.units["th"],
            owner=office["owner"],
            scope=TripScope.objects.get(code="ngoai-tinh"),
            destination="Hà Nội",
            purpose="Dự hội nghị.",
            starts_on=today + timedelta(days=2),
            ends_on=today + timedelta(days=3),
            means=TripMeans.PUBLIC,
        )
    )


def _plan(office):
    today = _today()
    return TrainingPlan.objects.filter(lead_unit=office.units["th"]).first() or (
        training.plan_create(
            actor=office["head"],
            unit=office.units["th"],
            year=today.year,
            title="Kế hoạch đào tạo năm",
            content="Bồi dưỡng nghiệp vụ.",
        )
    )


def make_plan(office, secret):
    return Made(_plan(office))


def make_attendance(office, secret):
    today = _today()
    course = training.course_add(
        actor=office["head"],
        plan=_plan(office),
        title="Lớp nghiệp vụ",
        organiser="Trường Chính trị tỉnh",
        starts_on=today,
        ends_on=today,
        participants=[office["owner"]],
    )
    return Made(course.attendances.get())


def make_evaluation(office, secret):
    today = _today()
    opened = evaluations.evaluations_open(
        actor=office["head"], unit=office.units["th"], year=today.year
    )
    return Made(next(e for e in opened if e.owner_id == office["owner"].pk))


def make_proposal(office, secret):
    today = _today()
    return Made(
        emulation.proposal_create(
            actor=office["head"],
            unit=office.units["th"],
            year=today.year,
            title=EmulationTitle.objects.get(name="Tập thể lao động tiên tiến"),
            achievements="Hoàn thành tốt nhiệm vụ.",
        )
    )


PLAIN = ("plain",)

CASES = [
    Case(
        name="trip",
        model=BusinessTrip,
        make=make_trip,
        lead_unit="th",
        owner="owner",
        list_url=reverse("personnel:trips"),
        variants=PLAIN,
    ),
    Case(
        name="training_plan",
        model=TrainingPlan,
        make=make_plan,
        lead_unit="th",
        owner="head",
        list_url=reverse("personnel:training"),
        variants=PLAIN,
    ),
    Case(
        name="attendance",
        model=TrainingAttendance,
        make=make_attendance,
        lead_unit="th",
        owner="owner",
        list_url=None,
        variants=PLAIN,
    ),
    Case(
        name="evaluation",
        model=Evaluation,
        make=make_evaluation,
        lead_unit="th",
        owner="owner",
        list_url=reverse("personnel:evaluations"),
        variants=PLAIN,
    ),
    Case(
        name="proposal",
        model=EmulationProposal,
        make=make_proposal,
        lead_unit="th",
        owner="head",
        list_url=reverse("personnel:proposals"),
        variants=PLAIN,
    ),
]

matrix_data, test_matrix = matrix(CASES)
