"""The door's secrecy clause and the secrecy clearance (Điều 11.6, 17): a staff member holding a
valid clearance in his unit, granted through a rights request, sees the secret items of his own
unit at a level his clearance covers, and only those he could see were they not secret. Without
a clearance, past its end, above its level, in another unit, or for a clearance granted in the
unit he has since left, secret items stay closed."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from units import permissions, rights
from units import services as unit_services
from units.choices import PrivilegedChangeKind, RoleCode, Secrecy, levels_up_to
from units.models import PrivilegedChange, RoleAssignment, Task

pytestmark = pytest.mark.django_db
REASON = "Trưởng phòng cần đọc các tài liệu mật của phòng để chỉ đạo xử lý"


def _task(office, unit_key, owner_key, secrecy, head_key):
    return unit_services.task_create(
        actor=office[head_key],
        unit=office.units[unit_key],
        owner=office[owner_key],
        title=f"Việc {secrecy or 'thường'} của {unit_key}",
        due_working_days=5,
        secrecy=secrecy,
    )


@pytest.fixture
def hc_work(office):
    """TH's work, assigned by its head (who is handed the secret ones) to a specialist; TH's
    deputy, who sees the unit's plain work, is the one whose clearance is tested."""
    return {
        "plain": _task(office, "th", "owner", Secrecy.NONE, "head"),
        "mat": _task(office, "th", "owner", Secrecy.CONFIDENTIAL, "head"),
        "toi_mat": _task(office, "th", "owner", Secrecy.SECRET, "head"),
        "tc_mat": _task(office, "tc", "other_staff", Secrecy.CONFIDENTIAL, "other_head"),
    }


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def _seen(user) -> set[str]:
    return set(
        permissions.visible(Task.objects.all(), _fresh(user)).values_list("title", flat=True)
    )


def _clear(office, target, level, *, actor="acting_head", days=30, start=None):
    """A clearance asked by the one who answers for the target's rights and approved by the
    chief: the real path of a rights request."""
    start = start or timezone.localdate()
    change = unit_services.privileged_change_request(
        actor=office[actor],
        target=office[target],
        kind=PrivilegedChangeKind.CLEARANCE,
        payload={
            "level": level,
            "starts_on": start.isoformat(),
            "ends_on": (start + timedelta(days=days)).isoformat(),
        },
        reason=REASON,
        scope="Tài liệu mật của phòng",
    )
    unit_services.privileged_change_approve(actor=office["chief"], change=change)
    return RoleAssignment.objects.get(granted_through=change)


def test_levels_are_ranked():
    assert levels_up_to(Secrecy.CONFIDENTIAL) == [Secrecy.CONFIDENTIAL]
    assert levels_up_to(Secrecy.SECRET) == [Secrecy.CONFIDENTIAL, Secrecy.SECRET]
    assert levels_up_to(Secrecy.NONE) == [] and levels_up_to("bogus") == []


def test_without_a_clearance_the_head_sees_no_secret_item_of_his_unit(office, hc_work):
    assert _seen(office["deputy"]) == {"Việc thường của th"}


def test_a_confidential_clearance_opens_the_units_confidential_items_only(office, hc_work):
    assignment = _clear(office, "deputy", Secrecy.CONFIDENTIAL)
    assert (assignment.role.code, assignment.secrecy) == (RoleCode.SECRECY_CLEARANCE, "mat")
    assert assignment.unit == office.units["th"]
    assert permissions.viewer_for(_fresh(office["deputy"])).cleared_levels == {"mat"}
    # his own unit's Mật item, not the Tối mật one, not another unit's Mật item
    assert _seen(office["deputy"]) == {"Việc thường của th", "Việc mat của th"}


def test_a_higher_clearance_covers_the_levels_below(office, hc_work):
    _clear(office, "deputy", Secrecy.SECRET)
    assert _seen(office["deputy"]) == {
        "Việc thường của th",
        "Việc mat của th",
        "Việc toi_mat của th",
    }


def test_a_clearance_gives_no_sight_beyond_what_the_holder_sees_of_plain_items(office, hc_work):
    """A specialist of TH sees no plain task of his unit he is not in charge of, so his
    clearance opens none of its secret tasks either."""
    _clear(office, "staff", Secrecy.TOP_SECRET)
    assert permissions.viewer_for(_fresh(office["staff"])).cleared_levels
    assert _seen(office["staff"]) == set()


def test_a_clearance_ends_by_its_dates(office, hc_work):
    assignment = _clear(office, "deputy", Secrecy.CONFIDENTIAL, days=3)
    RoleAssignment.objects.filter(pk=assignment.pk).update(
        starts_on=timezone.localdate() - timedelta(days=10),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    assert _seen(office["deputy"]) == {"Việc thường của th"}


def test_a_clearance_not_yet_begun_opens_nothing(office, hc_work):
    _clear(office, "deputy", Secrecy.CONFIDENTIAL, start=timezone.localdate() + timedelta(days=2))
    assert _seen(office["deputy"]) == {"Việc thường của th"}


def test_a_clearance_stays_in_the_unit_it_was_granted_in(office, hc_work):
    """Granted in HC; had he moved, the clearance would not follow him: the door reads only
    clearances of the unit he belongs to today."""
    assignment = _clear(office, "deputy", Secrecy.CONFIDENTIAL)
    RoleAssignment.objects.filter(pk=assignment.pk).update(unit=office.units["tc"])
    assert _seen(office["deputy"]) == {"Việc thường của th"}


def test_revoked_at_recertification_the_clearance_closes_the_door(office, hc_work):
    assignment = _clear(office, "deputy", Secrecy.CONFIDENTIAL)
    RoleAssignment.objects.filter(pk=assignment.pk).update(
        starts_on=timezone.localdate() - timedelta(days=200)
    )
    rights.recertify(
        actor=office["acting_head"],
        assignment=assignment,
        keep=False,
        reason="Trưởng phòng không còn phụ trách mảng tài liệu mật",
    )
    assert _seen(office["deputy"]) == {"Việc thường của th"}


def test_a_clearance_has_a_secret_level_and_a_unit(office):
    before = PrivilegedChange.objects.count()
    for target, level, message in (
        ("deputy", Secrecy.NONE, "Chọn mức độ mật"),
        ("deputy", "bogus", "Chọn mức độ mật"),
    ):
        with pytest.raises(ValidationError) as error:
            unit_services.privileged_change_request(
                actor=office["acting_head"],
                target=office[target],
                kind=PrivilegedChangeKind.CLEARANCE,
                payload={
                    "level": level,
                    "starts_on": timezone.localdate().isoformat(),
                    "ends_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
                },
                reason=REASON,
                scope="Tài liệu mật",
            )
        assert message in str(error.value)
    assert PrivilegedChange.objects.count() == before


def test_a_secret_right_is_never_asked_as_a_plain_role(office):
    with pytest.raises(ValidationError) as error:
        unit_services.privileged_change_request(
            actor=office["coord_head"],
            target=office["coord_staff"],
            kind=PrivilegedChangeKind.ROLE,
            payload={
                "role": RoleCode.SECRECY_CLEARANCE,
                "starts_on": timezone.localdate().isoformat(),
                "ends_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
            },
            reason=REASON,
            scope="Tài liệu mật",
        )
    assert "theo tài liệu hoặc mức độ mật" in str(error.value)
    assert not PrivilegedChange.objects.exists()


def test_the_viewer_stays_one_query_with_a_clearance(office, hc_work, django_assert_num_queries):
    _clear(office, "deputy", Secrecy.CONFIDENTIAL)
    user = _fresh(office["deputy"])
    with django_assert_num_queries(1):
        permissions.viewer_for(user)
