"""Cipher–IT on the home page: support tickets for everyone, the books for CY and the chief,
the rights of a unit's staff for its head."""

from django.utils.translation import gettext as _

from cipher import permissions as cipher_permissions
from cipher.choices import TicketStatus
from cipher.selectors import tickets_for
from units import permissions


def cipher_panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    viewer = permissions.viewer_for(user)
    return {
        "title": _("Cơ yếu – CNTT"),
        "template": "cipher/_panel.html",
        "open_tickets": tickets_for(user, box="mine").exclude(status=TicketStatus.RESOLVED).count(),
        "books": cipher_permissions.may_see_cipher_books(user),
        "heads_rights": bool(viewer.head_unit_ids or viewer.overseen_unit_ids),
    }
