"""Which unit holds each function of the office, as data (Điều 6–11), seeded from the six
units' codes."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

DEFAULTS = {
    "records_office": "hc",
    "office_programs": "hc",
    "leadership_minutes": "hc",
    "archives": "lt",
    "finance": "tc",
    "facilities": "qt",
    "cipher": "cy",
    "general_affairs": "th",
}


def seed(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    UnitDesignation = apps.get_model("units", "UnitDesignation")
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=DEFAULTS.values())}
    for key, code in DEFAULTS.items():
        if code in units:
            UnitDesignation.objects.get_or_create(key=key, defaults={"unit": units[code]})


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0002_six_units"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitDesignation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(choices=[("records_office", "Văn thư cơ quan (đăng ký văn bản đến, đi)"), ("office_programs", "Tổng hợp chương trình, báo cáo, lịch công tác của Văn phòng"), ("leadership_minutes", "Ghi biên bản họp tập thể lãnh đạo Văn phòng"), ("archives", "Lưu trữ"), ("finance", "Tài chính đảng"), ("facilities", "Quản trị, cơ sở vật chất"), ("cipher", "Cơ yếu"), ("general_affairs", "Tổng hợp")], max_length=32, unique=True, verbose_name="chức năng")),
                ("unit", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="designations", to="units.unit", verbose_name="đơn vị")),
            ],
            options={"verbose_name": "đơn vị đảm nhiệm", "verbose_name_plural": "đơn vị đảm nhiệm", "ordering": ["key"]},
        ),
        migrations.CreateModel(
            name="HistoricalUnitDesignation",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("key", models.CharField(choices=[("records_office", "Văn thư cơ quan (đăng ký văn bản đến, đi)"), ("office_programs", "Tổng hợp chương trình, báo cáo, lịch công tác của Văn phòng"), ("leadership_minutes", "Ghi biên bản họp tập thể lãnh đạo Văn phòng"), ("archives", "Lưu trữ"), ("finance", "Tài chính đảng"), ("facilities", "Quản trị, cơ sở vật chất"), ("cipher", "Cơ yếu"), ("general_affairs", "Tổng hợp")], db_index=True, max_length=32, verbose_name="chức năng")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("unit", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="units.unit", verbose_name="đơn vị")),
            ],
            options={"verbose_name": "historical đơn vị đảm nhiệm", "verbose_name_plural": "historical đơn vị đảm nhiệm", "ordering": ("-history_date", "-history_id"), "get_latest_by": ("history_date", "history_id")},
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
