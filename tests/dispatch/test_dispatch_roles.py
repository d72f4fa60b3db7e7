"""Role sight (records clerks) applied by the door inside the secrecy rule, from the role
table by its dates."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from dispatch import selectors, services
from dispatch.models import IncomingDocument, Letter
from units import permissions
from units.choices import RoleCode, Secrecy
from units.models import RoleAssignment

pytestmark = pytest.mark.django_db


def _letter(office, **fields):
    values = {
        "actor": office["clerk"],
        "received_on": date(2026, 11, 23),
        "sender_name": "Nguyễn Văn Dân",
        "sender_address": "Xã Quảng Phú",
        "summary": "Khiếu nại việc thu hồi đất",
    }
    values.update(fields)
    return services.letter_receive(**values)


def test_a_records_clerk_does_not_see_secret_letters_or_documents_through_role_sight(
    office, register
):
    letter = _letter(office)
    secret_letter = _letter(office, secrecy=Secrecy.SECRET)
    document = register()
    secret_document = register(n=2, secrecy=Secrecy.SECRET)
    other_clerk = office["clerk2"]
    assert list(selectors.visible_letters(other_clerk)) == [letter]
    visible_documents = permissions.visible(IncomingDocument.objects.all(), other_clerk)
    assert list(visible_documents) == [document]
    assert secret_letter.owner == office["clerk"] and secret_document.pk


def _move_role(user, *, starts_on, ends_on):
    RoleAssignment.objects.filter(user=user, role__code=RoleCode.RECORDS_CLERK).update(
        starts_on=starts_on, ends_on=ends_on
    )
    permissions.forget_viewer(user)


def test_an_expired_role_gives_no_sight(office):
    letter = _letter(office)
    clerk = office["clerk2"]
    assert selectors.visible_letters(clerk).get() == letter
    today = timezone.localdate()
    _move_role(clerk, starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1))
    assert not permissions.viewer_for(clerk).is_records_clerk
    assert not selectors.visible_letters(clerk).exists()


def test_a_role_not_yet_started_gives_no_sight(office):
    _letter(office)
    clerk = office["clerk2"]
    today = timezone.localdate()
    _move_role(clerk, starts_on=today + timedelta(days=1), ends_on=None)
    assert permissions.viewer_for(clerk).roles == frozenset()
    assert not selectors.visible_letters(clerk).exists()


def test_the_viewer_with_its_roles_is_one_query(office, django_assert_num_queries):
    clerk = office["clerk2"]
    permissions.forget_viewer(clerk)
    with django_assert_num_queries(1):
        viewer = permissions.viewer_for(clerk)
    assert viewer.roles == {RoleCode.RECORDS_CLERK}
    assert viewer.has_role(RoleCode.RECORDS_CLERK) and viewer.is_records_clerk
    assert not viewer.is_system_admin


def test_an_empty_role_sight_is_refused_not_silently_applied(office, monkeypatch):
    monkeypatch.setattr(Letter, "role_sight", classmethod(lambda cls: {RoleCode.ARCHIVIST: Q()}))
    with pytest.raises(ImproperlyConfigured, match="empty condition"):
        permissions.visible(Letter.objects.all(), office["tc_staff"])
    assert [error.obj for error in permissions.check_role_sight()] == [Letter]
    monkeypatch.setattr(Letter, "role_sight", classmethod(lambda cls: {"janitor": Q(pk=1)}))
    with pytest.raises(ImproperlyConfigured, match="unknown role"):
        permissions.visible(Letter.objects.all(), office["tc_staff"])
    monkeypatch.undo()
    assert permissions.check_role_sight() == []
