"""The admin has no path to destroy a record: a superuser's delete page and bulk delete of
record files and appraisals are refused; the chief approves the destruction decision on the
admin's decision page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from archive.choices import FileState
from archive.models import Appraisal, RecordFile
from tests.archive.appraisal_kit import decided, expired_files, formed, give_opinions
from tests.kit.otp import verified_force_login
from units.choices import ApprovalStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = get_user_model().objects.create_superuser("root", "root@vanphong.local", "x")
    verified_force_login(client, user)
    return user


def test_superuser_cannot_delete_a_record_file_in_the_admin(office, flow, client, root):
    record_file = expired_files(office, flow, count=1, with_scan=False)[0]
    delete_url = reverse("admin:archive_recordfile_delete", args=[record_file.pk])
    assert client.get(delete_url).status_code in (403, 404)
    assert client.post(delete_url, {"post": "yes"}).status_code in (403, 404)
    changelist = reverse("admin:archive_recordfile_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert "delete_selected" not in page.content.decode()
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [record_file.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert RecordFile.objects.filter(pk=record_file.pk, state=FileState.AGENCY).exists()


def test_superuser_cannot_delete_an_appraisal_in_the_admin(office, flow, client, root):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    delete_url = reverse("admin:archive_appraisal_delete", args=[appraisal.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code in (403, 404)
    changelist = reverse("admin:archive_appraisal_changelist")
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [appraisal.pk], "post": "yes"}
    )
    assert Appraisal.objects.filter(pk=appraisal.pk).exists()


def test_the_chief_approves_the_destruction_on_the_decision_page(office, flow, client):
    files = expired_files(office, flow, count=2, with_scan=False)
    appraisal = formed(office, files)
    give_opinions(office, appraisal)
    decided(office, appraisal)
    verified_force_login(client, office["chief"])
    page = client.get(reverse("admin:archive_appraisal_change", args=[appraisal.pk]))
    assert page.status_code == 200
    assert files[0].code in page.content.decode()
    response = client.post(
        reverse("admin:archive_appraisal_decide", args=[appraisal.pk]), {"kind": "approve"}
    )
    assert response.status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.approval_status == ApprovalStatus.APPROVED
    assert appraisal.lines.filter(on_list=True).count() == 2
