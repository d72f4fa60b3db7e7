"""Beat entries of the digital signatures, merged into CELERY_BEAT_SCHEDULE by the settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "cipher-certificate-expiry": {
        "task": "cipher.tasks_security.certificate_expiry_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
}
