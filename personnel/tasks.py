"""Thin Celery wrappers around the services."""

from celery import shared_task

from personnel.services import training, trips


@shared_task
def remind_reports() -> int:
    """Daily (beat): trip and training reports due today or late."""
    return trips.trips_remind() + training.training_remind()
