"""Rules of record files, retention, transfers and sources, through the real services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from archive import selectors, services
from archive.choices import FileState, LineCondition, SourceKind, TransferKind, TransferState
from archive.models import (
    Fonds,
    RecordFile,
    RecordItem,
    Series,
    SourceReceipt,
    Transfer,
    TransferLine,
)
from core.records import RECORD_SOURCES, register_record_source
from tests.archive.conftest import seed_archive
from units import approvals
from units.choices import DecisionKind, Secrecy
from units.models import Task

pytestmark = pytest.mark.django_db


def test_the_apps_register_what_can_be_filed():
    assert {
        "dispatch.incoming",
        "dispatch.outgoing",
        "dispatch.letter",
        "workprograms.program",
        "workprograms.report",
        "workprograms.meeting",
        "units.task",
    } <= set(RECORD_SOURCES)
    with pytest.raises(ValueError):
        register_record_source(
            "units.task",
            RecordFile,
            label="x",
            title=str,
            date=lambda obj: None,
            retention_kind="task",
        )


def test_the_retention_table_is_seeded_data():
    """The data migration's rows (laid again when a transactional test flushed them)."""
    seed_archive()
    years = sorted({rule.years or 0 for rule in selectors.current_rules()})
    assert {0, 70, 20, 10, 5} <= set(years)
    assert min(y for y in years if y) < 5


def test_items_give_the_date_range_sheets_and_the_highest_retention(office, flow):
    record_file = flow.open(retention="05-01")
    task = flow.task()
    services.item_add_registered(
        actor=office["staff"], record_file=record_file, source_key="units.task", objects=[task]
    )
    flow.paper(record_file, sheets=4, retention="VV-01")
    record_file.refresh_from_db()
    assert record_file.sheet_total == 5
    assert record_file.retention.is_permanent
    assert record_file.retention_reason
    assert record_file.starts_on == task.assigned_on or record_file.starts_on == date(2026, 3, 2)
    item = record_file.items.get(object_id=task.pk)
    assert item.title == task.title and item.retention.record_kind == "task"


def test_a_user_files_only_what_he_can_see(office, flow):
    record_file = flow.open()
    theirs = Task.objects.create(
        lead_unit=office.units["tc"],
        owner=office["tc_staff"],
        title="Việc của Phòng Tài chính",
        assigned_by=office["tc_staff"],
        assigned_on=timezone.localdate(),
        due_working_days=3,
        due_date=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as error:
        services.item_add_registered(
            actor=office["staff"],
            record_file=record_file,
            source_key="units.task",
            objects=[theirs],
        )
    assert "không có quyền xem" in str(error.value)
    assert not RecordItem.objects.exists()


def test_retention_lower_than_an_item_is_refused_and_nothing_changes(office, flow):
    record_file = flow.open(retention="10-01")
    flow.paper(record_file, retention="70-01")
    record_file.refresh_from_db()
    assert record_file.retention.years == 70
    rows = record_file.history.count()
    with pytest.raises(ValidationError) as error:
        services.file_set_retention(
            actor=office["staff"],
            record_file=record_file,
            retention=flow.rules["20-01"],
            reason="Giảm thời hạn cho gọn",
        )
    assert "không được thấp hơn thời hạn cao nhất của văn bản" in str(error.value)
    record_file.refresh_from_db()
    assert record_file.retention.years == 70
    assert record_file.history.count() == rows


def test_retention_is_raised_never_lowered_and_needs_a_reason(office, flow):
    record_file = flow.open(retention="20-01")
    with pytest.raises(ValidationError, match="chỉ được nâng"):
        services.file_set_retention(
            actor=office["staff"],
            record_file=record_file,
            retention=flow.rules["10-01"],
            reason="Thử hạ",
        )
    with pytest.raises(ValidationError, match="lý do"):
        services.file_set_retention(
            actor=office["staff"], record_file=record_file, retention=flow.rules["VV-01"], reason=""
        )
    services.file_set_retention(
        actor=office["staff"],
        record_file=record_file,
        retention=flow.rules["VV-01"],
        reason="Hồ sơ có giá trị lịch sử",
    )
    record_file.refresh_from_db()
    assert record_file.retention.is_permanent and record_file.retention_reason


def test_closing_numbers_the_sheets_of_files_kept_five_years_or_more(office, flow):
    kept = flow.open(code="TH-01", retention="10-01")
    flow.paper(kept, sheets=3)
    flow.paper(kept, sheets=2)
    services.file_close(actor=office["staff"], record_file=kept)
    assert [(i.sheet_from, i.sheet_to) for i in kept.items.order_by("position")] == [
        (1, 3),
        (4, 5),
    ]
    short = flow.open(code="TH-02", retention="02-01")
    flow.paper(short, sheets=3)
    services.file_close(actor=office["staff"], record_file=short)
    assert short.items.get().sheet_from is None
    short.refresh_from_db()
    assert short.state == FileState.CLOSED and not short.sheets_numbered


def test_an_empty_file_cannot_be_closed(office, flow):
    record_file = flow.open()
    with pytest.raises(ValidationError, match="chưa có văn bản"):
        services.file_close(actor=office["staff"], record_file=record_file)
    record_file.refresh_from_db()
    assert record_file.state == FileState.OPEN


def test_a_transfer_with_an_unfinished_file_is_refused_and_nothing_written(office, flow):
    unfinished = flow.open(code="TH-09")
    flow.paper(unfinished)
    transfer = services.transfer_create(actor=office["head"], unit=office.units["th"])
    with pytest.raises(ValidationError) as error:
        services.transfer_add_files(actor=office["head"], transfer=transfer, files=[unfinished])
    assert "chưa kết thúc" in str(error.value) and "TH-09" in str(error.value)
    assert not TransferLine.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"retention": "02-01"}, "dưới 5 năm"),
        ({"is_reference_copy": True}, "tham khảo"),
        ({"secrecy": Secrecy.CONFIDENTIAL}, "mục lục mật"),
    ],
)
def test_files_that_stay_are_refused_with_why(office, flow, extra, message):
    retention = extra.pop("retention", "10-01")
    record_file = flow.closed(retention=retention, **extra)
    transfer = services.transfer_create(actor=office["head"], unit=office.units["th"])
    with pytest.raises(ValidationError, match=message):
        services.transfer_add_files(actor=office["head"], transfer=transfer, files=[record_file])
    assert not TransferLine.objects.exists()


def test_transfer_submitted_checked_and_accepted_into_the_agency_archive(office, flow):
    first = flow.closed(code="TH-01")
    second = flow.closed(code="TH-02")
    transfer = flow.submitted([first, second])
    assert transfer.number == 1 and transfer.state == TransferState.SUBMITTED
    assert set(RecordFile.objects.values_list("state", flat=True)) == {FileState.TRANSFERRED}
    with pytest.raises(PermissionDenied):
        services.transfer_accept(actor=office["head"], transfer=transfer)
    line = transfer.lines.get(record_file=second)
    with pytest.raises(ValidationError, match="Ghi rõ"):
        services.transfer_check_line(
            actor=office["archivist"], line=line, condition=LineCondition.MISSING
        )
    services.transfer_check_line(
        actor=office["archivist"], line=line, condition=LineCondition.MISSING, note="Thiếu tờ 3"
    )
    services.transfer_accept(actor=office["archivist"], transfer=transfer, notes="Nhận đủ.")
    transfer.refresh_from_db()
    assert transfer.minutes_number == 1 and transfer.checked_by == office["archivist"]
    first.refresh_from_db()
    assert first.state == FileState.AGENCY and first.accepted_on == timezone.localdate()
    box = flow.box()
    with pytest.raises(PermissionDenied):
        services.file_set_custody(actor=office["staff"], record_file=first, box=box)
    services.file_set_custody(actor=office["archivist"], record_file=first, box=box)
    first.refresh_from_db()
    assert first.box == box and first.series is None
    fonds = Fonds.objects.create(code="P9", title="Phông thử", creator="Tỉnh ủy")
    series = Series.objects.create(fonds=fonds, code="01", title="Hành chính")
    services.file_set_custody(actor=office["archivist"], record_file=first, box=box, series=series)
    first.refresh_from_db()
    assert first.series == series and first.fonds == fonds
    assert first.history.latest().series_id == series.pk
    # The unit keeps sight of its own file; the archivist sees it now.
    assert selectors.files_for(office["staff"]).filter(id=first.pk).exists()
    assert selectors.files_for(office["archivist"]).filter(id=first.pk).exists()


def test_each_register_numbers_on_its_own(office, flow):
    one = flow.accepted([flow.closed(code="TH-01")])
    two = flow.submitted([flow.closed(code="TH-02")])
    assert (one.number, one.minutes_number, two.number, two.minutes_number) == (1, 1, 2, None)


def test_a_returned_transfer_gives_the_files_back(office, flow):
    record_file = flow.closed()
    transfer = flow.submitted([record_file])
    with pytest.raises(ValidationError):
        services.transfer_return(actor=office["archivist"], transfer=transfer, reason="")
    services.transfer_return(actor=office["archivist"], transfer=transfer, reason="Thiếu mục lục")
    record_file.refresh_from_db()
    assert record_file.state == FileState.CLOSED
    services.transfer_submit(actor=office["head"], transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.number == 1 and transfer.state == TransferState.SUBMITTED


def test_a_secret_file_is_handed_to_the_archivists(office, flow):
    record_file = flow.closed(secrecy=Secrecy.CONFIDENTIAL)
    assert not selectors.files_for(office["archivist"]).filter(id=record_file.pk).exists()
    flow.submitted([record_file], secrecy=Secrecy.CONFIDENTIAL)
    assert selectors.files_for(office["archivist"]).filter(id=record_file.pk).exists()


def test_historical_transfer_follows_the_same_path(office, flow):
    record_file = flow.closed()
    flow.accepted([record_file])
    with pytest.raises(PermissionDenied):
        services.transfer_create(actor=office["head"], kind=TransferKind.HISTORICAL)
    transfer = services.transfer_create(actor=office["archivist"], kind=TransferKind.HISTORICAL)
    assert transfer.lead_unit.code == "lt"
    services.transfer_add_files(actor=office["archivist"], transfer=transfer, files=[record_file])
    transfer = services.transfer_submit(actor=office["archivist"], transfer=transfer)
    services.transfer_accept(actor=office["archivist"], transfer=transfer)
    record_file.refresh_from_db()
    assert record_file.state == FileState.HISTORICAL
    assert Transfer.objects.get(pk=transfer.pk).number == 1


def test_due_for_transfer_follows_the_period_in_the_data(office, flow):
    record_file = flow.closed()
    assert not selectors.due_for_transfer(RecordFile.objects.all()).exists()
    flow.age(record_file)
    assert list(selectors.due_for_transfer(RecordFile.objects.all())) == [record_file]
    short = flow.age(flow.closed(code="TH-05", retention="02-01"))
    assert short not in selectors.due_for_transfer(RecordFile.objects.all())


def test_due_for_the_historical_archive_follows_its_period(office, flow):
    record_file = flow.closed()
    flow.accepted([record_file])
    assert not selectors.due_for_historical(RecordFile.objects.all()).exists()
    RecordFile.objects.filter(pk=record_file.pk).update(
        accepted_on=timezone.localdate() - timedelta(days=365 * 5 + 2)
    )
    assert list(selectors.due_for_historical(RecordFile.objects.all())) == [record_file]


def test_file_list_checked_by_the_archives_head_approved_by_leadership(office, flow):
    file_list = services.file_list_create(
        actor=office["head"], unit=office.units["th"], year=2026, title="Danh mục hồ sơ năm 2026"
    )
    with pytest.raises(ValidationError, match="chưa có hồ sơ"):
        approvals.approval_submit(actor=office["head"], obj=file_list)
    entry = services.file_list_entry_add(
        actor=office["head"],
        file_list=file_list,
        code="TH-01",
        title="Hồ sơ chương trình công tác năm",
        retention=flow.rules["VV-01"],
        person=office["staff"],
    )
    approvals.approval_submit(actor=office["head"], obj=file_list)
    assert not approvals.can_decide(office["dc"], file_list)
    approvals.approval_decide(actor=office["lt_head"], obj=file_list, kind=DecisionKind.APPROVE)
    file_list.refresh_from_db()
    approvals.approval_decide(actor=office["dc"], obj=file_list, kind=DecisionKind.APPROVE)
    with pytest.raises(PermissionDenied):
        services.file_open(actor=office["staff2"], year=2026, entry=entry)
    record_file = services.file_open(actor=office["staff"], year=2026, entry=entry)
    assert (record_file.code, record_file.owner, record_file.retention) == (
        "TH-01",
        office["staff"],
        flow.rules["VV-01"],
    )
    with pytest.raises(ValidationError, match="đã được mở"):
        services.file_open(actor=office["staff"], year=2026, entry=entry)


def test_sources_lists_receipts_and_overdue(office):
    with pytest.raises(PermissionDenied):
        services.source_create(
            actor=office["staff"], name="X", kind=SourceKind.OTHER, valid_from=date(2020, 1, 1)
        )
    body = services.source_create(
        actor=office["archivist"],
        name="Huyện ủy Đông Sơn",
        kind=SourceKind.PARTY_COMMITTEE,
        valid_from=date(2015, 1, 1),
        valid_to=date(2025, 6, 30),
    )
    late = services.source_list_add(
        actor=office["archivist"],
        body=body,
        title="Tài liệu nhiệm kỳ 2015–2020",
        approved_on=date(2021, 1, 1),
        due_on=date(2022, 12, 31),
    )
    with pytest.raises(ValidationError, match="Hạn nộp lưu"):
        services.source_list_add(
            actor=office["archivist"],
            body=body,
            title="Sai hạn",
            approved_on=date(2021, 1, 1),
            due_on=date(2020, 1, 1),
        )
    assert selectors.sources_for(office["archivist"]).get().overdue_count == 1
    services.source_receipt_record(
        actor=office["archivist"],
        body=body,
        source_list=late,
        received_on=timezone.localdate() - timedelta(days=1),
        list_number="01",
        minutes_number="01",
        file_count=12,
        sheet_count=840,
    )
    assert SourceReceipt.objects.count() == 1
    assert selectors.sources_for(office["archivist"]).get().overdue_count == 0
    assert not selectors.sources_for(office["staff"]).exists()
