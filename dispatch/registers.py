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


#: Kinds of register column. A date, number or number-and-symbol never wraps on paper and is
#: stored as a date or a number in XLSX; "Ký nhận" is left wide enough to sign in.
DATE, NUMBER, TOKEN, TEXT, SIGN = "date", "number", "token", "text", "sign"


@dataclass(frozen=True)
class SheetColumn:
    label: str
    kind: str = TEXT
    #: width in XLSX (characters)
    width: int = 14


@dataclass
class Printout:
    """A register: columns and rows of typed cells (`date`, `int`, `str`, `None`)."""

    title: str
    subtitle: str
    columns: list[SheetColumn]
    rows: list[list[object]]

    @property
    def labels(self) -> list[str]:
        return [column.label for column in self.columns]

    def text_rows(self) -> list[list[str]]:
        """Cells as printed: dates dd/mm/yyyy, nothing for none."""
        return [[_text(cell) for cell in row] for row in self.rows]

    def pdf_context(self) -> dict:
        """What `dispatch/pdf/register.html` draws: each cell with its column's kind."""
        kinds = [column.kind for column in self.columns]
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "columns": self.columns,
            "rows": [list(zip(kinds, row, strict=True)) for row in self.text_rows()],
        }


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return day(cell)
    return str(cell)


def _local_date(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


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
                _local_date(doc.received_at),
                doc.number,
                doc.sender,
                doc.number_and_symbol,
                doc.document_date,
                f"{doc.doc_type.name}: {doc.summary}",
                ""
                if doc.distributed_at is None
                else f"{doc.lead_unit.code.upper()} – {doc.owner.get_full_name()}",
                _local_date(doc.handed_over_at or doc.distributed_at),
                "",
                note or (doc.get_secrecy_display() if doc.is_secret else ""),
            ]
        )
    return Printout(
        title=_("Sổ đăng ký văn bản đến"),
        subtitle=_("Từ ngày %(start)s đến ngày %(end)s")
        % {"start": day(date_from), "end": day(date_to)},
        columns=[
            SheetColumn(_("Ngày đến"), DATE, 12),
            SheetColumn(_("Số đến"), NUMBER, 8),
            SheetColumn(_("Nơi gửi"), TEXT, 30),
            SheetColumn(_("Số, ký hiệu"), TOKEN, 18),
            SheetColumn(_("Ngày văn bản"), DATE, 12),
            SheetColumn(_("Loại và trích yếu"), TEXT, 60),
            SheetColumn(_("Đơn vị hoặc người nhận"), TEXT, 28),
            SheetColumn(_("Ngày chuyển"), DATE, 12),
            SheetColumn(_("Ký nhận"), SIGN, 16),
            SheetColumn(_("Ghi chú"), TEXT, 24),
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
                doc.document_date,
                f"{doc.doc_type.name}: {doc.summary}",
                doc.signer.get_full_name(),
                "; ".join(str(row) for row in doc.rows),
                f"{doc.lead_unit.code.upper()} – {doc.owner.get_full_name()}",
                doc.copies,
                _local_date(min(sent)) if sent else None,
                "; ".join(received),
                doc.get_secrecy_display() if doc.is_secret else "",
            ]
        )
    return Printout(
        title=_("Sổ đăng ký văn bản đi"),
        subtitle=_("Từ ngày %(start)s đến ngày %(end)s")
        % {"start": day(date_from), "end": day(date_to)},
        columns=[
            SheetColumn(_("Số, ký hiệu"), TOKEN, 18),
            SheetColumn(_("Ngày văn bản"), DATE, 12),
            SheetColumn(_("Loại và trích yếu"), TEXT, 60),
            SheetColumn(_("Người ký"), TEXT, 22),
            SheetColumn(_("Nơi nhận"), TEXT, 36),
            SheetColumn(_("Đơn vị, người nhận bản lưu"), TEXT, 28),
            SheetColumn(_("Số bản"), NUMBER, 8),
            SheetColumn(_("Ngày gửi"), DATE, 12),
            SheetColumn(_("Ký nhận"), SIGN, 16),
            SheetColumn(_("Ghi chú"), TEXT, 24),
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
    return "dispatch/pdf/register.html", sheet.pdf_context()


def to_csv(sheet: Printout) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(sheet.labels)
    writer.writerows(sheet.text_rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


#: Excel's number format for the office's dates.
XLSX_DATE_FORMAT = "DD/MM/YYYY"
#: Rows above the header: the title and the period.
XLSX_HEADER_ROW = 3


def to_xlsx(sheet: Printout) -> bytes:
    """Dates stored as dates (shown dd/mm/yyyy) and numbers as numbers, so they sort and sum;
    columns sized to their content, the header frozen and filterable."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet.title[:31]
    worksheet.append([sheet.title])
    worksheet.append([sheet.subtitle])
    worksheet.append(sheet.labels)
    worksheet["A1"].font = Font(bold=True, size=13)
    worksheet["A2"].font = Font(italic=True)
    for cell in worksheet[XLSX_HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for row in sheet.rows:
        worksheet.append(row)
        for cell, column in zip(worksheet[worksheet.max_row], sheet.columns, strict=True):
            if column.kind == DATE:
                cell.number_format = XLSX_DATE_FORMAT
            cell.alignment = wrap if column.kind in (TEXT, SIGN) else top
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    last = get_column_letter(len(sheet.columns))
    worksheet.freeze_panes = f"A{XLSX_HEADER_ROW + 1}"
    worksheet.auto_filter.ref = (
        f"A{XLSX_HEADER_ROW}:{last}{max(worksheet.max_row, XLSX_HEADER_ROW)}"
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
