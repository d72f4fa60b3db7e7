"""Response headers every page carries: the content policy, the browser features it may use, and
no caching of pages shown to a signed-in person."""

from __future__ import annotations

from django.conf import settings
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
