"""An exclusion constraint that exists on PostgreSQL only: the laptop's SQLite keeps the table
without it (SQLite serialises every write, and the services check the same clash before they
insert). Its `validate()` is left to those services, which name the clash in their message."""

from django.contrib.postgres.constraints import ExclusionConstraint


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class PostgresExclusionConstraint(ExclusionConstraint):
    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if _postgres(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if _postgres(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if _postgres(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=None):
        """The booking services look for the clash themselves and name it."""
