"""Who may do what to the people matters. Sight is the door's (`units.permissions.visible`): the
person concerned (the person in charge), the unit's head and deputies, the deputy chief in charge
and the chief; nobody else in the unit sees a colleague's trip report or evaluation."""

from __future__ import annotations

from units import permissions
from units.choices import ApprovalStatus, Position
from units.ownership import head_of


def heads(user, unit_id: int) -> bool:
    return permissions.viewer_for(user).is_head_of(unit_id)


def can_plan_trip(user, unit_id: int) -> bool:
    """The head (or acting head) plans the unit's trips (Điều 18)."""
    return heads(user, unit_id)


def can_report_trip(user, trip) -> bool:
    return (
        trip.owner_id == user.pk
        and trip.approval_status == ApprovalStatus.APPROVED
        and trip.reported_at is None
    )


def can_manage_training(user, plan) -> bool:
    return heads(user, plan.lead_unit_id) and permissions.can_see(user, plan)


def can_report_training(user, attendance) -> bool:
    return attendance.owner_id == user.pk and attendance.reported_at is None


def _evaluates_a_head(evaluation) -> bool:
    return evaluation.owner.staff.position == Position.HEAD


def proposer(evaluation):
    """Whom the self-assessment goes to: the unit's head (acting head) today; for the head's
    own evaluation, the deputy chief in charge of the unit."""
    if _evaluates_a_head(evaluation):
        return evaluation.lead_unit.deputy_chief
    head = head_of(evaluation.lead_unit)
    return head if head is not None and head.pk != evaluation.owner_id else None


def may_propose(user, evaluation) -> bool:
    """The head (or acting head) proposes for the unit's members, never for himself; the
    deputy chief in charge proposes for the head."""
    if user.pk is None or user.pk == evaluation.owner_id:
        return False
    if _evaluates_a_head(evaluation):
        return user.pk == evaluation.lead_unit.deputy_chief_id
    return heads(user, evaluation.lead_unit_id)


def can_self_assess(user, evaluation) -> bool:
    return evaluation.owner_id == user.pk and evaluation.approval_status in (
        ApprovalStatus.DRAFT,
        ApprovalStatus.RETURNED,
    )


def can_propose(user, evaluation) -> bool:
    return may_propose(user, evaluation) and evaluation.approval_status in (
        ApprovalStatus.DRAFT,
        ApprovalStatus.RETURNED,
    )


def can_record_party_review(user, evaluation) -> bool:
    """The head, or the leadership overseeing the unit, enters the Party cell's review."""
    viewer = permissions.viewer_for(user)
    return (
        viewer.is_head_of(evaluation.lead_unit_id) or viewer.oversees(evaluation.lead_unit_id)
    ) and permissions.can_see(user, evaluation)


def can_open_evaluations(user, unit_id: int) -> bool:
    return heads(user, unit_id)


def can_propose_reward(user, unit_id: int) -> bool:
    return heads(user, unit_id)
