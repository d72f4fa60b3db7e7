"""Keyset paging: every row once, in the list's own order, with NULLs and ties, and neither COUNT
nor OFFSET in the SQL."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import services
from core.models import GeneratedFile, Notification
from core.paging import keyset_page

pytestmark = pytest.mark.django_db


def walk(rows, size):
    """Every page of `rows` by its key; the queries each page took."""
    seen, before, queries = [], None, []
    while True:
        with CaptureQueriesContext(connection) as captured:
            page, before = keyset_page(rows, before=before, size=size)
        queries.append([query["sql"] for query in captured.captured_queries])
        seen += [row.pk for row in page]
        if before is None:
            return seen, queries


def test_ties_on_the_sort_column_are_broken_by_the_key(user):
    services.notify(recipients=[user], title="Một", email=False)
    for number in range(11):
        services.notify(recipients=[user], title=f"Thông báo {number}", email=False)
    moment = timezone.now()
    # Three groups of equal times: only the id tells the rows of a group apart.
    for index, pk in enumerate(Notification.objects.order_by("pk").values_list("pk", flat=True)):
        Notification.objects.filter(pk=pk).update(created_at=moment - timedelta(hours=index % 3))
    rows = Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
    seen, queries = walk(rows, size=5)
    assert seen == list(rows.values_list("pk", flat=True))
    assert len(seen) == 12
    assert [len(page) for page in queries] == [1, 2, 2]
    sql = " ".join(statement.upper() for page in queries for statement in page)
    assert "COUNT(" not in sql
    assert "OFFSET" not in sql


@pytest.mark.parametrize("order", ["finished_at", "-finished_at"])
def test_nulls_sort_last_going_up_and_first_going_down(user, order):
    now = timezone.now()
    for number in range(9):
        GeneratedFile.objects.create(
            owner=user,
            title=f"Sổ {number}",
            kind="dispatch.register",
            finished_at=None if number % 3 == 0 else now - timedelta(days=number % 2),
        )
    rows = GeneratedFile.objects.order_by(order)
    seen, _queries = walk(rows, size=2)
    finished = {row.pk: row.finished_at for row in GeneratedFile.objects.all()}
    nulls = sorted(pk for pk, at in finished.items() if at is None)
    dated = sorted(
        (pk for pk, at in finished.items() if at is not None),
        key=lambda pk: (
            (finished[pk], pk) if order == "finished_at" else (-finished[pk].timestamp(), pk)
        ),
    )
    assert seen == (dated + nulls if order == "finished_at" else nulls + dated)


def test_a_list_by_descending_id_filters_on_the_id_alone(user):
    for number in range(5):
        services.notify(recipients=[user], title=f"Thông báo {number}", email=False)
    rows = Notification.objects.order_by("-pk")
    seen, queries = walk(rows, size=2)
    assert seen == sorted(seen, reverse=True)
    assert [len(page) for page in queries] == [1, 1, 1]


def test_a_key_outside_the_list_gives_the_first_page(user, other_user):
    for number in range(3):
        services.notify(recipients=[user], title=f"Của tôi {number}", email=False)
    foreign = services.notify(recipients=[other_user], title="Của người khác", email=False)[0]
    mine = Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
    page, following = keyset_page(mine, before=foreign.pk, size=2)
    assert [row.pk for row in page] == list(mine.values_list("pk", flat=True))[:2]
    assert following == page[1].pk
