"""General Affairs' advisory work through its services (Điều 6): follow-up areas and the routing
suggestion, assignments from office leadership and straight from the standing board, surveys
ending with a report due in working days, appraisals and speeches. Every refusal: its message,
and nothing written."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from advisory import selectors, services
from advisory.choices import AreaKind, Source, WorkKind, WorkStatus
from advisory.models import AdvisoryWork, FollowUpArea, FollowUpAssignment, ReportTerm
from core.models import Notification
from core.workdays import add_working_days
from units.choices import Secrecy

TODAY = timezone.localdate


def _area(office, name="Kinh tế", kind=AreaKind.SECTOR):
    return services.area_create(actor=office["dc_in_charge"], kind=kind, name=name)


def _notices(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", "url"))


# Follow-up areas ----------------------------------------------------------------------------


class TestFollowUps:
    def test_leadership_assigns_and_the_follower_is_told(self, office):
        area = _area(office)
        assignment = services.follow_up_assign(
            actor=office["dc_in_charge"], area=area, follower=office["owner"], starts_on=TODAY()
        )
        assert assignment.assigned_by == office["dc_in_charge"]
        assert any("Kinh tế" in title for title, _url in _notices(office["owner"]))

    @pytest.mark.parametrize("who", ["head", "owner", "coord_head"])
    def test_only_leadership_assigns(self, office, who):
        area = _area(office)
        with pytest.raises(PermissionDenied, match="lãnh đạo Văn phòng"):
            services.follow_up_assign(
                actor=office[who], area=area, follower=office["owner"], starts_on=TODAY()
            )
        assert not FollowUpAssignment.objects.exists()

    def test_a_follower_outside_general_affairs_is_refused(self, office):
        area = _area(office)
        with pytest.raises(ValidationError, match="Phòng Tổng hợp"):
            services.follow_up_assign(
                actor=office["chief"], area=area, follower=office["coord_staff"], starts_on=TODAY()
            )
        assert not FollowUpAssignment.objects.exists()

    def test_the_same_area_twice_over_overlapping_dates_is_refused(self, office):
        area = _area(office)
        services.follow_up_assign(
            actor=office["chief"],
            area=area,
            follower=office["owner"],
            starts_on=TODAY(),
            ends_on=TODAY() + timedelta(days=30),
        )
        with pytest.raises(ValidationError, match="đã được phân công theo dõi"):
            services.follow_up_assign(
                actor=office["chief"],
                area=area,
                follower=office["owner"],
                starts_on=TODAY() + timedelta(days=30),
            )
        assert FollowUpAssignment.objects.count() == 1
        # The day after it ends, he may follow it again.
        services.follow_up_assign(
            actor=office["chief"],
            area=area,
            follower=office["owner"],
            starts_on=TODAY() + timedelta(days=31),
        )

    def test_an_end_before_the_start_is_refused(self, office):
        area = _area(office)
        with pytest.raises(ValidationError, match="Ngày kết thúc"):
            services.follow_up_assign(
                actor=office["chief"],
                area=area,
                follower=office["owner"],
                starts_on=TODAY(),
                ends_on=TODAY() - timedelta(days=1),
            )
        assert not FollowUpAssignment.objects.exists()

    def test_a_duplicate_area_is_refused(self, office):
        _area(office)
        with pytest.raises(ValidationError, match="Đã có lĩnh vực"):
            _area(office)
        assert FollowUpArea.objects.count() == 1


class TestFollowersOf:
    def test_a_topic_naming_an_area_suggests_its_followers_without_diacritics(self, office):
        body = _area(office, "Đảng bộ Khối các cơ quan tỉnh", AreaKind.PARTY_BODY)
        services.follow_up_assign(
            actor=office["chief"], area=body, follower=office["owner"], starts_on=TODAY()
        )
        services.follow_up_assign(
            actor=office["chief"], area=body, follower=office["head"], starts_on=TODAY()
        )
        topic = "Công văn của DANG BO KHOI CAC CO QUAN TINH về tổng kết năm"
        assert set(selectors.followers_of(topic)) == {office["owner"], office["head"]}
        assert selectors.followers_of("Báo cáo của Sở Y tế") == []
        assert selectors.followers_of("") == []

    def test_only_followers_valid_that_day(self, office):
        area = _area(office)
        assignment = services.follow_up_assign(
            actor=office["chief"],
            area=area,
            follower=office["owner"],
            starts_on=TODAY() - timedelta(days=10),
        )
        services.follow_up_end(actor=office["chief"], assignment=assignment, ends_on=TODAY())
        assert selectors.followers_of("Kinh tế") == [office["owner"]]
        tomorrow = TODAY() + timedelta(days=1)
        assert selectors.followers_of("Kinh tế", on=tomorrow) == []


# Assignments --------------------------------------------------------------------------------


def _research(office, **extra):
    fields = {
        "actor": office["dc_in_charge"],
        "owner": office["owner"],
        "kind": WorkKind.RESEARCH,
        "title": "Nghiên cứu thu hút đầu tư",
        "brief": "Số liệu 5 năm, kiến nghị.",
        "due_date": TODAY() + timedelta(days=20),
    }
    return services.work_assign(**(fields | extra))


def _survey(office, ends_on):
    return services.work_assign(
        actor=office["dc_in_charge"],
        owner=office["owner"],
        kind=WorkKind.SURVEY,
        title="Khảo sát chuyển đổi số",
        brief="Đi cùng đoàn.",
        event_place="Xã miền núi",
        event_starts_on=ends_on - timedelta(days=2),
        event_ends_on=ends_on,
    )


class TestResearch:
    def test_the_specialist_records_scope_and_timeline_for_the_head(self, office):
        work = _research(office)
        assert any(work.get_absolute_url() == url for _t, url in _notices(office["owner"]))
        # TH's head is away: his deputy acts as head and is the one told.
        assert any(work.get_absolute_url() == url for _t, url in _notices(office["acting_head"]))
        services.work_plan(
            actor=office["owner"],
            work=work,
            scope="Khu kinh tế Nghi Sơn",
            timeline="Tuần 1 số liệu; tuần 2 dự thảo",
            expected_finish=TODAY() + timedelta(days=14),
        )
        assert work.status == WorkStatus.PLANNED
        told = [t for t, url in _notices(office["acting_head"]) if "phạm vi, tiến độ" in t]
        assert told

    def test_a_result_before_the_scope_is_refused(self, office):
        work = _research(office)
        with pytest.raises(ValidationError, match="phạm vi, tiến độ"):
            services.work_report(actor=office["owner"], work=work, result="Kết quả")
        work.refresh_from_db()
        assert work.status == WorkStatus.ASSIGNED and work.result == ""

    def test_the_result_is_answered_to_the_leader_who_assigned_it(self, office):
        work = _research(office)
        services.work_plan(
            actor=office["owner"],
            work=work,
            scope="Phạm vi",
            timeline="Tiến độ",
            expected_finish=TODAY() + timedelta(days=5),
        )
        services.work_report(actor=office["owner"], work=work, result="Báo cáo kết quả.")
        assert work.status == WorkStatus.DONE
        assert any("Đã báo cáo kết quả" in t for t, _u in _notices(office["dc_in_charge"]))

    @pytest.mark.parametrize("who", ["head", "staff", "dc_in_charge"])
    def test_only_the_person_in_charge_plans_and_reports(self, office, who):
        work = _research(office)
        with pytest.raises(PermissionDenied):
            services.work_plan(
                actor=office[who],
                work=work,
                scope="x",
                timeline="y",
                expected_finish=TODAY(),
            )
        work.refresh_from_db()
        assert work.status == WorkStatus.ASSIGNED

    @pytest.mark.parametrize("who", ["head", "owner", "coord_head"])
    def test_only_office_leadership_assigns(self, office, who):
        with pytest.raises(PermissionDenied, match="lãnh đạo Văn phòng"):
            _research(office, actor=office[who])
        assert not AdvisoryWork.objects.exists()

    def test_a_specialist_of_another_unit_is_refused(self, office):
        with pytest.raises(ValidationError, match="Người phụ trách"):
            _research(office, owner=office["coord_staff"])
        assert not AdvisoryWork.objects.exists()

    def test_a_deadline_is_required(self, office):
        with pytest.raises(ValidationError, match="hạn hoàn thành"):
            _research(office, due_date=None)
        assert not AdvisoryWork.objects.exists()


class TestDirectAssignment:
    def test_recorded_as_such_and_leadership_and_the_head_informed_at_once(self, office):
        work = services.work_record_direct(
            actor=office["owner"],
            source=Source.PROVINCIAL_SECRETARY,
            source_person="Nguyễn Văn Bí",
            kind=WorkKind.RESEARCH,
            title="Nghiên cứu mô hình dân vận khéo",
            brief="Đồng chí Bí thư giao trực tiếp.",
            due_date=TODAY() + timedelta(days=10),
        )
        assert work.is_direct and work.assigned_by is None
        assert work.source_person == "Nguyễn Văn Bí"
        for who in ("chief", "dc_in_charge", "acting_head"):
            notices = _notices(office[who])
            assert any(
                "Bí thư Tỉnh ủy" in t and url == work.get_absolute_url() for t, url in notices
            ), who

    def test_a_secret_one_is_handed_to_those_informed(self, office):
        from units import permissions

        work = services.work_record_direct(
            actor=office["owner"],
            source=Source.DEPUTY_SECRETARY,
            source_person="Lê Thị Phó",
            kind=WorkKind.RESEARCH,
            title="Nội dung mật",
            brief="Mật.",
            due_date=TODAY() + timedelta(days=10),
            secrecy=Secrecy.CONFIDENTIAL,
        )
        for who in ("chief", "dc_in_charge", "acting_head"):
            assert permissions.can_see(office[who], work), who
        assert not permissions.can_see(office["deputy"], work)
        titles = [t for t, _u in _notices(office["dc_in_charge"])]
        assert titles and all("Nội dung mật" not in t for t in titles)

    def test_only_general_affairs_records_it(self, office):
        with pytest.raises(PermissionDenied, match="Phòng Tổng hợp"):
            services.work_record_direct(
                actor=office["coord_staff"],
                source=Source.PROVINCIAL_SECRETARY,
                source_person="Nguyễn Văn Bí",
                kind=WorkKind.RESEARCH,
                title="x",
                brief="y",
                due_date=TODAY(),
            )
        assert not AdvisoryWork.objects.exists()

    def test_an_office_leader_is_not_a_direct_source(self, office):
        with pytest.raises(ValidationError, match="Bí thư hoặc Phó Bí thư"):
            services.work_record_direct(
                actor=office["owner"],
                source=Source.OFFICE_LEADERSHIP,
                source_person="Nguyễn Văn Chánh",
                kind=WorkKind.RESEARCH,
                title="x",
                brief="y",
                due_date=TODAY(),
            )
        assert not AdvisoryWork.objects.exists()


class TestSurvey:
    def test_the_report_is_due_a_set_number_of_working_days_after_it_ends(self, office):
        ends = TODAY() - timedelta(days=1)
        work = _survey(office, ends)
        assert work.report_due == add_working_days(ends, 5)
        ReportTerm.objects.filter(kind=WorkKind.SURVEY).update(working_days=2)
        assert _survey(office, ends).report_due == add_working_days(ends, 2)

    def test_a_report_before_the_survey_ends_is_refused(self, office):
        work = _survey(office, TODAY() + timedelta(days=3))
        with pytest.raises(ValidationError, match="chưa kết thúc"):
            services.work_report(actor=office["owner"], work=work, result="Báo cáo sớm")
        work.refresh_from_db()
        assert work.status == WorkStatus.ASSIGNED and work.result == ""

    def test_a_report_on_its_last_day_is_taken(self, office):
        work = _survey(office, TODAY())
        services.work_report(actor=office["owner"], work=work, result="Báo cáo khảo sát")
        assert work.status == WorkStatus.DONE

    def test_a_survey_without_its_dates_or_place_is_refused(self, office):
        with pytest.raises(ValidationError) as error:
            services.work_assign(
                actor=office["chief"],
                owner=office["owner"],
                kind=WorkKind.SURVEY,
                title="Khảo sát",
                brief="x",
            )
        assert set(error.value.message_dict) == {"event_starts_on", "event_ends_on", "event_place"}
        assert not AdvisoryWork.objects.exists()

    def test_overdue_reports_remind_once_a_day(self, office):
        work = _survey(office, TODAY() - timedelta(days=20))
        assert work.is_overdue()
        assert services.works_remind() == 1
        assert services.works_remind() == 0
        assert any("Quá hạn" in t for t, _u in _notices(office["owner"]))
        services.work_report(actor=office["owner"], work=work, result="Báo cáo muộn")
        later = TODAY() + timedelta(days=1)
        assert services.works_remind(today=later) == 0


class TestAppraisalAndSpeech:
    def test_an_appraisal_needs_the_drafting_agency_and_gets_a_written_opinion(self, office):
        with pytest.raises(ValidationError, match="cơ quan soạn thảo"):
            _research(office, kind=WorkKind.APPRAISAL)
        assert not AdvisoryWork.objects.exists()
        work = _research(office, kind=WorkKind.APPRAISAL, draft_agency="Sở Kế hoạch và Đầu tư")
        # No scope and timeline step for an appraisal: the opinion answers it.
        services.work_report(actor=office["owner"], work=work, result="Ý kiến thẩm định: ...")
        assert work.status == WorkStatus.DONE

    def test_a_speech_names_its_occasion(self, office):
        with pytest.raises(ValidationError, match="sự kiện"):
            _research(office, kind=WorkKind.SPEECH)
        work = _research(office, kind=WorkKind.SPEECH, occasion="Hội nghị tổng kết; đ/c Bí thư")
        assert work.deadline == work.due_date


def test_leadership_informed_is_todays_even_when_the_designation_is_cached(office):
    """The designation cache keeps the unit as it was; a new deputy chief in charge, set by a
    queryset update (no signal), is the one told."""
    from units.choices import Designation
    from units.designations import designated_unit
    from units.models import Unit

    designated_unit(Designation.GENERAL_AFFAIRS)
    Unit.objects.filter(code="th").update(deputy_chief=office["dc_other"])
    work = services.work_record_direct(
        actor=office["owner"],
        source=Source.PROVINCIAL_SECRETARY,
        source_person="Nguyễn Văn Bí",
        kind=WorkKind.RESEARCH,
        title="Nghiên cứu",
        brief="Giao trực tiếp.",
        due_date=TODAY() + timedelta(days=5),
    )
    url = work.get_absolute_url()
    assert any(u == url for _t, u in _notices(office["dc_other"]))
    assert not any(u == url for _t, u in _notices(office["dc_in_charge"]))
