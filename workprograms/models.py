"""Work programs, change requests and reports of the office and its units (Điều 3.3, 7.1, 12,
15), the unit discussions that must precede them (Điều 2), and report due dates as data."""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.approvals import Step
from units.choices import ApprovalStatus, Designation, Secrecy
from units.designations import is_designated
from units.models import Approvable, OwnedWork, Task, grant_model_for
from workprograms.choices import (
    PERIODS_PER_YEAR,
    REPORT_PERIOD,
    REVIEW_KINDS,
    MeetingKind,
    PeriodKind,
    ProgramKind,
    ReportKind,
    Scope,
)


def period_bounds(kind: str, year: int, number: int) -> tuple[date, date]:
    """First and last day of the `number`-th period of `kind` in `year`."""
    months = 12 // PERIODS_PER_YEAR[kind]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return date(year, first_month, 1), date(
        year, last_month, calendar.monthrange(year, last_month)[1]
    )


def period_label(kind: str, year: int, number: int) -> str:
    if kind == PeriodKind.YEAR:
        return _("năm %(year)s") % {"year": year}
    if kind == PeriodKind.HALF:
        part = _("6 tháng đầu năm") if number == 1 else _("6 tháng cuối năm")
        return f"{part} {year}"
    if kind == PeriodKind.QUARTER:
        return _("quý %(number)s năm %(year)s") % {"number": number, "year": year}
    return _("tháng %(number)s năm %(year)s") % {"number": number, "year": year}


class PeriodMixin(models.Model):
    """A year and the number of a half, quarter or month in it; once approved, the document's
    own number (`issued_number`, `Số 07-CTr/VPTU`), taken from `core.numbering` in the
    approval's transaction (`workprograms.services.common.issue_number`)."""

    #: The Party type code of the document's number (DOMAIN §6).
    type_code = ""

    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("kỳ số"), default=1)
    issued_number = models.PositiveIntegerField(
        _("số văn bản"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def _check_number(self, kind: str | None) -> None:
        if kind and not 1 <= self.number <= PERIODS_PER_YEAR[kind]:
            raise ValidationError(
                {
                    "number": _("Kỳ số không hợp lệ cho loại kỳ đã chọn (1–%(max)s).")
                    % {"max": PERIODS_PER_YEAR[kind]}
                }
            )


class WorkProgram(PeriodMixin, OwnedWork, Approvable):
    """A work program of the office (compiled by HC, Điều 7.1) or of a unit (Điều 3.3) for a
    year, half, quarter or month. Approved versions are never edited: an urgent change is a
    ChangeRequest whose approval makes the next version (Điều 12)."""

    type_code = "CTr"

    scope = models.CharField(_("phạm vi"), max_length=8, choices=Scope.choices, default=Scope.UNIT)
    program_kind = models.CharField(
        _("loại chương trình"),
        max_length=16,
        choices=ProgramKind.choices,
        default=ProgramKind.WORK,
    )
    period_kind = models.CharField(_("loại kỳ"), max_length=8, choices=PeriodKind.choices)
    title = models.CharField(_("tên chương trình"), max_length=300)
    introduction = models.TextField(_("mục đích, yêu cầu"), blank=True)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("phiên bản trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    #: the version in force for its period (False once a later version is approved)
    is_current = models.BooleanField(_("đang có hiệu lực"), default=True)
    history = HistoricalRecords()

    #: Điều 3.3: the head submits programs to the deputy chief in charge, one approval, after
    #: the unit has discussed them (Điều 2).
    approval_path = (Step.deputy_chief(),)
    requires_discussion = True
    #: Điều 16: an approved program goes on its lead unit's disclosure board (the category's
    #: code; the `regime` app listens to `units.approvals.approved`).
    disclose_on_approval = "chuong-trinh"

    class Meta:
        ordering = ["-year", "period_kind", "-number", "lead_unit__order", "-version"]
        verbose_name = _("chương trình công tác")
        verbose_name_plural = _("chương trình công tác")
        indexes = [
            models.Index(fields=["lead_unit", "scope", "period_kind", "year", "number"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "lead_unit",
                    "scope",
                    "program_kind",
                    "period_kind",
                    "year",
                    "number",
                    "version",
                ],
                name="workprogram_one_per_kind_period_and_version",
                violation_error_message=_("Đơn vị đã có chương trình công tác cho kỳ này."),
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.title} ({self.lead_unit.code.upper()})"
        return f"{label} – v{self.version}" if self.version > 1 else label

    def get_absolute_url(self) -> str:
        return reverse("workprograms:program", args=[self.pk])

    def clean(self) -> None:
        self._check_number(self.period_kind)
        if (
            self.scope == Scope.OFFICE
            and self.lead_unit_id
            and not is_designated(self.lead_unit_id, Designation.OFFICE_PROGRAMS)
        ):
            raise ValidationError(
                {"scope": _("Chương trình của Văn phòng do Phòng Hành chính – Tiếp dân tổng hợp.")}
            )

    @property
    def period(self) -> tuple[date, date]:
        return period_bounds(self.period_kind, self.year, self.number)

    @property
    def period_label(self) -> str:
        return period_label(self.period_kind, self.year, self.number)

    @property
    def is_approved(self) -> bool:
        return self.approval_status == ApprovalStatus.APPROVED


WorkProgramUserObjectPermission = grant_model_for(WorkProgram)


#: Secrecy levels from the lowest (ordinary) up: a program's line is at least as secret as it.
SECRECY_ORDER = tuple(Secrecy.values)


class ProgramItem(OwnedWork):
    """One line of a program: owned work like any other (Điều 1.3), its own lead unit and one
    person in charge, the expected output, the due date and the tasks that carry it out.
    Whoever sees the program sees its ordinary lines (`sight_through`); a secret line only its
    own people (its person in charge, the people it was handed to, the chief). A line is never
    less secret than its program."""

    program = models.ForeignKey(WorkProgram, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nội dung công việc"), max_length=400)
    expected_output = models.CharField(_("sản phẩm dự kiến"), max_length=300, blank=True)
    due_date = models.DateField(_("thời hạn"))
    tasks = models.ManyToManyField(
        Task, verbose_name=_("công việc thực hiện"), blank=True, related_name="program_items"
    )
    #: the item this one was copied from (previous version, yearly or office program)
    source_item = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    history = HistoricalRecords()

    sight_through = ("program",)

    class Meta:
        ordering = ["order", "due_date", "pk"]
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("nội dung chương trình")
        indexes = [models.Index(fields=["lead_unit", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workprograms:item", args=[self.pk])

    def clean(self) -> None:
        """A unit program gives its lines to the unit alone (Điều 22.2); a line of a secret
        program is at least as secret as the program."""
        if not self.program_id:
            return
        program = self.program
        errors = {}
        if (
            program.scope == Scope.UNIT
            and self.lead_unit_id
            and self.lead_unit_id != program.lead_unit_id
        ):
            errors["lead_unit"] = _("Chương trình của đơn vị chỉ giao việc cho chính đơn vị.")
        if SECRECY_ORDER.index(self.secrecy) < SECRECY_ORDER.index(program.secrecy):
            errors["secrecy"] = _(
                "Nội dung của chương trình %(secrecy)s phải có độ mật từ %(secrecy)s trở lên."
            ) % {"secrecy": program.get_secrecy_display()}
        if errors:
            raise ValidationError(errors)


ProgramItemUserObjectPermission = grant_model_for(ProgramItem)


class ChangeRequest(OwnedWork, Approvable):
    """An urgent change of an approved program's content or timing (Điều 12): the requester
    edits `draft` (a copy of the program), leadership decides, approval puts the copy in force
    as the next version."""

    program = models.ForeignKey(
        WorkProgram,
        verbose_name=_("chương trình đang có hiệu lực"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    draft = models.OneToOneField(
        WorkProgram,
        verbose_name=_("bản điều chỉnh"),
        on_delete=models.PROTECT,
        related_name="change_request",
    )
    reason = models.TextField(_("lý do điều chỉnh"))
    is_urgent = models.BooleanField(_("đột xuất, khẩn"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đề nghị điều chỉnh chương trình")
        verbose_name_plural = _("đề nghị điều chỉnh chương trình")

    def __str__(self) -> str:
        return _("Điều chỉnh: %(program)s") % {"program": self.program.title}

    def get_absolute_url(self) -> str:
        return reverse("workprograms:change-request", args=[self.pk])


ChangeRequestUserObjectPermission = grant_model_for(ChangeRequest)


class Report(PeriodMixin, OwnedWork, Approvable):
    """A report of a unit or of the office (Điều 3.3, 7.7, 15). 6-month and yearly reports pass
    the deputy chief in charge, then the chief (Điều 15.1); urgent ones go at once to the deputy
    chief in charge with a proposal (Điều 15.2)."""

    type_code = "BC"

    scope = models.CharField(_("phạm vi"), max_length=8, choices=Scope.choices, default=Scope.UNIT)
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    title = models.CharField(_("tên báo cáo"), max_length=300)
    content = models.TextField(_("nội dung"), blank=True)
    proposal = models.TextField(_("đề xuất"), blank=True)
    is_urgent = models.BooleanField(_("đột xuất"), default=False)
    #: the report source (`core.report_sources`) whose figures the report carries: Cipher–IT's
    #: reports to the Party–State Cipher Department; empty for every other report
    source = models.CharField(_("nguồn số liệu"), max_length=40, blank=True, editable=False)
    due_date = models.DateField(_("hạn gửi"), null=True, blank=True, db_index=True)
    unit_reports = models.ManyToManyField(
        "self",
        verbose_name=_("báo cáo của các đơn vị"),
        symmetrical=False,
        blank=True,
        related_name="compiled_into",
    )
    history = HistoricalRecords()

    #: Điều 15.1: 6-month and yearly reports pass the deputy chief in charge, then the chief.
    approval_path = (Step.deputy_chief(), Step.chief())

    class Meta:
        ordering = ["-year", "-number", "lead_unit__order", "-created_at"]
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        indexes = [models.Index(fields=["approval_status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.lead_unit.code.upper()})"

    def get_absolute_url(self) -> str:
        return reverse("workprograms:report", args=[self.pk])

    def clean(self) -> None:
        self._check_number(REPORT_PERIOD.get(self.kind))
        if (
            self.scope == Scope.OFFICE
            and self.lead_unit_id
            and not is_designated(self.lead_unit_id, Designation.OFFICE_PROGRAMS)
        ):
            raise ValidationError(
                {"scope": _("Báo cáo của Văn phòng do Phòng Hành chính – Tiếp dân tổng hợp.")}
            )

    @property
    def two_step(self) -> bool:
        return self.kind in (ReportKind.HALF_YEAR, ReportKind.YEARLY)

    def get_approval_path(self) -> tuple:
        return self.approval_path if self.two_step else self.approval_path[:1]

    def discussion_required(self) -> bool:
        """Điều 2: reports going to leadership are discussed by the unit first; an urgent
        report (Điều 15.2) is sent at once."""
        return self.kind != ReportKind.URGENT

    @property
    def period(self) -> tuple[date, date] | None:
        kind = REPORT_PERIOD.get(self.kind)
        return period_bounds(kind, self.year, self.number) if kind else None

    @property
    def addressee(self):
        """The outside body a report built from a registered source goes to."""
        from core.report_sources import report_source

        source = report_source(self.source) if self.source else None
        return source.recipient if source is not None else ""


ReportUserObjectPermission = grant_model_for(Report)


class ReportDeadline(models.Model):
    """When a periodic report is due: the N-th working day after its period ends, and how many
    working days before that the owner is reminded. Data an administrator edits."""

    #: Kept by Cipher–IT's administrators in the admin.
    office_catalogue = True

    kind = models.CharField(
        _("loại báo cáo"),
        max_length=10,
        unique=True,
        choices=[(k, label) for k, label in ReportKind.choices if k in REPORT_PERIOD],
    )
    working_day = models.PositiveSmallIntegerField(_("ngày làm việc thứ (của kỳ sau)"))
    remind_days_before = models.PositiveSmallIntegerField(
        _("nhắc trước (ngày làm việc)"), default=2
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("hạn gửi báo cáo")
        verbose_name_plural = _("hạn gửi báo cáo")
        constraints = [
            models.CheckConstraint(
                condition=Q(working_day__gte=1), name="report_deadline_working_day_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_day}"


class Meeting(OwnedWork):
    """A regular meeting of a unit (Điều 14: weekly briefing, quarterly / 6-month / yearly
    review, thematic meeting) or a meeting of the office leadership. The person in charge takes
    the minutes; for a leadership meeting that is an HC member, and HC drafts the conclusion
    notice (Điều 7.2). Reviews record the unit's self-criticism (Điều 20)."""

    kind = models.CharField(_("loại cuộc họp"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("tên cuộc họp"), max_length=300)
    starts_at = models.DateTimeField(_("thời gian"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    agenda = models.TextField(_("chương trình, nội dung họp"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành phần tham dự"),
        blank=True,
        related_name="meetings_attended",
    )
    minutes = models.TextField(_("biên bản"), blank=True)
    minutes_recorded_at = models.DateTimeField(_("ghi biên bản lúc"), null=True, blank=True)
    self_criticism = models.TextField(_("tự phê bình và phê bình"), blank=True)
    conclusion_notice = models.TextField(_("dự thảo thông báo kết luận"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        indexes = [models.Index(fields=["lead_unit", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workprograms:meeting", args=[self.pk])

    @property
    def is_review(self) -> bool:
        return self.kind in REVIEW_KINDS

    @property
    def is_leadership(self) -> bool:
        return self.kind == MeetingKind.LEADERSHIP

    def clean(self) -> None:
        errors = {}
        if (
            self.is_leadership
            and self.lead_unit_id
            and not is_designated(self.lead_unit_id, Designation.LEADERSHIP_MINUTES)
        ):
            errors["kind"] = _(
                "Cuộc họp tập thể lãnh đạo Văn phòng do Phòng Hành chính – Tiếp dân ghi biên bản "
                "(Điều 7.2)."
            )
        if self.self_criticism.strip() and not self.is_review:
            errors["self_criticism"] = _("Chỉ hội nghị sơ kết, tổng kết mới ghi kiểm điểm.")
        if self.conclusion_notice.strip() and not self.is_leadership:
            errors["conclusion_notice"] = _(
                "Thông báo kết luận chỉ dành cho cuộc họp tập thể lãnh đạo Văn phòng."
            )
        if errors:
            raise ValidationError(errors)


MeetingUserObjectPermission = grant_model_for(Meeting)


class MeetingConclusion(models.Model):
    """One conclusion of a meeting. It may become a task with one person in charge; the link
    shows, from the minutes, what was done about it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung kết luận"))
    task = models.OneToOneField(
        Task,
        verbose_name=_("công việc triển khai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_conclusion",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("kết luận cuộc họp")
        verbose_name_plural = _("kết luận cuộc họp")

    def __str__(self) -> str:
        return self.text[:80]


class CalendarEntry(models.Model):
    """One line of the leadership's weekly work calendar, compiled by HC (Điều 7.1). Not a
    piece of owned work: HC keeps it for everyone; secret lines are hidden from all but the
    leader concerned, the chief and the HC member who entered them."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo"),
        on_delete=models.PROTECT,
        related_name="calendar_entries",
    )
    starts_at = models.DateTimeField(_("bắt đầu"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    content = models.TextField(_("nội dung công việc"))
    participants = models.TextField(_("thành phần"), blank=True)
    secrecy = models.CharField(
        _("độ mật"), max_length=10, choices=Secrecy.choices, default=Secrecy.NONE, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("lịch công tác của lãnh đạo")
        verbose_name_plural = _("lịch công tác của lãnh đạo")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="calendar_entry_ends_after_start",
                violation_error_message=_("Giờ kết thúc phải sau giờ bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%d/%m/%Y %H:%M} – {self.content[:60]}"

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NONE
