"""Register numbers: never repeated, never skipped, however many clerks register at once.

The counter row of a sequence is locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite runs the
whole transaction under an IMMEDIATE write lock) inside the caller's transaction, so the number
and the document that carries it commit or roll back together: a rolled-back registration gives
its number back instead of leaving a hole."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dispatch.choices import PeriodScheme, SequenceScope
from dispatch.models import Counter, DocumentType, PartyTerm, Register


@dataclass(frozen=True)
class Number:
    number: int
    period_key: str
    type_key: str


def period_key(register: Register, on_date: date) -> str:
    """The period a number belongs to: the calendar year, or the Party term holding the date."""
    if register.period_scheme == PeriodScheme.YEAR:
        return str(on_date.year)
    term = PartyTerm.objects.filter(starts_on__lte=on_date, ends_on__gte=on_date).first()
    if term is None:
        raise ValidationError(
            _("Chưa khai báo nhiệm kỳ chứa ngày %(date)s: không đánh số được.")
            % {"date": on_date.strftime("%d/%m/%Y")}
        )
    return f"term-{term.pk}"


def type_key(register: Register, doc_type: DocumentType | None) -> str:
    """The sequence inside the period: one per document type (secrecy does not matter: secret
    documents share their type's sequence) or one shared."""
    if register.sequence_scope == SequenceScope.SHARED or doc_type is None:
        return ""
    return str(doc_type.pk)


def number_next(register: Register, *, doc_type: DocumentType | None, on_date: date) -> Number:
    """Take the next number of the sequence; call inside the transaction that saves the document."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_next must run inside the transaction that uses the number")
    period = period_key(register, on_date)
    sequence = type_key(register, doc_type)
    lookup = {"register": register, "period_key": period, "type_key": sequence}
    counter = Counter.objects.select_for_update().filter(**lookup).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = Counter.objects.create(**lookup, last_number=0)
        except IntegrityError:
            # Another clerk created the row first; it is committed now, so wait on its lock.
            counter = Counter.objects.select_for_update().get(**lookup)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return Number(number=counter.last_number, period_key=period, type_key=sequence)
