"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "cipher-remind-late-minutes": {
        "task": "cipher.tasks.remind_late_minutes",
        "schedule": crontab(minute=15),
    },
    "cipher-remind-tickets": {
        "task": "cipher.tasks.remind_tickets",
        "schedule": crontab(minute="*/30"),
    },
    "cipher-remind-maintenance": {
        "task": "cipher.tasks.remind_maintenance",
        "schedule": crontab(hour=7, minute=10),
    },
    "cipher-remind-findings": {
        "task": "cipher.tasks.remind_findings",
        "schedule": crontab(hour=7, minute=20),
    },
    "cipher-sweep-rights": {
        "task": "cipher.tasks.sweep_rights",
        "schedule": crontab(hour=0, minute=30),
    },
    "cipher-certificate-expiry": {
        "task": "cipher.tasks_security.certificate_expiry_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
}
