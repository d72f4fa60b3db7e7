"""The office's organisation (Điều 1) and the one-unit-one-owner mechanism (Điều 1.3) that every
workflow object stands on."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history import register
from simple_history.models import HistoricalRecords

from core.uploads import UploadValidator, random_upload_to
from units.choices import (
    LEADERSHIP_POSITIONS,
    ApprovalStatus,
    ApprovalStep,
    ConsultationStatus,
    DecisionKind,
    Designation,
    Position,
    PrivilegedChangeKind,
    PrivilegedChangeStatus,
    RecertificationDecision,
    Secrecy,
    TaskStatus,
)


class Unit(models.Model):
    """A unit of the office (phòng, trung tâm). Units are data: the standing committee adds more."""

    code = models.SlugField(_("mã"), max_length=16, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    functions = models.TextField(_("chức năng, nhiệm vụ"), blank=True)
    article = models.CharField(_("điều khoản quy định"), max_length=50, blank=True)
    deputy_chief = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Phó Chánh Văn phòng phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units_in_charge",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name_vi

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi


class UnitDesignation(models.Model):
    """Which unit the office entrusts with a function: the records office, the archives, the
    finance, the cipher room… Data the system administrator edits; code asks
    `units.designations.designated_unit(key)`, never a unit code."""

    key = models.CharField(_("chức năng"), max_length=32, choices=Designation.choices, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="designations"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("đơn vị đảm nhiệm")
        verbose_name_plural = _("đơn vị đảm nhiệm")

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.unit}"


class StaffMember(models.Model):
    """A person of the office: office leadership (no unit) or a member of exactly one unit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField(_("chức vụ"), max_length=20, choices=Position.choices)
    title = models.CharField(_("chức danh"), max_length=120, blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__order", "position", "user__last_name"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(position=Position.HEAD, is_active=True),
                name="one_active_head_per_unit",
                violation_error_message=_("Đơn vị đã có Trưởng phòng đang công tác."),
            ),
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(position=Position.CHIEF, is_active=True),
                name="one_active_chief",
                violation_error_message=_("Văn phòng đã có Chánh Văn phòng đang công tác."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(position__in=LEADERSHIP_POSITIONS, unit__isnull=True)
                    | (~Q(position__in=LEADERSHIP_POSITIONS) & Q(unit__isnull=False))
                ),
                name="leadership_has_no_unit_staff_has_one",
                violation_error_message=_(
                    "Lãnh đạo Văn phòng không thuộc đơn vị; cán bộ khác phải thuộc một đơn vị."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_position_display()})"

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.username


#: Accounts keep history: who changed a user's rights, password or state, when and why.
register(get_user_model(), app="units", excluded_fields=["password", "last_login"])


class Role(models.Model):
    """A role a staff member may hold besides his position: records clerk, archivist, finance
    officer, cipher officer, system administrator. Seeded by a data migration; the code names
    the role in role sight (`role_sight()` of a model) and in the office's checks."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên vai trò"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        return self.name


class RoleAssignmentQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Assignments in force that day: a role ends by itself, no job switches it off."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class RoleAssignment(models.Model):
    """One person holding one role from `starts_on` to `ends_on` (open-ended when empty).
    Granted only through an approved `PrivilegedChange`, or when the account is created."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giữ vai trò"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.ForeignKey(
        Role, verbose_name=_("vai trò"), on_delete=models.PROTECT, related_name="assignments"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("lý do"), max_length=500)
    #: what the right covers (a register, an app, a body of work), as asked in its request
    scope = models.CharField(_("phạm vi"), max_length=300, blank=True)
    #: the approved rights request that gave it; empty for the roles an account starts with
    granted_through = models.ForeignKey(
        "PrivilegedChange",
        verbose_name=_("theo đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    #: a secrecy clearance: the highest level it covers, and the unit whose items it opens
    secrecy = models.CharField(
        _("mức độ mật được tiếp cận"), max_length=10, choices=Secrecy.choices, blank=True
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("trong đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: a right to see one secret item: which one (any `OwnedWork`)
    item_type = models.ForeignKey(
        ContentType,
        verbose_name=_("loại tài liệu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    item_id = models.PositiveBigIntegerField(_("số hiệu tài liệu"), null=True, blank=True)
    item = GenericForeignKey("item_type", "item_id")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role", "-starts_on"]
        verbose_name = _("phân công vai trò")
        verbose_name_plural = _("phân công vai trò")
        indexes = [models.Index(fields=["user", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_assignment_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
            models.CheckConstraint(
                condition=Q(item_type__isnull=True, item_id__isnull=True)
                | Q(item_type__isnull=False, item_id__isnull=False),
                name="role_assignment_item_whole",
                violation_error_message=_("Quyền xem tài liệu mật phải chỉ rõ tài liệu."),
            ),
        ]

    def __str__(self) -> str:
        end = self.ends_on.strftime("%d/%m/%Y") if self.ends_on else "…"
        return f"{self.user} – {self.role} ({self.starts_on:%d/%m/%Y}–{end})"

    def is_valid_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def right_label(self) -> str:
        """What the right opens, without any secret text: the level and unit of a clearance,
        the kind, level and number of a secret item (`core.services.safe_label`)."""
        from core.services import safe_label

        if self.secrecy:
            return (
                f"{self.get_secrecy_display()} – {self.unit}"
                if self.unit_id
                else str(self.get_secrecy_display())
            )
        if self.item_type_id:
            item = self.item
            return safe_label(item) if item is not None else f"#{self.item_id}"
        return ""


class PrivilegedChange(models.Model):
    """A change of an account's rights asked by one person and applied only when a second
    person approves it (issue 16): a password reset of a leader or an administrator, superuser
    or admin access, groups, a role. General on purpose: `kind` says what, `payload` carries
    the details of that kind (a role and its dates, a flag's new value, group ids, a password
    hash), so rights requests of other kinds can use the same row."""

    kind = models.CharField(_("loại thay đổi"), max_length=20, choices=PrivilegedChangeKind.choices)
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="privileged_changes",
    )
    payload = models.JSONField(_("nội dung"), default=dict, blank=True)
    reason = models.TextField(_("lý do"))
    #: what the right covers (a register, an app, a body of work): asked with every right
    scope = models.CharField(_("phạm vi"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("đề nghị lúc"), default=timezone.now)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=PrivilegedChangeStatus.choices,
        default=PrivilegedChangeStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_comment = models.TextField(_("ý kiến"), blank=True)
    #: a right of a unit's staff member is approved first by the unit's head (the request of
    #: that head counts), then by Cipher–IT's head: two different people
    head_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Trưởng đơn vị duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    head_approved_at = models.DateTimeField(_("Trưởng đơn vị duyệt lúc"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["payload"])

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("đề nghị thay đổi quyền")
        verbose_name_plural = _("đề nghị thay đổi quyền")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == PrivilegedChangeStatus.PENDING


class RightsPolicy(models.Model):
    """The rules of rights requests and their recertification (Điều 11.6), data the system
    administrator edits: how long a reason must be, how long a right may be granted for, how
    often each unit head recertifies his staff's rights and within how many days."""

    office_catalogue = True

    reason_min_length = models.PositiveSmallIntegerField(_("lý do tối thiểu (ký tự)"), default=20)
    max_period_days = models.PositiveSmallIntegerField(
        _("thời hạn cấp quyền tối đa (ngày)"), default=366
    )
    recertify_every_months = models.PositiveSmallIntegerField(
        _("chu kỳ rà soát quyền (tháng)"), default=3
    )
    recertify_within_days = models.PositiveSmallIntegerField(
        _("thời hạn rà soát kể từ đầu kỳ (ngày)"), default=15
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy định cấp quyền")
        verbose_name_plural = _("quy định cấp quyền")
        constraints = [
            models.CheckConstraint(
                condition=Q(recertify_every_months__gte=1, recertify_every_months__lte=12),
                name="rights_policy_period_in_year",
                violation_error_message=_("Chu kỳ rà soát từ 1 đến 12 tháng."),
            ),
            models.CheckConstraint(
                condition=Q(max_period_days__gte=1),
                name="rights_policy_period_positive",
                violation_error_message=_("Thời hạn cấp quyền tối đa phải từ 1 ngày."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Quy định cấp quyền"))

    @classmethod
    def current(cls) -> "RightsPolicy":
        """The office's row (seeded by migration); the defaults when it was removed."""
        return cls.objects.order_by("pk").first() or cls()


class RoleRecertification(models.Model):
    """A unit head's periodic review of one right of his staff: kept or revoked, with a
    reason; or revoked by the office because nobody reviewed it in time (`decided_by` empty)."""

    assignment = models.ForeignKey(
        RoleAssignment,
        verbose_name=_("quyền được rà soát"),
        on_delete=models.PROTECT,
        related_name="recertifications",
    )
    period_start = models.DateField(_("kỳ rà soát (từ ngày)"))
    decision = models.CharField(
        _("kết quả"), max_length=10, choices=RecertificationDecision.choices
    )
    reason = models.CharField(_("lý do"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rà soát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("rà soát quyền")
        verbose_name_plural = _("rà soát quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "period_start"],
                name="one_recertification_per_period",
                violation_error_message=_("Quyền này đã được rà soát trong kỳ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.get_decision_display()} ({self.period_start:%d/%m/%Y})"


class Delegation(models.Model):
    """A head's absence: one deputy acts as head from `starts_on` to `ends_on` (Điều 3.10).
    It ends by itself: activity is derived from the dates, never switched by a job."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="delegations")
    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations_given"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations_received"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        indexes = [models.Index(fields=["unit", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="delegation_ends_after_start",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.unit.code}: {self.delegate} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"
        )

    def is_active_on(self, day) -> bool:
        return self.cancelled_at is None and self.starts_on <= day <= self.ends_on


#: The condition of a role that sees every non-secret object of a model (`role_sight()`): not an
#: empty `Q()`, which the door refuses because it would say nothing.
ALL_ROWS = Q(pk__isnull=False)


class OwnedWork(models.Model):
    """Every piece of work has one lead unit and one person in charge who is a member of it
    (Điều 1.3); coordinating units see it and answer consultations but do not edit it.

    Concrete models also declare their guardian direct foreign-key model in one line,
    `ThingUserObjectPermission = grant_model_for(Thing)` (its `content_object` has
    related_name="user_grants"): personal rights live there, unit-wide sight is derived from
    these columns.

    A model whose objects some role sees whoever handles them declares `role_sight()`, a
    classmethod returning `{role code: Q}`. The door applies each condition inside the secrecy
    clause: a role never shows a secret item. A model whose ordinary rows are seen by whoever
    sees a parent piece of work (a program's lines) names the foreign keys in `sight_through`.
    """

    #: foreign keys to owned work whose readers also see this object when it is not secret
    sight_through: tuple[str, ...] = ()

    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phụ trách"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    coordinating_units = models.ManyToManyField(
        Unit,
        verbose_name=_("đơn vị phối hợp"),
        blank=True,
        related_name="%(app_label)s_%(class)s_coordinating",
    )
    secrecy = models.CharField(
        _("độ mật"), max_length=10, choices=Secrecy.choices, default=Secrecy.NONE, blank=True
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NONE


class Approvable(models.Model):
    """A submission decided by office leadership in the admin (DOMAIN §5). Its steps are
    declared in `approval_path`; every decision is a `Decision` row."""

    approval_status = models.CharField(
        _("trạng thái phê duyệt"),
        max_length=12,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.DRAFT,
        db_index=True,
    )
    approval_step = models.CharField(
        _("bước chờ"), max_length=20, choices=ApprovalStep.choices, blank=True
    )
    #: position of the awaited step in the model's declared `approval_path`
    approval_step_index = models.PositiveSmallIntegerField(
        _("vị trí bước chờ"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_comment = models.TextField(_("ý kiến của lãnh đạo"), blank=True)

    #: The steps a submission of this model may pass, in order (`units.approvals.Step`);
    #: empty means `units.approvals.DEFAULT_PATH`, the deputy chief in charge alone.
    approval_path: tuple = ()
    #: The deputy chief in charge may send the matter up to the chief instead of deciding.
    approval_forward_allowed = False
    #: Điều 2: the unit records a collective discussion before it submits.
    requires_discussion = False
    #: The field naming who asked for it, when that is not its person in charge (a request to
    #: enter the cipher room is Cipher–IT's work): he may submit it, and never decide it.
    requester_field = ""

    class Meta:
        abstract = True

    def get_approval_path(self) -> tuple:
        """This submission's steps: the declared path, or a selection of its steps in order
        (a report that is not half-yearly skips the chief)."""
        return self.approval_path

    def discussion_required(self) -> bool:
        return self.requires_discussion

    def is_requester(self, user) -> bool:
        field = self.requester_field
        return bool(field) and getattr(self, f"{field}_id", None) == user.pk


class Decision(models.Model):
    """One step of a submission's life: submitted, approved, returned or forwarded; with who and
    why. Kept for every approvable model (a generic key is fine here: it is read per object)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("quyết định"), max_length=10, choices=DecisionKind.choices)
    step = models.CharField(_("bước"), max_length=20, choices=ApprovalStep.choices, blank=True)
    #: position of the step in the declared path (empty for decisions recorded before it was kept)
    step_index = models.PositiveSmallIntegerField(_("vị trí bước"), null=True, blank=True)
    #: a collective body's decision: the body, and the number and date of its record
    body = models.CharField(_("tập thể quyết định"), max_length=200, blank=True)
    resolution_number = models.CharField(_("số văn bản, biên bản"), max_length=50, blank=True)
    resolution_date = models.DateField(_("ngày văn bản, biên bản"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), on_delete=models.PROTECT
    )
    comment = models.TextField(_("ý kiến"), blank=True)
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("quyết định của lãnh đạo")
        verbose_name_plural = _("quyết định của lãnh đạo")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.actor} – {self.at:%d/%m/%Y %H:%M}"


class CollectiveDiscussion(models.Model):
    """A unit's collective discussion of a matter before the head decides or submits it
    (Điều 2): programs, reports, estimates, evaluations, regulations, personnel matters. Generic,
    because every approvable model that declares `requires_discussion` needs one."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("ngày thảo luận"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("thành phần tham dự"), related_name="+"
    )
    opinions = models.TextField(_("ý kiến thảo luận"))
    conclusion = models.TextField(_("kết luận"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("thảo luận tập thể")
        verbose_name_plural = _("thảo luận tập thể")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.unit.code.upper()} {self.held_on:%d/%m/%Y}"


class OwnershipChange(models.Model):
    """Every assignment, reassignment and move of a piece of work: who, when, why (Điều 1.3)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    from_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    from_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("giao việc / chuyển giao")
        verbose_name_plural = _("giao việc / chuyển giao")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.to_owner} ({self.to_unit.code}) – {self.at:%d/%m/%Y %H:%M}"


class SecretGrant(models.Model):
    """A secret item handed to the next person in its path (review, assignment, signature):
    who was let in, by whom, at which step (Điều 17)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được xem"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chuyển"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("bước xử lý"), max_length=300)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt cấp quyền xem tài liệu mật")
        verbose_name_plural = _("sổ cấp quyền xem tài liệu mật")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.at:%d/%m/%Y %H:%M}"


class SecretAccess(models.Model):
    """Each time someone opens a secret item, or is shown secret rows in a list, a search, an
    export or the admin (Điều 17): one row per request. A list's row names every secret item
    it showed in `object_ids` and leaves `object_id` empty."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_ids = models.JSONField(_("các mục mật được hiển thị"), default=list, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    via = models.CharField(max_length=20, default="site")

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt truy cập tài liệu mật")
        verbose_name_plural = _("nhật ký truy cập tài liệu mật")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.at:%d/%m/%Y %H:%M}"


def grant_model_for(model: type[models.Model]) -> type[UserObjectPermissionBase]:
    """The guardian direct foreign-key permission model of an owned model, with the module,
    name and foreign key a hand-written declaration would have, so it belongs to the same app
    and its migrations do not change. Assign it to `<Model>UserObjectPermission` in the
    model's module (guardian finds it through `<model>.user_grants`)."""
    name = f"{model.__name__}UserObjectPermission"
    return type(
        name,
        (UserObjectPermissionBase,),
        {
            "__module__": model.__module__,
            "__qualname__": name,
            "content_object": models.ForeignKey(
                model, on_delete=models.CASCADE, related_name="user_grants"
            ),
        },
    )


class Task(OwnedWork):
    """Work a head assigns to a deputy or staff member (Điều 3.2)."""

    title = models.CharField(_("tên công việc"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        on_delete=models.PROTECT,
        related_name="tasks_assigned",
    )
    assigned_on = models.DateField(_("ngày giao"))
    due_working_days = models.PositiveSmallIntegerField(_("thời hạn (ngày làm việc)"))
    due_date = models.DateField(_("hạn hoàn thành"), db_index=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=TaskStatus.choices,
        default=TaskStatus.ASSIGNED,
        db_index=True,
    )
    result_note = models.TextField(_("kết quả"), blank=True)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("công việc")
        verbose_name_plural = _("công việc")
        indexes = [
            models.Index(fields=["lead_unit", "status", "due_date"]),
            models.Index(fields=["owner", "status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("units:task", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date < today


TaskUserObjectPermission = grant_model_for(Task)


class Escalation(OwnedWork, Approvable):
    """A matter beyond the unit's authority, sent with its dossier to the deputy chief in charge,
    who decides or forwards it to the chief (Điều 3.8, 22.4)."""

    title = models.CharField(_("vấn đề"), max_length=300)
    dossier = models.TextField(_("hồ sơ, đề xuất"))
    attachment = models.FileField(
        _("tài liệu kèm theo"),
        upload_to=random_upload_to("escalations"),
        validators=[UploadValidator()],
        blank=True,
    )
    history = HistoricalRecords()

    approval_forward_allowed = True

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kiến nghị vượt thẩm quyền")
        verbose_name_plural = _("kiến nghị vượt thẩm quyền")
        indexes = [models.Index(fields=["lead_unit", "approval_status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("units:escalation", args=[self.pk])


EscalationUserObjectPermission = grant_model_for(Escalation)


class Consultation(OwnedWork):
    """The lead unit asks another unit for its opinion by a deadline; the asked unit must answer
    and answers for its answer (Điều 13.1, 22.3). The asked unit is a coordinating unit."""

    subject = models.CharField(_("nội dung xin ý kiến"), max_length=300)
    question = models.TextField(_("câu hỏi, dự thảo cần góp ý"))
    asked_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị được hỏi"), on_delete=models.PROTECT, related_name="+"
    )
    answerer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(_("hạn trả lời"), db_index=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
        db_index=True,
    )
    answer = models.TextField(_("ý kiến trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("xin ý kiến")
        verbose_name_plural = _("xin ý kiến")
        indexes = [models.Index(fields=["asked_unit", "status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(asked_unit=models.F("lead_unit")),
                name="consultation_asks_another_unit",
                violation_error_message=_("Chỉ xin ý kiến đơn vị khác."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("units:consultation", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == ConsultationStatus.OPEN and self.deadline < today


ConsultationUserObjectPermission = grant_model_for(Consultation)


class TimedGrant(models.Model):
    """Sight of one object for one person until a day (`units.grants`): a reader of the
    archive's reading room, a right asked for a period. The guardian `view` row it writes is
    what the door reads; this record says until when, why, by whom and through what, and the
    door ignores the row from the day after `ends_on` even before the sweep deletes it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được xem"),
        on_delete=models.PROTECT,
        related_name="timed_grants",
    )
    starts_on = models.DateField(_("từ ngày"), default=timezone.localdate)
    ends_on = models.DateField(_("đến hết ngày"))
    reason = models.CharField(_("lý do"), max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: what the grant comes from, as "app.model:pk" (a reading request, a rights request)
    source = models.CharField(_("căn cứ"), max_length=100)
    #: False when the person already held a view row of his own: the grant then neither hides
    #: nor deletes it when it ends
    holds_row = models.BooleanField(_("quyền xem do lượt cấp này tạo"), default=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoke_reason = models.CharField(_("lý do thu hồi"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("quyền xem có thời hạn")
        verbose_name_plural = _("quyền xem có thời hạn")
        indexes = [
            models.Index(fields=["content_type", "object_id", "user"]),
            models.Index(
                fields=["ends_on"], condition=Q(revoked_at__isnull=True), name="timed_open_ends"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_open_timed_grant",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="timed_grant_ends_after_start",
                violation_error_message=_("Ngày hết hạn phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.ends_on:%d/%m/%Y}"

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.revoked_at is None and self.starts_on <= today <= self.ends_on
