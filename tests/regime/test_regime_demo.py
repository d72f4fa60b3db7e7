"""The demo data of the advisory and regime apps (core.demo), run twice by `seed_demo`: TH's
regulation approved and in force (it fed the board), an item the head posted, a specialist's
proposal; follow-up areas and three assignments of General Affairs. Nothing is duplicated."""

import os

import pytest
from django.core.management import call_command

from advisory.models import AdvisoryWork, FollowUpAssignment
from regime import selectors
from regime.models import Complaint, DisclosureItem, RegulationVersion
from units.models import Unit


def _counts():
    return [
        model.objects.count()
        for model in (
            AdvisoryWork,
            FollowUpAssignment,
            RegulationVersion,
            DisclosureItem,
            Complaint,
        )
    ]


@pytest.mark.django_db
def test_the_demo_shows_each_feature_and_runs_twice():
    for _run in range(2):
        call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert _counts() == [3, 3, 1, 2, 1]
    th = Unit.objects.get(code="th")
    assert selectors.in_force(th).number == 1
    assert DisclosureItem.objects.filter(category__code="quy-che", unit=th).exists()
    assert AdvisoryWork.objects.filter(source="secretary", owner__username="th.cv2").exists()
