"""Numbers never repeat and never skip; they restart per term or per year as the register says."""

import multiprocessing
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from core.models import Counter, PartyTerm
from dispatch import services
from dispatch.choices import IncomingStatus, PeriodScheme, RegisterKind, SequenceScope
from dispatch.models import DocumentType, IncomingDocument, Register
from dispatch.numbering import number_next
from units import ownership

pytestmark = pytest.mark.django_db

PROCESSES = 8
PER_PROCESS = 100


def take(register, on_date, type_name="Công văn"):
    with transaction.atomic():
        doc_type = DocumentType.objects.get(name=type_name)
        return number_next(register, doc_type=doc_type, on_date=on_date).number


@pytest.fixture
def outgoing():
    return Register.objects.get(kind=RegisterKind.OUTGOING)


@pytest.fixture
def incoming():
    return Register.objects.get(kind=RegisterKind.INCOMING)


def test_seeded_registers_follow_the_party_defaults(outgoing, incoming):
    assert (outgoing.period_scheme, outgoing.sequence_scope) == (
        PeriodScheme.TERM,
        SequenceScope.PER_TYPE,
    )
    assert (incoming.period_scheme, incoming.sequence_scope) == (
        PeriodScheme.YEAR,
        SequenceScope.SHARED,
    )


def test_per_type_sequences_run_side_by_side(outgoing):
    day = date(2026, 3, 2)
    assert [take(outgoing, day), take(outgoing, day, "Hướng dẫn"), take(outgoing, day)] == [1, 1, 2]


def test_term_scheme_restarts_with_a_new_term_not_a_new_year(outgoing):
    assert take(outgoing, date(2024, 12, 30)) == 1
    assert take(outgoing, date(2025, 1, 2)) == 2
    assert take(outgoing, date(2025, 10, 1)) == 1


def test_year_scheme_restarts_on_the_first_of_january(incoming):
    assert take(incoming, date(2026, 12, 31)) == 1
    assert take(incoming, date(2026, 12, 31), "Hướng dẫn") == 2
    assert take(incoming, date(2027, 1, 1)) == 1


def test_a_date_outside_every_term_is_refused_with_a_message(outgoing):
    PartyTerm.objects.all().delete()
    with pytest.raises(ValidationError, match="nhiệm kỳ"):
        take(outgoing, date(2026, 3, 2))
    assert not Counter.objects.exists()


def test_a_number_is_only_taken_inside_the_callers_transaction(outgoing):
    # The test itself runs inside a transaction: pretend, for one call, that it does not.
    wrapper = transaction.get_connection()
    wrapper.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            number_next(outgoing, doc_type=None, on_date=date(2026, 3, 2))
    finally:
        wrapper.in_atomic_block = True


def test_a_rolled_back_registration_gives_its_number_back(incoming):
    day = date(2026, 3, 2)
    assert take(incoming, day) == 1
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert number_next(incoming, doc_type=None, on_date=day).number == 2
        1 / 0  # noqa: B018 - the failure after taking the number
    assert take(incoming, day) == 2


def test_a_registration_failing_after_its_number_gives_the_number_back(
    office, register, monkeypatch
):
    assert register(n=1).number == 1
    taken = []

    def refuse(document, **kwargs):
        taken.append(document.number)
        raise ValidationError("Người phụ trách không thuộc đơn vị chủ trì.")

    with monkeypatch.context() as patched:
        patched.setattr(ownership, "record_assignment", refuse)
        with pytest.raises(ValidationError, match=r"Người phụ trách không thuộc đơn vị chủ trì\."):
            register(n=2)
    assert taken == [2]
    assert register(n=3).number == 2
    assert sorted(IncomingDocument.objects.values_list("number", flat=True)) == [1, 2]


def test_a_cancelled_registration_keeps_its_number(office, register):
    first = register(n=1)
    services.incoming_cancel(actor=office["clerk"], document=first, reason="Vào sổ nhầm")
    second = register(n=2)
    first.refresh_from_db()
    assert (first.status, first.number, first.cancel_reason) == (
        IncomingStatus.CANCELLED,
        1,
        "Vào sổ nhầm",
    )
    assert second.number == 2
    assert IncomingDocument.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (SQLite serialises every "
    "write, so there is no concurrency to test)",
)
@pytest.mark.django_db(transaction=True)
def test_eight_processes_registering_at_once_get_consecutive_numbers(office, monkeypatch):
    # Spawned children import the worker by name from the parent's sys.path.
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    from concurrency_worker import register_many

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    workers = [
        context.Process(
            target=register_many,
            args=(url, office["clerk"].pk, worker, PER_PROCESS, barrier, results),
        )
        for worker in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    numbers = [n for _ in workers for n in results.get(timeout=300)]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    total = PROCESSES * PER_PROCESS
    assert sorted(numbers) == list(range(1, total + 1))
    stored = IncomingDocument.objects.values_list("number", flat=True)
    assert sorted(stored) == list(range(1, total + 1))
