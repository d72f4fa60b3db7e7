"""Reads of Cipher–IT's work, already filtered to what the user may see."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cipher import permissions as cipher_permissions
from cipher.models import (
    CipherMessage,
    EntryRequest,
    Equipment,
    NetworkInspection,
    RoomLogEntry,
    SupportTicket,
)
from units import permissions
from units.choices import PrivilegedChangeStatus
from units.models import PrivilegedChange, RoleAssignment, RoleRecertification
from units.rights import period_start, recertified_by


def entry_requests_for(user) -> QuerySet[EntryRequest]:
    rows = EntryRequest.objects.select_related("requested_by", "owner").prefetch_related(
        Prefetch("log", queryset=RoomLogEntry.objects.select_related("recorded_by"))
    )
    return permissions.visible(rows, user)


def require_books(user) -> None:
    """The register and the equipment are Cipher–IT's books: anyone else gets 404."""
    if not cipher_permissions.may_see_cipher_books(user):
        raise Http404


def messages_for(user, *, direction: str = "", q: str = "") -> QuerySet[CipherMessage]:
    require_books(user)
    rows = CipherMessage.objects.select_related("handler")
    if direction:
        rows = rows.filter(direction=direction)
    if q:
        rows = rows.filter(Q(counterpart__ucontains=q) | Q(document_number__ucontains=q))
    return rows


def equipment_for(user, *, kind: str = "") -> QuerySet[Equipment]:
    require_books(user)
    rows = Equipment.objects.select_related("unit")
    return rows.filter(kind=kind) if kind else rows


def inspections_for(user) -> QuerySet[NetworkInspection]:
    return permissions.visible(NetworkInspection.objects.select_related("owner"), user)


def tickets_for(user, *, box: str = "all") -> QuerySet[SupportTicket]:
    rows = permissions.visible(
        SupportTicket.objects.select_related("requested_by", "owner", "priority"), user
    )
    if box == "mine":
        rows = rows.filter(Q(requested_by=user) | Q(owner=user))
    return rows


# Rights ---------------------------------------------------------------------------------------


def rights_held(*, current: bool = True, q: str = "") -> QuerySet[RoleAssignment]:
    """Who holds what right, granted by whom, until when (CY's page)."""
    rows = (
        RoleAssignment.objects.select_related(
            "user__staff__unit", "role", "granted_by", "granted_through__requested_by", "unit"
        )
        .prefetch_related("item")
        .order_by("user__last_name", "user__first_name", "role__name", "-starts_on", "pk")
    )
    if current:
        rows = rows.valid_on(timezone.localdate())
    if q:
        rows = rows.filter(
            Q(user__last_name__ucontains=q)
            | Q(user__first_name__ucontains=q)
            | Q(user__username__ucontains=q)
            | Q(role__name__ucontains=q)
        )
    return rows


def unit_rights_for(user) -> QuerySet[RoleAssignment]:
    """The rights in force of the people whose rights this user recertifies, with this
    period's recertification (one query each, however many rows)."""
    viewer = permissions.viewer_for(user)
    today = timezone.localdate()
    start = period_start(today)
    from django.contrib.auth import get_user_model

    holders = get_user_model().objects.filter(recertified_by(viewer)).values("pk")
    return (
        RoleAssignment.objects.valid_on(today)
        .filter(user_id__in=holders)
        .select_related("user__staff__unit", "role", "granted_by", "unit")
        .prefetch_related(
            "item",
            Prefetch(
                "recertifications",
                queryset=RoleRecertification.objects.filter(period_start=start).select_related(
                    "decided_by"
                ),
                to_attr="this_period",
            ),
        )
        .order_by("user__last_name", "role__name", "pk")
    )


def rights_requests_awaiting(user) -> list[PrivilegedChange]:
    """Rights requests that wait for this user's approval."""
    rows = PrivilegedChange.objects.filter(status=PrivilegedChangeStatus.PENDING).select_related(
        "target__staff__unit", "requested_by", "head_approved_by"
    )
    return [row for row in rows if permissions.can_decide_privileged_change(user, row)]


def rights_requests_mine(user) -> QuerySet[PrivilegedChange]:
    return PrivilegedChange.objects.filter(requested_by=user).select_related(
        "target", "head_approved_by", "decided_by"
    )[:50]
