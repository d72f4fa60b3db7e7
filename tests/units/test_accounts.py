"""Account takeover closed (issue 16): the account administrator, tried over HTTP through the
admin, cannot set a leader's password, make himself superuser or approve his own request; a
second person's approval applies the change, records it with a reason and tells the owner."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import Notification
from tests.units.conftest import PASSWORD, SYSADMIN
from units import permissions, services
from units.choices import Position, PrivilegedChangeKind, PrivilegedChangeStatus, RoleCode
from units.models import PrivilegedChange, RoleAssignment

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "Mat-khau-moi-2026!x"
REASON = "Đồng chí báo quên mật khẩu qua điện thoại, đã xác minh trực tiếp"


@pytest.fixture
def cy_head(office, make_person):
    """Like `cy.truong`: Cipher–IT's head, who is also a system administrator."""
    return make_person("cy_truong", Position.HEAD, office.units["cy"], roles=SYSADMIN)


def _set_password(client, target, reason=REASON):
    return client.post(
        f"/admin/auth/user/{target.pk}/password/",
        {
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
            "reason": reason,
        },
        follow=True,
    )


def _change_form(user, **fields):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "reason": REASON,
    }
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(fields)
    return data


def test_the_administrator_resets_an_ordinary_password_recorded_and_told(client, office, cy_head):
    staff = office["staff"]
    client.force_login(cy_head)
    response = _set_password(client, staff)
    assert "Đã đặt lại mật khẩu." in response.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)
    row = staff.history.first()
    assert row.history_user == cy_head and row.history_change_reason == REASON
    assert Notification.objects.filter(recipient=staff, title__contains="Mật khẩu").exists()


def test_setting_the_chiefs_password_is_only_a_pending_request(client, office, cy_head):
    chief = office["chief"]
    client.force_login(cy_head)
    response = _set_password(client, chief)
    assert "chờ người thứ hai duyệt" in response.content.decode()
    chief.refresh_from_db()
    assert chief.check_password(PASSWORD) and not chief.check_password(NEW_PASSWORD)
    change = PrivilegedChange.objects.get(target=chief)
    assert change.kind == PrivilegedChangeKind.PASSWORD and change.is_pending
    assert change.requested_by == cy_head and change.reason == REASON
    approvers = {user.pk for user in permissions.privileged_change_approvers(change)}
    assert approvers == {office["dc_in_charge"].pk, office["dc_other"].pk}
    assert Notification.objects.filter(recipient=chief, title__contains="đề nghị").exists()


def test_a_privileged_request_without_a_reason_is_refused(client, office, cy_head):
    client.force_login(cy_head)
    response = _set_password(client, office["dc_in_charge"], reason="quên")
    assert "Ghi rõ lý do (ít nhất 20 ký tự)." in response.content.decode()
    assert not PrivilegedChange.objects.exists()


def test_he_cannot_make_himself_superuser(client, office, cy_head):
    client.force_login(cy_head)
    response = client.post(
        f"/admin/auth/user/{cy_head.pk}/change/", _change_form(cy_head, is_superuser="on")
    )
    assert response.status_code == 200
    assert "Không ai được tự cấp quyền" in response.content.decode()
    cy_head.refresh_from_db()
    assert not cy_head.is_superuser
    assert not PrivilegedChange.objects.exists()


def test_superuser_for_someone_else_is_asked_not_applied(client, office, cy_head):
    staff = office["staff"]
    client.force_login(cy_head)
    response = client.post(
        f"/admin/auth/user/{staff.pk}/change/", _change_form(staff, is_superuser="on")
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.is_superuser
    change = PrivilegedChange.objects.get(target=staff)
    assert change.kind == PrivilegedChangeKind.SUPERUSER and change.payload == {"value": True}


def _ask_role(client, target, code=RoleCode.RECORDS_CLERK):
    from units.models import Role

    return client.post(
        "/admin/units/privilegedchange/add/",
        {
            "target": target.pk,
            "kind": PrivilegedChangeKind.ROLE,
            "role": Role.objects.get(code=code).pk,
            "scope": "Sổ văn bản đến của Văn phòng",
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "reason": REASON,
        },
    )


def _decide(client, change, action="approve_selected"):
    return client.post(
        "/admin/units/privilegedchange/",
        {"action": action, "_selected_action": [change.pk]},
        follow=True,
    )


def test_he_cannot_give_himself_a_role(client, office, cy_head):
    client.force_login(cy_head)
    response = _ask_role(client, cy_head)
    assert response.status_code == 200
    assert "Không ai được tự cấp quyền" in response.content.decode()
    assert not PrivilegedChange.objects.exists()


def test_approving_his_own_request_is_refused_then_the_head_and_the_chief_apply_it(
    client, office, cy_head
):
    """A right of a unit's staff member passes his head first (the acting head today), then the
    chief or Cipher–IT's head: never the requester."""
    staff = office["staff"]
    client.force_login(cy_head)
    assert _ask_role(client, staff).status_code == 302
    change = PrivilegedChange.objects.get(target=staff)
    assert not permissions.viewer_for(staff).is_records_clerk
    assert [user.pk for user in permissions.privileged_change_approvers(change)] == [
        office["acting_head"].pk
    ]

    response = _decide(client, change)
    assert "Bạn không được duyệt đề nghị này" in response.content.decode()
    client.force_login(office["chief"])
    response = _decide(client, change)
    assert "Bạn không được duyệt đề nghị này" in response.content.decode()
    change.refresh_from_db()
    assert change.status == PrivilegedChangeStatus.PENDING
    assert not RoleAssignment.objects.filter(user=staff).exists()

    services.privileged_change_approve(actor=office["acting_head"], change=change)
    change.refresh_from_db()
    assert change.is_pending and change.head_approved_by == office["acting_head"]
    assert not RoleAssignment.objects.filter(user=staff).exists()

    response = _decide(client, change)
    assert "Đã duyệt và áp dụng 1 đề nghị." in response.content.decode()
    change.refresh_from_db()
    assert change.status == PrivilegedChangeStatus.APPROVED
    assert change.decided_by == office["chief"]
    assignment = RoleAssignment.objects.get(user=staff)
    assert assignment.role.code == RoleCode.RECORDS_CLERK
    assert assignment.granted_by == office["chief"]
    row = assignment.history.get()
    assert row.history_user == office["chief"] and REASON in row.history_change_reason
    staff = User.objects.get(pk=staff.pk)
    assert permissions.viewer_for(staff).is_records_clerk
    assert Notification.objects.filter(recipient=staff, title__contains="đã được thay đổi").exists()


def test_the_chief_approves_a_deputy_chiefs_password_reset(client, office, cy_head):
    deputy_chief = office["dc_in_charge"]
    client.force_login(cy_head)
    _set_password(client, deputy_chief)
    change = PrivilegedChange.objects.get(target=deputy_chief)
    assert [user.pk for user in permissions.privileged_change_approvers(change)] == [
        office["chief"].pk
    ]
    client.force_login(office["dc_other"])
    _decide(client, change)
    change.refresh_from_db()
    assert change.is_pending
    client.force_login(office["chief"])
    _decide(client, change)
    deputy_chief.refresh_from_db()
    assert deputy_chief.check_password(NEW_PASSWORD)
    row = deputy_chief.history.first()
    assert row.history_user == office["chief"] and REASON in row.history_change_reason
    change.refresh_from_db()
    assert "password_hash" not in change.payload
    assert Notification.objects.filter(
        recipient=deputy_chief, title__contains="đã được thay đổi"
    ).exists()


def test_the_system_administrators_rights_follow_the_role_by_date(office, cy_head):
    from datetime import timedelta

    from django.utils import timezone

    assert User.objects.get(pk=cy_head.pk).has_perm("auth.change_user")
    yesterday = timezone.localdate() - timedelta(days=1)
    RoleAssignment.objects.filter(user=cy_head).update(
        starts_on=yesterday - timedelta(days=10), ends_on=yesterday
    )
    assert not User.objects.get(pk=cy_head.pk).has_perm("auth.change_user")


def test_he_cannot_change_his_own_place_in_the_office(client, office, cy_head):
    client.force_login(cy_head)
    own = f"/admin/units/staffmember/{cy_head.staff.pk}/change/"
    response = client.post(
        own, {"user": cy_head.pk, "position": Position.DEPUTY_CHIEF, "is_active": "on"}
    )
    assert response.status_code == 403
    cy_head.staff.refresh_from_db()
    assert cy_head.staff.position == Position.HEAD
    other = office["staff"].staff
    assert client.get(f"/admin/units/staffmember/{other.pk}/change/").status_code == 200
