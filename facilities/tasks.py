from celery import shared_task

from facilities.services import fire, reminders


@shared_task
def remind_vehicles() -> int:
    return reminders.remind_vehicle_dates()


@shared_task
def remind_fire_equipment() -> int:
    return fire.remind_fire_equipment()
