"""Thin Celery wrappers: load by id, call a service."""

from celery import shared_task

from core import services


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_notification_email(notification_ids: list[int]) -> int:
    return services.notification_emails_send(notification_ids=notification_ids)


@shared_task
def build_file(generated_file_id: int, builder_path: str, params: dict) -> str:
    """`builder_path` is a name registered with `core.generated.register_file_builder` (or
    `core.pdf.register_pdf_builder`), never a path that gets imported."""
    generated = services.generated_file_build(
        generated_file_id=generated_file_id, builder=builder_path, params=params
    )
    return generated.status
