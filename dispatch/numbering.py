"""Register numbers: the register's own rules (restart per Party term or per year; one sequence
per document type or one shared) on top of `core.numbering`, which takes the number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core import numbering
from dispatch.choices import PeriodScheme, SequenceScope
from dispatch.models import DocumentType, Register

#: The first part of every register's sequence key in `core.Counter`.
SEQUENCE_PREFIX = "dispatch.register"


@dataclass(frozen=True)
class Number:
    number: int
    period_key: str
    type_key: str


def period_key(register: Register, on_date: date) -> str:
    """The period a number belongs to: the calendar year, or the Party term holding the date."""
    if register.period_scheme == PeriodScheme.YEAR:
        return str(on_date.year)
    return f"term-{numbering.term_on(on_date).pk}"


def type_key(register: Register, doc_type: DocumentType | None) -> str:
    """The sequence inside the period: one per document type (secrecy does not matter: secret
    documents share their type's sequence) or one shared."""
    if register.sequence_scope == SequenceScope.SHARED or doc_type is None:
        return ""
    return str(doc_type.pk)


def sequence(register_id: int, period: str, kind: str) -> str:
    """The register's key in `core.Counter`: `dispatch.register:<id>:<period>:<type>`."""
    return numbering.sequence_key(SEQUENCE_PREFIX, register_id, period, kind)


def number_next(register: Register, *, doc_type: DocumentType | None, on_date: date) -> Number:
    """Take the next number of the register; call inside the transaction that saves the
    document."""
    period, kind = period_key(register, on_date), type_key(register, doc_type)
    number = numbering.number_next(sequence(register.pk, period, kind))
    return Number(number=number, period_key=period, type_key=kind)
