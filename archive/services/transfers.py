"""Transfers to the agency archive (Điều 5.2, 8.2) and from it to the historical archive: the
list and the handover minutes, numbered in registers of their own, checked by the archivists."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import permissions as archive_permissions
from archive import selectors
from archive.choices import ArchiveTermKey, FileState, LineCondition, TransferKind, TransferState
from archive.models import Box, RecordFile, Series, Transfer, TransferLine
from core.audit import (
    audited_bulk_create,
    audited_bulk_update,
    audited_delete,
    audited_save,
    in_office_language,
)
from core.numbering import number_next, sequence_key
from core.services import notify
from units import ownership, permissions
from units.choices import Designation, RoleCode, Secrecy
from units.designations import designated_unit
from units.models import Unit


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _locked(transfer: Transfer) -> Transfer:
    """The transfer as stored, locked until the decision commits: two archivists, or a head
    and an archivist, never act on the same list at once."""
    return (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("lead_unit", "owner")
        .get(pk=transfer.pk)
    )


#: the state a file of each kind of transfer comes from, passes while submitted, ends in
FLOW = {
    TransferKind.AGENCY: (FileState.CLOSED, FileState.TRANSFERRED, FileState.AGENCY),
    TransferKind.HISTORICAL: (FileState.AGENCY, FileState.TRANSFERRED, FileState.HISTORICAL),
}


@transaction.atomic
@in_office_language
def transfer_create(
    *, actor, kind: str = TransferKind.AGENCY, unit: Unit | None = None, secrecy: str = Secrecy.NONE
) -> Transfer:
    """A unit's head starts its transfer to the agency archive; an archivist starts the agency
    archive's transfer to the historical archive."""
    viewer = permissions.viewer_for(actor)
    if kind == TransferKind.HISTORICAL:
        _require(
            viewer.has_role(RoleCode.ARCHIVIST),
            _("Chỉ cán bộ lưu trữ lập mục lục nộp lưu vào Lưu trữ lịch sử."),
        )
        unit = designated_unit(Designation.ARCHIVES)
    else:
        _require(
            unit is not None and viewer.is_head_of(unit.pk),
            _("Chỉ Trưởng phòng lập mục lục nộp lưu của đơn vị."),
        )
    transfer = Transfer(
        lead_unit=unit, owner=actor, kind=kind, year=timezone.localdate().year, secrecy=secrecy
    )
    transfer.full_clean()
    audited_save(transfer, actor=actor, reason=_("Lập mục lục hồ sơ nộp lưu"))
    ownership.record_assignment(transfer, actor=actor, reason=_("Lập mục lục hồ sơ nộp lưu"))
    return transfer


def transfer_refusal(transfer: Transfer, record_file: RecordFile, today=None) -> str:
    """Why a file may not go on this transfer list, or "" when it may."""
    start_state = FLOW[transfer.kind][0]
    label = f"{record_file.code} – {record_file.title}"
    if record_file.state == FileState.OPEN:
        return _(
            "Hồ sơ «%(file)s» chưa kết thúc (công việc chưa giải quyết xong): chưa nộp lưu."
        ) % {"file": label}
    if record_file.state != start_state:
        return _("Hồ sơ «%(file)s» không ở trạng thái được nộp lưu (%(state)s).") % {
            "file": label,
            "state": record_file.get_state_display(),
        }
    if record_file.is_reference_copy:
        return _("Hồ sơ «%(file)s» là tài liệu tham khảo (bản sao): không nộp lưu.") % {
            "file": label
        }
    minimum = selectors.term_years(ArchiveTermKey.MIN_TRANSFER_RETENTION, today)
    if record_file.retention.rank < minimum:
        return _("Hồ sơ «%(file)s» bảo quản dưới %(years)d năm: lưu tại đơn vị, không nộp lưu.") % {
            "file": label,
            "years": minimum,
        }
    if transfer.kind == TransferKind.AGENCY and record_file.lead_unit_id != transfer.lead_unit_id:
        return _("Hồ sơ «%(file)s» không phải của đơn vị nộp lưu.") % {"file": label}
    if record_file.is_secret and not transfer.is_secret:
        return _("Hồ sơ mật «%(file)s» phải nộp bằng mục lục mật.") % {"file": label}
    return ""


@transaction.atomic
@in_office_language
def transfer_add_files(*, actor, transfer: Transfer, files: Iterable[RecordFile]) -> list:
    _require(
        archive_permissions.can_prepare_transfer(actor, transfer),
        _("Mục lục đã nộp: không sửa được."),
    )
    ids = [record_file.pk for record_file in files]
    if not ids:
        raise ValidationError({"files": _("Chọn ít nhất một hồ sơ.")})
    # As stored now, whatever the caller's copies say.
    files = list(RecordFile.objects.select_related("retention").filter(pk__in=ids).order_by("pk"))
    permissions.require_visible(
        files, actor, field="files", message=_("Anh/chị không có quyền xem hồ sơ này.")
    )
    refusals = [text for text in (transfer_refusal(transfer, f) for f in files) if text]
    if refusals:
        raise ValidationError({"files": refusals})
    busy = TransferLine.objects.filter(
        record_file__in=files, transfer__state__in=[TransferState.DRAFT, TransferState.RETURNED]
    ).exclude(transfer=transfer)
    if busy.exists():
        raise ValidationError({"files": _("Hồ sơ đã có trong một mục lục nộp lưu khác.")})
    position = (transfer.lines.aggregate(last=Max("position"))["last"] or 0) + 1
    present = set(transfer.lines.values_list("record_file_id", flat=True))
    lines = [
        TransferLine(transfer=transfer, record_file=f, position=position + index)
        for index, f in enumerate(f for f in files if f.pk not in present)
    ]
    audited_bulk_create(TransferLine, lines, actor=actor, reason=_("Đưa hồ sơ vào mục lục"))
    return lines


@transaction.atomic
@in_office_language
def transfer_remove_line(*, actor, line: TransferLine) -> None:
    _require(
        archive_permissions.can_prepare_transfer(actor, line.transfer),
        _("Mục lục đã nộp: không sửa được."),
    )
    audited_delete(line, actor=actor, reason=_("Rút hồ sơ khỏi mục lục"))


def _set_file_states(lines, state: str, *, actor, reason: str, **extra) -> None:
    files = [line.record_file for line in lines]
    for record_file in files:
        record_file.state = state
        for name, value in extra.items():
            setattr(record_file, name, value)
    audited_bulk_update(RecordFile, files, ["state", *extra], actor=actor, reason=reason)


@transaction.atomic
@in_office_language
def transfer_submit(*, actor, transfer: Transfer) -> Transfer:
    """Hand the files in: every file re-checked, the list numbered in its register, the files
    passed to the archivists (secret ones granted to them)."""
    transfer = _locked(transfer)
    _require(
        archive_permissions.can_prepare_transfer(actor, transfer),
        _("Mục lục đã nộp: không nộp lại được."),
    )
    lines = selectors.transfer_lines(transfer)
    if not lines:
        raise ValidationError(_("Mục lục chưa có hồ sơ nào."))
    refusals = [
        text for text in (transfer_refusal(transfer, line.record_file) for line in lines) if text
    ]
    if refusals:
        raise ValidationError(refusals)
    archivists = list(permissions.holders_of(RoleCode.ARCHIVIST))
    if not archivists:
        raise ValidationError(_("Chưa có cán bộ lưu trữ nhận hồ sơ."))
    _set_file_states(lines, FLOW[transfer.kind][1], actor=actor, reason=_("Nộp lưu hồ sơ"))
    for line in lines:
        permissions.hand_secret(
            line.record_file, archivists, actor=actor, reason=_("Nộp lưu hồ sơ mật")
        )
    permissions.hand_secret(transfer, archivists, actor=actor, reason=_("Nộp lưu hồ sơ mật"))
    if transfer.number is None:
        transfer.number = number_next(
            sequence_key("archive.transfer-list", transfer.kind, transfer.year)
        )
    transfer.state = TransferState.SUBMITTED
    transfer.submitted_at = timezone.now()
    audited_save(
        transfer,
        actor=actor,
        reason=_("Nộp mục lục hồ sơ nộp lưu"),
        update_fields=["number", "state", "submitted_at", "updated_at"],
    )
    notify(
        recipients=archivists,
        title=_("Có mục lục hồ sơ nộp lưu chờ nhận: %(transfer)s") % {"transfer": transfer},
        about=transfer,
    )
    return transfer


@transaction.atomic
@in_office_language
def transfer_check_line(
    *, actor, line: TransferLine, condition: str, note: str = ""
) -> TransferLine:
    """The archivist records what he found: complete, missing or damaged sheets."""
    _require(archive_permissions.can_check(actor, line.transfer), _("Mục lục không chờ kiểm tra."))
    if condition not in LineCondition.values:
        raise ValidationError({"condition": _("Tình trạng không hợp lệ.")})
    if condition != LineCondition.COMPLETE and not (note or "").strip():
        raise ValidationError({"note": _("Ghi rõ tài liệu thiếu hoặc hư hỏng.")})
    line.condition = condition
    line.note = (note or "").strip()
    line.full_clean()
    audited_save(
        line, actor=actor, reason=_("Kiểm tra hồ sơ nộp lưu"), update_fields=["condition", "note"]
    )
    return line


@transaction.atomic
@in_office_language
def transfer_accept(*, actor, transfer: Transfer, notes: str = "") -> Transfer:
    """The archivist accepts: the handover minutes are numbered, the files enter the archive."""
    transfer = _locked(transfer)
    _require(archive_permissions.can_check(actor, transfer), _("Mục lục không chờ kiểm tra."))
    lines = selectors.transfer_lines(transfer)
    today = timezone.localdate()
    extra = {"accepted_on": today} if transfer.kind == TransferKind.AGENCY else {}
    _set_file_states(
        lines, FLOW[transfer.kind][2], actor=actor, reason=_("Nhận hồ sơ vào lưu trữ"), **extra
    )
    transfer.minutes_number = number_next(
        sequence_key("archive.transfer-minutes", transfer.kind, transfer.year)
    )
    transfer.state = TransferState.ACCEPTED
    transfer.checked_by = actor
    transfer.accepted_at = timezone.now()
    transfer.check_notes = (notes or "").strip()
    audited_save(
        transfer,
        actor=actor,
        reason=_("Giao nhận hồ sơ nộp lưu"),
        update_fields=[
            "minutes_number",
            "state",
            "checked_by",
            "accepted_at",
            "check_notes",
            "updated_at",
        ],
    )
    notify(
        recipients=[transfer.owner],
        title=_("Lưu trữ đã nhận hồ sơ: %(transfer)s") % {"transfer": transfer},
        about=transfer,
    )
    return transfer


@transaction.atomic
@in_office_language
def transfer_return(*, actor, transfer: Transfer, reason: str) -> Transfer:
    transfer = _locked(transfer)
    _require(archive_permissions.can_check(actor, transfer), _("Mục lục không chờ kiểm tra."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ghi lý do trả lại.")})
    lines = selectors.transfer_lines(transfer)
    _set_file_states(lines, FLOW[transfer.kind][0], actor=actor, reason=_("Trả lại hồ sơ nộp lưu"))
    transfer.state = TransferState.RETURNED
    transfer.checked_by = actor
    transfer.check_notes = reason.strip()
    audited_save(
        transfer,
        actor=actor,
        reason=_("Trả lại mục lục: %(reason)s") % {"reason": reason.strip()},
        update_fields=["state", "checked_by", "check_notes", "updated_at"],
    )
    notify(
        recipients=[transfer.owner],
        title=_("Lưu trữ trả lại mục lục: %(transfer)s") % {"transfer": transfer},
        body=reason.strip(),
        about=transfer,
    )
    return transfer


@transaction.atomic
@in_office_language
def file_set_custody(
    *, actor, record_file: RecordFile, box: Box, series: Series | None = None
) -> RecordFile:
    """Where the archive keeps the file: repository, shelf and box, and the fonds series it is
    described in (kept when none is given)."""
    _require(
        archive_permissions.can_set_custody(actor, record_file),
        _("Chỉ cán bộ lưu trữ xếp hồ sơ đã vào lưu trữ."),
    )
    record_file.box = box
    if series is not None:
        record_file.series = series
    audited_save(
        record_file,
        actor=actor,
        reason=_("Xếp hồ sơ vào %(box)s") % {"box": box},
        update_fields=["box", "series", "updated_at"],
    )
    return record_file
