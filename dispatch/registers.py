"""The registers as printed and bound (DOMAIN §6 columns), for PDF, CSV and XLSX. Rows are what
the requesting user may see, so an export never shows more than the screen does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core import exports
from core.generated import CSV, XLSX, register_file_builder
from core.pdf import register_pdf_builder
from core.tables import day
from dispatch import selectors
from dispatch.choices import RegisterKind
from dispatch.models import Delivery, OutgoingDocument
from units import permissions

#: A longer printout is built in the background (core.services.file_request).
INLINE_MAX_DAYS = 31

#: The background builder of each output format (`core.generated`).
BUILDERS = {
    "pdf": "dispatch.register",
    "csv": "dispatch.register.csv",
    "xlsx": "dispatch.register.xlsx",
}


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


def _incoming_printout(user, date_from: date, date_to: date, via: str) -> Printout:
    rows = []
    documents = permissions.log_secret_rows(incoming_rows(user, date_from, date_to), user, via=via)
    for doc in documents:
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


def _outgoing_printout(user, date_from: date, date_to: date, via: str) -> Printout:
    rows = []
    documents = permissions.log_secret_rows(outgoing_rows(user, date_from, date_to), user, via=via)
    for doc in documents:
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


def printout(kind: str, user, date_from: date, date_to: date, *, via: str) -> Printout:
    """The register's rows; the secret ones among them are logged once for the export (`via`
    names its format)."""
    if kind == RegisterKind.OUTGOING:
        return _outgoing_printout(user, date_from, date_to, via)
    return _incoming_printout(user, date_from, date_to, via)


def _requested_printout(params: dict, *, via: str) -> Printout:
    """The same rows the requesting user would see on screen; a secret row among them is logged
    under the format being built."""
    user = get_user_model().objects.get(pk=params["user_id"])
    return printout(
        params["kind"],
        user,
        date.fromisoformat(params["date_from"]),
        date.fromisoformat(params["date_to"]),
        via=via,
    )


@register_pdf_builder(BUILDERS["pdf"])
def build_register_pdf(params: dict) -> tuple[str, dict]:
    sheet = _requested_printout(params, via="pdf")
    return "dispatch/pdf/register.html", sheet.pdf_context()


def to_csv(sheet: Printout) -> bytes:
    return exports.to_csv(sheet.labels, sheet.text_rows())


def to_xlsx(sheet: Printout) -> bytes:
    """Dates stored as dates and numbers as numbers; columns sized to their content."""
    kinds = [column.kind for column in sheet.columns]
    return exports.to_xlsx(
        sheet.title,
        [sheet.title, sheet.subtitle],
        sheet.labels,
        sheet.rows,
        widths=[column.width for column in sheet.columns],
        date_columns={index for index, kind in enumerate(kinds) if kind == DATE},
        wrap_columns={index for index, kind in enumerate(kinds) if kind in (TEXT, SIGN)},
    )


@register_file_builder(BUILDERS["csv"], file_format=CSV)
def build_register_csv(params: dict) -> bytes:
    return to_csv(_requested_printout(params, via="csv"))


@register_file_builder(BUILDERS["xlsx"], file_format=XLSX)
def build_register_xlsx(params: dict) -> bytes:
    return to_xlsx(_requested_printout(params, via="xlsx"))
