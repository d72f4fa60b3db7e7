"""In Chromium: the deputy chief in charge gives a General Affairs specialist a research
assignment; the specialist tells the head its scope and timeline; today's head (the acting head)
finds the notice and opens it; the specialist reports the result to the leader."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisory.choices import WorkStatus
from advisory.models import AdvisoryWork
from core.models import Notification
from tests.workprograms.test_workprograms_browser import sign_in


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_research_assignment_scope_timeline_report_and_the_head_informed(
    live_server, page, office, password
):
    base = live_server.url
    sign_in(page, base, "dc1", password)
    page.goto(f"{base}/tong-hop/viec/giao/")
    page.select_option("#id_owner", label="Cán bộ th_owner")
    page.select_option("#id_kind", "research")
    page.fill("#id_title", "Nghiên cứu thu hút đầu tư vào khu kinh tế")
    page.fill("#id_brief", "Số liệu 5 năm, nhận định, kiến nghị.")
    page.fill("#id_due_date", _day(20))
    page.click("button[type=submit].btn-primary")
    page.wait_for_selector("#work-status")
    work = AdvisoryWork.objects.get()
    assert page.inner_text("#work-status") == "Đã giao"

    sign_in(page, base, "th_owner", password)
    page.goto(f"{base}/tong-hop/viec/?box=mine")
    page.click("#work-table a:has-text('Nghiên cứu thu hút đầu tư')")
    page.fill("#id_plan-scope", "Khu kinh tế Nghi Sơn, 2021–2025")
    page.fill("#id_plan-timeline", "Tuần 1: số liệu; tuần 2: dự thảo báo cáo")
    page.fill("#id_plan-expected_finish", _day(14))
    page.click("button[name=submit-plan]")
    page.wait_for_selector("#work-plan")
    assert "Khu kinh tế Nghi Sơn" in page.inner_text("#work-plan")
    assert page.inner_text("#work-status") == "Đã báo cáo phạm vi, tiến độ"

    # TH's head is away: the acting head is told, and the notice opens the assignment.
    sign_in(page, base, "th_acting", password)
    page.goto(f"{base}/thong-bao/")
    notice = page.locator("li.list-group-item", has_text="báo cáo phạm vi, tiến độ")
    notice.locator("button:has-text('Xem')").click()
    page.wait_for_selector("#work-plan")
    assert "Khu kinh tế Nghi Sơn" in page.inner_text("#work-plan")

    sign_in(page, base, "th_owner", password)
    page.goto(f"{base}{work.get_absolute_url()}")
    page.fill("#id_report-result", "Báo cáo kết quả nghiên cứu và 5 kiến nghị.")
    page.click("button[name=submit-report]")
    page.wait_for_selector("#work-result")
    work.refresh_from_db()
    assert work.status == WorkStatus.DONE
    assert Notification.objects.filter(
        recipient=office["dc_in_charge"], url=work.get_absolute_url(), title__contains="kết quả"
    ).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_survey_report_before_it_ends_is_refused_on_the_page(live_server, page, office, password):
    from advisory import services
    from advisory.choices import WorkKind

    today = timezone.localdate()
    work = services.work_assign(
        actor=office["dc_in_charge"],
        owner=office["owner"],
        kind=WorkKind.SURVEY,
        title="Khảo sát chuyển đổi số",
        brief="Đi cùng đoàn.",
        event_place="Xã miền núi",
        event_starts_on=today,
        event_ends_on=today + timedelta(days=2),
    )
    sign_in(page, live_server.url, "th_owner", password)
    page.goto(f"{live_server.url}{work.get_absolute_url()}")
    page.fill("#id_report-result", "Báo cáo sớm")
    page.click("button[name=submit-report]")
    page.wait_for_selector(".invalid-feedback")
    assert "chưa kết thúc" in page.inner_text("#action-report")
    assert page.input_value("#id_report-result") == "Báo cáo sớm"
    work.refresh_from_db()
    assert work.status == WorkStatus.ASSIGNED and work.result == ""
