"""The permission matrix of programs, their lines, change requests, reports and meetings through
HTTP, site and admin, plain and secret, run by the kit (tests/kit/permission_matrix.py).

A program's line is owned work: whoever sees the (ordinary) program sees its ordinary lines
(`parent_sight`); a secret line of an ordinary program only its own people, so the deputy head
and the deputy chief who read the program get a 404 on it."""

from django.urls import reverse
from django.utils import timezone

from tests.kit.permission_matrix import Case, Edit, Made, matrix
from units import approvals
from units import services as unit_services
from units.choices import DecisionKind, Secrecy
from workprograms import services
from workprograms.choices import MeetingKind, PeriodKind, ReportKind, Scope
from workprograms.models import ChangeRequest, Meeting, ProgramItem, Report, WorkProgram


def _secrecy(secret: bool) -> str:
    return Secrecy.SECRET if secret else Secrecy.NONE


def _program(office, secret, number):
    return services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.MONTH,
        year=timezone.localdate().year,
        number=number,
        title=f"Chương trình công tác tháng {number}",
        secrecy=_secrecy(secret),
    )


def make_program(office, secret):
    return Made(_program(office, secret, 2 if secret else 1))


def make_change_request(office, secret):
    """A program approved by the deputy chief in charge, then a change requested by the head."""
    program = _program(office, secret, 4 if secret else 3)
    start, _end = program.period
    services.item_add(
        actor=office["head"],
        program=program,
        title="Tổng hợp báo cáo tháng",
        due_date=start.replace(day=10),
        owner=office["head"],
        expected_output="Báo cáo",
    )
    if program.discussion_required():
        unit_services.discussion_record(
            actor=office["head"],
            obj=program,
            held_on=timezone.localdate(),
            participants=[office["head"]],
            opinions="Thống nhất nội dung.",
            conclusion="Trình lãnh đạo.",
        )
    approvals.approval_submit(actor=office["head"], obj=program)
    approvals.approval_decide(actor=office["dc_in_charge"], obj=program, kind=DecisionKind.APPROVE)
    program.refresh_from_db()
    request = services.change_request_create(
        actor=office["head"], program=program, reason="Bổ sung nhiệm vụ đột xuất"
    )
    return Made(request)


def make_item(office, secret):
    """A line of TH's ordinary program given by the head to a specialist; a secret line is
    handed to the head who wrote it, nobody else who reads the program."""
    program = _program(office, False, 6 if secret else 5)
    start, _end = program.period
    item = services.item_add(
        actor=office["head"],
        program=program,
        title="Rà soát hồ sơ",
        due_date=start.replace(day=12),
        owner=office["owner"],
        secrecy=_secrecy(secret),
    )
    return Made(item, grantees=frozenset({"head"} if secret else ()))


def make_office_item(office, secret):
    """A line of the office's program (compiled by HC) given to TH's specialist: HC's head
    reads the program, TH's people read their line."""
    program = services.program_create(
        actor=office["coord_head"],
        unit=office.units["hc"],
        scope=Scope.OFFICE,
        period_kind=PeriodKind.MONTH,
        year=timezone.localdate().year,
        number=8 if secret else 7,
        title="Chương trình công tác của Văn phòng",
    )
    start, _end = program.period
    item = services.item_add(
        actor=office["coord_head"],
        program=program,
        title="Chuẩn bị báo cáo chuyên đề",
        due_date=start.replace(day=15),
        owner=office["owner"],
        lead_unit=office.units["th"],
        secrecy=_secrecy(secret),
    )
    return Made(item, grantees=frozenset({"coord_head"} if secret else ()))


def make_report(office, secret):
    report = services.report_create(
        actor=office["head"],
        unit=office.units["th"],
        kind=ReportKind.MONTHLY,
        year=timezone.localdate().year,
        number=2 if secret else 1,
        title="Báo cáo tháng",
        content="Kết quả công tác tháng: đạt yêu cầu.",
        secrecy=_secrecy(secret),
    )
    return Made(report)


def make_meeting(office, secret):
    """TH's weekly briefing; its minutes are taken by the person in charge, the head attends."""
    meeting = services.meeting_create(
        actor=office["head"],
        unit=office.units["th"],
        kind=MeetingKind.BRIEFING,
        title="Giao ban tuần",
        starts_at=timezone.now(),
        place="Phòng họp tầng 2",
        agenda="Đánh giá công việc tuần.",
        participants=[office["head"], office["owner"]],
        owner=office["owner"],
        chair=office["head"],
        secrecy=_secrecy(secret),
    )
    # Participants read the minutes of the meeting they attended.
    return Made(meeting, grantees=frozenset({"head"}))


CASES = [
    Case(
        name="program",
        model=WorkProgram,
        make=make_program,
        lead_unit="th",
        owner="head",
        list_url=reverse("workprograms:programs"),
        edit=Edit(
            data={"action": "edit", "edit-title": "Tên mới", "edit-introduction": ""},
            changed=lambda program: program.title == "Tên mới",
        ),
    ),
    Case(
        name="program_item",
        model=ProgramItem,
        make=make_item,
        lead_unit="th",
        owner="owner",
        list_url=None,
        parent_sight=("head", "acting_head", "deputy", "dc_in_charge"),
    ),
    Case(
        name="office_program_item",
        model=ProgramItem,
        make=make_office_item,
        lead_unit="th",
        owner="owner",
        list_url=None,
        parent_sight=("coord_head", "dc_in_charge"),
        reassign_and_move=True,
    ),
    Case(
        name="change_request",
        model=ChangeRequest,
        make=make_change_request,
        lead_unit="th",
        owner="head",
        list_url=None,
    ),
    Case(
        name="report",
        model=Report,
        make=make_report,
        lead_unit="th",
        owner="head",
        list_url=reverse("workprograms:reports"),
        edit=Edit(
            data={
                "action": "edit",
                "edit-title": "Tên mới",
                "edit-content": "Nội dung mới",
                "edit-proposal": "",
            },
            changed=lambda report: report.title == "Tên mới",
        ),
    ),
    Case(
        name="meeting",
        model=Meeting,
        make=make_meeting,
        lead_unit="th",
        owner="owner",
        list_url=reverse("workprograms:meetings"),
    ),
]
matrix_data, test_matrix = matrix(CASES)
