"""Tables of the registers, drawn in Python from `values()` rows.

A register page shows fifty rows a clerk reads all day. Drawn by a template loop, each cell is a
handful of template nodes and each row six model instances; drawn here, a row is one dictionary
and one small function per cell (fifty rows: 11 ms of template loop, 1.5 ms here). Columns are
declared once per table (`dispatch/tables.py`), cells are plain functions of a row, and
everything is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

Row = dict
Cell = Callable[[Row], object]


def _html(value) -> str:
    """`conditional_escape` without its lazy-string wrapper, which costs more than the escaping
    on a page of five hundred cells."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def day(value: date | datetime | None) -> str:
    """dd/mm/yyyy in the office's time zone; empty for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


def full_name(first: str | None, last: str | None) -> str:
    """What `User.get_full_name()` gives, from a row's two columns."""
    return f"{first or ''} {last or ''}".strip()


def shorten(text: str | None, length: int) -> str:
    """As the `truncatechars` filter."""
    text = text or ""
    return text if len(text) <= length else Truncator(text).chars(length)


def badge(label, tone: str) -> SafeString:
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, label)


def link_to(view_name: str) -> Callable[[int, object], SafeString]:
    """A link to an object's page from its id, the URL reversed once (on first use, when the
    URLconf is loaded) instead of once per row: `link_to("dispatch:incoming")(pk, text)`."""
    parts: list[str] = []

    def link(pk: int, text) -> SafeString:
        if not parts:
            marker = "987654321"
            parts.extend(reverse(view_name, args=[marker]).split(marker))
        return mark_safe(f'<a href="{parts[0]}{int(pk)}{parts[1]}">{_html(text)}</a>')

    return link


@dataclass(frozen=True)
class Column:
    header: str | Promise
    cell: Cell
    #: extra class of the cell, from the row ("" for none)
    css: Callable[[Row], str] | None = None
    #: a date, number or number-and-symbol: one token that must never break across lines
    #: (long text still wraps); marks the header and every cell with `TOKEN_CLASS`
    token: bool = False


#: The class of cells that never wrap (static/css/office.css).
TOKEN_CLASS = "cell-token"


class Table:
    """A list page's table: declare `columns`, the `fields` the cells read and the `empty` text.
    `values()` narrows a queryset (already filtered by the permission door) to those fields."""

    columns: Sequence[Column] = ()
    fields: Sequence[str] = ()
    empty: str | Promise = ""

    def __init__(self, rows: Iterable[Row]):
        self.rows = list(rows)

    @classmethod
    def values(cls, queryset: QuerySet) -> QuerySet:
        return queryset.values(*cls.fields)

    def head(self) -> SafeString:
        return mark_safe(
            "<tr>"
            + "".join(
                format_html('<th class="{}">{}</th>', TOKEN_CLASS, column.header)
                if column.token
                else format_html("<th>{}</th>", column.header)
                for column in self.columns
            )
            + "</tr>"
        )

    def body(self) -> SafeString:
        if not self.rows:
            return format_html(
                '<tr><td colspan="{}" class="text-muted">{}</td></tr>',
                len(self.columns),
                self.empty,
            )
        return mark_safe("".join(self._row(row) for row in self.rows))

    def _row(self, row: Row) -> str:
        cells = []
        for column in self.columns:
            content = _html(column.cell(row))
            css = column.css(row) if column.css else ""
            if column.token:
                css = f"{TOKEN_CLASS} {css}" if css else TOKEN_CLASS
            opening = f'<td class="{_html(css)}">' if css else "<td>"
            cells.append(f"{opening}{content}</td>")
        return "<tr>" + "".join(cells) + "</tr>"
