"""In Chromium: a yearly evaluation from the self-assessment to leadership's decision. Five
colleagues of TH stand proposed tốt, so the unit may have one xuất sắc: the specialist scores
himself, the head proposes xuất sắc and is warned that the quota is used up, records the unit's
discussion and submits; the deputy chief in charge reads the warning on the decision page and
approves."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from personnel.choices import Grade
from personnel.models import Evaluation
from personnel.services import evaluations
from tests.personnel.conftest import member, walk_to_submitted
from tests.workprograms.test_workprograms_browser import sign_in
from units.choices import ApprovalStatus


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_evaluation_from_self_assessment_to_decision_with_the_quota_warning(
    live_server, page, office, password
):
    member(office, "th_extra")
    year = timezone.localdate().year
    opened = {
        e.owner.username: e
        for e in evaluations.evaluations_open(
            actor=office["head"], unit=office.units["th"], year=year
        )
    }
    for name in ("th_acting", "th_deputy", "th_staff", "th_extra"):
        walk_to_submitted(office, opened[name], general_each=Decimal(5), task_points=50)
    walk_to_submitted(
        office,
        opened["th_head"],
        general_each=Decimal(5),
        task_points=50,
        proposer=office["dc_in_charge"],
    )
    evaluation = opened["th_owner"]
    criteria = [score.criterion_id for score in evaluation.scores.all()]
    base = live_server.url
    url = f"{base}{evaluation.get_absolute_url()}"

    sign_in(page, base, "th_owner", password)
    page.goto(url)
    for criterion in criteria:
        page.fill(f"#id_self-diem_{criterion}", "6")
    page.fill("#id_self-note", "Hoàn thành xuất sắc các nhiệm vụ được giao.")
    page.click("button[name=submit-self]")
    assert "Đã tự đánh giá" in page.inner_text("#evaluation-stage")

    sign_in(page, base, "th_head", password)
    page.goto(url)
    for criterion in criteria:
        page.fill(f"#id_propose-diem_{criterion}", "6")
    page.fill("#id_propose-note", "Đề xuất hoàn thành xuất sắc nhiệm vụ.")
    page.fill("#id_propose-task_points", "65")
    page.click("button[name=submit-propose]")
    assert page.inner_text("#total-score") == "95,00"
    warning = page.inner_text("#quota-warning")
    assert "Tỷ lệ xuất sắc của đơn vị: 1/1 người" in warning
    assert "20 % của 5 người xếp loại tốt" in warning
    page.select_option(
        "#id_discuss-participants", [str(office["head"].pk), str(office["deputy"].pk)]
    )
    page.fill("#id_discuss-opinions", "Nhất trí đề xuất.")
    page.fill("#id_discuss-conclusion", "Trình lãnh đạo Văn phòng.")
    page.click("button[name=submit-discuss]")
    page.click("button[name=submit-submit]")
    assert "Chờ lãnh đạo quyết định" in page.inner_text("#evaluation-stage")

    sign_in(page, base, "dc1", password)
    page.goto(f"{base}/admin/personnel/evaluation/{evaluation.pk}/change/")
    assert "Tỷ lệ xuất sắc của đơn vị: 1/1 người" in page.inner_text("body")
    page.click("#decision-form button[name=kind][value=approve]")
    page.wait_for_url(re.compile(r".*cho=toi.*"))

    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    assert evaluation.approval_status == ApprovalStatus.APPROVED
    assert evaluation.final_grade == Grade.EXCELLENT
    assert evaluation.proposed_by_id == office["head"].pk and evaluation.self_assessed_at
