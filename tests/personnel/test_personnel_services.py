"""Trips, training, the evaluation's steps and bad input, emulation and the register, through
the real services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import Notification, ReminderLog
from personnel.choices import CourseResult, EvaluationStage, Grade, TripMeans
from personnel.models import (
    BusinessTrip,
    EmulationProposal,
    EmulationTitle,
    Evaluation,
    EvaluationScore,
)
from personnel.services import emulation, evaluations, training, trips
from tests.personnel.conftest import approve, discuss, future, points_of, walk_to_submitted
from units import approvals
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind

D = Decimal


def plan(office, scopes, scope="trong-tinh", owner="owner", start=3, days=2):
    return trips.trip_plan(
        actor=office["head"],
        unit=office.units["th"],
        owner=office[owner],
        scope=scopes[scope],
        destination="Xã Quảng Xương",
        purpose="Khảo sát thực tế.",
        starts_on=future(start),
        ends_on=future(start + days),
        means=TripMeans.OFFICE_CAR,
    )


# Business trips -------------------------------------------------------------------------------


def test_a_trip_within_the_province_is_approved_by_the_head_who_plans_it(office, scopes):
    trip = plan(office, scopes)
    assert trip.approval_status == ApprovalStatus.APPROVED
    kinds = [(d.kind, d.actor_id) for d in approvals.decisions_for(trip)]
    assert kinds == [
        (DecisionKind.SUBMIT, office["head"].pk),
        (DecisionKind.APPROVE, office["head"].pk),
    ]
    assert trip.report_due > trip.ends_on


def test_a_trip_beyond_the_province_waits_for_the_deputy_chief_in_charge(office, scopes):
    trip = plan(office, scopes, scope="ngoai-tinh")
    assert trip.approval_status == ApprovalStatus.SUBMITTED
    assert trip.approval_step == ApprovalStep.DEPUTY_CHIEF
    assert not approvals.can_decide(office["head"], trip)
    approve(office["dc_in_charge"], trip)
    trip.refresh_from_db()
    assert trip.approval_status == ApprovalStatus.APPROVED


def test_only_the_head_plans_a_trip(office, scopes):
    with pytest.raises(PermissionDenied):
        trips.trip_plan(
            actor=office["staff"],
            unit=office.units["th"],
            owner=office["owner"],
            scope=scopes["trong-tinh"],
            destination="X",
            purpose="Y",
            starts_on=future(1),
            ends_on=future(2),
            means=TripMeans.OWN,
        )


def test_a_trip_report_before_the_trip_ends_is_refused_and_nothing_written(office, scopes):
    trip = plan(office, scopes, start=1, days=3)
    history = trip.history.count()
    with pytest.raises(ValidationError) as error:
        trips.trip_report(
            actor=office["owner"], trip=trip, report="Đã xong.", today=trip.ends_on - timedelta(1)
        )
    assert error.value.message_dict["report"] == [
        f"Chuyến công tác đến ngày {trip.ends_on:%d/%m/%Y} mới kết thúc; chỉ báo cáo kết quả "
        "sau khi về."
    ]
    trip.refresh_from_db()
    assert trip.reported_at is None and trip.report == ""
    assert trip.history.count() == history


def test_the_trip_report_after_return_tells_the_head(office, scopes):
    trip = plan(office, scopes, start=1, days=1)
    trips.trip_report(actor=office["owner"], trip=trip, report="Kết quả tốt.", today=trip.ends_on)
    trip.refresh_from_db()
    assert trip.reported_at is not None and trip.report == "Kết quả tốt."
    assert Notification.objects.filter(
        recipient=office["acting_head"], title__startswith="Báo cáo kết quả"
    ).exists()


def test_a_late_trip_report_is_overdue_and_reminded_once_a_day(office, scopes):
    trip = plan(office, scopes, start=1, days=1)
    assert not trip.is_report_overdue(trip.report_due)
    late = trip.report_due + timedelta(days=1)
    assert trip.is_report_overdue(late)
    assert trips.trips_remind(today=trip.report_due) == 1
    assert trips.trips_remind(today=late) == 1
    assert trips.trips_remind(today=late) == 0
    assert set(ReminderLog.objects.filter(object_id=trip.pk).values_list("kind", flat=True)) == {
        "due",
        "overdue",
    }


def test_a_trip_must_end_after_it_starts(office, scopes):
    with pytest.raises(ValidationError) as error:
        trips.trip_plan(
            actor=office["head"],
            unit=office.units["th"],
            owner=office["owner"],
            scope=scopes["trong-tinh"],
            destination="X",
            purpose="Y",
            starts_on=future(5),
            ends_on=future(2),
            means=TripMeans.OWN,
        )
    assert "Ngày về phải từ ngày đi trở đi." in str(error.value)
    assert not BusinessTrip.objects.exists()


# Training ------------------------------------------------------------------------------------


@pytest.fixture
def course(office):
    year = timezone.localdate().year
    plan_ = training.plan_create(
        actor=office["head"], unit=office.units["th"], year=year, title="KH", content="Nội dung"
    )
    today = timezone.localdate()
    return training.course_add(
        actor=office["head"],
        plan=plan_,
        title="Lớp kỹ năng tham mưu",
        organiser="Trường Chính trị tỉnh",
        starts_on=today,
        ends_on=today,
        participants=[office["owner"]],
    )


def test_a_course_report_before_it_ends_is_refused(office, course):
    attendance = course.attendances.get()
    with pytest.raises(ValidationError) as error:
        training.attendance_report(
            actor=office["owner"],
            attendance=attendance,
            result=CourseResult.COMPLETED,
            report="Xong.",
            today=course.ends_on - timedelta(days=1),
        )
    assert "mới kết thúc" in error.value.message_dict["report"][0]
    attendance.refresh_from_db()
    assert attendance.reported_at is None


def test_the_course_report_goes_to_the_head_and_counts_in_the_evaluation(office, course):
    attendance = course.attendances.get()
    training.attendance_report(
        actor=office["owner"],
        attendance=attendance,
        result=CourseResult.NOT_COMPLETED,
        report="Chưa đạt.",
    )
    assert Notification.objects.filter(
        recipient=office["acting_head"], title__startswith="Báo cáo kết quả khóa học"
    ).exists()
    evaluation = evaluations.evaluations_open(
        actor=office["head"], unit=office.units["th"], year=course.starts_on.year
    )
    mine = next(e for e in evaluation if e.owner_id == office["owner"].pk)
    [period] = evaluations.task_result(mine).periods
    [scored] = period.items
    assert scored.quality_failures == 1 and scored.points == D("52.50")


def test_the_training_plan_needs_the_units_discussion_before_it_goes_up(office, course):
    plan_ = course.plan
    with pytest.raises(ValidationError) as error:
        approvals.approval_submit(actor=office["head"], obj=plan_)
    assert "thảo luận tập thể" in str(error.value)
    discuss(office, plan_)
    approvals.approval_submit(actor=office["head"], obj=plan_)
    plan_.refresh_from_db()
    assert plan_.approval_step == ApprovalStep.DEPUTY_CHIEF


# Evaluation ----------------------------------------------------------------------------------


def test_opening_gives_each_member_a_form_under_the_rule_set_in_force(office, opened):
    assert set(opened) == {"th_head", "th_acting", "th_deputy", "th_staff", "th_owner"}
    evaluation = opened["th_owner"]
    assert evaluation.ruleset.legal_text == "Nghị định 335/2025/NĐ-CP"
    assert evaluation.scores.count() == 5
    again = evaluations.evaluations_open(
        actor=office["head"], unit=office.units["th"], year=evaluation.year
    )
    assert again == []


def test_a_score_out_of_range_is_refused_and_nothing_written(office, opened):
    evaluation = opened["th_owner"]
    points = points_of(evaluation, D(5))
    bad = next(iter(points))
    points[bad] = D("6.5")
    before = list(EvaluationScore.objects.values_list("pk", "self_points"))
    history = evaluation.history.count()
    with pytest.raises(ValidationError) as error:
        evaluations.evaluation_self_assess(
            actor=office["owner"], evaluation=evaluation, points=points, note="Tự nhận xét."
        )
    name = evaluation.scores.get(criterion_id=bad).criterion.name
    assert error.value.message_dict[f"diem_{bad}"] == [
        f"Điểm của tiêu chí “{name}” phải từ 0 đến 6."
    ]
    assert list(EvaluationScore.objects.values_list("pk", "self_points")) == before
    evaluation.refresh_from_db()
    assert evaluation.stage == EvaluationStage.SELF and evaluation.history.count() == history


def test_a_negative_score_and_task_points_beyond_seventy_are_refused(office, opened):
    evaluation = opened["th_owner"]
    points = points_of(evaluation, D(5))
    points[next(iter(points))] = D(-1)
    with pytest.raises(ValidationError):
        evaluations.evaluation_self_assess(
            actor=office["owner"], evaluation=evaluation, points=points, note="x"
        )
    evaluations.evaluation_self_assess(
        actor=office["owner"], evaluation=evaluation, points=points_of(evaluation, D(5)), note="x"
    )
    with pytest.raises(ValidationError) as error:
        evaluations.evaluation_propose(
            actor=office["head"],
            evaluation=evaluation,
            points=points_of(evaluation, D(5)),
            note="y",
            task_points=D("70.01"),
        )
    assert error.value.message_dict["task_points"] == [
        "Điểm kết quả thực hiện nhiệm vụ phải từ 0 đến 70."
    ]
    evaluation.refresh_from_db()
    assert evaluation.proposed_grade == "" and evaluation.stage == EvaluationStage.SELF_DONE


def test_each_step_is_recorded_and_the_head_cannot_skip_the_self_assessment(office, opened):
    evaluation = opened["th_owner"]
    with pytest.raises(ValidationError):
        evaluations.evaluation_propose(
            actor=office["head"],
            evaluation=evaluation,
            points=points_of(evaluation, D(5)),
            note="y",
            task_points=D(50),
        )
    with pytest.raises(PermissionDenied):
        evaluations.evaluation_self_assess(
            actor=office["staff"], evaluation=evaluation, points={}, note="x"
        )
    walk_to_submitted(office, evaluation, general_each=5, task_points=50)
    evaluation.refresh_from_db()
    assert evaluation.self_assessed_at and evaluation.proposed_by == office["head"]
    assert evaluation.approval_step == ApprovalStep.DEPUTY_CHIEF
    approve(office["dc_in_charge"], evaluation)
    evaluation.refresh_from_db()
    assert evaluation.final_grade == Grade.GOOD
    kinds = [d.kind for d in approvals.decisions_for(evaluation)]
    assert kinds == [DecisionKind.SUBMIT, DecisionKind.APPROVE]


def test_the_evaluation_is_not_submitted_without_the_discussion(office, opened):
    evaluation = opened["th_owner"]
    evaluations.evaluation_self_assess(
        actor=office["owner"], evaluation=evaluation, points=points_of(evaluation, D(5)), note="x"
    )
    with pytest.raises(ValidationError) as error:
        evaluations.evaluation_submit(actor=office["head"], evaluation=evaluation)
    assert "chưa đề xuất" in str(error.value)
    evaluations.evaluation_propose(
        actor=office["head"],
        evaluation=evaluation,
        points=points_of(evaluation, D(5)),
        note="y",
        task_points=D(50),
    )
    with pytest.raises(ValidationError) as error:
        evaluations.evaluation_submit(actor=office["head"], evaluation=evaluation)
    assert "thảo luận tập thể" in str(error.value)


def test_the_head_is_proposed_by_the_deputy_chief_and_decided_by_the_chief(office, opened):
    evaluation = opened["th_head"]
    walk_to_submitted(
        office, evaluation, general_each=5, task_points=50, proposer=office["dc_in_charge"]
    )
    evaluation.refresh_from_db()
    assert evaluation.approval_step == ApprovalStep.CHIEF
    assert not approvals.can_decide(office["dc_in_charge"], evaluation)


def test_the_party_cells_review_is_recorded_beside_it(office, opened):
    evaluation = opened["th_owner"]
    evaluations.evaluation_party_review(
        actor=office["head"],
        evaluation=evaluation,
        grade=Grade.GOOD,
        held_on=timezone.localdate(),
        note="Chi bộ Văn phòng",
    )
    evaluation.refresh_from_db()
    assert evaluation.party_review_grade == Grade.GOOD
    with pytest.raises(PermissionDenied):
        evaluations.evaluation_party_review(
            actor=office["staff"],
            evaluation=evaluation,
            grade=Grade.GOOD,
            held_on=timezone.localdate(),
        )


# Emulation -------------------------------------------------------------------------------------


def test_a_title_needs_the_grade_it_asks_for(office, opened):
    title = EmulationTitle.objects.get(name="Chiến sĩ thi đua cơ sở")
    with pytest.raises(ValidationError) as error:
        emulation.proposal_create(
            actor=office["head"],
            unit=office.units["th"],
            year=opened["th_owner"].year,
            title=title,
            nominee=office["owner"],
            achievements="Nhiều thành tích.",
        )
    assert "chưa được quyết định" in error.value.message_dict["nominee"][0]
    assert not EmulationProposal.objects.exists()


def test_the_council_decides_and_the_register_keeps_its_number(office, opened):
    evaluation = walk_to_submitted(office, opened["th_owner"], general_each=5, task_points=50)
    approve(office["dc_in_charge"], evaluation)
    proposal = emulation.proposal_create(
        actor=office["head"],
        unit=office.units["th"],
        year=evaluation.year,
        title=EmulationTitle.objects.get(name="Lao động tiên tiến"),
        nominee=office["owner"],
        achievements="Hoàn thành tốt nhiệm vụ.",
    )
    discuss(office, proposal)
    approvals.approval_submit(actor=office["head"], obj=proposal)
    proposal.refresh_from_db()
    assert proposal.approval_step == ApprovalStep.COLLECTIVE
    with pytest.raises(ValidationError):
        approve(office["chief"], proposal)
    approve(
        office["chief"],
        proposal,
        resolution_number="12-QĐ/VPTU",
        resolution_date=timezone.localdate(),
    )
    proposal.refresh_from_db()
    assert proposal.approval_status == ApprovalStatus.APPROVED
    assert proposal.decision_number == "12-QĐ/VPTU"
    from personnel.selectors import reward_register

    assert list(reward_register(evaluation.year)) == [proposal]


def test_a_collective_title_names_the_unit(office):
    proposal = emulation.proposal_create(
        actor=office["head"],
        unit=office.units["th"],
        year=timezone.localdate().year,
        title=EmulationTitle.objects.get(name="Tập thể lao động tiên tiến"),
        achievements="Đơn vị hoàn thành tốt nhiệm vụ.",
    )
    assert proposal.nominee_unit == office.units["th"] and proposal.nominee is None
    assert Evaluation.objects.count() == 0


def test_a_late_course_report_reminds_the_participant_and_the_head_once(office, course):
    attendance = course.attendances.get()
    late = attendance.report_due + timedelta(days=1)
    assert training.training_remind(today=attendance.report_due) == 0
    assert training.training_remind(today=late) == 1
    assert training.training_remind(today=late) == 0
    recipients = set(
        Notification.objects.filter(
            title__startswith="Quá hạn báo cáo kết quả khóa học"
        ).values_list("recipient__username", flat=True)
    )
    assert recipients == {"th_owner", "th_acting"}


def test_a_returned_evaluation_is_proposed_again_and_resubmitted(office, opened):
    evaluation = walk_to_submitted(office, opened["th_owner"], general_each=6, task_points=65)
    approvals.approval_decide(
        actor=office["dc_in_charge"],
        obj=evaluation,
        kind=DecisionKind.RETURN,
        comment="Đề nghị xem lại tỷ lệ xuất sắc.",
    )
    evaluation.refresh_from_db()
    assert evaluation.approval_status == ApprovalStatus.RETURNED and evaluation.final_grade == ""
    evaluations.evaluation_propose(
        actor=office["head"],
        evaluation=evaluation,
        points=points_of(evaluation, D(5)),
        note="Đề xuất lại.",
        task_points=D(50),
    )
    evaluations.evaluation_submit(actor=office["head"], evaluation=evaluation)
    approve(office["dc_in_charge"], evaluation)
    evaluation.refresh_from_db()
    assert evaluation.final_grade == Grade.GOOD
    kinds = [d.kind for d in approvals.decisions_for(evaluation)]
    assert kinds == [
        DecisionKind.SUBMIT,
        DecisionKind.RETURN,
        DecisionKind.SUBMIT,
        DecisionKind.APPROVE,
    ]
