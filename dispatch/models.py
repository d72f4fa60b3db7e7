"""Registers, numbering and documents of the records clerks (Điều 7.6; DOMAIN §6).

Catalogues are data an administrator edits (`office_catalogue = True` gives the Cipher–IT
administrators' admin group their rights); nothing here hard-codes a type code or an issuer."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text import clip
from core.uploads import UploadValidator, random_upload_to
from dispatch.choices import (
    IN_HANDLING,
    IncomingStatus,
    LetterCategory,
    LetterStage,
    LetterStatus,
    OutgoingStage,
    PeriodScheme,
    RegisterKind,
    SequenceScope,
    SignerAuthority,
)
from units.approvals import Step
from units.choices import RoleCode
from units.models import (
    ALL_ROWS,
    Approvable,
    Consultation,
    OwnedWork,
    Unit,
    grant_model_for,
)

# Catalogues ---------------------------------------------------------------------------------


class DocumentType(models.Model):
    """A Party document type and its code in the number and symbol (21-HD/VPTW: HD)."""

    office_catalogue = True

    name = models.CharField(_("tên loại văn bản"), max_length=100, unique=True)
    code = models.CharField(_("ký hiệu"), max_length=10, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class Issuer(models.Model):
    """An issuing body and its code after the slash (VPTU, TU, TW…)."""

    office_catalogue = True

    name = models.CharField(_("tên cơ quan ban hành"), max_length=200)
    code = models.CharField(_("ký hiệu"), max_length=20, unique=True)
    is_own_office = models.BooleanField(
        _("là Văn phòng"),
        default=False,
        help_text=_("Văn bản của cơ quan này do Chánh Văn phòng ký không cần ghi thẩm quyền."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Urgency(models.Model):
    """An urgency mark. Every urgent document goes to leadership at once (DOMAIN §6 timing)."""

    office_catalogue = True

    name = models.CharField(_("độ khẩn"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("mức"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("độ khẩn")
        verbose_name_plural = _("độ khẩn")

    def __str__(self) -> str:
        return self.name


# Registers and numbering --------------------------------------------------------------------


class Register(models.Model):
    """A register (sổ) and its numbering scheme: restart per term or per year; one sequence per
    document type or one shared. The Party default for outgoing documents is per term, per type
    (secret documents share their type's sequence); incoming numbers run through the year."""

    office_catalogue = True

    kind = models.CharField(_("loại sổ"), max_length=10, choices=RegisterKind.choices)
    name = models.CharField(_("tên sổ"), max_length=200, unique=True)
    period_scheme = models.CharField(
        _("đánh số lại"), max_length=10, choices=PeriodScheme.choices, default=PeriodScheme.TERM
    )
    sequence_scope = models.CharField(
        _("dãy số"), max_length=10, choices=SequenceScope.choices, default=SequenceScope.PER_TYPE
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("sổ đăng ký")
        verbose_name_plural = _("sổ đăng ký")

    def __str__(self) -> str:
        return self.name


# Incoming documents (Điều 7.6) --------------------------------------------------------------


#: How much of a summary a notice quotes.
NOTICE_SUMMARY_LENGTH = 150


def handling_overdue(status: str, deadline: date | None, today: date | None = None) -> bool:
    """Still being handled after its handling deadline."""
    if status not in IN_HANDLING or deadline is None:
        return False
    return deadline < (today or timezone.localdate())


class IncomingDocument(OwnedWork):
    """A document received by the office. Until leadership distributes it, HC leads it and the
    registering clerk is in charge; then it moves to the lead unit like any other work."""

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """Records clerks keep the register: they see every non-secret document in it."""
        return {RoleCode.RECORDS_CLERK: ALL_ROWS}

    register = models.ForeignKey(
        Register, verbose_name=_("sổ"), on_delete=models.PROTECT, related_name="incoming"
    )
    period_key = models.CharField(_("kỳ đánh số"), max_length=20, editable=False)
    type_key = models.CharField(
        _("nhóm đánh số theo loại"), max_length=20, blank=True, editable=False
    )
    number = models.PositiveIntegerField(_("số đến"))
    received_at = models.DateTimeField(_("ngày đến"))
    sender = models.CharField(_("nơi gửi"), max_length=255)
    number_and_symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    document_date = models.DateField(_("ngày văn bản"))
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("trích yếu"))
    urgency = models.ForeignKey(
        Urgency,
        verbose_name=_("độ khẩn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pages = models.PositiveSmallIntegerField(_("số trang"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản"), default=1)
    document_deadline = models.DateField(_("hạn do văn bản yêu cầu"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("văn thư vào sổ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=IncomingStatus.choices,
        default=IncomingStatus.REGISTERED,
    )
    present_by = models.DateField(_("hạn trình lãnh đạo"))
    presented_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    distributed_at = models.DateTimeField(_("phân phối lúc"), null=True, blank=True)
    distributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo phân phối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    instruction = models.TextField(_("ý kiến chỉ đạo"), blank=True)
    handling_days = models.PositiveSmallIntegerField(
        _("thời hạn xử lý (ngày làm việc)"), null=True, blank=True
    )
    handling_deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("giao người xử lý lúc"), null=True, blank=True)
    result_note = models.TextField(_("kết quả xử lý"), blank=True)
    reply_number = models.CharField(_("số văn bản trả lời"), max_length=60, blank=True)
    closed_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        indexes = [
            models.Index(fields=["lead_unit", "status", "handling_deadline"]),
            models.Index(fields=["owner", "status", "handling_deadline"]),
            models.Index(fields=["status", "handling_deadline"]),
            models.Index(fields=["received_at"]),
            models.Index(fields=["document_date", "number_and_symbol"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "period_key", "type_key", "number"],
                name="incoming_number_unique_in_sequence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.number_and_symbol}"

    def get_absolute_url(self) -> str:
        return reverse("dispatch:incoming", args=[self.pk])

    @property
    def is_urgent(self) -> bool:
        return self.urgency_id is not None

    @property
    def is_open(self) -> bool:
        return self.status in IN_HANDLING

    def is_overdue(self, today=None) -> bool:
        return handling_overdue(self.status, self.handling_deadline, today)

    def notice_facts(self, *, deadline: date | None = None, deadline_label: str = "") -> str:
        """What a notice says of the document besides its summary: its type and a deadline
        (the handling deadline unless another is named), nothing of its content."""
        deadline = deadline or self.handling_deadline
        facts = [self.doc_type.name]
        if deadline:
            facts.append(f"{deadline_label or gettext('hạn xử lý')} {deadline:%d/%m/%Y}")
        return ", ".join(facts)

    def notice_name(self) -> str:
        """How a notice names the document (`units.ownership`'s "Bạn được giao phụ trách"):
        number, type, deadline and summary. `core.services.notify` names a secret one by its
        safe label instead."""
        return gettext("văn bản đến số %(number)s (%(facts)s): %(summary)s") % {
            "number": self.number,
            "facts": self.notice_facts(),
            "summary": clip(self.summary, NOTICE_SUMMARY_LENGTH),
        }


IncomingDocumentUserObjectPermission = grant_model_for(IncomingDocument)


class IncomingAttachment(models.Model):
    """A scan of the received document, served only through the permission check."""

    document = models.ForeignKey(
        IncomingDocument, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("tệp"), upload_to=random_upload_to("incoming"), validators=[UploadValidator()]
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tệp đính kèm văn bản đến")
        verbose_name_plural = _("tệp đính kèm văn bản đến")

    def __str__(self) -> str:
        return self.original_name


class IncomingProgress(models.Model):
    """A progress note of the person in charge: the "progress" column of the follow-up book."""

    document = models.ForeignKey(
        IncomingDocument, on_delete=models.CASCADE, related_name="progress_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("tiến độ"))
    at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("tiến độ xử lý")
        verbose_name_plural = _("tiến độ xử lý")

    def __str__(self) -> str:
        return self.note[:60]


# Outgoing documents (Điều 7.6, 13) ----------------------------------------------------------


class OutgoingDocument(OwnedWork, Approvable):
    """A draft of the drafting unit (the lead unit, one person in charge), reviewed by its head,
    format-checked by a clerk, signed by leadership in the admin, then numbered, sealed and
    dispatched by the clerk."""

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """Records clerks see non-secret drafts once the drafting unit's head has handed them
        to the office for format check, signature and dispatch."""
        return {RoleCode.RECORDS_CLERK: ~Q(stage=OutgoingStage.DRAFT)}

    register = models.ForeignKey(
        Register, verbose_name=_("sổ"), on_delete=models.PROTECT, related_name="outgoing"
    )
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("trích yếu"))
    content_file = models.FileField(
        _("tệp nội dung"),
        upload_to=random_upload_to("outgoing"),
        validators=[UploadValidator(allowed=("pdf",))],
        blank=True,
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký dự kiến"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=4, choices=SignerAuthority.choices, blank=True
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200)
    urgency = models.ForeignKey(
        Urgency,
        verbose_name=_("độ khẩn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    copies = models.PositiveSmallIntegerField(_("số bản"), default=1)
    stage = models.CharField(
        _("giai đoạn"), max_length=10, choices=OutgoingStage.choices, default=OutgoingStage.DRAFT
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trưởng phòng duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    format_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("văn thư kiểm tra thể thức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    format_checked_at = models.DateTimeField(_("kiểm tra thể thức lúc"), null=True, blank=True)
    consultations = models.ManyToManyField(
        Consultation, verbose_name=_("xin ý kiến"), blank=True, related_name="+"
    )
    period_key = models.CharField(_("kỳ đánh số"), max_length=20, blank=True, editable=False)
    type_key = models.CharField(
        _("nhóm đánh số theo loại"), max_length=20, blank=True, editable=False
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_and_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("văn thư vào sổ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    #: The signer named on the draft decides (`get_approval_path`): a deputy chief or the chief.
    approval_path = (Step.named("signer"), Step.chief())

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        indexes = [
            models.Index(fields=["lead_unit", "stage"]),
            models.Index(fields=["stage", "approval_status"]),
            models.Index(fields=["document_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "period_key", "type_key", "number"],
                condition=Q(number__isnull=False),
                name="outgoing_number_unique_in_sequence",
            ),
        ]

    def __str__(self) -> str:
        return self.number_and_symbol or self.summary[:80]

    def get_absolute_url(self) -> str:
        return reverse("dispatch:outgoing", args=[self.pk])

    def get_approval_path(self) -> tuple:
        """The signer decides: the chief when he is to sign, else the deputy chief named."""
        from units.selectors import chiefs

        signer, chief = self.approval_path
        if chiefs().filter(pk=self.signer_id).exists():
            return (chief,)
        return (signer,)


OutgoingDocumentUserObjectPermission = grant_model_for(OutgoingDocument)


class Delivery(models.Model):
    """One recipient of an outgoing document (a unit of the office or an outside body) and
    the tracking of its copy: sent, received, by whom."""

    document = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="deliveries"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outside_name = models.CharField(_("cơ quan nhận"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)
    received_by = models.CharField(_("người nhận"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(outside_name=""))
                | (Q(unit__isnull=True) & ~Q(outside_name="")),
                name="delivery_unit_or_outside_body",
                violation_error_message=_("Nơi nhận là một đơn vị hoặc một cơ quan bên ngoài."),
            ),
        ]

    def __str__(self) -> str:
        return self.unit.name_vi if self.unit_id else self.outside_name


class SealUse(models.Model):
    """Each use of the office's seal (Điều 7.6: the clerk keeps and uses the seals)."""

    document = models.ForeignKey(
        OutgoingDocument, on_delete=models.PROTECT, related_name="seal_uses"
    )
    seal = models.CharField(_("con dấu"), max_length=120)
    impressions = models.PositiveSmallIntegerField(_("số lần đóng dấu"), default=1)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    used_at = models.DateTimeField(_("lúc"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["used_at", "pk"]
        verbose_name = _("sử dụng con dấu")
        verbose_name_plural = _("sổ sử dụng con dấu")

    def __str__(self) -> str:
        return f"{self.seal} – {self.document}"


# Letters, citizen reception (Điều 7.3) and travel papers (Điều 7.7) ------------------------


class LetterDeadline(models.Model):
    """How long a step of letter handling may take, in working days; data, since the rules
    change (defaults: classify and route 10 days, complaint and denunciation 30 days)."""

    office_catalogue = True

    stage = models.CharField(_("bước"), max_length=10, choices=LetterStage.choices)
    category = models.CharField(
        _("loại đơn"),
        max_length=15,
        choices=LetterCategory.choices,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi loại đơn."),
    )
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["stage", "category"]
        verbose_name = _("thời hạn xử lý đơn thư")
        verbose_name_plural = _("thời hạn xử lý đơn thư")
        constraints = [
            models.UniqueConstraint(fields=["stage", "category"], name="one_letter_deadline"),
        ]

    def __str__(self) -> str:
        label = self.get_category_display() or _("mọi loại đơn")
        return f"{self.get_stage_display()} ({label}): {self.working_days}"


class Letter(OwnedWork):
    """A letter or petition sent to the provincial committee: received and classified by HC,
    proposed, routed to the competent body or the standing board, followed to its result."""

    @classmethod
    def role_sight(cls) -> dict[str, Q]:
        """HC's clerks receive and file the letters: they see every non-secret one."""
        return {RoleCode.RECORDS_CLERK: ALL_ROWS}

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="letters")
    period_key = models.CharField(_("kỳ đánh số"), max_length=20, editable=False)
    number = models.PositiveIntegerField(_("số"))
    received_on = models.DateField(_("ngày nhận"))
    sender_name = models.CharField(_("người gửi"), max_length=200, blank=True)
    sender_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    is_anonymous = models.BooleanField(_("đơn nặc danh"), default=False)
    summary = models.TextField(_("nội dung tóm tắt"))
    category = models.CharField(
        _("loại đơn"), max_length=15, choices=LetterCategory.choices, blank=True
    )
    out_of_competence = models.BooleanField(_("không thuộc thẩm quyền"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.RECEIVED
    )
    classify_deadline = models.DateField(_("hạn phân loại, chuyển đơn"))
    proposal = models.TextField(_("đề xuất xử lý"), blank=True)
    routed_to = models.CharField(_("chuyển đến"), max_length=255, blank=True)
    to_standing_board = models.BooleanField(_("báo cáo Thường trực"), default=False)
    routed_at = models.DateTimeField(_("chuyển lúc"), null=True, blank=True)
    result_deadline = models.DateField(_("hạn có kết quả"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        indexes = [models.Index(fields=["status", "received_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "period_key", "number"], name="letter_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.sender_name or _('nặc danh')}"

    def get_absolute_url(self) -> str:
        return reverse("dispatch:letter", args=[self.pk])


LetterUserObjectPermission = grant_model_for(Letter)


class ReceptionSession(models.Model):
    """A citizen-reception session (Điều 7.3): the provincial secretary holds at least one a
    month; HC organises it with the units concerned."""

    held_on = models.DateField(_("ngày tiếp"))
    leader = models.CharField(_("lãnh đạo tiếp"), max_length=200)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    citizens = models.TextField(_("công dân đến"))
    citizen_count = models.PositiveSmallIntegerField(_("số lượt công dân"), default=1)
    matters = models.TextField(_("nội dung phản ánh, kiến nghị"))
    outcome = models.TextField(_("kết quả, ý kiến của lãnh đạo"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} – {self.leader}"


class TravelPaper(models.Model):
    """A travel paper (giấy đi đường) signed by HC's head for an official of another agency
    visiting the office (Điều 7.7), numbered in its register."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="travel_papers")
    period_key = models.CharField(_("kỳ đánh số"), max_length=20, editable=False)
    number = models.PositiveIntegerField(_("số"))
    traveller = models.CharField(_("họ tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    agency = models.CharField(_("cơ quan"), max_length=255)
    purpose = models.CharField(_("nội dung công tác"), max_length=300)
    arrived_on = models.DateField(_("ngày đến"))
    left_on = models.DateField(_("ngày đi"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("ký lúc"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("giấy đi đường")
        verbose_name_plural = _("giấy đi đường")
        constraints = [
            models.UniqueConstraint(
                fields=["register", "period_key", "number"], name="travel_paper_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(left_on__gte=models.F("arrived_on")),
                name="travel_paper_leaves_after_arrival",
                violation_error_message=_("Ngày đi phải từ ngày đến trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.traveller}"
