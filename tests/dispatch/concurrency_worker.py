"""Run in a spawned OS process by the numbering concurrency test: a fresh interpreter that sets
Django up on the test database and registers documents through the real service."""


def register_many(database_url: str, clerk_id: int, worker: int, count: int, barrier, results):
    import os

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from dispatch import services
    from dispatch.models import DocumentType

    clerk = get_user_model().objects.get(pk=clerk_id)
    doc_type = DocumentType.objects.get(name="Công văn")
    barrier.wait()
    numbers = []
    for i in range(count):
        document = services.incoming_register(
            actor=clerk,
            received_at=timezone.now(),
            sender=f"Huyện ủy số {worker}",
            number_and_symbol=f"{i + 1:02d}-CV/HU{worker}",
            document_date=date(2026, 11, 20),
            doc_type=doc_type,
            summary=f"Văn bản thử tải {worker}-{i}",
        )
        numbers.append(document.number)
    results.put(numbers)
