"""The site's URLs plus three that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from office.urls import urlpatterns as site_urlpatterns


def bad_request(request):
    raise SuspiciousOperation("test")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("test")


urlpatterns = [
    path("loi/400/", bad_request),
    path("loi/403/", forbidden),
    path("loi/500/", broken),
    *site_urlpatterns,
]
