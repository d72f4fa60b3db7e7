"""Programs, change requests and reports through the real services: who may do what, and the
state machine draft → discussed → submitted → returned/approved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Notification
from core.reminders import reminders_sent
from core.workdays import add_working_days
from units import approvals, permissions
from units import services as unit_services
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind, TaskStatus
from workprograms import permissions as wp_permissions
from workprograms import selectors, services
from workprograms.choices import ItemState, PeriodKind, ReportKind, Scope
from workprograms.models import WorkProgram


def test_only_the_head_drafts_a_program(office, flow):
    with pytest.raises(
        PermissionDenied, match=r"Chỉ Trưởng phòng \(hoặc người được ủy quyền\) mới lập chương"
    ):
        services.program_create(
            actor=office["staff"],
            unit=office.units["th"],
            period_kind=PeriodKind.MONTH,
            year=flow.year(),
            number=1,
            title="Chương trình tháng",
        )
    program = flow.program()
    assert program.owner == office["head"]
    assert program.approval_status == ApprovalStatus.DRAFT


def test_office_programs_are_compiled_by_hc(office, flow):
    with pytest.raises(ValidationError, match="Hành chính"):
        flow.program(scope=Scope.OFFICE, kind=PeriodKind.YEAR)
    program = flow.program(unit="hc", head="hc_head", scope=Scope.OFFICE, kind=PeriodKind.YEAR)
    assert program.scope == Scope.OFFICE


def test_one_program_per_unit_and_period(office, flow):
    flow.program()
    with pytest.raises(ValidationError, match="đã có chương trình"):
        flow.program()


def test_item_has_one_owner_from_its_lead_unit_and_falls_in_the_period(office, flow):
    program = flow.program(items=0)
    start, end = program.period
    with pytest.raises(
        ValidationError, match="Người phụ trách phải là cán bộ đang công tác tại Phòng Tổng"
    ) as error:
        services.item_add(
            actor=office["head"],
            program=program,
            title="Việc",
            due_date=start,
            owner=office["tc_staff"],
        )
    assert "owner" in error.value.message_dict
    with pytest.raises(
        ValidationError, match=r"Chương trình của đơn vị chỉ giao việc cho chính đơn vị\."
    ) as error:
        services.item_add(
            actor=office["head"],
            program=program,
            title="Việc",
            due_date=start,
            owner=office["tc_staff"],
            lead_unit=office.units["tc"],
        )
    assert "lead_unit" in error.value.message_dict
    with pytest.raises(
        ValidationError, match="Thời hạn phải nằm trong kỳ của chương trình"
    ) as error:
        services.item_add(
            actor=office["head"],
            program=program,
            title="Việc",
            due_date=date(end.year, 12, 31) if end.month < 12 else date(end.year, 1, 1),
            owner=office["staff"],
        )
    assert "due_date" in error.value.message_dict
    item = services.item_add(
        actor=office["head"], program=program, title="Việc", due_date=start, owner=office["staff"]
    )
    assert item.lead_unit == office.units["th"]


def test_office_program_gives_items_to_other_units(office, flow):
    program = flow.program(
        unit="hc", head="hc_head", scope=Scope.OFFICE, kind=PeriodKind.YEAR, items=0
    )
    item = services.item_add(
        actor=office["hc_head"],
        program=program,
        title="Kiểm kê tài sản",
        due_date=date(flow.year(), 3, 15),
        owner=office["tc_staff"],
        lead_unit=office.units["tc"],
    )
    assert item.lead_unit.code == "tc"


def test_monthly_program_starts_from_yearly_and_office_programs(office, flow):
    year = flow.year()
    yearly = flow.program(kind=PeriodKind.YEAR, items=0)
    services.item_add(
        actor=office["head"],
        program=yearly,
        title="Tổng hợp tình hình tháng 3",
        due_date=date(year, 3, 20),
        owner=office["staff"],
    )
    services.item_add(
        actor=office["head"],
        program=yearly,
        title="Việc tháng 7",
        due_date=date(year, 7, 20),
        owner=office["staff"],
    )
    flow.approve(yearly)
    office_program = flow.program(
        unit="hc", head="hc_head", scope=Scope.OFFICE, kind=PeriodKind.QUARTER, number=1, items=0
    )
    services.item_add(
        actor=office["hc_head"],
        program=office_program,
        title="Báo cáo chuyên đề cho Thường trực",
        due_date=date(year, 3, 25),
        owner=office["deputy"],
        lead_unit=office.units["th"],
    )
    services.item_add(
        actor=office["hc_head"],
        program=office_program,
        title="Việc của Phòng Tài chính",
        due_date=date(year, 3, 25),
        owner=office["tc_staff"],
        lead_unit=office.units["tc"],
    )
    flow.approve(office_program, head="hc_head")

    march = flow.program(kind=PeriodKind.MONTH, number=3, items=0)

    titles = {item.title: item for item in march.items.all()}
    assert set(titles) == {"Tổng hợp tình hình tháng 3", "Báo cáo chuyên đề cho Thường trực"}
    assert titles["Tổng hợp tình hình tháng 3"].owner == office["staff"]
    assert titles["Báo cáo chuyên đề cho Thường trực"].owner == office["deputy"]
    assert all(item.source_item_id for item in titles.values())


def test_submit_needs_items_and_a_collective_discussion(office, flow):
    empty = flow.program(items=0)
    with pytest.raises(ValidationError, match="chưa có nội dung"):
        services.program_submit(actor=office["head"], program=empty)
    program = flow.program(number=2)
    with pytest.raises(ValidationError, match="thảo luận tập thể"):
        services.program_submit(actor=office["head"], program=program)
    flow.discuss(program)
    services.program_submit(actor=office["head"], program=program)
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.SUBMITTED
    assert program.approval_step == ApprovalStep.DEPUTY_CHIEF


def test_discussion_is_recorded_by_who_may_edit(office, flow):
    program = flow.program()
    with pytest.raises(
        PermissionDenied, match=r"Bạn không có quyền ghi thảo luận cho nội dung này\."
    ):
        flow.discuss(program, head="tc_head")
    with pytest.raises(ValidationError, match=r"Ngày thảo luận không được sau hôm nay\."):
        unit_services.discussion_record(
            actor=office["head"],
            obj=program,
            held_on=date(2100, 1, 1),
            participants=[office["head"]],
            opinions="x",
            conclusion="y",
        )


def test_return_revise_resubmit_approve_and_read_only(office, flow):
    program = flow.program()
    flow.discuss(program)
    services.program_submit(actor=office["head"], program=program)
    with pytest.raises(ValidationError, match="chờ lãnh đạo"):
        services.item_add(
            actor=office["head"],
            program=program,
            title="Thêm",
            due_date=program.period[0],
            owner=office["staff"],
        )
    for outsider in ("dc_other", "tc_head", "head"):
        assert not approvals.can_decide(office[outsider], program)
    with pytest.raises(ValidationError, match=r"Khi trả lại cần ghi rõ ý kiến\."):
        approvals.approval_decide(actor=office["dc"], obj=program, kind=DecisionKind.RETURN)
    approvals.approval_decide(
        actor=office["dc"],
        obj=program,
        kind=DecisionKind.RETURN,
        comment="Bổ sung việc rà soát quy chế.",
    )
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.RETURNED
    assert program.decision_comment == "Bổ sung việc rà soát quy chế."
    assert Notification.objects.filter(
        recipient=office["head"], title__startswith="Trả lại"
    ).exists()

    services.item_add(
        actor=office["head"],
        program=program,
        title="Rà soát quy chế",
        due_date=program.period[0],
        owner=office["staff"],
    )
    services.program_submit(actor=office["head"], program=program)
    approvals.approval_decide(actor=office["dc"], obj=program, kind=DecisionKind.APPROVE)
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.APPROVED
    kinds = [d.kind for d in approvals.decisions_for(program)]
    assert kinds == ["submit", "return", "submit", "approve"]

    item = program.items.first()
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.item_update(
            actor=office["head"], item=item, title="Sửa", due_date=item.due_date, owner=item.owner
        )
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.item_remove(actor=office["head"], item=item)
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.program_update(actor=office["head"], program=program, title="Sửa")


def test_chief_decides_a_one_step_program_too(office, flow):
    program = flow.program()
    flow.discuss(program)
    services.program_submit(actor=office["head"], program=program)
    assert approvals.can_decide(office["chief"], program)


def test_change_request_makes_a_new_version_and_keeps_the_old(office, flow):
    program = flow.approve(flow.program(items=2))
    with pytest.raises(
        PermissionDenied, match=r"Bạn không có quyền đề nghị điều chỉnh chương trình này\."
    ):
        services.change_request_create(actor=office["tc_head"], program=program, reason="x")
    request = services.change_request_create(
        actor=office["head"],
        program=program,
        reason="Thường trực giao việc đột xuất.",
        is_urgent=True,
    )
    with pytest.raises(ValidationError, match="chưa được quyết định"):
        services.change_request_create(actor=office["head"], program=program, reason="Lần hai")
    draft = request.draft
    assert draft.version == 2 and draft.previous_version == program
    first, second = draft.items.order_by("order")
    services.item_update(
        actor=office["head"],
        item=first,
        title="Việc số 1 – lùi thời hạn",
        due_date=first.due_date.replace(day=25),
        owner=first.owner,
        expected_output=first.expected_output,
    )
    services.item_remove(actor=office["head"], item=second)
    services.item_add(
        actor=office["head"],
        program=draft,
        title="Chuẩn bị hội nghị đột xuất",
        due_date=draft.period[0],
        owner=office["staff"],
    )
    with pytest.raises(ValidationError, match="đề nghị điều chỉnh"):
        services.program_submit(actor=office["head"], program=draft)

    approvals.approval_submit(actor=office["head"], obj=request)
    with pytest.raises(ValidationError, match="chờ lãnh đạo"):
        services.item_add(
            actor=office["head"],
            program=draft,
            title="Thêm nữa",
            due_date=draft.period[0],
            owner=office["staff"],
        )
    approvals.approval_decide(
        actor=office["dc"], obj=request, kind=DecisionKind.APPROVE, comment="Đồng ý điều chỉnh."
    )

    program.refresh_from_db()
    draft.refresh_from_db()
    assert not program.is_current and program.approval_status == ApprovalStatus.APPROVED
    assert draft.is_current and draft.approval_status == ApprovalStatus.APPROVED
    assert list(selectors.versions_of(draft)) == [program, draft]
    diff = selectors.compare_versions(program, draft, office["head"])
    assert [item.title for item in diff.added] == ["Chuẩn bị hội nghị đột xuất"]
    assert [item.title for item in diff.removed] == ["Việc số 2 – tổng hợp"]
    assert [(c.old.title, c.new.title) for c in diff.changed] == [
        ("Việc số 1 – tổng hợp", "Việc số 1 – lùi thời hạn")
    ]
    assert set(diff.changed[0].fields) == {"title", "due_date"}
    again = services.change_request_create(actor=office["head"], program=draft, reason="Lần ba")
    assert again.draft.version == 3


def test_change_request_only_on_the_approved_version_in_force(office, flow):
    program = flow.program()
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.change_request_create(actor=office["head"], program=program, reason="x")


# Reports ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [ReportKind.HALF_YEAR, ReportKind.YEARLY])
def test_half_year_and_yearly_reports_pass_the_deputy_chief_then_the_chief(office, flow, kind):
    report = flow.report(kind=kind)
    flow.discuss(report)
    approvals.approval_submit(actor=office["head"], obj=report)
    assert report.approval_step == ApprovalStep.DEPUTY_CHIEF
    assert not approvals.can_decide(office["chief"], report)
    approvals.approval_decide(actor=office["dc"], obj=report, kind=DecisionKind.APPROVE)
    report.refresh_from_db()
    assert report.approval_status == ApprovalStatus.SUBMITTED
    assert report.approval_step == ApprovalStep.CHIEF
    assert not approvals.can_decide(office["dc"], report)
    approvals.approval_decide(actor=office["chief"], obj=report, kind=DecisionKind.APPROVE)
    report.refresh_from_db()
    assert report.approval_status == ApprovalStatus.APPROVED


def test_monthly_report_needs_one_approval(office, flow):
    report = flow.approve(flow.report())
    assert report.approval_status == ApprovalStatus.APPROVED


def test_urgent_report_goes_at_once_to_the_deputy_chief_flagged(office, flow):
    with pytest.raises(
        ValidationError, match=r"Báo cáo đột xuất phải kèm đề xuất giải quyết\."
    ) as error:
        flow.report(kind=ReportKind.URGENT)
    assert "proposal" in error.value.message_dict
    report = flow.report(kind=ReportKind.URGENT, proposal="Đề nghị tăng cường bảo vệ.")
    assert report.is_urgent
    assert report.approval_status == ApprovalStatus.SUBMITTED
    assert report.approval_step == ApprovalStep.DEPUTY_CHIEF
    assert Notification.objects.filter(recipient=office["dc"]).exists()


def test_report_due_date_comes_from_the_deadline_table(office, flow):
    report = flow.report(number=1)
    assert report.due_date == add_working_days(date(flow.year(), 1, 31), 3)
    assert flow.report(kind=ReportKind.THEMATIC).due_date is None


def test_office_report_compiles_unit_reports(office, flow):
    th = flow.approve(flow.report(number=2, content="TH: hoàn thành 5 việc."))
    office_report = flow.report(unit="hc", head="hc_head", scope=Scope.OFFICE, number=2, content="")
    assert list(office_report.unit_reports.all()) == [th]
    assert "TH: hoàn thành 5 việc." in office_report.content


def test_implementation_table_counts_from_item_and_task_status(
    office, flow, django_assert_num_queries
):
    year = flow.year()
    program = flow.program(kind=PeriodKind.YEAR, items=0)
    tasks = []
    for title in ("Việc xong", "Việc đang làm"):
        tasks.append(
            unit_services.task_create(
                actor=office["head"],
                unit=office.units["th"],
                owner=office["staff"],
                title=title,
                due_working_days=5,
            )
        )
    done_item = services.item_add(
        actor=office["head"],
        program=program,
        title="Xong",
        due_date=date(year, 1, 5),
        owner=office["staff"],
        tasks=[tasks[0]],
    )
    services.item_add(
        actor=office["head"],
        program=program,
        title="Đang làm",
        due_date=date(year, 12, 31),
        owner=office["staff"],
        tasks=[tasks[1]],
    )
    services.item_add(
        actor=office["head"],
        program=program,
        title="Quá hạn",
        due_date=date(year, 1, 6),
        owner=office["staff"],
    )
    unit_services.task_complete(actor=office["staff"], task=tasks[0], result_note="Đã xong.")
    flow.approve(program)
    assert tasks[0].status == TaskStatus.DONE

    today = date(year, 6, 1)
    chief = office["chief"]
    permissions.viewer_for(chief)
    with django_assert_num_queries(2):
        table = selectors.implementation_table(
            date(year, 1, 1), date(year, 12, 31), user=chief, today=today
        )
    rows = {row.unit.code: row for row in table}
    assert (rows["th"].total, rows["th"].done, rows["th"].in_progress, rows["th"].overdue) == (
        3,
        1,
        1,
        1,
    )
    assert rows["tc"].total == 0
    done_item = selectors.program_items(program, office["head"]).get(pk=done_item.pk)
    assert selectors.item_state(done_item, today) == ItemState.DONE


def test_reminders_before_and_overdue_are_sent_once_a_day(office, flow):
    report = flow.report(number=1)
    due = report.due_date
    before_day = add_working_days(due, -1)
    assert services.reports_remind(today=before_day) == 1
    assert services.reports_remind(today=before_day) == 0
    assert (
        Notification.objects.filter(
            recipient=office["head"], title__startswith="Sắp đến hạn"
        ).count()
        == 1
    )
    late = add_working_days(due, 1)
    assert services.reports_remind(today=late) == 1
    assert services.reports_remind(today=late) == 0
    assert (
        Notification.objects.filter(
            recipient=office["dc"], title__startswith="Báo cáo quá hạn"
        ).count()
        == 1
    )
    assert reminders_sent(report).count() == 2
    far_before = add_working_days(due, -10)
    assert services.reports_remind(today=far_before) == 0
    flow.approve(report)
    assert services.reports_remind(today=add_working_days(due, 2)) == 0


def test_program_str_names_the_version(office, flow):
    program = flow.approve(flow.program())
    request = services.change_request_create(actor=office["head"], program=program, reason="x")
    assert str(request.draft).endswith("v2")
    assert WorkProgram.objects.count() == 2


def test_the_unit_that_compiles_office_programs_is_data(office, flow):
    """Moving the designation in the admin moves the rule: no unit code in the code."""
    from units.choices import Designation
    from units.models import UnitDesignation

    row = UnitDesignation.objects.get(key=Designation.OFFICE_PROGRAMS)
    row.unit = office.units["th"]
    row.save()
    try:
        with pytest.raises(ValidationError, match="Hành chính"):
            flow.program(unit="hc", head="hc_head", scope=Scope.OFFICE, kind=PeriodKind.YEAR)
        program = flow.program(scope=Scope.OFFICE, kind=PeriodKind.YEAR)
        assert program.scope == Scope.OFFICE
        assert wp_permissions.is_calendar_editor(office["head"])
        assert not wp_permissions.is_calendar_editor(office["hc_staff"])
    finally:
        row.unit = office.units["hc"]
        row.save()
