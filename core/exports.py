"""Spreadsheet exports (CSV and XLSX): the one place rows leave the site as a spreadsheet.

A cell the sender controls (a summary, a sender's name) that starts with `=`, `+`, `-`, `@`, a
tab or a carriage return is read by Excel and LibreOffice as a formula: `=HYPERLINK(...)` in a
document summary would run in the clerk's spreadsheet. CSV has no cell types, so such a text is
prefixed with a single quote (OWASP's advice); XLSX has them, so the text is stored as a string
cell and shown unchanged. Characters XML cannot carry (control characters) are dropped from XLSX
cells instead of failing the whole export."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Sequence

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """The value as a spreadsheet reads it literally: a leading formula character is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(value) for value in columns])
    writer.writerows([csv_safe(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


#: Excel's number format for the office's dates.
XLSX_DATE_FORMAT = "DD/MM/YYYY"


def to_xlsx(
    title: str,
    heading: Sequence[str],
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[int] | None = None,
    date_columns: Collection[int] = (),
    wrap_columns: Collection[int] = (),
) -> bytes:
    """One sheet: the heading lines, the column names, the rows. Every text is a string cell,
    dates (the column indexes in `date_columns`) are dates shown dd/mm/yyyy and numbers numbers,
    so they sort and sum; columns get their `widths`, the header is frozen and filterable."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = ILLEGAL_CHARACTERS_RE.sub("", title)[:31] or "Sheet"

    def append(values: Iterable[object]) -> list:
        worksheet.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
        )
        cells = list(worksheet[worksheet.max_row])
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
        return cells

    for number, line in enumerate(heading):
        append([line])[0].font = Font(bold=True, size=13) if number == 0 else Font(italic=True)
    header_row = len(heading) + 1
    for cell in append(columns):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for values in rows:
        for index, cell in enumerate(append(values)):
            if index in date_columns:
                cell.number_format = XLSX_DATE_FORMAT
            cell.alignment = wrap if index in wrap_columns else top
    for index, width in enumerate(widths or (), start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(max(len(columns), 1))
    worksheet.freeze_panes = f"A{header_row + 1}"
    worksheet.auto_filter.ref = f"A{header_row}:{last}{max(worksheet.max_row, header_row)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
