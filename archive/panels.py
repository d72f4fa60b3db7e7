"""The transfer clock on the home page: files due for the agency archive, for the person who
holds them and for his head."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import selectors
from archive.models import Appraisal, ArchiveTerm, RecordFile
from units import permissions
from units.panels import MyWork

PANEL_ROWS = 8


def transfer_clock(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    viewer = permissions.viewer_for(request.user)
    if viewer.unit_id is None:
        return None
    try:
        due = selectors.due_for_transfer(RecordFile.objects.all())
    except ArchiveTerm.DoesNotExist:
        return None
    mine = list(due.filter(owner_id=viewer.user_id).order_by("closed_on", "pk")[:PANEL_ROWS])
    unit_due = []
    if viewer.head_unit_ids:
        unit_due = list(
            permissions.visible(due, request.user)
            .filter(lead_unit_id__in=viewer.head_unit_ids)
            .exclude(owner_id=viewer.user_id)
            .select_related("owner")
            .order_by("closed_on", "pk")[:PANEL_ROWS]
        )
    if not mine and not unit_due:
        return None
    return {
        "title": _("Hồ sơ đến hạn nộp lưu"),
        "template": "archive/_panel_transfer_clock.html",
        "mine": mine,
        "unit_due": unit_due,
    }


def register_reading_work() -> None:
    """ "Việc của tôi": the reading requests an archivist serves while their period runs, and
    those awaiting the decision of LT's head (who is not leadership, so the home page's
    awaiting count does not show them)."""
    from django.db.models import Q
    from django.utils.translation import gettext_lazy

    from archive.models import ReadingRequest
    from units.choices import ApprovalStatus
    from units.panels import MyWork, register_my_work

    register_my_work(
        MyWork(
            model=ReadingRequest,
            label=gettext_lazy("Yêu cầu đọc đang phục vụ"),
            open_rows=Q(approval_status=ApprovalStatus.APPROVED),
            title=str,
            due=lambda obj: obj.period_end,
            order_by=("-period_end", "-pk"),
        )
    )
    register_my_work(
        MyWork(
            model=ReadingRequest,
            label=gettext_lazy("Yêu cầu đọc chờ tôi duyệt"),
            open_rows=Q(approval_status=ApprovalStatus.SUBMITTED),
            title=str,
            due=lambda obj: obj.period_start,
            order_by=("period_start", "pk"),
            awaiting=True,
        )
    )


#: "Việc của tôi" of a council member who has not yet given his opinion on every file (the
#: chief's destruction decision is counted with every other decision awaiting him)
COUNCIL_OPINIONS = MyWork(
    model=Appraisal,
    label=gettext_lazy("Cho ý kiến Hội đồng xác định giá trị tài liệu"),
    open_rows=Q(),
    title=str,
    waiting_for=selectors.awaiting_opinion,
    order_by=("submitted_at", "pk"),
)
