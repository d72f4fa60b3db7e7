"""The sign-in lockout cannot be turned against the account's owner: a stranger failing on
`chanhvp` from the office's shared address locks himself, not the owner on his known device; the
window is fixed; the owner is told."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.lockout import KNOWN_DEVICE_COOKIE
from core.models import Notification
from units.choices import Position

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
PASSWORD = "matkhau-thu-2026"
OFFICE_NAT = "203.0.113.7"
LOCKED = "Tài khoản tạm thời bị khóa"


@pytest.fixture
def chanhvp(office, make_person, mailoutbox, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return make_person("chanhvp", Position.DEPUTY_CHIEF)


def attempt(client, username, password, url=LOGIN, address=OFFICE_NAT):
    data = {"username": username, "password": password}
    return client.post(url, data, REMOTE_ADDR=address)


def known_device() -> Client:
    """The chief's own computer: it signed in once, so it carries the known-device cookie."""
    device = Client()
    response = attempt(device, "chanhvp", PASSWORD)
    assert response.status_code == 302
    assert KNOWN_DEVICE_COOKIE in response.cookies
    device.post(reverse("logout"))
    return device


def fail(times, username="chanhvp", address=OFFICE_NAT):
    stranger = Client()
    for _ in range(times):
        attempt(stranger, username, "doan-bua", address=address)
    return stranger


def test_a_stranger_locks_his_source_not_the_owner_on_his_known_device(chanhvp, settings):
    device = known_device()
    stranger = fail(settings.AXES_FAILURE_LIMIT + 3)

    refused = attempt(stranger, "chanhvp", PASSWORD)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()
    assert attempt(Client(), "chanhvp", PASSWORD, url=ADMIN_LOGIN).status_code == 429

    assert attempt(device, "chanhvp", PASSWORD).status_code == 302
    device.post(reverse("logout"))
    admin = attempt(device, "chanhvp", PASSWORD, url=ADMIN_LOGIN)
    assert admin.status_code == 302


def test_a_colleague_behind_the_same_address_still_signs_in(chanhvp, settings):
    fail(settings.AXES_FAILURE_LIMIT + 3)
    assert attempt(Client(), "th_staff", PASSWORD).status_code == 302


def test_a_known_device_cookie_of_someone_else_does_not_help(chanhvp, settings):
    device = known_device()
    fail(settings.AXES_FAILURE_LIMIT, username="th_staff")
    assert attempt(device, "th_staff", PASSWORD).status_code == 429
    forged = Client()
    forged.cookies[KNOWN_DEVICE_COOKIE] = "chanhvp"
    fail(settings.AXES_FAILURE_LIMIT)
    assert attempt(forged, "chanhvp", PASSWORD).status_code == 429


def test_many_accounts_tried_from_one_address_lock_the_address(chanhvp, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for n in range(8):
        fail(1, username=f"khong-co-{n}")
    assert attempt(Client(), "th_staff", PASSWORD).status_code == 429
    assert attempt(Client(), "th_staff", PASSWORD, address="198.51.100.9").status_code == 302


def test_failures_during_the_lock_do_not_extend_it(chanhvp, settings):
    stranger = fail(settings.AXES_FAILURE_LIMIT)
    locked_at = AccessAttempt.objects.get().attempt_time
    failures = AccessAttempt.objects.get().failures_since_start
    for _ in range(5):
        assert attempt(stranger, "chanhvp", "doan-tiep").status_code == 429
    row = AccessAttempt.objects.get()
    assert (row.attempt_time, row.failures_since_start) == (locked_at, failures)

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(stranger, "chanhvp", PASSWORD).status_code == 302


def test_the_owner_is_told_once_per_lock(
    chanhvp, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fail(settings.AXES_FAILURE_LIMIT + 4)
    notices = Notification.objects.filter(recipient=chanhvp)
    assert notices.count() == 1
    assert notices.get().title == "Đăng nhập vào tài khoản của bạn đã bị tạm khóa"
    assert OFFICE_NAT in notices.get().body
    assert [message.to for message in mailoutbox] == [["chanhvp@vanphong.local"]]
