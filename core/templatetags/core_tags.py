"""Formatting shared by every app's templates (presentation only, no domain logic)."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tables import badge

register = template.Library()


@register.filter
def party_date(value: date | datetime | None) -> str:
    """ "ngày 05 tháng 02 năm 2026": the date line of a Party document. Days below 10 and the
    months January and February take a leading zero, as the document-format guidance requires,
    so nobody can later add a digit in front."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    day = f"{value.day:02d}" if value.day < 10 else str(value.day)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": day,
        "month": month,
        "year": value.year,
    }


@register.filter
def secrecy_badge(obj) -> str:
    """The red secrecy mark beside a secret item's title; nothing for an ordinary one. A filter,
    not an include: it is rendered on every row of every register list."""
    if not getattr(obj, "secrecy", ""):
        return ""
    return badge(obj.get_secrecy_display(), "danger")
