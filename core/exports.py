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
from collections.abc import Iterable, Sequence

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


def to_xlsx(
    title: str, heading: Sequence[str], columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> bytes:
    """One sheet: the heading lines, the column names, the rows; every text a string cell."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", title)[:31])

    def cells(values: Iterable[object]) -> list:
        row = []
        for value in values:
            if isinstance(value, str):
                cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"
                row.append(cell)
            else:
                row.append(value)
        return row

    for line in heading:
        worksheet.append(cells([line]))
    worksheet.append(cells(columns))
    for values in rows:
        worksheet.append(cells(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
