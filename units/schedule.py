"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # The door already hides an expired grant; the sweep deletes its row and records the end.
    "units-expired-grants": {
        "task": "units.tasks.sweep_expired_grants",
        "schedule": crontab(hour=0, minute=5),
    },
}
