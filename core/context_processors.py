from django.conf import settings
from django.http import HttpRequest

from core.selectors import unread_count

_CACHE_ATTRIBUTE = "_core_unread_notifications"


def office(request: HttpRequest) -> dict:
    """Office name and the unread-notification badge for every page. The count costs one query per
    request (cached on the request when several templates are rendered) and none for anonymous
    visitors."""
    user = getattr(request, "user", None)
    count = 0
    if user is not None and user.is_authenticated:
        count = getattr(request, _CACHE_ATTRIBUTE, None)
        if count is None:
            count = unread_count(user)
            setattr(request, _CACHE_ATTRIBUTE, count)
    return {"office_name": settings.OFFICE_NAME, "unread_notifications": count}
