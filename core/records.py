"""What can be filed in a record file (hồ sơ, Điều 5.2): a registry of record sources.

An app registers the models whose objects may be gathered into a record file, from its own
`AppConfig.ready()`, with how to read each object's title, date, number and sheet count, and the
kind of record the retention table knows it by. The archive reads the registry and stores a
generic key (content type and id) to the object: it imports no app, and no app imports it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class RecordSource:
    """One model whose objects may be filed. `key` is stable (stored with each item);
    `retention_kind` names the row of the retention table proposing the item's term;
    `search_fields` are searched diacritic-insensitively when a user picks items."""

    key: str
    model: type[Model]
    label: Any
    title: Callable[[Any], str]
    date: Callable[[Any], date | None]
    number: Callable[[Any], str]
    sheets: Callable[[Any], int]
    retention_kind: str
    search_fields: tuple[str, ...] = ()
    #: related fields `title`, `date`, `number`, `sheets` read, loaded with the candidates
    select_related: tuple[str, ...] = ()


RECORD_SOURCES: dict[str, RecordSource] = {}


def register_record_source(
    key: str,
    model: type[Model],
    *,
    label: Any,
    title: Callable[[Any], str],
    date: Callable[[Any], date | None],
    number: Callable[[Any], str] = lambda obj: "",
    sheets: Callable[[Any], int] = lambda obj: 1,
    retention_kind: str,
    search_fields: tuple[str, ...] = (),
    select_related: tuple[str, ...] = (),
) -> RecordSource:
    """Allow the objects of `model` to be filed. A second registration of the same key with
    another model is refused; the same one again (a reloaded app) replaces it."""
    existing = RECORD_SOURCES.get(key)
    if existing is not None and existing.model is not model:
        raise ValueError(f"Record source {key!r} is already registered for {existing.model}")
    source = RecordSource(
        key=key,
        model=model,
        label=label,
        title=title,
        date=date,
        number=number,
        sheets=sheets,
        retention_kind=retention_kind,
        search_fields=search_fields,
        select_related=select_related,
    )
    RECORD_SOURCES[key] = source
    return source


def record_source(key: str) -> RecordSource:
    """The registered source, or KeyError: only registered models can be filed."""
    return RECORD_SOURCES[key]


def source_of_model(model: type[Model]) -> RecordSource | None:
    for source in RECORD_SOURCES.values():
        if source.model is model:
            return source
    return None


def record_sources() -> list[RecordSource]:
    return sorted(RECORD_SOURCES.values(), key=lambda source: source.key)
