"""Appraisal and disposal through the services: expiry, the council's quorum and majority,
the kept file, the chief's confirmation, the one path of destruction."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from archive import selectors, services
from archive.choices import FileState, LineOutcome
from archive.models import Appraisal, AppraisalLine, CouncilOpinion, CouncilQuorum, RecordFile
from tests.archive.appraisal_kit import (
    approved,
    decided,
    expired_files,
    formed,
    give_opinions,
    proposed,
)
from units import approvals
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind

pytestmark = pytest.mark.django_db


def test_expiry_is_the_end_date_plus_the_term_and_permanent_never_expires(office, flow):
    files = expired_files(office, flow, count=2, with_scan=False)
    assert set(selectors.expired_files(office["archivist"])) == set(files)
    # A day short of ten years: not expired.
    young = files[0]
    RecordFile.objects.filter(pk=young.pk).update(
        ends_on=timezone.localdate() - timedelta(days=365 * 10 - 5)
    )
    permanent = files[1]
    RecordFile.objects.filter(pk=permanent.pk).update(retention=flow.rules["VV-01"])
    assert flow.rules["VV-01"].years is None
    assert list(selectors.expired_files(office["archivist"])) == []


def test_only_expired_files_are_proposed_nothing_written(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    fresh = flow.closed(code="TH-X")
    with pytest.raises(ValidationError, match="chưa hết thời hạn"):
        services.appraisal_create(
            actor=office["archivist"], title="Đợt 1", note="Thuyết minh", files=[*files, fresh]
        )
    assert not Appraisal.objects.exists()
    with pytest.raises(PermissionDenied):
        services.appraisal_create(actor=office["staff"], title="Đợt", note="X", files=files)


def test_submission_needs_a_complete_council(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = services.appraisal_create(
        actor=office["archivist"], title="Đợt 1", note="Thuyết minh", files=files
    )
    with pytest.raises(ValidationError, match="Hội đồng còn thiếu"):
        approvals.approval_submit(actor=office["archivist"], obj=appraisal)


def test_council_decision_without_quorum_is_refused_nothing_written(office, flow):
    files = expired_files(office, flow, count=2, with_scan=False)
    appraisal = formed(office, files)
    assert appraisal.approval_step == ApprovalStep.COLLECTIVE
    assert appraisal.council_number == 1
    # Two of four members: not more than half.
    give_opinions(office, appraisal, who=("lt_head", "archivist"))
    with pytest.raises(ValidationError, match="chưa đủ số thành viên"):
        decided(office, appraisal)
    appraisal.refresh_from_db()
    assert appraisal.approval_step == ApprovalStep.COLLECTIVE
    assert appraisal.minutes_number == ""
    assert not AppraisalLine.objects.exclude(outcome="").exists()
    # The quorum is data: at 25% two opinions of four are enough.
    CouncilQuorum.objects.update(share_percent=25)
    decided(office, appraisal)
    assert appraisal.approval_step == ApprovalStep.CHIEF
    assert appraisal.minutes_number == "01"


def test_only_the_secretary_records_the_councils_decision(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    give_opinions(office, appraisal)
    with pytest.raises(PermissionDenied):
        services.council_decision_record(
            actor=office["lt_head"], appraisal=appraisal, held_on=timezone.localdate()
        )
    # Nor through the admin's collective step by another keeper of LT.
    with pytest.raises(PermissionDenied):
        approvals.approval_decide(
            actor=office["lt_head"],
            obj=appraisal,
            kind=DecisionKind.APPROVE,
            resolution_number="05",
            resolution_date=timezone.localdate(),
        )


def test_opinions_only_from_members_at_the_councils_step(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = proposed(office, files)
    line = appraisal.lines.get()
    with pytest.raises(PermissionDenied):
        services.opinion_record(
            actor=office["head"], appraisal=appraisal, line=line, verdict="destroy", reason="X"
        )
    approvals.approval_submit(actor=office["archivist"], obj=appraisal)
    approvals.approval_decide(actor=office["dc"], obj=appraisal, kind=DecisionKind.APPROVE)
    appraisal.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.opinion_record(
            actor=office["staff"], appraisal=appraisal, line=line, verdict="destroy", reason="X"
        )
    with pytest.raises(ValidationError, match="lý do"):
        services.opinion_record(
            actor=office["head"], appraisal=appraisal, line=line, verdict="keep", reason=" "
        )
    assert not CouncilOpinion.objects.exists()


def test_a_file_a_member_kept_is_kept_unless_the_chief_confirms(office, flow, media_root):
    files = expired_files(office, flow, count=3)
    kept, confirmed = files[0], files[1]
    appraisal = formed(office, files)
    give_opinions(office, appraisal, keep=kept)
    lines = {line.record_file_id: line for line in appraisal.lines.all()}
    # The expert keeps a second file too.
    services.opinion_record(
        actor=office["staff2"],
        appraisal=appraisal,
        line=lines[confirmed.pk],
        verdict="keep",
        reason="Cần xem lại",
    )
    decided(office, appraisal)
    outcomes = dict(appraisal.lines.values_list("record_file_id", "outcome"))
    assert outcomes[kept.pk] == LineOutcome.CONTESTED
    assert outcomes[files[2].pk] == LineOutcome.DESTROY
    assert (
        office["chief"]
        .notifications.filter(title__contains="giữ lại", url=appraisal.get_absolute_url())
        .exists()
    )
    with pytest.raises(PermissionDenied):
        services.destruction_confirm(
            actor=office["dc"], appraisal=appraisal, line=lines[confirmed.pk], reason="Hết giá trị"
        )
    services.destruction_confirm(
        actor=office["chief"],
        appraisal=appraisal,
        line=lines[confirmed.pk],
        reason="Đã có bản khác",
    )
    approvals.approval_decide(actor=office["chief"], obj=appraisal, kind=DecisionKind.APPROVE)
    appraisal.refresh_from_db()
    assert appraisal.approval_status == ApprovalStatus.APPROVED
    assert appraisal.decision_number == 1 and appraisal.list_number == 1
    on_list = set(appraisal.lines.filter(on_list=True).values_list("record_file_id", flat=True))
    assert on_list == {confirmed.pk, files[2].pk}


def test_a_tie_keeps_the_file(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    give_opinions(office, appraisal, keep=files[0], keepers=("staff2", "head"))
    decided(office, appraisal)
    assert appraisal.lines.get().outcome == LineOutcome.KEEP


def test_destruction_removes_the_scans_and_keeps_the_catalogue_entry(office, flow, media_root):
    files = expired_files(office, flow, count=3)
    appraisal = approved(office, files, keep=files[0])
    names = {
        f.pk: f.items.get().upload.name
        for f in RecordFile.objects.filter(pk__in=[x.pk for x in files])
    }
    assert all(default_storage.exists(name) for name in names.values())
    with pytest.raises(ValidationError, match="không có trong danh mục tài liệu hủy"):
        services.appraisal_destroy(actor=office["archivist"], appraisal=appraisal, files=files)
    assert not RecordFile.objects.filter(state=FileState.DESTROYED).exists()
    with pytest.raises(PermissionDenied):
        services.appraisal_destroy(actor=office["staff"], appraisal=appraisal)
    with transaction.atomic():
        services.appraisal_destroy(actor=office["archivist"], appraisal=appraisal)
    # (the test's own transaction holds; the scans are removed once it commits)
    appraisal.refresh_from_db()
    assert appraisal.destruction_minutes_number == 1
    destroyed = RecordFile.objects.get(pk=files[1].pk)
    assert destroyed.state == FileState.DESTROYED
    assert destroyed.destruction_reference == appraisal.decision_reference
    assert destroyed.items.get().upload.name == ""
    assert destroyed.history.first().history_change_reason.startswith("Hủy hồ sơ")
    assert RecordFile.objects.get(pk=files[0].pk).state == FileState.AGENCY
    assert RecordFile.objects.get(pk=files[0].pk).items.get().upload.name == names[files[0].pk]
    with pytest.raises(PermissionDenied):
        services.appraisal_destroy(actor=office["archivist"], appraisal=appraisal)


def test_destruction_of_a_file_of_an_unapproved_list_is_refused(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    give_opinions(office, appraisal)
    decided(office, appraisal)
    with pytest.raises(PermissionDenied, match="đã được Chánh Văn phòng duyệt"):
        services.appraisal_destroy(actor=office["archivist"], appraisal=appraisal)
    assert RecordFile.objects.get(pk=files[0].pk).state == FileState.AGENCY


def test_scans_leave_storage_on_commit(
    office, flow, media_root, django_capture_on_commit_callbacks
):
    files = expired_files(office, flow, count=1)
    appraisal = approved(office, files)
    name = files[0].items.get().upload.name
    with django_capture_on_commit_callbacks(execute=True):
        services.appraisal_destroy(actor=office["archivist"], appraisal=appraisal)
    assert not default_storage.exists(name)


def test_record_files_and_items_refuse_every_delete(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    record_file = files[0]
    with pytest.raises(PermissionDenied):
        record_file.delete()
    with pytest.raises(PermissionDenied):
        RecordFile.objects.filter(pk=record_file.pk).delete()
    with pytest.raises(PermissionDenied):
        record_file.items.get().delete()
    with pytest.raises(PermissionDenied):
        record_file.items.all().delete()
    appraisal = proposed(office, files)
    with pytest.raises(PermissionDenied):
        appraisal.delete()
    with pytest.raises(PermissionDenied):
        AppraisalLine.objects.all().delete()
    assert RecordFile.objects.filter(pk=record_file.pk).exists()


def test_postgresql_refuses_the_delete_itself(office, flow):
    from django.db import connection

    files = expired_files(office, flow, count=1, with_scan=False)
    from django.db import DatabaseError

    with (
        pytest.raises(DatabaseError, match="không được xóa"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM archive_recordfile WHERE id = %s", [files[0].pk])
    with (
        pytest.raises(DatabaseError, match="không được xóa"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM archive_recorditem WHERE record_file_id = %s", [files[0].pk])
    assert RecordFile.objects.filter(pk=files[0].pk).exists()


def test_an_open_files_item_still_leaves_it(office, flow):
    record_file = flow.open(code="TH-O")
    item = flow.paper(record_file)
    services.item_remove(actor=office["staff"], item=item, reason="Nhầm hồ sơ")
    assert not record_file.items.exists()
