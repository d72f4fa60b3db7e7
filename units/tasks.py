"""Thin Celery wrappers of the units' periodic jobs."""

from celery import shared_task

from units import grants


@shared_task
def sweep_expired_grants() -> int:
    return grants.expired_sweep()
