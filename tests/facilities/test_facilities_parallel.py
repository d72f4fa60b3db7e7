"""Concurrent bookings of the same slot: exactly one wins, the others are told what they clash
with. Eight OS processes on PostgreSQL, once through the whole service and once with every
process past the service's own look-up, so the exclusion constraint alone decides."""

import multiprocessing
from pathlib import Path

import pytest
from django.db import connection

from facilities.models import Booking
from tests.conftest import database_url_for_subprocess
from tests.facilities.conftest import at

PROCESSES = 8

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to test",
    ),
]


def _race(monkeypatch, office, flow, *, skip_first_check: bool, same_driver: bool):
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    from booking_worker import book

    requests = [
        flow.trip(who, start=at(1, 8, minute), end=at(1, 12))
        for minute, who in enumerate(["staff", "staff2"] * (PROCESSES // 2))
    ]
    url = database_url_for_subprocess(connection.settings_dict)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    if same_driver:
        # One driver, two vehicles: the driver's constraint decides.
        pairs = [
            (flow.fleet.car if i % 2 else flow.fleet.van, office["driver"])
            for i in range(PROCESSES)
        ]
    else:
        # One vehicle, two drivers: the vehicle's constraint decides.
        pairs = [
            (flow.fleet.car, office["driver"] if i % 2 else office["driver2"])
            for i in range(PROCESSES)
        ]
    workers = [
        context.Process(
            target=book,
            args=(
                url,
                office["qt_cv"].pk,
                request.pk,
                pairs[i][0].pk,
                pairs[i][1].pk,
                skip_first_check,
                barrier,
                results,
            ),
        )
        for i, request in enumerate(requests)
    ]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=300) for _ in workers]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("skip_first_check", [False, True], ids=["service", "constraint-only"])
def test_eight_clerks_booking_one_vehicle_at_once_exactly_one_wins(
    monkeypatch, office, flow, skip_first_check
):
    outcomes = _race(
        monkeypatch, office, flow, skip_first_check=skip_first_check, same_driver=False
    )
    booked = [value for outcome, value in outcomes if outcome == "booked"]
    refused = [value for outcome, value in outcomes if outcome == "refused"]
    assert len(booked) == 1 and len(refused) == PROCESSES - 1
    assert Booking.objects.filter(resource=flow.fleet.car).count() == 1
    for message in refused:
        assert "Toyota Innova (36A-123.45) đã được bố trí" in message or "qt_laixe" in message


@pytest.mark.django_db(transaction=True)
def test_eight_clerks_giving_one_driver_two_vehicles_at_once_exactly_one_wins(
    monkeypatch, office, flow
):
    outcomes = _race(monkeypatch, office, flow, skip_first_check=True, same_driver=True)
    assert [outcome for outcome, _value in outcomes].count("booked") == 1
    assert Booking.objects.filter(server=office["driver"]).count() == 1
