"""The default retention table (after 35-HD/VPTW's model tables: permanent, 70, 20, 10, 5 years
and shorter) and the archival periods (17-HD/VPTW: one year to the agency archive; five to the
historical archive; only files kept five years or more are transferred and sheet-numbered), as
data an administrator edits. Trigram indexes serve the diacritic-insensitive file search on
PostgreSQL, as dispatch's do."""

from datetime import date

from django.db import migrations

RULES = [
    ("VV-01", "Nghị quyết, chỉ thị, chương trình, kế hoạch công tác năm, nhiệm kỳ", None, "program"),
    ("VV-02", "Biên bản hội nghị, cuộc họp của cấp ủy, lãnh đạo", None, "meeting"),
    ("70-01", "Báo cáo sơ kết, tổng kết 6 tháng, năm", 70, "report"),
    ("20-01", "Văn bản đi trao đổi, hướng dẫn nghiệp vụ", 20, "outgoing"),
    ("10-01", "Văn bản đến để biết, thực hiện", 10, "incoming"),
    ("10-02", "Hồ sơ giải quyết đơn thư", 10, "letter"),
    ("05-01", "Hồ sơ công việc được giao của đơn vị", 5, "task"),
    ("05-02", "Tài liệu tham khảo, sao gửi", 5, ""),
    ("02-01", "Giấy mời, giấy giới thiệu, tài liệu hành chính thông thường", 2, ""),
    ("01-01", "Sổ theo dõi, tài liệu có giá trị ngắn hạn", 1, ""),
]

TERMS = [
    ("agency_transfer_years", 1, "17-HD/VPTW"),
    ("historical_transfer_years", 5, "17-HD/VPTW"),
    ("min_transfer_retention", 5, "17-HD/VPTW"),
    ("sheet_numbering_retention", 5, "17-HD/VPTW"),
]

SEARCH_COLUMNS = [("archive_recordfile", "title"), ("archive_recordfile", "code")]


def seed(apps, schema_editor):
    Schedule = apps.get_model("archive", "RetentionSchedule")
    Rule = apps.get_model("archive", "RetentionRule")
    Term = apps.get_model("archive", "ArchiveTerm")
    if not Schedule.objects.exists():
        schedule = Schedule.objects.create(
            name="Bảng thời hạn bảo quản tài liệu của cơ quan Tỉnh ủy",
            reference="Theo mẫu 35-HD/VPTW",
            valid_from=date(2010, 1, 1),
        )
        for order, (code, name, years, kind) in enumerate(RULES, start=1):
            Rule.objects.create(
                schedule=schedule, code=code, name=name, years=years, record_kind=kind, order=order
            )
    for key, years, reference in TERMS:
        Term.objects.get_or_create(
            key=key,
            valid_from=date(2016, 1, 1),
            defaults={"years": years, "reference": reference},
        )


def indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SEARCH_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
            f"USING gin ((lower(f_unaccent({column}))) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SEARCH_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("core", "0002_search_functions"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(indexes, drop_indexes),
    ]
