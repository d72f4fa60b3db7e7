"""Thin Celery wrappers around the services."""

from celery import shared_task

from regime import services


@shared_task
def remind_complaints() -> int:
    """Daily (beat): complaints past their deadline remind the head."""
    return services.complaints_remind()
