"""Vehicles' maintenance and insurance dates remind QT's staff (Điều 9.1), once a day at most
(`core.reminders.remind_once`): from `REMIND_DAYS_BEFORE` days before the date, and every day
after it while the date is not moved."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import office_language
from core.reminders import remind_once
from facilities.models import Resource
from facilities.selectors import vehicles
from facilities.services.requests import qt_staff_users

REMIND_DAYS_BEFORE = 14

FIELDS = {
    "maintenance_due": (
        "maintenance",
        _("Sắp đến hạn bảo dưỡng: %(vehicle)s (%(day)s)"),
    ),
    "insurance_due": ("insurance", _("Sắp hết hạn bảo hiểm: %(vehicle)s (%(day)s)")),
}


def remind_vehicle_dates(today: date | None = None) -> int:
    """How many reminders this run sent."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMIND_DAYS_BEFORE)
    due = vehicles().filter(Q(maintenance_due__lte=horizon) | Q(insurance_due__lte=horizon))
    recipients = qt_staff_users()
    sent = 0
    with office_language():
        for vehicle in due.order_by("pk"):
            sent += _remind(vehicle, recipients, horizon, today)
    return sent


def _remind(vehicle: Resource, recipients, horizon: date, today: date) -> int:
    sent = 0
    for field, (kind, title) in FIELDS.items():
        day = getattr(vehicle, field)
        if day is None or day > horizon:
            continue
        sent += remind_once(
            vehicle,
            kind=kind,
            recipients=recipients,
            title=str(title) % {"vehicle": vehicle, "day": day.strftime("%d/%m/%Y")},
            url=vehicle.get_absolute_url(),
            today=today,
        )
    return sent
