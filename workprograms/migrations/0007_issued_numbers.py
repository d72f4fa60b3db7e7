"""Approved programs and reports carry their own number (`Số 07-CTr/VPTU`). Those approved
before this migration take theirs now, in the order they were approved, from the same
`core.Counter` sequences the approval uses (per type, issuer and Party term); one approved on a
date outside every declared term keeps a blank number."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

TYPE_CODES = {"WorkProgram": "CTr", "Report": "BC"}


def number_approved(apps, schema_editor):
    Counter = apps.get_model("core", "Counter")
    PartyTerm = apps.get_model("core", "PartyTerm")
    terms = list(PartyTerm.objects.all())
    for name, type_code in TYPE_CODES.items():
        model = apps.get_model("workprograms", name)
        approved = (
            model.objects.filter(approval_status="approved", issued_number__isnull=True)
            .exclude(decided_at__isnull=True)
            .select_related("lead_unit")
            .order_by("decided_at", "pk")
        )
        for obj in approved:
            day = timezone.localtime(obj.decided_at).date()
            term = next((t for t in terms if t.starts_on <= day <= t.ends_on), None)
            if term is None:
                continue
            issuer = settings.OFFICE_ISSUER_CODE
            if obj.scope != "office":
                issuer = f"{issuer}/{obj.lead_unit.code.upper()}"
            key = ":".join(["workprograms", type_code, issuer, f"term-{term.pk}"])
            counter, _created = Counter.objects.select_for_update().get_or_create(sequence=key)
            counter.last_number += 1
            counter.save(update_fields=["last_number"])
            model.objects.filter(pk=obj.pk).update(issued_number=counter.last_number)


class Migration(migrations.Migration):

    dependencies = [
        ('workprograms', '0006_reminders_to_core'),
        ('core', '0007_notification_about'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalreport',
            name='issued_number',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='số văn bản'),
        ),
        migrations.AddField(
            model_name='historicalworkprogram',
            name='issued_number',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='số văn bản'),
        ),
        migrations.AddField(
            model_name='report',
            name='issued_number',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='số văn bản'),
        ),
        migrations.AddField(
            model_name='workprogram',
            name='issued_number',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='số văn bản'),
        ),
        migrations.RunPython(number_approved, migrations.RunPython.noop),
    ]
