"""Report reminders are logged by the one reminder engine (`core.ReminderLog`, keyed by object,
kind and day): the rows of `workprograms.ReminderLog` are copied there, so a reminder already sent
today is not sent again after the upgrade, and the old table is dropped."""

from django.db import migrations


def _report_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="workprograms", model="report")[0]


def copy_to_core(apps, schema_editor):
    Old = apps.get_model("workprograms", "ReminderLog")
    New = apps.get_model("core", "ReminderLog")
    if not Old.objects.exists():
        return
    report_type = _report_type(apps)
    old_rows = list(Old.objects.all())
    new_rows = New.objects.bulk_create(
        New(content_type=report_type, object_id=row.report_id, kind=row.kind, day=row.day)
        for row in old_rows
    )
    # sent_at is auto_now_add, so the insert stamped "now": put the original times back.
    for old, new in zip(old_rows, new_rows, strict=True):
        new.sent_at = old.sent_at
    New.objects.bulk_update(new_rows, ["sent_at"])


def copy_back(apps, schema_editor):
    Old = apps.get_model("workprograms", "ReminderLog")
    New = apps.get_model("core", "ReminderLog")
    rows = New.objects.filter(content_type=_report_type(apps))
    new_rows = list(rows)
    old_rows = Old.objects.bulk_create(
        Old(report_id=row.object_id, kind=row.kind, day=row.day) for row in new_rows
    )
    for old, new in zip(old_rows, new_rows, strict=True):
        old.sent_at = new.sent_at
    Old.objects.bulk_update(old_rows, ["sent_at"])
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_reminder_log"),
        ("workprograms", "0005_remove_collectivediscussion"),
    ]

    operations = [
        migrations.RunPython(copy_to_core, copy_back),
        migrations.DeleteModel(name="ReminderLog"),
    ]
