"""Fixity: the SHA-256 of each scan is recorded at ingest; the check re-reads at most N scans a
run from where the last run stopped, and tells the Archives' head of a changed or lost scan."""

from pathlib import Path

from django.test import override_settings

from archive import services
from archive.models import FixityRun, FixityStatus, ScanChecksum
from archive.tasks import check_fixity as check_fixity_task
from core.models import Notification
from tests.archive.conftest import scan


def _scanned(flow, count=1):
    record_file = flow.open(code="TH-01")
    return [flow.paper(record_file, upload=scan(f"ban-quet-{n}.pdf")) for n in range(count)]


def test_the_digest_is_recorded_at_ingest(office, flow, media_root):
    [item] = _scanned(flow)
    checksum = ScanChecksum.objects.get(item=item)
    import hashlib

    assert checksum.sha256 == hashlib.sha256(item.upload.read()).hexdigest()
    paper_only = flow.paper(item.record_file)
    assert not ScanChecksum.objects.filter(item=paper_only).exists()


def test_one_flipped_byte_raises_the_alarm_to_the_archives_head(office, flow, media_root):
    items = _scanned(flow, 2)
    path = Path(items[1].upload.path)
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01
    path.write_bytes(bytes(data))
    assert check_fixity_task.apply().get() == 1
    assert ScanChecksum.objects.get(item=items[1]).status == FixityStatus.MISMATCH
    assert ScanChecksum.objects.get(item=items[0]).status == FixityStatus.OK
    [notice] = Notification.objects.filter(recipient=office["lt_head"])
    assert "sai mã băm" in notice.title
    assert notice.url == items[1].record_file.get_absolute_url()


def test_a_missing_file_is_an_alarm_and_an_unchanged_archive_is_quiet(office, flow, media_root):
    [item] = _scanned(flow)
    assert services.check_fixity().failures == []
    assert not Notification.objects.filter(recipient=office["lt_head"]).exists()
    item.upload.storage.delete(item.upload.name)
    report = services.check_fixity()
    assert [c.status for c in report.failures] == [FixityStatus.MISSING]
    assert Notification.objects.filter(recipient=office["lt_head"]).count() == 1


@override_settings(ARCHIVE_FIXITY_BATCH=2)
def test_runs_are_bounded_and_resume_after_the_last_scan_read(office, flow, media_root):
    items = _scanned(flow, 5)
    ids = [item.pk for item in items]
    seen = []
    for _run in range(3):
        report = services.check_fixity()
        seen.append(report.run.checked)
    assert seen == [2, 2, 1]
    runs = list(FixityRun.objects.order_by("pk"))
    assert [run.last_item_id for run in runs] == [ids[1], ids[3], ids[4]]
    assert runs[-1].wrapped
    assert services.check_fixity().run.first_item_id == 0


def test_items_without_a_stored_file_are_skipped(office, flow, media_root):
    [item] = _scanned(flow)
    type(item).objects.filter(pk=item.pk).update(upload="")
    report = services.check_fixity()
    assert report.run.checked == 0 and report.failures == []


def test_the_backfill_records_scans_stored_before(office, flow, media_root):
    [item] = _scanned(flow)
    ScanChecksum.objects.all().delete()
    assert services.backfill_checksums() == 1
    assert ScanChecksum.objects.filter(item=item).exists()


def test_the_check_is_a_weekly_beat_task_by_default(settings):
    from datetime import timedelta

    entry = settings.CELERY_BEAT_SCHEDULE["archive-check-fixity"]
    assert entry["task"] == "archive.tasks.check_fixity"
    assert entry["schedule"] == timedelta(days=7)
