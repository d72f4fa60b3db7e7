"""Demo data of the archive: lt.cv is an archivist, a repository with a shelf and a box, two
files of TH (one in the agency archive through an accepted transfer, one open), one source,
an appraisal of two expired files whose council is giving its opinions;
in the reading room, an outside reader (docgia.an) registered by lt.cv with one request for
TH-01 approved by LT's head."""

import importlib
from datetime import date, timedelta

from django.utils import timezone

from archive import selectors, services
from archive.choices import SourceKind, TransferKind
from archive.models import Box, Fonds, RecordFile, Repository, Series, Shelf, SourceBody
from core.audit import audited_create
from units import permissions
from units import services as unit_services
from units.choices import PrivilegedChangeKind, RoleCode

REASON = "Dữ liệu mẫu"


def _archivist(users: dict) -> None:
    """lt.cv is given the archivist role the way every role is given: asked by his head,
    approved by Cipher–IT's head, for a year."""
    target = users["lt.cv"]
    if permissions.holders_of(RoleCode.ARCHIVIST).filter(pk=target.pk).exists():
        return
    today = timezone.localdate()
    change = unit_services.privileged_change_request(
        actor=users["lt.truong"],
        target=target,
        kind=PrivilegedChangeKind.ROLE,
        payload={
            "role": RoleCode.ARCHIVIST,
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=365)).isoformat(),
        },
        scope="Hồ sơ nộp vào Lưu trữ cơ quan",
        reason="Giao nhiệm vụ lưu trữ viên của Phòng Lưu trữ (dữ liệu mẫu)",
    )
    unit_services.privileged_change_approve(actor=users["cy.truong"], change=change)
    permissions.forget_viewer(target)


def _box(actor) -> Box:
    repository = Repository.objects.filter(code="K1").first() or audited_create(
        Repository, actor=actor, reason=REASON, code="K1", name="Kho lưu trữ số 1"
    )
    shelf = Shelf.objects.filter(repository=repository, code="01").first() or audited_create(
        Shelf, actor=actor, reason=REASON, repository=repository, code="01"
    )
    return Box.objects.filter(shelf=shelf, code="001").first() or audited_create(
        Box, actor=actor, reason=REASON, shelf=shelf, code="001"
    )


def _series(actor) -> Series:
    """The office's own fonds and its series of administrative files; a closed fonds of a former
    body whose use the leadership decides."""
    fonds = Fonds.objects.filter(code="P01").first() or audited_create(
        Fonds,
        actor=actor,
        reason=REASON,
        code="P01",
        title="Phông Tỉnh ủy",
        creator="Tỉnh ủy",
    )
    if not Fonds.objects.filter(code="P02").exists():
        audited_create(
            Fonds,
            actor=actor,
            reason=REASON,
            code="P02",
            title="Phông Ban Cán sự Đảng Ủy ban nhân dân tỉnh (giải thể)",
            creator="Ban Cán sự Đảng Ủy ban nhân dân tỉnh",
            access_restricted=True,
            restriction_note="Tài liệu tổ chức, cán bộ: Thường trực Tỉnh ủy quyết định",
        )
    return Series.objects.filter(fonds=fonds, code="01").first() or audited_create(
        Series,
        actor=actor,
        reason=REASON,
        fonds=fonds,
        code="01",
        title="Hồ sơ hành chính, tổng hợp",
    )


def _catalogues() -> None:
    """The retention table and the periods the data migration lays (again, when a test run
    flushed them): idempotent."""
    from django.apps import apps

    importlib.import_module("archive.migrations.0002_defaults").seed(apps, None)
    importlib.import_module("archive.migrations.0006_appraisal").seed(apps, None)


def seed(users: dict) -> None:
    _catalogues()
    _archivist(users)
    archivist, head, specialist = users["lt.cv"], users["th.truong"], users["th.cv1"]
    box = _box(archivist)
    series = _series(archivist)
    year = timezone.localdate().year
    rules = {rule.code: rule for rule in selectors.current_rules()}
    if not RecordFile.objects.filter(code="TH-01").exists():
        kept = services.file_open(
            actor=specialist,
            year=year,
            code="TH-01",
            title="Hồ sơ xây dựng chương trình công tác năm của Tỉnh ủy",
            retention=rules["20-01"],
        )
        services.item_add_paper(
            actor=specialist,
            record_file=kept,
            title="Tờ trình về dự thảo chương trình công tác năm",
            sheets=3,
            date=date(year, 1, 5),
            retention=rules["VV-01"],
        )
        services.item_add_paper(
            actor=specialist,
            record_file=kept,
            title="Biên bản hội nghị góp ý dự thảo",
            sheets=2,
            date=date(year, 1, 12),
        )
        services.file_close(actor=specialist, record_file=kept)
        transfer = services.transfer_create(
            actor=head, kind=TransferKind.AGENCY, unit=kept.lead_unit
        )
        services.transfer_add_files(actor=head, transfer=transfer, files=[kept])
        services.transfer_submit(actor=head, transfer=transfer)
        services.transfer_accept(actor=archivist, transfer=transfer, notes="Đủ hồ sơ.")
        kept.refresh_from_db()
        services.file_set_custody(actor=archivist, record_file=kept, box=box, series=series)
    _describe(archivist, series)
    if not RecordFile.objects.filter(code="TH-02").exists():
        services.file_open(
            actor=specialist,
            year=year,
            code="TH-02",
            title="Hồ sơ theo dõi tình hình huyện Đông Sơn",
            retention=rules["10-01"],
        )
    if not SourceBody.objects.exists():
        body = services.source_create(
            actor=archivist,
            name="Ban Thường vụ Thành ủy Thanh Hóa",
            kind=SourceKind.PARTY_COMMITTEE,
            valid_from=date(2020, 10, 1),
        )
        services.source_list_add(
            actor=archivist,
            body=body,
            title="Danh mục tài liệu nộp lưu nhiệm kỳ 2015–2020",
            approved_on=date(2021, 3, 1),
            due_on=date(2025, 12, 31),
        )
    _reading_room(users)
    _appraisal(users, rules)


def _describe(archivist, series: Series) -> None:
    """The ISAD(G) description of the demo fonds and series (the finding aid prints it)."""
    from archive.models import Description
    from archive.services.description import proposed

    for target, scope in (
        (series.fonds, "Tài liệu của Tỉnh ủy từ năm 2015: nghị quyết, báo cáo, chương trình."),
        (series, "Hồ sơ hội nghị và báo cáo tổng hợp của Văn phòng."),
    ):
        level = "fonds" if target is series.fonds else "series"
        if Description.objects.filter(**{level: target}).exists():
            continue
        services.description_save(
            actor=archivist,
            target=target,
            reason="Mô tả khi chỉnh lý (dữ liệu mẫu)",
            **{**proposed(target), "scope_content": scope, "access_conditions": "Sử dụng rộng rãi"},
        )


#: the outside reader of the demo (his password is the demo accounts' one)
READER = "docgia.an"


def _reading_room(users: dict) -> None:
    from archive.models import Researcher
    from units import approvals
    from units.choices import DecisionKind

    if Researcher.objects.filter(user__username=READER).exists():
        return
    from units.management.commands.seed_demo import DEMO_PASSWORD

    researcher = services.researcher_register(
        actor=users["lt.cv"],
        username=READER,
        password=DEMO_PASSWORD,
        full_name="Lê Văn An",
        id_kind="cccd",
        id_number="038090001234",
        organisation="Viện Lịch sử Đảng, Học viện Chính trị quốc gia Hồ Chí Minh",
        introduction_ref="Giấy giới thiệu số 15/GGT-VLSĐ ngày 20/11/2026",
    )
    today = timezone.localdate()
    request = services.reading_request_create(
        actor=researcher.user,
        file_codes="TH-01",
        purpose="Nghiên cứu lịch sử Đảng bộ tỉnh: chương trình công tác năm",
        period_start=today,
        period_end=today + timedelta(days=14),
    )
    approvals.approval_decide(
        actor=users["lt.truong"], obj=request, kind=DecisionKind.APPROVE, comment="Đồng ý"
    )


def _appraisal(users: dict, rules: dict) -> None:
    """Two TH files kept 10 years whose documents ended in 2012, accepted by the archive; an
    appraisal proposed by lt.cv, its council formed by phochanh1, and two of four members have
    given their opinion (th.truong and th.cv2 still must: "Việc của tôi")."""
    from archive.choices import CouncilRole, Verdict
    from archive.models import Appraisal
    from units import approvals
    from units.choices import DecisionKind

    if Appraisal.objects.exists():
        return
    archivist, head, specialist = users["lt.cv"], users["th.truong"], users["th.cv1"]
    files = []
    for n, title in enumerate(
        ("Hồ sơ theo dõi hội nghị sơ kết năm 2012", "Hồ sơ công văn trao đổi năm 2012"), start=1
    ):
        record_file = services.file_open(
            actor=specialist,
            year=2012,
            code=f"TH-2012-{n:02d}",
            title=title,
            retention=rules["10-01"],
        )
        services.item_add_paper(
            actor=specialist,
            record_file=record_file,
            title="Công văn",
            sheets=2,
            date=date(2012, 6, n),
        )
        files.append(services.file_close(actor=specialist, record_file=record_file))
    transfer = services.transfer_create(
        actor=head, kind=TransferKind.AGENCY, unit=files[0].lead_unit
    )
    services.transfer_add_files(actor=head, transfer=transfer, files=files)
    services.transfer_submit(actor=head, transfer=transfer)
    services.transfer_accept(actor=archivist, transfer=transfer, notes="Đủ hồ sơ.")
    appraisal = services.appraisal_create(
        actor=archivist,
        title="Thẩm định tài liệu hết thời hạn bảo quản của Phòng Tổng hợp",
        note="Hai hồ sơ công văn năm 2012 đã hết thời hạn bảo quản 10 năm.",
        files=files,
    )
    for username, role, unit in (
        ("lt.truong", CouncilRole.CHAIR, None),
        ("lt.cv", CouncilRole.SECRETARY, None),
        ("th.truong", CouncilRole.UNIT, files[0].lead_unit),
        ("th.cv2", CouncilRole.EXPERT, None),
    ):
        services.council_member_add(
            actor=archivist, appraisal=appraisal, user=users[username], role=role, unit=unit
        )
    approvals.approval_submit(actor=archivist, obj=appraisal)
    appraisal.refresh_from_db()
    approvals.approval_decide(actor=users["phochanh1"], obj=appraisal, kind=DecisionKind.APPROVE)
    appraisal.refresh_from_db()
    for username in ("lt.truong", "lt.cv"):
        for line in appraisal.lines.all():
            services.opinion_record(
                actor=users[username],
                appraisal=appraisal,
                line=line,
                verdict=Verdict.DESTROY,
                reason="Hết giá trị tra cứu",
            )
