"""Reads of QT's work, already filtered to what the user may see (the door)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from facilities.choices import BookingKind, ResourceKind
from facilities.models import (
    Asset,
    Booking,
    InventoryCampaign,
    Resource,
    ServiceRequest,
    VisitingDelegation,
)
from units import permissions


def requests_for(user) -> QuerySet:
    return permissions.visible(
        ServiceRequest.objects.select_related("kind", "owner", "lead_unit"), user
    ).order_by("-starts_at", "-pk")


def assets_for(user) -> QuerySet:
    return permissions.visible(
        Asset.objects.select_related("category", "funding", "custodian"), user
    )


def visits_for(user) -> QuerySet:
    return permissions.visible(VisitingDelegation.objects.select_related("owner"), user)


def inventories_for(user) -> QuerySet:
    return permissions.visible(InventoryCampaign.objects.select_related("owner"), user)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def bookings_between(start: date, end: date, *, resources=None) -> QuerySet:
    """Live bookings overlapping [start, end) days. A booking names its resource, its driver and
    its request's kind and purpose: the calendar is the office's, shown to every member of
    staff as the leadership calendar is (who asked is not shown)."""
    rows = Booking.objects.filter(
        cancelled_at__isnull=True,
        starts_at__lt=_local_midnight(end),
        ends_at__gt=_local_midnight(start),
    ).select_related("resource", "server", "request__kind")
    if resources is not None:
        rows = rows.filter(resource__in=resources)
    return rows.order_by("starts_at", "pk")


@dataclass
class Row:
    resource: Resource
    days: list


def _slot(row: dict, zone) -> dict:
    """One booking of the calendar as plain values: no model instance per booking."""
    starts, ends = row["starts_at"].astimezone(zone), row["ends_at"].astimezone(zone)
    server = " ".join(filter(None, (row["server__first_name"], row["server__last_name"])))
    return {
        "first": starts.date(),
        "last": (ends - timedelta(microseconds=1)).date(),
        "start": starts.strftime("%H:%M"),
        "end": ends.strftime("%H:%M"),
        "request_id": row["request_id"],
        "label": row["request__kind__name"] or BookingKind(row["kind"]).label,
        "purpose": row["request__purpose"] or row["note"],
        "server": server,
    }


def week_grid(monday: date, *, kind: str | None = None, resource: Resource | None = None):
    """One row per resource, one cell per day of the week, each cell the day's bookings as
    plain values (`_slot`): two queries whatever the number of resources and bookings."""
    resources = Resource.objects.filter(is_active=True)
    if kind:
        resources = resources.filter(kind=kind)
    if resource is not None:
        resources = resources.filter(pk=resource.pk)
    resources = list(resources.order_by("kind", "name"))
    days = [monday + timedelta(days=i) for i in range(7)]
    cells = {(r.pk, day): [] for r in resources for day in days}
    zone = timezone.get_current_timezone()
    rows = bookings_between(monday, monday + timedelta(days=7), resources=resources).values(
        "resource_id",
        "starts_at",
        "ends_at",
        "kind",
        "note",
        "request_id",
        "request__kind__name",
        "request__purpose",
        "server__first_name",
        "server__last_name",
    )
    for row in rows:
        slot = _slot(row, zone)
        for day in days:
            if slot["first"] <= day <= slot["last"]:
                cells[(row["resource_id"], day)].append(slot)
    return days, [Row(r, [cells[(r.pk, day)] for day in days]) for r in resources]


def day_of(resource: Resource, day: date) -> list[Booking]:
    return list(bookings_between(day, day + timedelta(days=1), resources=[resource]))


def trips_of(vehicle: Resource, limit: int = 100) -> list[Booking]:
    """The vehicle's log, newest first: who, where, purpose, kilometres."""
    return list(
        Booking.objects.filter(
            resource=vehicle, cancelled_at__isnull=True, checked_out_at__isnull=False
        )
        .select_related("server", "request__owner", "request__kind")
        .order_by("-starts_at", "-pk")[:limit]
    )


def bookings_of(request: ServiceRequest) -> list[Booking]:
    return list(request.bookings.select_related("resource", "server").order_by("starts_at", "pk"))


def visit_requests(visit: VisitingDelegation, user) -> list[ServiceRequest]:
    return list(
        permissions.visible(
            visit.requests.select_related("kind").prefetch_related(
                Prefetch("bookings", queryset=Booking.objects.select_related("resource"))
            ),
            user,
        ).order_by("starts_at", "pk")
    )


def vehicles() -> QuerySet:
    return Resource.objects.filter(kind=ResourceKind.VEHICLE, is_active=True)
