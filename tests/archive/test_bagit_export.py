"""BagIt package of a series: scans, JSON and CSV catalogue, EAD3, SHA-256 manifests that a
BagIt validator accepts."""

import csv
import hashlib
import json

import bagit
from lxml import etree

from archive import services
from archive.models import RecordFile, ScanChecksum
from archive.services import exchange
from tests.archive.conftest import scan
from tests.archive.test_description_services import fonds_and_series


def test_a_series_bag_holds_scans_catalogue_and_sha256_manifests(
    office, flow, media_root, tmp_path
):
    _fonds, series = fonds_and_series(office)
    record_file = flow.open(code="TH-01")
    item = flow.paper(record_file, upload=scan())
    flow.paper(record_file)
    services.file_close(actor=office["staff"], record_file=record_file)
    flow.accepted([record_file])
    RecordFile.objects.filter(pk=record_file.pk).update(series=series)
    result = exchange.write_bag(tmp_path / "bag", exchange.scope_for(series))
    assert (result.files, result.items, result.scans) == (1, 2, 1)
    bag = bagit.Bag(str(tmp_path / "bag"))
    bag.validate()
    assert bag.algorithms == ["sha256"]
    data = tmp_path / "bag" / "data"
    catalogue = json.loads((data / "catalogue.json").read_text(encoding="utf-8"))
    [row] = catalogue["files"]
    scanned = next(entry for entry in row["items"] if entry["id"] == item.pk)
    recorded = ScanChecksum.objects.get(item=item).sha256
    assert scanned["sha256"] == recorded
    payload = tmp_path / "bag" / scanned["scan"]
    assert hashlib.sha256(payload.read_bytes()).hexdigest() == recorded
    assert bag.entries[scanned["scan"]]["sha256"] == recorded
    with (data / "catalogue.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["item_id"] for r in rows] == [str(entry["id"]) for entry in row["items"]]
    assert exchange.ead_schema().validate(etree.parse(str(data / "ead.xml")))


def test_a_bag_is_written_only_into_an_empty_directory(office, flow, media_root, tmp_path):
    import pytest
    from django.core.exceptions import ValidationError

    _fonds, series = fonds_and_series(office)
    (tmp_path / "bag").mkdir()
    (tmp_path / "bag" / "other.txt").write_text("x")
    with pytest.raises(ValidationError):
        exchange.write_bag(tmp_path / "bag", exchange.scope_for(series))
    assert sorted(p.name for p in (tmp_path / "bag").iterdir()) == ["other.txt"]
