"""The lists of the regime app cost the same number of queries for one row as for many."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regime import services
from regime.choices import ComplaintKind
from regime.models import DisclosureCategory
from tests.regime.helpers import approve, draft


def _queries(user, url) -> int:
    http = Client()
    http.force_login(user)
    http.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = http.get(url)
    assert response.status_code == 200
    return len(captured)


def _items(office, count):
    category = DisclosureCategory.objects.get(code="khen-thuong")
    for number in range(count):
        item = services.disclosure_post(
            actor=office["head"], unit=office.units["th"], category=category, title=f"Tin {number}"
        )
        services.disclosure_read(actor=office["staff"], item=item)


def _complaints(office, count):
    for number in range(count):
        services.complaint_file(
            actor=office["owner"] if number % 2 else office["staff"],
            kind=ComplaintKind.PROPOSAL,
            subject=f"Đề xuất {number}",
            content="Nội dung",
        )


@pytest.mark.parametrize("who", ["staff", "head", "chief", "dc_in_charge"])
def test_the_board_does_not_grow_with_its_rows(office, who):
    _items(office, 1)
    url = reverse("regime:board")
    few = _queries(office[who], url)
    _items(office, 10)
    assert _queries(office[who], url) == few


def test_an_items_readers_do_not_grow_the_page(office):
    _items(office, 1)
    from regime.models import DisclosureItem

    item = DisclosureItem.objects.get()
    few = _queries(office["head"], item.get_absolute_url())
    for who in ("owner", "deputy", "acting_head"):
        services.disclosure_read(actor=office[who], item=item)
    assert _queries(office["head"], item.get_absolute_url()) == few


@pytest.mark.parametrize("who", ["acting_head", "chief", "staff"])
def test_the_complaint_list_does_not_grow_with_its_rows(office, who):
    _complaints(office, 1)
    url = reverse("regime:complaints")
    few = _queries(office[who], url)
    _complaints(office, 10)
    assert _queries(office[who], url) == few


def test_the_regulation_pages_do_not_grow_with_the_versions(office):
    today = timezone.localdate()
    approve(office, draft(office, effective_from=today - timedelta(days=40)))
    urls = [reverse("regime:regulations"), reverse("regime:unit-regulation", args=["th"])]
    few = [_queries(office["head"], url) for url in urls]
    for days in (30, 20, 10):
        approve(
            office, draft(office, effective_from=today - timedelta(days=days), note=f"Sửa {days}.")
        )
    assert [_queries(office["head"], url) for url in urls] == few
