"""A program's line becomes owned work (issue #8): secrecy, coordinating units, created and
updated times, and its own guardian rows.

Data: every line takes its program's secrecy (ordinary lines of ordinary programs stay
ordinary), keeps its lead unit and person in charge, and its person in charge gets the `change`
row every owner holds. A line of a secret program was read by whoever read the program: the
program's person in charge and the people it was handed to (its `view` rows) are given the
same `view` row on each secret line they do not own, with a `SecretGrant` row saying so, so
nobody loses sight of a line by the migration. Times come from the line's own history (its
first and last row), else from its program. History rows take their program's secrecy too.

Reversible: going back removes the grant rows it wrote and the new columns; the lines, their
units and people are untouched both ways.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

REASON = "Chuyển đổi dữ liệu: nội dung của chương trình mật"


def _permission_ids(apps) -> dict[str, int]:
    """The programitem permissions; on a fresh database post_migrate has not created them yet."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("workprograms")
    if not config.models_module:
        # a migration's app registry holds no models module; create_permissions asks for one
        config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    rows = Permission.objects.filter(
        content_type__app_label="workprograms",
        codename__in=["change_programitem", "view_programitem"],
    )
    return {row.codename.split("_")[0]: row.pk for row in rows}


def forwards(apps, schema_editor):
    ProgramItem = apps.get_model("workprograms", "ProgramItem")
    HistoricalProgramItem = apps.get_model("workprograms", "HistoricalProgramItem")
    WorkProgram = apps.get_model("workprograms", "WorkProgram")
    Grant = apps.get_model("workprograms", "ProgramItemUserObjectPermission")
    ProgramGrant = apps.get_model("workprograms", "WorkProgramUserObjectPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    SecretGrant = apps.get_model("units", "SecretGrant")

    program = WorkProgram.objects.filter(pk=OuterRef("program_id"))
    rows = HistoricalProgramItem.objects.filter(id=OuterRef("pk")).order_by()
    ProgramItem.objects.update(
        secrecy=Subquery(program.values("secrecy")[:1]),
        created_at=Coalesce(
            Subquery(rows.order_by("history_date").values("history_date")[:1]),
            Subquery(program.values("created_at")[:1]),
        ),
        updated_at=Coalesce(
            Subquery(rows.order_by("-history_date").values("history_date")[:1]),
            Subquery(program.values("updated_at")[:1]),
        ),
    )
    HistoricalProgramItem.objects.filter(program_id__isnull=False).update(
        secrecy=Subquery(program.values("secrecy")[:1])
    )
    if not ProgramItem.objects.exists():
        return
    permission = _permission_ids(apps)
    Grant.objects.bulk_create(
        [
            Grant(content_object_id=pk, user_id=owner_id, permission_id=permission["change"])
            for pk, owner_id in ProgramItem.objects.values_list("pk", "owner_id")
        ],
        ignore_conflicts=True,
    )
    secret = list(
        ProgramItem.objects.exclude(secrecy="").values_list(
            "pk", "owner_id", "program_id", "program__owner_id"
        )
    )
    if not secret:
        return
    program_view = (
        ProgramGrant.objects.filter(
            permission__codename="view_workprogram",
            content_object_id__in={program_id for _pk, _owner, program_id, _by in secret},
        )
        .values_list("content_object_id", "user_id")
        .order_by()
    )
    readers: dict[int, set[int]] = {}
    for program_id, user_id in program_view:
        readers.setdefault(program_id, set()).add(user_id)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="workprograms", model="programitem"
    )
    grants, records = [], []
    for pk, owner_id, program_id, program_owner_id in secret:
        for user_id in sorted(readers.get(program_id, set()) | {program_owner_id}):
            if user_id == owner_id:
                continue
            grants.append(
                Grant(content_object_id=pk, user_id=user_id, permission_id=permission["view"])
            )
            records.append(
                SecretGrant(
                    content_type=content_type,
                    object_id=pk,
                    user_id=user_id,
                    granted_by_id=program_owner_id,
                    reason=REASON,
                )
            )
    Grant.objects.bulk_create(grants, ignore_conflicts=True)
    SecretGrant.objects.bulk_create(records)


def backwards(apps, schema_editor):
    """The grant table and the columns go with the schema; the secret-grant records it wrote
    are removed here."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    SecretGrant = apps.get_model("units", "SecretGrant")
    SecretGrant.objects.filter(
        content_type__in=ContentType.objects.filter(app_label="workprograms", model="programitem"),
        reason=REASON,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("units", "0007_rights_requests"),
        ("workprograms", "0008_program_kinds_report_sources"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalprogramitem",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="tạo lúc"
            ),
        ),
        migrations.AddField(
            model_name="historicalprogramitem",
            name="secrecy",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Thường"),
                    ("mat", "Mật"),
                    ("toi_mat", "Tối mật"),
                    ("tuyet_mat", "Tuyệt mật"),
                ],
                default="",
                max_length=10,
                verbose_name="độ mật",
            ),
        ),
        migrations.AddField(
            model_name="historicalprogramitem",
            name="updated_at",
            field=models.DateTimeField(
                blank=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="cập nhật lúc",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="programitem",
            name="coordinating_units",
            field=models.ManyToManyField(
                blank=True,
                related_name="%(app_label)s_%(class)s_coordinating",
                to="units.unit",
                verbose_name="đơn vị phối hợp",
            ),
        ),
        migrations.AddField(
            model_name="programitem",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="tạo lúc"
            ),
        ),
        migrations.AddField(
            model_name="programitem",
            name="secrecy",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Thường"),
                    ("mat", "Mật"),
                    ("toi_mat", "Tối mật"),
                    ("tuyet_mat", "Tuyệt mật"),
                ],
                default="",
                max_length=10,
                verbose_name="độ mật",
            ),
        ),
        migrations.AddField(
            model_name="programitem",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc"),
        ),
        migrations.CreateModel(
            name="ProgramItemUserObjectPermission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="user_grants",
                        to="workprograms.programitem",
                    ),
                ),
                (
                    "permission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="auth.permission"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "abstract": False,
                "unique_together": {("user", "permission", "content_object")},
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
