"""Register numbers: never repeated, never skipped, however many clerks register at once.

The counter row of a sequence is incremented by one `UPDATE … RETURNING` inside the caller's
transaction, which locks the row until that transaction ends (SQLite runs the whole transaction
under an IMMEDIATE write lock), so the number and the document that carries it commit or roll
back together: a rolled-back registration gives its number back instead of leaving a hole. Every
other clerk of the sequence waits from that statement to the commit, so callers take the number
as late as they can."""

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


@dataclass(frozen=True)
class _Sequence:
    register_id: int
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
    sequence = _Sequence(register.pk, period_key(register, on_date), type_key(register, doc_type))
    try:
        number = _increment(sequence)
    except Counter.DoesNotExist:
        number = _start(sequence)
    return Number(number=number, period_key=sequence.period_key, type_key=sequence.type_key)


def _increment(sequence: _Sequence) -> int:
    """One round trip that both locks the counter row and returns its new value."""
    connection = transaction.get_connection()
    table = connection.ops.quote_name(Counter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1"
            " WHERE register_id = %s AND period_key = %s AND type_key = %s"
            " RETURNING last_number",
            [sequence.register_id, sequence.period_key, sequence.type_key],
        )
        row = cursor.fetchone()
    if row is None:
        raise Counter.DoesNotExist
    return row[0]


def _start(sequence: _Sequence) -> int:
    """The first number of a new sequence: its counter row is created in a savepoint."""
    try:
        with transaction.atomic():
            Counter.objects.create(
                register_id=sequence.register_id,
                period_key=sequence.period_key,
                type_key=sequence.type_key,
                last_number=1,
            )
    except IntegrityError:
        # Another clerk created the row first; it is committed now, so wait on its lock.
        return _increment(sequence)
    return 1
