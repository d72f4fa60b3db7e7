"""Thin Celery wrappers of Cipher–IT's daily jobs."""

from celery import shared_task
from django.urls import reverse

from cipher.services import equipment, room, support
from units import rights


@shared_task
def remind_late_minutes() -> int:
    return room.remind_late_minutes()


@shared_task
def remind_maintenance() -> int:
    return equipment.remind_maintenance()


@shared_task
def remind_findings() -> int:
    return equipment.remind_findings()


@shared_task
def remind_tickets() -> int:
    return support.remind_tickets()


@shared_task
def sweep_rights() -> dict:
    """Recertification of rights (reminders, then revocation after the deadline) and the
    notices of rights that reached their end."""
    result = rights.recertification_sweep(url=reverse("cipher:unit-rights"))
    result["ended"] = rights.rights_ended_sweep()
    return result
