"""Which unit keeps the records, the archives, the finance, the cipher room: data seeded from the
six units' codes, read through one cached selector, edited in the admin by the system
administrator."""

import pytest
from django.urls import reverse

from units.choices import Designation
from units.designations import designated_unit, is_designated
from units.models import UnitDesignation

SEEDED = {
    Designation.RECORDS_OFFICE: "hc",
    Designation.OFFICE_PROGRAMS: "hc",
    Designation.LEADERSHIP_MINUTES: "hc",
    Designation.ARCHIVES: "lt",
    Designation.FINANCE: "tc",
    Designation.FACILITIES: "qt",
    Designation.CIPHER: "cy",
    Designation.GENERAL_AFFAIRS: "th",
}


@pytest.fixture
def restore_designations(office):
    """Tests that move a designation put it back through a save, so the shared cache is told."""
    yield
    for key, code in SEEDED.items():
        row = UnitDesignation.objects.get(key=key)
        if row.unit != office.units[code]:
            row.unit = office.units[code]
            row.save()


def test_every_designation_is_seeded_from_the_units_codes(office):
    assert {key: designated_unit(key).code for key in Designation.values} == SEEDED


def test_the_selector_is_cached_and_forgets_on_save(
    office, django_assert_num_queries, restore_designations
):
    designated_unit(Designation.ARCHIVES)
    with django_assert_num_queries(0):
        assert designated_unit(Designation.ARCHIVES) == office.units["lt"]
        assert is_designated(office.units["cy"].pk, Designation.CIPHER)
    row = UnitDesignation.objects.get(key=Designation.ARCHIVES)
    row.unit = office.units["th"]
    row.save()
    assert designated_unit(Designation.ARCHIVES) == office.units["th"]
    assert not is_designated(office.units["lt"].pk, Designation.ARCHIVES)


def test_the_system_administrator_edits_designations_in_the_admin(
    client, office, restore_designations
):
    row = UnitDesignation.objects.get(key=Designation.CIPHER)
    url = reverse("admin:units_unitdesignation_change", args=[row.pk])
    client.force_login(office["head"])
    assert client.get(url).status_code == 302  # not staff: the admin's login page
    client.force_login(office["sysadmin"])
    response = client.post(
        url,
        {
            "key": Designation.CIPHER,
            "unit": office.units["qt"].pk,
            "reason": "Quyết định tổ chức lại phòng",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert designated_unit(Designation.CIPHER) == office.units["qt"]
    assert row.history.first().history_user == office["sysadmin"]
    assert row.history.first().history_change_reason == "Quyết định tổ chức lại phòng"
    delete = reverse("admin:units_unitdesignation_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
