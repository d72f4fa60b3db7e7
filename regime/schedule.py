"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "regime-remind-complaints": {
        "task": "regime.tasks.remind_complaints",
        "schedule": crontab(hour=7, minute=20),
    },
}
