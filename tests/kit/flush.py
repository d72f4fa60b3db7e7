"""A faster flush after transactional tests on PostgreSQL, with the same end state.

pytest-django empties every table after a `transaction=True` test (browser, Celery worker and
parallel tests) through Django's `flush`, which on PostgreSQL is one `TRUNCATE` of the ~380 tables:
PostgreSQL gives each table, index and TOAST table a new file and drops the old ones, 20–30 s
on a busy machine while the tables hold a few rows. `DELETE FROM` each table empties them in
well under a tenth of that. Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so the order
of the deletes does not matter within the one transaction `execute_sql_flush` opens.

Tables with a row-level DELETE trigger of their own (the append-only room log of cipher) refuse a
DELETE by design: those, and every table that references them, are still TRUNCATEd first, as
Django would. Sequences are reset exactly when Django would reset them (`reset_sequences`).
"""

from __future__ import annotations

from django.db.backends.postgresql.operations import DatabaseOperations

#: tgtype bits (PostgreSQL's pg_trigger.h): ROW = 1, DELETE = 8.
ROW_DELETE_TRIGGERS = """
SELECT DISTINCT c.relname
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE NOT t.tgisinternal AND (t.tgtype & 1) = 1 AND (t.tgtype & 8) = 8
"""
#: (referencing table, referenced table) for every foreign key.
FOREIGN_KEYS = """
SELECT src.relname, dst.relname
FROM pg_constraint k
JOIN pg_class src ON src.oid = k.conrelid
JOIN pg_class dst ON dst.oid = k.confrelid
WHERE k.contype = 'f'
"""

ORIGINAL_SQL_FLUSH = DatabaseOperations.sql_flush


def tables_to_truncate(tables: set[str], triggered: set[str], references: list[tuple]) -> set[str]:
    """The tables with their own DELETE trigger and, transitively, every table that references
    one of them (TRUNCATE refuses a table referenced from outside its list)."""
    closure = triggered & tables
    grew = True
    while grew:
        referencing = {src for src, dst in references if dst in closure and src in tables}
        grew = not referencing <= closure
        closure |= referencing
    return closure


def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if not tables:
        return []
    with self.connection.cursor() as cursor:
        cursor.execute(ROW_DELETE_TRIGGERS)
        triggered = {row[0] for row in cursor.fetchall()}
        cursor.execute(FOREIGN_KEYS)
        references = cursor.fetchall()
    wanted = set(tables)
    truncated = tables_to_truncate(wanted, triggered, references)
    sql = ["SET CONSTRAINTS ALL DEFERRED"]
    if truncated:
        # Django's own statement for those, first: nothing of theirs is pending then.
        sql += ORIGINAL_SQL_FLUSH(
            self, style, sorted(truncated), reset_sequences=False, allow_cascade=allow_cascade
        )
    sql += [
        f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')} "
        f"{style.SQL_FIELD(self.quote_name(table))};"
        for table in tables
        if table not in truncated
    ]
    if reset_sequences:
        introspection = self.connection.introspection
        with self.connection.cursor() as cursor:
            sequences = [
                {"table": table, **sequence}
                for table in tables
                for sequence in introspection.get_sequences(cursor, table)
            ]
        sql += self.sequence_reset_by_name_sql(style, sequences)
    return sql


def install(monkeypatch) -> None:
    monkeypatch.setattr(DatabaseOperations, "sql_flush", sql_flush)
