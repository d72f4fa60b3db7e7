"""The site pages and the admin decisions over HTTP: who may take each transition, the
comment reaching staff, read-only approved programs, constant query counts on lists."""

import pytest
from django.urls import reverse

from units.choices import ApprovalStatus, ApprovalStep
from units.models import CollectiveDiscussion
from workprograms import services
from workprograms.choices import PeriodKind, ReportKind
from workprograms.models import ChangeRequest, Report, WorkProgram


def decide(client, obj, kind, comment=""):
    name = f"admin:workprograms_{obj._meta.model_name}_decide"
    return client.post(reverse(name, args=[obj.pk]), {"kind": kind, "comment": comment})


def act(client, obj, action, **data):
    return client.post(obj.get_absolute_url(), {"action": action, **data})


def test_anonymous_is_sent_to_login(client, office, flow):
    program = flow.program()
    for url in (
        reverse("workprograms:programs"),
        program.get_absolute_url(),
        reverse("workprograms:reports"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_other_units_do_not_see_a_program(login, office, flow):
    program = flow.program()
    assert login(office["tc_head"]).get(program.get_absolute_url()).status_code == 404
    assert login(office["staff"]).get(program.get_absolute_url()).status_code == 404
    assert login(office["deputy"]).get(program.get_absolute_url()).status_code == 200


def test_head_creates_a_program_on_the_site(login, office, flow):
    client = login(office["head"])
    response = client.post(
        reverse("workprograms:program-create"),
        {
            "period_kind": PeriodKind.MONTH,
            "year": flow.year(),
            "number": 4,
            "title": "Chương trình công tác tháng 4",
            "introduction": "",
            "secrecy": "",
        },
    )
    program = WorkProgram.objects.get()
    assert response.status_code == 302 and response["Location"] == program.get_absolute_url()
    assert login(office["staff"]).get(reverse("workprograms:program-create")).status_code == 403


def test_full_flow_over_http_with_the_admin_decision(client, office, flow):
    program = flow.program()
    client.force_login(office["head"])
    response = act(client, program, "submit")
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.DRAFT
    response = client.get(program.get_absolute_url())
    assert "thảo luận tập thể" in response.content.decode()

    response = act(
        client,
        program,
        "discuss",
        **{
            "discuss-held_on": "",
            "discuss-participants": [office["head"].pk],
            "discuss-opinions": "Thống nhất",
            "discuss-conclusion": "Trình",
        },
    )
    assert response.status_code == 200
    act(
        client,
        program,
        "discuss",
        **{
            "discuss-held_on": program.created_at.strftime("%d/%m/%Y"),
            "discuss-participants": [office["head"].pk, office["staff"].pk],
            "discuss-opinions": "Thống nhất",
            "discuss-conclusion": "Trình",
        },
    )
    assert CollectiveDiscussion.objects.count() == 1
    act(client, program, "submit")
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.SUBMITTED

    client.force_login(office["dc_other"])
    assert decide(client, program, "approve").status_code == 404
    client.force_login(office["dc"])
    response = decide(client, program, "return", "")
    assert response.status_code == 400
    response = decide(client, program, "return", "Bổ sung thời hạn cụ thể.")
    assert response.status_code == 302

    client.force_login(office["staff"])
    assert client.get(program.get_absolute_url()).status_code == 404
    client.force_login(office["deputy"])
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Bổ sung thời hạn cụ thể." in page and "Trả lại" in page

    client.force_login(office["head"])
    item = program.items.get()
    response = client.post(
        reverse("workprograms:item-edit", args=[item.pk]),
        {
            "title": "Việc số 1 – có thời hạn",
            "expected_output": "Báo cáo",
            "due_date": item.due_date.strftime("%d/%m/%Y"),
            "lead_unit": item.lead_unit_id,
            "owner": item.owner_id,
        },
    )
    assert response.status_code == 302
    act(client, program, "resubmit")
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.SUBMITTED

    client.force_login(office["dc"])
    assert decide(client, program, "approve").status_code == 302
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.APPROVED

    client.force_login(office["head"])
    assert client.get(reverse("workprograms:item-edit", args=[item.pk])).status_code == 403
    assert act(client, program, "add_item", **{"add_item-title": "x"}).status_code == 403
    response = client.post(reverse("workprograms:item-delete", args=[item.pk]), follow=True)
    assert "đã được duyệt" in response.content.decode()
    assert program.items.count() == 1


def test_two_step_report_in_the_admin(client, office, flow):
    report = flow.report(kind=ReportKind.HALF_YEAR)
    flow.discuss(report)
    client.force_login(office["head"])
    act(client, report, "submit")
    client.force_login(office["chief"])
    assert decide(client, report, "approve").status_code == 403
    client.force_login(office["dc"])
    assert decide(client, report, "approve").status_code == 302
    report.refresh_from_db()
    assert report.approval_step == ApprovalStep.CHIEF
    assert decide(client, report, "approve").status_code == 403
    client.force_login(office["chief"])
    changelist = client.get(reverse("admin:workprograms_report_changelist") + "?cho=toi")
    assert report.title in changelist.content.decode()
    assert decide(client, report, "approve").status_code == 302
    report.refresh_from_db()
    assert report.approval_status == ApprovalStatus.APPROVED


def test_admin_change_page_shows_the_diff_from_the_previous_version(client, office, flow):
    program = flow.approve(flow.program(items=2))
    client.force_login(office["head"])
    act(
        client,
        program,
        "request_change",
        **{"request_change-reason": "Việc đột xuất", "request_change-is_urgent": "on"},
    )
    request = ChangeRequest.objects.get()
    assert request.is_urgent
    draft = request.draft
    services.item_add(
        actor=office["head"],
        program=draft,
        title="Hội nghị chuyên đề mới",
        due_date=draft.period[0],
        owner=office["staff"],
    )
    act(client, request, "submit")
    request.refresh_from_db()
    assert request.approval_status == ApprovalStatus.SUBMITTED
    client.force_login(office["dc"])
    page = client.get(reverse("admin:workprograms_changerequest_change", args=[request.pk]))
    html = page.content.decode()
    assert "Hội nghị chuyên đề mới" in html and "diff-added" in html and "decision-form" in html
    decide(client, request, "approve")
    draft.refresh_from_db()
    assert draft.is_current
    page = client.get(reverse("admin:workprograms_workprogram_change", args=[draft.pk]))
    assert "v1 → v2" in page.content.decode()
    client.force_login(office["head"])
    compare = client.get(reverse("workprograms:program-compare", args=[draft.pk]))
    assert "Hội nghị chuyên đề mới" in compare.content.decode()


def test_office_report_page_shows_the_implementation_table(login, office, flow):
    report = flow.report(unit="hc", head="hc_head", scope="office")
    page = login(office["hc_head"]).get(report.get_absolute_url()).content.decode()
    assert "implementation-table" in page and "Phòng Tài chính" in page


def _programs(flow, office, count):
    for number in range(1, count + 1):
        unit, head = ("th", "head") if number % 2 else ("tc", "tc_head")
        flow.program(
            unit=unit,
            head=head,
            number=(number - 1) % 12 + 1,
            year=flow.year() + (number - 1) // 12,
            items=1,
        )


@pytest.mark.parametrize("count", [3, 30])
def test_program_list_queries_do_not_grow(
    login, office, flow, count, django_assert_num_queries, session_queries
):
    _programs(flow, office, count)
    client = login(office["chief"])
    client.get(reverse("workprograms:programs"))
    with django_assert_num_queries(4 + session_queries):
        response = client.get(reverse("workprograms:programs"))
    assert response.status_code == 200
    assert len(response.context["page"].rows) == count


def test_program_list_pages_by_key_in_the_lists_order(login, office, flow, monkeypatch):
    from workprograms.selectors import programs_for

    monkeypatch.setattr("workprograms.views.PAGE_SIZE", 4)
    _programs(flow, office, 9)
    client = login(office["chief"])
    shown, following = [], None
    while True:
        response = client.get(
            reverse("workprograms:programs"), {"truoc": following} if following else {}
        )
        shown += [program.pk for program in response.context["page"]]
        following = response.context["page"].following
        if following is None:
            break
        assert f"truoc={following}" in response.content.decode()
    assert shown == [program.pk for program in programs_for(office["chief"])]
    assert len(shown) == len(set(shown)) > 4


@pytest.mark.parametrize("count", [3, 30])
def test_report_list_queries_do_not_grow(
    login, office, flow, count, django_assert_num_queries, session_queries
):
    for number in range(count):
        flow.report(
            kind=ReportKind.THEMATIC,
            unit="th" if number % 2 else "tc",
            head="head" if number % 2 else "tc_head",
        )
    client = login(office["chief"])
    with django_assert_num_queries(4 + session_queries):
        response = client.get(reverse("workprograms:reports"))
    assert len(response.context["page"].rows) == count
    assert Report.objects.count() == count
