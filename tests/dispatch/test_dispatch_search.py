"""Search over every document the user may see, without diacritics or case, on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dispatch import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(office, register, draft):
    incoming = [
        register(n=1, summary="Về việc ban hành Văn bản hướng dẫn công tác Đảng"),
        register(n=2, summary="Lịch tiếp công dân tháng 12", sender="Huyện ủy Đông Sơn"),
        register(n=3, summary="Về tổ chức Đại hội chi bộ", number_and_symbol="45-KH/ĐU"),
    ]
    outgoing = draft(summary="Hướng dẫn thể thức văn bản của Đảng")
    services.outgoing_review(actor=office["th_head"], document=outgoing)
    return incoming, outgoing


def found(user, text):
    results = selectors.search_everything(user, text)
    return {doc.number for doc in results["incoming"]}, len(results["outgoing"])


@pytest.mark.parametrize("text", ["van ban", "VĂN BẢN", "Văn bản", "vAn bAn"])
def test_diacritics_and_case_are_ignored(office, documents, text):
    assert found(office["clerk"], text) == ({1}, 1)


@pytest.mark.parametrize("text", ["đảng", "dang", "ĐẢNG", "Dang"])
def test_the_letter_d_with_stroke_folds_to_d(office, documents, text):
    assert found(office["clerk"], text) == ({1}, 1)


def test_sender_and_number_and_symbol_are_searched(office, documents):
    assert found(office["clerk"], "dong son") == ({2}, 0)
    assert found(office["clerk"], "45-kh/du") == ({3}, 0)


def test_search_shows_only_what_the_user_may_see(office, documents):
    assert found(office["tc_staff"], "van ban") == (set(), 0)
    assert found(office["th_staff"], "van ban") == (set(), 1)


def test_like_wildcards_are_literal(office, documents):
    assert found(office["clerk"], "%") == (set(), 0)
    assert found(office["clerk"], "_") == (set(), 0)


def test_the_search_page_costs_constant_queries(client, office, documents, register):
    client.force_login(office["clerk"])
    url = reverse("dispatch:search")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url, {"q": "dang"}).content.decode()
    assert "công tác Đảng" in page
    for n in range(10, 20):
        register(n=n, summary=f"Nghị quyết của Đảng bộ số {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"q": "dang"})
    assert len(many) == len(few)


@pytest.mark.postgres
def test_postgres_has_trigram_indexes_on_the_folded_text():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist only on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'dispatch_%%_trgm'"
        )
        indexes = dict(cursor.fetchall())
    assert len(indexes) == 5
    definition = indexes["dispatch_incomingdocument_summary_trgm"]
    assert "gin_trgm_ops" in definition and "f_unaccent" in definition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner behaviour")
def test_visibility_is_checked_before_any_text_is_folded(office, documents):
    """Folding text is the dear part of a search at a million documents, where the planner walks
    the register newest first and filters: it must test who may see a row first, and fold only
    the text of rows that pass (core.text). Bitmap scans are what a few rows get instead."""
    rows = selectors.incoming_list(office["th_staff"], q="hoi nghi")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SET enable_bitmapscan = off")
        try:
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(line for (line,) in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_bitmapscan")
    condition = next(line for line in plan.splitlines() if "Filter:" in line and "unaccent" in line)
    assert "owner_id" in condition
    assert condition.index("owner_id") < condition.index("unaccent"), plan
