"""Thin Celery wrappers around the services."""

from celery import shared_task

from workprograms import services


@shared_task
def remind_reports() -> int:
    """Daily (beat): reminders before report due dates, overdue flags after."""
    return services.reports_remind()
