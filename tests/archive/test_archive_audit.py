"""Every tracked model of the archive is written by its services with the user and a reason in
each history row (tests/kit/audit.py)."""

from datetime import date

from archive import services
from archive.choices import LineCondition, SourceKind
from tests.archive.conftest import scan
from tests.kit.audit import audit_tests
from units import approvals


def file_flow(office, flow, media_root):
    """Open, gather a task and a scan, raise the retention, close (sheets numbered), hand in,
    check, accept, keep in a box; remove an item of another file."""
    record_file = flow.open(code="TH-01")
    services.item_add_registered(
        actor=office["staff"],
        record_file=record_file,
        source_key="units.task",
        objects=[flow.task()],
    )
    flow.paper(record_file, upload=scan())
    services.file_update(
        actor=office["staff"], record_file=record_file, title="Hồ sơ tổng hợp", notes="Ghi chú"
    )
    services.file_set_retention(
        actor=office["staff"],
        record_file=record_file,
        retention=flow.rules["20-01"],
        reason="Giá trị tham khảo lâu dài",
    )
    services.file_close(actor=office["staff"], record_file=record_file)
    transfer = flow.submitted([record_file])
    services.transfer_check_line(
        actor=office["archivist"],
        line=transfer.lines.get(),
        condition=LineCondition.DAMAGED,
        note="Tờ 2 rách",
    )
    services.transfer_accept(actor=office["archivist"], transfer=transfer)
    record_file.refresh_from_db()
    services.file_set_custody(actor=office["archivist"], record_file=record_file, box=flow.box())
    other = flow.open(code="TH-02")
    item = flow.paper(other)
    services.item_remove(actor=office["staff"], item=item, reason="Nhầm hồ sơ")
    returned = flow.transfer([flow.closed(code="TH-03")])
    services.transfer_remove_line(actor=office["head"], line=returned.lines.get())


def file_list_flow(office, flow, media_root):
    file_list = services.file_list_create(
        actor=office["head"], unit=office.units["th"], year=2026, title="Danh mục 2026"
    )
    services.file_list_entry_add(
        actor=office["head"],
        file_list=file_list,
        code="TH-01",
        title="Hồ sơ tổng hợp",
        retention=flow.rules["10-01"],
        person=office["staff"],
    )
    approvals.approval_submit(actor=office["head"], obj=file_list)


def source_flow(office, flow, media_root):
    body = services.source_create(
        actor=office["archivist"],
        name="Huyện ủy Đông Sơn",
        kind=SourceKind.PARTY_COMMITTEE,
        valid_from=date(2015, 1, 1),
    )
    source_list = services.source_list_add(
        actor=office["archivist"],
        body=body,
        title="Tài liệu nhiệm kỳ 2015–2020",
        approved_on=date(2021, 1, 1),
        due_on=date(2022, 12, 31),
    )
    services.source_receipt_record(
        actor=office["archivist"],
        body=body,
        source_list=source_list,
        received_on=date(2022, 6, 1),
        list_number="01",
        minutes_number="01",
        file_count=10,
        sheet_count=500,
    )


def description_flow(office, flow, media_root):
    """The archivist describes a fonds, a series, an archived file and its item, then edits."""
    from archive.models import Fonds, Series
    from core.audit import audited_create

    fonds = audited_create(
        Fonds, actor=office["sysadmin"], reason="Khai báo", code="P9", title="Phông", creator="X"
    )
    series = audited_create(
        Series, actor=office["sysadmin"], reason="Khai báo", fonds=fonds, code="1", title="ML 1"
    )
    record_file = flow.closed(code="TH-D1")
    flow.accepted([record_file])
    record_file.refresh_from_db()
    for target in (fonds, series, record_file, record_file.items.first()):
        services.description_save(
            actor=office["archivist"],
            target=target,
            reason="Chỉnh lý",
            reference_code="VN",
            title="T",
        )
    services.description_save(
        actor=office["lt_head"], target=fonds, reason="Bổ sung", scope_content="Nội dung"
    )


def reading_flow(office, flow, media_root):
    """An outside reader registered, a secret file asked for, approved by LT's head and the
    chief, read, copied; a declassification recorded."""
    from datetime import timedelta

    from django.utils import timezone

    from archive.choices import CopyKind
    from units.choices import DecisionKind, Secrecy

    record_file = flow.closed(code="TH-R1", secrecy=Secrecy.SECRET)
    flow.accepted([record_file], secrecy=Secrecy.SECRET)
    record_file.refresh_from_db()
    researcher = services.researcher_register(
        actor=office["archivist"],
        username="docgia",
        password="mat-khau-doc-gia-2026",
        full_name="Lê Văn Đọc",
        id_kind="cccd",
        id_number="038090001234",
        organisation="Viện Lịch sử Đảng",
        introduction_ref="Giấy giới thiệu số 15/GGT-VLSĐ",
    )
    today = timezone.localdate()
    request = services.reading_request_create(
        actor=researcher.user,
        file_codes="TH-R1",
        purpose="Nghiên cứu",
        period_start=today,
        period_end=today + timedelta(days=3),
    )
    for leader in ("lt_head", "chief"):
        request.refresh_from_db()
        approvals.approval_decide(actor=office[leader], obj=request, kind=DecisionKind.APPROVE)
    services.reading_record(actor=researcher.user, request=request, record_file=record_file)
    services.copy_issue(
        actor=office["archivist"],
        request=request,
        record_file=record_file,
        kind=CopyKind.EXTRACT,
        content="Trích biên bản",
        pages=1,
    )
    services.file_declassify(
        actor=office["archivist"],
        record_file=record_file,
        declassified_on=today,
        decision="Quyết định giải mật số 1",
    )


def appraisal_flow(office, flow, media_root):
    """Proposed, council formed, opinions (one member keeps a file), decided, the chief
    confirms nothing and approves, the archivist destroys the list."""
    from tests.archive.appraisal_kit import approved, expired_files

    files = expired_files(office, flow, count=2)
    appraisal = approved(office, files, keep=files[0])
    services.appraisal_destroy(actor=office["archivist"], appraisal=appraisal)


def contested_flow(office, flow, media_root):
    from tests.archive.appraisal_kit import decided, expired_files, formed, give_opinions

    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    give_opinions(office, appraisal, keep=files[0])
    decided(office, appraisal)
    services.destruction_confirm(
        actor=office["chief"], appraisal=appraisal, line=appraisal.lines.get(), reason="Trùng"
    )


SERVICES = {
    "archive.Description": [description_flow],
    "archive.Researcher": [reading_flow],
    "archive.ReadingRequest": [reading_flow],
    "archive.ReadingLine": [reading_flow],
    "archive.ReadingEvent": [reading_flow],
    "archive.CertifiedCopy": [reading_flow],
    "archive.Declassification": [reading_flow],
    "archive.RecordFile": [file_flow, appraisal_flow],
    "archive.RecordItem": [file_flow, appraisal_flow],
    "archive.Transfer": [file_flow],
    "archive.TransferLine": [file_flow],
    "archive.FileList": [file_list_flow],
    "archive.FileListEntry": [file_list_flow],
    "archive.SourceBody": [source_flow],
    "archive.SourceList": [source_flow],
    "archive.SourceReceipt": [source_flow],
    "archive.Appraisal": [appraisal_flow],
    "archive.AppraisalLine": [appraisal_flow, contested_flow],
    "archive.CouncilMember": [appraisal_flow],
    "archive.CouncilOpinion": [appraisal_flow],
}
CATALOGUES = {
    "archive.RetentionSchedule",
    "archive.RetentionRule",
    "archive.ArchiveTerm",
    "archive.Repository",
    "archive.Shelf",
    "archive.Box",
    "archive.Fonds",
    "archive.Series",
    "archive.OpeningTerm",
    "archive.CouncilQuorum",
}
(
    test_every_tracked_model_says_which_services_write_it,
    test_every_history_row_of_a_service_write_has_its_user_and_reason,
) = audit_tests("archive", SERVICES, CATALOGUES, fixtures=("office", "flow", "media_root"))
