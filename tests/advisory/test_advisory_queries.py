"""The lists of the advisory app cost the same number of queries for one row as for many."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisory import services
from advisory.choices import AreaKind, WorkKind


def _queries(user, url) -> int:
    http = Client()
    http.force_login(user)
    http.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = http.get(url)
    assert response.status_code == 200
    return len(captured)


def _works(office, count):
    for number in range(count):
        services.work_assign(
            actor=office["dc_in_charge"],
            owner=office["owner"] if number % 2 else office["staff"],
            kind=WorkKind.APPRAISAL,
            title=f"Thẩm định dự thảo {number}",
            brief="Cho ý kiến.",
            due_date=timezone.localdate() + timedelta(days=number),
            draft_agency="Sở Tư pháp",
        )


def _follow_ups(office, count, start=0):
    for number in range(start, start + count):
        area = services.area_create(
            actor=office["chief"], kind=AreaKind.PARTY_BODY, name=f"Đảng ủy xã {number}"
        )
        for follower in ("owner", "staff"):
            services.follow_up_assign(
                actor=office["chief"],
                area=area,
                follower=office[follower],
                starts_on=timezone.localdate(),
            )


@pytest.mark.parametrize("who", ["chief", "head", "owner"])
def test_the_work_list_does_not_grow_with_its_rows(office, who):
    _works(office, 1)
    few = _queries(office[who], reverse("advisory:works"))
    _works(office, 12)
    assert _queries(office[who], reverse("advisory:works")) == few


@pytest.mark.parametrize("who", ["chief", "owner"])
def test_the_follow_up_page_does_not_grow_with_its_rows(office, who):
    _follow_ups(office, 1)
    few = _queries(office[who], reverse("advisory:follow-ups"))
    _follow_ups(office, 8, start=1)
    assert _queries(office[who], reverse("advisory:follow-ups")) == few
