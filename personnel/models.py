"""People matters of the working regime (Điều 18, 19, 20) and of General Affairs' help to the
chief on personnel and emulation (Điều 7.4, 7.5): business trips, training, the yearly
evaluation of civil servants and employees (Nghị định 335/2025/NĐ-CP) and emulation proposals.

Rules that change (trip scopes and their report terms, the evaluation's points, deductions, grade
bands and quota, the emulation titles) are catalogues seeded by migration 0002, versioned by
their legal text, never constants in code."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from personnel.choices import (
    CountingPeriod,
    CourseResult,
    EvaluationStage,
    Grade,
    NomineeKind,
    TitleKind,
    TripMeans,
)
from units.approvals import Pool, Step
from units.choices import Position
from units.models import Approvable, OwnedWork, Unit, grant_model_for

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]

# Catalogues ---------------------------------------------------------------------------------


class TripScope(models.Model):
    """Where a trip goes decides who approves it and how soon its report is due (Điều 18)."""

    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("phạm vi công tác"), max_length=120)
    needs_deputy_chief = models.BooleanField(
        _("Phó Chánh Văn phòng phụ trách duyệt"),
        default=False,
        help_text=_("Không đánh dấu: Trưởng phòng lập kế hoạch là duyệt."),
    )
    report_working_days = models.PositiveSmallIntegerField(
        _("hạn báo cáo kết quả (ngày làm việc sau khi về)"), default=5
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("phạm vi công tác")
        verbose_name_plural = _("phạm vi công tác")

    def __str__(self) -> str:
        return self.name


class EvaluationRuleSet(models.Model):
    """One version of the evaluation rules, named by its legal text: a future decree is a new
    row, and each evaluation keeps the version it was made under."""

    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    legal_text = models.CharField(_("văn bản quy định"), max_length=200)
    effective_from = models.DateField(_("áp dụng từ ngày"))
    effective_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    general_points = models.DecimalField(
        _("điểm tiêu chí chung"), max_digits=5, decimal_places=2, default=Decimal(30)
    )
    task_points = models.DecimalField(
        _("điểm kết quả thực hiện nhiệm vụ"), max_digits=5, decimal_places=2, default=Decimal(70)
    )
    deduction_percent = models.DecimalField(
        _("trừ mỗi lần không bảo đảm chất lượng hoặc chậm tiến độ (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(25),
        validators=PERCENT,
    )
    excellent_quota_percent = models.DecimalField(
        _("tỷ lệ xuất sắc tối đa so với số xếp loại tốt (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        validators=PERCENT,
    )
    counting_period = models.CharField(
        _("kỳ tính kết quả"),
        max_length=10,
        choices=CountingPeriod.choices,
        default=CountingPeriod.QUARTER,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("bộ tiêu chí đánh giá, xếp loại")
        verbose_name_plural = _("bộ tiêu chí đánh giá, xếp loại")

    def __str__(self) -> str:
        return self.legal_text

    @property
    def max_total(self) -> Decimal:
        return self.general_points + self.task_points


class EvaluationCriterion(models.Model):
    """One general criterion of a rule set and its points (together the rule set's
    `general_points`)."""

    office_catalogue = True

    ruleset = models.ForeignKey(
        EvaluationRuleSet,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.PROTECT,
        related_name="criteria",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ruleset", "order", "pk"]
        verbose_name = _("tiêu chí chung")
        verbose_name_plural = _("tiêu chí chung")

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points})"


class GradeBand(models.Model):
    """The lowest total a grade needs under a rule set (xuất sắc 90, tốt 70, hoàn thành 50)."""

    office_catalogue = True

    ruleset = models.ForeignKey(
        EvaluationRuleSet,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.PROTECT,
        related_name="bands",
    )
    grade = models.CharField(_("mức xếp loại"), max_length=20, choices=Grade.choices)
    min_score = models.DecimalField(_("điểm từ"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ruleset", "-min_score"]
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        constraints = [
            models.UniqueConstraint(fields=["ruleset", "grade"], name="one_band_per_grade"),
        ]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} ≥ {self.min_score}"


class EmulationTitle(models.Model):
    """An emulation title or a form of reward (Luật Thi đua, khen thưởng 2022), with the grade a
    person's yearly evaluation must reach for it."""

    office_catalogue = True

    name = models.CharField(_("tên"), max_length=200, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=TitleKind.choices)
    nominee_kind = models.CharField(_("đối tượng"), max_length=12, choices=NomineeKind.choices)
    min_grade = models.CharField(
        _("xếp loại tối thiểu của năm"), max_length=20, choices=Grade.choices, blank=True
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name


# Business trips (Điều 18) ---------------------------------------------------------------------


class BusinessTrip(OwnedWork, Approvable):
    """A trip the head plans for a member of the unit (the person in charge, who reports the
    result after return). Within the province the head's plan is the approval; beyond it the
    deputy chief in charge decides (the scope's `needs_deputy_chief`)."""

    scope = models.ForeignKey(
        TripScope, verbose_name=_("phạm vi công tác"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.CharField(_("nơi đến"), max_length=300)
    purpose = models.TextField(_("mục đích, nội dung công tác"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    means = models.CharField(_("phương tiện"), max_length=20, choices=TripMeans.choices)
    companions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("cùng đi"), blank=True, related_name="+"
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập kế hoạch"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    report_due = models.DateField(_("hạn báo cáo kết quả"), db_index=True)
    report = models.TextField(_("báo cáo kết quả"), blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    history = HistoricalRecords()

    approval_path = (Step.unit_head(), Step.deputy_chief())

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("chuyến công tác")
        verbose_name_plural = _("chuyến công tác")
        indexes = [models.Index(fields=["lead_unit", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="trip_ends_after_start",
                violation_error_message=_("Ngày về phải từ ngày đi trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return _("Công tác %(place)s (%(start)s–%(end)s)") % {
            "place": self.destination,
            "start": self.starts_on.strftime("%d/%m/%Y"),
            "end": self.ends_on.strftime("%d/%m/%Y"),
        }

    def get_absolute_url(self) -> str:
        return reverse("personnel:trip", args=[self.pk])

    def get_approval_path(self) -> tuple:
        head, deputy_chief = self.approval_path
        if not self.scope.needs_deputy_chief:
            # The head approves by planning; his own trip goes to the deputy chief in charge.
            return (head,) if head.approvers(self) else (deputy_chief,)
        return (deputy_chief,)

    def is_report_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.reported_at is None and self.report_due < today


BusinessTripUserObjectPermission = grant_model_for(BusinessTrip)


# Training (Điều 19) ---------------------------------------------------------------------------


class TrainingPlan(OwnedWork, Approvable):
    """The unit's yearly training plan, discussed by the unit (Điều 2: training is a personnel
    matter) and approved by the deputy chief in charge."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    content = models.TextField(_("nội dung, mục tiêu"))
    history = HistoricalRecords()

    requires_discussion = True

    class Meta:
        ordering = ["-year", "lead_unit__order"]
        verbose_name = _("kế hoạch đào tạo, bồi dưỡng")
        verbose_name_plural = _("kế hoạch đào tạo, bồi dưỡng")
        constraints = [
            models.UniqueConstraint(
                fields=["lead_unit", "year"],
                name="one_training_plan_per_unit_year",
                violation_error_message=_("Đơn vị đã có kế hoạch đào tạo, bồi dưỡng năm này."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("personnel:training-plan", args=[self.pk])


TrainingPlanUserObjectPermission = grant_model_for(TrainingPlan)


class TrainingCourse(models.Model):
    """A course of the plan; its rights come from the plan."""

    plan = models.ForeignKey(
        TrainingPlan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(_("tên khóa, lớp"), max_length=300)
    organiser = models.CharField(_("cơ sở đào tạo, đơn vị tổ chức"), max_length=300)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("khóa đào tạo, bồi dưỡng")
        verbose_name_plural = _("khóa đào tạo, bồi dưỡng")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="course_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(OwnedWork):
    """One participant of a course (the person in charge), who reports the result to the head
    after it ends (Điều 19); the report counts in the yearly evaluation."""

    course = models.ForeignKey(
        TrainingCourse,
        verbose_name=_("khóa học"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    report_due = models.DateField(_("hạn báo cáo kết quả"), db_index=True)
    result = models.CharField(_("kết quả"), max_length=20, choices=CourseResult.choices, blank=True)
    report = models.TextField(_("báo cáo kết quả học tập"), blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report_due", "pk"]
        verbose_name = _("lượt tham gia đào tạo, bồi dưỡng")
        verbose_name_plural = _("lượt tham gia đào tạo, bồi dưỡng")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "owner"],
                name="one_attendance_per_course_person",
                violation_error_message=_("Người này đã có trong danh sách khóa học."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.owner.get_full_name()}"

    def get_absolute_url(self) -> str:
        return reverse("personnel:attendance", args=[self.pk])

    def is_report_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.reported_at is None and self.report_due < today


TrainingAttendanceUserObjectPermission = grant_model_for(TrainingAttendance)


# Yearly evaluation (Điều 20; Nghị định 335/2025/NĐ-CP) -----------------------------------------


class Evaluation(OwnedWork, Approvable):
    """One civil servant's or employee's yearly evaluation: self-assessment → the head's
    proposal → the unit's collective discussion → leadership's decision. The person evaluated
    is the person in charge; the scores are kept per criterion (`EvaluationScore`), the task
    results as counted at the proposal (`task_breakdown`)."""

    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    ruleset = models.ForeignKey(
        EvaluationRuleSet,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    stage = models.CharField(
        _("bước"), max_length=12, choices=EvaluationStage.choices, default=EvaluationStage.SELF
    )
    self_note = models.TextField(_("bản tự đánh giá"), blank=True)
    self_assessed_at = models.DateTimeField(_("tự đánh giá lúc"), null=True, blank=True)
    self_grade = models.CharField(
        _("tự xếp loại"), max_length=20, choices=Grade.choices, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề xuất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("đề xuất lúc"), null=True, blank=True)
    head_note = models.TextField(_("nhận xét của Trưởng phòng"), blank=True)
    general_score = models.DecimalField(
        _("điểm tiêu chí chung"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    task_score = models.DecimalField(
        _("điểm kết quả thực hiện nhiệm vụ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    task_breakdown = models.JSONField(_("chi tiết kết quả nhiệm vụ"), default=dict, blank=True)
    total_score = models.DecimalField(
        _("tổng điểm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    proposed_grade = models.CharField(
        _("xếp loại đề xuất"), max_length=20, choices=Grade.choices, blank=True
    )
    final_grade = models.CharField(
        _("xếp loại được quyết định"), max_length=20, choices=Grade.choices, blank=True
    )
    party_review_grade = models.CharField(
        _("xếp loại đảng viên (Quy định 366-QĐ/TW)"),
        max_length=20,
        choices=Grade.choices,
        blank=True,
    )
    party_review_on = models.DateField(_("ngày chi bộ kiểm điểm"), null=True, blank=True)
    party_review_note = models.CharField(_("ghi chú của chi bộ"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["task_breakdown"])

    requires_discussion = True
    approval_forward_allowed = True
    approval_path = (Step.deputy_chief(), Step.chief())

    class Meta:
        ordering = ["-year", "lead_unit__order", "owner__last_name", "pk"]
        verbose_name = _("đánh giá, xếp loại hằng năm")
        verbose_name_plural = _("đánh giá, xếp loại hằng năm")
        indexes = [models.Index(fields=["lead_unit", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year"],
                name="one_evaluation_per_person_year",
                violation_error_message=_("Người này đã có phiếu đánh giá năm này."),
            ),
        ]

    def __str__(self) -> str:
        return _("Đánh giá năm %(year)s: %(name)s") % {
            "year": self.year,
            "name": self.owner.get_full_name() or self.owner.username,
        }

    def get_absolute_url(self) -> str:
        return reverse("personnel:evaluation", args=[self.pk])

    def get_approval_path(self) -> tuple:
        """The deputy chief in charge decides; a head's own evaluation goes to the chief."""
        deputy_chief, chief = self.approval_path
        if self.owner.staff.position == Position.HEAD:
            return (chief,)
        return (deputy_chief,)

    @property
    def current_grade(self) -> str:
        """The decided grade, else the head's proposal: what the unit's quota counts."""
        return self.final_grade or self.proposed_grade


EvaluationUserObjectPermission = grant_model_for(Evaluation)


class EvaluationScore(models.Model):
    """The points of one general criterion: the person's own, then the head's."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("phiếu đánh giá"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        EvaluationCriterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    self_points = models.DecimalField(
        _("điểm tự chấm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    head_points = models.DecimalField(
        _("điểm Trưởng phòng chấm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order", "pk"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="one_score_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.head_points or self.self_points}"


# Emulation and rewards (Điều 7.5) ------------------------------------------------------------

EMULATION_COUNCIL = _("Hội đồng Thi đua – Khen thưởng Văn phòng")


class EmulationProposal(OwnedWork, Approvable):
    """A unit's proposal of a title or reward for a member or for the unit, discussed by the
    unit and decided by the office's emulation council (its decision's number and date entered
    by office leadership, who chair it). Approved proposals are the register."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cá nhân được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nominee_unit = models.ForeignKey(
        Unit,
        verbose_name=_("tập thể được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    achievements = models.TextField(_("thành tích"))
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    history = HistoricalRecords()

    requires_discussion = True
    approval_path = (Step.collective(body=EMULATION_COUNCIL, keepers=Pool.leadership()),)

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("đề nghị thi đua, khen thưởng")
        verbose_name_plural = _("đề nghị thi đua, khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(nominee__isnull=False, nominee_unit__isnull=True)
                    | Q(nominee__isnull=True, nominee_unit__isnull=False)
                ),
                name="proposal_names_one_nominee",
                violation_error_message=_("Đề nghị cho một cá nhân hoặc một tập thể."),
            ),
        ]

    def __str__(self) -> str:
        who = self.nominee.get_full_name() if self.nominee_id else str(self.nominee_unit)
        return f"{self.title} {self.year}: {who}"

    def get_absolute_url(self) -> str:
        return reverse("personnel:proposal", args=[self.pk])


EmulationProposalUserObjectPermission = grant_model_for(EmulationProposal)
