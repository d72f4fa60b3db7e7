"""Demo data of the working regime (core.demo): General Affairs' working regulation approved and
in force (it fed the disclosure board), an item the head posted, and a proposal of a
specialist. Idempotent: nothing is created twice."""

import importlib

from django.apps import apps
from django.utils import timezone

from regime import services
from regime.choices import ComplaintKind
from regime.models import Complaint, DisclosureCategory, DisclosureItem, RegulationVersion
from units import approvals
from units.choices import DecisionKind
from units.models import Unit
from units.services import discussion_record

REGULATION_TEXT = """Chương I. Quy định chung
Điều 1. Phòng Tổng hợp làm việc theo chế độ thủ trưởng kết hợp chế độ chuyên viên.
Điều 2. Mỗi chuyên viên được phân công theo dõi ngành, lĩnh vực, cấp ủy trực thuộc.
Chương II. Chế độ làm việc
Điều 3. Giao ban phòng sáng thứ Hai hằng tuần.
Điều 4. Chuyên viên báo cáo Trưởng phòng phạm vi, tiến độ việc được lãnh đạo giao.
Điều 5. Dự hội nghị, khảo sát xong báo cáo lãnh đạo Văn phòng trong 5 ngày làm việc."""


def seed(users: dict) -> None:
    # The catalogues the migration lays, laid again if a database was emptied.
    importlib.import_module("regime.migrations.0002_catalogue_defaults").seed(apps, None)
    head = users["th.truong"]
    th = Unit.objects.get(code="th")
    if not RegulationVersion.objects.filter(lead_unit=th).exists():
        today = timezone.localdate()
        version = services.regulation_draft(
            actor=head,
            unit=th,
            title="Quy chế làm việc của Phòng Tổng hợp",
            text=REGULATION_TEXT,
            effective_from=today.replace(month=1, day=1),
        )
        discussion_record(
            actor=head,
            obj=version,
            held_on=today,
            participants=[head, users["th.pho"], users["th.cv1"], users["th.cv2"]],
            opinions="Thống nhất dự thảo; bổ sung chế độ báo cáo sau khảo sát.",
            conclusion="Trình lãnh đạo Văn phòng phê duyệt.",
        )
        approvals.approval_submit(actor=head, obj=version)
        approvals.approval_decide(actor=users["phochanh1"], obj=version, kind=DecisionKind.APPROVE)
    if not DisclosureItem.objects.filter(unit=th, source_id__isnull=True).exists():
        services.disclosure_post(
            actor=head,
            unit=th,
            category=DisclosureCategory.objects.get(code="dao-tao"),
            title="Kế hoạch cử cán bộ đi bồi dưỡng lý luận chính trị năm nay",
            body="Phòng cử đồng chí Vũ Văn Nghiên dự lớp cao cấp lý luận chính trị.",
        )
    if not Complaint.objects.filter(lead_unit=th).exists():
        services.complaint_file(
            actor=users["th.cv2"],
            kind=ComplaintKind.PROPOSAL,
            subject="Đề nghị bố trí lại lịch trực văn phòng cuối tuần",
            content="Lịch trực hiện nay dồn vào hai người; đề nghị luân phiên đều trong phòng.",
        )
