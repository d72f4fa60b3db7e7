"""Demo data of General Affairs' advisory work (core.demo): areas and who follows them, a
research assignment from office leadership, one straight from the provincial secretary, a
survey whose report is due. Idempotent: nothing is created twice."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from advisory import services
from advisory.choices import AreaKind, Source, WorkKind
from advisory.models import AdvisoryWork, FollowUpArea, FollowUpAssignment

AREAS = [
    (AreaKind.SECTOR, "Kinh tế", "th.cv1"),
    (AreaKind.FIELD, "Xây dựng Đảng", "th.cv2"),
    (AreaKind.PARTY_BODY, "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh", "th.truong"),
]


def seed(users: dict) -> None:
    # The catalogues the migration lays, laid again if a database was emptied.
    importlib.import_module("advisory.migrations.0002_report_terms").seed(apps, None)
    leader = users["phochanh1"]
    today = timezone.localdate()
    for kind, name, username in AREAS:
        area = FollowUpArea.objects.filter(kind=kind, name=name).first()
        if area is None:
            area = services.area_create(actor=leader, kind=kind, name=name)
        if not FollowUpAssignment.objects.filter(area=area, follower=users[username]).exists():
            services.follow_up_assign(
                actor=leader,
                area=area,
                follower=users[username],
                starts_on=today.replace(month=1, day=1),
            )
    if AdvisoryWork.objects.exists():
        return
    services.work_assign(
        actor=leader,
        owner=users["th.cv1"],
        kind=WorkKind.RESEARCH,
        title="Nghiên cứu tình hình thu hút đầu tư vào khu kinh tế",
        brief="Tổng hợp số liệu 5 năm, nhận định và kiến nghị với Thường trực Tỉnh ủy.",
        due_date=today + timedelta(days=30),
    )
    services.work_record_direct(
        actor=users["th.cv2"],
        source=Source.PROVINCIAL_SECRETARY,
        source_person="Nguyễn Văn Bí",
        kind=WorkKind.SPEECH,
        title="Dự thảo bài phát biểu tại hội nghị tổng kết công tác xây dựng Đảng",
        brief="Bài phát biểu chỉ đạo của đồng chí Bí thư Tỉnh ủy, khoảng 10 phút.",
        due_date=today + timedelta(days=7),
        occasion="Hội nghị tổng kết công tác xây dựng Đảng; đồng chí Bí thư Tỉnh ủy phát biểu",
    )
    services.work_assign(
        actor=leader,
        owner=users["th.cv1"],
        kind=WorkKind.SURVEY,
        title="Khảo sát thực hiện Nghị quyết về chuyển đổi số tại các xã",
        brief="Đi cùng đoàn khảo sát của Thường trực, ghi nhận và báo cáo lãnh đạo Văn phòng.",
        event_place="Các xã khu vực miền núi",
        event_starts_on=today - timedelta(days=12),
        event_ends_on=today - timedelta(days=10),
    )
