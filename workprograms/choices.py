from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    OFFICE = "office", _("Văn phòng")
    UNIT = "unit", _("Đơn vị")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    HALF = "half", _("6 tháng")
    QUARTER = "quarter", _("Quý")
    MONTH = "month", _("Tháng")


#: how many numbered periods a year holds, per kind
PERIODS_PER_YEAR = {
    PeriodKind.YEAR: 1,
    PeriodKind.HALF: 2,
    PeriodKind.QUARTER: 4,
    PeriodKind.MONTH: 12,
}


class ProgramKind(models.TextChoices):
    """What a program is: the unit's work program, or one of the plans a unit's function calls
    for besides it (Cipher–IT's yearly training programme and network development plan, Điều
    11.3). A unit holds one program of each kind per period."""

    WORK = "work", _("Chương trình công tác")
    TRAINING = "training", _("Chương trình huấn luyện, đào tạo")
    NETWORK_PLAN = "network_plan", _("Kế hoạch phát triển mạng")


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("Báo cáo tháng")
    QUARTERLY = "quarterly", _("Báo cáo quý")
    HALF_YEAR = "half_year", _("Báo cáo sơ kết 6 tháng")
    YEARLY = "yearly", _("Báo cáo tổng kết năm")
    THEMATIC = "thematic", _("Báo cáo chuyên đề")
    URGENT = "urgent", _("Báo cáo đột xuất")


#: the period each periodic report covers
REPORT_PERIOD = {
    ReportKind.MONTHLY: PeriodKind.MONTH,
    ReportKind.QUARTERLY: PeriodKind.QUARTER,
    ReportKind.HALF_YEAR: PeriodKind.HALF,
    ReportKind.YEARLY: PeriodKind.YEAR,
}


class ItemState(models.TextChoices):
    DONE = "done", _("Hoàn thành")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    OVERDUE = "overdue", _("Quá hạn")


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Nhắc trước hạn")
    OVERDUE = "overdue", _("Quá hạn")


class MeetingKind(models.TextChoices):
    """The regular meetings of Điều 14, and the office leadership's own meetings whose minutes
    and conclusions HC takes (Điều 7.2)."""

    BRIEFING = "briefing", _("Giao ban lãnh đạo đơn vị hằng tuần")
    QUARTER_REVIEW = "quarter_review", _("Hội nghị sơ kết quý")
    HALF_YEAR_REVIEW = "half_review", _("Hội nghị sơ kết 6 tháng")
    YEAR_REVIEW = "year_review", _("Hội nghị tổng kết năm")
    THEMATIC = "thematic", _("Họp chuyên đề")
    LEADERSHIP = "leadership", _("Họp tập thể lãnh đạo Văn phòng")


#: reviews carry the unit's self-criticism (Điều 20)
REVIEW_KINDS = (MeetingKind.QUARTER_REVIEW, MeetingKind.HALF_YEAR_REVIEW, MeetingKind.YEAR_REVIEW)
