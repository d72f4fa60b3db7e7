"""The report terms as data: a conference or survey attended on leadership's mandate is reported
within 5 working days of its end (Điều 6.4 sets no figure: the office's default, editable)."""

from django.db import migrations

TERMS = [("survey", 5, "Điều 6.4 Hướng dẫn 21-HD/VPTW; mặc định của Văn phòng")]


def seed(apps, schema_editor):
    ReportTerm = apps.get_model("advisory", "ReportTerm")
    for kind, days, basis in TERMS:
        ReportTerm.objects.get_or_create(kind=kind, defaults={"working_days": days, "basis": basis})


class Migration(migrations.Migration):
    dependencies = [("advisory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
