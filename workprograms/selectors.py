"""Reads of programs and reports, already narrowed by the permission door, and the figures
computed from item and task status (never typed in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from units import permissions
from units.choices import ApprovalStatus, Secrecy, TaskStatus
from units.models import Task, Unit
from workprograms.choices import ItemState
from workprograms.models import (
    CalendarEntry,
    Meeting,
    MeetingConclusion,
    ProgramItem,
    Report,
    WorkProgram,
)

OPEN_TASK_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED)


def items_for(user) -> QuerySet[ProgramItem]:
    """Program lines through the door: the ordinary lines of the programs `user` sees, and the
    lines he sees as owned work (his unit's, his own, a secret one handed to him)."""
    return permissions.visible(ProgramItem.objects.all(), user)


def programs_for(user) -> QuerySet[WorkProgram]:
    """The programs `user` sees, each with the number of its lines he sees (a secret line
    hidden from him is not counted): one subquery in the same query."""
    seen_items = (
        items_for(user)
        .filter(program_id=OuterRef("pk"))
        .order_by()
        .values("program_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        permissions.visible(WorkProgram.objects.all(), user)
        .select_related("lead_unit", "owner")
        .annotate(item_count=Coalesce(Subquery(seen_items), 0))
        .order_by(*WorkProgram._meta.ordering, "pk")
    )


def program_items(program: WorkProgram, user) -> QuerySet[ProgramItem]:
    """The program's items `user` may see, with the linked tasks he may see: a secret item, or
    a secret task linked to an item, stays hidden from whoever sees the program but not it."""
    tasks = Task.objects.only("pk", "title", "status", "due_date")
    return (
        items_for(user)
        .filter(program=program)
        .select_related("lead_unit", "owner")
        .prefetch_related(permissions.visible_prefetch("tasks", tasks, user))
    )


def _compared_items(program: WorkProgram, user) -> QuerySet[ProgramItem]:
    return items_for(user).filter(program=program).select_related("lead_unit", "owner")


def versions_of(program: WorkProgram) -> QuerySet[WorkProgram]:
    """Every version of the program's period and unit, oldest first."""
    return WorkProgram.objects.filter(
        lead_unit_id=program.lead_unit_id,
        scope=program.scope,
        period_kind=program.period_kind,
        year=program.year,
        number=program.number,
    ).order_by("version")


def reports_for(user) -> QuerySet[Report]:
    return permissions.visible(Report.objects.all(), user).select_related("lead_unit", "owner")


# Version comparison -------------------------------------------------------------------------

COMPARED_FIELDS = ("title", "expected_output", "due_date", "lead_unit", "owner")


@dataclass
class ItemChange:
    old: ProgramItem
    new: ProgramItem
    fields: list[str]


@dataclass
class VersionDiff:
    added: list[ProgramItem] = field(default_factory=list)
    removed: list[ProgramItem] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_versions(old: WorkProgram | None, new: WorkProgram, user) -> VersionDiff:
    """Items added, removed and changed from `old` to `new`, among those `user` may see (a
    secret line hidden from him is neither listed nor counted). Items are matched through the
    copy chain (`source_item`), so a renamed item shows as changed, not as removed + added."""
    new_items = list(_compared_items(new, user))
    old_items = list(_compared_items(old, user)) if old is not None else []
    by_pk = {item.pk: item for item in old_items}
    matched: set[int] = set()
    diff = VersionDiff()
    for item in new_items:
        source = by_pk.get(item.source_item_id)
        if source is None:
            diff.added.append(item)
            continue
        matched.add(source.pk)
        changed = [
            name
            for name in COMPARED_FIELDS
            if getattr(source, f"{name}_id", getattr(source, name))
            != getattr(item, f"{name}_id", getattr(item, name))
        ]
        if changed:
            diff.changed.append(ItemChange(old=source, new=item, fields=changed))
        else:
            diff.unchanged += 1
    diff.removed = [item for item in old_items if item.pk not in matched]
    return diff


# Implementation table (Điều 7.1, 7.7) -------------------------------------------------------


@dataclass
class UnitImplementation:
    unit: Unit
    total: int
    done: int
    in_progress: int
    overdue: int


def item_state_annotations(today: date) -> dict:
    """An item is done when it has tasks and none is open; overdue when not done past its due
    date; otherwise in progress."""
    tasks = Task.objects.filter(program_items=OuterRef("pk"))
    has_tasks = Exists(tasks)
    has_open = Exists(tasks.filter(status__in=OPEN_TASK_STATUSES))
    done = Q(has_tasks=True, has_open=False)
    return {
        "annotations": {"has_tasks": has_tasks, "has_open": has_open},
        "done": done,
        "overdue": ~done & Q(due_date__lt=today),
        "in_progress": ~done & Q(due_date__gte=today),
    }


def implementation_table(
    start: date, end: date, *, user, today: date | None = None
) -> list[UnitImplementation]:
    """Per unit: items of the programs in force due in [start, end], by state. The office
    report counts every unit's ordinary lines of ordinary programs; a secret line only for
    whoever sees it through the door, so its count does not tell the others it exists. Two
    queries whatever the number of units and items (one aggregation, one for the units)."""
    today = today or timezone.localdate()
    states = item_state_annotations(today)
    secret_seen = items_for(user).exclude(secrecy=Secrecy.NONE).order_by().values("pk")
    rows = (
        ProgramItem.objects.filter(
            Q(secrecy=Secrecy.NONE, program__secrecy=Secrecy.NONE) | Q(pk__in=secret_seen),
            program__approval_status=ApprovalStatus.APPROVED,
            program__is_current=True,
            due_date__range=(start, end),
        )
        .annotate(**states["annotations"])
        .values("lead_unit")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=states["done"]),
            in_progress=Count("pk", filter=states["in_progress"]),
            overdue=Count("pk", filter=states["overdue"]),
        )
        .order_by()
    )
    figures = {row["lead_unit"]: row for row in rows}
    empty = {"total": 0, "done": 0, "in_progress": 0, "overdue": 0}
    return [
        UnitImplementation(unit=unit, **{key: figures.get(unit.pk, empty)[key] for key in empty})
        for unit in Unit.objects.filter(is_active=True)
    ]


def item_state(item: ProgramItem, today: date | None = None) -> str:
    """The state of one item whose tasks are prefetched (detail pages)."""
    today = today or timezone.localdate()
    tasks = list(item.tasks.all())
    if tasks and all(task.status not in OPEN_TASK_STATUSES for task in tasks):
        return ItemState.DONE
    return ItemState.OVERDUE if item.due_date < today else ItemState.IN_PROGRESS


# Meetings and the leadership calendar -------------------------------------------------------


def meetings_for(user) -> QuerySet[Meeting]:
    return (
        permissions.visible(Meeting.objects.all(), user)
        .select_related("lead_unit", "owner")
        .annotate(conclusion_count=Count("conclusions"))
        .order_by(*Meeting._meta.ordering)
    )


def meeting_conclusions(meeting: Meeting) -> QuerySet[MeetingConclusion]:
    return meeting.conclusions.select_related("task__owner", "task__lead_unit")


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


@dataclass
class CalendarDay:
    day: date
    entries: list[CalendarEntry]


def calendar_entries_for(user) -> QuerySet[CalendarEntry]:
    """Everyone signed in sees the ordinary lines; a secret line only the leader concerned, the
    HC member who entered it and the chief (Điều 17)."""
    rows = CalendarEntry.objects.select_related("leader")
    viewer = permissions.viewer_for(user)
    if viewer.user_id is None:
        return rows.none()
    if viewer.is_chief:
        return rows
    return rows.filter(
        Q(secrecy="") | Q(leader_id=viewer.user_id) | Q(created_by_id=viewer.user_id)
    )


def calendar_week(user, monday: date) -> list[CalendarDay]:
    """Monday to Sunday with the lines the user may see, in one query."""
    start = timezone.make_aware(datetime.combine(monday, time.min))
    end = timezone.make_aware(datetime.combine(monday + timedelta(days=7), time.min))
    days = [CalendarDay(day=monday + timedelta(days=offset), entries=[]) for offset in range(7)]
    for entry in calendar_entries_for(user).filter(starts_at__gte=start, starts_at__lt=end):
        days[(timezone.localtime(entry.starts_at).date() - monday).days].entries.append(entry)
    return days
