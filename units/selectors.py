"""Reads of the organisation and the unit's work, already narrowed to what the user may see."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, When
from django.utils import timezone

from units import permissions
from units.choices import ConsultationStatus, Position, RoleCode, TaskStatus
from units.models import (
    CollectiveDiscussion,
    Consultation,
    Delegation,
    Escalation,
    PrivilegedChange,
    RoleAssignment,
    StaffMember,
    Task,
    Unit,
)

OPEN_TASK_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED)


def position_rank() -> Case:
    """Positions in the order of rank (head, deputies, specialists…), not of their codes."""
    return Case(
        *(When(position=value, then=rank) for rank, value in enumerate(Position.values)),
        default=len(Position.values),
        output_field=IntegerField(),
    )


def units_with_people() -> QuerySet[Unit]:
    return (
        Unit.objects.filter(is_active=True)
        .select_related("deputy_chief")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=StaffMember.objects.filter(is_active=True)
                .select_related("user")
                .annotate(
                    is_records_clerk=Exists(
                        RoleAssignment.objects.valid_on(timezone.localdate()).filter(
                            user_id=OuterRef("user_id"), role__code=RoleCode.RECORDS_CLERK
                        )
                    )
                )
                .order_by(position_rank(), "user__last_name"),
            )
        )
    )


def chiefs() -> QuerySet:
    """The chief's accounts: the users of the active staff rows in the chief's position (one
    today, a constraint keeps it so). The one place the chief is looked up."""
    return get_user_model().objects.filter(staff__position=Position.CHIEF, staff__is_active=True)


def office_leadership() -> QuerySet[StaffMember]:
    return (
        StaffMember.objects.filter(
            is_active=True, position__in=[Position.CHIEF, Position.DEPUTY_CHIEF]
        )
        .select_related("user")
        .prefetch_related("user__units_in_charge")
        .order_by("position")
    )


def delegations(*, active_only: bool = False) -> QuerySet[Delegation]:
    rows = Delegation.objects.select_related("unit", "delegator", "delegate")
    if active_only:
        today = timezone.localdate()
        rows = rows.filter(cancelled_at__isnull=True, starts_on__lte=today, ends_on__gte=today)
    return rows


def headed_units(user) -> QuerySet[Unit]:
    """The units the user heads today (as head or acting head): where he assigns work,
    escalates and drafts the unit's programs."""
    return Unit.objects.filter(pk__in=permissions.viewer_for(user).head_unit_ids).order_by("order")


def tasks_for(user, *, scope: str = "mine") -> QuerySet[Task]:
    """`mine`: the user's own tasks; `unit`: tasks of the units the user manages or oversees;
    anything else: every task the user may see."""
    viewer = permissions.viewer_for(user)
    rows = permissions.visible(Task.objects.all(), user).select_related(
        "lead_unit", "owner", "assigned_by"
    )
    if scope == "mine":
        rows = rows.filter(owner_id=viewer.user_id)
    elif scope == "unit":
        units = viewer.managed_unit_ids | viewer.overseen_unit_ids
        if viewer.unit_id:
            units = units | {viewer.unit_id}
        rows = rows if viewer.is_chief else rows.filter(lead_unit_id__in=units)
    return rows


def overdue(rows: QuerySet[Task]) -> QuerySet[Task]:
    return rows.filter(status__in=OPEN_TASK_STATUSES, due_date__lt=timezone.localdate())


def escalations_for(user) -> QuerySet[Escalation]:
    return permissions.visible(Escalation.objects.all(), user).select_related("lead_unit", "owner")


def consultations_for(user, *, box: str = "all") -> QuerySet[Consultation]:
    """`sent`: asked by the user's unit; `received`: asked of units the user heads or answers
    for; `overdue`: unanswered past the deadline; else all the user may see."""
    viewer = permissions.viewer_for(user)
    rows = permissions.visible(Consultation.objects.all(), user).select_related(
        "lead_unit", "asked_unit", "owner", "answerer"
    )
    if box == "sent":
        rows = rows.filter(lead_unit_id=viewer.unit_id)
    elif box == "received":
        rows = rows.filter(
            Q(asked_unit_id__in=viewer.head_unit_ids) | Q(answerer_id=viewer.user_id)
        )
    elif box == "overdue":
        rows = rows.filter(status=ConsultationStatus.OPEN, deadline__lt=timezone.localdate())
    return rows


def history_of(obj) -> QuerySet:
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")


def discussions_of(obj) -> list[CollectiveDiscussion]:
    """The collective discussions recorded for an object the caller has already fetched through
    the door."""
    return list(
        CollectiveDiscussion.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).prefetch_related("participants")
    )


def privileged_changes_for(user) -> QuerySet[PrivilegedChange]:
    """Account administrators and the chief see every rights request; a deputy chief those
    about the chief's account, Cipher–IT's head those about accounts that are not leadership's;
    anyone those he asked for or that concern him."""
    rows = PrivilegedChange.objects.select_related("target", "requested_by", "decided_by")
    if not user.is_authenticated:
        return rows.none()
    viewer = permissions.viewer_for(user)
    if user.is_superuser or viewer.is_system_admin or viewer.is_chief:
        return rows
    mine = Q(requested_by=user) | Q(target=user)
    leadership = StaffMember.objects.filter(
        is_active=True, position__in=[Position.CHIEF, Position.DEPUTY_CHIEF]
    )
    if viewer.is_deputy_chief:
        mine |= Q(target__in=chiefs())
    elif viewer.position == Position.HEAD and permissions.may_see_privileged_changes(user):
        mine |= ~Q(target__in=leadership.values("user_id"))
    return rows.filter(mine)
