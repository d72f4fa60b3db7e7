"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "facilities-remind-vehicles": {
        "task": "facilities.tasks.remind_vehicles",
        "schedule": crontab(hour=7, minute=10),
    },
    "facilities-remind-fire-equipment": {
        "task": "facilities.tasks.remind_fire_equipment",
        "schedule": crontab(hour=7, minute=20),
    },
}
