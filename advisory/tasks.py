"""Thin Celery wrappers around the services."""

from celery import shared_task

from advisory import services


@shared_task
def remind_overdue() -> int:
    """Daily (beat): advisory work past its deadline reminds its person in charge and head."""
    return services.works_remind()
