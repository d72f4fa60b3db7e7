"""Shared building blocks every app stands on: the office's working-day calendar and the Party
committee's terms, number counters, in-app notifications and files generated in the background."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousFileOperation
from django.db import models
from django.db.models import Q
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.uploads import random_upload_to


class DayOffKind(models.TextChoices):
    OFF = "off", _("Ngày nghỉ thêm")
    WORK = "work", _("Ngày làm việc bù")


class DayOff(models.Model):
    """A change to the ordinary calendar decided for the office: an extra day off, or a weekend day
    worked to make up for a bridged holiday. Public holidays come from the `holidays` package and
    are not stored; these rows are what the package cannot know (local decisions)."""

    #: Kept by Cipher–IT's administrators in the admin: every working-day deadline reads it.
    office_catalogue = True

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên, lý do"), max_length=200)
    kind = models.CharField(
        _("loại"), max_length=8, choices=DayOffKind.choices, default=DayOffKind.OFF
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.name}"


class PartyTerm(models.Model):
    """A term (nhiệm kỳ) of the Party committee: office-wide data, by which Party numbering
    restarts (`core.numbering.term_on`)."""

    office_catalogue = True

    name = models.CharField(_("nhiệm kỳ"), max_length=50, unique=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="party_term_ends_after_start",
                violation_error_message=_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """The last number given in one sequence. The key is opaque to `core`: each app composes its
    own (dispatch: register, period and type). The row is locked while a number is taken, so
    numbers neither repeat nor skip (`core.numbering`)."""

    sequence = models.CharField(_("dãy số"), max_length=200, unique=True)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("bộ đếm số")
        verbose_name_plural = _("bộ đếm số")

    def __str__(self) -> str:
        return f"{self.sequence}: {self.last_number}"


class Notification(models.Model):
    """An in-app message to one person. Created only through `core.services.notify`, which also
    queues the e-mail copy."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    read_at = models.DateTimeField(_("thời điểm đọc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("thời điểm gửi thư"), null=True, blank=True)
    #: What it is about and what it asks (`notify(about=…, kind=…)`), so that when someone handles
    #: it, every open notice asking the same is marked done (`notifications_done`).
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    kind = models.CharField(_("loại"), max_length=40, blank=True)
    done_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="core_notif_recipient_read"),
            models.Index(fields=["content_type", "object_id", "kind"], name="core_notif_about"),
        ]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ReminderLog(models.Model):
    """One reminder of one kind sent about one object on one day (`core.reminders.remind_once`),
    so a daily job run twice never repeats itself. Kinds are the caller's ("before", "overdue",
    "due_soon", …); the object is any model's row."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("loại nhắc"), max_length=30)
    day = models.DateField(_("ngày"))
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("lần nhắc hạn")
        verbose_name_plural = _("lần nhắc hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "day"],
                name="one_reminder_per_object_kind_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.kind} {self.day:%d/%m/%Y}"


class GeneratedFileStatus(models.TextChoices):
    PENDING = "pending", _("Đang tạo")
    READY = "ready", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class GeneratedFile(models.Model):
    """A file built in the background (a long register in PDF, XLSX or CSV, a printed program)
    for one person, by a builder of `core.generated`. It is served only to its owner through a
    view, never from a public media URL."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="generated_files",
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=100)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=GeneratedFileStatus.choices,
        default=GeneratedFileStatus.PENDING,
    )
    file = models.FileField(_("tệp"), upload_to=random_upload_to("generated"), blank=True)
    extension = models.CharField(_("đuôi tệp"), max_length=10, default="pdf")
    content_type = models.CharField(_("kiểu nội dung"), max_length=100, default="application/pdf")
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tệp được tạo")
        verbose_name_plural = _("tệp được tạo")

    def __str__(self) -> str:
        return self.title

    @property
    def is_pending(self) -> bool:
        return self.status == GeneratedFileStatus.PENDING

    @property
    def is_ready(self) -> bool:
        return self.status == GeneratedFileStatus.READY

    @property
    def download_name(self) -> str:
        """A readable name for the download (the stored name is random): the title, Vietnamese
        letters kept, characters unsafe in file names removed."""
        try:
            stem = get_valid_filename(self.title)[:150]
        except SuspiciousFileOperation:
            stem = ""
        return f"{stem or 'tep'}.{self.extension}"
