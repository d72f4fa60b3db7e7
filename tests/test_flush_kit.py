"""tests/kit/flush.py: the flush after a transactional test empties every table on PostgreSQL,
with DELETE where it can and TRUNCATE where a table refuses DELETE by its own trigger."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.kit.flush import tables_to_truncate

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the faster flush is PostgreSQL's only"
)


def test_a_triggered_table_is_truncated_with_every_table_referencing_it():
    tables = {"log", "note", "reply", "user", "other"}
    references = [("note", "log"), ("reply", "note"), ("log", "user"), ("other", "user")]
    assert tables_to_truncate(tables, {"log", "elsewhere"}, references) == {"log", "note", "reply"}
    assert tables_to_truncate(tables, set(), references) == set()


@postgres_only
@pytest.mark.django_db
def test_the_append_only_room_log_is_truncated_and_the_rest_deleted():
    tables = connection.introspection.django_table_names(only_existing=True)
    sql = connection.ops.sql_flush(no_style(), tables)
    truncates = [s for s in sql if s.startswith("TRUNCATE")]
    assert len(truncates) == 1
    truncated = set(truncates[0].removeprefix("TRUNCATE ").rstrip(";").replace('"', "").split(", "))
    # The append-only room log and the record files that only an approved destruction ends
    # refuse DELETE; what references them goes with them; the rest is deleted.
    assert {"cipher_roomlogentry", "archive_recordfile", "archive_recorditem"} <= truncated
    assert "auth_user" not in truncated and "units_unit" not in truncated
    deleted = {s.split('"')[1] for s in sql if s.startswith("DELETE")}
    assert deleted == set(tables) - truncated


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_tables():
    get_user_model().objects.create(username="se-xoa")
    call_command("flush", verbosity=0, interactive=False)
    assert not get_user_model().objects.exists()


@postgres_only
@pytest.mark.django_db
def test_sequences_are_reset_only_when_asked():
    table = get_user_model()._meta.db_table
    assert not [s for s in connection.ops.sql_flush(no_style(), [table]) if "setval" in s]
    reset = connection.ops.sql_flush(no_style(), [table], reset_sequences=True)
    assert [s for s in reset if "setval" in s] == [
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"','id'), 1, false);"
    ]
