"""Guarding and fire safety (Điều 9.3): the equipment register and its reminders, drills with
participants and minutes, inspections whose findings become QT's tasks, the guard roster that
refuses one guard on two overlapping shifts; bad input with its Vietnamese message and nothing
written; QT's books hidden from other units; constant queries on every list page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from facilities.models_fire import (
    FireDrill,
    FireEquipment,
    FireEquipmentKind,
    FireFinding,
    FireInspection,
    GuardShift,
)
from facilities.schedule import BEAT_SCHEDULE
from facilities.services import fire
from tests.facilities.conftest import at
from units.models import Task


def client_for(user) -> Client:
    http = Client()
    http.force_login(user)
    return http


def _queries(http, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert http.get(url).status_code == 200
    return len(captured.captured_queries)


def _equipment(office, *, name="Bình bột 8 kg", due_in=100, last_ago=265):
    today = timezone.localdate()
    return fire.equipment_register(
        actor=office["qt_cv"],
        kind=FireEquipmentKind.EXTINGUISHER_POWDER,
        name=name,
        location="Hành lang tầng 2",
        quantity=4,
        last_inspected_on=today - timedelta(days=last_ago),
        next_due_on=today + timedelta(days=due_in),
    )


def _inspection(office, findings=("Lối thoát nạn có vật cản",)):
    return fire.inspection_record(
        actor=office["qt_cv"],
        inspected_on=timezone.localdate(),
        inspector="Công an tỉnh",
        scope="Nhà A",
        findings=findings,
    )


def _shift(office, who="driver", start=(0, 18), end=(1, 6), post="Cổng chính"):
    return fire.shift_create(
        actor=office["qt_cv"],
        guard=office[who],
        post=post,
        starts_at=at(*start),
        ends_at=at(*end),
    )


class TestEquipment:
    def test_the_register_and_an_inspection_move_the_dates(self, office):
        equipment = _equipment(office)
        today = timezone.localdate()
        fire.equipment_inspect(
            actor=office["qt_cv"],
            equipment=equipment,
            inspected_on=today,
            next_due_on=today + timedelta(days=365),
        )
        equipment.refresh_from_db()
        assert equipment.last_inspected_on == today
        assert equipment.next_due_on == today + timedelta(days=365)

    def test_next_inspection_before_the_last_is_refused_and_nothing_written(self, office):
        today = timezone.localdate()
        with pytest.raises(ValidationError) as error:
            fire.equipment_register(
                actor=office["qt_cv"],
                kind=FireEquipmentKind.HYDRANT,
                name="Họng nước",
                location="Nhà B",
                quantity=1,
                last_inspected_on=today,
                next_due_on=today - timedelta(days=1),
            )
        assert error.value.message_dict["next_due_on"] == [
            "Hạn kiểm tra tiếp theo phải sau ngày kiểm tra lần cuối."
        ]
        assert not FireEquipment.objects.exists()

    def test_an_inspection_with_its_next_date_before_it_changes_nothing(self, office):
        equipment = _equipment(office)
        before = (equipment.last_inspected_on, equipment.next_due_on)
        today = timezone.localdate()
        with pytest.raises(ValidationError, match="Hạn kiểm tra tiếp theo phải sau"):
            fire.equipment_inspect(
                actor=office["qt_cv"], equipment=equipment, inspected_on=today, next_due_on=today
            )
        equipment.refresh_from_db()
        assert (equipment.last_inspected_on, equipment.next_due_on) == before

    def test_the_database_refuses_the_next_date_before_the_last(self, office):
        from django.db import IntegrityError, transaction

        equipment = _equipment(office)
        with pytest.raises(IntegrityError), transaction.atomic():
            FireEquipment.objects.filter(pk=equipment.pk).update(
                next_due_on=equipment.last_inspected_on
            )

    def test_only_qt_staff_keep_the_register(self, office):
        with pytest.raises(PermissionDenied):
            fire.equipment_register(
                actor=office["staff"],
                kind=FireEquipmentKind.ALARM,
                name="Báo cháy",
                location="Nhà A",
                quantity=1,
                last_inspected_on=timezone.localdate(),
                next_due_on=timezone.localdate() + timedelta(days=1),
            )

    def test_equipment_due_reminds_qt_staff_once_a_day(self, office):
        due = _equipment(office, due_in=7)
        _equipment(office, name="Bình CO2", due_in=60)
        today = timezone.localdate()
        assert fire.remind_fire_equipment(today) == 1
        assert fire.remind_fire_equipment(today) == 0
        assert fire.remind_fire_equipment(today + timedelta(days=1)) == 1
        notice = Notification.objects.filter(recipient=office["qt_cv"]).first()
        assert notice.url == due.get_absolute_url()
        assert due.next_due_on.strftime("%d/%m/%Y") in notice.title
        assert not Notification.objects.filter(recipient=office["driver"]).exists()
        assert not Notification.objects.filter(recipient=office["staff"]).exists()

    def test_the_reminder_runs_every_morning(self):
        entry = BEAT_SCHEDULE["facilities-remind-fire-equipment"]
        assert entry["task"] == "facilities.tasks.remind_fire_equipment"


class TestDrills:
    def test_a_drill_with_participants_and_minutes(self, office):
        drill = fire.drill_record(
            actor=office["qt_cv"],
            held_at=at(-2, 8),
            location="Sân trụ sở",
            scenario="Cháy kho",
            participants=[office["driver"], office["staff"]],
        )
        assert drill.lead_unit == office.units["qt"] and drill.owner == office["qt_cv"]
        fire.drill_minutes(
            actor=office["qt_cv"],
            drill=drill,
            minutes="Thoát nạn 4 phút",
            participants=[office["driver"], office["driver2"]],
        )
        drill.refresh_from_db()
        assert drill.minutes == "Thoát nạn 4 phút"
        assert set(drill.participants.all()) == {office["driver"], office["driver2"]}

    def test_minutes_before_the_drill_are_refused(self, office):
        drill = fire.drill_record(
            actor=office["qt_cv"], held_at=at(3, 8), location="Sân", scenario="Cháy kho"
        )
        with pytest.raises(ValidationError, match="Chỉ ghi biên bản sau buổi thực tập."):
            fire.drill_minutes(actor=office["qt_cv"], drill=drill, minutes="x", participants=[])
        drill.refresh_from_db()
        assert drill.minutes == ""


class TestInspections:
    def test_each_follow_up_is_a_task_of_qt(self, office):
        inspection = _inspection(office, findings=("Vật cản lối thoát", "Thiếu tiêu lệnh"))
        first, second = inspection.findings.all()
        task = fire.finding_follow_up(
            actor=office["qt_head"], finding=first, owner=office["qt_cv"], due_working_days=5
        )
        assert task.lead_unit == office.units["qt"] and task.owner == office["qt_cv"]
        assert "Vật cản lối thoát" in task.title
        first.refresh_from_db()
        assert first.task == task
        fire.finding_follow_up(
            actor=office["qt_head"], finding=second, owner=office["qt_cv"], due_working_days=3
        )
        assert Task.objects.filter(lead_unit=office.units["qt"]).count() == 2

    def test_a_finding_followed_up_twice_is_refused(self, office):
        finding = _inspection(office).findings.get()
        fire.finding_follow_up(
            actor=office["qt_head"], finding=finding, owner=office["qt_cv"], due_working_days=5
        )
        with pytest.raises(ValidationError, match="đã được giao khắc phục"):
            fire.finding_follow_up(
                actor=office["qt_head"], finding=finding, owner=office["qt_cv"], due_working_days=5
            )
        assert Task.objects.count() == 1

    def test_only_the_head_gives_a_follow_up(self, office):
        finding = _inspection(office).findings.get()
        with pytest.raises(PermissionDenied):
            fire.finding_follow_up(
                actor=office["qt_cv"], finding=finding, owner=office["qt_cv"], due_working_days=5
            )
        finding.refresh_from_db()
        assert finding.task is None and not Task.objects.exists()

    def test_an_inspection_in_the_future_is_refused(self, office):
        with pytest.raises(ValidationError, match="Ngày kiểm tra không được sau hôm nay."):
            fire.inspection_record(
                actor=office["qt_cv"],
                inspected_on=timezone.localdate() + timedelta(days=1),
                inspector="Công an tỉnh",
                scope="Nhà A",
            )
        assert not FireInspection.objects.exists()


class TestRoster:
    def test_a_guard_on_two_overlapping_shifts_is_refused_with_the_clash_named(self, office):
        first = _shift(office)
        with pytest.raises(ValidationError) as error:
            _shift(office, start=(1, 0), end=(1, 8), post="Nhà B")
        message = error.value.message_dict["guard"][0]
        assert "đã có ca trực trùng giờ" in message and str(first) in message
        assert GuardShift.objects.count() == 1

    def test_back_to_back_shifts_and_other_guards_are_fine(self, office):
        _shift(office)
        _shift(office, start=(1, 6), end=(1, 18))
        _shift(office, who="driver2")
        assert GuardShift.objects.count() == 3

    def test_the_database_refuses_the_overlap_the_service_did_not_see(self, office):
        from django.db import IntegrityError, transaction

        shift = _shift(office)
        with pytest.raises(IntegrityError), transaction.atomic():
            GuardShift.objects.create(
                guard=shift.guard, post="Nhà B", starts_at=at(0, 20), ends_at=at(0, 22)
            )

    def test_a_shift_ending_before_it_starts_is_refused(self, office):
        with pytest.raises(ValidationError) as error:
            _shift(office, start=(1, 18), end=(1, 6))
        assert error.value.message_dict["ends_at"] == ["Giờ kết thúc ca phải sau giờ bắt đầu."]
        assert not GuardShift.objects.exists()

    def test_the_guard_is_a_member_of_qt(self, office):
        with pytest.raises(ValidationError, match="Người trực phải là cán bộ Phòng Quản trị."):
            _shift(office, who="staff")
        assert not GuardShift.objects.exists()


class TestPages:
    def test_the_books_are_qt_s_and_404_elsewhere(self, office):
        equipment = _equipment(office)
        for name in ("facilities:fire-equipment-list", "facilities:guard-shifts"):
            assert client_for(office["driver"]).get(reverse(name)).status_code == 200
            assert client_for(office["staff"]).get(reverse(name)).status_code == 404
        assert client_for(office["qt_cv"]).get(equipment.get_absolute_url()).status_code == 200
        assert client_for(office["staff"]).get(equipment.get_absolute_url()).status_code == 404
        assert (
            client_for(office["driver"])
            .get(reverse("facilities:fire-equipment-create"))
            .status_code
            == 404
        )

    def test_drills_and_inspections_are_qt_s_work(self, office):
        inspection = _inspection(office)
        assert client_for(office["qt_head"]).get(inspection.get_absolute_url()).status_code == 200
        assert client_for(office["staff"]).get(inspection.get_absolute_url()).status_code == 404

    def test_a_shift_ending_before_it_starts_is_shown_back(self, office):
        http = client_for(office["qt_cv"])
        start, end = timezone.localtime(at(1, 18)), timezone.localtime(at(1, 6))
        response = http.post(
            reverse("facilities:guard-shift-create"),
            {
                "guard": office["driver"].pk,
                "post": "Cổng chính",
                "starts_at": start.strftime("%d/%m/%Y %H:%M"),
                "ends_at": end.strftime("%d/%m/%Y %H:%M"),
            },
        )
        assert response.status_code == 200
        assert "Giờ kết thúc ca phải sau giờ bắt đầu." in response.content.decode()
        assert not GuardShift.objects.exists()

    def test_the_clash_is_shown_back_with_its_shift(self, office):
        first = _shift(office)
        http = client_for(office["qt_cv"])
        start, end = timezone.localtime(at(0, 20)), timezone.localtime(at(0, 23))
        response = http.post(
            reverse("facilities:guard-shift-create"),
            {
                "guard": office["driver"].pk,
                "post": "Nhà B",
                "starts_at": start.strftime("%d/%m/%Y %H:%M"),
                "ends_at": end.strftime("%d/%m/%Y %H:%M"),
            },
        )
        body = response.content.decode()
        assert response.status_code == 200 and "đã có ca trực trùng giờ" in body
        assert first.post in body and GuardShift.objects.count() == 1

    def test_next_date_before_the_last_is_shown_back(self, office):
        http = client_for(office["qt_cv"])
        today = timezone.localdate()
        response = http.post(
            reverse("facilities:fire-equipment-create"),
            {
                "kind": FireEquipmentKind.EXTINGUISHER_CO2,
                "name": "Bình CO2",
                "location": "Phòng máy chủ",
                "quantity": 2,
                "last_inspected_on": today.strftime("%d/%m/%Y"),
                "next_due_on": (today - timedelta(days=3)).strftime("%d/%m/%Y"),
            },
        )
        assert response.status_code == 200
        assert (
            "Hạn kiểm tra tiếp theo phải sau ngày kiểm tra lần cuối." in response.content.decode()
        )
        assert not FireEquipment.objects.exists()

    def test_the_head_gives_a_follow_up_from_the_inspection_page(self, office):
        inspection = _inspection(office)
        finding = inspection.findings.get()
        response = client_for(office["qt_head"]).post(
            inspection.get_absolute_url(),
            {
                "action": "follow_up",
                "follow_up-finding": finding.pk,
                "follow_up-owner": office["qt_cv"].pk,
                "follow_up-due_working_days": 5,
            },
        )
        assert response.status_code == 302
        finding.refresh_from_db()
        assert finding.task.owner == office["qt_cv"]

    def test_the_drill_page_takes_the_minutes(self, office):
        drill = fire.drill_record(
            actor=office["qt_cv"], held_at=at(-1, 8), location="Sân", scenario="Cháy kho"
        )
        response = client_for(office["qt_cv"]).post(
            drill.get_absolute_url(),
            {
                "action": "minutes",
                "minutes-minutes": "Đạt yêu cầu",
                "minutes-participants": [office["driver"].pk],
            },
        )
        assert response.status_code == 302
        drill.refresh_from_db()
        assert drill.minutes == "Đạt yêu cầu" and list(drill.participants.all()) == [
            office["driver"]
        ]


class TestConstantQueries:
    def test_the_equipment_list(self, office):
        http, url = client_for(office["qt_cv"]), reverse("facilities:fire-equipment-list")
        _equipment(office)
        few = _queries(http, url)
        for index in range(8):
            _equipment(office, name=f"Bình {index}")
        assert _queries(http, url) == few

    def test_the_roster(self, office):
        http, url = client_for(office["qt_cv"]), reverse("facilities:guard-shifts")
        _shift(office)
        few = _queries(http, url)
        for day in range(2, 10):
            _shift(office, who="driver2" if day % 2 else "driver", start=(day, 6), end=(day, 18))
        assert _queries(http, url) == few

    def test_the_drill_and_inspection_lists(self, office):
        http = client_for(office["qt_head"])
        drills, inspections = (
            reverse("facilities:fire-drills"),
            reverse("facilities:fire-inspections"),
        )
        fire.drill_record(actor=office["qt_cv"], held_at=at(-1, 8), location="Sân", scenario="x")
        _inspection(office)
        few = (_queries(http, drills), _queries(http, inspections))
        for index in range(8):
            fire.drill_record(
                actor=office["qt_cv"], held_at=at(-2 - index, 8), location="Sân", scenario="x"
            )
            _inspection(office)
        assert (_queries(http, drills), _queries(http, inspections)) == few
        assert FireDrill.objects.count() == 9 and FireFinding.objects.count() == 9


def test_the_demo_data_seeds_once(office):
    from facilities import demo

    users = {
        "qt.truong": office["qt_head"],
        "qt.cv": office["qt_cv"],
        "qt.laixe": office["driver"],
        "qt.pho": office["driver2"],
    }
    demo.seed_fire(users)
    demo.seed_fire(users)
    assert FireEquipment.objects.count() == 3 and GuardShift.objects.count() == 1
    assert FireFinding.objects.filter(task__isnull=False).count() == 1
