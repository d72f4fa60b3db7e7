"""The daily reminder job run by a real Celery worker against Redis."""

import pytest
from django.utils import timezone

from core.models import Notification
from core.reminders import reminders_sent
from workprograms import tasks


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_remind_reports_in_a_real_worker(celery_worker_process, office, flow):
    report = flow.report(number=1, year=flow.year() - 1)
    assert report.due_date < timezone.localdate()

    assert tasks.remind_reports.delay().get(timeout=60) == 1
    assert tasks.remind_reports.delay().get(timeout=60) == 0

    assert reminders_sent(report, kind="overdue").count() == 1
    flagged = Notification.objects.filter(title__startswith="Báo cáo quá hạn")
    assert set(flagged.values_list("recipient__username", flat=True)) == {"th_head", "dc1"}
