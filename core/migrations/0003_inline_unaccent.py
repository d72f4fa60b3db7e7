"""`f_unaccent` inlinable where the role may create C functions, and declared dear (core.text)."""

from django.db import DatabaseError, migrations, transaction

from core.text import (
    POSTGRES_EXTENSIONS_SQL,
    POSTGRES_FUNCTION_SQL,
    POSTGRES_IMMUTABLE_UNACCENT_SQL,
)

PREVIOUS_SQL = """
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT COST 100
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
DROP FUNCTION IF EXISTS public.immutable_unaccent(regdictionary, text);
"""


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    schema_editor.execute(POSTGRES_EXTENSIONS_SQL)
    function = "unaccent"
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute(POSTGRES_IMMUTABLE_UNACCENT_SQL)
        function = "immutable_unaccent"
    except DatabaseError:
        # Not a superuser: the SQL wrapper stays, correct and a little slower per call.
        pass
    schema_editor.execute(POSTGRES_FUNCTION_SQL.format(function=function))


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS_SQL)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_functions")]

    operations = [migrations.RunPython(create, restore)]
