"""Run in a spawned OS process by the core numbering test: a fresh interpreter that sets Django up
on the test database and takes numbers of two sequences, each number in its own transaction."""


def take_many(database_url: str, sequences: list[str], count: int, barrier, results):
    import os

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings")
    import django

    django.setup()
    from django.db import transaction

    from core.numbering import number_next

    barrier.wait()
    taken = {sequence: [] for sequence in sequences}
    for i in range(count):
        sequence = sequences[i % len(sequences)]
        with transaction.atomic():
            taken[sequence].append(number_next(sequence))
    results.put(taken)
