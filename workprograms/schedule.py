"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "workprograms-remind-reports": {
        "task": "workprograms.tasks.remind_reports",
        "schedule": crontab(hour=7, minute=0),
    },
}
