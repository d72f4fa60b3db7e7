"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "personnel-remind-reports": {
        "task": "personnel.tasks.remind_reports",
        "schedule": crontab(hour=7, minute=10),
    },
}
