"""EAD3 export of a fonds, a series and a file: valid against the EAD3 schema shipped in
archive/schemas (lxml, no network)."""

import io

from lxml import etree

from archive import services
from archive.models import RecordFile
from archive.services import exchange
from tests.archive.conftest import scan
from tests.archive.test_description_services import archived, fonds_and_series

NS = {"e": exchange.EAD_NS}


def _placed(office, flow, series, code):
    record_file = archived(flow, office, code=code)
    RecordFile.objects.filter(pk=record_file.pk).update(series=series)
    record_file.refresh_from_db()
    return record_file


def _export(target):
    out = io.BytesIO()
    exchange.write_ead(out, exchange.scope_for(target))
    return etree.fromstring(out.getvalue())


def test_fonds_series_and_file_exports_are_valid_ead3(office, flow, media_root):
    fonds, series = fonds_and_series(office)
    first = _placed(office, flow, series, "TH-01")
    _placed(office, flow, series, "TH-02")
    services.description_save(
        actor=office["archivist"],
        target=first,
        reason="Mô tả",
        reference_code="VN-P01-01-TH-01",
        title="Hồ sơ hội nghị",
        scope_content="Báo cáo\nTờ trình",
        access_conditions="Sử dụng rộng rãi",
    )
    schema = exchange.ead_schema()
    for target in (fonds, series, first):
        document = _export(target)
        assert schema.validate(document), schema.error_log
    document = _export(fonds)
    assert document.find("e:archdesc", NS).get("level") == "fonds"
    files = document.findall(".//e:c[@level='file']", NS)
    assert len(files) == 2
    assert document.find(f".//e:c[@id='file-{first.pk}']/e:did/e:unittitle", NS).text == (
        "Hồ sơ hội nghị"
    )
    assert document.findall(".//e:c[@level='item']", NS)


def test_the_schema_check_would_catch_an_invalid_document(office, flow, media_root):
    record_file = archived(flow, office)
    document = _export(record_file)
    did = document.find("e:archdesc/e:did", NS)
    did.remove(did.find("e:unittitle", NS))
    did.remove(did.find("e:unitid", NS))
    did.append(etree.Element(f"{{{exchange.EAD_NS}}}notanelement"))
    assert not exchange.ead_schema().validate(document)


def test_the_schema_loads_without_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", refuse)
    assert exchange.ead_schema() is not None


def test_a_file_with_a_scan_exports(office, flow, media_root):
    record_file = flow.open(code="TH-05")
    flow.paper(record_file, upload=scan())
    services.file_close(actor=office["staff"], record_file=record_file)
    flow.accepted([record_file])
    assert exchange.ead_schema().validate(_export(record_file))
