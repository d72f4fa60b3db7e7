"""Leadership approval, shared by every submission (DOMAIN §5): submit, then each step's
approvers approve, return with a comment, or (where allowed) forward to the chief. Every step is
a `Decision` row; apps attach their effects with `register_effects`.

A model declares its path from kinds of step, as Wagtail's workflows are made of tasks:

    approval_path = (Step.unit_head(), Step.deputy_chief(), Step.chief())

Each kind knows who its approvers are (`approvers`), why a user may not decide it (`refusal`),
and which rows wait for a user (`awaiting`). The object stores the kind it waits for and the
step's position in the declared path (`approval_step`, `approval_step_index`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial, reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audited_save, in_office_language
from core.services import notifications_done, notify
from units import ownership, permissions
from units.choices import (
    LEADERSHIP_POSITIONS,
    ApprovalStatus,
    ApprovalStep,
    DecisionKind,
    Designation,
)
from units.designations import designated_unit, is_designated
from units.models import Approvable, CollectiveDiscussion, Decision, StaffMember
from units.permissions import Viewer
from units.selectors import chiefs

# Who may be asked -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pool:
    """A set of people a step draws its approvers from: office leadership, or the members of
    the unit entrusted with a function (the minutes of a body are kept by its secretariat)."""

    designation: str = ""

    @classmethod
    def leadership(cls) -> Pool:
        return cls()

    @classmethod
    def members_of(cls, designation: str) -> Pool:
        return cls(designation=designation)

    def users(self) -> list:
        staff = StaffMember.objects.filter(is_active=True, user__is_active=True)
        if self.designation:
            unit = designated_unit(self.designation)
            staff = staff.filter(unit=unit) if unit else staff.none()
        else:
            staff = staff.filter(position__in=LEADERSHIP_POSITIONS)
        return [member.user for member in staff.select_related("user").order_by("pk")]

    def holds(self, viewer: Viewer) -> bool:
        if self.designation:
            return is_designated(viewer.unit_id, self.designation)
        return viewer.is_leadership


# Kinds of step ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of a path. Subclasses are the kinds; build them with the class methods."""

    kind = ""
    #: Its approvers see the item by their position (the door's columns); others are granted it.
    sees_by_position = False

    @classmethod
    def unit_head(cls, of: str = "") -> Step:
        """The requester's head (the head of the lead unit); with `of`, the head of the unit
        designated for that function (`Designation.CIPHER`: CY's head)."""
        return DesignatedHeadStep(designation=of) if of else UnitHeadStep()

    @classmethod
    def deputy_chief(cls, of: str = "") -> Step:
        """The lead unit's deputy chief in charge; with `of`, the deputy chief in charge of the
        unit designated for that function (`Designation.FACILITIES`: QT's, for a vehicle out of
        the province or a visiting delegation)."""
        return DesignatedDeputyChiefStep(designation=of) if of else DeputyChiefStep()

    @classmethod
    def chief(cls) -> Step:
        return ChiefStep()

    @classmethod
    def named(cls, field: str) -> Step:
        """The leader the submission names in `field` (the signer an outgoing draft names),
        whichever units he oversees."""
        return NamedLeaderStep(field=field)

    @classmethod
    def two_approvers(cls, among: Pool | None = None, beneficiary: str = "owner") -> Step:
        """Two different people of `among` (office leadership by default) both approve;
        neither may be the beneficiary (the field naming him, the person in charge by
        default)."""
        return TwoApproversStep(among=among or Pool.leadership(), beneficiary=beneficiary)

    @classmethod
    def collective(cls, body, keepers: Pool | None = None) -> Step:
        """A collective body's recorded decision (the office leadership, an appraisal
        council), entered with its number and date by whoever keeps the body's minutes."""
        return CollectiveStep(
            body=body, keepers=keepers or Pool.members_of(Designation.LEADERSHIP_MINUTES)
        )

    @property
    def label(self) -> str:
        return ApprovalStep(self.kind).label

    def approvers(self, obj: Approvable) -> list:
        raise NotImplementedError

    def skipped(self, obj: Approvable) -> bool:
        """A step nobody can take is passed over (a unit without a deputy chief in charge)."""
        return False

    def refusal(self, user, viewer: Viewer, obj: Approvable, index: int) -> str | None:
        """Why this user may not decide the step now; None when he may."""
        raise NotImplementedError

    def awaiting(self, viewer: Viewer, user, model: type, index: int) -> Q | None:
        """The condition on the model's rows waiting at this step for this user, or None."""
        raise NotImplementedError

    def complete(self, obj: Approvable, index: int) -> bool:
        """Whether an approval just recorded finishes the step."""
        return True

    def clean_record(self, kind: str, details: dict) -> dict:
        """Extra fields of the Decision row for this step (a body's number and date)."""
        return {}


#: The kind of the notices asking an approver to decide (`core.services.notifications_done`).
AWAIT_DECISION = "await_decision"

NOT_YOURS = gettext_lazy("Nội dung này không chờ quyết định của bạn.")
OWN_MATTER = gettext_lazy("Người đề nghị (người được hưởng) không tự duyệt nội dung của mình.")


def _beneficiary_id(obj: Approvable, field: str = "owner"):
    return getattr(obj, f"{field}_id", None)


@dataclass(frozen=True)
class UnitHeadStep(Step):
    kind = ApprovalStep.UNIT_HEAD
    sees_by_position = True

    def unit(self, obj):
        return obj.lead_unit

    def approvers(self, obj):
        head = ownership.head_of(self.unit(obj))
        return [head] if head and head.pk != _beneficiary_id(obj) else []

    def skipped(self, obj):
        return not self.approvers(obj)

    def refusal(self, user, viewer, obj, index):
        unit = self.unit(obj)
        if unit is None or not viewer.is_head_of(unit.pk):
            return NOT_YOURS
        if user.pk == _beneficiary_id(obj):
            return OWN_MATTER
        return None

    def awaiting(self, viewer, user, model, index):
        if not viewer.head_unit_ids:
            return None
        return Q(lead_unit_id__in=viewer.head_unit_ids) & ~Q(owner_id=user.pk)


@dataclass(frozen=True)
class DesignatedHeadStep(UnitHeadStep):
    designation: str = ""
    kind = ApprovalStep.DESIGNATED_HEAD
    sees_by_position = False

    @property
    def label(self) -> str:
        unit = designated_unit(self.designation)
        return _("Trưởng %(unit)s") % {"unit": unit} if unit else super().label

    def unit(self, obj):
        return designated_unit(self.designation)

    def awaiting(self, viewer, user, model, index):
        unit = designated_unit(self.designation)
        if unit is None or not viewer.is_head_of(unit.pk):
            return None
        return ~Q(owner_id=user.pk)


def _later_chief_step(obj: Approvable, index: int) -> bool:
    path = declared_path(type(obj))
    return any(path[later].kind == ApprovalStep.CHIEF for later in positions(obj) if later > index)


@dataclass(frozen=True)
class DeputyChiefStep(Step):
    kind = ApprovalStep.DEPUTY_CHIEF
    sees_by_position = True

    def approvers(self, obj):
        return [obj.lead_unit.deputy_chief] if obj.lead_unit.deputy_chief_id else []

    def skipped(self, obj):
        return not obj.lead_unit.deputy_chief_id

    def refusal(self, user, viewer, obj, index):
        if obj.lead_unit_id in viewer.overseen_unit_ids:
            return None
        # The chief heads the office: he may decide in his deputy's place, unless a later step
        # of the path is his own.
        if viewer.is_chief and not _later_chief_step(obj, index):
            return None
        return NOT_YOURS

    def awaiting(self, viewer, user, model, index):
        if viewer.is_chief:
            return Q()
        if viewer.overseen_unit_ids:
            return Q(lead_unit_id__in=viewer.overseen_unit_ids)
        return None


@dataclass(frozen=True)
class DesignatedDeputyChiefStep(DeputyChiefStep):
    """The deputy chief in charge of the unit designated for a function, whatever the lead
    unit. Stored as a deputy chief's step (its position in the path tells them apart)."""

    designation: str = ""
    sees_by_position = False

    @property
    def label(self) -> str:
        unit = designated_unit(self.designation)
        if unit is None:
            return super().label
        return _("Phó Chánh Văn phòng phụ trách %(unit)s") % {"unit": unit}

    def _unit(self):
        return designated_unit(self.designation)

    def approvers(self, obj):
        unit = self._unit()
        return [unit.deputy_chief] if unit is not None and unit.deputy_chief_id else []

    def skipped(self, obj):
        return not self.approvers(obj)

    def refusal(self, user, viewer, obj, index):
        unit = self._unit()
        if unit is not None and unit.pk in viewer.overseen_unit_ids:
            return None
        if viewer.is_chief and not _later_chief_step(obj, index):
            return None
        return NOT_YOURS

    def awaiting(self, viewer, user, model, index):
        if viewer.is_chief:
            return Q()
        unit = self._unit()
        if unit is not None and unit.pk in viewer.overseen_unit_ids:
            return Q()
        return None


@dataclass(frozen=True)
class NamedLeaderStep(DeputyChiefStep):
    """Stored as a deputy chief's step: the named leader decides in the deputy's place."""

    field: str = ""
    sees_by_position = False

    @property
    def label(self) -> str:
        return _("Lãnh đạo ký")

    def _named_id(self, obj):
        return getattr(obj, f"{self.field}_id")

    def approvers(self, obj):
        named = getattr(obj, self.field)
        return [named] if named is not None and named.is_active else []

    def skipped(self, obj):
        return not self.approvers(obj)

    def refusal(self, user, viewer, obj, index):
        if user.pk == self._named_id(obj):
            return None
        if viewer.is_chief and not _later_chief_step(obj, index):
            return None
        return NOT_YOURS

    def awaiting(self, viewer, user, model, index):
        if viewer.is_chief:
            return Q()
        if viewer.is_leadership:
            return Q(**{f"{self.field}_id": user.pk})
        return None


@dataclass(frozen=True)
class ChiefStep(Step):
    kind = ApprovalStep.CHIEF
    sees_by_position = True

    def approvers(self, obj):
        return list(chiefs())

    def refusal(self, user, viewer, obj, index):
        return None if viewer.is_chief else NOT_YOURS

    def awaiting(self, viewer, user, model, index):
        return Q() if viewer.is_chief else None


def _approvals_at(obj_or_ref, model: type, index: int) -> QuerySet:
    """Approvals of the step at `index` since the submission was last sent."""
    if isinstance(obj_or_ref, OuterRef):
        object_id, since = OuterRef("pk"), OuterRef("submitted_at")
    else:
        object_id, since = obj_or_ref.pk, obj_or_ref.submitted_at
    return Decision.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id,
        kind=DecisionKind.APPROVE,
        step_index=index,
        at__gte=since,
    )


@dataclass(frozen=True)
class TwoApproversStep(Step):
    among: Pool = Pool()
    beneficiary: str = "owner"
    kind = ApprovalStep.TWO_APPROVERS

    def _approved_by(self, obj, index) -> set[int]:
        return set(_approvals_at(obj, type(obj), index).values_list("actor_id", flat=True))

    def approvers(self, obj):
        excluded = {_beneficiary_id(obj, self.beneficiary)}
        if obj.approval_step_index is not None:
            excluded |= self._approved_by(obj, obj.approval_step_index)
        return [user for user in self.among.users() if user.pk not in excluded]

    def refusal(self, user, viewer, obj, index):
        if not self.among.holds(viewer):
            return NOT_YOURS
        if user.pk == _beneficiary_id(obj, self.beneficiary):
            return OWN_MATTER
        if user.pk in self._approved_by(obj, index):
            return _("Bạn đã duyệt bước này; cần một người duyệt thứ hai khác bạn.")
        return None

    def awaiting(self, viewer, user, model, index):
        if not self.among.holds(viewer):
            return None
        mine = _approvals_at(OuterRef("pk"), model, index).filter(actor_id=user.pk)
        return ~Q(**{f"{self.beneficiary}_id": user.pk}) & ~Exists(mine)

    def complete(self, obj, index):
        return len(self._approved_by(obj, index)) >= 2


@dataclass(frozen=True)
class CollectiveStep(Step):
    body: str = ""
    keepers: Pool = Pool()
    kind = ApprovalStep.COLLECTIVE

    @property
    def label(self) -> str:
        return str(self.body)

    def approvers(self, obj):
        return self.keepers.users()

    def refusal(self, user, viewer, obj, index):
        return None if self.keepers.holds(viewer) else NOT_YOURS

    def awaiting(self, viewer, user, model, index):
        return Q() if self.keepers.holds(viewer) else None

    def clean_record(self, kind, details):
        number = (details.get("resolution_number") or "").strip()
        day = details.get("resolution_date")
        if kind == DecisionKind.FORWARD:
            return {}
        if not number or day is None:
            raise ValidationError(
                {
                    "resolution_number": _(
                        "Cần ghi số và ngày của văn bản, biên bản ghi quyết định của tập thể."
                    )
                }
            )
        if day > timezone.localdate():
            raise ValidationError(
                {"resolution_date": _("Ngày quyết định của tập thể không được sau hôm nay.")}
            )
        return {"body": str(self.body), "resolution_number": number, "resolution_date": day}


DEFAULT_PATH = (Step.deputy_chief(),)


# The path of one submission ----------------------------------------------------------------


def declared_path(model: type[Approvable]) -> tuple[Step, ...]:
    return model.approval_path or DEFAULT_PATH


def positions(obj: Approvable) -> list[int]:
    """This submission's steps as positions in the declared path."""
    declared = declared_path(type(obj))
    chosen = obj.get_approval_path() or declared
    found, start = [], 0
    for step in chosen:
        try:
            index = declared.index(step, start)
        except ValueError:
            raise ImproperlyConfigured(
                f"{type(obj).__name__}.get_approval_path() must return steps of its "
                "approval_path, in order."
            ) from None
        found.append(index)
        start = index + 1
    return found


def current_step(obj: Approvable) -> Step | None:
    """The step the submission waits at; the chief when the step was handed up to him."""
    if obj.approval_status != ApprovalStatus.SUBMITTED or obj.approval_step_index is None:
        return None
    step = declared_path(type(obj))[obj.approval_step_index]
    if step.kind != obj.approval_step:
        return Step.chief()
    return step


@dataclass
class Effects:
    before_submit: Callable[[Approvable], None] | None = None
    #: Called as fn(obj, actor, step=, kind=) before a decision writes anything: a
    #: ValidationError refuses it (an appraisal council's decision without its quorum).
    before_decide: Callable[..., None] | None = None
    on_approved: Callable[[Approvable, object], None] | None = None
    on_returned: Callable[[Approvable, object], None] | None = None
    #: Called as fn(obj, actor, step=, following=) when a step is passed and the submission goes
    #: on to the `following` step (a report approved by the deputy chief, now the chief's).
    on_step_passed: Callable[[Approvable, object, Step, Step], None] | None = None


_EFFECTS: dict[type, Effects] = {}


def register_effects(model: type[Approvable], **callbacks) -> None:
    _EFFECTS[model] = Effects(**callbacks)


#: Sent once a submission is finally approved (the last step of its path), inside the
#: decision's transaction, after the model's own `on_approved` effect: `sender` is the model,
#: with `obj` and `actor`. For effects that belong to another app than the model's (the unit's
#: disclosure board publishes what a model declares `disclose_on_approval`): the model's app
#: does not import the listener's.
approved = Signal()


def _effects(obj: Approvable) -> Effects:
    return _EFFECTS.get(type(obj), Effects())


def _record(obj: Approvable, *, actor, kind: str, comment: str, **fields) -> Decision:
    return Decision.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        kind=kind,
        step=obj.approval_step,
        step_index=obj.approval_step_index,
        actor=actor,
        comment=comment,
        **fields,
    )


def _await(obj: Approvable, index: int, step: Step, *, actor, title: str) -> None:
    """Put the submission in front of the step's approvers. A secret item is handed to them
    (`permissions.hand_secret`: granted and recorded); so is any item whose approvers do not see
    it by their position (another unit's head, a minutes keeper), through `grant_view`."""
    obj.approval_step = step.kind
    obj.approval_step_index = index
    approvers = step.approvers(obj)
    if obj.is_secret:
        permissions.hand_secret(obj, approvers, actor=actor, reason=_("Trình lãnh đạo quyết định"))
    elif not step.sees_by_position:
        for approver in approvers:
            permissions.grant_view(obj, approver)
    notify(
        about=obj,
        recipients=approvers,
        title=title,
        url=decision_url(obj),
        kind=AWAIT_DECISION,
    )


def decision_url(obj: Approvable) -> str:
    """Where its approvers decide it: the admin's decision page."""
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def _following(obj: Approvable, after: int | None, *, skip_chief: bool = False):
    """The next step that somebody can take, as (index, step), or None at the end."""
    declared = declared_path(type(obj))
    for index in positions(obj):
        if after is not None and index <= after:
            continue
        step = declared[index]
        if skip_chief and step.kind == ApprovalStep.CHIEF:
            continue
        if not step.skipped(obj):
            return index, step
    return None


def require_discussion(obj: Approvable) -> None:
    """Điều 2: a model that declares `requires_discussion` is discussed by the unit, and the
    discussion recorded, before it goes to leadership."""
    if not obj.discussion_required():
        return
    exists = CollectiveDiscussion.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).exists()
    if not exists:
        raise ValidationError(
            _("Cần ghi biên bản thảo luận tập thể của đơn vị (Điều 2) trước khi trình lãnh đạo.")
        )


@transaction.atomic
@in_office_language
def approval_submit(*, actor, obj: Approvable, comment: str = "") -> Approvable:
    if not (permissions.can_edit(actor, obj) or obj.is_requester(actor)):
        raise PermissionDenied(_("Bạn không có quyền trình nội dung này."))
    if obj.approval_status not in (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED):
        raise ValidationError(_("Nội dung này đã được trình hoặc đã được duyệt."))
    effects = _effects(obj)
    if effects.before_submit:
        effects.before_submit(obj)
    require_discussion(obj)
    first = _following(obj, None)
    if first is None:
        # Nobody is left on the path (no deputy chief in charge): the chief decides.
        first = (positions(obj)[-1], Step.chief())
    obj.approval_status = ApprovalStatus.SUBMITTED
    obj.submitted_at = timezone.now()
    obj.decided_at = None
    _await(obj, *first, actor=actor, title=_("Chờ quyết định: %(item)s") % {"item": obj})
    audited_save(
        obj,
        actor=actor,
        reason=_("Trình lãnh đạo"),
        update_fields=[
            "approval_status",
            "approval_step",
            "approval_step_index",
            "submitted_at",
            "decided_at",
            "updated_at",
        ],
    )
    _record(obj, actor=actor, kind=DecisionKind.SUBMIT, comment=comment)
    return obj


def decision_refusal(user, obj: Approvable) -> str | None:
    """Why this user may not decide the submission now (None: he may)."""
    step = current_step(obj)
    if step is None:
        return str(NOT_YOURS)
    if obj.is_requester(user):
        return str(OWN_MATTER)
    reason = step.refusal(user, permissions.viewer_for(user), obj, obj.approval_step_index)
    if reason is None and not permissions.can_see(user, obj):
        reason = NOT_YOURS
    return None if reason is None else str(reason)


def can_decide(user, obj: Approvable) -> bool:
    return decision_refusal(user, obj) is None


def can_forward(obj: Approvable) -> bool:
    step = current_step(obj)
    return (
        obj.approval_forward_allowed
        and step is not None
        and step.kind == (ApprovalStep.DEPUTY_CHIEF)
    )


def needs_record(obj: Approvable) -> bool:
    """The decision is a collective body's: its number and date are entered with it."""
    step = current_step(obj)
    return step is not None and step.kind == ApprovalStep.COLLECTIVE


@transaction.atomic
@in_office_language
def approval_decide(
    *,
    actor,
    obj: Approvable,
    kind: str,
    comment: str = "",
    resolution_number: str = "",
    resolution_date: date | None = None,
) -> Approvable:
    """Approve (advancing to the next step when one remains), return with a comment, or forward
    to the chief where the flow allows it."""
    refusal = decision_refusal(actor, obj)
    if refusal:
        raise PermissionDenied(refusal)
    step = current_step(obj)
    index = obj.approval_step_index
    if kind not in (DecisionKind.APPROVE, DecisionKind.RETURN, DecisionKind.FORWARD):
        raise ValidationError(_("Quyết định không hợp lệ."))
    if kind == DecisionKind.RETURN and not comment.strip():
        raise ValidationError({"comment": _("Khi trả lại cần ghi rõ ý kiến.")})
    if kind == DecisionKind.FORWARD and not can_forward(obj):
        raise ValidationError(_("Nội dung này không chuyển lên Chánh Văn phòng được."))
    record = step.clean_record(
        kind, {"resolution_number": resolution_number, "resolution_date": resolution_date}
    )
    before = _effects(obj).before_decide
    if before:
        before(obj, actor, step=step, kind=kind)
    _record(obj, actor=actor, kind=kind, comment=comment, **record)
    notifications_done(obj, kind=AWAIT_DECISION)
    update_fields = [
        "approval_status",
        "approval_step",
        "approval_step_index",
        "decided_at",
        "decision_comment",
        "updated_at",
    ]
    obj.decision_comment = comment
    effect = None
    if kind == DecisionKind.FORWARD:
        _await(
            obj,
            index,
            Step.chief(),
            actor=actor,
            title=_("Chuyển xin ý kiến: %(item)s") % {"item": obj},
        )
    elif kind == DecisionKind.RETURN:
        obj.approval_status = ApprovalStatus.RETURNED
        obj.approval_step = ""
        obj.approval_step_index = None
        obj.decided_at = timezone.now()
        effect = _effects(obj).on_returned
    elif not step.complete(obj, index):
        # The first of two approvers: the step waits for the second.
        notify(
            about=obj,
            recipients=step.approvers(obj),
            title=_("Chờ quyết định: %(item)s") % {"item": obj},
            url=decision_url(obj),
            kind=AWAIT_DECISION,
        )
    else:
        stood_in = step.kind == ApprovalStep.CHIEF and (
            declared_path(type(obj))[index].kind != ApprovalStep.CHIEF
        )
        following = _following(obj, index, skip_chief=stood_in)
        if following:
            _await(
                obj, *following, actor=actor, title=_("Chờ quyết định: %(item)s") % {"item": obj}
            )
            passed = _effects(obj).on_step_passed
            if passed:
                effect = partial(passed, step=step, following=following[1])
        else:
            obj.approval_status = ApprovalStatus.APPROVED
            obj.approval_step = ""
            obj.approval_step_index = None
            obj.decided_at = timezone.now()
            effect = _effects(obj).on_approved
    audited_save(
        obj,
        actor=actor,
        reason=comment or dict(DecisionKind.choices)[kind],
        update_fields=update_fields,
    )
    if obj.approval_status in (ApprovalStatus.APPROVED, ApprovalStatus.RETURNED):
        notify(
            about=obj,
            recipients=[obj.owner],
            title=_("%(decision)s: %(item)s")
            % {"decision": obj.get_approval_status_display(), "item": obj},
            body=comment,
            url=obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
        )
    if effect:
        effect(obj, actor)
    if obj.approval_status == ApprovalStatus.APPROVED:
        approved.send(sender=type(obj), obj=obj, actor=actor)
    return obj


def awaiting_decision(queryset: QuerySet, user) -> QuerySet:
    """Submissions waiting for this user, step kind by step kind: the deputy chief in charge
    sees his units' deputy-chief steps; the chief sees what waits for him and, as head of the
    office, every submission at a deputy chief's step; a head, a minutes keeper or one of two
    approvers sees the steps that are his."""
    viewer = permissions.viewer_for(user)
    submitted = permissions.visible(queryset, user).filter(approval_status=ApprovalStatus.SUBMITTED)
    if viewer.user_id is None:
        return submitted.none()
    model = queryset.model
    conditions = []
    for index, step in enumerate(declared_path(model)):
        condition = step.awaiting(viewer, user, model, index)
        if condition is not None:
            conditions.append(Q(approval_step_index=index, approval_step=step.kind) & condition)
    if viewer.is_chief:
        conditions.append(Q(approval_step=ApprovalStep.CHIEF))
    if not conditions:
        return submitted.none()
    return submitted.filter(reduce(or_, conditions))


def approvable_models() -> list[type[Approvable]]:
    """Every kind of submission, from the app registry."""
    return [model for model in apps.get_models() if issubclass(model, Approvable)]


def awaiting_counts(user) -> list[tuple[type[Approvable], int]]:
    """How many submissions of each kind wait for this user's decision: one COUNT per kind."""
    return [
        (model, awaiting_decision(model._default_manager.all(), user).count())
        for model in approvable_models()
    ]


def awaiting_count(user) -> int:
    """Everything awaiting this user's decision, the one number the home page and the admin
    index both show."""
    return sum(count for _model, count in awaiting_counts(user))


def decisions_for(obj: Approvable) -> QuerySet:
    return Decision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")
