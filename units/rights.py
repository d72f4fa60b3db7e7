"""Rights as requests (Điều 11.6), after they are granted: each unit head recertifies his staff's
rights every period (`RightsPolicy`), keeping or revoking each with a reason; rights nobody
recertified in time are revoked and the head is told; a right that reached its end tells its
holder and his head. Rights are asked for and approved through `units.PrivilegedChange`
(`units.services.privileged_change_request` / `privileged_change_approve`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from core.reminders import remind_once, reminders_sent
from core.services import notify
from units import permissions
from units.choices import SECRECY_RANK, Position, RecertificationDecision, RoleCode
from units.models import (
    OwnedWork,
    RightsPolicy,
    RoleAssignment,
    RoleRecertification,
    SecretGrant,
    StaffMember,
)

User = get_user_model()


def period_start(day: date, policy: RightsPolicy | None = None) -> date:
    """The first day of the recertification period holding `day` (quarters by default)."""
    every = (policy or RightsPolicy.current()).recertify_every_months
    return date(day.year, (day.month - 1) // every * every + 1, 1)


def recertification_deadline(start: date, policy: RightsPolicy | None = None) -> date:
    """The last day a head may recertify in the period starting `start`."""
    return start + timedelta(days=(policy or RightsPolicy.current()).recertify_within_days)


def recertified_by(viewer) -> Q:
    """The holders whose rights this viewer recertifies: the staff of the units he heads today
    (not himself), and the heads of the units he is deputy chief in charge of."""
    condition = Q(pk__in=[])
    if viewer.head_unit_ids:
        condition |= Q(staff__unit_id__in=viewer.head_unit_ids, staff__is_active=True) & ~Q(
            pk=viewer.user_id
        )
    if viewer.overseen_unit_ids:
        condition |= Q(
            staff__unit_id__in=viewer.overseen_unit_ids,
            staff__position=Position.HEAD,
            staff__is_active=True,
        )
    return condition


def awaiting_recertification(day: date, policy: RightsPolicy | None = None) -> QuerySet:
    """Rights in force on `day`, held by a unit's staff member since before the period began,
    not yet recertified in the period."""
    start = period_start(day, policy)
    return (
        RoleAssignment.objects.valid_on(day)
        .filter(starts_on__lt=start, user__staff__unit__isnull=False)
        .exclude(recertifications__period_start=start)
        .select_related("user__staff__unit", "role", "granted_by")
    )


# Rights to secrets: one item, or a level within one's unit (Điều 11.6, 17) -------------------


def item_models() -> list[type[OwnedWork]]:
    """Every kind of work a secret item may be: the `OwnedWork` models of the app registry."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, OwnedWork) and not model._meta.abstract
    ]


def item_key(model) -> str:
    return model._meta.label_lower


def secret_item_of(payload: dict):
    """The item a secret-item request names (`item`: "app_label.model", `item_id`), or None."""
    label = payload.get("item")
    try:
        model = apps.get_model(str(label)) if label else None
        item_id = int(payload.get("item_id"))
    except (LookupError, ValueError, TypeError):
        return None
    if model is None or not issubclass(model, OwnedWork):
        return None
    return model._default_manager.filter(pk=item_id).first()


def unit_of(user):
    staff = StaffMember.objects.filter(user_id=user.pk, is_active=True).first()
    return staff.unit if staff is not None else None


def check_secret_item(*, actor, target, payload: dict):
    """The item exists, is secret, belongs to the staff member's unit, and the requester sees
    it or heads that unit; the staff member does not see it already. One message for "no such
    item" and "not yours to ask for", so a request tells nothing of an item one may not see."""
    unknown = ValidationError(
        {"item_id": _("Không tìm thấy tài liệu mật này trong đơn vị của cán bộ.")}
    )
    item = secret_item_of(payload)
    unit = unit_of(target)
    if item is None or unit is None or item.lead_unit_id != unit.pk:
        raise unknown
    heads_it = any(head.pk == actor.pk for head in permissions.rights_head_of(target))
    if not (heads_it or permissions.can_see(actor, item)):
        raise unknown
    if not item.is_secret:
        raise ValidationError(
            {"item_id": _("Tài liệu này không mật: cán bộ xem theo quyền thông thường.")}
        )
    if permissions.can_see(target, item):
        raise ValidationError({"item_id": _("Cán bộ này đã được xem tài liệu này.")})
    return item


def check_clearance(*, target, payload: dict) -> None:
    """A clearance names a secret level and is held within the staff member's unit."""
    if SECRECY_RANK.get(payload.get("level"), 0) == 0:
        raise ValidationError({"level": _("Chọn mức độ mật (Mật, Tối mật, Tuyệt mật).")})
    if unit_of(target) is None:
        raise ValidationError(
            _("Quyền tiếp cận mức độ mật chỉ cấp cho cán bộ trong đơn vị, theo đơn vị của mình.")
        )


def open_secret_item(assignment: RoleAssignment, *, actor, day: date) -> None:
    """A secret-item right in force gives its holder the door's grant row (and records it as
    a secret grant naming the request): nothing before its first day."""
    if assignment.role.code != RoleCode.SECRET_ITEM or not assignment.is_valid_on(day):
        return
    item = assignment.item
    if item is None or permissions.can_see(assignment.user, item):
        return
    permissions.grant_view(item, assignment.user)
    SecretGrant.objects.create(
        content_type_id=assignment.item_type_id,
        object_id=assignment.item_id,
        user=assignment.user,
        granted_by=actor or assignment.granted_by,
        reason=(
            _("Quyền xem tài liệu mật theo đề nghị số %(number)s, đến %(date)s")
            % {
                "number": assignment.granted_through_id or "—",
                "date": assignment.ends_on.strftime("%d/%m/%Y") if assignment.ends_on else "…",
            }
        )[:300],
    )
    permissions.forget_viewer(assignment.user)


def close_secret_item(assignment: RoleAssignment, *, day: date) -> None:
    """An ended or revoked secret-item right takes the door's grant row back, unless another
    right to the same item is still in force for the holder."""
    if assignment.role.code != RoleCode.SECRET_ITEM or assignment.item_type_id is None:
        return
    still = (
        RoleAssignment.objects.valid_on(day)
        .filter(
            user_id=assignment.user_id,
            role__code=RoleCode.SECRET_ITEM,
            item_type_id=assignment.item_type_id,
            item_id=assignment.item_id,
        )
        .exclude(pk=assignment.pk)
        .exists()
    )
    item = assignment.item
    if not still and item is not None:
        permissions.revoke_view(item, assignment.user)


def secret_items_sync(today: date) -> dict:
    """The daily part of the expiry sweep for secret-item rights: open those whose period
    began in the last week, close those that ended in it (idempotent, like the sweep)."""
    week = today - timedelta(days=7)
    rows = RoleAssignment.objects.filter(role__code=RoleCode.SECRET_ITEM).select_related(
        "role", "user", "granted_by"
    )
    opened = closed = 0
    for assignment in rows.valid_on(today).filter(starts_on__gte=week):
        open_secret_item(assignment, actor=None, day=today)
        opened += 1
    for assignment in rows.filter(ends_on__gte=week, ends_on__lt=today):
        close_secret_item(assignment, day=today)
        closed += 1
    return {"opened": opened, "closed": closed}


def _end(assignment: RoleAssignment, *, actor, reason: str, day: date) -> None:
    """End a right the day before `day` (a right not yet begun ends before it begins), and
    take back the admin access a system administrator's role gave."""
    yesterday = day - timedelta(days=1)
    assignment.ends_on = yesterday
    if assignment.starts_on > yesterday:
        assignment.starts_on = yesterday
    assignment.full_clean()
    audited_save(assignment, actor=actor, reason=reason, update_fields=["starts_on", "ends_on"])
    permissions.forget_viewer(assignment.user)
    close_secret_item(assignment, day=day)
    _drop_admin_access(assignment.user, actor=actor, reason=reason, day=day)


def _drop_admin_access(user, *, actor, reason: str, day: date) -> None:
    if not user.is_staff or user.is_superuser or permissions.is_leadership_account(user):
        return
    holds = (
        RoleAssignment.objects.valid_on(day)
        .filter(user=user, role__code=RoleCode.SYSTEM_ADMIN)
        .exists()
    )
    if not holds:
        fresh = User.objects.select_for_update().get(pk=user.pk)
        fresh.is_staff = False
        audited_save(fresh, actor=actor, reason=reason, update_fields=["is_staff"])


@transaction.atomic
@in_office_language
def recertify(
    *, actor, assignment: RoleAssignment, keep: bool, reason: str, today: date | None = None
) -> RoleRecertification:
    """A head keeps or revokes one right of his staff for this period, with a reason."""
    today = today or timezone.localdate()
    assignment = (
        RoleAssignment.objects.select_for_update().select_related("user").get(pk=assignment.pk)
    )
    if not any(head.pk == actor.pk for head in permissions.rights_head_of(assignment.user)):
        raise PermissionDenied(_("Chỉ Trưởng đơn vị của người giữ quyền được rà soát quyền này."))
    policy = RightsPolicy.current()
    reason = (reason or "").strip()
    if len(reason) < policy.reason_min_length:
        raise ValidationError(
            {
                "reason": _("Ghi rõ lý do (ít nhất %(count)d ký tự).")
                % {"count": policy.reason_min_length}
            }
        )
    if not assignment.is_valid_on(today):
        raise ValidationError(_("Quyền này không còn hiệu lực."))
    start = period_start(today, policy)
    if assignment.recertifications.filter(period_start=start).exists():
        raise ValidationError(_("Quyền này đã được rà soát trong kỳ."))
    decision = RecertificationDecision.KEEP if keep else RecertificationDecision.REVOKE
    row = RoleRecertification(
        assignment=assignment,
        period_start=start,
        decision=decision,
        reason=reason[:500],
        decided_by=actor,
    )
    row.full_clean()
    audited_save(row, actor=actor, reason=reason)
    if not keep:
        _end(
            assignment,
            actor=actor,
            reason=_("Thu hồi khi rà soát quyền: %(reason)s") % {"reason": reason},
            day=today,
        )
        notify(
            recipients=[assignment.user],
            title=_("Quyền %(role)s của bạn đã bị thu hồi khi rà soát")
            % {"role": assignment.role.name},
            body=reason,
        )
    return row


@transaction.atomic
@in_office_language
def recertification_sweep(today: date | None = None, *, url: str = "") -> dict:
    """The daily job: while the period's recertification is open, remind each head once a week
    of what waits for him; after its deadline, revoke every right nobody recertified and tell
    the holder and the head. `url` is the page where heads recertify."""
    today = today or timezone.localdate()
    policy = RightsPolicy.current()
    start = period_start(today, policy)
    deadline = recertification_deadline(start, policy)
    waiting: dict[int, list[RoleAssignment]] = defaultdict(list)
    heads: dict[int, object] = {}
    for assignment in awaiting_recertification(today, policy):
        for head in permissions.rights_head_of(assignment.user):
            waiting[head.pk].append(assignment)
            heads[head.pk] = head
    revoked = reminded = 0
    if today <= deadline:
        if (today - start).days % 7 == 0:
            for head_id, rows in waiting.items():
                notify(
                    recipients=[heads[head_id]],
                    title=_("Rà soát quyền của cán bộ trong đơn vị: %(count)d quyền, hạn %(date)s")
                    % {"count": len(rows), "date": deadline.strftime("%d/%m/%Y")},
                    url=url,
                )
                reminded += 1
        return {"revoked": 0, "reminded": reminded}
    reason = _("Tự động thu hồi: Trưởng đơn vị không rà soát quyền đúng hạn %(date)s") % {
        "date": deadline.strftime("%d/%m/%Y")
    }
    done: set[int] = set()
    for head_id, rows in waiting.items():
        for assignment in rows:
            if assignment.pk in done:
                continue
            done.add(assignment.pk)
            row = RoleRecertification(
                assignment=assignment,
                period_start=start,
                decision=RecertificationDecision.REVOKE,
                reason=reason,
            )
            row.full_clean()
            audited_save(row, actor=None, reason=reason)
            _end(assignment, actor=None, reason=reason, day=today)
            notify(recipients=[assignment.user], title=reason, body=str(assignment.role))
            revoked += 1
        notify(
            recipients=[heads[head_id]],
            title=_("Đã thu hồi %(count)d quyền của cán bộ đơn vị vì không được rà soát đúng hạn")
            % {"count": len(rows)},
            body=", ".join(f"{row.user.get_full_name()}: {row.role}" for row in rows),
            url=url,
        )
    return {"revoked": revoked, "reminded": 0}


@transaction.atomic
@in_office_language
def rights_ended_sweep(today: date | None = None) -> int:
    """The daily job for rights that reached their end in the last week: tell the holder and
    his head once, and take back the admin access a system administrator's role gave."""
    today = today or timezone.localdate()
    secret_items_sync(today)
    ended = RoleAssignment.objects.filter(
        ends_on__gte=today - timedelta(days=7), ends_on__lt=today
    ).select_related("user", "role")
    told = 0
    for assignment in ended:
        if reminders_sent(assignment, kind="ended").exists():
            continue
        _drop_admin_access(
            assignment.user,
            actor=None,
            reason=_("Hết thời hạn quyền %(role)s") % {"role": assignment.role.name},
            day=today,
        )
        told += remind_once(
            assignment,
            kind="ended",
            recipients=[assignment.user, *permissions.rights_head_of(assignment.user)],
            title=_("Hết thời hạn quyền %(role)s của %(name)s")
            % {"role": assignment.role.name, "name": assignment.user.get_full_name()},
            today=today,
        )
    return told
