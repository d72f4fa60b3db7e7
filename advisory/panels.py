"""General Affairs' open advisory work on the home page of whoever sees some."""

from django.utils.translation import gettext as _

from advisory import selectors
from advisory.permissions import in_general_affairs, is_leadership

PANEL_ROWS = 6


def advisory_work(request) -> dict | None:
    user = request.user
    if not user.is_authenticated or not (in_general_affairs(user) or is_leadership(user)):
        return None
    return {
        "title": _("Tham mưu tổng hợp"),
        "template": "advisory/_panel.html",
        "works": list(selectors.works_for(user, box="open")[:PANEL_ROWS]),
    }
