"""Thin Celery wrappers around the services."""

from celery import shared_task
from django.utils import timezone

from finance import services


@shared_task
def flag_unpaid_dues() -> int:
    """Monthly (beat): members with three unpaid months this year (or, early in January, last
    year) are raised once to their cell's secretary and TC."""
    today = timezone.localdate()
    return sum(
        len(services.dues_flag_run(actor=None, year=year, today=today))
        for year in (today.year - 1, today.year)
    )


@shared_task
def remind_overdue_findings() -> int:
    """Daily (beat): owners of inspections hear of recommendations past their due date."""
    return len(services.findings_remind())
