"""What the dispatch services share: the kinds of asking notices, the clerk's check and who
distributes a document."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from units import permissions
from units.models import Unit
from units.selectors import chiefs

#: The kind of the notices asking leadership to distribute a document (`notifications_done`).
AWAIT_DISTRIBUTION = "await_distribution"

#: The kind of the notices asking the drafting unit's head to review a draft.
AWAIT_REVIEW = "await_review"

#: The kind of the notices asking HC's head to route a letter as proposed.
AWAIT_ROUTING = "await_routing"


def _require_clerk(actor) -> permissions.Viewer:
    viewer = permissions.viewer_for(actor)
    if not viewer.is_records_clerk or viewer.unit_id is None:
        raise PermissionDenied(_("Chỉ văn thư mới vào sổ văn bản."))
    return viewer


def _leaders_for(unit: Unit) -> list:
    """Who distributes a document led by `unit`: its deputy chief in charge and the chief."""
    leaders = [unit.deputy_chief] if unit.deputy_chief_id else []
    return leaders + list(chiefs())
