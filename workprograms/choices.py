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
