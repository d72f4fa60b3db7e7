"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "finance-flag-unpaid-dues": {
        "task": "finance.tasks.flag_unpaid_dues",
        "schedule": crontab(day_of_month=5, hour=7, minute=30),
    },
    "finance-remind-overdue-findings": {
        "task": "finance.tasks.remind_overdue_findings",
        "schedule": crontab(hour=7, minute=40),
    },
}
