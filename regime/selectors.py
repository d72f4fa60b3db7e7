"""Reads of the working regime, already filtered to what the user may see."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from regime import permissions as rules
from regime.models import (
    Complaint,
    DisclosureItem,
    DisclosureReading,
    RegulationAcknowledgment,
    RegulationVersion,
)
from units import permissions
from units.choices import ApprovalStatus
from units.models import Unit


def _count(queryset: QuerySet, field: str) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def board(user, unit: Unit | None = None) -> QuerySet[DisclosureItem]:
    """The disclosure items the user may read (his unit's; leadership: the units they oversee),
    each marked whether he read it and how many have: one query."""
    rows = rules.readable(DisclosureItem.objects.all(), user)
    if unit is not None:
        rows = rows.filter(unit=unit)
    return rows.select_related("unit", "category", "posted_by").annotate(
        read_by_me=Exists(DisclosureReading.objects.filter(item=OuterRef("pk"), reader=user.pk)),
        reader_count=_count(DisclosureReading.objects.all(), "item"),
    )


def not_read(item: DisclosureItem) -> QuerySet:
    """Members of the item's unit who have not read it (the head's view)."""
    return (
        permissions.members_of(item.unit_id)
        .exclude(pk__in=DisclosureReading.objects.filter(item=item).values("reader_id"))
        .select_related("staff")
        .order_by("first_name", "last_name")
    )


def complaints_for(user) -> QuerySet[Complaint]:
    return permissions.visible(Complaint.objects.all(), user).select_related(
        "lead_unit", "complainant", "owner"
    )


def overdue_complaints(today: date | None = None) -> QuerySet[Complaint]:
    today = today or timezone.localdate()
    return Complaint.objects.filter(status="received", deadline__lt=today).select_related(
        "lead_unit", "owner"
    )


# Unit regulations ---------------------------------------------------------------------------


def approved_versions(unit: Unit) -> QuerySet[RegulationVersion]:
    """Every approved version of the unit's regulation, newest first (kept for ever)."""
    return RegulationVersion.objects.filter(
        lead_unit=unit, approval_status=ApprovalStatus.APPROVED
    ).order_by("-effective_from", "-number")


def latest_approved(unit: Unit) -> RegulationVersion | None:
    """The last approved version, in force or still to come: a new version starts after it."""
    return approved_versions(unit).first()


def in_force(unit: Unit, on: date | None = None) -> RegulationVersion | None:
    day = on or timezone.localdate()
    return (
        approved_versions(unit)
        .filter(effective_from__lte=day)
        .select_related("previous", "lead_unit")
        .first()
    )


def regulation_drafts_for(user) -> QuerySet[RegulationVersion]:
    return permissions.visible(RegulationVersion.objects.all(), user).select_related(
        "lead_unit", "owner"
    )


def not_acknowledged(version: RegulationVersion) -> QuerySet:
    return (
        permissions.members_of(version.lead_unit_id)
        .exclude(pk__in=RegulationAcknowledgment.objects.filter(version=version).values("user_id"))
        .select_related("staff")
        .order_by("first_name", "last_name")
    )


def has_acknowledged(user, version: RegulationVersion) -> bool:
    return RegulationAcknowledgment.objects.filter(version=version, user=user.pk).exists()


@dataclass(frozen=True)
class DiffLine:
    """One line of the difference between two versions: `kind` is "added", "removed", "same"
    or "gap" (unchanged lines left out)."""

    kind: str
    text: str


def text_diff(old: str, new: str, *, context: int = 2) -> list[DiffLine]:
    """A readable line difference (difflib's unified diff without its headers): what an
    amendment removed and added, with a few unchanged lines around each change."""
    lines = []
    for raw in difflib.unified_diff(
        (old or "").splitlines(), (new or "").splitlines(), lineterm="", n=context
    ):
        if raw.startswith(("---", "+++")):
            continue
        if raw.startswith("@@"):
            # "@@ -start,count +start,count @@": unchanged lines were left out before this
            # hunk unless it starts the text.
            old_start = int(raw.split()[1].lstrip("-").split(",")[0])
            if lines or old_start > 1:
                lines.append(DiffLine("gap", "…"))
        elif raw.startswith("+"):
            lines.append(DiffLine("added", raw[1:]))
        elif raw.startswith("-"):
            lines.append(DiffLine("removed", raw[1:]))
        else:
            lines.append(DiffLine("same", raw[1:]))
    return lines


def version_diff(version: RegulationVersion) -> list[DiffLine]:
    """The difference from the version it amends (the first version: every line added)."""
    previous = version.previous.text if version.previous_id else ""
    return text_diff(previous, version.text)
