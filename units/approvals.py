"""Leadership approval, shared by every submission (DOMAIN §5): submit, then each step's leader
approves, returns with a comment, or (where allowed) forwards to the chief. Every step is a
`Decision` row; apps attach their effects with `register_effects`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import stamp
from core.services import notify
from units import permissions
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind, Position
from units.models import Approvable, Decision, StaffMember


@dataclass
class Effects:
    before_submit: Callable[[Approvable], None] | None = None
    on_approved: Callable[[Approvable, object], None] | None = None
    on_returned: Callable[[Approvable, object], None] | None = None


_EFFECTS: dict[type, Effects] = {}


def register_effects(model: type[Approvable], **callbacks) -> None:
    _EFFECTS[model] = Effects(**callbacks)


def _effects(obj: Approvable) -> Effects:
    return _EFFECTS.get(type(obj), Effects())


def approvers_for(obj: Approvable, step: str) -> list:
    """The leader(s) a step waits for."""
    if step == ApprovalStep.DEPUTY_CHIEF:
        return [obj.lead_unit.deputy_chief] if obj.lead_unit.deputy_chief_id else []
    return [
        staff.user
        for staff in StaffMember.objects.filter(
            position=Position.CHIEF, is_active=True
        ).select_related("user")
    ]


def _first_step(obj: Approvable) -> str:
    steps = obj.approval_steps()
    if steps[0] == ApprovalStep.DEPUTY_CHIEF and not obj.lead_unit.deputy_chief_id:
        return ApprovalStep.CHIEF
    return steps[0]


def _next_step(obj: Approvable) -> str | None:
    steps = obj.approval_steps()
    index = steps.index(obj.approval_step) if obj.approval_step in steps else len(steps) - 1
    return steps[index + 1] if index + 1 < len(steps) else None


def _record(obj: Approvable, *, actor, kind: str, step: str, comment: str) -> Decision:
    return Decision.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        kind=kind,
        step=step,
        actor=actor,
        comment=comment,
    )


def _await(obj: Approvable, step: str, *, actor, title: str) -> None:
    """Put the submission in front of the step's leaders; a secret item is granted to them."""
    obj.approval_step = step
    leaders = approvers_for(obj, step)
    permissions.hand_secret(obj, leaders, actor=actor, reason=_("Trình lãnh đạo quyết định"))
    notify(
        about=obj,
        recipients=leaders,
        title=title,
        url=f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/",
    )


@transaction.atomic
def approval_submit(*, actor, obj: Approvable, comment: str = "") -> Approvable:
    if not permissions.can_edit(actor, obj):
        raise PermissionDenied(_("Bạn không có quyền trình nội dung này."))
    if obj.approval_status not in (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED):
        raise ValidationError(_("Nội dung này đã được trình hoặc đã được duyệt."))
    effects = _effects(obj)
    if effects.before_submit:
        effects.before_submit(obj)
    step = _first_step(obj)
    obj.approval_status = ApprovalStatus.SUBMITTED
    obj.submitted_at = timezone.now()
    obj.decided_at = None
    _await(obj, step, actor=actor, title=_("Chờ quyết định: %(item)s") % {"item": obj})
    stamp(obj, actor=actor, reason=_("Trình lãnh đạo"))
    obj.save(
        update_fields=[
            "approval_status",
            "approval_step",
            "submitted_at",
            "decided_at",
            "updated_at",
        ]
    )
    _record(obj, actor=actor, kind=DecisionKind.SUBMIT, step=step, comment=comment)
    return obj


def can_decide(user, obj: Approvable) -> bool:
    viewer = permissions.viewer_for(user)
    if obj.approval_status != ApprovalStatus.SUBMITTED:
        return False
    if obj.approval_step == ApprovalStep.DEPUTY_CHIEF:
        allowed = obj.lead_unit_id in viewer.overseen_unit_ids or (
            viewer.is_chief and len(obj.approval_steps()) == 1
        )
    else:
        allowed = viewer.is_chief
    return allowed and permissions.can_see(user, obj)


@transaction.atomic
def approval_decide(*, actor, obj: Approvable, kind: str, comment: str = "") -> Approvable:
    """Approve (advancing to the next step when one remains), return with a comment, or forward
    to the chief where the flow allows it."""
    if not can_decide(actor, obj):
        raise PermissionDenied(_("Nội dung này không chờ quyết định của bạn."))
    step = obj.approval_step
    if kind == DecisionKind.RETURN and not comment.strip():
        raise ValidationError({"comment": _("Khi trả lại cần ghi rõ ý kiến.")})
    if kind == DecisionKind.FORWARD and not (
        obj.approval_forward_allowed and step == ApprovalStep.DEPUTY_CHIEF
    ):
        raise ValidationError(_("Nội dung này không chuyển lên Chánh Văn phòng được."))
    _record(obj, actor=actor, kind=kind, step=step, comment=comment)
    update_fields = [
        "approval_status",
        "approval_step",
        "decided_at",
        "decision_comment",
        "updated_at",
    ]
    obj.decision_comment = comment
    effect = None
    if kind == DecisionKind.FORWARD:
        _await(
            obj,
            ApprovalStep.CHIEF,
            actor=actor,
            title=_("Chuyển xin ý kiến: %(item)s") % {"item": obj},
        )
    elif kind == DecisionKind.RETURN:
        obj.approval_status = ApprovalStatus.RETURNED
        obj.approval_step = ""
        obj.decided_at = timezone.now()
        effect = _effects(obj).on_returned
    elif kind == DecisionKind.APPROVE:
        following = _next_step(obj)
        if following:
            _await(obj, following, actor=actor, title=_("Chờ quyết định: %(item)s") % {"item": obj})
        else:
            obj.approval_status = ApprovalStatus.APPROVED
            obj.approval_step = ""
            obj.decided_at = timezone.now()
            effect = _effects(obj).on_approved
    else:
        raise ValidationError(_("Quyết định không hợp lệ."))
    stamp(obj, actor=actor, reason=comment or dict(DecisionKind.choices)[kind])
    obj.save(update_fields=update_fields)
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
    return obj


def awaiting_decision(queryset: QuerySet, user) -> QuerySet:
    """Submissions waiting for this leader: the deputy chief in charge sees his units' first
    steps; the chief sees what waits for him and, as head of the office, every submission."""
    viewer = permissions.viewer_for(user)
    submitted = permissions.visible(queryset, user).filter(approval_status=ApprovalStatus.SUBMITTED)
    if viewer.is_chief:
        return submitted
    if viewer.overseen_unit_ids:
        return submitted.filter(
            Q(approval_step=ApprovalStep.DEPUTY_CHIEF)
            & Q(lead_unit_id__in=viewer.overseen_unit_ids)
        )
    return submitted.none()


def decisions_for(obj: Approvable) -> QuerySet:
    return Decision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")
