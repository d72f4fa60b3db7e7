"""Who may do what in General Affairs' advisory work. Sight of an assignment is the door's
(`units.permissions`): lead unit, person in charge, leadership, explicit grants."""

from __future__ import annotations

from advisory.choices import WorkStatus
from units import permissions
from units.choices import Designation
from units.designations import is_designated


def is_leadership(user) -> bool:
    return permissions.viewer_for(user).is_leadership


def may_manage_follow_ups(user) -> bool:
    """Office leadership assigns what each specialist follows (Điều 6.1)."""
    return is_leadership(user)


def may_assign(user) -> bool:
    """Office leadership assigns research, follow-up, surveys, appraisals and speeches."""
    return is_leadership(user)


def in_general_affairs(user) -> bool:
    return is_designated(permissions.viewer_for(user).unit_id, Designation.GENERAL_AFFAIRS)


def may_record_direct(user) -> bool:
    """A General Affairs member records what the standing board gave him directly (6.3)."""
    return in_general_affairs(user)


def can_plan(user, work) -> bool:
    """The person in charge tells the head the scope and timeline, until he reports."""
    return work.needs_plan and work.owner_id == user.pk and work.status != WorkStatus.DONE


def can_report(user, work) -> bool:
    return work.owner_id == user.pk and work.status != WorkStatus.DONE
