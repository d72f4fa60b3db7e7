"""Response headers every page carries (the content policy, the browser features it may use, no
caching of pages shown to a signed-in person), and one transaction per unsafe request that a
refusal rolls back."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.cache import add_never_cache_headers


def _header(directives: dict[str, list[str]], separator: str) -> str:
    return separator.join(" ".join([name, *values]).strip() for name, values in directives.items())


class SecurityHeadersMiddleware:
    """`Content-Security-Policy` and `Permissions-Policy` from settings on every response, and
    `Cache-Control: no-store` on every response to a signed-in user.

    Every script and style is a static file of the app, so the policy allows no inline script,
    no inline style, no plugin and no framing. Every page behind the login shows what the
    regulation calls internal (documents, names, assignments; secret items among list rows), and
    the office's computers are shared: a page kept in the browser's cache would be shown again by
    the Back button after sign-out. Marking only pages that show a secret row would miss the
    lists and exports that contain one, and internal pages deserve the same; static files and the
    sign-in page stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.content_security_policy = _header(settings.CONTENT_SECURITY_POLICY, "; ")
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.content_security_policy)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


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
