"""The one reminder engine: a reminder of one kind about one object goes out once a day."""

from datetime import date, timedelta

import pytest

from core.models import DayOff, Notification, ReminderLog
from core.reminders import remind_once, reminders_sent

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 20)


@pytest.fixture
def subject():
    """Any model's row can be reminded about; a calendar row stands in for a deadline."""
    return DayOff.objects.create(date=date(2026, 12, 24), name="Nghỉ bù")


def send(subject, recipient, kind="overdue", day=DAY):
    return remind_once(
        subject,
        kind=kind,
        recipients=[recipient],
        title=f"Nhắc {kind}",
        url="/",
        today=day,
    )


def test_the_same_kind_is_sent_once_a_day(subject, user):
    assert send(subject, user) is True
    assert send(subject, user) is False
    assert list(Notification.objects.values_list("title", flat=True)) == ["Nhắc overdue"]
    assert send(subject, user, day=DAY + timedelta(days=1)) is True
    assert send(subject, user, kind="before") is True
    assert Notification.objects.filter(recipient=user).count() == 3
    assert reminders_sent(subject).count() == 3
    assert reminders_sent(subject, kind="overdue").count() == 2


def test_objects_are_told_apart_by_type_and_id(subject, user):
    other = DayOff.objects.create(date=date(2026, 12, 25), name="Nghỉ thêm")
    assert send(subject, user) is True
    assert send(other, user) is True
    assert send(user, user) is True
    assert ReminderLog.objects.count() == 3


def test_a_rolled_back_reminder_is_sent_again(subject, user):
    from django.db import transaction

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        send(subject, user)
        1 / 0  # noqa: B018 - the failure after the reminder
    assert not Notification.objects.exists()
    assert send(subject, user) is True
