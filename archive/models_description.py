"""Archival description (ISAD(G)) of fonds, series, files and items, and the fixity of the
stored scans (their SHA-256 recorded at ingest, re-checked by a beat task).

Star-imported at the end of `archive.models`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive.models import Fonds, RecordFile, RecordItem, Series

__all__ = [
    "Description",
    "DescriptionLevel",
    "FixityRun",
    "FixityStatus",
    "ScanChecksum",
]


class DescriptionLevel(models.TextChoices):
    """The ISAD(G) levels of description the office keeps (EAD3 `@level`)."""

    FONDS = "fonds", _("Phông")
    SERIES = "series", _("Mục lục (loạt)")
    FILE = "file", _("Hồ sơ")
    ITEM = "item", _("Văn bản, tài liệu")


#: which field of `Description` points to the described row, per level
LEVEL_FIELDS = {
    DescriptionLevel.FONDS: "fonds",
    DescriptionLevel.SERIES: "series",
    DescriptionLevel.FILE: "record_file",
    DescriptionLevel.ITEM: "item",
}


class Description(models.Model):
    """The ISAD(G) description of one fonds, series, file or item (3.1 identity: reference
    code, title, dates, level, extent; 3.2 creator; 3.3 scope and content; 3.4 conditions of
    access and language), kept by the Archives unit. Exactly one of the four rows is set."""

    level = models.CharField(_("cấp mô tả"), max_length=10, choices=DescriptionLevel.choices)
    fonds = models.OneToOneField(
        Fonds,
        verbose_name=_("phông"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="description",
    )
    series = models.OneToOneField(
        Series,
        verbose_name=_("mục lục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="description",
    )
    record_file = models.OneToOneField(
        RecordFile,
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="description",
    )
    item = models.OneToOneField(
        RecordItem,
        verbose_name=_("văn bản, tài liệu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="description",
    )
    reference_code = models.CharField(_("mã tham chiếu"), max_length=120)
    title = models.CharField(_("tiêu đề"), max_length=1000)
    date_from = models.DateField(_("từ ngày"), null=True, blank=True)
    date_to = models.DateField(_("đến ngày"), null=True, blank=True)
    extent = models.CharField(_("số lượng, khối lượng"), max_length=300, blank=True)
    creator = models.CharField(_("cơ quan, cá nhân hình thành"), max_length=300, blank=True)
    scope_content = models.TextField(_("phạm vi và nội dung"), blank=True)
    access_conditions = models.TextField(_("điều kiện tiếp cận"), blank=True)
    #: ISO 639-2 code of the language of the material (EAD3 `@langcode`)
    language = models.CharField(_("ngôn ngữ (mã ISO 639-2)"), max_length=3, default="vie")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "reference_code", "pk"]
        verbose_name = _("mô tả lưu trữ")
        verbose_name_plural = _("mô tả lưu trữ")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        level="fonds",
                        fonds__isnull=False,
                        series__isnull=True,
                        record_file__isnull=True,
                        item__isnull=True,
                    )
                    | Q(
                        level="series",
                        fonds__isnull=True,
                        series__isnull=False,
                        record_file__isnull=True,
                        item__isnull=True,
                    )
                    | Q(
                        level="file",
                        fonds__isnull=True,
                        series__isnull=True,
                        record_file__isnull=False,
                        item__isnull=True,
                    )
                    | Q(
                        level="item",
                        fonds__isnull=True,
                        series__isnull=True,
                        record_file__isnull=True,
                        item__isnull=False,
                    )
                ),
                name="description_one_target",
                violation_error_message=_(
                    "Mô tả thuộc đúng một phông, mục lục, hồ sơ hoặc văn bản."
                ),
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True)
                | Q(date_from__isnull=True)
                | Q(date_to__gte=models.F("date_from")),
                name="description_dates_in_order",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference_code} – {self.title}"

    @property
    def target(self):
        return getattr(self, LEVEL_FIELDS[self.level])


class FixityStatus(models.TextChoices):
    OK = "ok", _("Nguyên vẹn")
    MISMATCH = "mismatch", _("Sai mã băm")
    MISSING = "missing", _("Mất tệp")


class ScanChecksum(models.Model):
    """The SHA-256 of an item's stored scan, recorded when the scan was stored, and what the
    last fixity check found."""

    item = models.OneToOneField(
        RecordItem, on_delete=models.CASCADE, related_name="checksum", verbose_name=_("tài liệu")
    )
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    recorded_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)
    checked_at = models.DateTimeField(_("kiểm tra lần cuối"), null=True, blank=True)
    status = models.CharField(
        _("kết quả kiểm tra"), max_length=10, choices=FixityStatus.choices, default=FixityStatus.OK
    )

    class Meta:
        ordering = ["item_id"]
        verbose_name = _("mã băm bản quét")
        verbose_name_plural = _("mã băm bản quét")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.sha256[:12]}…"


class FixityRun(models.Model):
    """One run of the fixity check: where it started and stopped (the next run resumes after
    `last_item_id`), how many scans it read and how many failed."""

    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    first_item_id = models.PositiveBigIntegerField(_("từ tài liệu"), default=0)
    last_item_id = models.PositiveBigIntegerField(_("đến tài liệu"), default=0)
    checked = models.PositiveIntegerField(_("số bản quét đã kiểm tra"), default=0)
    bytes_read = models.PositiveBigIntegerField(_("số byte đã đọc"), default=0)
    failures = models.PositiveIntegerField(_("số bản quét hỏng, mất"), default=0)
    #: the run reached the last scan: the next one starts from the first again
    wrapped = models.BooleanField(_("đã hết một vòng"), default=False)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("lần kiểm tra tính toàn vẹn")
        verbose_name_plural = _("lần kiểm tra tính toàn vẹn")

    def __str__(self) -> str:
        return f"{self.started_at:%d/%m/%Y %H:%M} – {self.checked}"
