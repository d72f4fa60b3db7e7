from datetime import date

import pytest
from django.urls import reverse

from core import services
from core.models import DayOff, DayOffKind

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "units.backends.OfficeModelBackend"


@pytest.fixture
def admin_client_(client, make_user):
    admin = make_user(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin, backend=MODEL_BACKEND)
    return client


def test_day_off_list_filters_by_year(admin_client_):
    DayOff.objects.create(date=date(2025, 4, 26), name="Làm bù 2025", kind=DayOffKind.WORK)
    DayOff.objects.create(date=date(2026, 3, 10), name="Nghỉ thêm 2026", kind=DayOffKind.OFF)
    url = reverse("admin:core_dayoff_changelist")

    everything = admin_client_.get(url).content.decode()
    only_2026 = admin_client_.get(url, {"year": "2026"}).content.decode()

    assert "Làm bù 2025" in everything and "Nghỉ thêm 2026" in everything
    assert "Nghỉ thêm 2026" in only_2026
    assert "Làm bù 2025" not in only_2026


def test_day_off_changes_are_recorded_in_history(admin_client_):
    response = admin_client_.post(
        reverse("admin:core_dayoff_add"),
        {
            "date": "14/03/2026",
            "name": "Làm bù thứ Bảy",
            "kind": DayOffKind.WORK,
            "reason": "Làm bù cho ngày nghỉ lễ",
        },
    )
    assert response.status_code == 302
    day = DayOff.objects.get()
    assert day.date == date(2026, 3, 14)
    assert day.history.get().history_change_reason == "Làm bù cho ngày nghỉ lễ"


def test_notifications_are_read_only_in_admin(admin_client_, user):
    [notification] = services.notify(recipients=[user], title="Thông báo thử", email=False)
    assert admin_client_.get(reverse("admin:core_notification_changelist")).status_code == 200
    assert admin_client_.get(reverse("admin:core_notification_add")).status_code == 403
    detail = admin_client_.get(reverse("admin:core_notification_change", args=[notification.pk]))
    assert detail.status_code == 200
    assert 'name="title"' not in detail.content.decode()


def test_generated_files_list_in_admin(admin_client_):
    assert admin_client_.get(reverse("admin:core_generatedfile_changelist")).status_code == 200


def test_the_admin_greets_by_full_name(client, django_user_model):
    leader = django_user_model.objects.create_user(
        "chanh", password="x", first_name="Nguyễn Văn", last_name="Chánh", is_staff=True
    )
    client.force_login(leader)
    html = client.get("/admin/").content.decode()
    assert "<strong>Nguyễn Văn Chánh</strong>" in html
