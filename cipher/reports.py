"""The figures of Cipher–IT's 6-month and yearly reports to the Party–State Cipher Department
(Cục Cơ yếu Đảng - Chính quyền, Điều 11.4), counted from its records: messages by direction and
secrecy, the room's entries, equipment maintenance, support tickets, network inspections.
Counts only, never a message's or a document's content. Registered in `core.report_sources`;
`workprograms` builds and prints the report."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cipher.choices import Direction, EquipmentKind, FindingStatus, RoomEventKind
from cipher.models import (
    CipherMessage,
    InspectionFinding,
    MaintenanceRecord,
    NetworkInspection,
    RoomLogEntry,
    SupportTicket,
)
from core.report_sources import FigureTable
from units.choices import Secrecy

SOURCE_KEY = "cipher.department"
RECIPIENT = _("Cục Cơ yếu Đảng - Chính quyền")


def _moments(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as aware moments in the office's zone: from its first day's midnight to the
    midnight after its last day."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _messages(since: datetime, until: datetime) -> FigureTable:
    counts = {
        (row["direction"], row["secrecy"]): row["n"]
        for row in CipherMessage.objects.filter(at__gte=since, at__lt=until)
        .order_by()
        .values("direction", "secrecy")
        .annotate(n=Count("pk"))
    }
    levels = list(Secrecy)
    rows = []
    for direction in Direction:
        values = [counts.get((direction.value, level.value), 0) for level in levels]
        rows.append((direction.label, *values, sum(values)))
    return FigureTable(
        heading=_("1. Điện mã đi, đến"),
        columns=(*[level.label for level in levels], _("Cộng")),
        rows=tuple(rows),
    )


def _room(since: datetime, until: datetime) -> FigureTable:
    log = RoomLogEntry.objects.filter(at__gte=since, at__lt=until).order_by()
    entries = log.filter(kind=RoomEventKind.ENTRY).count()
    minutes = log.filter(kind=RoomEventKind.MINUTES).count()
    return FigureTable(
        heading=_("2. Ra, vào phòng máy mã"),
        columns=(_("Số lượt"),),
        rows=((_("Lượt vào phòng"), entries), (_("Biên bản đã lập"), minutes)),
    )


def _maintenance(start: date, end: date) -> FigureTable:
    counts = dict(
        MaintenanceRecord.objects.filter(done_on__gte=start, done_on__lte=end)
        .order_by()
        .values_list("equipment__kind")
        .annotate(n=Count("pk"))
    )
    return FigureTable(
        heading=_("3. Bảo dưỡng máy mã, trang thiết bị"),
        columns=(_("Số lần bảo dưỡng"),),
        rows=tuple((kind.label, counts.get(kind.value, 0)) for kind in EquipmentKind),
    )


def _tickets(since: datetime, until: datetime) -> FigureTable:
    opened = SupportTicket.objects.filter(created_at__gte=since, created_at__lt=until)
    figures = opened.aggregate(
        total=Count("pk"),
        resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        late=Count("pk", filter=Q(resolved_at__gt=F("resolve_by"))),
    )
    return FigureTable(
        heading=_("4. Hỗ trợ kỹ thuật"),
        columns=(_("Số yêu cầu"),),
        rows=(
            (_("Yêu cầu tiếp nhận"), figures["total"]),
            (_("Đã xử lý xong"), figures["resolved"]),
            (_("Xử lý quá hạn"), figures["late"]),
        ),
    )


def _inspections(start: date, end: date) -> FigureTable:
    inspections = NetworkInspection.objects.filter(inspected_on__gte=start, inspected_on__lte=end)
    findings = InspectionFinding.objects.filter(inspection__in=inspections)
    return FigureTable(
        heading=_("5. Kiểm tra mạng của các cơ quan đảng"),
        columns=(_("Số lượng"),),
        rows=(
            (_("Cuộc kiểm tra"), inspections.count()),
            (_("Tồn tại phát hiện"), findings.count()),
            (_("Chưa khắc phục"), findings.filter(status=FindingStatus.OPEN).count()),
        ),
    )


def department_figures(start: date, end: date) -> list[FigureTable]:
    """The period's tables, in the report's order; a constant number of queries."""
    since, until = _moments(start, end)
    return [
        _messages(since, until),
        _room(since, until),
        _maintenance(start, end),
        _tickets(since, until),
        _inspections(start, end),
    ]
