"""Shared building blocks every app stands on: the office's working-day calendar, in-app
notifications and files generated in the background (long PDFs)."""

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import models
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

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="core_notif_recipient_read")]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class GeneratedFileStatus(models.TextChoices):
    PENDING = "pending", _("Đang tạo")
    READY = "ready", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class GeneratedFile(models.Model):
    """A file built in the background (a long PDF register, a printed program) for one person. It is
    served only to its owner through a view, never from a public media URL."""

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
        return f"{stem or 'tep'}.pdf"
