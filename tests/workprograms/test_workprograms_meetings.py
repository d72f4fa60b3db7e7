"""Meetings (Điều 7.2, 14, 20) and the leadership's weekly calendar (Điều 7.1) through the real
services and over HTTP: who calls a meeting, who takes the minutes, conclusions becoming tasks
with one owner, HC alone editing the calendar, secret lines hidden, constant query counts."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from units import permissions
from units.choices import Secrecy
from workprograms import services
from workprograms.choices import MeetingKind
from workprograms.models import CalendarEntry, Meeting, MeetingConclusion


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def act(client, obj, action, **data):
    return client.post(obj.get_absolute_url(), {"action": action, **data})


# Meetings: services -------------------------------------------------------------------------


def test_the_head_calls_a_meeting_and_names_one_member_for_the_minutes(office, flow):
    with pytest.raises(
        PermissionDenied, match=r"Chỉ Trưởng phòng \(hoặc người được ủy quyền\) mới triệu tập"
    ):
        flow.meeting(head="staff")
    with pytest.raises(
        ValidationError, match="Người phụ trách phải là cán bộ đang công tác tại Phòng Tổng"
    ) as error:
        flow.meeting(owner="tc_staff")
    assert "owner" in error.value.message_dict
    meeting = flow.meeting()
    assert meeting.owner == office["staff"] and meeting.lead_unit.code == "th"
    assert set(meeting.participants.all()) == {office["head"], office["deputy"], office["staff"]}
    # the meeting, then its participants (a recorded many-to-many change)
    assert list(meeting.history.values_list("history_type", flat=True)) == ["~", "+"]


def test_a_leadership_meeting_belongs_to_hc_and_its_participants_see_it(office, flow):
    with pytest.raises(
        ValidationError, match="Cuộc họp tập thể lãnh đạo Văn phòng do Phòng Hành chính"
    ) as error:
        flow.meeting(kind=MeetingKind.LEADERSHIP)
    assert "Điều 7.2" in str(error.value)
    with pytest.raises(
        ValidationError, match="Người phụ trách phải là cán bộ đang công tác tại Phòng Hành"
    ):
        flow.leadership_meeting(owner="staff")
    meeting = flow.leadership_meeting()
    assert meeting.lead_unit.code == "hc" and meeting.owner == office["hc_staff"]
    # dc_other is not in charge of HC: he sees the meeting because he attended it
    assert permissions.can_see(office["dc_other"], meeting)
    assert not permissions.can_see(office["tc_head"], meeting)


def test_removing_a_participant_takes_the_meeting_out_of_his_sight(office, flow):
    meeting = flow.leadership_meeting()
    services.meeting_update(
        actor=office["hc_staff"],
        meeting=meeting,
        title=meeting.title,
        starts_at=meeting.starts_at,
        place="Phòng họp số 1",
        participants=[office["chief"], office["dc"]],
    )
    assert not permissions.can_see(office["dc_other"], meeting)
    with pytest.raises(PermissionDenied, match=r"Bạn không có quyền sửa cuộc họp này\."):
        services.meeting_update(
            actor=office["tc_head"],
            meeting=meeting,
            title="x",
            starts_at=meeting.starts_at,
            place="x",
        )


def test_a_review_is_not_recorded_without_self_criticism(office, flow):
    review = flow.meeting(kind=MeetingKind.QUARTER_REVIEW, title="Sơ kết quý I")
    with pytest.raises(
        ValidationError, match=r"Hội nghị sơ kết, tổng kết phải ghi kiểm điểm \(Điều 20\)\."
    ) as error:
        services.meeting_record_minutes(
            actor=office["staff"], meeting=review, minutes="Đánh giá kết quả quý I."
        )
    assert "self_criticism" in error.value.message_dict
    services.meeting_record_minutes(
        actor=office["staff"],
        meeting=review,
        minutes="Đánh giá kết quả quý I.",
        self_criticism="Còn chậm trễ trong tổng hợp số liệu; khắc phục ngay trong quý II.",
    )
    review.refresh_from_db()
    assert review.minutes_recorded_at is not None and "khắc phục" in review.self_criticism

    briefing = flow.meeting()
    services.meeting_record_minutes(
        actor=office["staff"], meeting=briefing, minutes="Nội dung giao ban.", self_criticism="x"
    )
    briefing.refresh_from_db()
    assert briefing.self_criticism == ""
    with pytest.raises(PermissionDenied, match=r"Bạn không có quyền sửa cuộc họp này\."):
        services.meeting_record_minutes(actor=office["tc_head"], meeting=briefing, minutes="x")


def test_hc_drafts_the_conclusion_notice_of_a_leadership_meeting_only(office, flow):
    briefing = flow.meeting()
    with pytest.raises(
        ValidationError, match="Thông báo kết luận chỉ dành cho cuộc họp tập thể lãnh đạo Văn"
    ):
        services.meeting_draft_notice(actor=office["head"], meeting=briefing, conclusion_notice="x")
    meeting = flow.leadership_meeting()
    with pytest.raises(PermissionDenied, match=r"Bạn không có quyền sửa cuộc họp này\."):
        services.meeting_draft_notice(actor=office["dc"], meeting=meeting, conclusion_notice="x")
    services.meeting_draft_notice(
        actor=office["hc_staff"],
        meeting=meeting,
        conclusion_notice="Lãnh đạo Văn phòng thống nhất các nội dung sau:",
    )
    meeting.refresh_from_db()
    assert meeting.conclusion_notice.startswith("Lãnh đạo Văn phòng")


def test_a_conclusion_becomes_one_task_given_by_the_head_of_the_owners_unit(office, flow):
    meeting = flow.leadership_meeting()
    conclusion = services.conclusion_add(
        actor=office["hc_staff"],
        meeting=meeting,
        text="Phòng Tổng hợp chuẩn bị báo cáo sơ kết 6 tháng.\nGửi trước ngày 20.",
    )
    with pytest.raises(PermissionDenied, match=r"Bạn không có quyền sửa cuộc họp này\."):
        services.conclusion_add(actor=office["dc_other"], meeting=meeting, text="x")
    # HC's member takes the minutes but gives no work to another unit
    with pytest.raises(
        PermissionDenied, match=r"Chỉ Trưởng phòng \(hoặc người được ủy quyền\) mới giao việc\."
    ):
        services.conclusion_to_task(
            actor=office["hc_staff"],
            conclusion=conclusion,
            owner=office["staff"],
            due_working_days=5,
        )
    # the head of TH does not see the leadership meeting: no task from it
    with pytest.raises(PermissionDenied, match=r"Bạn không xem được cuộc họp này\."):
        services.conclusion_to_task(
            actor=office["head"], conclusion=conclusion, owner=office["staff"], due_working_days=5
        )
    permissions.grant_view(meeting, office["head"])
    with pytest.raises(
        PermissionDenied, match=r"Chỉ Trưởng phòng \(hoặc người được ủy quyền\) mới giao việc\."
    ):
        services.conclusion_to_task(
            actor=office["head"],
            conclusion=conclusion,
            owner=office["tc_staff"],
            due_working_days=5,
        )
    task = services.conclusion_to_task(
        actor=office["head"], conclusion=conclusion, owner=office["staff"], due_working_days=5
    )
    conclusion.refresh_from_db()
    assert conclusion.task == task
    assert task.lead_unit.code == "th" and task.owner == office["staff"]
    assert task.title == "Phòng Tổng hợp chuẩn bị báo cáo sơ kết 6 tháng."
    assert "Họp tập thể lãnh đạo Văn phòng" in task.description
    assert Notification.objects.filter(recipient=office["staff"], title__contains="Việc mới")
    with pytest.raises(ValidationError, match="đã được giao"):
        services.conclusion_to_task(
            actor=office["head"], conclusion=conclusion, owner=office["deputy"], due_working_days=3
        )


# Meetings: pages ----------------------------------------------------------------------------


def test_meeting_pages_over_http(login, office, flow):
    client = login(office["head"])
    assert client.get(reverse("workprograms:meeting-create")).status_code == 200
    start = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("workprograms:meeting-create"),
        {
            "kind": MeetingKind.HALF_YEAR_REVIEW,
            "title": "Hội nghị sơ kết 6 tháng đầu năm",
            "starts_at": f"{start:%d/%m/%Y} 14:00",
            "place": "Hội trường Văn phòng",
            "agenda": "Kiểm điểm 6 tháng",
            "chair": office["head"].pk,
            "participants": [office["head"].pk, office["staff"].pk],
            "owner": office["deputy"].pk,
            "secrecy": "",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.starts_at).hour == 14 and meeting.owner == office["deputy"]

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "action-minutes" in page and "Tự phê bình và phê bình" in page
    response = act(client, meeting, "minutes", **{"minutes-minutes": "Diễn biến hội nghị"})
    assert response.status_code == 200 and "Điều 20" in response.content.decode()
    act(
        client,
        meeting,
        "minutes",
        **{
            "minutes-minutes": "Diễn biến hội nghị",
            "minutes-self_criticism": "Tập thể tự phê bình: còn để chậm hai báo cáo.",
        },
    )
    act(client, meeting, "conclusion", **{"conclusion-text": "Hoàn thành báo cáo đúng hạn."})
    conclusion = MeetingConclusion.objects.get()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "còn để chậm hai báo cáo" in page and "action-to_task" in page
    response = act(
        client,
        meeting,
        "to_task",
        **{
            "to_task-conclusion": conclusion.pk,
            "to_task-owner": office["staff"].pk,
            "to_task-due_working_days": 3,
        },
    )
    assert response.status_code == 302
    conclusion.refresh_from_db()
    assert conclusion.task.owner == office["staff"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "action-to_task" not in page and conclusion.task.get_absolute_url() in page

    # the specialist attended: he reads the minutes but takes no action
    page = login(office["staff"]).get(meeting.get_absolute_url()).content.decode()
    assert "Diễn biến hội nghị" in page and "action-minutes" not in page
    assert login(office["tc_head"]).get(meeting.get_absolute_url()).status_code == 404
    assert act(client, meeting, "notice", **{"notice-conclusion_notice": "x"}).status_code == 404
    assert login(office["staff"]).get(reverse("workprograms:meeting-create")).status_code == 403


def test_only_hc_offers_the_leadership_meeting_kind(login, office):
    page = login(office["head"]).get(reverse("workprograms:meeting-create")).content.decode()
    assert f'value="{MeetingKind.LEADERSHIP}"' not in page
    page = login(office["hc_head"]).get(reverse("workprograms:meeting-create")).content.decode()
    assert f'value="{MeetingKind.LEADERSHIP}"' in page


def test_leadership_meeting_page_offers_the_notice_to_hc(login, office, flow):
    meeting = flow.leadership_meeting()
    client = login(office["hc_staff"])
    assert "action-notice" in client.get(meeting.get_absolute_url()).content.decode()
    act(client, meeting, "notice", **{"notice-conclusion_notice": "Thông báo ý kiến kết luận"})
    meeting.refresh_from_db()
    assert meeting.conclusion_notice == "Thông báo ý kiến kết luận"
    page = login(office["dc_other"]).get(meeting.get_absolute_url()).content.decode()
    assert "Thông báo ý kiến kết luận" in page and "action-notice" not in page


def test_anonymous_is_sent_to_login_from_meetings_and_calendar(client, office, flow):
    meeting = flow.meeting()
    for url in (
        reverse("workprograms:meetings"),
        meeting.get_absolute_url(),
        reverse("workprograms:calendar"),
        reverse("workprograms:calendar-pdf"),
        reverse("workprograms:meeting-minutes-pdf", args=[meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "dang-nhap" in response["Location"]


@pytest.mark.parametrize("count", [3, 30])
def test_meeting_list_queries_do_not_grow(
    login, office, flow, count, django_assert_num_queries, session_queries
):
    today = timezone.localdate()
    for number in range(count):
        meeting = flow.meeting(
            unit="th" if number % 2 else "tc",
            head="head" if number % 2 else "tc_head",
            owner="staff" if number % 2 else "tc_staff",
            participants=(),
            starts_at=_at(today - timedelta(days=number), 8),
        )
        services.conclusion_add(actor=meeting.owner, meeting=meeting, text="Kết luận")
    client = login(office["chief"])
    client.get(reverse("workprograms:meetings"))
    with django_assert_num_queries(4 + session_queries):
        response = client.get(reverse("workprograms:meetings"))
    assert len(response.context["page"].rows) == count
    assert response.context["page"].rows[0].conclusion_count == 1


# Calendar -----------------------------------------------------------------------------------


def test_only_hc_members_edit_the_calendar_and_only_for_leaders(office, flow):
    with pytest.raises(
        PermissionDenied, match="Chỉ Phòng Hành chính – Tiếp dân mới cập nhật lịch công tác"
    ):
        flow.calendar_entry(by="head")
    with pytest.raises(
        ValidationError, match="Lịch công tác chỉ ghi cho Chánh Văn phòng, Phó Chánh Văn"
    ) as error:
        flow.calendar_entry(leader="head")
    assert "leader" in error.value.message_dict
    with pytest.raises(ValidationError, match=r"Giờ kết thúc phải sau giờ bắt đầu\."):
        flow.calendar_entry(ends_at=_at(timezone.localdate(), 7))
    entry = flow.calendar_entry(by="hc_head", leader="chief")
    services.calendar_entry_update(
        actor=office["hc_staff"],
        entry=entry,
        leader=office["dc"],
        starts_at=entry.starts_at,
        ends_at=entry.starts_at + timedelta(hours=2),
        content="Làm việc với Huyện ủy Đại Lộc",
    )
    entry.refresh_from_db()
    assert entry.leader == office["dc"] and entry.history.count() == 2
    with pytest.raises(
        PermissionDenied, match="Chỉ Phòng Hành chính – Tiếp dân mới cập nhật lịch công tác"
    ):
        services.calendar_entry_delete(actor=office["tc_head"], entry=entry)
    services.calendar_entry_delete(actor=office["hc_staff"], entry=entry)
    assert not CalendarEntry.objects.exists()


def test_week_page_runs_monday_to_sunday_and_hides_secret_lines(login, office, flow):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    flow.calendar_entry(day=monday + timedelta(days=2), content="Tiếp đoàn công tác Trung ương")
    flow.calendar_entry(
        day=monday + timedelta(days=3), content="Họp bàn công tác nhân sự", secrecy=Secrecy.SECRET
    )
    flow.calendar_entry(day=monday + timedelta(days=7), content="Dự lễ kỷ niệm tuần sau")

    page = login(office["staff"]).get(reverse("workprograms:calendar")).content.decode()
    for offset in range(7):
        assert (monday + timedelta(days=offset)).strftime("%d/%m/%Y") in page
    assert "Tiếp đoàn công tác Trung ương" in page
    assert "Họp bàn công tác nhân sự" not in page and "Dự lễ kỷ niệm tuần sau" not in page
    assert "Thêm lịch" not in page

    for user in ("dc", "chief", "hc_staff"):
        page = login(office[user]).get(reverse("workprograms:calendar")).content.decode()
        assert "Họp bàn công tác nhân sự" in page
    assert (
        "Họp bàn công tác nhân sự"
        not in login(office["hc_head"]).get(reverse("workprograms:calendar")).content.decode()
    )

    next_week = reverse("workprograms:calendar") + f"?tuan={(monday + timedelta(days=9)):%Y-%m-%d}"
    page = login(office["staff"]).get(next_week).content.decode()
    assert "Dự lễ kỷ niệm tuần sau" in page
    assert (monday + timedelta(days=7)).strftime("%d/%m/%Y") in page
    response = login(office["staff"]).get(reverse("workprograms:calendar") + "?tuan=31-02-x")
    assert response.status_code == 200 and response.context["monday"] == monday


def test_calendar_entries_over_http(login, office, flow):
    day = timezone.localdate()
    data = {
        "leader": office["dc"].pk,
        "starts_at": f"{day:%d/%m/%Y} 07:30",
        "ends_at": f"{day:%d/%m/%Y} 11:00",
        "content": "Kiểm tra công tác văn thư tại Huyện ủy",
        "participants": "Phòng Hành chính – Tiếp dân",
        "place": "Huyện ủy Núi Thành",
        "secrecy": "",
    }
    assert (
        login(office["head"]).get(reverse("workprograms:calendar-entry-create")).status_code == 403
    )
    assert (
        login(office["head"]).post(reverse("workprograms:calendar-entry-create"), data).status_code
        == 403
    )
    client = login(office["hc_staff"])
    response = client.post(reverse("workprograms:calendar-entry-create"), data)
    entry = CalendarEntry.objects.get()
    assert response.status_code == 302 and f"tuan={day.isoformat()}" in response["Location"]
    bad = {**data, "ends_at": f"{day:%d/%m/%Y} 06:00"}
    response = client.post(reverse("workprograms:calendar-entry-edit", args=[entry.pk]), bad)
    assert response.status_code == 200 and "sau giờ bắt đầu" in response.content.decode()
    response = client.post(
        reverse("workprograms:calendar-entry-edit", args=[entry.pk]),
        {**data, "content": "Kiểm tra công tác lưu trữ"},
    )
    entry.refresh_from_db()
    assert response.status_code == 302 and entry.content == "Kiểm tra công tác lưu trữ"
    assert (
        login(office["staff"])
        .post(reverse("workprograms:calendar-entry-delete", args=[entry.pk]))
        .status_code
        == 403
    )
    client = login(office["hc_head"])
    client.post(reverse("workprograms:calendar-entry-delete", args=[entry.pk]))
    assert not CalendarEntry.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_calendar_week_queries_do_not_grow(
    login, office, flow, count, django_assert_num_queries, session_queries
):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    for number in range(count):
        flow.calendar_entry(
            day=monday + timedelta(days=number % 7),
            hour=7 + number % 10,
            leader="dc" if number % 2 else "chief",
        )
    client = login(office["staff"])
    client.get(reverse("workprograms:calendar"))
    with django_assert_num_queries(4 + session_queries):
        response = client.get(reverse("workprograms:calendar"))
    assert sum(len(day.entries) for day in response.context["days"]) == count


def test_calling_a_meeting_invites_its_participants_and_tells_the_minutes_taker(office, flow):
    meeting = flow.meeting()
    invited = Notification.objects.filter(title__startswith="Mời họp: ")
    assert sorted(n.recipient.username for n in invited) == ["th_deputy", "th_staff"]
    assert all(n.url == meeting.get_absolute_url() for n in invited)
    assert "Phòng họp tầng 2" in invited[0].title
    minutes = Notification.objects.get(title__startswith="Anh/chị được giao ghi biên bản")
    assert minutes.recipient == office["staff"]


def test_a_meeting_page_asks_the_management_unit_for_its_room(login, office, flow):
    """The meeting's page links to QT's request form for a meeting room on the meeting's day;
    the form opens with the kind and the day filled in."""
    import importlib

    from django.apps import apps

    from facilities.models import RequestKind

    importlib.import_module("facilities.migrations.0002_catalogue_defaults").seed(apps, None)
    meeting = flow.leadership_meeting()
    client = login(office["hc_staff"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    day = timezone.localtime(meeting.starts_at).date()
    link = f"{reverse('facilities:request-create')}?loai=phong-hop&amp;tu={day:%Y-%m-%d}"
    assert f'id="book-room" href="{link}"' in page
    form = client.get(link.replace("&amp;", "&"))
    assert form.status_code == 200
    room_kind = RequestKind.objects.get(code="phong-hop")
    assert form.context["form"].initial["kind"] == room_kind
    assert form.context["form"].initial["starts_at"].date() == day
