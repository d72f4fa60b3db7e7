"""Appraisal and disposal (Điều 8.2): the archivist proposes the files whose retention has
expired; the leadership forms the appraisal council (hội đồng xác định giá trị tài liệu); its
members give an opinion on each file; the secretary records the council's decision (majority,
under the quorum an administrator edits); the chief approves the destruction; only then are
the files on the destruction list destroyed, their catalogue entries kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive.choices import CouncilRole, LineOutcome, Verdict
from archive.keeping import UndeletableManager, refuse_delete
from units.approvals import Pool, Step
from units.choices import Designation, RoleCode
from units.models import ALL_ROWS, Approvable, OwnedWork, Unit, grant_model_for

__all__ = [
    "Appraisal",
    "AppraisalLine",
    "AppraisalUserObjectPermission",
    "CouncilMember",
    "CouncilOpinion",
    "CouncilQuorum",
]

APPRAISAL_KEPT = "Hồ sơ thẩm định, hủy tài liệu được lưu giữ lâu dài: không được xóa."

#: the collective body whose decision the council's secretary records
COUNCIL = _("Hội đồng xác định giá trị tài liệu")


class CouncilQuorum(models.Model):
    """The quorum of the appraisal council from a date: more than `share_percent` per cent of
    its members must have given their opinion on every file before its decision is recorded."""

    office_catalogue = True

    share_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ thành viên cho ý kiến (trên %)"),
        help_text=_("Số thành viên cho ý kiến về mỗi hồ sơ phải vượt tỷ lệ này."),
    )
    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    reference = models.CharField(_("căn cứ"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("điều kiện hợp lệ của Hội đồng xác định giá trị tài liệu")
        verbose_name_plural = _("điều kiện hợp lệ của Hội đồng xác định giá trị tài liệu")
        constraints = [
            models.CheckConstraint(
                condition=Q(share_percent__lt=100),
                name="council_quorum_below_100",
                violation_error_message=_("Tỷ lệ phải dưới 100%."),
            ),
        ]

    def __str__(self) -> str:
        return _("Trên %(share)d%% thành viên, từ %(date)s") % {
            "share": self.share_percent,
            "date": self.valid_from.strftime("%d/%m/%Y"),
        }


class Appraisal(OwnedWork, Approvable):
    """One appraisal of expired files, from the archivist's proposal to the destruction
    minutes. Its path: the leadership's decision forming the council (the deputy chief in
    charge of the archives, or the chief), the council's recorded decision (entered by its
    secretary, refused without quorum), the chief's destruction decision."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên đợt thẩm định"), max_length=300)
    note = models.TextField(_("bản thuyết minh"))
    kept_note = models.TextField(_("thuyết minh hồ sơ giữ lại"), blank=True)
    number = models.PositiveIntegerField(_("số danh mục đề nghị hủy"), null=True, blank=True)
    council_number = models.PositiveIntegerField(
        _("số quyết định thành lập Hội đồng"), null=True, blank=True
    )
    minutes_number = models.CharField(_("số biên bản họp Hội đồng"), max_length=40, blank=True)
    minutes_date = models.DateField(_("ngày họp Hội đồng"), null=True, blank=True)
    decision_number = models.PositiveIntegerField(_("số quyết định hủy"), null=True, blank=True)
    list_number = models.PositiveIntegerField(_("số danh mục tài liệu hủy"), null=True, blank=True)
    destruction_minutes_number = models.PositiveIntegerField(
        _("số biên bản hủy"), null=True, blank=True
    )
    destroyed_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hủy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = UndeletableManager()
    deletion_refusal = APPRAISAL_KEPT

    approval_path = (
        Step.deputy_chief(),
        Step.collective(body=COUNCIL, keepers=Pool.members_of(Designation.ARCHIVES)),
        Step.chief(),
    )

    def delete(self, *args, **kwargs):
        refuse_delete(self)

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """Archivists keep every appraisal."""
        return {RoleCode.ARCHIVIST: ALL_ROWS}

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("đợt thẩm định, hủy tài liệu")
        verbose_name_plural = _("đợt thẩm định, hủy tài liệu")

    def __str__(self) -> str:
        number = f"{self.number:02d}" if self.number else "…"
        return _("Thẩm định tài liệu hết hạn số %(number)s/%(year)d") % {
            "number": number,
            "year": self.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("archive:appraisal", args=[self.pk])

    @property
    def decision_reference(self) -> str:
        if not self.decision_number:
            return ""
        return _("Quyết định hủy tài liệu số %(number)d/%(year)d") % {
            "number": self.decision_number,
            "year": self.year,
        }


AppraisalUserObjectPermission = grant_model_for(Appraisal)


class CouncilMember(models.Model):
    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("đợt thẩm định"), on_delete=models.PROTECT, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=CouncilRole.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đại diện đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    objects = UndeletableManager()
    deletion_refusal = APPRAISAL_KEPT

    class Meta:
        ordering = ["appraisal", "position", "pk"]
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "user"], name="council_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user.get_full_name() or self.user.username}"

    def delete(self, *args, **kwargs):
        refuse_delete(self)


class AppraisalLine(models.Model):
    """A file of the appraisal: what the archivist proposes, then the council's decision, the
    chief's confirmation of a contested destruction, and the destruction itself."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("đợt thẩm định"), on_delete=models.PROTECT, related_name="lines"
    )
    record_file = models.ForeignKey(
        "archive.RecordFile",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="appraisal_lines",
    )
    position = models.PositiveIntegerField(_("số thứ tự"), default=0)
    proposal = models.CharField(
        _("đề nghị của Lưu trữ"), max_length=10, choices=Verdict.choices, default=Verdict.DESTROY
    )
    proposal_note = models.CharField(_("lý do đề nghị"), max_length=500, blank=True)
    outcome = models.CharField(
        _("quyết định của Hội đồng"),
        max_length=10,
        choices=LineOutcome.choices,
        default=LineOutcome.PENDING,
        blank=True,
    )
    destroy_votes = models.PositiveSmallIntegerField(_("số ý kiến hủy"), default=0)
    keep_votes = models.PositiveSmallIntegerField(_("số ý kiến giữ lại"), default=0)
    chief_confirmed = models.BooleanField(_("Chánh Văn phòng xác nhận hủy"), default=False)
    chief_reason = models.CharField(_("lý do xác nhận hủy"), max_length=500, blank=True)
    on_list = models.BooleanField(_("trong danh mục tài liệu hủy"), default=False)
    destroyed_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    history = HistoricalRecords()

    objects = UndeletableManager()
    deletion_refusal = APPRAISAL_KEPT

    class Meta:
        ordering = ["appraisal", "position", "pk"]
        verbose_name = _("hồ sơ được thẩm định")
        verbose_name_plural = _("hồ sơ được thẩm định")
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "record_file"], name="appraisal_line_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.record_file)

    def delete(self, *args, **kwargs):
        refuse_delete(self)


class CouncilOpinion(models.Model):
    """One member's opinion on one file, with its reason; changed until the decision."""

    line = models.ForeignKey(
        AppraisalLine, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="opinions"
    )
    member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("thành viên"),
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    verdict = models.CharField(_("ý kiến"), max_length=10, choices=Verdict.choices)
    reason = models.CharField(_("lý do"), max_length=1000)
    history = HistoricalRecords()

    objects = UndeletableManager()
    deletion_refusal = APPRAISAL_KEPT

    class Meta:
        ordering = ["line", "member__position", "pk"]
        verbose_name = _("ý kiến thành viên Hội đồng")
        verbose_name_plural = _("ý kiến thành viên Hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["line", "member"], name="council_opinion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_verdict_display()}"

    def delete(self, *args, **kwargs):
        refuse_delete(self)
