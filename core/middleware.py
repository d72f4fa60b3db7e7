"""Every POST (and other unsafe request) runs in one transaction that a refusal rolls back."""

from django.conf import settings
from django.db import transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def is_refusal(request, response) -> bool:
    """A form shown again with its errors (an HTML page answering a POST), any 4xx or 5xx.
    Success redirects, and a file produced by the POST (an export) is a success too."""
    if response.status_code >= 400:
        return True
    if response.status_code != 200:
        return False
    return response.get("Content-Type", "").startswith("text/html")


class RefusedWriteRollbackMiddleware:
    """Wrap an unsafe request in `transaction.atomic()` and roll it back when it is refused
    (`is_refusal`) or raises: whatever a view, a service or simple-history wrote on the way,
    nothing stays. On success the transaction commits and `on_commit` work (Celery) runs.

    Views named in `REFUSED_POST_KEEPS_WRITES` (the login pages: django-axes must keep the
    failed attempts it counts) commit even when refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if is_refusal(request, response) and not self._keeps_writes(request):
                transaction.set_rollback(True)
        return response

    @staticmethod
    def _keeps_writes(request) -> bool:
        match = getattr(request, "resolver_match", None)
        return match is not None and match.view_name in settings.REFUSED_POST_KEEPS_WRITES
