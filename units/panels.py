"""The unit's work on the home page: my open tasks, consultations I must answer, and for
leadership what awaits their decision."""

from django.utils.translation import gettext as _

from units import approvals, permissions, selectors

PANEL_ROWS = 8


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
    awaiting = approvals.awaiting_count(request.user) if viewer.is_leadership else 0
    return {
        "title": _("Việc của tôi"),
        "template": "units/_panel_my_work.html",
        "tasks": tasks,
        "to_answer": to_answer,
        "awaiting": awaiting,
    }
