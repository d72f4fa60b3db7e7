"""Default report due dates (data an administrator edits afterwards): the N-th working day after
the period ends."""

from django.db import migrations

DEFAULTS = [
    ("monthly", 3, 2),
    ("quarterly", 5, 3),
    ("half_year", 7, 3),
    ("yearly", 10, 5),
]


def seed(apps, schema_editor):
    ReportDeadline = apps.get_model("workprograms", "ReportDeadline")
    for kind, working_day, remind in DEFAULTS:
        ReportDeadline.objects.get_or_create(
            kind=kind, defaults={"working_day": working_day, "remind_days_before": remind}
        )


class Migration(migrations.Migration):
    dependencies = [("workprograms", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
