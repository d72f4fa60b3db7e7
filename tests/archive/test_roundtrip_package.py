"""The whole-archive package: export, empty the archive's tables, import, and everything is
back (files, items, descriptions, fonds and series, checksums, scans)."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive import services
from archive.models import RecordFile, RecordItem, ScanChecksum
from archive.services import exchange
from tests.archive.conftest import scan
from tests.archive.test_description_services import fonds_and_series

KEEP = {"retention_schedules", "retention_rules", "archive_terms"}


def _snapshot():
    return {name: list(exchange.section_rows(s)) for name, s in exchange.PACKAGE_SECTIONS.items()}


def _empty_archive_tables():
    """An empty archive, as in the fresh database the import is meant for. The record files
    and items refuse every delete (their querysets and PostgreSQL triggers): the test empties
    the tables below them, with the triggers set aside for this emptying only."""
    from django.apps import apps
    from django.db import connection

    models = [
        model
        for model in apps.get_app_config("archive").get_models()
        if model.__name__.endswith("UserObjectPermission") or model.__name__ == "FixityRun"
    ]
    models += [
        section.model
        for name, section in reversed(exchange.PACKAGE_SECTIONS.items())
        if name not in KEEP
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def test_export_empty_import_gives_back_the_same_archive(office, flow, media_root, tmp_path):
    _fonds, series = fonds_and_series(office)
    record_file = flow.open(code="TH-01")
    item = flow.paper(record_file, upload=scan())
    services.file_close(actor=office["staff"], record_file=record_file)
    flow.accepted([record_file])
    RecordFile.objects.filter(pk=record_file.pk).update(series=series)
    record_file.refresh_from_db()
    services.description_save(
        actor=office["archivist"],
        target=record_file,
        reason="Mô tả",
        reference_code="VN-P01-01-TH-01",
        title="Hồ sơ hội nghị",
    )
    before = _snapshot()
    digest = hashlib.sha256(item.upload.read()).hexdigest()
    call_command("archive_export", str(tmp_path / "pkg"), stdout=StringIO())
    _empty_archive_tables()
    item.upload.storage.delete(item.upload.name)
    assert not RecordFile.objects.exists()
    call_command("archive_import", str(tmp_path / "pkg"), stdout=StringIO())
    assert _snapshot() == before
    restored = RecordItem.objects.get(pk=item.pk)
    assert hashlib.sha256(restored.upload.read()).hexdigest() == digest
    assert ScanChecksum.objects.get(item=restored).sha256 == digest
    assert services.check_fixity().failures == []
    # the sequences follow the imported rows: a new file gets a new id
    assert flow.open(code="TH-99").pk > record_file.pk


def test_import_refuses_a_damaged_package_and_writes_nothing(office, flow, media_root, tmp_path):
    record_file = flow.open(code="TH-01")
    flow.paper(record_file, upload=scan())
    call_command("archive_export", str(tmp_path / "pkg"), stdout=StringIO())
    _empty_archive_tables()
    [payload] = (tmp_path / "pkg" / "data" / "files").rglob("*.pdf")
    payload.write_bytes(payload.read_bytes() + b"x")
    with pytest.raises(CommandError, match="hỏng"):
        call_command("archive_import", str(tmp_path / "pkg"), stdout=StringIO())
    assert not RecordFile.objects.exists()


def test_import_refuses_an_archive_that_is_not_empty(office, flow, media_root, tmp_path):
    flow.open(code="TH-01")
    call_command("archive_export", str(tmp_path / "pkg"), stdout=StringIO())
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("archive_import", str(tmp_path / "pkg"), stdout=StringIO())


def test_a_new_section_is_one_declaration(office, flow, media_root, tmp_path):
    """Another part of the archive registers its model; the package carries its rows."""
    assert "scan_checksums" in exchange.PACKAGE_SECTIONS
    section = exchange.register_section("scan_checksums", ScanChecksum)
    assert exchange.PACKAGE_SECTIONS["scan_checksums"] is not None and section.model is ScanChecksum
    with pytest.raises(ValueError):
        exchange.register_section("scan_checksums", RecordItem)
