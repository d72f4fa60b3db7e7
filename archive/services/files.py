"""Record files (lập hồ sơ, Điều 5.2) and the yearly file list."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import permissions as archive_permissions
from archive import selectors
from archive.choices import PAPER, ArchiveTermKey, FileState
from archive.models import FileList, FileListEntry, RecordFile, RecordItem, RetentionRule
from archive.services.fixity import record_checksum
from core.audit import (
    audited_bulk_create,
    audited_bulk_update,
    audited_delete,
    audited_save,
    in_office_language,
)
from core.records import record_source
from units import ownership, permissions
from units.choices import Secrecy
from units.models import Unit

#: what a retention raised by the items records
RAISED_BY_ITEMS = "Theo thời hạn cao nhất của văn bản trong hồ sơ"


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# File lists -----------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def file_list_create(*, actor, unit: Unit, year: int, title: str) -> FileList:
    """The head drafts the unit's yearly file list."""
    _require(
        permissions.viewer_for(actor).is_head_of(unit.pk),
        _("Chỉ Trưởng phòng lập danh mục hồ sơ của đơn vị."),
    )
    file_list = FileList(lead_unit=unit, owner=actor, year=year, title=title)
    file_list.full_clean()
    audited_save(file_list, actor=actor, reason=_("Lập danh mục hồ sơ"))
    ownership.record_assignment(file_list, actor=actor, reason=_("Lập danh mục hồ sơ"))
    return file_list


@transaction.atomic
@in_office_language
def file_list_entry_add(
    *, actor, file_list: FileList, code: str, title: str, retention: RetentionRule, person
) -> FileListEntry:
    _require(
        archive_permissions.can_edit_file_list(actor, file_list),
        _("Danh mục đã trình hoặc đã duyệt: không sửa được."),
    )
    ownership.validate_owner(file_list.lead_unit, person)
    position = (file_list.entries.aggregate(last=Max("position"))["last"] or 0) + 1
    entry = FileListEntry(
        file_list=file_list,
        code=code.strip(),
        title=title.strip(),
        retention=retention,
        person=person,
        position=position,
    )
    entry.full_clean()
    audited_save(entry, actor=actor, reason=_("Thêm hồ sơ vào danh mục"))
    return entry


def file_list_before_submit(file_list: FileList) -> None:
    if not file_list.entries.exists():
        raise ValidationError(_("Danh mục hồ sơ chưa có hồ sơ nào."))


# Record files ---------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def file_open(
    *,
    actor,
    year: int,
    code: str = "",
    title: str = "",
    retention: RetentionRule | None = None,
    entry: FileListEntry | None = None,
    unit: Unit | None = None,
    secrecy: str = Secrecy.NONE,
    notes: str = "",
    is_reference_copy: bool = False,
) -> RecordFile:
    """Open a file from the approved list (its code, title, retention and compiler), or ad hoc
    in the actor's own unit."""
    if entry is not None:
        _require(
            archive_permissions.can_open_from(actor, entry),
            _("Chỉ người được giao trong danh mục đã duyệt (hoặc Trưởng phòng) mở hồ sơ này."),
        )
        if entry.files.exists():
            raise ValidationError(_("Hồ sơ của danh mục này đã được mở."))
        unit, owner = entry.file_list.lead_unit, entry.person
        code, title, retention = entry.code, entry.title, entry.retention
        year = entry.file_list.year
    else:
        unit = unit or Unit.objects.filter(pk=permissions.viewer_for(actor).unit_id).first()
        if unit is None:
            raise ValidationError(_("Chỉ cán bộ của một đơn vị mới lập hồ sơ."))
        owner = actor
    if retention is None:
        raise ValidationError({"retention": _("Chọn thời hạn bảo quản.")})
    record_file = RecordFile(
        lead_unit=unit,
        owner=owner,
        year=year,
        code=code.strip(),
        title=title.strip(),
        entry=entry,
        retention=retention,
        secrecy=secrecy,
        notes=notes,
        is_reference_copy=is_reference_copy,
    )
    record_file.full_clean()
    audited_save(record_file, actor=actor, reason=_("Mở hồ sơ"))
    ownership.record_assignment(record_file, actor=actor, reason=_("Mở hồ sơ"))
    return record_file


@transaction.atomic
@in_office_language
def file_update(*, actor, record_file: RecordFile, title: str, notes: str) -> RecordFile:
    _require(archive_permissions.can_compile(actor, record_file), _("Hồ sơ không sửa được."))
    record_file.title = title.strip()
    record_file.notes = notes
    record_file.full_clean()
    audited_save(
        record_file,
        actor=actor,
        reason=_("Sửa hồ sơ"),
        update_fields=["title", "notes", "updated_at"],
    )
    return record_file


def _locked(record_file: RecordFile) -> RecordFile:
    """The file row locked for the rest of the transaction: items and totals change together."""
    return RecordFile.objects.select_for_update().select_related("retention").get(pk=record_file.pk)


def _refresh_totals(record_file: RecordFile, *, actor) -> None:
    """Date range and sheet total from the items; the retention raised to the highest item's
    term (never lowered)."""
    items = list(record_file.items.select_related("retention"))
    dates = [item.date for item in items if item.date]
    record_file.starts_on = min(dates, default=None)
    record_file.ends_on = max(dates, default=None)
    record_file.sheet_total = sum(item.sheets for item in items)
    fields = ["starts_on", "ends_on", "sheet_total", "updated_at"]
    highest = max(
        (item.retention for item in items if item.retention_id), key=lambda r: r.rank, default=None
    )
    reason = _("Cập nhật văn bản trong hồ sơ")
    if highest is not None and highest.rank > record_file.retention.rank:
        record_file.retention = highest
        record_file.retention_reason = _(RAISED_BY_ITEMS)
        fields += ["retention", "retention_reason"]
        reason = _(RAISED_BY_ITEMS)
    audited_save(record_file, actor=actor, reason=reason, update_fields=fields)


def _next_position(record_file: RecordFile) -> int:
    return (record_file.items.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
@in_office_language
def item_add_registered(
    *, actor, record_file: RecordFile, source_key: str, objects: Iterable
) -> list[RecordItem]:
    """Gather what the office already holds: each object must be one the actor may see (the
    door), of a registered source; its title, date, number and sheets are read through the
    source, its retention from the current table's row for the source's kind."""
    _require(archive_permissions.can_compile(actor, record_file), _("Hồ sơ không còn mở."))
    try:
        source = record_source(source_key)
    except KeyError as exc:
        raise ValidationError({"source": _("Loại tài liệu không được phép lập hồ sơ.")}) from exc
    objects = list(objects)
    if not objects:
        raise ValidationError({"objects": _("Chọn ít nhất một văn bản.")})
    if any(not isinstance(obj, source.model) for obj in objects):
        raise ValidationError({"objects": _("Văn bản không thuộc loại đã chọn.")})
    permissions.require_visible(
        objects, actor, field="objects", message=_("Anh/chị không có quyền xem văn bản này.")
    )
    record_file = _locked(record_file)
    content_type = ContentType.objects.get_for_model(source.model)
    present = set(
        record_file.items.filter(content_type=content_type).values_list("object_id", flat=True)
    )
    already = [obj for obj in objects if obj.pk in present]
    if already:
        raise ValidationError(
            {
                "objects": _("Đã có trong hồ sơ: %(titles)s.")
                % {"titles": ", ".join(source.title(obj)[:80] for obj in already)}
            }
        )
    if any(getattr(obj, "is_secret", False) for obj in objects) and not record_file.is_secret:
        raise ValidationError({"objects": _("Văn bản mật chỉ được lập vào hồ sơ mật.")})
    rule = selectors.rule_for_kind(source.retention_kind)
    position = _next_position(record_file)
    items = []
    for offset, obj in enumerate(objects):
        item = RecordItem(
            record_file=record_file,
            kind=source.key,
            content_type=content_type,
            object_id=obj.pk,
            title=(source.title(obj) or str(obj))[:1000],
            number=(source.number(obj) or "")[:80],
            date=source.date(obj),
            sheets=max(int(source.sheets(obj) or 1), 1),
            retention=rule,
            position=position + offset,
            added_by=actor,
        )
        item.full_clean(exclude=["record_file"])
        items.append(item)
    audited_bulk_create(RecordItem, items, actor=actor, reason=_("Đưa văn bản vào hồ sơ"))
    _refresh_totals(record_file, actor=actor)
    return items


@transaction.atomic
@in_office_language
def item_add_paper(
    *,
    actor,
    record_file: RecordFile,
    title: str,
    sheets: int,
    upload=None,
    number: str = "",
    date: date | None = None,
    retention: RetentionRule | None = None,
) -> RecordItem:
    """An uploaded paper (a scan) with its sheet count."""
    _require(archive_permissions.can_compile(actor, record_file), _("Hồ sơ không còn mở."))
    if not sheets or sheets < 1:
        raise ValidationError({"sheets": _("Số tờ phải từ 1 trở lên.")})
    record_file = _locked(record_file)
    item = RecordItem(
        record_file=record_file,
        kind=PAPER,
        title=title.strip(),
        number=number.strip(),
        date=date,
        sheets=sheets,
        retention=retention,
        position=_next_position(record_file),
        added_by=actor,
    )
    if upload:
        item.upload = upload
    item.full_clean()
    audited_save(item, actor=actor, reason=_("Đưa tài liệu vào hồ sơ"))
    record_checksum(item)
    _refresh_totals(record_file, actor=actor)
    return item


@transaction.atomic
@in_office_language
def item_remove(*, actor, item: RecordItem, reason: str) -> None:
    record_file = item.record_file
    _require(archive_permissions.can_compile(actor, record_file), _("Hồ sơ không còn mở."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ghi lý do rút văn bản khỏi hồ sơ.")})
    record_file = _locked(record_file)
    audited_delete(item, actor=actor, reason=reason.strip())
    _refresh_totals(record_file, actor=actor)


@transaction.atomic
@in_office_language
def file_set_retention(
    *, actor, record_file: RecordFile, retention: RetentionRule, reason: str
) -> RecordFile:
    """Raise a file's retention, with a reason: never below the highest of its items (the
    Party's rule), never below what it has."""
    _require(
        archive_permissions.can_set_retention(actor, record_file),
        _("Không thay đổi được thời hạn bảo quản của hồ sơ này."),
    )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ghi lý do nâng thời hạn bảo quản.")})
    record_file = _locked(record_file)
    highest = selectors.highest_item_rule(record_file)
    if highest is not None and retention.rank < highest.rank:
        raise ValidationError(
            {
                "retention": _(
                    "Thời hạn bảo quản của hồ sơ không được thấp hơn thời hạn cao nhất của "
                    "văn bản trong hồ sơ (%(term)s)."
                )
                % {"term": highest.term_label}
            }
        )
    if retention.rank < record_file.retention.rank:
        raise ValidationError(
            {
                "retention": _("Thời hạn bảo quản chỉ được nâng, không được hạ (hiện là %(term)s).")
                % {"term": record_file.retention.term_label}
            }
        )
    if retention.pk == record_file.retention_id:
        raise ValidationError({"retention": _("Hồ sơ đã có thời hạn bảo quản này.")})
    record_file.retention = retention
    record_file.retention_reason = reason.strip()[:500]
    audited_save(
        record_file,
        actor=actor,
        reason=_("Nâng thời hạn bảo quản: %(reason)s") % {"reason": reason.strip()},
        update_fields=["retention", "retention_reason", "updated_at"],
    )
    return record_file


@transaction.atomic
@in_office_language
def file_close(*, actor, record_file: RecordFile) -> RecordFile:
    """The work has ended: the file is closed, its transfer clock starts, and a file kept 5
    years or more (the threshold is data) gets its sheets numbered in item order."""
    _require(archive_permissions.can_compile(actor, record_file), _("Hồ sơ không còn mở."))
    record_file = _locked(record_file)
    items = list(record_file.items.order_by("position", "pk"))
    if not items:
        raise ValidationError(_("Hồ sơ chưa có văn bản, tài liệu nào: không kết thúc được."))
    today = timezone.localdate()
    numbering_from = selectors.term_years(ArchiveTermKey.SHEET_NUMBERING_RETENTION, today)
    fields = ["state", "closed_on", "updated_at"]
    if record_file.retention.rank >= numbering_from:
        sheet = 1
        for item in items:
            item.sheet_from, item.sheet_to = sheet, sheet + item.sheets - 1
            sheet = item.sheet_to + 1
        audited_bulk_update(
            RecordItem, items, ["sheet_from", "sheet_to"], actor=actor, reason=_("Đánh số tờ")
        )
        record_file.sheets_numbered = True
        fields.append("sheets_numbered")
    record_file.state = FileState.CLOSED
    record_file.closed_on = today
    audited_save(record_file, actor=actor, reason=_("Kết thúc hồ sơ"), update_fields=fields)
    # A secret file goes on to the head, who hands the unit's files to the archive.
    permissions.hand_secret(
        record_file,
        [ownership.head_of(record_file.lead_unit)],
        actor=actor,
        reason=_("Hồ sơ mật đã kết thúc, chuyển Trưởng phòng nộp lưu"),
    )
    return record_file
