"""The permission matrix of the working regime. Complaints (always secret) and regulation drafts
are owned work, run by the kit (tests/kit/permission_matrix.py); the unit's own pages are in
test_regime_pages.py."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from regime import services
from regime.choices import ComplaintKind
from regime.models import (
    Complaint,
    RegulationVersion,
)
from tests.kit.permission_matrix import Case, Made, matrix
from tests.regime.helpers import draft


def make_complaint(office, secret):
    """Filed by a specialist: received by today's head (the acting head), handed to the
    complainant, the titular head and the deputy chief in charge."""
    complaint = services.complaint_file(
        actor=office["staff"],
        kind=ComplaintKind.COMPLAINT,
        subject="Phân công trực không đều",
        content="Lịch trực dồn cho hai người.",
    )
    return Made(complaint, grantees=frozenset({"staff", "head", "dc_in_charge"}))


def make_regulation(office, secret):
    return Made(draft(office, effective_from=timezone.localdate() + timedelta(days=5)))


CASES = [
    Case(
        name="complaint",
        model=Complaint,
        make=make_complaint,
        lead_unit="th",
        owner="acting_head",
        list_url=reverse("regime:complaints"),
        variants=("secret",),
    ),
    Case(
        name="regulation_version",
        model=RegulationVersion,
        make=make_regulation,
        lead_unit="th",
        owner="head",
        list_url=reverse("regime:regulations"),
        variants=("plain",),
    ),
]

matrix_data, test_matrix = matrix(CASES)
