"""Rights as requests (Điều 11.6), the units mechanism CY runs: a unit head asks a right for one
of his staff with a reason of the set length, a scope and a period; his asking is the head's
approval and CY's head (or the chief) approves second, never the requester nor the beneficiary;
the right ends by itself; every period each head recertifies, and what nobody recertified in
time is revoked and the head told."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import Notification
from units import permissions, rights
from units import services as unit_services
from units.choices import (
    PrivilegedChangeKind,
    PrivilegedChangeStatus,
    RecertificationDecision,
    RoleCode,
)
from units.models import PrivilegedChange, RightsPolicy, RoleAssignment, RoleRecertification

pytestmark = pytest.mark.django_db
REASON = "Văn thư nghỉ phép ba tháng, cần người vào sổ văn bản đến"


def _payload(days=30, start=None, role=RoleCode.RECORDS_CLERK):
    start = start or timezone.localdate()
    return {
        "role": role,
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=days)).isoformat() if days is not None else None,
    }


def _ask(office, actor="coord_head", target="coord_staff", reason=REASON, scope="Sổ đến", **kw):
    return unit_services.privileged_change_request(
        actor=office[actor],
        target=office[target],
        kind=PrivilegedChangeKind.ROLE,
        payload=kw.pop("payload", _payload()),
        reason=reason,
        scope=scope,
    )


def _clerk(user) -> bool:
    from django.contrib.auth import get_user_model

    return permissions.viewer_for(get_user_model().objects.get(pk=user.pk)).is_records_clerk


def test_a_heads_request_waits_only_for_cipher_its_head(cy):
    change = _ask(cy)
    assert change.head_approved_by == cy["coord_head"]
    approvers = {user.pk for user in permissions.privileged_change_approvers(change)}
    assert approvers == {cy["chief"].pk, cy["cy_head"].pk}
    assert Notification.objects.filter(recipient=cy["cy_head"], title__contains="chờ duyệt")
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    change.refresh_from_db()
    assert change.status == PrivilegedChangeStatus.APPROVED
    assignment = RoleAssignment.objects.get(user=cy["coord_staff"])
    assert assignment.granted_by == cy["cy_head"] and assignment.granted_through == change
    assert assignment.scope == "Sổ đến"
    assert assignment.ends_on == timezone.localdate() + timedelta(days=30)
    assert _clerk(cy["coord_staff"])


def test_the_requester_and_the_beneficiary_never_approve(cy):
    change = _ask(cy)
    for who in ("coord_head", "coord_staff", "other_head", "dc_in_charge"):
        with pytest.raises(PermissionDenied):
            unit_services.privileged_change_approve(actor=cy[who], change=change)
    change.refresh_from_db()
    assert change.is_pending and not RoleAssignment.objects.filter(user=cy["coord_staff"])


def test_nobody_asks_a_right_for_himself(cy):
    with pytest.raises(ValidationError) as error:
        _ask(cy, target="coord_head")
    assert "Không ai được tự cấp quyền" in error.value.messages[0]
    assert not PrivilegedChange.objects.exists()


def test_a_head_asks_only_for_his_own_staff(cy):
    with pytest.raises(ValidationError) as error:
        _ask(cy, actor="other_head")
    assert "Chỉ Trưởng đơn vị" in error.value.messages[0]
    assert not PrivilegedChange.objects.exists()


def test_a_reason_too_short_is_refused_and_its_length_is_data(cy):
    with pytest.raises(ValidationError) as error:
        _ask(cy, reason="Cần gấp")
    assert error.value.message_dict["reason"] == ["Ghi rõ lý do (ít nhất 20 ký tự)."]
    assert not PrivilegedChange.objects.exists()
    RightsPolicy.objects.update(reason_min_length=80)
    with pytest.raises(ValidationError) as error:
        _ask(cy)
    assert error.value.message_dict["reason"] == ["Ghi rõ lý do (ít nhất 80 ký tự)."]


def test_a_right_needs_its_scope_and_a_bounded_period(cy):
    with pytest.raises(ValidationError) as error:
        _ask(cy, scope="  ")
    assert error.value.message_dict["scope"] == ["Ghi rõ phạm vi của quyền."]
    with pytest.raises(ValidationError) as error:
        _ask(cy, payload=_payload(days=None))
    assert "quyền chỉ cấp có thời hạn" in error.value.message_dict["ends_on"][0]
    with pytest.raises(ValidationError) as error:
        _ask(cy, payload=_payload(days=400))
    assert error.value.message_dict["ends_on"] == ["Quyền được cấp tối đa 366 ngày."]
    assert not PrivilegedChange.objects.exists()


def test_an_administrators_request_waits_for_the_head_first(cy):
    change = _ask(cy, actor="cy_head")
    assert change.head_approved_by is None
    assert [user.pk for user in permissions.privileged_change_approvers(change)] == [
        cy["coord_head"].pk
    ]
    with pytest.raises(PermissionDenied):
        unit_services.privileged_change_approve(actor=cy["chief"], change=change)
    unit_services.privileged_change_approve(actor=cy["coord_head"], change=change)
    change.refresh_from_db()
    assert change.is_pending and not _clerk(cy["coord_staff"])
    # CY's head asked: the chief is the second approver, not he.
    assert [user.pk for user in permissions.privileged_change_approvers(change)] == [cy["chief"].pk]
    unit_services.privileged_change_approve(actor=cy["chief"], change=change)
    assert _clerk(cy["coord_staff"])


def test_a_role_of_a_new_app_is_asked_the_same_way(cy):
    from units.models import Role

    Role.objects.create(code="archive_reader", name="Tra cứu lưu trữ")
    change = _ask(cy, payload=_payload(role="archive_reader"))
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    assert permissions.viewer_for(cy["coord_staff"]).has_role("archive_reader")


def test_the_right_ends_by_itself_and_the_holder_and_head_are_told(cy):
    change = _ask(cy, payload=_payload(days=3))
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    assignment = RoleAssignment.objects.get(user=cy["coord_staff"])
    after = assignment.ends_on + timedelta(days=1)
    assert not RoleAssignment.objects.valid_on(after).filter(pk=assignment.pk).exists()
    assert rights.rights_ended_sweep(today=after) == 1
    assert rights.rights_ended_sweep(today=after + timedelta(days=1)) == 0
    told = Notification.objects.filter(title__startswith="Hết thời hạn quyền")
    assert set(told.values_list("recipient_id", flat=True)) == {
        cy["coord_staff"].pk,
        cy["coord_head"].pk,
    }


def test_an_ended_administrator_role_takes_back_admin_access(cy):
    change = _ask(cy, payload=_payload(days=2, role=RoleCode.SYSTEM_ADMIN))
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    cy["coord_staff"].refresh_from_db()
    assert cy["coord_staff"].is_staff
    ended = timezone.localdate() + timedelta(days=3)
    rights.rights_ended_sweep(today=ended)
    cy["coord_staff"].refresh_from_db()
    assert not cy["coord_staff"].is_staff


def _held_since_last_period(cy):
    """A right granted last period, so this period's recertification concerns it."""
    change = _ask(cy, payload=_payload(days=200))
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    assignment = RoleAssignment.objects.get(user=cy["coord_staff"])
    start = rights.period_start(timezone.localdate())
    RoleAssignment.objects.filter(pk=assignment.pk).update(starts_on=start - timedelta(days=10))
    assignment.refresh_from_db()
    return assignment


def test_quarters_are_the_default_period():
    assert rights.period_start(date(2026, 5, 17)) == date(2026, 4, 1)
    assert rights.period_start(date(2026, 12, 31)) == date(2026, 10, 1)
    assert rights.recertification_deadline(date(2026, 4, 1)) == date(2026, 4, 16)


def test_the_head_keeps_or_revokes_with_a_reason(cy):
    assignment = _held_since_last_period(cy)
    assert list(rights.awaiting_recertification(timezone.localdate())) == [assignment]
    with pytest.raises(ValidationError) as error:
        rights.recertify(actor=cy["coord_head"], assignment=assignment, keep=True, reason="giữ")
    assert error.value.message_dict["reason"] == ["Ghi rõ lý do (ít nhất 20 ký tự)."]
    assert not RoleRecertification.objects.exists()
    with pytest.raises(PermissionDenied):
        rights.recertify(actor=cy["other_head"], assignment=assignment, keep=True, reason=REASON)
    rights.recertify(actor=cy["coord_head"], assignment=assignment, keep=False, reason=REASON)
    assert not _clerk(cy["coord_staff"])
    row = RoleRecertification.objects.get()
    assert row.decision == RecertificationDecision.REVOKE and row.decided_by == cy["coord_head"]
    assert not rights.awaiting_recertification(timezone.localdate()).exists()


def test_rights_not_recertified_in_time_are_revoked_and_the_head_told(cy):
    assignment = _held_since_last_period(cy)
    start = rights.period_start(timezone.localdate())
    deadline = rights.recertification_deadline(start)
    assert rights.recertification_sweep(today=start)["reminded"] == 1
    assert rights.recertification_sweep(today=deadline)["revoked"] == 0
    RoleAssignment.objects.filter(pk=assignment.pk).update(starts_on=start - timedelta(days=30))
    result = rights.recertification_sweep(today=deadline + timedelta(days=1))
    assert result["revoked"] == 1
    assignment.refresh_from_db()
    assert assignment.ends_on == deadline
    row = RoleRecertification.objects.get()
    assert row.decision == RecertificationDecision.REVOKE and row.decided_by is None
    assert Notification.objects.filter(
        recipient=cy["coord_head"], title__contains="không được rà soát đúng hạn"
    ).exists()
    assert rights.recertification_sweep(today=deadline + timedelta(days=2))["revoked"] == 0
