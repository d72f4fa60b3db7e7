"""The working regime of every unit (Chương II): the disclosure board (Điều 16), internal
complaints and proposals (Điều 21), and the unit's working regulation (Điều 24)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regime.choices import REGULATION_CATEGORY, ComplaintKind, ComplaintStatus
from units.models import Approvable, Escalation, OwnedWork, Unit, grant_model_for


class DisclosureCategory(models.Model):
    """What a unit must disclose to all its staff (Điều 16): data, seeded from the guidance's
    list. A model that feeds the board on approval names one by its `code`
    (`disclose_on_approval`)."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    office_catalogue = True

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("nhóm nội dung công khai")
        verbose_name_plural = _("nhóm nội dung công khai")

    def __str__(self) -> str:
        return self.name


class DisclosureItem(models.Model):
    """One item on a unit's disclosure board, posted by the head or fed by the approval of a
    program, a settlement or a regulation (`source`). Every member of the unit reads it."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        DisclosureCategory, verbose_name=_("nhóm nội dung"), on_delete=models.PROTECT
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("đăng lúc"), default=timezone.now)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("nội dung công khai")
        indexes = [models.Index(fields=["unit", "posted_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="disclosure_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("regime:disclosure", args=[self.pk])


class DisclosureReading(models.Model):
    """A staff member read a disclosure item: the head sees who has not."""

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="readings")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đọc"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    read_at = models.DateTimeField(_("đọc lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["read_at", "pk"]
        verbose_name = _("lượt đọc nội dung công khai")
        verbose_name_plural = _("lượt đọc nội dung công khai")
        constraints = [
            models.UniqueConstraint(fields=["item", "reader"], name="disclosure_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reader} – {self.read_at:%d/%m/%Y %H:%M}"


class ComplaintTerm(models.Model):
    """Working days the head has to resolve a complaint or proposal within his competence."""

    kind = models.CharField(_("loại"), max_length=12, choices=ComplaintKind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    history = HistoricalRecords()

    office_catalogue = True

    class Meta:
        ordering = ["kind"]
        verbose_name = _("thời hạn giải quyết kiến nghị nội bộ")
        verbose_name_plural = _("thời hạn giải quyết kiến nghị nội bộ")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"


class Complaint(OwnedWork):
    """A staff member's complaint or proposal inside the unit (Điều 21): received by the head
    (the person in charge), resolved within his competence by the deadline, or forwarded to the
    office with its dossier (a `units.Escalation`). Always secret at least Mật, so the door
    shows it to the head, the chief and those granted (the complainant, the deputy chief in
    charge, whoever the head lets in), nobody else."""

    kind = models.CharField(_("loại"), max_length=12, choices=ComplaintKind.choices)
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("nội dung tóm tắt"), max_length=300)
    content = models.TextField(_("nội dung"))
    received_on = models.DateField(_("ngày nhận"))
    deadline = models.DateField(_("hạn giải quyết"), db_index=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
        db_index=True,
    )
    outcome = models.TextField(_("kết quả giải quyết"), blank=True)
    resolved_at = models.DateTimeField(_("giải quyết lúc"), null=True, blank=True)
    escalation = models.ForeignKey(
        Escalation,
        verbose_name=_("hồ sơ chuyển Văn phòng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("khiếu nại, kiến nghị nội bộ")
        verbose_name_plural = _("khiếu nại, kiến nghị nội bộ")
        indexes = [models.Index(fields=["lead_unit", "status", "deadline"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("regime:complaint", args=[self.pk])

    def secret_label(self) -> str:
        return _("Khiếu nại, kiến nghị nội bộ số %(number)s") % {"number": self.pk}

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == ComplaintStatus.RECEIVED and self.deadline < today


ComplaintUserObjectPermission = grant_model_for(Complaint)


class RegulationVersion(OwnedWork, Approvable):
    """One version of a unit's working regulation (Điều 24): drafted by the head from the
    guidance, discussed by the unit's leadership, approved by office leadership, in force from
    `effective_from`. An amendment is the next version; every version is kept."""

    number = models.PositiveSmallIntegerField(_("lần ban hành"))
    title = models.CharField(_("tên quy chế"), max_length=300)
    text = models.TextField(_("nội dung quy chế"))
    change_note = models.TextField(_("nội dung sửa đổi, bổ sung"), blank=True)
    effective_from = models.DateField(_("có hiệu lực từ ngày"))
    previous = models.ForeignKey(
        "self",
        verbose_name=_("bản trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    requires_discussion = True
    #: An approved regulation is published on the unit's disclosure board (Điều 16).
    disclose_on_approval = REGULATION_CATEGORY

    class Meta:
        ordering = ["lead_unit", "-number"]
        verbose_name = _("quy chế làm việc của đơn vị")
        verbose_name_plural = _("quy chế làm việc của đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["lead_unit", "number"],
                name="regulation_version_number_once",
                violation_error_message=_("Đơn vị đã có bản quy chế số này."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(title)s (lần %(number)s)") % {"title": self.title, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("regime:regulation", args=[self.pk])

    def disclosure_url(self) -> str:
        """Where the unit's staff read it: the regulation page of their unit."""
        return reverse("regime:unit-regulation", args=[self.lead_unit.code])

    def disclosure_text(self) -> str:
        text = _("Có hiệu lực từ ngày %(day)s.") % {"day": self.effective_from.strftime("%d/%m/%Y")}
        return f"{text}\n{self.change_note}".strip()


RegulationVersionUserObjectPermission = grant_model_for(RegulationVersion)


class RegulationAcknowledgment(models.Model):
    """A staff member acknowledged a version of his unit's regulation (recorded per version)."""

    version = models.ForeignKey(
        RegulationVersion, on_delete=models.PROTECT, related_name="acknowledgments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("xác nhận lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("xác nhận đã đọc quy chế")
        verbose_name_plural = _("xác nhận đã đọc quy chế")
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="regulation_ack_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.at:%d/%m/%Y %H:%M}"
