"""Record files and the archives (Điều 5.2, 8; 17-HD/VPTW; 693-QĐ/VPTW Điều 23).

The retention table, the archival periods and the custody places are data an administrator
edits. A record file gathers what the office already holds through a generic key to the object
(`core.records` says what may be filed): the archive imports no other app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive.choices import (
    ArchiveTermKey,
    FileState,
    LineCondition,
    SourceKind,
    TransferKind,
    TransferState,
)
from archive.keeping import ITEM_KEPT, NEVER_DELETED, UndeletableManager, refuse_delete
from core.uploads import UploadValidator, random_upload_to
from units.approvals import Step
from units.choices import Designation, RoleCode
from units.models import ALL_ROWS, Approvable, OwnedWork, grant_model_for

#: the rank of a permanent term, above every term counted in years
PERMANENT_RANK = 10_000


# Catalogues -----------------------------------------------------------------------------------


class RetentionSchedule(models.Model):
    """One version of the retention table (bảng thời hạn bảo quản): a new text of the Party
    makes a new version; files keep the row of the version they were given."""

    office_catalogue = True

    name = models.CharField(_("tên bảng"), max_length=300)
    reference = models.CharField(_("văn bản ban hành"), max_length=200, blank=True)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("bảng thời hạn bảo quản")
        verbose_name_plural = _("bảng thời hạn bảo quản")

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y})"


class RetentionRule(models.Model):
    """A kind of record and its term: permanent (no years) or a number of years."""

    office_catalogue = True

    schedule = models.ForeignKey(
        RetentionSchedule,
        verbose_name=_("bảng thời hạn"),
        on_delete=models.PROTECT,
        related_name="rules",
    )
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("loại hồ sơ, tài liệu"), max_length=300)
    years = models.PositiveSmallIntegerField(
        _("thời hạn (năm)"), null=True, blank=True, help_text=_("Để trống: vĩnh viễn.")
    )
    #: the kind of record a registered source files under (`core.records`), blank for others
    record_kind = models.CharField(_("loại tài liệu tự động áp dụng"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["schedule", "order", "code"]
        verbose_name = _("thời hạn bảo quản")
        verbose_name_plural = _("thời hạn bảo quản")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "code"], name="retention_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.term_label}"

    @property
    def is_permanent(self) -> bool:
        return self.years is None

    @property
    def rank(self) -> int:
        return PERMANENT_RANK if self.years is None else self.years

    @property
    def term_label(self) -> str:
        if self.years is None:
            return str(_("Vĩnh viễn"))
        return str(_("%(years)d năm") % {"years": self.years})


class ArchiveTerm(models.Model):
    """A period or threshold of the archival rules (1 year to the agency archive, 5 to the
    historical archive, 5 years' retention to be transferred…), from the date it applies."""

    office_catalogue = True

    key = models.CharField(_("quy định"), max_length=40, choices=ArchiveTermKey.choices)
    years = models.PositiveSmallIntegerField(_("số năm"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    reference = models.CharField(_("căn cứ"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "-valid_from"]
        verbose_name = _("thời hạn lưu trữ")
        verbose_name_plural = _("thời hạn lưu trữ")
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="archive_term_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.years}"


class Repository(models.Model):
    """A repository (kho lưu trữ)."""

    office_catalogue = True

    code = models.CharField(_("mã kho"), max_length=20, unique=True)
    name = models.CharField(_("tên kho"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("kho lưu trữ")
        verbose_name_plural = _("kho lưu trữ")

    def __str__(self) -> str:
        return self.name


class Shelf(models.Model):
    office_catalogue = True

    repository = models.ForeignKey(
        Repository, verbose_name=_("kho"), on_delete=models.PROTECT, related_name="shelves"
    )
    code = models.CharField(_("số giá"), max_length=20)
    history = HistoricalRecords()

    class Meta:
        ordering = ["repository", "code"]
        verbose_name = _("giá")
        verbose_name_plural = _("giá")
        constraints = [
            models.UniqueConstraint(fields=["repository", "code"], name="shelf_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.repository.code} / {_('giá')} {self.code}"


class Box(models.Model):
    office_catalogue = True

    shelf = models.ForeignKey(
        Shelf, verbose_name=_("giá"), on_delete=models.PROTECT, related_name="boxes"
    )
    code = models.CharField(_("số hộp"), max_length=20)
    history = HistoricalRecords()

    class Meta:
        ordering = ["shelf", "code"]
        verbose_name = _("hộp")
        verbose_name_plural = _("hộp")
        constraints = [models.UniqueConstraint(fields=["shelf", "code"], name="box_code_unique")]

    def __str__(self) -> str:
        return f"{self.shelf} / {_('hộp')} {self.code}"


# Fonds and series ----------------------------------------------------------------------------


class Fonds(models.Model):
    """A fonds (phông lưu trữ): the records of one creating body. Access to the files of a
    restricted fonds is decided by the leadership, not by the Archives' head."""

    office_catalogue = True

    code = models.CharField(_("mã phông"), max_length=20, unique=True)
    title = models.CharField(_("tên phông"), max_length=300)
    creator = models.CharField(_("cơ quan hình thành phông"), max_length=300)
    access_restricted = models.BooleanField(_("hạn chế sử dụng"), default=False)
    restriction_note = models.CharField(_("lý do hạn chế"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("phông lưu trữ")
        verbose_name_plural = _("phông lưu trữ")

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class Series(models.Model):
    """A series of a fonds (mục lục, nhóm hồ sơ)."""

    office_catalogue = True

    fonds = models.ForeignKey(
        Fonds, verbose_name=_("phông"), on_delete=models.PROTECT, related_name="series"
    )
    code = models.CharField(_("số mục lục"), max_length=20)
    title = models.CharField(_("tên mục lục"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fonds", "code"]
        verbose_name = _("mục lục hồ sơ")
        verbose_name_plural = _("mục lục hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["fonds", "code"], name="series_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.fonds.code} / {self.code} – {self.title}"


# The yearly file list -------------------------------------------------------------------------


class FileList(OwnedWork, Approvable):
    """A unit's yearly file list (danh mục hồ sơ): drafted by the unit, checked by the
    archives unit's head, approved by the deputy chief in charge."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên danh mục"), max_length=300)
    history = HistoricalRecords()

    approval_path = (Step.unit_head(of=Designation.ARCHIVES), Step.deputy_chief())

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """Archivists guide and check every unit's file list."""
        return {RoleCode.ARCHIVIST: ALL_ROWS}

    class Meta:
        ordering = ["-year", "lead_unit__order", "-pk"]
        verbose_name = _("danh mục hồ sơ")
        verbose_name_plural = _("danh mục hồ sơ")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:file-list", args=[self.pk])


FileListUserObjectPermission = grant_model_for(FileList)


class FileListEntry(models.Model):
    """One planned file of the list: code, title, retention, who compiles it."""

    file_list = models.ForeignKey(
        FileList, verbose_name=_("danh mục"), on_delete=models.CASCADE, related_name="entries"
    )
    code = models.CharField(_("số, ký hiệu hồ sơ"), max_length=40)
    title = models.CharField(_("tiêu đề hồ sơ"), max_length=500)
    retention = models.ForeignKey(
        RetentionRule, verbose_name=_("thời hạn bảo quản"), on_delete=models.PROTECT
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập hồ sơ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["file_list", "position", "pk"]
        verbose_name = _("hồ sơ trong danh mục")
        verbose_name_plural = _("hồ sơ trong danh mục")
        constraints = [
            models.UniqueConstraint(fields=["file_list", "code"], name="file_list_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


# Record files ---------------------------------------------------------------------------------


class RecordFile(OwnedWork):
    """A record file (hồ sơ): one unit, one person who compiles it, its items, its retention
    (the highest of its items', raised never lowered), and its life from open to the archives."""

    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("số, ký hiệu hồ sơ"), max_length=40)
    title = models.CharField(_("tiêu đề hồ sơ"), max_length=500)
    entry = models.ForeignKey(
        FileListEntry,
        verbose_name=_("theo danh mục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
    )
    retention = models.ForeignKey(
        RetentionRule,
        verbose_name=_("thời hạn bảo quản"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    retention_reason = models.CharField(_("lý do thời hạn"), max_length=500, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=FileState.choices, default=FileState.OPEN
    )
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    #: the day the work ended (the file was closed): the transfer clock starts here
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    sheet_total = models.PositiveIntegerField(_("số tờ"), default=0)
    sheets_numbered = models.BooleanField(_("đã đánh số tờ"), default=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    is_reference_copy = models.BooleanField(_("hồ sơ tham khảo (bản sao)"), default=False)
    accepted_on = models.DateField(_("ngày vào Lưu trữ cơ quan"), null=True, blank=True)
    box = models.ForeignKey(
        Box,
        verbose_name=_("hộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
    )
    series = models.ForeignKey(
        Series,
        verbose_name=_("mục lục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
    )
    #: the destruction decision the file was destroyed under (its stored scans removed, this
    #: catalogue entry kept): `archive.services.appraisal.appraisal_destroy` alone writes it
    destroyed_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    destruction_reference = models.CharField(_("theo quyết định hủy"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = UndeletableManager()
    deletion_refusal = NEVER_DELETED

    def delete(self, *args, **kwargs):
        refuse_delete(self)

    @property
    def fonds(self) -> Fonds | None:
        return self.series.fonds if self.series_id else None

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """Archivists see what has been handed to the archives, not what units still compile
        (and the catalogue entries of destroyed files)."""
        return {
            RoleCode.ARCHIVIST: Q(
                state__in=[
                    FileState.TRANSFERRED,
                    FileState.AGENCY,
                    FileState.HISTORICAL,
                    FileState.DESTROYED,
                ]
            )
        }

    class Meta:
        ordering = ["-year", "code", "-pk"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["lead_unit", "state", "year"]),
            models.Index(fields=["owner", "state", "closed_on"]),
            models.Index(fields=["state", "closed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("archive:file", args=[self.pk])

    def secret_label(self) -> str:
        return str(
            _("Hồ sơ %(secrecy)s số %(pk)d")
            % {"secrecy": self.get_secrecy_display(), "pk": self.pk}
        )


RecordFileUserObjectPermission = grant_model_for(RecordFile)


class RecordItem(models.Model):
    """One item of a file: an object the office holds (generic key, a registered source) or an
    uploaded paper, with its sheet count and, once numbered, its sheets."""

    record_file = models.ForeignKey(
        RecordFile, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=40)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("trích yếu, tiêu đề"), max_length=1000)
    number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True)
    sheets = models.PositiveIntegerField(_("số tờ"))
    retention = models.ForeignKey(
        RetentionRule,
        verbose_name=_("thời hạn bảo quản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    upload = models.FileField(
        _("bản quét"),
        upload_to=random_upload_to("archive"),
        validators=[UploadValidator()],
        blank=True,
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    sheet_from = models.PositiveIntegerField(_("từ tờ"), null=True, blank=True)
    sheet_to = models.PositiveIntegerField(_("đến tờ"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = UndeletableManager()
    deletion_refusal = ITEM_KEPT

    class Meta:
        ordering = ["record_file", "position", "pk"]
        verbose_name = _("văn bản, tài liệu trong hồ sơ")
        verbose_name_plural = _("văn bản, tài liệu trong hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["record_file", "content_type", "object_id"],
                condition=Q(object_id__isnull=False),
                name="record_item_once_per_file",
                violation_error_message=_("Văn bản này đã có trong hồ sơ."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.title

    def delete(self, *args, **kwargs):
        """Only an item of a file still being compiled leaves it (filed by mistake)."""
        if self.record_file.state != FileState.OPEN:
            refuse_delete(self)
        return super().delete(*args, **kwargs)


# Transfers ------------------------------------------------------------------------------------


class Transfer(OwnedWork):
    """A transfer of files with its list (mục lục hồ sơ nộp lưu) and handover minutes (biên
    bản giao nhận): a unit's to the agency archive, or the agency archive's to the historical
    archive; received and checked by the archivists, who record missing or damaged items."""

    kind = models.CharField(
        _("loại nộp lưu"), max_length=12, choices=TransferKind.choices, default=TransferKind.AGENCY
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=TransferState.choices, default=TransferState.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số mục lục"), null=True, blank=True)
    minutes_number = models.PositiveIntegerField(_("số biên bản"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận, kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("giao nhận lúc"), null=True, blank=True)
    check_notes = models.TextField(_("nhận xét khi kiểm tra"), blank=True)
    history = HistoricalRecords()

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """Archivists receive every transfer once it is handed in."""
        return {RoleCode.ARCHIVIST: ~Q(state=TransferState.DRAFT)}

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("mục lục hồ sơ nộp lưu")
        verbose_name_plural = _("mục lục hồ sơ nộp lưu")
        indexes = [models.Index(fields=["state", "kind"])]

    def __str__(self) -> str:
        number = f"{self.number:02d}" if self.number else "…"
        return _("Mục lục nộp lưu số %(number)s/%(year)d – %(unit)s") % {
            "number": number,
            "year": self.year,
            "unit": self.lead_unit.code.upper(),
        }

    def get_absolute_url(self) -> str:
        return reverse("archive:transfer", args=[self.pk])


TransferUserObjectPermission = grant_model_for(Transfer)


class TransferLine(models.Model):
    """A file of a transfer list, and what the archivist found when checking it."""

    transfer = models.ForeignKey(
        Transfer, verbose_name=_("mục lục"), on_delete=models.CASCADE, related_name="lines"
    )
    record_file = models.ForeignKey(
        RecordFile, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="transfer_lines"
    )
    position = models.PositiveIntegerField(_("số thứ tự"), default=0)
    condition = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=LineCondition.choices,
        default=LineCondition.COMPLETE,
    )
    note = models.CharField(_("ghi chú kiểm tra"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["transfer", "position", "pk"]
        verbose_name = _("hồ sơ trong mục lục nộp lưu")
        verbose_name_plural = _("hồ sơ trong mục lục nộp lưu")
        constraints = [
            models.UniqueConstraint(
                fields=["transfer", "record_file"], name="transfer_line_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.record_file)


# Sources that must transfer to the historical archive (nguồn nộp lưu, Điều 8.2) ---------------


class SourceBody(OwnedWork):
    """A body whose records must be transferred to the provincial historical archive, valid
    between two dates (bodies are merged and renamed by reorganisations). An archivist of the
    archives unit is in charge of guiding it."""

    name = models.CharField(_("tên cơ quan, tổ chức"), max_length=300)
    kind = models.CharField(_("loại"), max_length=20, choices=SourceKind.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        return {RoleCode.ARCHIVIST: ALL_ROWS}

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("nguồn nộp lưu")
        verbose_name_plural = _("nguồn nộp lưu")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="source_valid_to_after_from",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:source", args=[self.pk])


SourceBodyUserObjectPermission = grant_model_for(SourceBody)


class SourceList(models.Model):
    """The approved list of records a body must transfer, with the date they are due."""

    body = models.ForeignKey(
        SourceBody, verbose_name=_("nguồn nộp lưu"), on_delete=models.CASCADE, related_name="lists"
    )
    title = models.CharField(_("danh mục tài liệu nộp lưu"), max_length=500)
    approved_on = models.DateField(_("ngày duyệt"))
    reference = models.CharField(_("văn bản duyệt"), max_length=100, blank=True)
    due_on = models.DateField(_("hạn nộp lưu"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "due_on", "pk"]
        verbose_name = _("danh mục tài liệu nộp lưu")
        verbose_name_plural = _("danh mục tài liệu nộp lưu")

    def __str__(self) -> str:
        return self.title


class SourceReceipt(models.Model):
    """A transfer received from a body, with the numbers of its list and minutes."""

    body = models.ForeignKey(
        SourceBody,
        verbose_name=_("nguồn nộp lưu"),
        on_delete=models.CASCADE,
        related_name="receipts",
    )
    source_list = models.ForeignKey(
        SourceList,
        verbose_name=_("theo danh mục"),
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    received_on = models.DateField(_("ngày nhận"))
    list_number = models.CharField(_("số mục lục"), max_length=40)
    minutes_number = models.CharField(_("số biên bản giao nhận"), max_length=40)
    file_count = models.PositiveIntegerField(_("số hồ sơ"))
    sheet_count = models.PositiveIntegerField(_("số tờ"))
    notes = models.TextField(_("ghi chú"), blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("lần nhận nộp lưu")
        verbose_name_plural = _("lần nhận nộp lưu")

    def __str__(self) -> str:
        return f"{self.body} – {self.received_on:%d/%m/%Y}"


# Description and fixity (archive/models_description.py) ----------------------------------------

# Appraisal and disposal (archive/models_appraisal.py) ----------------------------------------
from archive.models_appraisal import *  # noqa: E402, F403
from archive.models_description import *  # noqa: E402, F403

# The reading room (archive/models_reading.py) ----------------------------------------------
from archive.models_reading import *  # noqa: E402, F403
