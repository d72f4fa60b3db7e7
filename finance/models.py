"""Party finance (Điều 10, 9.4): budget estimates and their approval, allocation, commitments,
actual spending imported from the accounting software, settlement, disclosure; and Party dues
(Điều 10.7) under rules kept as dated data, so a past month is computed under the rule then in
force. This is not a ledger: the books stay in the accounting software."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.uploads import random_upload_to
from finance.choices import (
    BudgetLevel,
    EstimateKind,
    FollowUpStatus,
    ImportStatus,
    InspectionStatus,
    MemberCategory,
    PaymentMethod,
    RateKind,
    ReliefKind,
    ThresholdKey,
)
from units.approvals import Step
from units.choices import ApprovalStatus, RoleCode
from units.models import ALL_ROWS, Approvable, OwnedWork, Unit, grant_model_for

MONEY = {"max_digits": 18, "decimal_places": 0}


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """Months from `first` to `last`, both counted."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


class Dated(models.Model):
    """A row valid from a day, to a day (empty: still in force)."""

    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def valid_on(cls, day: date) -> Q:
        return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def clean(self) -> None:
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày hiệu lực.")})


# Catalogues ------------------------------------------------------------------------------------


class BudgetUnit(Dated):
    """A budget unit whose estimate TC consolidates (Điều 10.1): the office (level II, prepared
    by QT, Điều 9.4) and the other bodies of the provincial committee (level I)."""

    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên đơn vị dự toán"), max_length=200)
    level = models.CharField(_("cấp dự toán"), max_length=8, choices=BudgetLevel.choices)
    prepared_by = models.ForeignKey(
        Unit,
        verbose_name=_("phòng lập dự toán"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Phòng của Văn phòng lập dự toán của đơn vị (trống: Phòng Tài chính đảng)."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("đơn vị dự toán")
        verbose_name_plural = _("đơn vị dự toán")

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    """A line of the State budget classification: chapter, type–item, section–subsection."""

    office_catalogue = True

    chapter = models.CharField(_("chương"), max_length=8)
    type_item = models.CharField(_("loại – khoản"), max_length=12)
    section = models.CharField(_("mục"), max_length=8)
    subsection = models.CharField(_("tiểu mục"), max_length=8)
    name = models.CharField(_("nội dung"), max_length=300)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "chapter", "type_item", "section", "subsection"]
        verbose_name = _("mục lục ngân sách")
        verbose_name_plural = _("mục lục ngân sách")
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "type_item", "section", "subsection"],
                name="finance_budget_line_code",
                violation_error_message=_("Mã mục lục ngân sách này đã có."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def code(self) -> str:
        return f"{self.chapter}.{self.type_item}.{self.section}.{self.subsection}"


class FinanceThreshold(Dated):
    """Thresholds that change by decision: commitment warning and refusal, settlement
    variance needing an explanation."""

    office_catalogue = True

    key = models.CharField(_("ngưỡng"), max_length=24, choices=ThresholdKey.choices)
    percent = models.DecimalField(_("tỷ lệ %"), max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "-valid_from"]
        verbose_name = _("ngưỡng tài chính")
        verbose_name_plural = _("ngưỡng tài chính")

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.percent}%"


class DuesRegime(Dated):
    """A Party dues regulation as data (342-QĐ/TW of 2010, 01-QĐ/TW in force 01/02/2026): the
    month's dues follow the regime in force on the month's first day."""

    office_catalogue = True

    code = models.CharField(_("số hiệu văn bản"), max_length=40, unique=True)
    title = models.CharField(_("tên văn bản"), max_length=300)
    #: members of at least this many years of membership are exempt (empty: no such rule)
    exempt_after_years = models.PositiveSmallIntegerField(
        _("miễn đóng khi đủ số năm tuổi đảng"), null=True, blank=True
    )
    max_relief_months = models.PositiveSmallIntegerField(
        _("thời hạn tối đa một quyết định miễn, giảm (tháng)"), default=12
    )
    reduction_percents = models.CharField(
        _("các mức giảm được phép (%)"), max_length=40, default="30,50,70"
    )
    unpaid_flag_months = models.PositiveSmallIntegerField(
        _("số tháng không đóng trong năm bị xem xét"), default=3
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("quy định đảng phí")
        verbose_name_plural = _("quy định đảng phí")

    def __str__(self) -> str:
        return self.code

    @property
    def allowed_reductions(self) -> list[int]:
        return [int(part) for part in self.reduction_percents.split(",") if part.strip()]


class DuesRate(models.Model):
    """One rate of a regime: a percentage of a basis (of the month itself or of an earlier
    month), or a fixed amount a month."""

    office_catalogue = True

    regime = models.ForeignKey(DuesRegime, on_delete=models.CASCADE, related_name="rates")
    category = models.CharField(_("đối tượng"), max_length=16, choices=MemberCategory.choices)
    kind = models.CharField(_("cách tính"), max_length=8, choices=RateKind.choices)
    percent = models.DecimalField(_("tỷ lệ %"), max_digits=5, decimal_places=2, default=0)
    fixed_amount = models.DecimalField(_("mức cố định (đồng/tháng)"), default=0, **MONEY)
    #: 0: the month's own basis; -1: the previous month's (01-QĐ/TW)
    basis_month_offset = models.SmallIntegerField(_("căn cứ của tháng (0: cùng tháng, -1: trước)"))
    basis_label = models.CharField(_("căn cứ tính"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["regime", "category"]
        verbose_name = _("mức đảng phí")
        verbose_name_plural = _("mức đảng phí")
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "category"], name="finance_one_rate_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regime}: {self.get_category_display()}"


class ReliefGround(models.Model):
    """Why a member is exempt or pays less: social pension, poor household, critical illness,
    other hardship. `capped`: the decision lasts at most the regime's `max_relief_months` and
    may be a reduction."""

    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("lý do"), max_length=200)
    capped = models.BooleanField(_("có thời hạn tối đa, được giảm mức"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("lý do miễn, giảm đảng phí")
        verbose_name_plural = _("lý do miễn, giảm đảng phí")

    def __str__(self) -> str:
        return self.name


class DuesShare(Dated):
    """The share of collected dues an organisation directly under the provincial committee
    keeps; the rest is remitted (set by the Central Office's guidance: data)."""

    office_catalogue = True

    level = models.CharField(_("cấp"), max_length=100)
    kept_percent = models.DecimalField(_("tỷ lệ trích giữ lại (%)"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("tỷ lệ trích giữ lại đảng phí")
        verbose_name_plural = _("tỷ lệ trích giữ lại đảng phí")

    def __str__(self) -> str:
        return f"{self.level}: {self.kept_percent}%"


class PartyOrganisation(Dated):
    """A Party organisation directly under the provincial committee, with the dates it existed
    (reorganisations of 2025 ended the district level)."""

    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên tổ chức đảng"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tổ chức đảng trực thuộc")
        verbose_name_plural = _("tổ chức đảng trực thuộc")

    def __str__(self) -> str:
        return self.name


# Budget ----------------------------------------------------------------------------------------


class Estimate(OwnedWork, Approvable):
    """A yearly budget estimate (dự toán). A unit's estimate (QT's for the office) is handed to
    TC; TC's consolidated estimate goes to the deputy chief in charge then the chief, after the
    unit's discussion (Điều 2). Approved versions are read-only; a mid-year revision is the next
    version through the same path."""

    kind = models.CharField(_("loại dự toán"), max_length=16, choices=EstimateKind.choices)
    year = models.PositiveSmallIntegerField(_("năm ngân sách"))
    budget_unit = models.ForeignKey(
        BudgetUnit,
        verbose_name=_("đơn vị dự toán"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="estimates",
    )
    title = models.CharField(_("tên dự toán"), max_length=300)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("phiên bản trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    is_current = models.BooleanField(_("đang có hiệu lực"), default=True)
    revision_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    parts = models.ManyToManyField(
        "self",
        verbose_name=_("dự toán của các đơn vị"),
        symmetrical=False,
        blank=True,
        related_name="consolidations",
    )
    handed_at = models.DateTimeField(_("gửi Phòng Tài chính đảng lúc"), null=True, blank=True)
    decision_number = models.CharField(
        _("số quyết định của Ban Thường vụ"), max_length=60, blank=True
    )
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    allocation_number = models.CharField(
        _("số quyết định giao dự toán (HĐND)"), max_length=60, blank=True
    )
    allocation_date = models.DateField(_("ngày giao dự toán"), null=True, blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    history = HistoricalRecords()

    approval_path = (Step.deputy_chief(), Step.chief())
    requires_discussion = True

    class Meta:
        ordering = ["-year", "kind", "-version", "-pk"]
        verbose_name = _("dự toán ngân sách")
        verbose_name_plural = _("dự toán ngân sách")
        indexes = [models.Index(fields=["year", "kind", "is_current"])]

    def __str__(self) -> str:
        label = f"{self.title} ({self.year})"
        return f"{label} – v{self.version}" if self.version > 1 else label

    def get_absolute_url(self) -> str:
        return reverse("finance:estimate", args=[self.pk])

    @classmethod
    def role_sight(cls) -> dict:
        """Finance officers read every estimate and settlement that is not secret."""
        return {RoleCode.FINANCE_OFFICER: ALL_ROWS}

    @property
    def is_consolidated(self) -> bool:
        return self.kind == EstimateKind.CONSOLIDATED

    @property
    def is_locked(self) -> bool:
        """Approved, submitted or handed to TC: nobody edits it any more."""
        return self.approval_status in (ApprovalStatus.APPROVED, ApprovalStatus.SUBMITTED) or (
            self.handed_at is not None
        )


EstimateUserObjectPermission = grant_model_for(Estimate)


class EstimateLine(models.Model):
    """One line of an estimate with its explanation (thuyết minh)."""

    estimate = models.ForeignKey(Estimate, on_delete=models.CASCADE, related_name="lines")
    budget_unit = models.ForeignKey(
        BudgetUnit, verbose_name=_("đơn vị dự toán"), on_delete=models.PROTECT, related_name="+"
    )
    budget_line = models.ForeignKey(
        BudgetLine, verbose_name=_("mục lục ngân sách"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("số tiền (đồng)"), **MONEY)
    explanation = models.TextField(_("thuyết minh"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget_unit__order", "budget_line__order", "budget_line__section", "pk"]
        verbose_name = _("dòng dự toán")
        verbose_name_plural = _("dòng dự toán")
        constraints = [
            models.UniqueConstraint(
                fields=["estimate", "budget_unit", "budget_line"],
                name="finance_estimate_line_once",
                violation_error_message=_("Dự toán đã có dòng này cho đơn vị."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="finance_estimate_line_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line.code}: {self.amount}"


class Allocation(models.Model):
    """The approved amount of a unit's line handed out by quarter."""

    year = models.PositiveSmallIntegerField(_("năm"))
    budget_unit = models.ForeignKey(BudgetUnit, on_delete=models.PROTECT, related_name="+")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="+")
    quarter = models.PositiveSmallIntegerField(_("quý"))
    amount = models.DecimalField(_("số tiền phân bổ"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "budget_unit", "budget_line", "quarter"]
        verbose_name = _("phân bổ dự toán theo quý")
        verbose_name_plural = _("phân bổ dự toán theo quý")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "budget_unit", "budget_line", "quarter"],
                name="finance_allocation_once",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="finance_allocation_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter} {self.budget_line.code}"


class Commitment(models.Model):
    """An amount committed against a line by an approved spending proposal (procurement, trip,
    conference): any app records it through `finance.services.commitment_record`."""

    year = models.PositiveSmallIntegerField(_("năm"))
    budget_unit = models.ForeignKey(
        BudgetUnit, verbose_name=_("đơn vị dự toán"), on_delete=models.PROTECT, related_name="+"
    )
    budget_line = models.ForeignKey(
        BudgetLine, verbose_name=_("mục lục ngân sách"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("số tiền cam kết"), **MONEY)
    committed_on = models.DateField(_("ngày cam kết"))
    source = models.CharField(_("đề xuất chi đã duyệt"), max_length=300)
    source_key = models.CharField(_("mã nguồn"), max_length=100, blank=True)
    warned = models.BooleanField(_("đã vượt ngưỡng cảnh báo"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-committed_on", "-pk"]
        verbose_name = _("cam kết chi")
        verbose_name_plural = _("cam kết chi")
        indexes = [models.Index(fields=["year", "budget_unit", "budget_line"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_commitment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class ImportMapping(models.Model):
    """Which column of the accounting software's export holds each field, saved once by TC."""

    name = models.CharField(_("tên mẫu"), max_length=100, unique=True)
    columns = models.JSONField(_("cột tương ứng"), default=dict)
    date_format = models.CharField(_("định dạng ngày"), max_length=20, default="%d/%m/%Y")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("mẫu nhập số liệu chi")
        verbose_name_plural = _("mẫu nhập số liệu chi")

    def __str__(self) -> str:
        return self.name


class SpendingImport(models.Model):
    """One file of actual spending: previewed first (nothing written but the file and its
    check), then imported; rejected rows are kept with their reasons."""

    year = models.PositiveSmallIntegerField(_("năm"))
    mapping = models.ForeignKey(
        ImportMapping, verbose_name=_("mẫu nhập"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("tệp"), upload_to=random_upload_to("finance/imports"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    rows_total = models.PositiveIntegerField(_("số dòng"), default=0)
    rows_ok = models.PositiveIntegerField(_("số dòng hợp lệ"), default=0)
    rejected = models.JSONField(_("dòng bị từ chối"), default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    imported_at = models.DateTimeField(_("nhập lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("lần nhập số liệu chi")
        verbose_name_plural = _("lần nhập số liệu chi")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("finance:import", args=[self.pk])


class ActualSpending(models.Model):
    """An imported row of actual spending. Never edited: a wrong row is corrected in the
    accounting software and imported again, so it keeps no history of its own (the import
    that wrote it does)."""

    spending_import = models.ForeignKey(
        SpendingImport, on_delete=models.PROTECT, related_name="rows"
    )
    row_number = models.PositiveIntegerField(_("dòng trong tệp"))
    year = models.PositiveSmallIntegerField(_("năm"))
    budget_unit = models.ForeignKey(BudgetUnit, on_delete=models.PROTECT, related_name="+")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="+")
    spent_on = models.DateField(_("ngày chứng từ"))
    voucher = models.CharField(_("số chứng từ"), max_length=60, blank=True)
    description = models.CharField(_("diễn giải"), max_length=500, blank=True)
    amount = models.DecimalField(_("số tiền"), **MONEY)

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("số liệu chi thực tế")
        verbose_name_plural = _("số liệu chi thực tế")
        indexes = [models.Index(fields=["year", "budget_unit", "budget_line"])]

    def __str__(self) -> str:
        return f"{self.voucher} {self.amount}"


class Settlement(OwnedWork, Approvable):
    """The year's settlement (quyết toán): actual against estimate per line, each variance past
    the threshold explained; approved like the estimate, then published."""

    year = models.PositiveSmallIntegerField(_("năm"))
    estimate = models.ForeignKey(
        Estimate, verbose_name=_("dự toán được duyệt"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên quyết toán"), max_length=300)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    history = HistoricalRecords()

    approval_path = (Step.deputy_chief(), Step.chief())
    requires_discussion = True

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("quyết toán ngân sách")
        verbose_name_plural = _("quyết toán ngân sách")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("finance:settlement", args=[self.pk])

    @classmethod
    def role_sight(cls) -> dict:
        """Finance officers read every estimate and settlement that is not secret."""
        return {RoleCode.FINANCE_OFFICER: ALL_ROWS}


SettlementUserObjectPermission = grant_model_for(Settlement)


class SettlementLine(models.Model):
    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="lines")
    budget_unit = models.ForeignKey(BudgetUnit, on_delete=models.PROTECT, related_name="+")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="+")
    estimate_amount = models.DecimalField(_("dự toán"), **MONEY)
    actual_amount = models.DecimalField(_("thực hiện"), **MONEY)
    explanation = models.TextField(_("giải trình chênh lệch"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget_unit__order", "budget_line__order", "budget_line__section", "pk"]
        verbose_name = _("dòng quyết toán")
        verbose_name_plural = _("dòng quyết toán")

    def __str__(self) -> str:
        return f"{self.budget_line.code}"

    @property
    def variance(self):
        return self.actual_amount - self.estimate_amount

    @property
    def variance_percent(self):
        if not self.estimate_amount:
            return None if not self.actual_amount else 100
        return abs(self.variance) * 100 / self.estimate_amount


# Party dues ------------------------------------------------------------------------------------


class PartyCell(models.Model):
    """A cell (chi bộ) of the office's Party organisation, with its secretary."""

    name = models.CharField(_("tên chi bộ"), max_length=200, unique=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bí thư chi bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("chi bộ")
        verbose_name_plural = _("chi bộ")

    def __str__(self) -> str:
        return self.name


class PartyMember(models.Model):
    """A member of the office's Party organisation; linked to the staff account where he is
    staff (he then sees his own dues)."""

    cell = models.ForeignKey(
        PartyCell, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="members"
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_member",
    )
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=30, blank=True)
    joined_on = models.DateField(_("ngày vào Đảng"))
    category = models.CharField(_("đối tượng"), max_length=16, choices=MemberCategory.choices)
    is_active = models.BooleanField(_("đang sinh hoạt"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cell", "full_name", "pk"]
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("finance:member", args=[self.pk])


class IncomeBasis(models.Model):
    """A member's income of a month that dues are computed on (salary base, benefit, pension),
    entered or imported from payroll; a different category that month is stated here."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="incomes")
    month = models.DateField(_("tháng"))
    amount = models.DecimalField(_("số tiền căn cứ"), **MONEY)
    category = models.CharField(
        _("đối tượng trong tháng"), max_length=16, choices=MemberCategory.choices, blank=True
    )
    source = models.CharField(_("nguồn"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "month"]
        verbose_name = _("căn cứ tính đảng phí")
        verbose_name_plural = _("căn cứ tính đảng phí")
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="finance_income_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="finance_income_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%m/%Y}"


class DuesRelief(models.Model):
    """A decision exempting a member or reducing his dues from one month to another."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="reliefs")
    kind = models.CharField(_("hình thức"), max_length=10, choices=ReliefKind.choices)
    ground = models.ForeignKey(
        ReliefGround, verbose_name=_("lý do"), on_delete=models.PROTECT, related_name="+"
    )
    percent = models.PositiveSmallIntegerField(_("mức giảm (%)"), default=100)
    starts_on = models.DateField(_("từ tháng"))
    ends_on = models.DateField(_("đến hết tháng"))
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "-starts_on"]
        verbose_name = _("quyết định miễn, giảm đảng phí")
        verbose_name_plural = _("quyết định miễn, giảm đảng phí")

    def __str__(self) -> str:
        return (
            f"{self.member}: {self.get_kind_display()} {self.starts_on:%m/%Y}–{self.ends_on:%m/%Y}"
        )


class DuesCharge(models.Model):
    """The dues of one member for one month, computed under the regime then in force; `excuse`
    is the recorded reason a month is unpaid."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="charges")
    month = models.DateField(_("tháng"))
    regime = models.ForeignKey(DuesRegime, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("đối tượng"), max_length=16, choices=MemberCategory.choices)
    basis = models.DecimalField(_("căn cứ"), null=True, blank=True, **MONEY)
    full_amount = models.DecimalField(_("mức phải đóng trước miễn, giảm"), **MONEY)
    amount = models.DecimalField(_("phải đóng"), **MONEY)
    relief = models.ForeignKey(
        DuesRelief, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    excuse = models.CharField(_("lý do chưa đóng"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "month"]
        verbose_name = _("đảng phí phải đóng")
        verbose_name_plural = _("đảng phí phải đóng")
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="finance_charge_once")
        ]
        indexes = [models.Index(fields=["month", "member"])]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%m/%Y}"


class DuesPayment(models.Model):
    """What a member paid for a month: cash to the cell, or a bank or portal reference."""

    member = models.ForeignKey(PartyMember, on_delete=models.PROTECT, related_name="payments")
    month = models.DateField(_("đóng cho tháng"))
    amount = models.DecimalField(_("số tiền"), **MONEY)
    paid_on = models.DateField(_("ngày nộp"))
    method = models.CharField(_("hình thức"), max_length=8, choices=PaymentMethod.choices)
    reference = models.CharField(_("số tham chiếu"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "month", "pk"]
        verbose_name = _("đảng phí đã nộp")
        verbose_name_plural = _("đảng phí đã nộp")
        indexes = [models.Index(fields=["month", "member"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%m/%Y}: {self.amount}"


class DuesFlag(models.Model):
    """A member with the regime's number of unpaid months in a year and no recorded reason:
    raised once a year to the cell's secretary and TC, by the monthly job as well as by TC.
    Written once and never changed, so it keeps no history of its own."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="flags")
    year = models.PositiveSmallIntegerField(_("năm"))
    months = models.CharField(_("các tháng chưa đóng"), max_length=100)
    raised_on = models.DateField(_("ngày báo"))

    class Meta:
        ordering = ["-year", "member"]
        verbose_name = _("đảng viên không đóng đảng phí")
        verbose_name_plural = _("đảng viên không đóng đảng phí")
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="finance_flag_once")]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"


class DuesReport(models.Model):
    """An organisation directly under the provincial committee reports its quarter: members,
    dues collected, share kept, share remitted to the provincial committee."""

    organisation = models.ForeignKey(
        PartyOrganisation,
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))
    members = models.PositiveIntegerField(_("số đảng viên"))
    collected = models.DecimalField(_("đảng phí thu được"), **MONEY)
    kept = models.DecimalField(_("trích giữ lại"), **MONEY)
    remitted = models.DecimalField(_("nộp cấp trên"), default=0, **MONEY)
    reported_on = models.DateField(_("ngày báo cáo"))
    remitted_on = models.DateField(_("ngày nộp"), null=True, blank=True)
    remittance_reference = models.CharField(_("chứng từ nộp"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-quarter", "organisation"]
        verbose_name = _("báo cáo thu nộp đảng phí")
        verbose_name_plural = _("báo cáo thu nộp đảng phí")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"],
                name="finance_dues_report_once",
                violation_error_message=_("Tổ chức đảng đã báo cáo quý này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} Q{self.quarter}/{self.year}"


# Inspections (Điều 10.4) -----------------------------------------------------------------------


class FinanceInspection(OwnedWork):
    """A finance inspection of a Party organisation directly under the provincial committee
    (Điều 10.4): planned, carried out by a team, concluded; one owner in TC follows it."""

    organisation = models.ForeignKey(
        PartyOrganisation,
        verbose_name=_("tổ chức đảng được kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    title = models.CharField(_("tên cuộc kiểm tra"), max_length=300)
    period_from = models.DateField(_("kỳ kiểm tra từ ngày"))
    period_to = models.DateField(_("kỳ kiểm tra đến ngày"))
    planned_start = models.DateField(_("dự kiến bắt đầu"))
    planned_end = models.DateField(_("dự kiến kết thúc"))
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("đoàn kiểm tra"),
        blank=True,
        related_name="finance_inspections",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    started_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    conclusion = models.TextField(_("kết luận kiểm tra"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-planned_start", "-pk"]
        verbose_name = _("cuộc kiểm tra tài chính")
        verbose_name_plural = _("cuộc kiểm tra tài chính")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("finance:inspection", args=[self.pk])

    @classmethod
    def role_sight(cls) -> dict:
        """Finance officers read every inspection that is not secret."""
        return {RoleCode.FINANCE_OFFICER: ALL_ROWS}

    def clean(self) -> None:
        errors = {}
        if self.period_from and self.period_to and self.period_to < self.period_from:
            errors["period_to"] = _("Kỳ kiểm tra phải kết thúc sau ngày bắt đầu.")
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("Ngày dự kiến kết thúc phải sau ngày dự kiến bắt đầu.")
        if errors:
            raise ValidationError(errors)


FinanceInspectionUserObjectPermission = grant_model_for(FinanceInspection)


class InspectionFinding(models.Model):
    """One finding of an inspection with its recommendation, the body that answers for it, the
    due date and the follow-up of what was done."""

    inspection = models.ForeignKey(
        FinanceInspection, on_delete=models.CASCADE, related_name="findings"
    )
    finding = models.TextField(_("nội dung phát hiện"))
    recommendation = models.TextField(_("kiến nghị"))
    responsible_body = models.CharField(_("đơn vị, người chịu trách nhiệm"), max_length=200)
    due_on = models.DateField(_("hạn thực hiện"))
    follow_up_status = models.CharField(
        _("tình hình thực hiện"),
        max_length=16,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.OPEN,
    )
    follow_up_result = models.TextField(_("kết quả thực hiện"), blank=True)
    followed_up_on = models.DateField(_("ngày ghi kết quả"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("phát hiện, kiến nghị kiểm tra")
        verbose_name_plural = _("phát hiện, kiến nghị kiểm tra")
        indexes = [models.Index(fields=["follow_up_status", "due_on"])]

    def __str__(self) -> str:
        return self.finding[:80]

    def get_absolute_url(self) -> str:
        return self.inspection.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return self.follow_up_status in (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)
