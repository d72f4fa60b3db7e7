"""General Affairs' advisory work (Điều 6): who follows which sector, field or Party body, and the
specialist's assignments from office leadership or straight from the standing board."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advisory.choices import DIRECT_SOURCES, AreaKind, Source, WorkKind, WorkStatus
from units.models import OwnedWork, grant_model_for


class FollowUpArea(models.Model):
    """A sector, field, locality or Party body the office follows. Bodies change (since 2025
    there are no districts): an area is ended, never deleted, so old assignments keep its name."""

    kind = models.CharField(_("loại"), max_length=12, choices=AreaKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("lĩnh vực theo dõi")
        verbose_name_plural = _("lĩnh vực theo dõi")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name"],
                name="follow_up_area_unique_name",
                violation_error_message=_("Đã có lĩnh vực theo dõi cùng loại và tên này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class FollowUpAssignmentQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class FollowUpAssignment(models.Model):
    """Leadership assigns a General Affairs specialist (or the head) to follow an area from
    `starts_on` to `ends_on` (open-ended when empty): it ends by itself, no job."""

    area = models.ForeignKey(
        FollowUpArea,
        verbose_name=_("lĩnh vực theo dõi"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người theo dõi"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phân công"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = FollowUpAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["area__kind", "area__name", "starts_on", "pk"]
        verbose_name = _("phân công theo dõi")
        verbose_name_plural = _("phân công theo dõi")
        indexes = [models.Index(fields=["follower", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="follow_up_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area.name} – {self.follower.get_full_name()}"

    def is_valid_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class ReportTerm(models.Model):
    """How many working days after a kind of work ends its report is due (a survey's report to
    leadership, Điều 6.4). Data the administrator edits; seeded by a data migration."""

    kind = models.CharField(_("loại việc"), max_length=12, choices=WorkKind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    history = HistoricalRecords()

    office_catalogue = True

    class Meta:
        ordering = ["kind"]
        verbose_name = _("thời hạn báo cáo")
        verbose_name_plural = _("thời hạn báo cáo")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"


class AdvisoryWork(OwnedWork):
    """One assignment of a General Affairs specialist: research or follow-up (the specialist
    records scope and timeline for the head, 6.2), a conference or survey ending with a report
    (6.4), the appraisal of another agency's draft or a speech draft (6.5). Assigned by office
    leadership, or recorded by the specialist when it came straight from the provincial
    secretary or a deputy secretary (6.3)."""

    kind = models.CharField(_("loại việc"), max_length=12, choices=WorkKind.choices)
    source = models.CharField(
        _("người giao"), max_length=20, choices=Source.choices, default=Source.OFFICE_LEADERSHIP
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo Văn phòng giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_person = models.CharField(_("họ tên người giao"), max_length=200, blank=True)
    title = models.CharField(_("tên việc"), max_length=300)
    brief = models.TextField(_("nội dung giao"))
    assigned_on = models.DateField(_("ngày giao"))
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    # Research and follow-up: what the specialist tells the head (6.2)
    scope = models.TextField(_("phạm vi nghiên cứu, theo dõi"), blank=True)
    timeline = models.TextField(_("tiến độ dự kiến"), blank=True)
    expected_finish = models.DateField(_("dự kiến hoàn thành"), null=True, blank=True)
    planned_at = models.DateTimeField(_("báo cáo phạm vi lúc"), null=True, blank=True)
    # Conference or field survey (6.4)
    event_place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    event_starts_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    event_ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    report_due = models.DateField(_("hạn báo cáo"), null=True, blank=True, db_index=True)
    # Appraisal of a draft from another agency; a speech for the standing board (6.5)
    draft_agency = models.CharField(_("cơ quan soạn thảo"), max_length=300, blank=True)
    occasion = models.CharField(_("sự kiện, người phát biểu"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=WorkStatus.choices,
        default=WorkStatus.ASSIGNED,
        db_index=True,
    )
    result = models.TextField(_("kết quả, ý kiến"), blank=True)
    reported_at = models.DateTimeField(_("báo cáo kết quả lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assigned_on", "-pk"]
        verbose_name = _("việc tham mưu tổng hợp")
        verbose_name_plural = _("việc tham mưu tổng hợp")
        indexes = [models.Index(fields=["lead_unit", "status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(event_ends_on__isnull=True)
                | Q(event_starts_on__isnull=True)
                | Q(event_ends_on__gte=models.F("event_starts_on")),
                name="advisory_event_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("advisory:work", args=[self.pk])

    @property
    def is_direct(self) -> bool:
        return self.source in DIRECT_SOURCES

    @property
    def deadline(self):
        """The survey's report is due after it ends; any other work by its own deadline."""
        return self.report_due or self.due_date

    @property
    def needs_plan(self) -> bool:
        return self.kind in (WorkKind.RESEARCH, WorkKind.FOLLOW_UP)

    @property
    def status_allows_report(self) -> bool:
        """Research and follow-up report once their scope and timeline were told (6.2)."""
        return not self.needs_plan or self.status == WorkStatus.PLANNED

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        deadline = self.deadline
        return self.status != WorkStatus.DONE and deadline is not None and deadline < today


AdvisoryWorkUserObjectPermission = grant_model_for(AdvisoryWork)
