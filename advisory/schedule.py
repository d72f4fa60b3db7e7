"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "advisory-remind-overdue": {
        "task": "advisory.tasks.remind_overdue",
        "schedule": crontab(hour=7, minute=10),
    },
}
