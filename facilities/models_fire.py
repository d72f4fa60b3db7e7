"""Guarding and fire safety (Điều 9.3), after Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ
(55/2024/QH15) and Nghị định 105/2025/NĐ-CP: QT's books (the register of fire-safety equipment
with its inspection dates, the guard roster) and QT's work (drills of the fire plan with their
participants and minutes, inspections with their findings, each finding followed up by a task
of QT through `units.services.task_create`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from facilities.constraints import PostgresExclusionConstraint
from facilities.models import TsTzRange
from units.choices import Designation
from units.models import ALL_ROWS, OwnedWork, Task, grant_model_for

__all__ = [
    "FireEquipmentKind",
    "FireEquipment",
    "FireDrill",
    "FireDrillUserObjectPermission",
    "FireInspection",
    "FireInspectionUserObjectPermission",
    "FireFinding",
    "GuardShift",
]


class FireEquipmentKind(models.TextChoices):
    EXTINGUISHER_POWDER = "powder", _("Bình chữa cháy bột")
    EXTINGUISHER_CO2 = "co2", _("Bình chữa cháy khí CO2")
    HYDRANT = "hydrant", _("Họng nước chữa cháy vách tường")
    ALARM = "alarm", _("Hệ thống báo cháy tự động")
    SPRINKLER = "sprinkler", _("Hệ thống chữa cháy tự động (sprinkler)")
    EMERGENCY_LIGHT = "light", _("Đèn chiếu sáng sự cố, chỉ dẫn thoát nạn")
    RESCUE = "rescue", _("Phương tiện cứu nạn, cứu hộ")
    OTHER = "other", _("Phương tiện khác")


class FireEquipment(models.Model):
    """One line of QT's register of fire-safety equipment: what, where, how many, when it was
    last inspected (or refilled) and when it is next due; QT's staff are reminded before the
    next date (`facilities.services.fire.remind_fire_equipment`)."""

    kind = models.CharField(_("loại phương tiện"), max_length=12, choices=FireEquipmentKind)
    name = models.CharField(_("tên, quy cách"), max_length=200)
    location = models.CharField(_("vị trí bố trí"), max_length=200)
    quantity = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    last_inspected_on = models.DateField(_("kiểm tra, nạp sạc lần cuối"))
    next_due_on = models.DateField(_("hạn kiểm tra, nạp sạc tiếp theo"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["next_due_on", "pk"]
        verbose_name = _("phương tiện phòng cháy, chữa cháy")
        verbose_name_plural = _("sổ phương tiện phòng cháy, chữa cháy")
        indexes = [models.Index(fields=["next_due_on", "id"], name="fire_equipment_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_due_on__gt=F("last_inspected_on")),
                name="fire_equipment_next_after_last",
                violation_error_message=_(
                    "Hạn kiểm tra tiếp theo phải sau ngày kiểm tra lần cuối."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="fire_equipment_quantity_positive",
                violation_error_message=_("Số lượng ít nhất là 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.location}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:fire-equipment", args=[self.pk])


class FireDrill(OwnedWork):
    """A drill of the office's fire-fighting and rescue plan: when, where, the scenario, the
    members of staff who took part, and the minutes."""

    held_at = models.DateTimeField(_("thời gian thực tập"))
    location = models.CharField(_("địa điểm"), max_length=200)
    scenario = models.TextField(_("tình huống, nội dung phương án"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tham gia"),
        blank=True,
        related_name="+",
    )
    minutes = models.TextField(_("biên bản thực tập"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_at", "-pk"]
        verbose_name = _("thực tập phương án chữa cháy")
        verbose_name_plural = _("thực tập phương án chữa cháy")

    def __str__(self) -> str:
        return _("Thực tập PCCC ngày %(day)s") % {
            "day": timezone.localtime(self.held_at).strftime("%d/%m/%Y")
        }

    def get_absolute_url(self) -> str:
        return reverse("facilities:fire-drill", args=[self.pk])

    @classmethod
    def designation_sight(cls):
        return {Designation.FACILITIES: ALL_ROWS}


FireDrillUserObjectPermission = grant_model_for(FireDrill)


class FireInspection(OwnedWork):
    """A fire-safety inspection of the office's premises (self-inspection by QT or by the
    police's fire service): its findings each get a follow-up task."""

    inspected_on = models.DateField(_("ngày kiểm tra"))
    inspector = models.CharField(_("đơn vị, người kiểm tra"), max_length=200)
    scope = models.CharField(_("phạm vi kiểm tra"), max_length=300)
    conclusion = models.TextField(_("kết luận"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        verbose_name = _("kiểm tra an toàn phòng cháy, chữa cháy")
        verbose_name_plural = _("kiểm tra an toàn phòng cháy, chữa cháy")

    def __str__(self) -> str:
        return _("Kiểm tra PCCC ngày %(day)s") % {"day": self.inspected_on.strftime("%d/%m/%Y")}

    def get_absolute_url(self) -> str:
        return reverse("facilities:fire-inspection", args=[self.pk])

    @classmethod
    def designation_sight(cls):
        return {Designation.FACILITIES: ALL_ROWS}


FireInspectionUserObjectPermission = grant_model_for(FireInspection)


class FireFinding(models.Model):
    """One shortcoming an inspection found, and the task of QT that remedies it."""

    inspection = models.ForeignKey(
        FireInspection, on_delete=models.CASCADE, related_name="findings"
    )
    description = models.CharField(_("tồn tại, kiến nghị"), max_length=500)
    task = models.OneToOneField(
        Task,
        verbose_name=_("việc khắc phục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tồn tại qua kiểm tra PCCC")
        verbose_name_plural = _("tồn tại qua kiểm tra PCCC")

    def __str__(self) -> str:
        return self.description


class GuardShift(models.Model):
    """One line of the guard roster: who guards which post from when to when. The database
    refuses one guard on two overlapping shifts (PostgreSQL exclusion constraint); the service
    names the clash."""

    guard = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trực"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.CharField(_("vị trí trực"), max_length=120)
    starts_at = models.DateTimeField(_("bắt đầu ca"))
    ends_at = models.DateTimeField(_("kết thúc ca"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("ca trực bảo vệ")
        verbose_name_plural = _("lịch trực bảo vệ")
        indexes = [
            models.Index(fields=["guard", "starts_at"]),
            models.Index(fields=["-starts_at", "-id"], name="guard_shift_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="guard_shift_ends_after_start",
                violation_error_message=_("Giờ kết thúc ca phải sau giờ bắt đầu."),
            ),
            PostgresExclusionConstraint(
                name="guard_shift_no_overlap",
                expressions=[
                    ("guard", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{self.post}: {start:%d/%m/%Y %H:%M}–{end:%H:%M}"
