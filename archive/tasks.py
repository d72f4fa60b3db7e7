from celery import shared_task

from archive.services import fixity


@shared_task
def check_fixity() -> int:
    """Re-read the next batch of stored scans; the number of failures found."""
    return len(fixity.check_fixity().failures)
