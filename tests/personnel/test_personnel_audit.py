"""Every model personnel tracks is written by a scenario through its services, and every
history row they write names its user and its reason (tests/kit/audit.py)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from personnel.choices import CourseResult, Grade, TripMeans
from personnel.models import EmulationTitle, TripScope
from personnel.services import emulation, evaluations, training, trips
from tests.kit.audit import audit_tests
from tests.personnel.conftest import approve, discuss, walk_to_submitted
from units import approvals


def trip_flow(office):
    today = timezone.localdate()
    for code in ("trong-tinh", "ngoai-tinh"):
        trip = trips.trip_plan(
            actor=office["head"],
            unit=office.units["th"],
            owner=office["owner"],
            scope=TripScope.objects.get(code=code),
            destination="Hà Nội",
            purpose="Dự hội nghị.",
            starts_on=today,
            ends_on=today + timedelta(days=1),
            means=TripMeans.PUBLIC,
            companions=[office["staff"]],
        )
    approve(office["dc_in_charge"], trip)
    trip.refresh_from_db()
    trips.trip_report(actor=office["owner"], trip=trip, report="Kết quả.", today=trip.ends_on)


def training_flow(office):
    today = timezone.localdate()
    plan = training.plan_create(
        actor=office["head"], unit=office.units["th"], year=today.year, title="KH", content="ND"
    )
    course = training.course_add(
        actor=office["head"],
        plan=plan,
        title="Lớp",
        organiser="Trường",
        starts_on=today,
        ends_on=today,
        participants=[office["owner"]],
    )
    training.attendance_report(
        actor=office["owner"],
        attendance=course.attendances.get(),
        result=CourseResult.COMPLETED,
        report="Đạt.",
    )
    discuss(office, plan)
    approvals.approval_submit(actor=office["head"], obj=plan)


def evaluation_flow(office):
    year = timezone.localdate().year
    opened = evaluations.evaluations_open(actor=office["head"], unit=office.units["th"], year=year)
    evaluation = next(e for e in opened if e.owner_id == office["owner"].pk)
    walk_to_submitted(office, evaluation, general_each=Decimal(5), task_points=Decimal(50))
    approve(office["dc_in_charge"], evaluation)
    evaluation.refresh_from_db()
    evaluations.evaluation_party_review(
        actor=office["head"], evaluation=evaluation, grade=Grade.GOOD, held_on=timezone.localdate()
    )


def proposal_flow(office):
    proposal = emulation.proposal_create(
        actor=office["head"],
        unit=office.units["th"],
        year=timezone.localdate().year,
        title=EmulationTitle.objects.get(name="Tập thể lao động tiên tiến"),
        achievements="Hoàn thành tốt.",
    )
    discuss(office, proposal)
    approvals.approval_submit(actor=office["head"], obj=proposal)
    approve(
        office["chief"],
        proposal,
        resolution_number="5-QĐ/VPTU",
        resolution_date=timezone.localdate(),
    )


SERVICES = {
    "personnel.BusinessTrip": [trip_flow],
    "personnel.TrainingPlan": [training_flow],
    "personnel.TrainingCourse": [training_flow],
    "personnel.TrainingAttendance": [training_flow],
    "personnel.Evaluation": [evaluation_flow],
    "personnel.EvaluationScore": [evaluation_flow],
    "personnel.EmulationProposal": [proposal_flow],
}
CATALOGUES = {
    "personnel.TripScope",
    "personnel.EvaluationRuleSet",
    "personnel.EvaluationCriterion",
    "personnel.GradeBand",
    "personnel.EmulationTitle",
}

(
    test_every_tracked_model_says_which_services_write_it,
    test_every_history_row_of_a_service_write_has_its_user_and_reason,
) = audit_tests("personnel", SERVICES, CATALOGUES, fixtures=("office",))
