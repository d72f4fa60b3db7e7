"""Numbers that never repeat and never skip, for any app, however many people take them at once.

A sequence is named by an opaque key the caller composes (`sequence_key("dispatch.register", 3,
"2026", "")`); `core` knows nothing of registers or document types. Its counter row is incremented
by one `UPDATE … RETURNING` inside the caller's transaction, which locks the row until that
transaction ends (SQLite runs the whole transaction under an IMMEDIATE write lock), so the number
and the record that carries it commit or roll back together: a rolled-back write gives its number
back instead of leaving a hole. Everyone else taking a number of the same sequence waits from that
statement to the commit, so callers take the number as late as they can."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.models import Counter, PartyTerm


def sequence_key(*parts: object) -> str:
    """One key from its parts, e.g. the owner of the sequence, its period and its kind."""
    return ":".join(str(part) for part in parts)


def term_on(on_date: date) -> PartyTerm:
    """The Party committee's term holding the date; refused with a message when none does."""
    term = PartyTerm.objects.filter(starts_on__lte=on_date, ends_on__gte=on_date).first()
    if term is None:
        raise ValidationError(
            _("Chưa khai báo nhiệm kỳ chứa ngày %(date)s: không đánh số được.")
            % {"date": on_date.strftime("%d/%m/%Y")}
        )
    return term


def number_next(sequence: str) -> int:
    """Take the next number of the sequence; call inside the transaction that saves the record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_next must run inside the transaction that uses the number")
    try:
        return _increment(sequence)
    except Counter.DoesNotExist:
        return _start(sequence)


def _increment(sequence: str) -> int:
    """One round trip that both locks the counter row and returns its new value."""
    connection = transaction.get_connection()
    table = connection.ops.quote_name(Counter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 WHERE sequence = %s"
            " RETURNING last_number",
            [sequence],
        )
        row = cursor.fetchone()
    if row is None:
        raise Counter.DoesNotExist
    return row[0]


def _start(sequence: str) -> int:
    """The first number of a new sequence: its counter row is created in a savepoint."""
    try:
        with transaction.atomic():
            Counter.objects.create(sequence=sequence, last_number=1)
    except IntegrityError:
        # Another writer created the row first; it is committed now, so wait on its lock.
        return _increment(sequence)
    return 1
