"""Number counters and the Party committee's terms move into core (from dispatch), so every app
can number without importing dispatch. Counter is a new table (dispatch's rows are copied into it
by dispatch 0007); PartyTerm keeps its rows and ids: dispatch 0007 renames its tables to these
names, so here the models are added to the state only."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_inline_unaccent"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Counter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.CharField(max_length=200, unique=True, verbose_name="dãy số")),
                (
                    "last_number",
                    models.PositiveIntegerField(default=0, verbose_name="số cuối đã cấp"),
                ),
            ],
            options={
                "verbose_name": "bộ đếm số",
                "verbose_name_plural": "bộ đếm số",
                "ordering": ["sequence"],
            },
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalPartyTerm",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "name",
                            models.CharField(db_index=True, max_length=50, verbose_name="nhiệm kỳ"),
                        ),
                        ("starts_on", models.DateField(verbose_name="từ ngày")),
                        ("ends_on", models.DateField(verbose_name="đến ngày")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.TextField(null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical nhiệm kỳ",
                        "verbose_name_plural": "historical nhiệm kỳ",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="PartyTerm",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=50, unique=True, verbose_name="nhiệm kỳ"),
                        ),
                        ("starts_on", models.DateField(verbose_name="từ ngày")),
                        ("ends_on", models.DateField(verbose_name="đến ngày")),
                    ],
                    options={
                        "verbose_name": "nhiệm kỳ",
                        "verbose_name_plural": "nhiệm kỳ",
                        "ordering": ["-starts_on"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("ends_on__gt", models.F("starts_on"))),
                                name="party_term_ends_after_start",
                                violation_error_message="Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
