"""Reads of the fire-safety and guarding pages. The register and the roster are QT's books
(its members read them); drills and inspections are QT's work, through the door."""

from __future__ import annotations

from django.db.models import QuerySet

from facilities import permissions as rules
from facilities.models_fire import FireDrill, FireEquipment, FireInspection, GuardShift
from units import permissions


def equipment_for(user) -> QuerySet:
    rows = FireEquipment.objects.filter(is_active=True).order_by("next_due_on", "pk")
    return rows if rules.is_qt_member(user) else rows.none()


def shifts_for(user) -> QuerySet:
    rows = GuardShift.objects.select_related("guard").order_by("-starts_at", "-pk")
    return rows if rules.is_qt_member(user) else rows.none()


def drills_for(user) -> QuerySet:
    return permissions.visible(FireDrill.objects.select_related("owner"), user).order_by(
        "-held_at", "-pk"
    )


def inspections_for(user) -> QuerySet:
    return permissions.visible(FireInspection.objects.select_related("owner"), user).order_by(
        "-inspected_on", "-pk"
    )
