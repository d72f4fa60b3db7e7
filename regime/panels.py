"""What the working regime asks of a staff member on the home page: disclosure items he has not
read, the regulation in force he has not acknowledged, links to the unit's regime pages."""

from django.utils.translation import gettext as _

from regime import selectors
from units import permissions
from units.models import Unit

PANEL_ROWS = 5


def working_regime(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    viewer = permissions.viewer_for(user)
    if viewer.user_id is None:
        return None
    unread, to_acknowledge = [], None
    unit = Unit.objects.filter(pk=viewer.unit_id).first() if viewer.unit_id else None
    if unit is not None:
        # Members are asked to read; leadership look on without being asked.
        unread = list(selectors.board(user, unit).filter(read_by_me=False)[:PANEL_ROWS])
        current = selectors.in_force(unit)
        if current is not None and not selectors.has_acknowledged(user, current):
            to_acknowledge = current
    return {
        "title": _("Chế độ làm việc"),
        "template": "regime/_panel.html",
        "unread": unread,
        "to_acknowledge": to_acknowledge,
        "unit": unit,
    }
