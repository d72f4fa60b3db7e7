"""Demo data of workprograms for Cipher–IT (Điều 11.3, 11.4): cy.truong's yearly training
programme and network development plan, and the 6-month report to the Party–State Cipher
Department, whose printout carries the figures counted from the cipher records."""

from datetime import date

from django.utils import timezone

from units.models import Unit
from workprograms import services
from workprograms.choices import PeriodKind, ProgramKind, ReportKind
from workprograms.models import Report, WorkProgram

PROGRAMS = [
    (
        ProgramKind.TRAINING,
        "Chương trình huấn luyện, đào tạo cán bộ cơ yếu năm %(year)d",
        [
            ("Tập huấn sử dụng thiết bị mật mã cho cán bộ cơ yếu các huyện", 3, 31),
            ("Bồi dưỡng nghiệp vụ bảo mật thông tin cho văn thư các ban đảng", 9, 30),
        ],
    ),
    (
        ProgramKind.NETWORK_PLAN,
        "Kế hoạch phát triển mạng thông tin diện rộng của Đảng năm %(year)d",
        [
            ("Nâng cấp đường truyền số liệu chuyên dùng đến các huyện ủy", 6, 30),
            ("Triển khai tường lửa thế hệ mới tại trung tâm dữ liệu Tỉnh ủy", 11, 30),
        ],
    ),
]


def _half_before(today: date) -> tuple[int, int]:
    """The latest half-year that has ended: the first of this year after June, else the
    second of last year."""
    return (today.year, 1) if today.month > 6 else (today.year - 1, 2)


def seed(users: dict) -> None:
    unit = Unit.objects.filter(code="cy").first()
    head = users.get("cy.truong")
    if unit is None or head is None:
        return
    year = timezone.localdate().year
    for kind, title, items in PROGRAMS:
        if WorkProgram.objects.filter(lead_unit=unit, program_kind=kind, year=year).exists():
            continue
        program = services.program_create(
            actor=head,
            unit=unit,
            program_kind=kind,
            period_kind=PeriodKind.YEAR,
            year=year,
            title=title % {"year": year},
        )
        for item_title, month, day in items:
            services.item_add(
                actor=head,
                program=program,
                title=item_title,
                due_date=date(year, month, day),
                owner=users.get("cy.cv", head),
            )
    report_year, half = _half_before(timezone.localdate())
    if not Report.objects.filter(
        lead_unit=unit, kind=ReportKind.HALF_YEAR, year=report_year, number=half
    ).exists():
        services.report_create(
            actor=head,
            unit=unit,
            kind=ReportKind.HALF_YEAR,
            year=report_year,
            number=half,
            title=f"Báo cáo sơ kết công tác cơ yếu 6 tháng {'đầu' if half == 1 else 'cuối'} "
            f"năm {report_year}",
        )
