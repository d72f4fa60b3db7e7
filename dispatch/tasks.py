"""Thin Celery wrappers around dispatch services."""

from celery import shared_task

from dispatch import services


@shared_task
def incoming_reminders() -> dict[str, int]:
    return services.incoming_send_reminders()
