"""Pages of the unit's work: constant query counts, forms that keep input, leadership decisions
in the admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from units import services
from units.choices import ApprovalStatus, ApprovalStep
from units.models import Decision, Escalation, Task


def _tasks(office, count):
    for number in range(count):
        services.task_create(
            actor=office["head"],
            unit=office.units["th"],
            owner=office["owner"] if number % 2 else office["staff"],
            title=f"Công việc số {number}",
            due_working_days=1 + number % 7,
            coordinating_units=[office.units["hc"]] if number % 3 == 0 else [],
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _rows_shown(response) -> int:
    return response.content.decode().count('<tr>\n      <td><a href="/cong-viec/')


@pytest.mark.parametrize(
    ("scope", "role"), [("mine", "owner"), ("unit", "head"), ("all", "dc_in_charge")]
)
def test_task_list_queries_do_not_grow_with_rows(client, office, scope, role):
    from units.selectors import tasks_for

    client.force_login(office[role])
    url = reverse("units:tasks") + f"?scope={scope}"
    _tasks(office, 5)
    few, response = _queries(client, url)
    assert _rows_shown(response) == tasks_for(office[role], scope=scope).count() >= 2
    _tasks(office, 45)
    many, response = _queries(client, url)
    assert Task.objects.count() == 50
    assert _rows_shown(response) == tasks_for(office[role], scope=scope).count() >= 24
    assert few == many, (few, many)


def test_task_list_pages_by_key_with_constant_queries_and_no_count(client, office, monkeypatch):
    from units.selectors import tasks_for

    monkeypatch.setattr("units.views.PAGE_SIZE", 20)
    _tasks(office, 45)
    client.force_login(office["head"])
    url = reverse("units:tasks") + "?scope=unit"
    shown, pages, following = [], [], None
    while True:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url + (f"&truoc={following}" if following else ""))
        assert response.status_code == 200
        page = response.context["page"]
        shown += [task.pk for task in page]
        pages.append([query["sql"].upper() for query in queries.captured_queries])
        following = page.following
        if following is None:
            break
        assert f"truoc={following}" in response.content.decode()
    assert shown == [task.pk for task in tasks_for(office["head"], scope="unit")]
    assert len(shown) == 45
    # The pages after the first read the key's row once more; nothing grows with the rows.
    assert [len(sql) for sql in pages] == [len(pages[0]), len(pages[0]) + 1, len(pages[0]) + 1]
    task_reads = [sql for page in pages for sql in page if '"UNITS_TASK"' in sql]
    assert task_reads
    assert not [sql for sql in task_reads if "COUNT(" in sql or "OFFSET" in sql]


def test_task_list_query_count_is_small(client, office, django_assert_max_num_queries):
    _tasks(office, 50)
    client.force_login(office["owner"])
    with django_assert_max_num_queries(14):
        client.get(reverse("units:tasks") + "?scope=all")


def test_search_ignores_diacritics(client, office):
    _tasks(office, 3)
    services.task_create(
        actor=office["head"],
        unit=office.units["th"],
        owner=office["owner"],
        title="Soạn thảo văn bản hướng dẫn",
        due_working_days=2,
    )
    client.force_login(office["head"])
    for query in ("van ban", "VĂN BẢN", "huong dan"):
        body = client.get(reverse("units:tasks"), {"scope": "all", "q": query}).content.decode()
        assert "Soạn thảo văn bản hướng dẫn" in body, query
        assert "Công việc số 1" not in body


def test_bad_input_keeps_what_was_typed(client, office):
    client.force_login(office["head"])
    response = client.post(
        reverse("units:task-create"),
        {
            "title": "Chuẩn bị hội nghị sơ kết",
            "description": "Nội dung dài đã gõ",
            "owner": office["coord_staff"].pk,
            "due_working_days": 0,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chuẩn bị hội nghị sơ kết" in body and "Nội dung dài đã gõ" in body
    assert "Lựa chọn không hợp lệ" in body or "Hãy chọn" in body or "invalid-feedback" in body
    assert not Task.objects.exists()


def test_assign_then_complete_over_http(client, office):
    client.force_login(office["head"])
    response = client.post(
        reverse("units:task-create"),
        {
            "title": "Tổng hợp báo cáo tuần",
            "owner": office["owner"].pk,
            "due_working_days": 3,
            "secrecy": "",
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    client.force_login(office["owner"])
    client.post(task.get_absolute_url(), {"action": "start"})
    response = client.post(
        task.get_absolute_url(), {"action": "complete", "complete-result_note": ""}
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    client.post(
        task.get_absolute_url(), {"action": "complete", "complete-result_note": "Đã gửi báo cáo"}
    )
    task.refresh_from_db()
    assert task.status == "done" and task.result_note == "Đã gửi báo cáo"
    client.force_login(office["head"])
    body = client.get(task.get_absolute_url()).content.decode()
    assert "Hoàn thành" in body and "Đã gửi báo cáo" in body


class TestAdminDecisions:
    def _decide(self, client, leader, escalation, kind, comment=""):
        client.force_login(leader)
        return client.post(
            reverse("admin:units_escalation_decide", args=[escalation.pk]),
            {"kind": kind, "comment": comment},
        )

    def test_deputy_chief_returns_with_comment_and_owner_sees_it(self, client, office, work):
        escalation = work["escalation"]
        response = self._decide(client, office["dc_in_charge"], escalation, "return")
        assert response.status_code == 400
        assert "cần ghi rõ ý kiến" in response.content.decode()
        self._decide(client, office["dc_in_charge"], escalation, "return", "Bổ sung dự toán")
        escalation.refresh_from_db()
        assert escalation.approval_status == ApprovalStatus.RETURNED
        client.force_login(office["head"])
        assert "Bổ sung dự toán" in client.get(escalation.get_absolute_url()).content.decode()
        client.post(escalation.get_absolute_url(), {"action": "resubmit"})
        escalation.refresh_from_db()
        assert escalation.approval_status == ApprovalStatus.SUBMITTED

    def test_forward_to_chief_then_approve(self, client, office, work):
        escalation = work["escalation"]
        self._decide(client, office["dc_in_charge"], escalation, "forward", "Xin ý kiến Chánh")
        escalation.refresh_from_db()
        assert escalation.approval_step == ApprovalStep.CHIEF
        response = self._decide(client, office["dc_in_charge"], escalation, "approve")
        assert response.status_code == 403
        self._decide(client, office["chief"], escalation, "approve", "Đồng ý")
        escalation.refresh_from_db()
        assert escalation.approval_status == ApprovalStatus.APPROVED
        kinds = list(
            Decision.objects.filter(object_id=escalation.pk)
            .order_by("at", "pk")
            .values_list("kind", "actor__username", "comment")
        )
        assert kinds == [
            ("submit", "th_head", ""),
            ("forward", "dc1", "Xin ý kiến Chánh"),
            ("approve", "chief", "Đồng ý"),
        ]

    def test_other_deputy_chief_cannot_decide(self, client, office, work):
        response = self._decide(client, office["dc_other"], work["escalation"], "approve")
        assert response.status_code == 404
        assert Escalation.objects.get().approval_status == ApprovalStatus.SUBMITTED

    def test_awaiting_list_and_index(self, client, office, work):
        client.force_login(office["dc_in_charge"])
        index = client.get(reverse("admin:index")).content.decode()
        assert "Chờ tôi quyết định" in index and "?cho=toi" in index
        listing = client.get(reverse("admin:units_escalation_changelist") + "?cho=toi")
        assert work["escalation"].title in listing.content.decode()
        client.force_login(office["dc_other"])
        listing = client.get(reverse("admin:units_escalation_changelist") + "?cho=toi")
        assert work["escalation"].title not in listing.content.decode()

    def test_bulk_approve_action(self, client, office, work):
        client.force_login(office["dc_in_charge"])
        client.post(
            reverse("admin:units_escalation_changelist"),
            {"action": "approve_selected", "_selected_action": [work["escalation"].pk]},
        )
        assert Escalation.objects.get().approval_status == ApprovalStatus.APPROVED


def test_system_admin_keeps_accounts_not_work(client, office, work):
    client.force_login(office["sysadmin"])
    assert client.get(reverse("admin:units_staffmember_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert client.get(reverse("admin:units_task_changelist")).status_code == 403
    client.force_login(office["dc_in_charge"])
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_login_lockout_is_per_user_and_address(client, office, settings):
    url = reverse("login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "th_staff", "password": "sai"}, REMOTE_ADDR="10.0.0.5")
    locked = client.post(
        url, {"username": "th_staff", "password": "matkhau-thu-2026"}, REMOTE_ADDR="10.0.0.5"
    )
    assert locked.status_code == 429
    other = client.post(
        url, {"username": "th_owner", "password": "matkhau-thu-2026"}, REMOTE_ADDR="10.0.0.5"
    )
    assert other.status_code == 302


def test_english_is_the_second_locale(client, office):
    client.force_login(office["owner"])
    vietnamese = client.get(reverse("units:tasks")).content.decode()
    assert "Công việc" in vietnamese and 'lang="vi"' in vietnamese
    client.cookies["django_language"] = "en"
    english = client.get(reverse("units:tasks")).content.decode()
    assert 'lang="en"' in english and "All work I may see" in english and ">Tasks<" in english


def test_units_pages_show_people_and_who_is_in_charge(client, office):
    client.force_login(office["other_staff"])
    body = client.get(reverse("units:units")).content.decode()
    assert "Phòng Tổng hợp" in body and "Cán bộ th_head" in body
    assert "Ủy quyền đang có hiệu lực" in body and "Cán bộ th_acting" in body
    detail = client.get(reverse("units:unit", args=["th"])).content.decode()
    assert "Cán bộ dc1" in detail and "Đi công tác" in detail


def test_delegation_over_http_refuses_overlap_in_vietnamese(client, office):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(office["head"])
    start = timezone.localdate() + timedelta(days=2)
    response = client.post(
        reverse("units:delegations"),
        {
            "delegate": office["deputy"].pk,
            "starts_on": start.strftime("%d/%m/%Y"),
            "ends_on": (start + timedelta(days=2)).strftime("%d/%m/%Y"),
            "reason": "Học tập",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trùng thời gian với ủy quyền cho" in body and "Học tập" in body
    client.force_login(office["deputy"])
    assert client.post(reverse("units:delegations"), {"reason": "x"}).status_code == 403


def test_admin_search_ignores_diacritics(client, office, work):
    client.force_login(office["dc_in_charge"])
    url = reverse("admin:units_escalation_changelist")
    assert work["escalation"].title in client.get(url, {"q": "de nghi kinh phi"}).content.decode()
    assert work["escalation"].title not in client.get(url, {"q": "xe cong"}).content.decode()


def test_detail_page_checks_its_actions_without_asking_again(
    client, office, work, django_assert_max_num_queries
):
    """The object came through the permission door once; the action checks reuse that."""
    client.force_login(office["head"])
    client.get(work["task"].get_absolute_url())
    with django_assert_max_num_queries(13):
        response = client.get(work["task"].get_absolute_url())
    assert "Giao lại người phụ trách" in response.content.decode()


def test_task_filters_are_styled(client, office):
    client.force_login(office["owner"])
    html = client.get(reverse("units:tasks")).content.decode()
    assert 'class="form-control" id="id_q"' in html
    assert 'name="status" class="form-select"' in html
    assert 'name="overdue" class="form-select"' in html


def test_the_unit_page_lists_the_head_first(client, office):
    from units.selectors import units_with_people

    unit = units_with_people().get(pk=office["head"].staff.unit_id)
    positions = [member.position for member in unit.members.all()]
    from units.choices import Position

    assert positions[0] == "head" and len(set(positions)) > 1
    assert positions == sorted(positions, key=Position.values.index)
