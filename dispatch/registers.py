"""The registers as printed and bound (DOMAIN §6 columns), for PDF, CSV and XLSX. Rows are what
the requesting user may see, so an export never shows more than the screen does."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import register_pdf_builder
from core.tables import day
from dispatch import selectors
from dispatch.choices import RegisterKind
from dispatch.models import Delivery, OutgoingDocument

#: A longer printout is built in the background (core.services.pdf_request).
INLINE_MAX_DAYS = 31


@dataclass
class Printout:
    title: str
    subtitle: str
    columns: list[str]
    rows: list[list[str]]


def _range(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    return start, end


def incoming_rows(user, date_from: date, date_to: date) -> QuerySet:
    start, end = _range(date_from, date_to)
    return (
        selectors.visible_incoming(user)
        .filter(received_at__gte=start, received_at__lt=end)
        .select_related(*selectors.LIST_COLUMNS)
        .order_by("received_at", "number")
    )


def outgoing_rows(user, date_from: date, date_to: date) -> QuerySet:
    return (
        selectors.visible_outgoing(user)
        .filter(document_date__gte=date_from, document_date__lte=date_to, number__isnull=False)
        .select_related(*selectors.OUTGOING_COLUMNS)
        .prefetch_related(
            Prefetch("deliveries", queryset=Delivery.objects.select_related("unit"), to_attr="rows")
        )
        .order_by("document_date", "number", "pk")
    )


def _incoming_printout(user, date_from: date, date_to: date) -> Printout:
    rows = []
    for doc in incoming_rows(user, date_from, date_to):
        note = doc.cancel_reason and _("Hủy: %(reason)s") % {"reason": doc.cancel_reason}
        rows.append(
            [
                day(doc.received_at),
                str(doc.number),
                doc.sender,
                doc.number_and_symbol,
                day(doc.document_date),
                f"{doc.doc_type.name}: {doc.summary}",
                ""
                if doc.distributed_at is None
                else f"{doc.lead_unit.code.upper()} – {doc.owner.get_full_name()}",
                day(doc.handed_over_at or doc.distributed_at),
                "",
                note or (doc.get_secrecy_display() if doc.is_secret else ""),
            ]
        )
    return Printout(
        title=_("Sổ đăng ký văn bản đến"),
        subtitle=_("Từ ngày %(start)s đến ngày %(end)s")
        % {"start": day(date_from), "end": day(date_to)},
        columns=[
            _("Ngày đến"),
            _("Số đến"),
            _("Nơi gửi"),
            _("Số, ký hiệu"),
            _("Ngày văn bản"),
            _("Loại và trích yếu"),
            _("Đơn vị hoặc người nhận"),
            _("Ngày chuyển"),
            _("Ký nhận"),
            _("Ghi chú"),
        ],
        rows=rows,
    )


def _outgoing_printout(user, date_from: date, date_to: date) -> Printout:
    rows = []
    for doc in outgoing_rows(user, date_from, date_to):
        doc: OutgoingDocument
        sent = [row.sent_at for row in doc.rows if row.sent_at]
        received = [row.received_by for row in doc.rows if row.received_by]
        rows.append(
            [
                doc.number_and_symbol,
                day(doc.document_date),
                f"{doc.doc_type.name}: {doc.summary}",
                doc.signer.get_full_name(),
                "; ".join(str(row) for row in doc.rows),
                f"{doc.lead_unit.code.upper()} – {doc.owner.get_full_name()}",
                str(doc.copies),
                day(min(sent)) if sent else "",
                "; ".join(received),
                doc.get_secrecy_display() if doc.is_secret else "",
            ]
        )
    return Printout(
        title=_("Sổ đăng ký văn bản đi"),
        subtitle=_("Từ ngày %(start)s đến ngày %(end)s")
        % {"start": day(date_from), "end": day(date_to)},
        columns=[
            _("Số, ký hiệu"),
            _("Ngày văn bản"),
            _("Loại và trích yếu"),
            _("Người ký"),
            _("Nơi nhận"),
            _("Đơn vị, người nhận bản lưu"),
            _("Số bản"),
            _("Ngày gửi"),
            _("Ký nhận"),
            _("Ghi chú"),
        ],
        rows=rows,
    )


def printout(kind: str, user, date_from: date, date_to: date) -> Printout:
    if kind == RegisterKind.OUTGOING:
        return _outgoing_printout(user, date_from, date_to)
    return _incoming_printout(user, date_from, date_to)


@register_pdf_builder("dispatch.register")
def build_register_pdf(params: dict) -> tuple[str, dict]:
    """Background builder: the same rows the requesting user would see on screen."""
    user = get_user_model().objects.get(pk=params["user_id"])
    sheet = printout(
        params["kind"],
        user,
        date.fromisoformat(params["date_from"]),
        date.fromisoformat(params["date_to"]),
    )
    return "dispatch/pdf/register.html", {
        "title": sheet.title,
        "subtitle": sheet.subtitle,
        "columns": sheet.columns,
        "rows": sheet.rows,
    }


def to_csv(sheet: Printout) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(sheet.columns)
    writer.writerows(sheet.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheet: Printout) -> bytes:
    """A control character stored before input was bounded (core.inputs) cannot go into a
    spreadsheet cell: it is dropped from the cell, not allowed to fail the whole export."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cells(values) -> list:
        return [
            ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
            for value in values
        ]

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", sheet.title)[:31])
    worksheet.append(cells([sheet.title]))
    worksheet.append(cells([sheet.subtitle]))
    worksheet.append(cells(sheet.columns))
    for row in sheet.rows:
        worksheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
