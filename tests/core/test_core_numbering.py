"""The generic numbering API: any app names its sequence by a key and gets numbers that never
repeat and never skip, without importing dispatch."""

import multiprocessing
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from core.models import Counter, PartyTerm
from core.numbering import number_next, sequence_key, term_on

pytestmark = pytest.mark.django_db

PROCESSES = 8
PER_PROCESS = 100


def take(sequence: str) -> int:
    with transaction.atomic():
        return number_next(sequence)


def test_a_key_is_made_of_its_parts():
    assert sequence_key("finance.receipt", 2026, "") == "finance.receipt:2026:"


def test_each_key_runs_its_own_sequence_from_one():
    archive, finance = sequence_key("archive.file", 2026), sequence_key("finance.receipt", 2026)
    assert [take(archive), take(archive), take(finance), take(archive)] == [1, 2, 1, 3]
    assert dict(Counter.objects.values_list("sequence", "last_number")) == {
        archive: 3,
        finance: 1,
    }


def test_a_rolled_back_write_gives_its_number_back():
    key = sequence_key("archive.file", 2026)
    assert take(key) == 1
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert number_next(key) == 2
        1 / 0  # noqa: B018 - the failure after taking the number
    assert take(key) == 2


def test_a_number_is_only_taken_inside_the_callers_transaction():
    wrapper = transaction.get_connection()
    wrapper.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            number_next("archive.file:2026")
    finally:
        wrapper.in_atomic_block = True
    assert not Counter.objects.exists()


def test_terms_are_office_wide_data_in_core():
    term = PartyTerm.objects.create(
        name="Nhiệm kỳ 2030–2035", starts_on=date(2030, 10, 1), ends_on=date(2035, 9, 30)
    )
    assert term_on(date(2030, 10, 1)) == term
    assert term_on(date(2035, 9, 30)) == term
    with pytest.raises(ValidationError, match="Chưa khai báo nhiệm kỳ chứa ngày 01/10/2035"):
        term_on(date(2035, 10, 1))


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: run with DATABASE_URL=postgres://… (SQLite serialises every "
    "write, so there is no concurrency to test)",
)
@pytest.mark.django_db(transaction=True)
def test_eight_processes_taking_numbers_of_two_new_sequences_at_once(monkeypatch):
    """Every process starts on sequences with no counter row yet, so they also race to create
    it: the losers must wait on the winner's row instead of failing or repeating a number."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    from numbering_worker import take_many

    sequences = [sequence_key("archive.file", 2026), sequence_key("finance.receipt", 2026, "")]
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    workers = [
        context.Process(target=take_many, args=(url, sequences, PER_PROCESS, barrier, results))
        for _ in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    taken = [results.get(timeout=300) for _ in workers]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    each = PROCESSES * PER_PROCESS // len(sequences)
    for sequence in sequences:
        numbers = sorted(n for result in taken for n in result[sequence])
        assert numbers == list(range(1, each + 1))
    assert dict(Counter.objects.values_list("sequence", "last_number")) == dict.fromkeys(
        sequences, each
    )
