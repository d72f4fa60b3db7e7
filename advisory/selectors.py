"""Reads of the advisory work, already filtered to what the user may see."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from advisory.choices import WorkStatus
from advisory.models import AdvisoryWork, FollowUpArea, FollowUpAssignment
from core.text import fold
from units import permissions


def follow_up_areas(*, on: date | None = None) -> QuerySet[FollowUpArea]:
    """Every active area with the assignments valid that day and their followers: the page
    that shows who follows what (two queries, whatever the number of areas)."""
    day = on or timezone.localdate()
    valid = FollowUpAssignment.objects.valid_on(day).select_related("follower__staff", "area")
    return FollowUpArea.objects.filter(is_active=True).prefetch_related(
        Prefetch("assignments", queryset=valid, to_attr="current_assignments")
    )


def followers_of(topic: str, *, on: date | None = None) -> list:
    """Who follows the area a document or letter concerns: the followers, valid that day, of
    every active area whose name occurs in `topic` (the sender, the summary, a Party body's
    name), compared without diacritics. A suggestion for whoever distributes it, never a rule:
    dispatch may call it at distribution (`followers_of(f"{doc.sender} {doc.summary}")`)."""
    folded = fold(topic or "")
    if not folded.strip():
        return []
    day = on or timezone.localdate()
    matched = [
        area.pk for area in FollowUpArea.objects.filter(is_active=True) if fold(area.name) in folded
    ]
    if not matched:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            staff__is_active=True,
            follow_ups__in=FollowUpAssignment.objects.valid_on(day).filter(area_id__in=matched),
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def follow_suggestions(topic: str, *, on: date | None = None) -> list[FollowUpAssignment]:
    """The assignments, valid that day, of every active area whose name occurs in `topic`,
    compared without diacritics, each with its follower and its area: what the page that
    distributes a document or routes a letter suggests (one query, whatever the number of
    areas). A suggestion only: nothing is chosen from it."""
    folded = fold(topic or "")
    if not folded.strip():
        return []
    day = on or timezone.localdate()
    rows = (
        FollowUpAssignment.objects.valid_on(day)
        .filter(area__is_active=True, follower__is_active=True, follower__staff__is_active=True)
        .select_related("area", "follower")
        .order_by("follower__last_name", "follower__first_name", "follower_id", "area__name")
    )
    return [row for row in rows if fold(row.area.name) in folded]


def works_for(user, *, box: str = "all") -> QuerySet[AdvisoryWork]:
    """Advisory work the user may see; `mine`: his own; `open`: not yet reported."""
    rows = permissions.visible(AdvisoryWork.objects.all(), user).select_related(
        "owner", "lead_unit", "assigned_by"
    )
    if box == "mine":
        rows = rows.filter(owner_id=user.pk)
    elif box == "open":
        rows = rows.exclude(status=WorkStatus.DONE)
    return rows


def overdue_works(today: date | None = None) -> QuerySet[AdvisoryWork]:
    """Every open work past its deadline (the survey's report due, or the due date)."""
    today = today or timezone.localdate()
    rows = AdvisoryWork.objects.exclude(status=WorkStatus.DONE).select_related("owner", "lead_unit")
    return rows.filter(report_due__lt=today) | rows.filter(
        report_due__isnull=True, due_date__lt=today
    )
