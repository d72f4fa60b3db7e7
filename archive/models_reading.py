"""The reading room (Điều 8.2: tổ chức sử dụng tài liệu lưu trữ).

A reader (office staff, or an outside person LT registers with his identity papers and
introduction letter) asks for files or boxes of the archives, with a purpose and a period. The
request is LT's work (an archivist in charge, the reader following it by a personal grant); its
approval path depends on what it asks for: open files LT's head, secret files or files of a
restricted fonds the leadership. Approval gives the reader sight of exactly those files until
the period's last day (`units.grants`), and every reading, copy and extract is logged. A file's
opening date for public use comes from the opening terms, data an administrator edits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive.choices import CopyKind, IdentityPaper, ReadingEventKind
from units.approvals import Step
from units.choices import Designation, RoleCode, Secrecy
from units.models import ALL_ROWS, Approvable, OwnedWork, grant_model_for

__all__ = [
    "SECRECY_ORDER",
    "CertifiedCopy",
    "Declassification",
    "OpeningTerm",
    "ReadingEvent",
    "ReadingLine",
    "ReadingRequest",
    "ReadingRequestUserObjectPermission",
    "Researcher",
]

#: secrecy levels from the lowest to the highest
SECRECY_ORDER = (Secrecy.NONE, Secrecy.CONFIDENTIAL, Secrecy.SECRET, Secrecy.TOP_SECRET)


class OpeningTerm(models.Model):
    """How many years after a file's end date it opens for public use, by secrecy level:
    ordinary files (270-QĐ/TW, to be verified), secret ones by the protection term of Luật Bảo
    vệ bí mật nhà nước 2018 Điều 19 (Tuyệt mật 30, Tối mật 20, Mật 10 years). Data, from the
    date each applies."""

    office_catalogue = True

    secrecy = models.CharField(
        _("độ mật"), max_length=10, choices=Secrecy.choices, blank=True, default=Secrecy.NONE
    )
    years = models.PositiveSmallIntegerField(_("số năm"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    reference = models.CharField(_("căn cứ"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["secrecy", "-valid_from"]
        verbose_name = _("thời hạn mở cho sử dụng")
        verbose_name_plural = _("thời hạn mở cho sử dụng")
        constraints = [
            models.UniqueConstraint(fields=["secrecy", "valid_from"], name="opening_term_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_secrecy_display()}: {self.years}"


class Declassification(models.Model):
    """The decision that declassified a secret file (giải mật): it opens to readers from that
    day, whatever remains of its protection term."""

    record_file = models.OneToOneField(
        "archive.RecordFile",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="declassification",
    )
    declassified_on = models.DateField(_("ngày giải mật"))
    decision = models.CharField(_("quyết định giải mật"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giải mật hồ sơ")
        verbose_name_plural = _("giải mật hồ sơ")

    def __str__(self) -> str:
        return f"{self.decision} ({self.declassified_on:%d/%m/%Y})"


class Researcher(models.Model):
    """An outside reader registered by LT with his identity papers and the letter introducing
    him. His account is a sign-in only: no place in the office, no role, no group; he sees
    nothing but the files a request grants him, for its period."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="researcher",
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    id_kind = models.CharField(_("loại giấy tờ"), max_length=10, choices=IdentityPaper.choices)
    id_number = models.CharField(_("số giấy tờ"), max_length=40)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=300)
    introduction_ref = models.CharField(_("giấy giới thiệu (số, ngày, nơi cấp)"), max_length=300)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng ký"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("đăng ký lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("người đọc ngoài cơ quan")
        verbose_name_plural = _("người đọc ngoài cơ quan")
        constraints = [
            models.UniqueConstraint(fields=["id_kind", "id_number"], name="researcher_id_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.organisation}"


class ReadingRequest(OwnedWork, Approvable):
    """A request to read files of the archives (phiếu yêu cầu đọc tài liệu). LT's work: the
    archivist who serves it is in charge, the reader follows it by a personal grant and never
    decides it. Its secrecy is the highest of its files', so a secret file's code is seen only
    by those its path hands it to."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đọc"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    researcher = models.ForeignKey(
        Researcher,
        verbose_name=_("người đọc ngoài cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    purpose = models.CharField(_("mục đích sử dụng"), max_length=500)
    period_start = models.DateField(_("đọc từ ngày"))
    period_end = models.DateField(_("đến hết ngày"))
    #: a file of a restricted fonds is asked for: the leadership decides
    restricted = models.BooleanField(_("có hồ sơ hạn chế sử dụng"), default=False)
    history = HistoricalRecords()

    approval_path = (
        Step.unit_head(of=Designation.ARCHIVES),
        Step.deputy_chief(of=Designation.ARCHIVES),
        Step.chief(),
    )
    requester_field = "requester"

    def get_approval_path(self) -> tuple:
        """Open files: LT's head. A Mật file or a restricted fonds: then the deputy chief in
        charge of LT. A Tối mật or Tuyệt mật file: then the chief (he decides who reads the
        office's highest secrets)."""
        head, deputy, chief = self.approval_path
        if self.secrecy in (Secrecy.SECRET, Secrecy.TOP_SECRET):
            return (head, chief)
        if self.secrecy == Secrecy.CONFIDENTIAL or self.restricted:
            return (head, deputy)
        return (head,)

    @property
    def needs_leadership(self) -> bool:
        return self.is_secret or self.restricted

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """Archivists serve the reading room."""
        return {RoleCode.ARCHIVIST: ALL_ROWS}

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("yêu cầu đọc tài liệu")
        verbose_name_plural = _("yêu cầu đọc tài liệu")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="reading_period_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return _("Yêu cầu đọc số %(pk)d") % {"pk": self.pk or 0}

    def get_absolute_url(self) -> str:
        return reverse("archive:reading-request", args=[self.pk])

    def secret_label(self) -> str:
        return str(
            _("Yêu cầu đọc %(secrecy)s số %(pk)d")
            % {"secrecy": self.get_secrecy_display(), "pk": self.pk}
        )

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.period_start <= today <= self.period_end


ReadingRequestUserObjectPermission = grant_model_for(ReadingRequest)


class ReadingLine(models.Model):
    """A file the request asks for, itself or through its box."""

    request = models.ForeignKey(
        ReadingRequest, verbose_name=_("yêu cầu"), on_delete=models.CASCADE, related_name="lines"
    )
    record_file = models.ForeignKey(
        "archive.RecordFile",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="reading_lines",
    )
    box = models.ForeignKey(
        "archive.Box",
        verbose_name=_("theo hộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "pk"]
        verbose_name = _("hồ sơ yêu cầu đọc")
        verbose_name_plural = _("hồ sơ yêu cầu đọc")
        constraints = [
            models.UniqueConstraint(fields=["request", "record_file"], name="reading_line_unique"),
        ]

    def __str__(self) -> str:
        return str(self.record_file_id)


class ReadingEvent(models.Model):
    """The reading room's log: who, what, when, for what purpose. Rows are only added."""

    request = models.ForeignKey(
        ReadingRequest, verbose_name=_("yêu cầu"), on_delete=models.PROTECT, related_name="events"
    )
    record_file = models.ForeignKey(
        "archive.RecordFile",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reading_events",
    )
    kind = models.CharField(_("sự kiện"), max_length=10, choices=ReadingEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đọc"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(_("mục đích"), max_length=500)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("nhật ký phòng đọc")
        verbose_name_plural = _("nhật ký phòng đọc")
        indexes = [models.Index(fields=["kind", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.at:%d/%m/%Y %H:%M}"


class CertifiedCopy(models.Model):
    """A certified copy or extract issued to a reader (bản sao, bản trích lục có chứng thực),
    numbered in the year's sequence and printed in the Party layout."""

    request = models.ForeignKey(
        ReadingRequest, verbose_name=_("yêu cầu"), on_delete=models.PROTECT, related_name="copies"
    )
    record_file = models.ForeignKey(
        "archive.RecordFile", verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=CopyKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    content = models.CharField(_("tài liệu được sao, trích"), max_length=500)
    pages = models.PositiveIntegerField(_("số trang"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chứng thực"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("bản sao, trích lục chứng thực")
        verbose_name_plural = _("bản sao, trích lục chứng thực")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="certified_copy_number_unique"),
        ]

    def __str__(self) -> str:
        return _("%(kind)s số %(number)02d/%(year)d") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "year": self.year,
        }
