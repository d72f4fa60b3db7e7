"""The audit walker of the advisory app (tests/kit/audit.py): each tracked model, the scenario of
real services that writes it, and every history row names its user and its reason."""

from datetime import timedelta

from django.utils import timezone

from advisory import services
from advisory.choices import AreaKind, Source, WorkKind
from tests.kit.audit import audit_tests


def follow_up_flow(office):
    area = services.area_create(actor=office["chief"], kind=AreaKind.FIELD, name="Xây dựng Đảng")
    assignment = services.follow_up_assign(
        actor=office["chief"], area=area, follower=office["owner"], starts_on=timezone.localdate()
    )
    services.follow_up_end(
        actor=office["chief"], assignment=assignment, ends_on=timezone.localdate()
    )


def work_flow(office):
    today = timezone.localdate()
    work = services.work_assign(
        actor=office["dc_in_charge"],
        owner=office["owner"],
        kind=WorkKind.RESEARCH,
        title="Nghiên cứu",
        brief="Nội dung",
        due_date=today + timedelta(days=10),
    )
    services.work_plan(
        actor=office["owner"],
        work=work,
        scope="Phạm vi",
        timeline="Tiến độ",
        expected_finish=today + timedelta(days=5),
    )
    services.work_report(actor=office["owner"], work=work, result="Kết quả")
    services.work_record_direct(
        actor=office["staff"],
        source=Source.PROVINCIAL_SECRETARY,
        source_person="Nguyễn Văn Bí",
        kind=WorkKind.SPEECH,
        title="Bài phát biểu",
        brief="Nội dung",
        due_date=today + timedelta(days=3),
        occasion="Hội nghị",
    )


SERVICES = {
    "advisory.FollowUpArea": [follow_up_flow],
    "advisory.FollowUpAssignment": [follow_up_flow],
    "advisory.AdvisoryWork": [work_flow],
}
CATALOGUES = {"advisory.ReportTerm"}

(
    test_every_tracked_model_says_which_services_write_it,
    test_every_history_row_of_a_service_write_has_its_user_and_reason,
) = audit_tests("advisory", SERVICES, CATALOGUES, fixtures=("office",))
