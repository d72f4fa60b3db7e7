"""Beat entries of the dispatch app, merged into CELERY_BEAT_SCHEDULE by the project settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "dispatch-incoming-reminders": {
        "task": "dispatch.tasks.incoming_reminders",
        # 07:00 on working-week mornings, before the office opens.
        "schedule": crontab(hour=7, minute=0, day_of_week="mon-sat"),
    },
}
