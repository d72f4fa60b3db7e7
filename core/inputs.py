"""The one place that bounds what a person may type into any form of the site or the admin.

Every field of a form that mixes in `InputGuardMixin` (all of `core.forms.OfficeForm`, the login
forms and, through `core.admin_site.OfficeAdminSite`, every form of the admin) is cleaned by a
guarded copy of its own class, which before the field's own cleaning refuses:

- a value longer than the field allows: the model's or form's `max_length`, otherwise
  `LONG_TEXT_MAX_LENGTH` for multi-line text and `LINE_MAX_LENGTH` for anything else;
- NUL and other control characters (tab, line feed and carriage return are kept in multi-line
  text), bidirectional overrides, and runs of combining marks no language writes;

and after it a date or time outside `DATE_MIN`..`DATE_MAX`, or in the future where the form says
so (`past_fields`). Text is normalised to NFC (a Mac types Vietnamese decomposed) and loses its
zero-width spaces. A value that the field's parser cannot even represent (year 10000, a time
zone shift past year 9999) is an invalid value, not a server error.

`bound_date` is the same range for model fields, so rows written outside forms stay readable."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

#: multi-line text (a Textarea or a model TextField): a long report fits, a megabyte does not
LONG_TEXT_MAX_LENGTH = 20_000
#: anything else typed on one line (a CharField without its own max_length, a choice, an id)
LINE_MAX_LENGTH = 1_000
#: how many values a multiple choice may carry
MAX_CHOICES = 1_000
#: the dates the office works with: from the Party's documents of 1945 to the end of the century
DATE_MIN = datetime.date(1945, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")
_BIDI_OVERRIDES = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff]")
#: Vietnamese stacks at most two marks on a letter (ế = e + ̂ + ́); more is a rendering attack
_COMBINING_RUN = 3

MESSAGES = {
    "too_long": _("Tối đa %(limit)d ký tự (đã nhập %(length)d)."),
    "control": _("Có ký tự điều khiển không được phép (ví dụ ký tự NUL)."),
    "bidi": _("Có ký tự đảo chiều văn bản không được phép."),
    "combining": _("Có chuỗi dấu ghép bất thường."),
    "too_many": _("Chọn tối đa %(limit)d mục."),
    "date_range": _("Ngày phải trong khoảng %(min)s – %(max)s."),
    "future": _("Không được sau thời điểm hiện tại."),
    "invalid": _("Giá trị không hợp lệ."),
}


def _error(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=f"input_{code}", params=params)


def is_multiline(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def length_limit(field: forms.Field) -> int:
    own = getattr(field, "max_length", None)
    if own:
        return own
    return LONG_TEXT_MAX_LENGTH if is_multiline(field) else LINE_MAX_LENGTH


def check_text(value: str, *, limit: int, multiline: bool) -> str:
    """Refuse what no person types; return the text normalised. Used for every raw value."""
    if len(value) > limit:
        raise _error("too_long", limit=limit, length=len(value))
    control = _CONTROL.search(value) or (not multiline and _LINE_BREAKS.search(value.strip()))
    if control:
        raise _error("control")
    if _BIDI_OVERRIDES.search(value):
        raise _error("bidi")
    run = 0
    for char in value:
        run = run + 1 if unicodedata.combining(char) else 0
        if run > _COMBINING_RUN:
            raise _error("combining")
    return unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", value))


def bound_date(value) -> None:
    """The office's range for a date or a datetime (a model field validator too)."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise _error(
            "date_range",
            min=date_format(DATE_MIN, "d/m/Y"),
            max=date_format(DATE_MAX, "d/m/Y"),
        )


def not_in_future(value) -> None:
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        late = value > timezone.now()
    else:
        late = value > timezone.localdate()
    if late:
        raise _error("future")


def bound_model_dates() -> None:
    """Give every model's date and time fields the office's range, so a service's
    `full_clean()` refuses what a form would have (a row written by a command or a task).
    Added when the apps are ready rather than declared on each field: one place, no migration."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField) and bound_date not in field.validators:
                field.validators.append(bound_date)


class GuardedField:
    """Mixed before a field's own class (see `guard_field`): checks the raw value first, the
    cleaned date after."""

    guard_past = False

    def clean(self, value):
        value = self._guard_raw(value)
        unknown = self._unknown_key(value)
        if unknown is not None:
            raise unknown
        try:
            cleaned = super().clean(value)
        except (OverflowError, ValueError) as exc:
            raise _error("invalid") from exc
        if isinstance(cleaned, datetime.date):
            bound_date(cleaned)
            if self.guard_past:
                not_in_future(cleaned)
        return cleaned

    def bound_data(self, data, initial):
        """What the page shows again: a typed key that names no row at all (text, a number past
        a bigint) is not handed to the widget, which would look it up (the admin's
        autocomplete) and fail; the field shows its initial value beside its error."""
        data = super().bound_data(data, initial)
        return initial if self._unknown_key(data) is not None else data

    def _unknown_key(self, data) -> ValidationError | None:
        """The error for a value of a model choice that cannot be a key of its rows (refused
        before it reaches a query), or None."""
        if not isinstance(self, forms.ModelChoiceField):
            return None
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key, models.ForeignKey):
            key = key.target_field
        for value in data if isinstance(data, list | tuple) else [data]:
            if value in self.empty_values or _is_key(key, value):
                continue
            if isinstance(self, forms.ModelMultipleChoiceField):
                message, code = self.error_messages["invalid_pk_value"], "invalid_pk_value"
                return ValidationError(message, code=code, params={"pk": value})
            return ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return None

    def _guard_raw(self, value):
        if isinstance(value, str):
            return self._guard_text(value)
        if isinstance(value, list | tuple):
            if len(value) > MAX_CHOICES:
                raise _error("too_many", limit=MAX_CHOICES)
            return [self._guard_text(item) if isinstance(item, str) else item for item in value]
        return value

    def _guard_text(self, value: str) -> str:
        limit = length_limit(self) if isinstance(self, forms.CharField) else LINE_MAX_LENGTH
        return check_text(value, limit=limit, multiline=is_multiline(self))


def _is_key(field, value) -> bool:
    try:
        python = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    if isinstance(python, int):
        return -(2**63) < python < 2**63
    return not (isinstance(python, str) and _CONTROL.search(python))


_GUARDED: dict[type, type] = {}


def guard_field(field: forms.Field, *, past: bool = False) -> forms.Field:
    """Give a field instance the guarded copy of its class, and its browser-side maxlength."""
    if isinstance(field, GuardedField | forms.FileField):
        return field
    cls = type(field)
    if cls not in _GUARDED:
        _GUARDED[cls] = type(f"Guarded{cls.__name__}", (GuardedField, cls), {})
    field.__class__ = _GUARDED[cls]
    field.guard_past = past
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput):
        field.widget.attrs.setdefault("maxlength", str(length_limit(field)))
    return field


class InputGuardMixin:
    """Guard every field of the form. `past_fields` names the dates that cannot be later than
    now (a received date)."""

    past_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            guard_field(field, past=name in self.past_fields)


def guarded_form(form_class: type) -> type:
    """The same form class with `InputGuardMixin` in front (the admin's generated forms)."""
    if issubclass(form_class, InputGuardMixin):
        return form_class
    return type(form_class.__name__, (InputGuardMixin, form_class), {"__module__": __name__})


# GET parameters read without a form (search boxes, list filters, keyset pages) --------------

#: a search phrase longer than this finds nothing anyway
QUERY_MAX_LENGTH = 200


def query_text(request, name: str, default: str = "") -> str:
    """A GET parameter as text to search or compare: characters nobody types are dropped and the
    length bounded (a search box answers, it does not refuse)."""
    value = request.GET.get(name, default)
    value = _ZERO_WIDTH.sub("", _BIDI_OVERRIDES.sub("", _CONTROL.sub("", value)))
    return unicodedata.normalize("NFC", value[:QUERY_MAX_LENGTH])


def query_id(request, name: str) -> int | None:
    """A GET parameter naming a row: ASCII digits that fit a bigint, or None."""
    value = request.GET.get(name, "")
    if value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def query_date(request, name: str) -> datetime.date | None:
    """A GET parameter as an ISO date within the office's range, or None."""
    try:
        day = datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None
    return day if DATE_MIN <= day <= DATE_MAX else None
