from celery import shared_task

from cipher import services_signing


@shared_task
def certificate_expiry_reminders() -> dict[str, int]:
    return services_signing.certificates_remind_expiry()
