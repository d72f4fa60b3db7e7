"""Fixity of the stored scans: the SHA-256 of every scan is recorded when it is stored, and the
beat task `archive.tasks.check_fixity` re-reads them, at most `ARCHIVE_FIXITY_BATCH` a run,
resuming after the last scan the previous run read (a cursor kept in `FixityRun`). A scan whose
digest changed or whose file is gone is marked and the Archives unit's head is told, with a
link to the file. Items with no stored file (a paper without a scan, a destroyed file's items)
are not read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import RecordItem
from archive.models_description import FixityRun, FixityStatus, ScanChecksum
from core.audit import in_office_language
from core.services import notify
from units import ownership
from units.choices import Designation
from units.designations import designated_unit

CHUNK = 1024 * 1024


def digest_of(fieldfile) -> tuple[str, int]:
    """SHA-256 and size of a stored file, read in 1 MB chunks (bounded memory)."""
    sha = hashlib.sha256()
    size = 0
    with fieldfile.storage.open(fieldfile.name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def record_checksum(item: RecordItem) -> ScanChecksum | None:
    """Record (or renew) the digest of the item's scan as it is stored now: at ingest."""
    if not item.upload:
        return None
    sha256, size = digest_of(item.upload)
    checksum, _created = ScanChecksum.objects.update_or_create(
        item=item,
        defaults={
            "sha256": sha256,
            "size": size,
            "recorded_at": timezone.now(),
            "checked_at": None,
            "status": FixityStatus.OK,
        },
    )
    return checksum


def backfill_checksums() -> int:
    """Record the digest of every stored scan that has none yet (older rows)."""
    count = 0
    rows = RecordItem.objects.exclude(upload="").filter(checksum__isnull=True).order_by("pk")
    for item in rows.iterator(chunk_size=500):
        try:
            record_checksum(item)
        except FileNotFoundError:
            continue
        count += 1
    return count


@dataclass
class FixityReport:
    run: FixityRun
    failures: list[ScanChecksum] = field(default_factory=list)


def _check_one(checksum: ScanChecksum, item: RecordItem) -> int:
    """Read one scan; returns the bytes read and sets the checksum's status."""
    try:
        sha256, size = digest_of(item.upload)
    except (FileNotFoundError, OSError):
        checksum.status = FixityStatus.MISSING
        return 0
    checksum.status = FixityStatus.OK if sha256 == checksum.sha256 else FixityStatus.MISMATCH
    return size


def _cursor() -> int:
    last = FixityRun.objects.filter(finished_at__isnull=False).first()
    if last is None or last.wrapped:
        return 0
    return last.last_item_id


@in_office_language
def check_fixity(*, batch: int | None = None) -> FixityReport:
    """Re-read at most `batch` stored scans after the cursor; alarm on any failure."""
    batch = batch or settings.ARCHIVE_FIXITY_BATCH
    start = _cursor()
    run = FixityRun.objects.create(first_item_id=start, last_item_id=start)
    rows = list(
        ScanChecksum.objects.filter(item_id__gt=start)
        .exclude(item__upload="")
        .select_related("item")
        .order_by("item_id")[: batch + 1]
    )
    run.wrapped = len(rows) <= batch
    rows = rows[:batch]
    report = FixityReport(run=run)
    now = timezone.now()
    for checksum in rows:
        run.bytes_read += _check_one(checksum, checksum.item)
        checksum.checked_at = now
        run.checked += 1
        run.last_item_id = checksum.item_id
        if checksum.status != FixityStatus.OK:
            report.failures.append(checksum)
    ScanChecksum.objects.bulk_update(rows, ["status", "checked_at"], batch_size=500)
    run.failures = len(report.failures)
    run.finished_at = timezone.now()
    run.save()
    if report.failures:
        _alarm(report.failures)
    return report


def _alarm(failures: list[ScanChecksum]) -> None:
    """The Archives unit's head (the unit is data: `units.designations`) is told of each
    failed scan, with a link to its file."""
    unit = designated_unit(Designation.ARCHIVES)
    head = ownership.head_of(unit) if unit is not None else None
    if head is None:
        return
    for checksum in failures:
        item = checksum.item
        notify(
            recipients=[head],
            title=_("Kiểm tra toàn vẹn: bản quét tài liệu số %(pk)d %(status)s")
            % {"pk": item.pk, "status": checksum.get_status_display().lower()},
            body=_(
                "Bản quét của tài liệu số %(pk)d (hồ sơ số %(file)d) không còn khớp mã băm "
                "SHA-256 đã ghi khi lưu, hoặc đã mất. Cần khôi phục từ bản sao dự phòng."
            )
            % {"pk": item.pk, "file": item.record_file_id},
            url=reverse("archive:file", args=[item.record_file_id]),
            about=item.record_file,
            kind="archive_fixity",
        )
