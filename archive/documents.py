"""The archive's printed papers in the Party layout (core.pdf): the transfer list and the
handover minutes (two copies each, Điều 5.2, rendered one after the other in the same PDF and
marked "Bản số 1", "Bản số 2"), and a permanent file's document list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import selectors
from archive.models import RecordFile, Transfer
from core import pdf

Document = tuple[str, dict[str, Any]]

#: each transfer paper is printed in two copies: one kept by each side
COPIES = 2

#: the columns of the transfer list (mục lục hồ sơ nộp lưu, DOMAIN §6)
TRANSFER_COLUMNS = (
    gettext_lazy("Số TT"),
    gettext_lazy("Số, ký hiệu hồ sơ"),
    gettext_lazy("Tiêu đề hồ sơ"),
    gettext_lazy("Thời gian tài liệu"),
    gettext_lazy("Thời hạn bảo quản"),
    gettext_lazy("Số tờ"),
    gettext_lazy("Ghi chú"),
)


def _date_range(record_file: RecordFile) -> str:
    if not record_file.starts_on:
        return ""
    start = record_file.starts_on.strftime("%d/%m/%Y")
    end = record_file.ends_on.strftime("%d/%m/%Y") if record_file.ends_on else start
    return start if start == end else f"{start} – {end}"


def _heading(transfer: Transfer) -> dict[str, Any]:
    unit = transfer.lead_unit
    return pdf.heading(issuer_parent=settings.OFFICE_NAME, issuer=unit.name_vi)


def transfer_rows(transfer: Transfer) -> list[list[str]]:
    rows = []
    for index, line in enumerate(selectors.transfer_lines(transfer), start=1):
        record_file = line.record_file
        note = record_file.notes
        if line.note:
            note = f"{note} {line.get_condition_display()}: {line.note}".strip()
        rows.append(
            [
                str(index),
                record_file.code,
                record_file.title,
                _date_range(record_file),
                record_file.retention.term_label,
                str(record_file.sheet_total),
                note,
            ]
        )
    return rows


def _common(transfer: Transfer, type_code: str, number: int | None) -> dict[str, Any]:
    return {
        **_heading(transfer),
        "number": pdf.number_line(
            number, type_code, settings.OFFICE_ISSUER_CODE, unit_code=transfer.lead_unit.code
        ),
        "date": timezone.localtime(transfer.accepted_at or transfer.submitted_at or timezone.now()),
        "secrecy": transfer.get_secrecy_display() if transfer.is_secret else "",
        "copy_count": COPIES,
        "copies": list(range(1, COPIES + 1)),
        "transfer": transfer,
        "columns": TRANSFER_COLUMNS,
        "rows": transfer_rows(transfer),
    }


def transfer_list_document(transfer: Transfer) -> Document:
    context = _common(transfer, "MLHS", transfer.number)
    context.update(
        doc_type=_("Mục lục hồ sơ nộp lưu"),
        summary=transfer.get_kind_display(),
        sheet_total=sum(int(row[5]) for row in context["rows"]),
        signer_title=_("Người lập"),
        signer_name=pdf.person_name(transfer.owner),
    )
    return "archive/pdf/transfer_list.html", context


def transfer_minutes_document(transfer: Transfer) -> Document:
    context = _common(transfer, "BB", transfer.minutes_number)
    lines = selectors.transfer_lines(transfer)
    context.update(
        doc_type=_("Biên bản"),
        summary=_("Giao nhận hồ sơ, tài liệu nộp lưu"),
        file_count=len(lines),
        sheet_total=sum(line.record_file.sheet_total for line in lines),
        exceptions=[line for line in lines if line.condition != "complete"],
        giver_name=pdf.person_name(transfer.owner),
        receiver_name=pdf.person_name(transfer.checked_by),
    )
    return "archive/pdf/transfer_minutes.html", context


def document_list(record_file: RecordFile) -> Document:
    """The list of a permanent file's documents (mục lục văn bản), with their sheets."""
    items = selectors.file_items(record_file)
    return "archive/pdf/document_list.html", {
        **pdf.heading(issuer_parent=settings.OFFICE_NAME, issuer=record_file.lead_unit.name_vi),
        "number": _("Hồ sơ số %(code)s") % {"code": record_file.code},
        "date": timezone.localdate(),
        "secrecy": record_file.get_secrecy_display() if record_file.is_secret else "",
        "doc_type": _("Mục lục văn bản"),
        "summary": record_file.title,
        "record_file": record_file,
        "columns": (
            _("Số TT"),
            _("Số, ký hiệu"),
            _("Ngày tháng"),
            _("Trích yếu nội dung"),
            _("Tờ số"),
            _("Ghi chú"),
        ),
        "rows": [
            [
                str(index),
                item.number,
                item.date.strftime("%d/%m/%Y") if item.date else "",
                item.title,
                f"{item.sheet_from}–{item.sheet_to}" if item.sheet_from else "",
                "",
            ]
            for index, item in enumerate(items, start=1)
        ],
    }
