from celery import shared_task

from facilities.services import reminders


@shared_task
def remind_vehicles() -> int:
    return reminders.remind_vehicle_dates()
