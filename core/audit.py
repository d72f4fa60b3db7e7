"""The one way a service writes a tracked model: the history row is part of the write.

Each helper takes the actor and a non-empty reason, puts them on the instance for the history
row that simple-history writes, performs the write, and clears them afterwards, so an instance
used again never records the previous reason. Reasons are rendered in the office's language
(Vietnamese) whatever language the actor's browser asked for, and so are the notifications
(`core.services.notify`): `office_language` is the one place that decides it. The request
middleware knows the user only inside a request; services are also run by commands and Celery
tasks, so the actor is always passed."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import trans_real
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

M = TypeVar("M", bound=Model)
F = TypeVar("F", bound=Callable[..., Any])


class OfficeText(str):
    """A text a service rendered in the office's language that remembers its source: the
    message id and the values put in it (`%`), so an error the service raises can be given
    again in the caller's language (`in_office_language`)."""

    def __new__(cls, text: str, msgid: str, params: Any = None) -> OfficeText:
        obj = super().__new__(cls, text)
        obj.msgid, obj.params = msgid, params
        return obj

    def __mod__(self, params: Any) -> OfficeText:
        return OfficeText(str.__mod__(self, params), self.msgid, params)

    def __reduce__(self) -> tuple:
        """Pickled (a cache, a queued task) as the plain text it is."""
        return (str, (str(self),))


class _OfficeTranslation:
    """The office's catalogue, active while a service runs: its `gettext` answers the same text
    as an `OfficeText` that remembers the message id."""

    def __init__(self, catalogue: Any):
        self._catalogue = catalogue

    def __getattr__(self, name: str) -> Any:
        return getattr(self._catalogue, name)

    def gettext(self, message: str) -> OfficeText:
        return OfficeText(self._catalogue.gettext(message), message)


def _in_a_service() -> bool:
    return isinstance(getattr(trans_real._active, "value", None), _OfficeTranslation)


@contextlib.contextmanager
def office_language() -> Iterator[None]:
    """The language stored texts are written in: the office's (settings.LANGUAGE_CODE). Inside
    a service (`in_office_language`) it already is, and stays so."""
    if _in_a_service():
        yield
        return
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _again(text: Any) -> Any:
    """An office text in the language active now (the caller's); any other value as it is."""
    if not isinstance(text, OfficeText):
        return text
    again = translation.gettext(text.msgid)
    if text.params is None:
        return again
    if isinstance(text.params, dict):
        return again % {key: _again(value) for key, value in text.params.items()}
    if isinstance(text.params, tuple):
        return again % tuple(_again(value) for value in text.params)
    return again % _again(text.params)


def _errors_of(error: ValidationError) -> Iterator[ValidationError]:
    if hasattr(error, "error_dict"):
        for errors in error.error_dict.values():
            for item in errors:
                yield from _errors_of(item)
    elif error.error_list == [error]:
        yield error
    else:
        for item in error.error_list:
            yield from _errors_of(item)


def _in_callers_language(error: Exception) -> None:
    if isinstance(error, ValidationError):
        for item in _errors_of(error):
            item.message = _again(item.message)
    else:
        error.args = tuple(_again(arg) for arg in error.args)


def in_office_language(func: F) -> F:
    """Run a service in the office's language, so every reason and notification it builds is
    stored in Vietnamese even when an English-browsing actor calls it, while the refusals it
    raises (`ValidationError`, `PermissionDenied`) reach the caller in his own language: their
    texts are given again from their message ids once the service has ended."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _in_a_service():
            return func(*args, **kwargs)
        try:
            with translation.override(settings.LANGUAGE_CODE):
                trans_real._active.value = _OfficeTranslation(trans_real._active.value)
                return func(*args, **kwargs)
        except (ValidationError, PermissionDenied) as error:
            _in_callers_language(error)
            raise

    return wrapper  # type: ignore[return-value]


def _reason_text(reason: Any) -> str:
    with office_language():
        text = str(reason or "").strip()
    if not text:
        raise ValueError("An audited write needs a reason")
    return text


def _stamp(obj: Model, actor: Any, reason: str) -> None:
    if actor is not None:
        obj._history_user = actor
    obj._change_reason = reason


def _unstamp(obj: Model) -> None:
    for attribute in ("_history_user", "_change_reason"):
        obj.__dict__.pop(attribute, None)


def audited_save(
    obj: M, *, actor: Any, reason: Any, update_fields: Iterable[str] | None = None
) -> M:
    text = _reason_text(reason)
    _stamp(obj, actor, text)
    try:
        obj.save(update_fields=list(update_fields) if update_fields is not None else None)
    finally:
        _unstamp(obj)
    return obj


def audited_create(model: type[M], *, actor: Any, reason: Any, **fields: Any) -> M:
    return audited_save(model(**fields), actor=actor, reason=reason)


def audited_delete(obj: Model, *, actor: Any, reason: Any) -> None:
    text = _reason_text(reason)
    _stamp(obj, actor, text)
    try:
        obj.delete()
    finally:
        _unstamp(obj)


def audited_m2m_set(obj: Model, field: str, values: Iterable[Any], *, actor: Any, reason: Any):
    """Replace a many-to-many field. A change writes a history row (`~`) whose reason names the
    new set, so who changed the coordinating units or the participants, when and to what, is
    read in the same history as every other change; no change, no row."""
    text = _reason_text(reason)
    manager = getattr(obj, field)
    wanted = {value.pk: value for value in values}
    current = set(manager.values_list("pk", flat=True))
    if current == set(wanted):
        return
    removed = current - set(wanted)
    if removed:
        manager.remove(*removed)
    added = [value for pk, value in wanted.items() if pk not in current]
    if added:
        manager.add(*added)
    with office_language():
        names = ", ".join(str(value) for value in wanted.values()) or "—"
    _history_row(obj, actor, f"{text}: {names}")


def _history_row(obj: Model, actor: Any, reason: str) -> None:
    history = obj.history.model
    history.objects.create(
        history_type="~",
        history_date=timezone.now(),
        history_user=actor,
        history_change_reason=reason,
        **{field.attname: getattr(obj, field.attname) for field in history.tracked_fields},
    )


def audited_bulk_create(model: type[M], objs: list[M], *, actor: Any, reason: Any) -> list[M]:
    """Insert rows and their history rows in two queries."""
    if not objs:
        return []
    return bulk_create_with_history(
        objs, model, default_user=actor, default_change_reason=_reason_text(reason)
    )


def audited_bulk_update(
    model: type[M], objs: list[M], fields: list[str], *, actor: Any, reason: Any
) -> int:
    """Update rows (instead of a queryset `.update()`) and write one history row each."""
    if not objs:
        return 0
    return bulk_update_with_history(
        objs, model, fields, default_user=actor, default_change_reason=_reason_text(reason)
    )
