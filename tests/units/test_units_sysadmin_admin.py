"""#9: Cipher–IT's administrator (the system administrator role, like demo `cy.truong`) does in
the admin what users are told to ask him for: unlock sign-ins, keep the working-day calendar and
the report deadlines, read the secret-document access log (read only), and create an account
with its place in the office and its roles on one Vietnamese page."""

from datetime import date
from importlib import import_module

import pytest
from axes.models import AccessAttempt
from django.apps import apps as django_apps
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.models import DayOff
from tests.units.conftest import SYSADMIN
from units.choices import Position, RoleCode
from units.models import RoleAssignment, SecretAccess, StaffMember
from units.services import role_for
from workprograms.models import ReportDeadline

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "Mat-khau-moi-2026!x"


@pytest.fixture
def cy_head(office, make_person):
    return make_person("cy_truong", Position.HEAD, office.units["cy"], roles=SYSADMIN)


@pytest.fixture
def locked(db):
    return AccessAttempt.objects.create(
        username="th_staff",
        ip_address="10.0.0.7",
        user_agent="Firefox",
        http_accept="*/*",
        path_info="/dang-nhap/",
        get_data="",
        post_data="",
        failures_since_start=5,
    )


def test_the_administrator_sees_the_lockouts_in_vietnamese_and_unlocks(client, cy_head, locked):
    client.force_login(cy_head)
    page = client.get("/admin/axes/accessattempt/").content.decode()
    assert "Đang bị khóa" in page and "10.0.0.7" in page
    assert "Mở khóa đăng nhập" in page
    for url in ("/admin/axes/accesslog/", "/admin/axes/accessfailurelog/"):
        assert client.get(url).status_code == 200
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": [locked.pk]},
        follow=True,
    )
    assert "Đã mở khóa 1 lượt đăng nhập bị chặn." in response.content.decode()
    assert not AccessAttempt.objects.exists()
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert entry.user_id == cy_head.pk


def test_others_neither_see_nor_unlock_lockouts(client, office, locked):
    client.force_login(office["head"])
    assert client.get("/admin/axes/accessattempt/").status_code in (302, 403)
    client.post("/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": [locked.pk]})
    assert AccessAttempt.objects.exists()


def test_the_administrator_keeps_the_working_day_calendar(client, cy_head):
    client.force_login(cy_head)
    response = client.post(
        "/admin/core/dayoff/add/",
        {
            "date": "02/01/2026",
            "name": "Nghỉ bù Tết Dương lịch",
            "kind": "off",
            "reason": "Quyết định nghỉ bù của Ban Thường vụ",
        },
    )
    assert response.status_code == 302
    assert DayOff.objects.get(date=date(2026, 1, 2)).name == "Nghỉ bù Tết Dương lịch"


def test_the_administrator_keeps_the_report_deadlines(client, cy_head):
    import_module("workprograms.migrations.0002_report_deadlines").seed(django_apps, None)
    deadline = ReportDeadline.objects.order_by("pk").first()
    client.force_login(cy_head)
    response = client.post(
        f"/admin/workprograms/reportdeadline/{deadline.pk}/change/",
        {
            "kind": deadline.kind,
            "working_day": 7,
            "remind_days_before": 3,
            "reason": "Điều chỉnh theo quy chế mới",
        },
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert (deadline.working_day, deadline.remind_days_before) == (7, 3)


def test_the_administrator_reads_the_secret_access_log_only(client, office, cy_head, work):
    SecretAccess.objects.create(
        content_type=ContentType.objects.get_for_model(work["secret_task"]),
        object_id=work["secret_task"].pk,
        user=office["owner"],
        via="site",
        at=timezone.now(),
    )
    row = SecretAccess.objects.get()
    client.force_login(cy_head)
    page = client.get("/admin/units/secretaccess/").content.decode()
    assert "Cán bộ th_owner" in page and "Công việc" in page
    assert client.get(f"/admin/units/secretaccess/{row.pk}/change/").status_code == 200
    assert client.get("/admin/units/secretaccess/add/").status_code == 403
    client.post(f"/admin/units/secretaccess/{row.pk}/delete/", {"post": "yes"})
    assert SecretAccess.objects.filter(pk=row.pk).exists()
    client.force_login(office["head"])
    assert client.get("/admin/units/secretaccess/").status_code in (302, 403)


# One account-creation page -------------------------------------------------------------------


def account(office, **fields):
    data = {
        "username": "tc_moi",
        "full_name": "Lê Thị Mới",
        "email": "tc.moi@vanphong.local",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "unit": office.units["tc"].pk,
        "position": Position.SPECIALIST,
        "title": "",
        "roles": [role_for(RoleCode.FINANCE_OFFICER).pk],
    }
    data.update(fields)
    return data


def test_one_vietnamese_page_creates_account_place_and_roles(client, office, cy_head):
    client.force_login(cy_head)
    page = client.get("/admin/auth/user/add/").content.decode()
    for label in (
        "Tên đăng nhập",
        "Họ và tên",
        "Đơn vị",
        "Chức vụ",
        "Vai trò",
        "Nhập lại mật khẩu",
    ):
        assert label in page
    assert "First, enter a username" not in page
    response = client.post("/admin/auth/user/add/", account(office))
    assert response.status_code == 302
    user = User.objects.get(username="tc_moi")
    assert (user.first_name, user.last_name) == ("Lê Thị", "Mới")
    assert user.check_password(NEW_PASSWORD)
    staff = StaffMember.objects.get(user=user)
    assert (staff.unit, staff.position) == (office.units["tc"], Position.SPECIALIST)
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.role.code == RoleCode.FINANCE_OFFICER
    assert assignment.granted_by == cy_head
    assert user.history.latest().history_user == cy_head


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"password2": "khac-hoan-toan-2026"}, "Hai mật khẩu không khớp."),
        ({"unit": ""}, "Lãnh đạo Văn phòng không thuộc đơn vị nào"),
        (
            {"position": Position.DEPUTY_CHIEF, "unit": ""},
            "Hãy chọn một lựa chọn hợp lệ",
        ),
    ],
)
def test_bad_account_input_is_refused_in_vietnamese_and_nothing_is_written(
    client, office, cy_head, fields, message
):
    client.force_login(cy_head)
    users = User.objects.count()
    response = client.post("/admin/auth/user/add/", account(office, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == users
    assert not StaffMember.objects.filter(user__username="tc_moi").exists()


def test_the_administrators_role_is_not_given_on_the_creation_page(client, office, cy_head):
    client.force_login(cy_head)
    admin_role = role_for(RoleCode.SYSTEM_ADMIN)
    response = client.post("/admin/auth/user/add/", account(office, roles=[admin_role.pk]))
    assert response.status_code == 200
    assert not User.objects.filter(username="tc_moi").exists()
