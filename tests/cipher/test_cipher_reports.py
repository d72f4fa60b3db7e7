"""Cipher–IT's programmes and its reports to the Party–State Cipher Department (Điều 11.3,
11.4): the yearly training programme and the network development plan are work programs of
their own kinds beside the unit's work program; the 6-month and yearly reports are workprograms'
reports, pre-filled and printed with the figures `cipher` counts from its records through the
`core.report_sources` registry (cipher imports no workprograms)."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from cipher import reports as cipher_reports
from cipher.choices import Direction, EquipmentKind, Urgency
from cipher.models import TicketPriority
from cipher.services import equipment, register, support
from core import pdf
from core.report_sources import (
    REPORT_SOURCES,
    FigureTable,
    register_report_source,
    source_for,
)
from units.choices import Designation, Secrecy
from workprograms import documents
from workprograms import services as wp
from workprograms.choices import PeriodKind, ProgramKind, ReportKind
from workprograms.models import WorkProgram

pytestmark = pytest.mark.django_db


def _half(today=None):
    today = today or timezone.localdate()
    return today.year, 1 if today.month <= 6 else 2


def _records(cy):
    now = timezone.now()
    officer = cy["cy_officer"]
    for direction, secrecy, at in [
        (Direction.SENT, Secrecy.CONFIDENTIAL, now - timedelta(hours=3)),
        (Direction.SENT, Secrecy.CONFIDENTIAL, now - timedelta(hours=2)),
        (Direction.RECEIVED, Secrecy.SECRET, now - timedelta(hours=1)),
        (Direction.RECEIVED, Secrecy.SECRET, now - timedelta(days=400)),  # another period
    ]:
        register.message_record(
            actor=officer,
            direction=direction,
            at=at,
            counterpart="Ban Cơ yếu Chính phủ",
            secrecy=secrecy,
            urgency=Urgency.NORMAL,
            handler=officer,
        )
    machine = equipment.equipment_create(
        actor=officer, name="Máy mã M-1", kind=EquipmentKind.CIPHER_MACHINE
    )
    equipment.maintenance_record(
        actor=officer,
        equipment=machine,
        done_on=timezone.localdate(),
        work="Bảo dưỡng định kỳ",
        result="Tốt",
    )
    support.ticket_create(
        actor=cy["staff"],
        subject="Máy in không kết nối mạng",
        priority=TicketPriority.objects.order_by("pk").first(),
    )
    equipment.inspection_create(
        actor=officer,
        body_name="Huyện ủy Đông Sơn",
        inspected_on=timezone.localdate(),
        team="Phòng Cơ yếu – CNTT",
        owner=officer,
    )


def _table(tables, heading_start):
    return next(table for table in tables if str(table.heading).startswith(heading_start))


def test_the_programme_and_the_plan_stand_beside_the_work_program(cy):
    year = timezone.localdate().year
    unit = cy.units["cy"]
    made = [
        wp.program_create(
            actor=cy["cy_head"],
            unit=unit,
            program_kind=kind,
            period_kind=PeriodKind.YEAR,
            year=year,
            title=f"{kind} {year}",
        )
        for kind in (ProgramKind.WORK, ProgramKind.TRAINING, ProgramKind.NETWORK_PLAN)
    ]
    assert {program.program_kind for program in made} == set(ProgramKind.values)
    with pytest.raises(ValidationError) as error:
        wp.program_create(
            actor=cy["cy_head"],
            unit=unit,
            program_kind=ProgramKind.TRAINING,
            period_kind=PeriodKind.YEAR,
            year=year,
            title="Chương trình huấn luyện thứ hai",
        )
    assert "đã có chương trình" in " ".join(error.value.messages)
    assert WorkProgram.objects.filter(lead_unit=unit).count() == 3


def test_the_department_report_is_prefilled_from_the_cipher_records(cy):
    _records(cy)
    year, half = _half()
    report = wp.report_create(
        actor=cy["cy_head"],
        unit=cy.units["cy"],
        kind=ReportKind.HALF_YEAR,
        year=year,
        number=half,
        title="Báo cáo sơ kết 6 tháng công tác cơ yếu",
    )
    assert report.source == cipher_reports.SOURCE_KEY
    tables = wp.report_figures(report)
    messages = _table(tables, "1.")
    sent = next(row for row in messages.rows if row[0] == Direction.SENT.label)
    received = next(row for row in messages.rows if row[0] == Direction.RECEIVED.label)
    assert sent[-1] == 2 and received[-1] == 1  # the message of another period is not counted
    mat = [str(column) for column in messages.columns].index(str(Secrecy.CONFIDENTIAL.label))
    assert sent[1 + mat] == 2
    maintenance = dict(_table(tables, "3.").rows)
    assert maintenance[EquipmentKind.CIPHER_MACHINE.label] == 1
    assert _table(tables, "4.").rows[0][1] == 1  # the ticket received
    assert _table(tables, "5.").rows[0][1] == 1
    assert _table(tables, "6.")  # the trainings of the programme, workprograms' own
    assert "Điện đi" in report.content
    assert "- Máy mã, thiết bị cơ yếu: Số lần bảo dưỡng: 1" in report.content


def test_other_units_and_other_kinds_take_no_source(cy):
    year, half = _half()
    th = wp.report_create(
        actor=cy["head"],
        unit=cy.units["th"],
        kind=ReportKind.HALF_YEAR,
        year=year,
        number=half,
        title="Báo cáo 6 tháng của TH",
    )
    quarterly = wp.report_create(
        actor=cy["cy_head"],
        unit=cy.units["cy"],
        kind=ReportKind.QUARTERLY,
        year=year,
        number=1,
        title="Báo cáo quý của CY",
    )
    assert (th.source, th.content) == ("", "")
    assert (quarterly.source, quarterly.content) == ("", "")
    assert wp.report_figures(th) == []


def test_the_printout_is_addressed_to_the_department_with_its_figures(cy):
    _records(cy)
    year, half = _half()
    report = wp.report_create(
        actor=cy["cy_head"],
        unit=cy.units["cy"],
        kind=ReportKind.YEARLY,
        year=year,
        title="Báo cáo tổng kết công tác cơ yếu năm",
    )
    template, context = documents.report_document(report, cy["cy_head"])
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(pdf.render_pdf(template, context))).pages
    )
    assert "Kính gửi: Cục Cơ yếu Đảng - Chính quyền" in text
    assert "Điện mã đi, đến" in text and "Kiểm tra mạng của các cơ quan đảng" in text


def test_the_registry_refuses_two_sources_for_one_unit_and_kind():
    with pytest.raises(ValueError):
        register_report_source(
            "other.cipher",
            label="x",
            designation=Designation.CIPHER,
            kinds=("half_year",),
            recipient="x",
            figures=lambda start, end: [],
        )
    assert "other.cipher" not in REPORT_SOURCES
    assert source_for("half_year", [Designation.CIPHER]).key == cipher_reports.SOURCE_KEY
    assert source_for("half_year", [Designation.FINANCE]) is None
    assert source_for("monthly", [Designation.CIPHER]) is None
    assert isinstance(cipher_reports.department_figures(*_period())[0], FigureTable)


def _period():
    today = timezone.localdate()
    return today - timedelta(days=1), today


def test_cipher_imports_no_workprograms():
    """The records' app plugs into the reports through core alone."""
    for path in Path(cipher_reports.__file__).parent.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import workprograms" not in source and "from workprograms" not in source, path


def test_the_figures_cost_a_constant_number_of_queries(cy, django_assert_max_num_queries):
    _records(cy)
    with django_assert_max_num_queries(10):
        cipher_reports.department_figures(*_period())


def test_the_demo_lays_cys_programme_plan_and_report_once(cy):
    from workprograms import demo
    from workprograms.models import Report

    users = {"cy.truong": cy["cy_head"], "cy.cv": cy["cy_officer"]}
    demo.seed(users)
    demo.seed(users)  # idempotent
    kinds = set(
        WorkProgram.objects.filter(lead_unit=cy.units["cy"]).values_list("program_kind", flat=True)
    )
    assert kinds == {ProgramKind.TRAINING, ProgramKind.NETWORK_PLAN}
    report = Report.objects.get(lead_unit=cy.units["cy"])
    assert (report.kind, report.source) == (ReportKind.HALF_YEAR, cipher_reports.SOURCE_KEY)
    assert report.content.startswith("1. Điện mã đi, đến")
