"""Trigram GIN indexes on the folded text the `__ucontains` lookup compares
(`lower(f_unaccent(column))`), so a search stays fast at a million documents on PostgreSQL.
SQLite has no such index; its search scans, which is fine at the sizes SQLite serves."""

from django.db import migrations

COLUMNS = [
    ("dispatch_incomingdocument", "summary"),
    ("dispatch_incomingdocument", "sender"),
    ("dispatch_incomingdocument", "number_and_symbol"),
    ("dispatch_outgoingdocument", "summary"),
    ("dispatch_outgoingdocument", "number_and_symbol"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
            f"USING gin ((lower(f_unaccent({column}))) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_search_functions"),
        ("dispatch", "0002_catalogue_defaults"),
    ]

    operations = [migrations.RunPython(create, drop)]
