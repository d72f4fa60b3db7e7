"""Keyset paging for every list: `?truoc=<id>` names the last row of the previous page, and the
next page is the rows after it in the list's own order. No COUNT(*) and no OFFSET, so the
thousandth page costs what the first does and a row added meanwhile never shifts a page.

The list's ordering (its `order_by`, else the model's `Meta.ordering`) gets the primary key as a
last tie-breaker, and NULLs sort last going up and first going down on every database (PostgreSQL's
own rule). A list ordered by descending id only — the registers — filters on the id alone; any
other order reads the named row's sort values first (one small query, found through the same
queryset, so an id the user may not see gives the first page) and continues from them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest

from core.inputs import query_id

#: The query parameter that carries the key.
PARAM = "truoc"


@dataclass(frozen=True)
class KeysetPage:
    """One page: iterate it for the rows; `following` is the key of the next page (None on the
    last one), `is_first` whether this is the first page."""

    rows: list
    following: int | None
    is_first: bool

    def __iter__(self) -> Iterator:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def before_from(request: HttpRequest) -> int | None:
    """The key in the request, or None (first page) when it is missing or not a row's id."""
    return query_id(request, PARAM)


def page_of(request: HttpRequest, rows: QuerySet, *, size: int) -> KeysetPage:
    """The page of `rows` the request asks for."""
    before = before_from(request)
    page, following = keyset_page(rows, before=before, size=size)
    return KeysetPage(rows=page, following=following, is_first=before is None)


def keyset_page(rows: QuerySet, *, before: int | None, size: int) -> tuple[list, int | None]:
    """One page of `rows` (objects, or `values()` rows with "id") after the row `before`, and the
    key to continue from."""
    order = _ordering(rows)
    rows = rows.order_by(*(_order_expression(name, descending) for name, descending in order))
    if before:
        if order == [("pk", True)]:
            rows = rows.filter(pk__lt=before)
        else:
            cursor = rows.filter(pk=before).values(*(name for name, _ in order)).first()
            if cursor is not None:
                rows = rows.filter(_after(order, cursor))
    page = list(rows[: size + 1])
    following = None
    if len(page) > size:
        last = page[size - 1]
        following = last["id"] if isinstance(last, dict) else last.pk
    return page[:size], following


def _ordering(rows: QuerySet) -> list[tuple[str, bool]]:
    """(field path, descending) pairs of the list's order, ending with the primary key."""
    names = list(rows.query.order_by) or list(rows.model._meta.ordering)
    order: list[tuple[str, bool]] = []
    for name in names:
        if not isinstance(name, str) or name == "?":
            raise ValueError(f"Keyset paging needs field names in the ordering, not {name!r}")
        descending = name.startswith("-")
        path = name.lstrip("-")
        if path == rows.model._meta.pk.name:
            path = "pk"
        order.append((path, descending))
        if path == "pk":
            return order
    order.append(("pk", False))
    return order


def _order_expression(name: str, descending: bool) -> Any:
    if name == "pk":
        return "-pk" if descending else "pk"
    if descending:
        return F(name).desc(nulls_first=True)
    return F(name).asc(nulls_last=True)


def _after(order: list[tuple[str, bool]], cursor: dict[str, Any]) -> Q:
    """Rows strictly after the cursor in the order: equal on the first i fields and after it on
    field i, for each i."""
    after = Q(pk__in=[])
    for i, (name, descending) in enumerate(order):
        step = _beyond(name, descending, cursor[name])
        if step is None:
            continue
        for previous, _ in order[:i]:
            step &= _same(previous, cursor[previous])
        after |= step
    return after


def _same(name: str, value: Any) -> Q:
    return Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})


def _beyond(name: str, descending: bool, value: Any) -> Q | None:
    """Rows after `value` on one field (NULLs last going up, first going down)."""
    if descending:
        if value is None:
            return Q(**{f"{name}__isnull": False})
        return Q(**{f"{name}__lt": value})
    if value is None:
        return None
    return Q(**{f"{name}__gt": value}) | Q(**{f"{name}__isnull": True})
