"""The collective discussions now live in `units` (copied by 0004)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workprograms", "0004_approval_steps_discussions_to_units"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='historicalcollectivediscussion',
            name='content_type',
        ),
        migrations.RemoveField(
            model_name='historicalcollectivediscussion',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalcollectivediscussion',
            name='recorded_by',
        ),
        migrations.RemoveField(
            model_name='historicalcollectivediscussion',
            name='unit',
        ),
        migrations.DeleteModel(
            name='CollectiveDiscussion',
        ),
        migrations.DeleteModel(
            name='HistoricalCollectiveDiscussion',
        ),
    ]
