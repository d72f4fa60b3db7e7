from contextlib import suppress

import pytest
from django.core import mail
from django.db import transaction
from django.http import Http404

from core import selectors, services
from core.models import Notification
from core.tasks import send_notification_email

pytestmark = pytest.mark.django_db


def test_notify_creates_one_row_per_active_recipient(user, other_user, make_user):
    inactive = make_user(is_active=False)
    created = services.notify(
        recipients=[user, other_user, user, inactive],
        title="Văn bản đến cần xử lý",
        body="Hạn xử lý 05/03/2026",
        url="/van-ban/1/",
        email=False,
    )
    assert len(created) == 2
    assert all(row.pk for row in created)
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        user.pk,
        other_user.pk,
    }
    assert not Notification.objects.filter(recipient=inactive).exists()


def test_notify_with_nobody_creates_nothing(make_user):
    assert services.notify(recipients=[], title="x") == []
    assert services.notify(recipients=[make_user(is_active=False)], title="x") == []
    assert Notification.objects.count() == 0


def test_notify_refuses_urls_outside_the_site(user):
    for url in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        with pytest.raises(ValueError):
            services.notify(recipients=[user], title="x", url=url)
    assert Notification.objects.count() == 0


def test_email_is_sent_after_commit_to_users_with_an_address(
    user, other_user, make_user, eager_celery, django_capture_on_commit_callbacks
):
    no_address = make_user(email="")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(
            recipients=[user, other_user, no_address],
            title="Phân công nhiệm vụ",
            body="Anh/chị được giao chủ trì.",
            url="/nhiem-vu/7/",
        )
    assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [user.email, other_user.email]
    )
    message = mail.outbox[0]
    assert "Phân công nhiệm vụ" in message.subject
    assert "Anh/chị được giao chủ trì." in message.body
    assert "/nhiem-vu/7/" in message.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
    assert Notification.objects.get(recipient=no_address).emailed_at is None


def test_email_is_sent_once_even_if_the_task_runs_again(user, eager_celery):
    [notification] = services.notify(recipients=[user], title="Họp giao ban", email=False)
    assert send_notification_email(notification_ids=[notification.pk]) == 1
    assert send_notification_email(notification_ids=[notification.pk]) == 0
    assert len(mail.outbox) == 1


def test_no_email_when_the_transaction_rolls_back(
    user, eager_celery, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        suppress(RuntimeError),
        transaction.atomic(),
    ):
        services.notify(recipients=[user], title="Sẽ bị hủy")
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.count() == 0


def test_no_email_when_not_asked(user, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.notify(recipients=[user], title="Chỉ trong ứng dụng", email=False)
    assert callbacks == []
    assert mail.outbox == []


def test_mark_read_only_touches_the_actors_own_notification(user, other_user):
    [mine] = services.notify(recipients=[user], title="Của tôi", email=False)
    [theirs] = services.notify(recipients=[other_user], title="Của người khác", email=False)

    services.notification_mark_read(actor=user, notification_id=mine.pk)
    with pytest.raises(Http404):
        services.notification_mark_read(actor=user, notification_id=theirs.pk)

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None
    assert theirs.read_at is None


def test_mark_read_keeps_the_first_reading_time(user):
    [notification] = services.notify(recipients=[user], title="x", email=False)
    first = services.notification_mark_read(actor=user, notification_id=notification.pk).read_at
    again = services.notification_mark_read(actor=user, notification_id=notification.pk).read_at
    assert first == again


def test_mark_all_read_only_for_the_actor(user, other_user):
    services.notify(recipients=[user, other_user], title="Một", email=False)
    services.notify(recipients=[user, other_user], title="Hai", email=False)
    assert services.notifications_mark_all_read(actor=user) == 2
    assert selectors.unread_count(user) == 0
    assert selectors.unread_count(other_user) == 2


def test_selectors_return_only_the_users_rows_newest_first(user, other_user):
    services.notify(recipients=[user], title="Cũ", email=False)
    services.notify(recipients=[user, other_user], title="Mới", email=False)
    assert [n.title for n in selectors.notifications_for(user)] == ["Mới", "Cũ"]
    assert selectors.unread_count(user) == 2
    assert selectors.unread_count(other_user) == 1


def test_a_long_title_is_cut_between_words():
    from core.text import clip

    title = "Kiểm tra thể thức: " + "hướng dẫn tổ chức hội nghị " * 20
    clipped = clip(title, 255)
    assert len(clipped) <= 255 and clipped.endswith("…")
    assert clipped[:-1].split()[-1] in title.split()
    assert clip("ngắn gọn", 255) == "ngắn gọn"
    assert clip("a" * 300, 10) == "a" * 9 + "…"


def test_a_notice_of_a_kind_must_name_its_object(user):
    from core.services import notify

    with pytest.raises(ValueError, match="names what it is about"):
        notify(recipients=[user], title="x", kind="await_decision")
