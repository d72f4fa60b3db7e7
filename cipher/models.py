"""Cipher–IT's own work (Điều 11): the cipher-machine room and its log, the register of cipher
messages (metadata only), equipment and its maintenance, the inspections of connected Party
bodies' networks, and IT support tickets."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cipher.choices import (
    Direction,
    EntryPurpose,
    EquipmentKind,
    EquipmentStatus,
    FindingStatus,
    RoomEventKind,
    TicketStatus,
    Urgency,
)
from units.approvals import Step
from units.choices import Secrecy
from units.models import Approvable, OwnedWork, Unit, grant_model_for

# Rules that change: data ----------------------------------------------------------------------


class CipherTerms(models.Model):
    """Cipher–IT's time limits, data the system administrator edits: the minutes of a visit to
    the cipher-machine room are due within so many hours of the exit; maintenance reminds so
    many days ahead; the office's working hours count the support tickets' deadlines."""

    office_catalogue = True

    minutes_within_hours = models.PositiveSmallIntegerField(
        _("hạn lập biên bản sau khi ra khỏi phòng (giờ)"), default=24
    )
    maintenance_remind_days = models.PositiveSmallIntegerField(
        _("nhắc bảo dưỡng trước (ngày)"), default=7
    )
    workday_starts = models.TimeField(_("giờ bắt đầu làm việc"), default=time(7, 30))
    workday_ends = models.TimeField(_("giờ kết thúc làm việc"), default=time(17, 0))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thời hạn của Cơ yếu – CNTT")
        verbose_name_plural = _("thời hạn của Cơ yếu – CNTT")
        constraints = [
            models.CheckConstraint(
                condition=Q(workday_ends__gt=models.F("workday_starts")),
                name="cipher_terms_workday_ends_after_start",
                violation_error_message=_("Giờ kết thúc làm việc phải sau giờ bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(minutes_within_hours__gte=1),
                name="cipher_terms_minutes_within_positive",
                violation_error_message=_("Hạn lập biên bản phải từ 1 giờ."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Thời hạn của Cơ yếu – CNTT"))

    @classmethod
    def current(cls) -> CipherTerms:
        """The office's row (seeded by migration); the defaults when it was removed."""
        return cls.objects.order_by("pk").first() or cls()


class TicketPriority(models.Model):
    """A support ticket's priority and its deadlines, in working hours (data)."""

    office_catalogue = True

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("mức ưu tiên"), max_length=100)
    respond_within_hours = models.PositiveSmallIntegerField(_("hạn phản hồi (giờ làm việc)"))
    resolve_within_hours = models.PositiveSmallIntegerField(_("hạn xử lý xong (giờ làm việc)"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("mức ưu tiên hỗ trợ")
        verbose_name_plural = _("mức ưu tiên hỗ trợ")
        constraints = [
            models.CheckConstraint(
                condition=Q(resolve_within_hours__gte=models.F("respond_within_hours")),
                name="ticket_priority_resolve_after_respond",
                violation_error_message=_("Hạn xử lý xong không ngắn hơn hạn phản hồi."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


# The cipher-machine room (Điều 11.1) ------------------------------------------------------------


class EntryRequest(OwnedWork, Approvable):
    """A request to enter the cipher-machine room, for work or an inspection: who, why, when.
    Only the chief approves it, beforehand; the room is Cipher–IT's, so the request is its work
    (lead unit CY, a CY officer in charge), and the requester sees it by a personal grant."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose_kind = models.CharField(
        _("mục đích"), max_length=12, choices=EntryPurpose.choices, default=EntryPurpose.WORK
    )
    purpose = models.CharField(_("nội dung công việc, kiểm tra"), max_length=500)
    people = models.TextField(_("người vào phòng (họ tên, chức vụ, cơ quan)"))
    window_start = models.DateTimeField(_("được vào từ"))
    window_end = models.DateTimeField(_("đến"))
    history = HistoricalRecords()

    approval_path = (Step.chief(),)
    requester_field = "requested_by"

    class Meta:
        ordering = ["-window_start", "-pk"]
        verbose_name = _("đề nghị vào phòng máy mã")
        verbose_name_plural = _("đề nghị vào phòng máy mã")
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gt=models.F("window_start")),
                name="entry_request_window_ends_after_start",
                violation_error_message=_("Giờ kết thúc phải sau giờ bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return _("Vào phòng máy mã %(start)s: %(purpose)s") % {
            "start": timezone.localtime(self.window_start).strftime("%d/%m/%Y %H:%M"),
            "purpose": self.purpose,
        }

    def get_absolute_url(self) -> str:
        return reverse("cipher:entry", args=[self.pk])


EntryRequestUserObjectPermission = grant_model_for(EntryRequest)


class RoomLogEntry(models.Model):
    """The cipher-machine room's log: entry, exit and the minutes of one approved request.
    Append-only: no view, admin or service changes a row, and PostgreSQL refuses UPDATE and
    DELETE on the table (trigger of migration cipher 0001), whoever runs them."""

    request = models.ForeignKey(
        EntryRequest,
        verbose_name=_("đề nghị vào phòng"),
        on_delete=models.PROTECT,
        related_name="log",
    )
    kind = models.CharField(_("sự kiện"), max_length=10, choices=RoomEventKind.choices)
    at = models.DateTimeField(_("lúc"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    #: on the exit: when the minutes are due (the terms in force at the exit)
    minutes_due_at = models.DateTimeField(_("hạn lập biên bản"), null=True, blank=True)
    #: the minutes (biên bản): what was done or inspected, the result, who signed
    work_done = models.TextField(_("nội dung làm việc, kiểm tra"), blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    signatories = models.CharField(_("những người ký biên bản"), max_length=500, blank=True)

    class Meta:
        ordering = ["request", "at", "pk"]
        verbose_name = _("nhật ký phòng máy mã")
        verbose_name_plural = _("nhật ký phòng máy mã")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind"],
                name="room_log_one_event_of_each_kind",
                violation_error_message=_("Sự kiện này đã được ghi cho đề nghị."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "minutes_due_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {timezone.localtime(self.at):%d/%m/%Y %H:%M}"


# Cipher messages (Điều 11.2) -------------------------------------------------------------------


class CipherMessage(models.Model):
    """One message sent or received over the cipher system: its metadata only. The model has
    no field for a message's content, and a test fails if one is ever added (DOMAIN §3 CY)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    direction = models.CharField(_("chiều"), max_length=10, choices=Direction.choices)
    number = models.PositiveIntegerField(_("số"))
    at = models.DateTimeField(_("thời điểm gửi, nhận"))
    counterpart = models.CharField(_("nơi gửi, nơi nhận"), max_length=200)
    secrecy = models.CharField(
        _("độ mật"), max_length=10, choices=Secrecy.choices, default=Secrecy.NONE, blank=True
    )
    urgency = models.CharField(
        _("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: the registered document it relates to, by its number and symbol and its id (no link to
    #: the dispatch app: the register keeps only the reference)
    document_number = models.CharField(
        _("số, ký hiệu văn bản liên quan"), max_length=100, blank=True
    )
    document_id = models.PositiveBigIntegerField(_("mã văn bản trong sổ"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người vào sổ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vào sổ lúc"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("điện mật")
        verbose_name_plural = _("sổ điện mật")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "direction", "number"],
                name="cipher_message_number_per_year",
                violation_error_message=_("Số điện đã có trong năm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.number}/{self.year}"

    def get_absolute_url(self) -> str:
        return reverse("cipher:message", args=[self.pk])

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NONE

    def secret_label(self) -> str:
        return _("%(direction)s %(secrecy)s số %(number)d/%(year)d") % {
            "direction": self.get_direction_display(),
            "secrecy": self.get_secrecy_display(),
            "number": self.number,
            "year": self.year,
        }


# Equipment and networks (Điều 11.4–11.8) -------------------------------------------------------


class Equipment(models.Model):
    """A cipher machine, a network device, a workstation or a server Cipher–IT keeps, with its
    maintenance interval. The inventory of network devices and workstations is these rows."""

    name = models.CharField(_("tên thiết bị"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=EquipmentKind.choices)
    serial_number = models.CharField(_("số hiệu, số sê-ri"), max_length=100, blank=True)
    location = models.CharField(_("vị trí đặt"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị sử dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=EquipmentStatus.choices,
        default=EquipmentStatus.IN_USE,
    )
    maintenance_every_days = models.PositiveSmallIntegerField(
        _("chu kỳ bảo dưỡng (ngày)"), null=True, blank=True
    )
    next_maintenance_on = models.DateField(_("hạn bảo dưỡng tiếp"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("thiết bị")
        verbose_name_plural = _("thiết bị")
        indexes = [models.Index(fields=["status", "next_maintenance_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cipher:equipment", args=[self.pk])


class MaintenanceRecord(models.Model):
    """One maintenance of a piece of equipment: when, by whom, what was done, the result."""

    equipment = models.ForeignKey(
        Equipment,
        verbose_name=_("thiết bị"),
        on_delete=models.PROTECT,
        related_name="maintenance",
    )
    done_on = models.DateField(_("ngày bảo dưỡng"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    work = models.CharField(_("nội dung bảo dưỡng"), max_length=500)
    result = models.CharField(_("kết quả"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-done_on", "-pk"]
        verbose_name = _("lần bảo dưỡng")
        verbose_name_plural = _("sổ bảo dưỡng thiết bị")

    def __str__(self) -> str:
        return f"{self.equipment} – {self.done_on:%d/%m/%Y}"


class NetworkInspection(OwnedWork):
    """An inspection of the network of a Party body connected to the committee's wide-area
    network (Điều 11.8): its findings are followed up until each is fixed."""

    body_name = models.CharField(_("cơ quan được kiểm tra"), max_length=200)
    inspected_on = models.DateField(_("ngày kiểm tra"))
    team = models.CharField(_("thành phần đoàn kiểm tra"), max_length=500)
    conclusion = models.TextField(_("kết luận"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        verbose_name = _("kiểm tra mạng của cơ quan đảng")
        verbose_name_plural = _("kiểm tra mạng của cơ quan đảng")

    def __str__(self) -> str:
        return f"{self.body_name} ({self.inspected_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("cipher:inspection", args=[self.pk])


NetworkInspectionUserObjectPermission = grant_model_for(NetworkInspection)


class InspectionFinding(models.Model):
    """One finding of an inspection, what the body must do and by when, and its follow-up."""

    inspection = models.ForeignKey(
        NetworkInspection,
        verbose_name=_("đợt kiểm tra"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    description = models.CharField(_("tồn tại, hạn chế"), max_length=500)
    action_required = models.CharField(_("yêu cầu khắc phục"), max_length=500)
    due_on = models.DateField(_("hạn khắc phục"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    follow_up = models.CharField(_("kết quả theo dõi"), max_length=500, blank=True)
    closed_on = models.DateField(_("ngày khắc phục xong"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("kết luận kiểm tra cần khắc phục")
        verbose_name_plural = _("kết luận kiểm tra cần khắc phục")

    def __str__(self) -> str:
        return self.description


# IT support (Điều 11.5–11.6) -------------------------------------------------------------------


class SupportTicket(OwnedWork):
    """A staff member's request for IT support, to Cipher–IT: answered and resolved within the
    working hours its priority allows. Cipher–IT's work (lead unit CY, the officer assigned in
    charge); the requester sees it by a personal grant."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("vấn đề cần hỗ trợ"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    priority = models.ForeignKey(
        TicketPriority, verbose_name=_("mức ưu tiên"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=TicketStatus.choices,
        default=TicketStatus.NEW,
        db_index=True,
    )
    respond_by = models.DateTimeField(_("hạn phản hồi"))
    resolve_by = models.DateTimeField(_("hạn xử lý xong"))
    responded_at = models.DateTimeField(_("phản hồi lúc"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    resolution = models.TextField(_("kết quả xử lý"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("yêu cầu hỗ trợ CNTT")
        verbose_name_plural = _("yêu cầu hỗ trợ CNTT")
        indexes = [models.Index(fields=["status", "resolve_by"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("cipher:ticket", args=[self.pk])

    def is_late(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status == TicketStatus.RESOLVED:
            return bool(self.resolved_at and self.resolved_at > self.resolve_by)
        return now > self.resolve_by


SupportTicketUserObjectPermission = grant_model_for(SupportTicket)

from cipher.otp_models import *  # noqa: E402, F403
from cipher.signing_models import *  # noqa: E402, F403
