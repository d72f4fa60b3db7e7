"""Điều 18: an approved trip by the office's car books its vehicle through the Management
unit's requests — a link to the request form, filled in with the trip (by URL name: personnel
does not import facilities)."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from personnel.choices import TripMeans
from personnel.services import trips
from tests.personnel.conftest import approve, future

LINK = "Đề nghị bố trí xe"


@pytest.fixture(autouse=True)
def request_kinds(db):
    """The Management unit's request kinds (the car's code `xe`), as facilities seeds them."""
    importlib.import_module("facilities.migrations.0002_catalogue_defaults").seed(apps, None)


def _trip(office, scopes, *, means=TripMeans.OFFICE_CAR, scope="trong-tinh"):
    return trips.trip_plan(
        actor=office["head"],
        unit=office.units["th"],
        owner=office["owner"],
        scope=scopes[scope],
        destination="Huyện Quảng Ninh",
        purpose="Khảo sát mô hình kinh tế tập thể.",
        starts_on=future(3),
        ends_on=future(5),
        means=means,
    )


def _page(client, user, trip) -> str:
    client.force_login(user)
    response = client.get(trip.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_an_approved_trip_by_the_office_car_links_to_the_vehicle_request(client, office, scopes):
    trip = _trip(office, scopes)
    assert trip.approval_status == "approved"
    page = _page(client, office["owner"], trip)
    assert LINK in page and 'href="/' in page[page.find('id="vehicle-request"') :]


@pytest.mark.parametrize("means", [TripMeans.PUBLIC, TripMeans.TRAIN_PLANE, TripMeans.OWN])
def test_a_trip_by_other_means_has_no_link(client, office, scopes, means):
    trip = _trip(office, scopes, means=means)
    assert trip.approval_status == "approved"
    assert LINK not in _page(client, office["owner"], trip)


def test_a_trip_by_car_awaiting_approval_has_no_link_until_approved(client, office, scopes):
    trip = _trip(office, scopes, scope="ngoai-tinh")
    assert trip.approval_status == "submitted"
    assert LINK not in _page(client, office["owner"], trip)
    approve(office["dc_in_charge"], trip)
    trip.refresh_from_db()
    assert trip.approval_status == "approved"
    assert LINK in _page(client, office["owner"], trip)


def test_a_trip_already_over_has_no_link(client, office, scopes, clock):
    trip = _trip(office, scopes)
    clock.set(future(6))
    assert LINK not in _page(client, office["owner"], trip)


def test_the_link_opens_the_request_form_with_the_trip_filled_in(client, office, scopes):
    trip = _trip(office, scopes)
    page = _page(client, office["owner"], trip)
    start = page.find('href="', page.find('id="vehicle-request"')) + len('href="')
    url = page[start : page.find('"', start)].replace("&amp;", "&")
    assert url.startswith("/") and "loai=xe" in url
    form = client.get(url)
    assert form.status_code == 200
    body = form.content.decode()
    assert trip.starts_on.strftime("%d/%m/%Y") + " 08:00" in body
    assert trip.ends_on.strftime("%d/%m/%Y") + " 17:00" in body
    assert "Huyện Quảng Ninh" in body and "Khảo sát mô hình kinh tế tập thể." in body
    kind = form.context["form"].initial["kind"]
    assert kind.code == "xe"
    assert (
        "selected>"
        in body[body.find('name="kind"') : body.find("</select>", body.find('name="kind"'))]
    )
    assert timezone.localtime(form.context["form"].initial["ends_at"]).date() == trip.ends_on
