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
