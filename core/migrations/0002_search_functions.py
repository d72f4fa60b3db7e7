"""`f_unaccent(text)` for searches that ignore diacritics (core.text). On PostgreSQL an IMMUTABLE
wrapper of the unaccent extension, usable in expression indexes; SQLite registers a Python
function on each connection instead."""

from django.db import migrations

from core.text import POSTGRES_FUNCTION_SQL


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION_SQL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS f_unaccent(text);")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
