"""Procurement of tools, equipment and stationery (Điều 9.6): a request with its lines, the
suppliers' quotes, the choice of one, the approval by the requester's head and the deputy chief
in charge of QT, the purchase (the commitment against a budget line), and the receipt into the
asset register or the stationery stock (`StockItem`, whose quantity moves by `StockMovement`).

Facilities does not depend on the finance app: the purchase records the budget line's text and
the amount committed, for finance to take up."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.uploads import UploadValidator, random_upload_to
from facilities.models import FACILITIES_DEPUTY
from units.approvals import Step
from units.choices import Designation
from units.models import ALL_ROWS, Approvable, OwnedWork, grant_model_for

__all__ = [
    "ProcurementStage",
    "ReceiveInto",
    "MovementDirection",
    "Procurement",
    "ProcurementUserObjectPermission",
    "ProcurementLine",
    "Quote",
    "StockItem",
    "StockMovement",
]


class ProcurementStage(models.TextChoices):
    QUOTING = "quoting", _("Lấy báo giá")
    PURCHASED = "purchased", _("Đã mua")
    RECEIVED = "received", _("Đã nhập")


class ReceiveInto(models.TextChoices):
    REGISTER = "register", _("Sổ tài sản")
    STOCK = "stock", _("Kho văn phòng phẩm")


class MovementDirection(models.TextChoices):
    IN = "in", _("Nhập kho")
    OUT = "out", _("Xuất kho")


class Procurement(OwnedWork, Approvable):
    """A request to buy (Điều 9.6): the requester is the person in charge and his unit the lead
    unit, so his head approves by position, then QT's deputy chief; QT sees every request,
    collects the quotes, records the purchase and the receipt."""

    number = models.PositiveIntegerField(_("số đề nghị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("nội dung mua sắm"), max_length=300)
    reason = models.TextField(_("lý do, sự cần thiết"), blank=True)
    receive_into = models.CharField(
        _("nhập vào"), max_length=10, choices=ReceiveInto.choices, default=ReceiveInto.STOCK
    )
    stage = models.CharField(
        _("giai đoạn"),
        max_length=10,
        choices=ProcurementStage.choices,
        default=ProcurementStage.QUOTING,
        db_index=True,
    )
    chosen_quote = models.ForeignKey(
        "facilities.Quote",
        verbose_name=_("báo giá được chọn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The purchase and the commitment against a budget line.
    purchased_on = models.DateField(_("ngày mua"), null=True, blank=True)
    invoice_no = models.CharField(_("số hóa đơn"), max_length=50, blank=True)
    amount = models.DecimalField(
        _("số tiền (đồng)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    budget_line = models.CharField(_("dòng dự toán cam kết chi"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("nhập lúc"), null=True, blank=True)
    history = HistoricalRecords()

    approval_path = (Step.unit_head(), FACILITIES_DEPUTY)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("đề nghị mua sắm")
        verbose_name_plural = _("đề nghị mua sắm")
        indexes = [models.Index(fields=["-created_at", "-id"], name="procurement_newest")]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="procurement_number"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="procurement_amount_not_negative",
                violation_error_message=_("Số tiền không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return _("Đề nghị mua sắm số %(number)s/%(year)s: %(title)s") % {
            "number": self.number,
            "year": self.year,
            "title": self.title,
        }

    def get_absolute_url(self) -> str:
        return reverse("facilities:procurement", args=[self.pk])

    @classmethod
    def designation_sight(cls):
        return {Designation.FACILITIES: ALL_ROWS}

    def estimated_total(self) -> Decimal:
        return sum((line.quantity * line.estimated_price for line in self.lines.all()), Decimal(0))


ProcurementUserObjectPermission = grant_model_for(Procurement)


class ProcurementLine(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("hàng hóa"), max_length=200)
    unit = models.CharField(_("đơn vị tính"), max_length=30, default="cái")
    quantity = models.PositiveIntegerField(_("số lượng"))
    estimated_price = models.DecimalField(
        _("đơn giá dự kiến (đồng)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("dòng đề nghị mua sắm")
        verbose_name_plural = _("dòng đề nghị mua sắm")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="procurement_line_quantity_positive",
                violation_error_message=_("Số lượng phải lớn hơn 0."),
            ),
            models.CheckConstraint(
                condition=Q(estimated_price__gte=0),
                name="procurement_line_price_not_negative",
                violation_error_message=_("Đơn giá không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} × {self.quantity} {self.unit}"


class Quote(models.Model):
    """A supplier's quote, with its file (a PDF or a scan)."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="quotes")
    supplier = models.CharField(_("nhà cung cấp"), max_length=200)
    amount = models.DecimalField(
        _("giá chào (đồng)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(Decimal("0"))],
    )
    file = models.FileField(
        _("tệp báo giá"),
        upload_to=random_upload_to("facilities/quotes"),
        validators=[UploadValidator()],
        blank=True,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["amount", "pk"]
        verbose_name = _("báo giá")
        verbose_name_plural = _("báo giá")

    def __str__(self) -> str:
        return f"{self.supplier}: {self.amount}"


class StockItem(models.Model):
    """A stationery item in QT's stock, with its quantity on hand."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên vật tư"), max_length=200)
    unit = models.CharField(_("đơn vị tính"), max_length=30, default="cái")
    on_hand = models.PositiveIntegerField(_("tồn kho"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("vật tư văn phòng phẩm")
        verbose_name_plural = _("kho văn phòng phẩm")
        constraints = [
            models.CheckConstraint(
                condition=Q(on_hand__gte=0),
                name="stock_item_on_hand_not_negative",
                violation_error_message=_("Tồn kho không được âm."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class StockMovement(models.Model):
    item = models.ForeignKey(
        StockItem, verbose_name=_("vật tư"), on_delete=models.PROTECT, related_name="movements"
    )
    direction = models.CharField(_("loại"), max_length=3, choices=MovementDirection.choices)
    quantity = models.PositiveIntegerField(_("số lượng"))
    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("đề nghị mua sắm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    issued_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moved_at = models.DateTimeField(_("lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-moved_at", "-pk"]
        verbose_name = _("phiếu nhập, xuất kho")
        verbose_name_plural = _("phiếu nhập, xuất kho")
        indexes = [models.Index(fields=["item", "-moved_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="stock_movement_quantity_positive",
                violation_error_message=_("Số lượng phải lớn hơn 0."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.item.name} × {self.quantity}"
