"""core.records: apps register what may be filed in a record file, without the archive
importing them."""

import pytest

from core import records
from core.models import Counter, PartyTerm


@pytest.fixture
def registry():
    saved = dict(records.RECORD_SOURCES)
    yield records.RECORD_SOURCES
    records.RECORD_SOURCES.clear()
    records.RECORD_SOURCES.update(saved)


def test_a_source_is_registered_read_and_listed(registry):
    source = records.register_record_source(
        "core.term",
        PartyTerm,
        label="Nhiệm kỳ",
        title=lambda term: term.name,
        date=lambda term: term.starts_on,
        retention_kind="term",
        search_fields=("name",),
    )
    assert records.record_source("core.term") is source
    assert records.source_of_model(PartyTerm) is source
    assert source in records.record_sources()
    assert source.sheets(object()) == 1 and source.number(object()) == ""
    with pytest.raises(KeyError):
        records.record_source("core.unknown")


def test_a_key_cannot_change_model(registry):
    records.register_record_source(
        "core.term", PartyTerm, label="x", title=str, date=lambda o: None, retention_kind="t"
    )
    records.register_record_source(
        "core.term", PartyTerm, label="y", title=str, date=lambda o: None, retention_kind="t"
    )
    assert records.record_source("core.term").label == "y"
    with pytest.raises(ValueError):
        records.register_record_source(
            "core.term", Counter, label="z", title=str, date=lambda o: None, retention_kind="t"
        )
