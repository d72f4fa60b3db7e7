"""The follow-up page, role by role (the kit's fifteen roles): every signed-in member of the
office reads who follows what; only office leadership adds areas and assigns followers."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisory import services
from advisory.choices import AreaKind
from advisory.models import FollowUpArea, FollowUpAssignment
from tests.kit.permission_matrix import ROLES

LEADERSHIP = {"chief", "dc_in_charge", "dc_other"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_follow_ups_are_read_by_all_and_written_by_leadership(office, role):
    area = services.area_create(actor=office["chief"], kind=AreaKind.SECTOR, name="Kinh tế")
    http = Client()
    http.force_login(office[role])
    url = reverse("advisory:follow-ups")
    assert http.get(url).status_code == 200
    response = http.post(
        url,
        {
            "form": "assign",
            "assign-area": area.pk,
            "assign-follower": office["owner"].pk,
            "assign-starts_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    allowed = role in LEADERSHIP
    assert response.status_code == (302 if allowed else 403)
    assert FollowUpAssignment.objects.filter(area=area).exists() == allowed
    response = http.post(url, {"form": "area", "area-kind": "field", "area-name": "Văn hóa"})
    assert FollowUpArea.objects.filter(name="Văn hóa").exists() == allowed


@pytest.mark.django_db
def test_follow_ups_need_a_sign_in():
    response = Client().get(reverse("advisory:follow-ups"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
