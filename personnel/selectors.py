"""Reads of the people matters, already through the permission door; and the items the yearly
evaluation counts, read from what the product holds (units' tasks and consultations, this app's
trip and training reports) without importing the apps that create them."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from core.text import clip
from personnel.choices import CourseResult, Grade, ItemKind, TripMeans
from personnel.models import (
    BusinessTrip,
    EmulationProposal,
    Evaluation,
    EvaluationRuleSet,
    TrainingAttendance,
    TrainingPlan,
)
from personnel.scoring import Item
from units import permissions
from units.choices import ApprovalStatus, ConsultationStatus, Secrecy, TaskStatus
from units.models import Consultation, Task


def trips_for(user) -> QuerySet:
    return permissions.visible(
        BusinessTrip.objects.select_related("lead_unit", "owner", "scope"), user
    )


#: the Management unit's request kind for a car with its driver (facilities' catalogue code)
VEHICLE_REQUEST_KIND = "xe"
#: what a link can carry of the purpose (the request form's GET prefill reads this much)
VEHICLE_PURPOSE_LENGTH = 200


def vehicle_request_url(trip: BusinessTrip, today: date | None = None) -> str | None:
    """An approved trip by the office's car, not yet over, links to the Management unit's
    request form filled in with its dates, destination and purpose (Điều 18: the vehicle is
    booked through QT's requests). The form is named, never imported: personnel does not depend
    on facilities, and the requester still checks and sends the form."""
    today = today or timezone.localdate()
    if (
        trip.means != TripMeans.OFFICE_CAR
        or trip.approval_status != ApprovalStatus.APPROVED
        or trip.ends_on < today
    ):
        return None
    query = {
        "loai": VEHICLE_REQUEST_KIND,
        "tu": trip.starts_on.isoformat(),
        "den": trip.ends_on.isoformat(),
        "noi-den": trip.destination,
        "muc-dich": clip(trip.purpose, VEHICLE_PURPOSE_LENGTH),
    }
    return f"{reverse('facilities:request-create')}?{urlencode(query)}"


def plans_for(user) -> QuerySet:
    return permissions.visible(TrainingPlan.objects.select_related("lead_unit", "owner"), user)


def attendances_for(user) -> QuerySet:
    return permissions.visible(
        TrainingAttendance.objects.select_related("lead_unit", "owner", "course"), user
    ).order_by("-report_due", "-pk")


def evaluations_for(user, year: int | None = None) -> QuerySet:
    rows = permissions.visible(
        Evaluation.objects.select_related("lead_unit", "owner", "ruleset"), user
    )
    return rows.filter(year=year) if year else rows


def proposals_for(user) -> QuerySet:
    return permissions.visible(
        EmulationProposal.objects.select_related(
            "lead_unit", "owner", "title", "nominee", "nominee_unit"
        ),
        user,
    )


def reward_register(year: int | None = None) -> QuerySet:
    """The register of titles and rewards the council decided. Rewards are disclosed to every
    staff member (Điều 16), so the register lists every decided, non-secret proposal; the
    proposals themselves (achievements, discussion) stay behind the door."""
    rows = EmulationProposal.objects.filter(
        approval_status=ApprovalStatus.APPROVED, secrecy=Secrecy.NONE
    ).select_related("title", "nominee", "nominee_unit", "lead_unit")
    rows = rows.order_by("-year", "-decision_date", "-pk")
    return rows.filter(year=year) if year else rows


def ruleset_for(year: int) -> EvaluationRuleSet | None:
    """The rule set in force during the year (the latest that began before its end)."""
    return (
        EvaluationRuleSet.objects.filter(effective_from__lte=date(year, 12, 31))
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=date(year, 1, 1)))
        .order_by("-effective_from")
        .first()
    )


def _local_day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def _returns_by_task(task_ids: list[int]) -> dict[int, int]:
    """How many times each task's result was sent back (quality failures), from its history."""
    counts: dict[int, int] = {}
    previous: dict[int, str] = {}
    rows = (
        Task.history.filter(id__in=task_ids)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "status")
    )
    for task_id, status in rows:
        if status == TaskStatus.RETURNED and previous.get(task_id) != TaskStatus.RETURNED:
            counts[task_id] = counts.get(task_id, 0) + 1
        previous[task_id] = status
    return counts


def task_items(person, year: int) -> list[Item]:
    """Everything the person answered for in the year, with its deadline and completion: tasks
    assigned to him, consultations he had to answer, his trip and training reports."""
    items: list[Item] = []
    tasks = list(
        Task.objects.filter(owner=person, due_date__year=year).values(
            "pk", "title", "due_date", "status", "completed_at"
        )
    )
    returns = _returns_by_task([task["pk"] for task in tasks])
    for task in tasks:
        done = task["status"] == TaskStatus.DONE
        items.append(
            Item(
                kind=ItemKind.TASK,
                label=task["title"],
                due=task["due_date"],
                done_on=_local_day(task["completed_at"]) if done else None,
                quality_failures=returns.get(task["pk"], 0),
                url=reverse("units:task", args=[task["pk"]]),
            )
        )
    consultations = Consultation.objects.filter(
        Q(answerer=person) | Q(answerer__isnull=True, answered_by=person), deadline__year=year
    ).values("pk", "subject", "deadline", "status", "answered_at")
    for row in consultations:
        answered = row["status"] == ConsultationStatus.ANSWERED
        items.append(
            Item(
                kind=ItemKind.CONSULTATION,
                label=row["subject"],
                due=row["deadline"],
                done_on=_local_day(row["answered_at"]) if answered else None,
                url=reverse("units:consultation", args=[row["pk"]]),
            )
        )
    trips = BusinessTrip.objects.filter(
        owner=person, approval_status=ApprovalStatus.APPROVED, report_due__year=year
    )
    for trip in trips:
        items.append(
            Item(
                kind=ItemKind.TRIP,
                label=str(trip),
                due=trip.report_due,
                done_on=_local_day(trip.reported_at),
                url=trip.get_absolute_url(),
            )
        )
    attendances = TrainingAttendance.objects.filter(
        owner=person, report_due__year=year
    ).select_related("course")
    for attendance in attendances:
        items.append(
            Item(
                kind=ItemKind.TRAINING,
                label=attendance.course.title,
                due=attendance.report_due,
                done_on=_local_day(attendance.reported_at),
                quality_failures=1 if attendance.result == CourseResult.NOT_COMPLETED else 0,
                url=attendance.get_absolute_url(),
            )
        )
    return items


def unit_grades(unit_id: int, year: int, *, exclude_pk: int | None = None) -> dict[str, int]:
    """How many of the unit's evaluations of the year stand at each grade: the decided grade,
    else the head's proposal."""
    counts = {grade: 0 for grade in Grade.values}
    rows = Evaluation.objects.filter(lead_unit_id=unit_id, year=year)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    for final, proposed in rows.values_list("final_grade", "proposed_grade"):
        grade = final or proposed
        if grade:
            counts[grade] += 1
    return counts


def decided_excellent(unit_id: int, year: int, *, exclude_pk: int) -> int:
    return (
        Evaluation.objects.filter(lead_unit_id=unit_id, year=year, final_grade=Grade.EXCELLENT)
        .exclude(pk=exclude_pk)
        .count()
    )
