"""The Management unit's work (QT, Điều 9): one service-request engine for every kind of request
(vehicle with driver, meeting room, guest rooms and meals, stationery), the resources it books,
the asset register with its hand-overs, visiting delegations and the yearly inventory.

Catalogues (kinds of request, asset categories with their depreciation rates, funding sources)
are data an administrator edits (`office_catalogue = True`), seeded by migration 0002."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from facilities.choices import (
    AssetState,
    BookingKind,
    DeputyApproval,
    Handling,
    ResourceKind,
    ServiceStatus,
)
from facilities.constraints import PostgresExclusionConstraint
from units.approvals import Step
from units.choices import ApprovalStatus, Designation, RoleCode
from units.models import ALL_ROWS, Approvable, OwnedWork, grant_model_for


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


# Catalogues ---------------------------------------------------------------------------------


class RequestKind(models.Model):
    """A kind of service request and the path it declares: every kind goes to the requester's
    head; `deputy_approval` says when the deputy chief in charge of QT decides after him."""

    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên loại yêu cầu"), max_length=120)
    resource_kind = models.CharField(
        _("loại phương tiện bố trí"),
        max_length=10,
        choices=ResourceKind.choices,
        blank=True,
        help_text=_("Để trống khi yêu cầu không đặt phương tiện (văn phòng phẩm, suất ăn)."),
    )
    needs_server = models.BooleanField(_("cần người phục vụ (lái xe)"), default=False)
    deputy_approval = models.CharField(
        _("Phó Chánh Văn phòng phụ trách QT duyệt"),
        max_length=20,
        choices=DeputyApproval.choices,
        default=DeputyApproval.NEVER,
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("loại yêu cầu phục vụ")
        verbose_name_plural = _("loại yêu cầu phục vụ")

    def __str__(self) -> str:
        return self.name


class AssetCategory(models.Model):
    """A class of fixed assets after the state's classification (Thông tư 23/2023/TT-BTC), with
    its useful life and yearly depreciation rate."""

    office_catalogue = True

    code = models.CharField(_("mã loại"), max_length=20, unique=True)
    name = models.CharField(_("tên loại tài sản"), max_length=200)
    useful_life_years = models.PositiveSmallIntegerField(_("thời gian sử dụng (năm)"))
    depreciation_rate = models.DecimalField(
        _("tỷ lệ hao mòn (%/năm)"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0")),
            MaxValueValidator(
                Decimal("100"), message=_("Tỷ lệ hao mòn không được vượt quá 100 %%.")
            ),
        ],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("loại tài sản cố định")
        verbose_name_plural = _("loại tài sản cố định")
        constraints = [
            models.CheckConstraint(
                condition=Q(depreciation_rate__gte=0, depreciation_rate__lte=100),
                name="asset_category_rate_within_100",
                violation_error_message=_("Tỷ lệ hao mòn không được vượt quá 100 %%."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class FundingSource(models.Model):
    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("nguồn kinh phí"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")

    def __str__(self) -> str:
        return self.name


# Assets -------------------------------------------------------------------------------------


class Asset(OwnedWork):
    """One fixed asset of the register (Điều 9.6, 10.3), kept by QT (its lead unit and the
    person in charge); the custodian who accepted it on the site sees it too. TC's finance
    officers see every asset: values, funding, state."""

    code = models.CharField(_("mã tài sản"), max_length=30, unique=True)
    name = models.CharField(_("tên tài sản"), max_length=200)
    category = models.ForeignKey(
        AssetCategory, verbose_name=_("loại tài sản"), on_delete=models.PROTECT
    )
    funding = models.ForeignKey(
        FundingSource, verbose_name=_("nguồn kinh phí"), on_delete=models.PROTECT
    )
    purchased_on = models.DateField(_("ngày mua"))
    purchase_value = models.DecimalField(
        _("nguyên giá (đồng)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(Decimal("0"))],
    )
    location = models.CharField(_("vị trí"), max_length=200)
    custodian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quản lý, sử dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    custodian_since = models.DateField(_("nhận bàn giao ngày"), null=True, blank=True)
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=AssetState.choices, default=AssetState.IN_USE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "pk"]
        verbose_name = _("tài sản")
        verbose_name_plural = _("sổ tài sản")
        indexes = [models.Index(fields=["location", "code"])]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:asset", args=[self.pk])

    @classmethod
    def role_sight(cls):
        return {RoleCode.FINANCE_OFFICER: ALL_ROWS}

    @classmethod
    def designation_sight(cls):
        return {Designation.FACILITIES: ALL_ROWS}

    def depreciation(self, on: date | None = None) -> tuple[Decimal, Decimal]:
        """(accumulated depreciation, residual value) on a day: the category's yearly rate of
        the purchase value for each full year since purchase, never beyond the value."""
        on = on or timezone.localdate()
        years = on.year - self.purchased_on.year
        if (on.month, on.day) < (self.purchased_on.month, self.purchased_on.day):
            years -= 1
        yearly = self.purchase_value * self.category.depreciation_rate / 100
        worn = min(self.purchase_value, (yearly * max(years, 0)).quantize(Decimal("1")))
        return worn, self.purchase_value - worn


AssetUserObjectPermission = grant_model_for(Asset)


class AssetHandover(models.Model):
    """QT hands an asset to a custodian; he accepts it on the site, and from then the register
    names him (Điều 9.6)."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="handovers")
    custodian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.CharField(_("vị trí bàn giao"), max_length=200)
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    handed_at = models.DateTimeField(_("bàn giao lúc"), default=timezone.now)
    accepted_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-handed_at", "-pk"]
        verbose_name = _("biên bản bàn giao tài sản")
        verbose_name_plural = _("biên bản bàn giao tài sản")

    def __str__(self) -> str:
        return f"{self.asset.code} → {self.custodian}"


# Resources and the service-request engine ---------------------------------------------------


class Resource(models.Model):
    """What QT books: a vehicle, a meeting room, a guest room. A vehicle is also an asset of
    the register, whose page shows its trips."""

    office_catalogue = True

    kind = models.CharField(_("loại"), max_length=10, choices=ResourceKind.choices)
    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    capacity = models.PositiveSmallIntegerField(_("sức chứa (người)"), default=1)
    equipment = models.CharField(_("trang thiết bị"), max_length=500, blank=True)
    location = models.CharField(_("vị trí"), max_length=200, blank=True)
    plate = models.CharField(_("biển kiểm soát"), max_length=20, blank=True)
    odometer_km = models.PositiveIntegerField(_("số km trên đồng hồ"), default=0)
    maintenance_due = models.DateField(_("hạn bảo dưỡng"), null=True, blank=True)
    insurance_due = models.DateField(_("hạn bảo hiểm"), null=True, blank=True)
    asset = models.OneToOneField(
        Asset,
        verbose_name=_("tài sản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resource",
    )
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("phương tiện, phòng")
        verbose_name_plural = _("phương tiện, phòng")

    def __str__(self) -> str:
        return f"{self.name} ({self.plate})" if self.plate else self.name

    def get_absolute_url(self) -> str:
        return reverse("facilities:resource", args=[self.pk])


class VisitingDelegation(OwnedWork):
    """A delegation visiting the committee or the office (Điều 9.2): one case with one owner in
    QT; lodging, meals, vehicles and the room are requests of the engine attached to it."""

    title = models.CharField(_("đoàn khách"), max_length=300)
    guests = models.TextField(_("thành phần đoàn"))
    arrives_on = models.DateField(_("ngày đến"))
    leaves_on = models.DateField(_("ngày về"))
    programme = models.TextField(_("chương trình làm việc"), blank=True)
    budget_line = models.CharField(_("nguồn kinh phí chi"), max_length=200, blank=True)
    settlement = models.TextField(_("quyết toán"), blank=True)
    settled_at = models.DateTimeField(_("quyết toán lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-arrives_on", "-pk"]
        verbose_name = _("đoàn khách")
        verbose_name_plural = _("đoàn khách")
        constraints = [
            models.CheckConstraint(
                condition=Q(leaves_on__gte=F("arrives_on")),
                name="visit_leaves_after_arrival",
                violation_error_message=_("Ngày về phải từ ngày đến trở đi."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("facilities:visit", args=[self.pk])

    @classmethod
    def designation_sight(cls):
        return {Designation.FACILITIES: ALL_ROWS}


VisitingDelegationUserObjectPermission = grant_model_for(VisitingDelegation)

#: QT's deputy chief decides after the head for a vehicle out of the province or a delegation.
FACILITIES_DEPUTY = Step.deputy_chief(of=Designation.FACILITIES)


class ServiceRequest(OwnedWork, Approvable):
    """What a member of staff asks QT for (Điều 9.1, 9.2): the requester is the person in charge
    and his unit the lead unit, so his head approves by position; QT sees the request once it
    is submitted, assigns the resource and the person serving it, and closes it with what was
    used."""

    number = models.PositiveIntegerField(_("số yêu cầu"))
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.ForeignKey(RequestKind, verbose_name=_("loại yêu cầu"), on_delete=models.PROTECT)
    purpose = models.CharField(_("mục đích, nội dung công việc"), max_length=500)
    details = models.TextField(_("nội dung đề nghị"), blank=True)
    destination = models.CharField(_("nơi đến"), max_length=200, blank=True)
    outside_province = models.BooleanField(_("đi ngoài tỉnh"), default=False)
    people = models.PositiveSmallIntegerField(_("số người"), default=1)
    starts_at = models.DateTimeField(_("từ"))
    ends_at = models.DateTimeField(_("đến"))
    wanted_resource = models.ForeignKey(
        Resource,
        verbose_name=_("phòng, xe đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    visit = models.ForeignKey(
        VisitingDelegation,
        verbose_name=_("đoàn khách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    service_status = models.CharField(
        _("tình trạng phục vụ"),
        max_length=10,
        choices=ServiceStatus.choices,
        default=ServiceStatus.WAITING,
        db_index=True,
    )
    used = models.TextField(_("đã sử dụng"), blank=True)
    closed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    history = HistoricalRecords()

    approval_path = (Step.unit_head(), FACILITIES_DEPUTY)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("yêu cầu phục vụ")
        verbose_name_plural = _("yêu cầu phục vụ")
        indexes = [
            models.Index(fields=["lead_unit", "starts_at"]),
            models.Index(fields=["owner", "starts_at"]),
            models.Index(fields=["approval_status", "service_status", "starts_at"]),
            # The lists' order (newest first): a page is the first rows of this index.
            models.Index(fields=["-starts_at", "-id"], name="service_request_newest"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="service_request_number"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="service_request_ends_after_start",
                violation_error_message=_("Thời gian kết thúc phải sau thời gian bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return _("Yêu cầu số %(number)s/%(year)s: %(kind)s") % {
            "number": self.number,
            "year": self.year,
            "kind": self.kind,
        }

    def get_absolute_url(self) -> str:
        return reverse("facilities:request", args=[self.pk])

    @classmethod
    def designation_sight(cls):
        return {
            Designation.FACILITIES: Q(
                approval_status__in=[ApprovalStatus.SUBMITTED, ApprovalStatus.APPROVED]
            )
        }

    def needs_deputy(self) -> bool:
        rule = self.kind.deputy_approval
        return (
            self.visit_id is not None
            or rule == DeputyApproval.ALWAYS
            or (rule == DeputyApproval.OUTSIDE_PROVINCE and self.outside_province)
        )

    def get_approval_path(self) -> tuple:
        return self.approval_path if self.needs_deputy() else (Step.unit_head(),)


ServiceRequestUserObjectPermission = grant_model_for(ServiceRequest)


class Booking(models.Model):
    """A resource (and the person serving it) held for a time window: QT's assignment of a
    request, or a vehicle's maintenance. The database refuses two live bookings of one resource,
    or of one driver, that overlap (exclusion constraints on PostgreSQL), so of two clerks
    booking the same slot at once exactly one wins."""

    kind = models.CharField(
        _("loại"), max_length=12, choices=BookingKind.choices, default=BookingKind.SERVICE
    )
    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("phương tiện, phòng"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    server = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phục vụ (lái xe)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("từ"))
    ends_at = models.DateTimeField(_("đến"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    # The vehicle's log (a trip): check-out and check-in.
    odometer_out = models.PositiveIntegerField(_("số km khi xuất xe"), null=True, blank=True)
    fuel_out = models.DecimalField(
        _("nhiên liệu khi xuất xe (lít)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    checked_out_at = models.DateTimeField(_("xuất xe lúc"), null=True, blank=True)
    odometer_in = models.PositiveIntegerField(_("số km khi nhận xe về"), null=True, blank=True)
    fuel_in = models.DecimalField(
        _("nhiên liệu khi nhận xe về (lít)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    checked_in_at = models.DateTimeField(_("nhận xe về lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("lịch bố trí")
        verbose_name_plural = _("lịch bố trí")
        indexes = [
            models.Index(fields=["resource", "starts_at"]),
            models.Index(fields=["server", "starts_at"]),
            models.Index(fields=["starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="booking_ends_after_start",
                violation_error_message=_("Thời gian kết thúc phải sau thời gian bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(odometer_in__isnull=True) | Q(odometer_in__gte=F("odometer_out")),
                name="booking_odometer_not_backwards",
                violation_error_message=_("Số km khi nhận xe về không được nhỏ hơn khi xuất xe."),
            ),
            PostgresExclusionConstraint(
                name="booking_resource_no_overlap",
                expressions=[
                    ("resource", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                condition=Q(cancelled_at__isnull=True),
            ),
            PostgresExclusionConstraint(
                name="booking_server_no_overlap",
                expressions=[
                    ("server", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                condition=Q(cancelled_at__isnull=True, server__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def km(self) -> int | None:
        if self.odometer_in is None or self.odometer_out is None:
            return None
        return self.odometer_in - self.odometer_out


# The yearly inventory -----------------------------------------------------------------------


class InventoryCampaign(OwnedWork, Approvable):
    """The yearly inventory (kiểm kê) done by QT with TC (Điều 9.6): per location, counted
    against the register, discrepancies in the minutes; the handling proposals go to the deputy
    chief in charge of QT, and an approved liquidation updates the register."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên đợt kiểm kê"), max_length=300)
    minutes = models.TextField(_("biên bản kiểm kê"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("đợt kiểm kê tài sản")
        verbose_name_plural = _("đợt kiểm kê tài sản")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("facilities:inventory", args=[self.pk])

    @classmethod
    def role_sight(cls):
        return {RoleCode.FINANCE_OFFICER: ALL_ROWS}

    @classmethod
    def designation_sight(cls):
        return {Designation.FACILITIES: ALL_ROWS}


InventoryCampaignUserObjectPermission = grant_model_for(InventoryCampaign)


class InventoryLine(models.Model):
    """One asset as recorded and as counted at its location, with what is proposed for it."""

    campaign = models.ForeignKey(InventoryCampaign, on_delete=models.CASCADE, related_name="lines")
    asset = models.ForeignKey(Asset, verbose_name=_("tài sản"), on_delete=models.PROTECT)
    location = models.CharField(_("vị trí theo sổ"), max_length=200)
    found = models.BooleanField(_("có trên thực tế"), null=True, blank=True)
    found_state = models.CharField(
        _("tình trạng thực tế"), max_length=12, choices=AssetState.choices, blank=True
    )
    discrepancy = models.CharField(_("chênh lệch, nguyên nhân"), max_length=500, blank=True)
    proposal = models.CharField(
        _("đề xuất xử lý"), max_length=10, choices=Handling.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["location", "asset__code", "pk"]
        verbose_name = _("dòng kiểm kê")
        verbose_name_plural = _("dòng kiểm kê")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "asset"], name="inventory_asset_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.asset.code}"


from facilities.models_fire import *  # noqa: E402, F403
from facilities.models_procurement import *  # noqa: E402, F403
