"""Finance inspections of subordinate Party organisations (Điều 10.4): plan, start, findings,
conclusion, follow-up; bad input refused with its Vietnamese message and nothing written; the
daily reminder of overdue recommendations, once a day; the list's constant queries; the pages
and the conclusion PDF."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Notification
from finance import services
from finance.choices import FollowUpStatus, InspectionStatus
from finance.models import FinanceInspection, InspectionFinding
from tests.finance.test_finance_views import client_for

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


def plan(office, organisation, title="Kiểm tra ngân sách 2025"):
    return services.inspection_plan(
        actor=office["tc_staff"],
        organisation=organisation,
        title=title,
        period_from=date(2025, 1, 1),
        period_to=date(2025, 12, 31),
        planned_start=START,
        planned_end=START + timedelta(days=10),
        team=[office["tc_head"], office["tc_staff"]],
    )


def started(office, organisation):
    inspection = plan(office, organisation)
    services.inspection_start(actor=office["tc_staff"], inspection=inspection, on=START)
    return inspection


def add_finding(office, inspection, **overrides):
    data = {
        "finding": "Thiếu chứng từ công tác phí.",
        "recommendation": "Bổ sung chứng từ.",
        "responsible_body": "Văn phòng Đảng ủy",
        "due_on": START + timedelta(days=30),
        **overrides,
    }
    return services.finding_add(actor=office["tc_staff"], inspection=inspection, **data)


def test_an_inspection_goes_from_plan_to_conclusion_and_follow_up(office, organisation):
    inspection = plan(office, organisation)
    assert inspection.lead_unit == office.units["tc"]
    assert inspection.owner == office["tc_staff"]
    assert set(inspection.team.all()) == {office["tc_head"], office["tc_staff"]}
    assert inspection.status == InspectionStatus.PLANNED
    services.inspection_start(actor=office["tc_staff"], inspection=inspection, on=START)
    finding = add_finding(office, inspection)
    services.inspection_conclude(
        actor=office["tc_staff"], inspection=inspection, conclusion="Cơ bản đúng quy định."
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CONCLUDED
    assert inspection.concluded_on is not None
    services.finding_follow_up(
        actor=office["tc_staff"], finding=finding, status=FollowUpStatus.DONE, result="Đã bổ sung."
    )
    finding.refresh_from_db()
    assert finding.follow_up_status == FollowUpStatus.DONE
    assert finding.follow_up_result == "Đã bổ sung."


def test_only_finance_staff_plan_and_only_the_owner_side_edits(office, organisation):
    with pytest.raises(ValidationError) as error:
        plan({**office.people, "tc_staff": office["qt_head"]}, organisation)
    assert "Chỉ cán bộ Phòng Tài chính đảng" in " ".join(error.value.messages)
    assert not FinanceInspection.objects.exists()
    inspection = plan(office, organisation)
    with pytest.raises(ValidationError, match="không có quyền"):
        services.inspection_start(actor=office["th_head"], inspection=inspection)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PLANNED


def test_a_due_date_before_the_inspection_is_refused_and_nothing_written(office, organisation):
    inspection = started(office, organisation)
    with pytest.raises(ValidationError) as error:
        add_finding(office, inspection, due_on=START - timedelta(days=1))
    assert error.value.message_dict["due_on"] == [
        "Hạn thực hiện kiến nghị không được trước ngày kiểm tra (02/03/2026)."
    ]
    assert not InspectionFinding.objects.exists()


def test_an_empty_finding_is_refused_and_nothing_written(office, organisation):
    inspection = started(office, organisation)
    with pytest.raises(ValidationError) as error:
        add_finding(office, inspection, finding="   ", recommendation="")
    assert error.value.message_dict["finding"] == ["Nhập nội dung phát hiện."]
    assert error.value.message_dict["recommendation"] == ["Nhập kiến nghị."]
    assert not InspectionFinding.objects.exists()


def test_bad_input_through_the_page_shows_the_message_and_writes_nothing(office, organisation):
    inspection = started(office, organisation)
    http = client_for(office["tc_staff"])
    response = http.post(
        inspection.get_absolute_url(),
        {
            "action": "finding",
            "finding-finding": "Thiếu chứng từ.",
            "finding-recommendation": "Bổ sung.",
            "finding-responsible_body": "Văn phòng Đảng ủy",
            "finding-due_on": "01/03/2026",
        },
    )
    assert response.status_code == 200
    assert "Hạn thực hiện kiến nghị không được trước ngày kiểm tra" in response.content.decode()
    assert not InspectionFinding.objects.exists()


def test_wrong_dates_of_the_plan_are_refused(office, organisation):
    with pytest.raises(ValidationError) as error:
        services.inspection_plan(
            actor=office["tc_staff"],
            organisation=organisation,
            title="Kiểm tra",
            period_from=date(2025, 12, 31),
            period_to=date(2025, 1, 1),
            planned_start=START,
            planned_end=START - timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"period_to", "planned_end"}
    assert not FinanceInspection.objects.exists()


def test_findings_are_only_recorded_while_the_inspection_runs(office, organisation):
    inspection = plan(office, organisation)
    with pytest.raises(ValidationError, match="đang tiến hành"):
        add_finding(office, inspection)
    with pytest.raises(ValidationError, match="đang tiến hành"):
        services.inspection_conclude(
            actor=office["tc_staff"], inspection=inspection, conclusion="Kết luận"
        )
    assert not InspectionFinding.objects.exists()


def test_a_done_follow_up_needs_its_result(office, organisation):
    finding = add_finding(office, started(office, organisation))
    with pytest.raises(ValidationError) as error:
        services.finding_follow_up(
            actor=office["tc_staff"], finding=finding, status=FollowUpStatus.DONE, result=" "
        )
    assert error.value.message_dict["result"] == ["Nhập kết quả thực hiện kiến nghị."]
    finding.refresh_from_db()
    assert finding.follow_up_status == FollowUpStatus.OPEN


def test_overdue_recommendations_are_reminded_to_the_owner_once_a_day(office, organisation):
    inspection = started(office, organisation)
    late = add_finding(office, inspection, due_on=START + timedelta(days=1))
    add_finding(office, inspection, due_on=START + timedelta(days=60))
    today = START + timedelta(days=5)
    assert services.findings_remind(today=today) == [inspection]
    assert services.findings_remind(today=today) == []
    notices = Notification.objects.filter(recipient=office["tc_staff"], title__contains="quá hạn")
    assert notices.count() == 1
    assert notices.get().title.startswith("1 kiến nghị")
    services.finding_follow_up(
        actor=office["tc_staff"], finding=late, status=FollowUpStatus.DONE, result="Đã làm."
    )
    assert services.findings_remind(today=today + timedelta(days=1)) == []


def test_the_beat_runs_the_reminder_daily():
    from finance.schedule import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["finance-remind-overdue-findings"]
    assert entry["task"] == "finance.tasks.remind_overdue_findings"


def test_the_list_runs_the_same_queries_for_one_row_or_many(
    office, organisation, django_assert_num_queries
):
    http = client_for(office["tc_head"])
    url = reverse("finance:inspections")
    plan(office, organisation)
    http.get(url)
    with CaptureQueriesContext(connection) as few:
        assert http.get(url).status_code == 200
    for index in range(6):
        plan(office, organisation, title=f"Kiểm tra {index}")
    with django_assert_num_queries(len(few.captured_queries), exact=True):
        response = http.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Kiểm tra ") >= 7


def test_the_pages_and_the_conclusion_pdf(office, organisation):
    inspection = started(office, organisation)
    add_finding(office, inspection)
    http = client_for(office["tc_staff"])
    assert http.get(reverse("finance:inspection-create")).status_code == 200
    page = http.get(inspection.get_absolute_url())
    assert "Thiếu chứng từ công tác phí." in page.content.decode()
    assert http.get(reverse("finance:inspection-pdf", args=[inspection.pk])).status_code == 404
    response = http.post(
        inspection.get_absolute_url(),
        {"action": "conclude", "conclude-conclusion": "Chấp hành đúng quy định."},
    )
    assert response.status_code == 302
    pdf = http.get(reverse("finance:inspection-pdf", args=[inspection.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert client_for(office["th_staff"]).get(reverse("finance:inspection-create")).status_code == (
        404
    )


def test_the_create_page_plans_an_inspection(office, organisation):
    http = client_for(office["tc_staff"])
    response = http.post(
        reverse("finance:inspection-create"),
        {
            "organisation": organisation.pk,
            "title": "Kiểm tra đảng phí",
            "period_from": "01/01/2025",
            "period_to": "31/12/2025",
            "planned_start": "02/03/2026",
            "planned_end": "12/03/2026",
            "team": [office["tc_head"].pk],
            "secrecy": "",
        },
    )
    inspection = FinanceInspection.objects.get()
    assert response["Location"] == inspection.get_absolute_url()
    assert list(inspection.team.all()) == [office["tc_head"]]
