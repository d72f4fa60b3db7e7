"""The people matters on the home page: links to the pages, my trip and course reports to
write, and my open evaluation."""

from django.utils import timezone
from django.utils.translation import gettext as _

from personnel.choices import EvaluationStage
from personnel.models import BusinessTrip, Evaluation, TrainingAttendance
from units.choices import ApprovalStatus

PANEL_ROWS = 5


def people_matters(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    today = timezone.localdate()
    trips = BusinessTrip.objects.filter(
        owner=request.user,
        approval_status=ApprovalStatus.APPROVED,
        reported_at__isnull=True,
        ends_on__lte=today,
    ).order_by("report_due")[:PANEL_ROWS]
    courses = (
        TrainingAttendance.objects.filter(
            owner=request.user, reported_at__isnull=True, course__ends_on__lte=today
        )
        .select_related("course", "owner")
        .order_by("report_due")[:PANEL_ROWS]
    )
    evaluation = (
        Evaluation.objects.filter(
            owner=request.user,
            stage=EvaluationStage.SELF,
            approval_status=ApprovalStatus.DRAFT,
        )
        .select_related("owner")
        .order_by("-year")
        .first()
    )
    return {
        "title": _("Cán bộ, thi đua"),
        "template": "personnel/_panel.html",
        "reports_due": [*trips, *courses],
        "evaluation": evaluation,
    }
