"""Cipher–IT's people on top of the units' office: CY's head (a system administrator, like
`cy.truong`), a CY officer, and a system administrator outside CY."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.units.conftest import (  # noqa: F401  (fixtures)
    SYSADMIN,
    _fast_passwords,
    _person,
    make_person,
    office,
)
from units.choices import Position


@pytest.fixture
def cy(office):  # noqa: F811
    office.people["cy_head"] = _person(
        "cy_truong", Position.HEAD, office.units["cy"], roles=SYSADMIN
    )
    office.people["cy_officer"] = _person("cy_cv", Position.SPECIALIST, office.units["cy"])
    office.people["admin_elsewhere"] = _person(
        "tc_admin", Position.SPECIALIST, office.units["tc"], roles=SYSADMIN
    )
    return office


def window(start_minutes=-30, end_minutes=120):
    now = timezone.now()
    return now + timedelta(minutes=start_minutes), now + timedelta(minutes=end_minutes)
