"""Side doors of the permission door in its own mechanisms: notifications and their e-mails,
the admin's lists, change pages and notification list, and a task's result after a move.
Each test failed before the door covered it."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from core import services as core_services
from core.models import Notification
from units import ownership, services
from units.choices import Secrecy
from units.models import SecretAccess

SECRET_TITLE = "Rà soát tài liệu mật"


def test_a_notification_about_a_secret_item_names_it_by_number_only(office, work, settings):
    settings.SITE_URL = "https://vanphong.local"
    secret = work["secret_task"]
    created = core_services.notify(
        about=secret,
        recipients=[office["coord_head"]],
        title=f"Việc mới: {secret.title}",
        body=secret.title,
        url=secret.get_absolute_url(),
        email=False,
    )
    core_services.notification_emails_send(notification_ids=[row.pk for row in created])
    notification = Notification.objects.get(pk=created[0].pk)
    assert SECRET_TITLE not in notification.title and notification.body == ""
    assert f"{secret.get_secrecy_display()} số {secret.pk}" in notification.title
    assert SECRET_TITLE not in mail.outbox[0].subject + mail.outbox[0].body


def test_secret_task_notifications_never_quote_its_title(office, work):
    assert Notification.objects.filter(title__contains=SECRET_TITLE).count() == 0
    assert Notification.objects.filter(body__contains=SECRET_TITLE).count() == 0


def test_superusers_notification_list_shows_no_secret_title(office, work, client):
    root = get_user_model().objects.create_superuser("root", "root@vanphong.local", "x")
    client.force_login(root)
    page = client.get(reverse("admin:core_notification_changelist"))
    assert page.status_code == 200
    assert SECRET_TITLE not in page.content.decode()


def test_task_result_after_a_move_reaches_the_new_units_head_only(office, work):
    task = work["task"]
    ownership.work_move(
        actor=office["chief"], obj=task, new_unit=office.units["tc"], reason="Đúng chức năng"
    )
    task.refresh_from_db()
    services.task_complete(actor=task.owner, task=task, result_note="Đã hoàn thành báo cáo.")
    done = Notification.objects.filter(title__startswith="Đã hoàn thành")
    assert list(done.values_list("recipient", flat=True)) == [office["other_head"].pk]


def test_one_admin_view_of_a_secret_submission_writes_one_log_row(office, client):
    escalation = services.escalation_create(
        actor=office["head"],
        unit=office.units["th"],
        title="Kiến nghị về hồ sơ mật",
        dossier="Hồ sơ kèm theo.",
        secrecy=Secrecy.SECRET,
    )
    client.force_login(office["dc_in_charge"])
    url = reverse("admin:units_escalation_change", args=[escalation.pk])
    assert client.get(url).status_code == 200
    assert SecretAccess.objects.filter(object_id=escalation.pk, via="admin").count() == 1


def test_admin_list_of_secret_rows_writes_one_log_row(office, work, client):
    client.force_login(office["chief"])
    assert client.get(reverse("admin:units_task_changelist")).status_code == 200
    listed = SecretAccess.objects.get(via="admin-list")
    assert listed.object_ids == [work["secret_task"].pk]
    client.get(reverse("admin:units_task_changelist"), {"q": "mật"})
    assert SecretAccess.objects.filter(via="admin-search").count() == 1


def test_admin_history_of_a_secret_item_is_logged(office, work, client):
    client.force_login(office["chief"])
    secret = work["secret_task"]
    url = reverse("admin:units_task_history", args=[secret.pk])
    assert client.get(url).status_code == 200
    assert SecretAccess.objects.filter(object_id=secret.pk, via="admin-history").count() == 1
