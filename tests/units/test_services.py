"""Rules of the organisation and of the unit's own work, through the real services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Notification
from core.workdays import add_working_days
from units import ownership, permissions, services
from units.choices import Position, TaskStatus
from units.models import Delegation, OwnershipChange, StaffMember, Task


def test_one_active_head_per_unit(office, make_person):
    with (
        pytest.raises(ValidationError, match=r"Đơn vị đã có Trưởng phòng đang công tác\."),
        transaction.atomic(),
    ):
        make_person("th_head2", Position.HEAD, office.units["th"])
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffMember.objects.filter(user=office["deputy"]).update(position=Position.HEAD)


def test_only_one_chief_and_leadership_has_no_unit(office, make_person):
    with (
        pytest.raises(ValidationError, match=r"Văn phòng đã có Chánh Văn phòng đang công tác\."),
        transaction.atomic(),
    ):
        make_person("chief2", Position.CHIEF)
    with (
        pytest.raises(
            ValidationError, match="Lãnh đạo Văn phòng không thuộc đơn vị; cán bộ khác phải thuộc"
        ),
        transaction.atomic(),
    ):
        make_person("dc3", Position.DEPUTY_CHIEF, office.units["th"])


class TestDelegation:
    def test_acting_head_has_head_powers_only_while_active(self, office):
        acting = office["acting_head"]
        assert permissions.viewer_for(acting).is_head_of(office.units["th"].pk)
        Delegation.objects.update(
            ends_on=timezone.localdate() - timedelta(days=1),
            starts_on=timezone.localdate() - timedelta(days=3),
        )
        permissions.forget_viewer(acting)
        assert not permissions.viewer_for(acting).is_head_of(office.units["th"].pk)

    def test_starts_in_the_future(self, office):
        deputy = office["deputy"]
        Delegation.objects.all().delete()
        services.delegation_create(
            actor=office["head"],
            unit=office.units["th"],
            delegate=deputy,
            starts_on=timezone.localdate() + timedelta(days=2),
            ends_on=timezone.localdate() + timedelta(days=4),
            reason="Nghỉ phép",
        )
        assert not permissions.viewer_for(deputy).is_head_of(office.units["th"].pk)
        assert ownership.head_of(office.units["th"]) == office["head"]

    def test_overlap_refused_with_clear_message(self, office):
        with pytest.raises(
            ValidationError, match="Trùng thời gian với ủy quyền cho Cán bộ th_acting từ"
        ) as error:
            services.delegation_create(
                actor=office["head"],
                unit=office.units["th"],
                delegate=office["deputy"],
                starts_on=timezone.localdate() + timedelta(days=5),
                ends_on=timezone.localdate() + timedelta(days=9),
                reason="Học tập",
            )
        assert "Trùng thời gian" in error.value.messages[0]
        # the day after the existing one ends is free
        services.delegation_create(
            actor=office["head"],
            unit=office.units["th"],
            delegate=office["deputy"],
            starts_on=timezone.localdate() + timedelta(days=6),
            ends_on=timezone.localdate() + timedelta(days=9),
            reason="Học tập",
        )

    def test_only_the_head_delegates_and_only_to_a_deputy(self, office):
        with pytest.raises(
            PermissionDenied, match=r"Chỉ Trưởng phòng mới ủy quyền điều hành đơn vị\."
        ):
            services.delegation_create(
                actor=office["acting_head"],
                unit=office.units["th"],
                delegate=office["deputy"],
                starts_on=timezone.localdate() + timedelta(days=20),
                ends_on=timezone.localdate() + timedelta(days=21),
                reason="x",
            )
        with pytest.raises(
            ValidationError, match=r"Người được ủy quyền phải là Phó Trưởng phòng của đơn vị\."
        ):
            services.delegation_create(
                actor=office["head"],
                unit=office.units["th"],
                delegate=office["staff"],
                starts_on=timezone.localdate() + timedelta(days=20),
                ends_on=timezone.localdate() + timedelta(days=21),
                reason="x",
            )

    def test_leadership_and_delegate_are_notified(self, office):
        titles = set(
            Notification.objects.filter(title__contains="điều hành đơn vị").values_list(
                "recipient__username", flat=True
            )
        )
        assert titles == {"th_acting", "dc1", "chief"}

    def test_cancel_ends_it(self, office):
        delegation = Delegation.objects.get()
        services.delegation_cancel(actor=office["head"], delegation=delegation)
        permissions.forget_viewer(office["acting_head"])
        assert not permissions.viewer_for(office["acting_head"]).head_unit_ids


class TestTasks:
    def test_due_date_counts_working_days(self, office, work):
        task = work["task"]
        assert task.due_date == add_working_days(task.assigned_on, 5)

    def test_only_the_head_assigns_to_a_member(self, office):
        with pytest.raises(
            PermissionDenied, match=r"Chỉ Trưởng phòng \(hoặc người được ủy quyền\) mới giao việc\."
        ):
            services.task_create(
                actor=office["deputy"],
                unit=office.units["th"],
                owner=office["staff"],
                title="x",
                due_working_days=1,
            )
        with pytest.raises(
            ValidationError, match="Người phụ trách phải là cán bộ đang công tác tại Phòng Tổng"
        ) as error:
            services.task_create(
                actor=office["head"],
                unit=office.units["th"],
                owner=office["coord_staff"],
                title="x",
                due_working_days=1,
            )
        assert "Người phụ trách phải là cán bộ" in str(error.value)

    def test_lifecycle_and_history(self, office, work):
        task = work["task"]
        services.task_start(actor=office["owner"], task=task)
        services.task_complete(actor=office["owner"], task=task, result_note="Đã xong")
        services.task_return(actor=office["head"], task=task, reason="Bổ sung số liệu")
        services.task_complete(actor=office["owner"], task=task, result_note="Đã bổ sung")
        task.refresh_from_db()
        assert task.status == TaskStatus.DONE
        reasons = list(
            task.history.order_by("history_date").values_list("history_change_reason", flat=True)
        )
        assert reasons == [
            "Giao việc",
            "Đơn vị phối hợp: Phòng Hành chính – Tiếp dân",
            "Bắt đầu thực hiện",
            "Báo cáo hoàn thành",
            "Bổ sung số liệu",
            "Báo cáo hoàn thành",
        ]
        who = task.history.order_by("history_date").values_list("history_user__username", flat=True)
        assert list(who) == ["th_head", "th_head", "th_owner", "th_owner", "th_head", "th_owner"]

    def test_complete_needs_a_result_and_the_owner(self, office, work):
        with pytest.raises(ValidationError, match=r"Cần ghi kết quả thực hiện\."):
            services.task_complete(actor=office["owner"], task=work["task"], result_note=" ")
        with pytest.raises(PermissionDenied, match=r"Chỉ người phụ trách mới báo cáo kết quả\."):
            services.task_complete(actor=office["head"], task=work["task"], result_note="x")


class TestOwnership:
    def test_reassign_records_who_when_why_and_moves_rights(self, office, work):
        task = work["task"]
        ownership.work_reassign(
            actor=office["head"], obj=task, new_owner=office["staff"], reason="Chuyên viên đi học"
        )
        change = OwnershipChange.objects.filter(object_id=task.pk).order_by("at").last()
        assert (change.from_owner, change.to_owner, change.actor, change.reason) == (
            office["owner"],
            office["staff"],
            office["head"],
            "Chuyên viên đi học",
        )
        assert office["staff"].has_perm("units.change_task", task)
        assert not office["owner"].has_perm("units.change_task", task)
        assert task.history.latest().history_change_reason == "Chuyên viên đi học"

    def test_reassign_needs_a_reason_and_stays_in_the_unit(self, office, work):
        with pytest.raises(ValidationError, match=r"Cần ghi lý do giao lại\."):
            ownership.work_reassign(
                actor=office["head"], obj=work["task"], new_owner=office["staff"], reason=""
            )
        with pytest.raises(
            ValidationError, match="Người phụ trách phải là cán bộ đang công tác tại Phòng Tổng"
        ):
            ownership.work_reassign(
                actor=office["head"], obj=work["task"], new_owner=office["other_staff"], reason="x"
            )

    def test_a_unit_cannot_hand_its_work_to_another(self, office, work):
        with pytest.raises(
            PermissionDenied, match="Chỉ Chánh Văn phòng hoặc Phó Chánh Văn phòng phụ trách mới"
        ):
            ownership.work_move(
                actor=office["head"],
                obj=work["task"],
                new_unit=office.units["tc"],
                reason="Không thuộc chức năng",
            )

    def test_the_deputy_chief_in_charge_moves_it_to_the_new_head(self, office, work):
        task = ownership.work_move(
            actor=office["dc_in_charge"],
            obj=work["task"],
            new_unit=office.units["tc"],
            reason="Đúng chức năng",
        )
        assert (task.lead_unit.code, task.owner) == ("tc", office["other_head"])
        assert not permissions.can_see(office["dc_in_charge"], task)
        assert permissions.can_see(office["dc_other"], task)

    def test_move_to_a_unit_without_head_asks_for_a_person(self, office, work):
        with pytest.raises(
            ValidationError, match="Phòng Lưu trữ chưa có Trưởng phòng; hãy chỉ định người phụ"
        ) as error:
            ownership.work_move(
                actor=office["chief"], obj=work["task"], new_unit=office.units["lt"], reason="x"
            )
        assert "chưa có Trưởng phòng" in str(error.value)


class TestConsultation:
    def test_the_asked_unit_must_answer_and_overdue_shows(self, office, work):
        from units import selectors

        consultation = work["consultation"]
        consultation.deadline = timezone.localdate() - timedelta(days=1)
        consultation.save(update_fields=["deadline"])
        for role in ("owner", "coord_head", "dc_in_charge", "chief"):
            overdue = selectors.consultations_for(office[role], box="overdue")
            assert list(overdue) == [consultation], role
        with pytest.raises(
            PermissionDenied, match=r"Bạn không được phân công trả lời xin ý kiến này\."
        ):
            services.consultation_answer(
                actor=office["coord_staff"], consultation=consultation, answer="x"
            )
        services.consultation_answer(
            actor=office["coord_head"], consultation=consultation, answer="Thống nhất"
        )
        assert list(selectors.consultations_for(office["chief"], box="overdue")) == []
        assert Notification.objects.filter(
            recipient=office["owner"], title__contains="đã trả lời"
        ).exists()

    def test_cannot_ask_own_unit(self, office):
        with pytest.raises(ValidationError, match=r"Chỉ xin ý kiến đơn vị khác\."):
            services.consultation_create(
                actor=office["staff"],
                asked_unit=office.units["th"],
                subject="x",
                question="y",
                due_working_days=2,
            )


def test_task_assignment_notifies_the_owner(office, work):
    assert (
        Notification.objects.filter(recipient=office["owner"], title__startswith="Việc mới").count()
        == 2
    )
    assert Task.objects.count() == 2
