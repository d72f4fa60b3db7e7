"""System checks for what production needs. `manage.py check --deploy --database default` runs
all three; plain `check` runs the WeasyPrint one (the database one, like Django's own database
checks, only when databases are named, e.g. by `migrate` or `check --database default`)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

INSECURE_KEYS = {"", "insecure-development-key"}


def probe_database(alias: str) -> None:
    """Raise if the database cannot be reached."""
    connections[alias].ensure_connection()


def probe_weasyprint() -> None:
    """Raise if WeasyPrint or its native libraries (Pango, HarfBuzz, fontconfig) cannot be
    loaded. Importing it loads them."""
    import weasyprint  # noqa: F401


@register(Tags.database)
def check_database(
    app_configs: Sequence[Any] | None = None, databases: Iterable[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for alias in databases or []:
        try:
            probe_database(alias)
        except Exception as exc:  # noqa: BLE001 - every driver raises its own kind
            errors.append(
                Error(
                    f"Cannot connect to database {alias!r}: {exc}",
                    hint="Check DATABASE_URL and that the database server is running.",
                    id="core.E001",
                )
            )
    return errors


@register()
def check_weasyprint(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        probe_weasyprint()
    except (ImportError, OSError) as exc:
        return [
            Error(
                f"WeasyPrint cannot be loaded: {exc}",
                hint="Install WeasyPrint's system libraries (libpango-1.0-0, libpangoft2-1.0-0, "
                "libharfbuzz0b, fontconfig); PDFs cannot be printed without them.",
                id="core.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        key = ""
    if key in INSECURE_KEYS:
        return [
            Error(
                "SECRET_KEY is not set while DEBUG is off.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="core.E003",
            )
        ]
    return []


@register(deploy=True)
def check_office_heading(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Every Party-layout PDF prints OFFICE_PLACE and OFFICE_PARENT_NAME: in production they
    must name the real province, not the demo one."""
    if settings.DEBUG:
        return []
    unset = [
        name
        for name, demo in (
            ("OFFICE_PLACE", settings.OFFICE_DEMO_PLACE),
            ("OFFICE_PARENT_NAME", settings.OFFICE_DEMO_PARENT_NAME),
        )
        if getattr(settings, name, "").strip() in ("", demo)
    ]
    if not unset:
        return []
    return [
        Warning(
            f"{', '.join(unset)} not set while DEBUG is off: PDFs print the demo heading.",
            hint="Set OFFICE_PLACE (e.g. Quảng Nam) and OFFICE_PARENT_NAME "
            "(e.g. TỈNH ỦY QUẢNG NAM) in the environment.",
            id="core.W001",
        )
    ]
