"""The unit's work on the home page: my open tasks, consultations I must answer, the work of
other apps I am in charge of, and for leadership what awaits their decision."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from units import approvals, permissions, selectors

PANEL_ROWS = 8


@dataclass(frozen=True)
class MyWork:
    """A kind of `OwnedWork` listed under "Việc của tôi" for the person in charge of it: the
    open rows (`open_rows`), how each is named (`title`) and its deadline (`due`, or None)."""

    model: type[Model]
    label: str | Promise
    open_rows: Q
    title: Callable[[Model], str]
    due: Callable[[Model], date | None] = lambda obj: None
    select_related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("-pk",)
    #: list the open rows awaiting the user's decision (`approvals.awaiting_decision`) instead
    #: of those he is in charge of: approvers who are not leadership (a designated unit's
    #: head, who decides on the object's own page) see what waits for them
    awaiting: bool = False
    #: the rows waiting for this user when he is not their person in charge (a council
    #: member's opinion): fn(user) -> QuerySet of the model, still passed through the door
    waiting_for: Callable[[Model], QuerySet] | None = None


@dataclass(frozen=True)
class MyWorkRow:
    title: str
    url: str
    due: date | None
    is_overdue: bool
    status: str


MY_WORK: list[MyWork] = []


def register_my_work(kind: MyWork) -> MyWork:
    """Called from an app's `AppConfig.ready()`: its work joins the home page's "Việc của
    tôi" (one query per kind, whatever the number of rows, through the permission door)."""
    MY_WORK.append(kind)
    return kind


def _status(obj: Model) -> str:
    for field in ("status", "stage"):
        display = getattr(obj, f"get_{field}_display", None)
        if display is not None:
            return display()
    return ""


def my_work_rows(user, kind: MyWork, *, today: date) -> list[MyWorkRow]:
    if kind.awaiting:
        rows = approvals.awaiting_decision(kind.model.objects.filter(kind.open_rows), user)
    else:
        mine = (
            kind.waiting_for(user).filter(kind.open_rows)
            if kind.waiting_for is not None
            else kind.model.objects.filter(kind.open_rows, owner_id=user.pk)
        )
        rows = permissions.visible(mine, user)
    rows = rows.select_related(*kind.select_related)
    rows = rows.order_by(*kind.order_by)[:PANEL_ROWS]
    result = []
    for obj in rows:
        due = kind.due(obj)
        result.append(
            MyWorkRow(
                title=kind.title(obj),
                url=obj.get_absolute_url(),
                due=due,
                is_overdue=due is not None and due < today,
                status=_status(obj),
            )
        )
    return result


def my_work(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    viewer = permissions.viewer_for(request.user)
    tasks = list(
        selectors.tasks_for(request.user, scope="mine").filter(
            status__in=selectors.OPEN_TASK_STATUSES
        )[:PANEL_ROWS]
    )
    to_answer = list(
        selectors.consultations_for(request.user, box="received").filter(status="open")[:PANEL_ROWS]
    )
    today = timezone.localdate()
    others = [
        {"label": kind.label, "rows": rows}
        for kind in MY_WORK
        if (rows := my_work_rows(request.user, kind, today=today))
    ]
    awaiting = approvals.awaiting_count(request.user) if viewer.is_leadership else 0
    return {
        "title": _("Việc của tôi"),
        "template": "units/_panel_my_work.html",
        "tasks": tasks,
        "to_answer": to_answer,
        "others": others,
        "awaiting": awaiting,
    }
