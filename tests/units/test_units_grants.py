"""`units.grants`: sight of one object for a period. The door shows it within its days only
(an expired grant shows nothing before the sweep runs), the sweep deletes the row and records
the end, a row the person held before is left to him, and bad input writes nothing."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from units import grants, permissions
from units import services as unit_services
from units.models import SecretGrant, Task, TimedGrant

pytestmark = pytest.mark.django_db


def _sees(user, obj) -> bool:
    permissions.forget_viewer(user)
    return permissions.visible(type(obj).objects.filter(pk=obj.pk), user).exists()


def _grant(office, obj, user, **kwargs):
    return grants.grant_for_period(
        obj,
        user,
        ends_on=kwargs.pop("ends_on", timezone.localdate() + timedelta(days=3)),
        reason="Đọc tài liệu phục vụ nghiên cứu",
        granted_by=office["head"],
        source="tests.case:1",
        **kwargs,
    )


def test_a_grant_gives_sight_until_its_last_day_and_not_one_day_more(office, work):
    task, reader = work["task"], office["other_staff"]
    assert not _sees(reader, task)
    grant = _grant(office, task, reader)
    assert _sees(reader, task)
    assert grant.history.get().history_user_id == office["head"].pk
    TimedGrant.objects.filter(pk=grant.pk).update(ends_on=timezone.localdate())
    assert _sees(reader, task)  # the last day is included
    TimedGrant.objects.filter(pk=grant.pk).update(
        starts_on=timezone.localdate() - timedelta(days=3),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    # Not swept yet: the guardian row is still there, and the door already hides it.
    assert permissions.grant_model(Task).objects.filter(content_object=task, user=reader).exists()
    assert not _sees(reader, task)


def test_a_grant_that_starts_later_shows_nothing_before_its_first_day(office, work):
    today = timezone.localdate()
    _grant(
        office,
        work["task"],
        office["other_staff"],
        starts_on=today + timedelta(days=2),
        ends_on=today + timedelta(days=4),
    )
    assert not _sees(office["other_staff"], work["task"])


def test_the_expired_grant_gives_404_through_http(office, work):
    task, reader = work["task"], office["other_staff"]
    grant = _grant(office, task, reader)
    client = Client()
    client.force_login(reader)
    assert client.get(task.get_absolute_url()).status_code == 200
    TimedGrant.objects.filter(pk=grant.pk).update(
        starts_on=timezone.localdate() - timedelta(days=3),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    assert client.get(task.get_absolute_url()).status_code == 404


def test_the_sweep_deletes_the_rows_of_ended_grants_and_records_the_end(office, work):
    task, reader = work["task"], office["other_staff"]
    ended = []
    grants.grant_ended.connect(
        lambda sender, grant, expired, **kw: ended.append((grant.pk, expired)),
        weak=False,
        dispatch_uid="test-grant-ended",
    )
    try:
        old = _grant(office, task, reader)
        current = _grant(office, work["escalation"], reader)
        TimedGrant.objects.filter(pk=old.pk).update(
            starts_on=timezone.localdate() - timedelta(days=3),
            ends_on=timezone.localdate() - timedelta(days=1),
        )
        assert grants.expired_sweep() == 1
        assert grants.expired_sweep() == 0  # nothing left to sweep the second time
    finally:
        grants.grant_ended.disconnect(dispatch_uid="test-grant-ended")
    old.refresh_from_db()
    assert old.revoked_at is not None and old.revoke_reason == "Hết thời hạn được xem"
    assert not permissions.grant_model(Task).objects.filter(content_object=task, user=reader)
    assert ended == [(old.pk, True)]
    current.refresh_from_db()
    assert current.revoked_at is None and _sees(reader, work["escalation"])


def test_a_row_the_person_held_before_stays_his_when_the_grant_ends(office, work):
    task, reader = work["task"], office["other_staff"]
    permissions.grant_view(task, reader)  # an explicit share, for good
    grant = _grant(office, task, reader)
    assert grant.holds_row is False
    TimedGrant.objects.filter(pk=grant.pk).update(
        starts_on=timezone.localdate() - timedelta(days=3),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    assert _sees(reader, task)
    grants.expired_sweep()
    assert _sees(reader, task)


def test_a_second_grant_replaces_the_open_one_and_keeps_the_longer_period(office, work):
    task, reader = work["task"], office["other_staff"]
    today = timezone.localdate()
    first = _grant(office, task, reader, ends_on=today + timedelta(days=10))
    second = _grant(office, task, reader, ends_on=today + timedelta(days=2))
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.ends_on == today + timedelta(days=10)
    assert TimedGrant.objects.filter(revoked_at__isnull=True).count() == 1


def test_revoking_ends_sight_at_once(office, work):
    task, reader = work["task"], office["other_staff"]
    grant = _grant(office, task, reader)
    with pytest.raises(ValidationError):
        grants.grant_revoke(grant, actor=office["head"], reason="  ")
    grants.grant_revoke(grant, actor=office["head"], reason="Đã đọc xong")
    assert not _sees(reader, task)
    with pytest.raises(ValidationError):
        grants.grant_revoke(grant, actor=office["head"], reason="Lần nữa")


def test_a_secret_object_is_recorded_as_a_secret_grant(office, work):
    secret, reader = work["secret_task"], office["other_staff"]
    _grant(office, secret, reader)
    assert _sees(reader, secret)
    assert SecretGrant.objects.filter(user=reader, object_id=secret.pk).exists()


@pytest.mark.parametrize(
    ("ends_in", "reason"),
    [(-1, "Đọc tài liệu"), (3, "   ")],
    ids=["ended-yesterday", "no-reason"],
)
def test_bad_input_is_refused_and_nothing_is_written(office, work, ends_in, reason):
    with pytest.raises(ValidationError):
        grants.grant_for_period(
            work["task"],
            office["other_staff"],
            ends_on=timezone.localdate() + timedelta(days=ends_in),
            reason=reason,
            granted_by=office["head"],
            source="tests.case:1",
        )
    assert not TimedGrant.objects.exists()
    assert not _sees(office["other_staff"], work["task"])


def test_the_sweep_runs_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["units-expired-grants"]
    assert entry["task"] == "units.tasks.sweep_expired_grants"


def test_an_outside_account_has_no_place_role_or_admin(office):
    user = unit_services.outside_account_create(
        actor=office["sysadmin"],
        username="docgia",
        full_name="Lê Văn Đọc",
        password="mat-khau-doc-gia-2026",
        reason="Người đọc ngoài cơ quan",
    )
    viewer = permissions.viewer_for(user)
    assert viewer.unit_id is None and not viewer.roles and not viewer.is_leadership
    assert not user.is_staff and not user.is_superuser and not user.groups.exists()
    with pytest.raises(ValidationError) as error:
        unit_services.outside_account_create(
            actor=office["sysadmin"],
            username="docgia2",
            full_name="Lê Văn Hai",
            password="123",
            reason="Người đọc ngoài cơ quan",
        )
    assert "password" in error.value.message_dict
