"""Who may do what in a unit's working regime. The disclosure board and the regulation in force
are the unit's own: its members read them, its head posts and sees who has not read, office
leadership in charge of the unit looks on. Complaints and regulation drafts are owned work and
go through the door (`units.permissions`)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from regime.choices import ComplaintStatus
from units import permissions
from units.choices import ApprovalStatus


def is_member(user, unit_id: int) -> bool:
    return permissions.viewer_for(user).unit_id == unit_id


def may_read_unit(user, unit_id: int) -> bool:
    """The unit's staff, and the leadership overseeing it (the chief oversees every unit)."""
    viewer = permissions.viewer_for(user)
    return viewer.unit_id == unit_id or viewer.oversees(unit_id)


def may_post(user, unit_id: int) -> bool:
    """The head (or acting head) posts on the board and drafts the regulation."""
    return permissions.viewer_for(user).is_head_of(unit_id)


def may_see_readers(user, unit_id: int) -> bool:
    viewer = permissions.viewer_for(user)
    return viewer.is_head_of(unit_id) or viewer.oversees(unit_id)


def readable_units(user) -> Q | None:
    """The condition on a unit foreign key `unit_id` for what the user may read; None: all."""
    viewer = permissions.viewer_for(user)
    if viewer.user_id is None:
        return Q(pk__in=[])
    if viewer.is_chief:
        return None
    units = set(viewer.overseen_unit_ids)
    if viewer.unit_id is not None:
        units.add(viewer.unit_id)
    return Q(unit_id__in=units)


def readable(queryset: QuerySet, user) -> QuerySet:
    condition = readable_units(user)
    return queryset if condition is None else queryset.filter(condition)


def may_file_complaint(user) -> bool:
    """A member of a unit other than its head writes to his head (a head escalates instead)."""
    viewer = permissions.viewer_for(user)
    return viewer.unit_id is not None and not viewer.is_head_of(viewer.unit_id)


def can_handle(user, complaint) -> bool:
    """The head (or acting head) who sees it resolves or forwards it."""
    return (
        complaint.status != ComplaintStatus.RESOLVED
        and permissions.viewer_for(user).is_head_of(complaint.lead_unit_id)
        and permissions.can_see(user, complaint)
    )


def can_edit_regulation(user, version) -> bool:
    return version.approval_status in (
        ApprovalStatus.DRAFT,
        ApprovalStatus.RETURNED,
    ) and permissions.can_edit(user, version)
