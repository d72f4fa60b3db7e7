"""The pages: constant queries per list (few rows and many), bad input shown on the page with
nothing written, the head's quota warning on the evaluation page."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from personnel.choices import TripMeans
from personnel.models import BusinessTrip, EmulationTitle, EvaluationScore
from personnel.services import emulation, evaluations, training, trips
from tests.personnel.conftest import approve, discuss, future, walk_to_submitted
from units import approvals


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _trip(office, scopes, n):
    return trips.trip_plan(
        actor=office["head"],
        unit=office.units["th"],
        owner=office["owner"] if n % 2 else office["staff"],
        scope=scopes["trong-tinh" if n % 2 else "ngoai-tinh"],
        destination=f"Nơi {n}",
        purpose="Công tác.",
        starts_on=future(n + 1),
        ends_on=future(n + 2),
        means=TripMeans.PUBLIC,
        companions=[office["deputy"]],
    )


def _proposal(office, n):
    return emulation.proposal_create(
        actor=office["head"],
        unit=office.units["th"],
        year=2026 - n,
        title=EmulationTitle.objects.get(name="Tập thể lao động tiên tiến"),
        achievements="Tốt.",
    )


def _plan(office, n):
    plan = training.plan_create(
        actor=office["head"], unit=office.units["th"], year=2026 - n, title=f"KH {n}", content="x"
    )
    start = timezone.localdate().replace(year=2026 - n)
    training.course_add(
        actor=office["head"],
        plan=plan,
        title=f"Lớp {n}",
        organiser="Trường",
        starts_on=start,
        ends_on=start,
        participants=[office["owner"]],
    )
    return plan


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("personnel:trips", "trip"),
        ("personnel:proposals", "proposal"),
        ("personnel:training", "plan"),
    ],
)
def test_list_queries_do_not_grow(client, office, scopes, url, make):
    build = {
        "trip": lambda n: _trip(office, scopes, n),
        "proposal": lambda n: _proposal(office, n),
        "plan": lambda n: _plan(office, n),
    }[make]
    viewer = office["owner"] if make == "plan" else office["chief"]
    client.force_login(viewer)
    build(0)
    few = _queries(client, reverse(url))
    for n in range(1, 6):
        build(n)
    assert _queries(client, reverse(url)) == few


def test_evaluation_list_queries_do_not_grow(client, office):
    year = timezone.localdate().year
    client.force_login(office["chief"])
    evaluations.evaluations_open(actor=office["other_head"], unit=office.units["tc"], year=year)
    few = _queries(client, reverse("personnel:evaluations"))
    evaluations.evaluations_open(actor=office["head"], unit=office.units["th"], year=year)
    assert _queries(client, reverse("personnel:evaluations")) == few


def _decided(office, n):
    proposal = _proposal(office, n)
    discuss(office, proposal)
    approvals.approval_submit(actor=office["head"], obj=proposal)
    approve(
        office["chief"],
        proposal,
        resolution_number=f"{n + 1}-QĐ/VPTU",
        resolution_date=timezone.localdate(),
    )


def test_register_queries_do_not_grow(client, office):
    client.force_login(office["staff"])
    _decided(office, 0)
    few = _queries(client, reverse("personnel:register"))
    for n in range(1, 5):
        _decided(office, n)
    response = client.get(reverse("personnel:register"))
    assert len(response.context["page"].rows) == 5
    assert _queries(client, reverse("personnel:register")) == few


def test_a_trip_report_before_the_end_is_shown_on_the_page_and_nothing_written(
    client, office, scopes
):
    trip = _trip(office, scopes, 1)
    client.force_login(office["owner"])
    response = client.post(trip.get_absolute_url(), {"action": "report", "report-report": "Đã về."})
    assert response.status_code == 200
    assert "mới kết thúc; chỉ báo cáo kết quả sau khi về." in response.content.decode()
    assert BusinessTrip.objects.get(pk=trip.pk).reported_at is None


def test_a_score_out_of_range_on_the_page_is_refused_with_its_message(client, office, opened):
    evaluation = opened["th_owner"]
    data = {"action": "self", "self-note": "Tự nhận xét."}
    for score in evaluation.scores.all():
        data[f"self-diem_{score.criterion_id}"] = "6"
    first = evaluation.scores.first()
    data[f"self-diem_{first.criterion_id}"] = "31"
    client.force_login(office["owner"])
    before = list(EvaluationScore.objects.values_list("pk", "self_points"))
    response = client.post(evaluation.get_absolute_url(), data)
    assert response.status_code == 200
    assert (
        f"Điểm của tiêu chí “{first.criterion.name}” phải từ 0 đến 6." in response.content.decode()
    )
    assert list(EvaluationScore.objects.values_list("pk", "self_points")) == before


def test_the_evaluation_page_warns_of_the_quota(client, office, opened):
    for name in ("th_acting", "th_deputy", "th_staff"):
        walk_to_submitted(office, opened[name], general_each=Decimal(5), task_points=Decimal(50))
    walk_to_submitted(office, opened["th_owner"], general_each=Decimal(6), task_points=Decimal(65))
    client.force_login(office["head"])
    page = client.get(opened["th_owner"].get_absolute_url()).content.decode()
    assert 'id="quota-warning"' in page
    assert "Vượt tỷ lệ xuất sắc: 1 người" in page and "tối đa 0 (20 % của 3 người" in page
    assert (
        'id="quota-warning"'
        not in client.get(opened["th_staff"].get_absolute_url()).content.decode()
    )


def test_only_a_head_opens_the_years_evaluations(client, office):
    client.force_login(office["staff"])
    response = client.post(reverse("personnel:evaluations"), {"year": 2026})
    assert response.status_code == 403
