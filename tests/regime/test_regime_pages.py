"""The unit's own pages, role by role (the kit's fifteen roles): the disclosure board and the
regulation in force are read by the unit's members and the leadership overseeing it, posted and
drafted by its head, acknowledged by its members (rule 8, Điều 16, 24)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regime import services
from regime.choices import ComplaintKind
from regime.models import (
    Complaint,
    DisclosureCategory,
    DisclosureItem,
    DisclosureReading,
    RegulationAcknowledgment,
)
from tests.kit.permission_matrix import ROLES
from tests.regime.helpers import approve, draft

#: TH's members read its board and its regulation; the leadership overseeing TH look on.
MEMBERS = {"head", "acting_head", "deputy", "staff", "owner"}
READERS = MEMBERS | {"chief", "dc_in_charge"}
#: today's head and the titular head post on the board
POSTERS = {"head", "acting_head"}
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


@pytest.fixture
def item(office):
    return services.disclosure_post(
        actor=office["head"],
        unit=office.units["th"],
        category=DisclosureCategory.objects.get(code="dao-tao"),
        title="Cử cán bộ đi bồi dưỡng",
    )


def _client(office, role):
    http = Client()
    http.force_login(office[role])
    return http


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_board_is_read_by_the_unit_and_its_leadership(office, item, role):
    http = _client(office, role)
    detail = item.get_absolute_url()
    allowed = role in READERS
    assert http.get(detail).status_code == (200 if allowed else 404)
    assert (detail in http.get(reverse("regime:board")).content.decode()) == allowed
    response = http.post(detail)
    member = role in MEMBERS
    assert response.status_code == (302 if member else 403 if allowed else 404)
    assert DisclosureReading.objects.filter(item=item, reader=office[role]).exists() == member


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_the_head_posts_on_the_board(office, role):
    http = _client(office, role)
    url = reverse("regime:board-of", args=["th"])
    response = http.post(
        url,
        {
            "category": DisclosureCategory.objects.get(code="khen-thuong").pk,
            "title": "Khen thưởng quý",
        },
    )
    allowed = role in POSTERS
    assert response.status_code == (302 if allowed else 403 if role in READERS else 404)
    assert DisclosureItem.objects.filter(title="Khen thưởng quý").exists() == allowed


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_regulation_in_force_is_read_and_acknowledged_by_the_unit(office, role):
    version = approve(office, draft(office, effective_from=timezone.localdate()))
    http = _client(office, role)
    url = reverse("regime:unit-regulation", args=["th"])
    allowed = role in READERS
    response = http.get(url)
    assert response.status_code == (200 if allowed else 404)
    response = http.post(url)
    member = role in MEMBERS
    assert response.status_code == (302 if member else 403 if allowed else 404)
    acknowledged = RegulationAcknowledgment.objects.filter(version=version, user=office[role])
    assert acknowledged.exists() == member


@pytest.mark.django_db
def test_the_regime_pages_need_a_sign_in(office, item):
    for url in (
        reverse("regime:board"),
        item.get_absolute_url(),
        reverse("regime:unit-regulation", args=["th"]),
        reverse("regime:complaints"),
    ):
        response = Client().get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_the_complainant_reads_the_outcome_and_a_colleague_does_not_see_it(office):
    complaint = services.complaint_file(
        actor=office["staff"],
        kind=ComplaintKind.PROPOSAL,
        subject="Đề nghị luân phiên trực",
        content="Lịch trực dồn cho hai người.",
    )
    head = _client(office, "acting_head")
    response = head.post(
        complaint.get_absolute_url(),
        {"action": "resolve", "resolve-outcome": "Đã xếp lịch trực luân phiên."},
    )
    assert response.status_code == 302
    page = _client(office, "staff").get(complaint.get_absolute_url())
    assert "Đã xếp lịch trực luân phiên." in page.content.decode()
    assert _client(office, "owner").get(complaint.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_complaint_without_content_is_refused_and_nothing_written(office):
    http = _client(office, "staff")
    response = http.post(
        reverse("regime:complaint-create"), {"kind": "complaint", "subject": "Khiếu nại"}
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Complaint.objects.exists()
