"""The home page's Party finance panel: a member's dues owed, and for TC and leadership the
way into the finance pages."""

from django.utils.translation import gettext as _

from finance import permissions, selectors
from finance.models import PartyMember


def finance_panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    member = PartyMember.objects.filter(user_id=user.pk).first()
    follows = permissions.oversees_finance(user)
    if member is None and not follows:
        return None
    return {
        "title": _("Tài chính đảng"),
        "template": "finance/_panel.html",
        "member": member,
        "owed": selectors.arrears(member) if member is not None else None,
        "follows": follows,
    }
