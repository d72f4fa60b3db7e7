"""Rights as requests (Điều 11.6), after they are granted: each unit head recertifies his staff's
rights every period (`RightsPolicy`), keeping or revoking each with a reason; rights nobody
recertified in time are revoked and the head is told; a right that reached its end tells its
holder and his head. Rights are asked for and approved through `units.PrivilegedChange`
(`units.services.privileged_change_request` / `privileged_change_approve`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

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
from units.choices import Position, RecertificationDecision, RoleCode
from units.models import RightsPolicy, RoleAssignment, RoleRecertification

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
