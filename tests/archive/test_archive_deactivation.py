"""A staff member who still holds files cannot be deactivated (693-QĐ/VPTW Điều 23): the
generic guard of `units.deactivation`, registered by the archive, asked by the service and by
the admin's account pages; leadership may override with a reason."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from units import ownership
from units import services as unit_services
from units.deactivation import GUARDS, deactivation_refusals
from units.models import StaffMember

pytestmark = pytest.mark.django_db

LONG_REASON = "Đồng chí nghỉ hưu, Trưởng phòng nhận bàn giao hồ sơ"


def test_the_archive_registers_its_guard():
    assert "archive.files_held" in GUARDS


def test_deactivation_with_files_held_is_refused_naming_them_and_nothing_changes(office, flow):
    flow.open(code="TH-07")
    staff = office["staff"]
    with pytest.raises(ValidationError) as error:
        unit_services.staff_deactivate(actor=office["sysadmin"], user=staff, reason="Nghỉ hưu")
    assert "TH-07" in str(error.value) and "chưa nộp lưu" in str(error.value)
    staff.refresh_from_db()
    assert staff.is_active and StaffMember.objects.get(user=staff).is_active


def test_leadership_overrides_only_with_a_reason(office, flow):
    flow.open(code="TH-07")
    staff = office["staff"]
    with pytest.raises(ValidationError, match="ghi rõ lý do"):
        unit_services.staff_deactivate(actor=office["chief"], user=staff, reason="Nghỉ hưu")
    unit_services.staff_deactivate(
        actor=office["chief"], user=staff, reason="Nghỉ hưu", override_reason=LONG_REASON
    )
    staff.refresh_from_db()
    assert not staff.is_active
    assert LONG_REASON in StaffMember.objects.get(user=staff).history.first().history_change_reason


def test_once_the_files_are_transferred_he_may_leave(office, flow):
    record_file = flow.closed()
    assert deactivation_refusals(office["staff"])
    flow.accepted([record_file])
    assert deactivation_refusals(office["staff"]) == []
    unit_services.staff_deactivate(actor=office["sysadmin"], user=office["staff"], reason="Nghỉ")
    assert not StaffMember.objects.get(user=office["staff"]).is_active


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_account_page_asks_the_guards(office, flow):
    record_file = flow.open(code="TH-07")
    staff = office["staff"]
    staff_member = StaffMember.objects.get(user=staff)
    url = reverse("admin:units_staffmember_change", args=[staff_member.pk])
    data = {
        "user": staff.pk,
        "unit": staff_member.unit_id,
        "position": staff_member.position,
        "title": "",
        "reason": "",
    }
    response = _admin(office["sysadmin"]).post(url, {**data, "reason": LONG_REASON})
    assert response.status_code == 200
    assert "TH-07" in response.content.decode()
    assert StaffMember.objects.get(pk=staff_member.pk).is_active
    # Once the file is handed to a colleague, the same form deactivates him.
    ownership.work_reassign(
        actor=office["head"], obj=record_file, new_owner=office["staff2"], reason="Bàn giao"
    )
    response = _admin(office["sysadmin"]).post(url, data)
    assert response.status_code == 302
    assert not StaffMember.objects.get(pk=staff_member.pk).is_active


def test_the_admin_user_page_asks_the_guards(office, flow):
    flow.open(code="TH-07")
    staff = office["staff"]
    url = reverse("admin:auth_user_change", args=[staff.pk])
    data = {
        "username": staff.username,
        "first_name": staff.first_name,
        "last_name": staff.last_name,
        "email": staff.email,
        "date_joined_0": "01/01/2026",
        "date_joined_1": "08:00:00",
        "reason": "",
    }
    response = _admin(office["sysadmin"]).post(url, data)
    assert response.status_code == 200
    assert "TH-07" in response.content.decode()
    staff.refresh_from_db()
    assert staff.is_active


def _deactivate_url(user) -> str:
    return reverse("units:staff-deactivate", args=[StaffMember.objects.get(user=user).pk])


@pytest.mark.parametrize("leader", ["chief", "dc"])
def test_leadership_page_names_the_files_and_overrides_with_a_reason(office, flow, leader):
    flow.open(code="TH-07")
    staff = office["staff"]
    client = _admin(office[leader])
    url = _deactivate_url(staff)
    page = client.get(url).content.decode()
    assert "TH-07" in page and "chưa nộp lưu" in page
    response = client.post(url, {"reason": "Nghỉ hưu", "override_reason": LONG_REASON})
    assert response.status_code == 302
    staff.refresh_from_db()
    staff_member = StaffMember.objects.get(user=staff)
    assert not staff.is_active and not staff_member.is_active
    reason = staff_member.history.first().history_change_reason
    assert "Nghỉ hưu" in reason and LONG_REASON in reason


def test_leadership_page_refuses_a_short_reason_and_nothing_changes(office, flow):
    flow.open(code="TH-07")
    staff = office["staff"]
    url = _deactivate_url(staff)
    count = unit_services.privileged_reason_min_length()
    versions = StaffMember.objects.get(user=staff).history.count()
    response = _admin(office["chief"]).post(url, {"reason": "Nghỉ hưu", "override_reason": "Ok"})
    assert response.status_code == 200
    assert f"Ghi rõ lý do (ít nhất {count} ký tự)." in response.content.decode()
    staff.refresh_from_db()
    assert staff.is_active and StaffMember.objects.get(user=staff).is_active
    assert StaffMember.objects.get(user=staff).history.count() == versions


@pytest.mark.parametrize("who", ["head", "lt_head", "sysadmin", "staff2"])
def test_the_leadership_page_is_404_for_anyone_else(office, flow, who):
    flow.open(code="TH-07")
    url = _deactivate_url(office["staff"])
    client = _admin(office[who])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Nghỉ", "override_reason": LONG_REASON}).status_code == 404
    assert StaffMember.objects.get(user=office["staff"]).is_active


def test_the_pages_of_the_staff_member_link_to_the_override(office, flow):
    """The admin page that refuses the deactivation points to it; the unit's page shows it to
    leadership only."""
    staff_member = StaffMember.objects.get(user=office["staff"])
    admin_url = reverse("admin:units_staffmember_change", args=[staff_member.pk])
    link = _deactivate_url(office["staff"])
    sysadmin = _admin(office["sysadmin"])
    assert link not in sysadmin.get(admin_url).content.decode()
    flow.open(code="TH-07")
    assert link in sysadmin.get(admin_url).content.decode()
    unit_url = reverse("units:unit", args=[staff_member.unit.code])
    assert link in _admin(office["chief"]).get(unit_url).content.decode()
    assert link not in _admin(office["head"]).get(unit_url).content.decode()
