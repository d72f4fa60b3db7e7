"""Reports built from another app's records: a registry of report sources.

A unit whose periodic reports go to an outside body with figures from its own books (Cipher–IT's
6-month and yearly reports to the Party–State Cipher Department, Điều 11.4) registers a source
from its app's `AppConfig.ready()`: which unit's reports it serves (a designation key, data in
`units.UnitDesignation`), for which report kinds, to whom the report is addressed, and a
function that counts the records of a period. `workprograms` asks the registry when such a
report is drafted (pre-fill) and printed (the figures' tables): the app with the records imports
no report code, and `workprograms` imports no app with records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class FigureTable:
    """One table of a report's figures: a heading, its column labels and its rows (a label
    and one value per column)."""

    heading: Any
    columns: tuple[Any, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ReportSource:
    key: str
    label: Any
    #: the designation key of the unit whose reports this source fills
    designation: str
    #: the report kinds it fills (workprograms' `ReportKind` values)
    kinds: frozenset[str]
    #: whom the report is addressed to ("Kính gửi: …")
    recipient: Any
    #: `figures(start, end)`: the period's tables, counted from the source app's records
    figures: Callable[[date, date], list[FigureTable]]


REPORT_SOURCES: dict[str, ReportSource] = {}


def register_report_source(
    key: str,
    *,
    label: Any,
    designation: str,
    kinds: Iterable[str],
    recipient: Any,
    figures: Callable[[date, date], list[FigureTable]],
) -> ReportSource:
    """Let the reports of the designated unit, of these kinds, be built from `figures`. A key
    registered twice is replaced (a reloaded app); two sources may not serve the same
    designation and kind (which one would a report take?)."""
    kinds = frozenset(kinds)
    for other in REPORT_SOURCES.values():
        if other.key != key and other.designation == designation and other.kinds & kinds:
            raise ValueError(
                f"Report source {other.key!r} already serves {designation!r} for {kinds}"
            )
    source = ReportSource(
        key=key,
        label=label,
        designation=designation,
        kinds=kinds,
        recipient=recipient,
        figures=figures,
    )
    REPORT_SOURCES[key] = source
    return source


def report_source(key: str) -> ReportSource | None:
    return REPORT_SOURCES.get(key)


def source_for(kind: str, designations: Iterable[str]) -> ReportSource | None:
    """The source serving a report of `kind` by a unit holding `designations`, or None."""
    held = set(designations)
    for source in REPORT_SOURCES.values():
        if kind in source.kinds and source.designation in held:
            return source
    return None


def figures_text(tables: Iterable[FigureTable]) -> str:
    """The tables as plain text, the draft's starting content the head then writes around."""
    lines: list[str] = []
    for table in tables:
        lines.append(str(table.heading))
        for row in table.rows:
            label, *values = row
            pairs = ", ".join(
                f"{column}: {value}" for column, value in zip(table.columns, values, strict=True)
            )
            lines.append(f"- {label}: {pairs}" if pairs else f"- {label}")
        lines.append("")
    return "\n".join(lines).strip()
