"""Default letter-handling deadlines (DOMAIN §6) and the travel-paper register."""

from django.db import migrations

DEADLINES = [
    ("classify", "", 10),
    ("resolve", "complaint", 30),
    ("resolve", "denunciation", 30),
]


def seed(apps, schema_editor):
    LetterDeadline = apps.get_model("dispatch", "LetterDeadline")
    Register = apps.get_model("dispatch", "Register")
    for stage, category, days in DEADLINES:
        LetterDeadline.objects.get_or_create(
            stage=stage, category=category, defaults={"working_days": days}
        )
    Register.objects.get_or_create(
        name="Sổ giấy đi đường",
        defaults={"kind": "travel", "period_scheme": "year", "sequence_scope": "shared"},
    )


class Migration(migrations.Migration):
    dependencies = [("dispatch", "0004_letters")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
