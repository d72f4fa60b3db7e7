"""Counters and Party terms move to core (core 0004).

Counters: each row is copied to `core.Counter` under the key `dispatch.register:<register id>:
<period>:<type>` (what `dispatch.numbering.sequence` composes), then dropped. Terms: the tables are
renamed to core's names, so every term keeps its id (period keys `term-<id>` stay valid) and its
history; the content types follow, so permissions and admin log entries keep pointing at them."""

from django.db import migrations

PREFIX = "dispatch.register"
MOVED_MODELS = ["partyterm", "historicalpartyterm"]


def copy_counters(apps, schema_editor):
    Old = apps.get_model("dispatch", "Counter")
    New = apps.get_model("core", "Counter")
    New.objects.bulk_create(
        New(
            sequence=f"{PREFIX}:{row.register_id}:{row.period_key}:{row.type_key}",
            last_number=row.last_number,
        )
        for row in Old.objects.all()
    )


def copy_counters_back(apps, schema_editor):
    Old = apps.get_model("dispatch", "Counter")
    New = apps.get_model("core", "Counter")
    rows = []
    for counter in New.objects.filter(sequence__startswith=f"{PREFIX}:"):
        register_id, period_key, type_key = counter.sequence.split(":")[1:]
        rows.append(
            Old(
                register_id=int(register_id),
                period_key=period_key,
                type_key=type_key,
                last_number=counter.last_number,
            )
        )
    Old.objects.bulk_create(rows)
    New.objects.filter(sequence__startswith=f"{PREFIX}:").delete()


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_to_core(apps, schema_editor):
    _move_content_types(apps, "dispatch", "core")


def content_types_to_dispatch(apps, schema_editor):
    _move_content_types(apps, "core", "dispatch")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_numbering"),
        ("dispatch", "0007_approval_step_index"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_counters_back),
        migrations.DeleteModel(name="Counter"),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="PartyTerm", table="core_partyterm"),
                migrations.AlterModelTable(
                    name="HistoricalPartyTerm", table="core_historicalpartyterm"
                ),
            ],
            state_operations=[
                migrations.DeleteModel(name="HistoricalPartyTerm"),
                migrations.DeleteModel(name="PartyTerm"),
            ],
        ),
        migrations.RunPython(content_types_to_core, content_types_to_dispatch),
    ]
