"""An index for the duplicate warning of a registration: same document date and the same
number and symbol once folded (`number_and_symbol__uexact`). PostgreSQL only, like the search
indexes; SQLite compares the day's few documents directly."""

from django.db import migrations

INDEX = "dispatch_incoming_date_folded_number"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON dispatch_incomingdocument "
            "(document_date, (lower(f_unaccent(number_and_symbol))))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_inline_unaccent"),
        ("dispatch", "0005_letter_defaults"),
    ]

    operations = [migrations.RunPython(create, drop)]
