"""The appraisal pages: the proposal form (bad input refused, nothing written), the page
through the door, the printed papers, "Việc của tôi" of the council members."""

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import selectors, services
from archive.models import Appraisal
from tests.archive.appraisal_kit import approved, expired_files, formed
from tests.kit.otp import verified_force_login
from units import panels

pytestmark = pytest.mark.django_db


def test_proposal_without_files_or_note_is_refused_nothing_written(office, flow, client):
    expired_files(office, flow, count=1, with_scan=False)
    verified_force_login(client, office["archivist"])
    response = client.post(reverse("archive:appraisal-create"), {"title": "Đợt 1", "note": ""})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode() or "bắt buộc" in (
        response.content.decode()
    )
    assert not Appraisal.objects.exists()


def test_only_archivists_propose(office, client):
    verified_force_login(client, office["staff"])
    assert client.get(reverse("archive:appraisal-create")).status_code == 403


def test_members_see_the_page_and_others_get_404(office, flow, client):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    url = reverse("archive:appraisal", args=[appraisal.pk])
    verified_force_login(client, office["staff2"])
    page = client.get(url)
    assert page.status_code == 200
    assert "submit-opinion" in page.content.decode()
    verified_force_login(client, office["staff"])
    assert client.get(url).status_code == 404


def test_council_members_who_owe_an_opinion_see_it_under_my_work(office, flow):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    assert list(selectors.awaiting_opinion(office["staff2"])) == [appraisal]
    services.opinion_record(
        actor=office["staff2"],
        appraisal=appraisal,
        line=appraisal.lines.get(),
        verdict="destroy",
        reason="Hết giá trị",
    )
    assert list(selectors.awaiting_opinion(office["staff2"])) == []
    assert list(selectors.awaiting_opinion(office["staff"])) == []
    from django.utils import timezone

    from archive.panels import COUNCIL_OPINIONS

    rows = panels.my_work_rows(office["head"], COUNCIL_OPINIONS, today=timezone.localdate())
    assert [row.url for row in rows] == [appraisal.get_absolute_url()]


def test_papers_are_printed_once_numbered(office, flow, client, media_root):
    files = expired_files(office, flow, count=2, with_scan=False)
    appraisal = approved(office, files, keep=files[0])
    verified_force_login(client, office["archivist"])
    for name in ("archive:appraisal-minutes-pdf", "archive:appraisal-list-pdf"):
        response = client.get(reverse(name, args=[appraisal.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
    # No destruction yet: no destruction minutes.
    assert (
        client.get(reverse("archive:appraisal-destruction-pdf", args=[appraisal.pk])).status_code
        == 404
    )


def test_list_queries_do_not_grow(office, flow, client, django_assert_max_num_queries):
    files = expired_files(office, flow, count=3, with_scan=False)
    for record_file in files:
        services.appraisal_create(
            actor=office["archivist"], title="Đợt", note="Thuyết minh", files=[record_file]
        )
    verified_force_login(client, office["archivist"])
    client.get(reverse("archive:appraisals"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("archive:appraisals")).status_code == 200


def test_the_secretarys_decision_without_quorum_is_refused_on_the_page(office, flow, client):
    files = expired_files(office, flow, count=1, with_scan=False)
    appraisal = formed(office, files)
    services.opinion_record(
        actor=office["archivist"],
        appraisal=appraisal,
        line=appraisal.lines.get(),
        verdict="destroy",
        reason="Hết giá trị",
    )
    verified_force_login(client, office["archivist"])
    response = client.post(
        reverse("archive:appraisal", args=[appraisal.pk]),
        {"action": "council", "council-held_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 200
    assert "chưa đủ số thành viên" in response.content.decode()
    appraisal.refresh_from_db()
    assert appraisal.minutes_number == "" and appraisal.approval_step == "collective"
