"""Demo data (core.demo): a TH trip within the province (approved by the head's plan), an HC
trip beyond it waiting for the deputy chief in charge, TH's training plan with a course, and the
year's evaluations of TH opened, one self-assessed. Idempotent."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from personnel.choices import TripMeans
from personnel.models import BusinessTrip, Evaluation, TrainingPlan, TripScope
from personnel.services import evaluations, training, trips
from units.models import Unit


def seed(users: dict) -> None:
    # The catalogues the migration lays, laid again if a database was emptied.
    importlib.import_module("personnel.migrations.0002_catalogue_defaults").seed(apps, None)
    today = timezone.localdate()
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=["th", "hc"])}
    scopes = {scope.code: scope for scope in TripScope.objects.all()}
    if not BusinessTrip.objects.filter(destination="Xã Hoằng Hóa").exists():
        trips.trip_plan(
            actor=users["th.truong"],
            unit=units["th"],
            owner=users["th.cv1"],
            scope=scopes["trong-tinh"],
            destination="Xã Hoằng Hóa",
            purpose="Khảo sát tình hình thực hiện nghị quyết về xây dựng nông thôn mới.",
            starts_on=today + timedelta(days=3),
            ends_on=today + timedelta(days=4),
            means=TripMeans.OFFICE_CAR,
        )
    if not BusinessTrip.objects.filter(destination="Văn phòng Trung ương Đảng, Hà Nội").exists():
        trips.trip_plan(
            actor=users["hc.truong"],
            unit=units["hc"],
            owner=users["hc.cv"],
            scope=scopes["ngoai-tinh"],
            destination="Văn phòng Trung ương Đảng, Hà Nội",
            purpose="Dự tập huấn nghiệp vụ văn thư, lưu trữ điện tử.",
            starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=9),
            means=TripMeans.PUBLIC,
        )
    year = today.year
    if not TrainingPlan.objects.filter(lead_unit=units["th"], year=year).exists():
        plan = training.plan_create(
            actor=users["th.truong"],
            unit=units["th"],
            year=year,
            title=f"Kế hoạch đào tạo, bồi dưỡng năm {year} của Phòng Tổng hợp",
            content="Bồi dưỡng kỹ năng tham mưu, tổng hợp; lý luận chính trị; tin học.",
        )
        course_start = max(today, today.replace(month=12, day=1))
        training.course_add(
            actor=users["th.truong"],
            plan=plan,
            title="Bồi dưỡng kỹ năng viết báo cáo tổng hợp",
            organiser="Trường Chính trị tỉnh",
            starts_on=course_start,
            ends_on=course_start,
            participants=[users["th.cv2"]],
        )
    if not Evaluation.objects.filter(lead_unit=units["th"], year=year).exists():
        opened = evaluations.evaluations_open(actor=users["th.truong"], unit=units["th"], year=year)
        mine = next(e for e in opened if e.owner_id == users["th.cv1"].pk)
        evaluations.evaluation_self_assess(
            actor=users["th.cv1"],
            evaluation=mine,
            points={score.criterion_id: score.criterion.max_points for score in mine.scores.all()},
            note="Hoàn thành các nhiệm vụ được giao, chấp hành tốt kỷ luật, kỷ cương.",
        )
