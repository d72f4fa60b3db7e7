"""Rights to secrets as requests (Điều 11.6, 17): a unit head asks that one of his staff may see
one secret item of the unit for a period, or hold a secrecy clearance in the unit. The head's
asking is his approval, CY's head approves second; approval gives the door's grant row, which
the expiry sweep and a revocation at recertification take back. Both kinds stand on CY's page
of who holds what right, with their history."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from units import permissions, rights
from units import services as unit_services
from units.choices import PrivilegedChangeKind, PrivilegedChangeStatus, RoleCode, Secrecy
from units.models import PrivilegedChange, RoleAssignment, SecretGrant, Task

pytestmark = pytest.mark.django_db
REASON = "Cán bộ cần đọc tài liệu mật này để chuẩn bị báo cáo cho lãnh đạo"


def _task(cy, secrecy=Secrecy.CONFIDENTIAL, unit="hc", head="coord_head", owner="clerk"):
    return unit_services.task_create(
        actor=cy[head],
        unit=cy.units[unit],
        owner=cy[owner],
        title="Rà soát hồ sơ mật",
        due_working_days=5,
        secrecy=secrecy,
    )


def _payload(item, days=10, start=None, item_id=None):
    start = start or timezone.localdate()
    return {
        "item": item._meta.label_lower,
        "item_id": item_id or item.pk,
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=days)).isoformat(),
    }


def _ask(cy, item, actor="coord_head", target="coord_staff", reason=REASON, **kw):
    return unit_services.privileged_change_request(
        actor=cy[actor],
        target=cy[target],
        kind=PrivilegedChangeKind.SECRET_ITEM,
        payload=kw.pop("payload", None) or _payload(item, **kw),
        reason=reason,
        scope="Chuẩn bị báo cáo quý",
    )


def _sees(user, item) -> bool:
    fresh = get_user_model().objects.get(pk=user.pk)
    return permissions.visible(Task.objects.filter(pk=item.pk), fresh).exists()


def test_an_approved_secret_item_right_opens_that_item_for_its_period(cy):
    item = _task(cy)
    other = _task(cy)
    assert not _sees(cy["coord_staff"], item)
    change = _ask(cy, item)
    assert change.head_approved_by == cy["coord_head"]
    assert not _sees(cy["coord_staff"], item)  # nothing before the second approval
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    change.refresh_from_db()
    assert change.status == PrivilegedChangeStatus.APPROVED
    assignment = RoleAssignment.objects.get(granted_through=change)
    assert assignment.role.code == RoleCode.SECRET_ITEM and assignment.item == item
    assert _sees(cy["coord_staff"], item) and not _sees(cy["coord_staff"], other)
    grant = SecretGrant.objects.get(user=cy["coord_staff"], object_id=item.pk)
    assert grant.granted_by == cy["cy_head"] and f"số {change.pk}" in grant.reason
    # the label names kind, level and number, never the title
    assert "Mật" in assignment.right_label and "Rà soát" not in assignment.right_label


def test_the_expiry_sweep_takes_the_grant_row_back(cy):
    item = _task(cy)
    change = _ask(cy, item, days=2)
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    today = timezone.localdate()
    rights.rights_ended_sweep(today=today + timedelta(days=2))  # still in force
    assert _sees(cy["coord_staff"], item)
    rights.rights_ended_sweep(today=today + timedelta(days=3))
    assert not _sees(cy["coord_staff"], item)


def test_a_right_that_begins_later_opens_the_item_on_its_first_day(cy):
    item = _task(cy)
    start = timezone.localdate() + timedelta(days=2)
    change = _ask(cy, item, start=start)
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    assert not _sees(cy["coord_staff"], item)
    rights.rights_ended_sweep(today=start)
    assert _sees(cy["coord_staff"], item)


def test_revoked_at_recertification_the_item_closes(cy):
    item = _task(cy)
    change = _ask(cy, item, days=200)
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    assignment = RoleAssignment.objects.get(granted_through=change)
    RoleAssignment.objects.filter(pk=assignment.pk).update(
        starts_on=timezone.localdate() - timedelta(days=120)
    )
    assert assignment in rights.awaiting_recertification(timezone.localdate())
    rights.recertify(
        actor=cy["coord_head"],
        assignment=assignment,
        keep=False,
        reason="Báo cáo quý đã xong, không cần xem nữa",
    )
    assert not _sees(cy["coord_staff"], item)


@pytest.mark.parametrize(
    "case, message",
    [
        ("plain", "không mật"),
        ("other_unit", "Không tìm thấy tài liệu mật"),
        ("unknown_id", "Không tìm thấy tài liệu mật"),
        ("unknown_kind", "Không tìm thấy tài liệu mật"),
        ("already_sees", "đã được xem"),
        ("short_reason", "ít nhất"),
        ("no_period", "Nhập ngày kết thúc"),
    ],
)
def test_bad_requests_are_refused_with_a_message_and_write_nothing(cy, case, message):
    item = _task(cy)
    target = "coord_staff"
    reason = REASON
    payload = _payload(item)
    if case == "plain":
        payload = _payload(_task(cy, secrecy=Secrecy.NONE))
    elif case == "other_unit":
        payload = _payload(_task(cy, unit="tc", head="other_head", owner="other_staff"))
    elif case == "unknown_id":
        payload = _payload(item, item_id=item.pk + 1000)
    elif case == "unknown_kind":
        payload = {**payload, "item": "auth.user"}
    elif case == "already_sees":
        target = "clerk"  # the person in charge
    elif case == "short_reason":
        reason = "ngắn"
    elif case == "no_period":
        payload = {**payload, "ends_on": None}
    with pytest.raises(ValidationError) as error:
        _ask(cy, item, target=target, reason=reason, payload=payload)
    assert message in " ".join(error.value.messages)
    assert not PrivilegedChange.objects.exists()
    assert not RoleAssignment.objects.filter(role__code=RoleCode.SECRET_ITEM).exists()


def test_an_item_that_lost_its_secrecy_or_moved_is_not_granted(cy):
    item = _task(cy)
    change = _ask(cy, item)
    Task.objects.filter(pk=item.pk).update(lead_unit=cy.units["tc"])
    with pytest.raises(ValidationError):
        unit_services.privileged_change_approve(actor=cy["cy_head"], change=change)
    assert not RoleAssignment.objects.filter(role__code=RoleCode.SECRET_ITEM).exists()


def test_the_head_asks_both_kinds_from_his_page(client, cy):
    item = _task(cy)
    client.force_login(cy["coord_head"])
    url = reverse("cipher:unit-rights")
    start = timezone.localdate()
    dates = {
        "starts_on": start.strftime("%d/%m/%Y"),
        "ends_on": (start + timedelta(days=20)).strftime("%d/%m/%Y"),
    }
    response = client.post(
        url,
        {
            "form": "item",
            "mat-target": cy["coord_staff"].pk,
            "mat-item": "units.task",
            "mat-item_id": item.pk,
            "mat-scope": "Báo cáo quý",
            "mat-reason": REASON,
            **{f"mat-{key}": value for key, value in dates.items()},
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "form": "clearance",
            "do-mat-target": cy["coord_staff"].pk,
            "do-mat-level": Secrecy.CONFIDENTIAL,
            "do-mat-scope": "Tài liệu mật của phòng",
            "do-mat-reason": REASON,
            **{f"do-mat-{key}": value for key, value in dates.items()},
        },
    )
    assert response.status_code == 302
    kinds = set(PrivilegedChange.objects.values_list("kind", flat=True))
    assert kinds == {PrivilegedChangeKind.SECRET_ITEM, PrivilegedChangeKind.CLEARANCE}
    # a bad one: the page again with the message, nothing more written
    response = client.post(
        url,
        {
            "form": "item",
            "mat-target": cy["coord_staff"].pk,
            "mat-item": "units.task",
            "mat-item_id": item.pk + 999,
            "mat-scope": "Báo cáo quý",
            "mat-reason": REASON,
            **{f"mat-{key}": value for key, value in dates.items()},
        },
    )
    assert response.status_code == 200
    assert "Không tìm thấy tài liệu mật" in response.content.decode()
    assert PrivilegedChange.objects.count() == 2


def test_cys_register_shows_both_kinds_with_their_history(client, cy):
    item = _task(cy)
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=_ask(cy, item))
    start = timezone.localdate()
    clearance = unit_services.privileged_change_request(
        actor=cy["coord_head"],
        target=cy["coord_staff"],
        kind=PrivilegedChangeKind.CLEARANCE,
        payload={
            "level": Secrecy.SECRET,
            "starts_on": start.isoformat(),
            "ends_on": (start + timedelta(days=20)).isoformat(),
        },
        reason=REASON,
        scope="Tài liệu mật của phòng",
    )
    unit_services.privileged_change_approve(actor=cy["cy_head"], change=clearance)
    client.force_login(cy["cy_head"])
    page = client.get(reverse("cipher:rights")).content.decode()
    assert "Quyền xem tài liệu mật (từng tài liệu)" in page
    assert "Mật số" in page  # the item named by kind, level and number
    assert "Rà soát hồ sơ mật" not in page  # no secret title on CY's page
    assert "Tối mật – " in page
    held = RoleAssignment.objects.get(granted_through=clearance)
    detail = client.get(reverse("cipher:right", args=[held.pk])).content.decode()
    assert "Tối mật" in detail and REASON[:20] in detail
    # CY's page stays 404 to the head who asked
    client.force_login(cy["coord_head"])
    assert client.get(reverse("cipher:rights")).status_code == 404
