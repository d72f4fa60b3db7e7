"""The bodies that must transfer records to the historical archive (nguồn nộp lưu, Điều 8.2)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from archive import permissions as archive_permissions
from archive.models import SourceBody, SourceList, SourceReceipt
from core.audit import audited_save, in_office_language
from units import ownership, permissions
from units.choices import Designation, RoleCode
from units.designations import designated_unit


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
@in_office_language
def source_create(
    *, actor, name: str, kind: str, valid_from: date, valid_to: date | None = None, notes: str = ""
) -> SourceBody:
    """An archivist of the archives unit adds a body and is in charge of guiding it."""
    _require(
        permissions.viewer_for(actor).has_role(RoleCode.ARCHIVIST),
        _("Chỉ cán bộ lưu trữ quản lý nguồn nộp lưu."),
    )
    body = SourceBody(
        lead_unit=designated_unit(Designation.ARCHIVES),
        owner=actor,
        name=name.strip(),
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        notes=notes,
    )
    body.full_clean()
    audited_save(body, actor=actor, reason=_("Thêm nguồn nộp lưu"))
    ownership.record_assignment(body, actor=actor, reason=_("Thêm nguồn nộp lưu"))
    return body


@transaction.atomic
@in_office_language
def source_list_add(
    *, actor, body: SourceBody, title: str, approved_on: date, due_on: date, reference: str = ""
) -> SourceList:
    _require(archive_permissions.can_manage_source(actor, body), _("Không có quyền."))
    if due_on < approved_on:
        raise ValidationError({"due_on": _("Hạn nộp lưu phải sau ngày duyệt danh mục.")})
    item = SourceList(
        body=body, title=title.strip(), approved_on=approved_on, due_on=due_on, reference=reference
    )
    item.full_clean()
    audited_save(item, actor=actor, reason=_("Thêm danh mục tài liệu nộp lưu"))
    return item


@transaction.atomic
@in_office_language
def source_receipt_record(
    *,
    actor,
    body: SourceBody,
    source_list: SourceList,
    received_on: date,
    list_number: str,
    minutes_number: str,
    file_count: int,
    sheet_count: int,
    notes: str = "",
) -> SourceReceipt:
    """A transfer received from the body, with its list and minutes."""
    _require(archive_permissions.can_manage_source(actor, body), _("Không có quyền."))
    if source_list.body_id != body.pk:
        raise ValidationError({"source_list": _("Danh mục không thuộc nguồn nộp lưu này.")})
    receipt = SourceReceipt(
        body=body,
        source_list=source_list,
        received_on=received_on,
        list_number=list_number.strip(),
        minutes_number=minutes_number.strip(),
        file_count=file_count,
        sheet_count=sheet_count,
        notes=notes,
        received_by=actor,
    )
    receipt.full_clean()
    audited_save(receipt, actor=actor, reason=_("Nhận tài liệu nộp lưu"))
    return receipt
