"""Sight for a period (`TimedGrant`): one person sees one object from a day until a day, then
no longer, by itself.

`grant_for_period` writes the door's guardian `view` row (`permissions.grant_view`) and the
record that bounds it; `grant_revoke` ends one early; `expired_sweep` (Celery beat
`units-expired-grants`, units/schedule.py) deletes the rows of the grants that ended and marks
them revoked. The door never waits for the sweep: `permissions.visible` ignores a guardian row
that an open grant holds outside its days (`hidden_rows`), so an expired grant shows nothing
from the day after `ends_on`, swept or not. Used by the archive's reading room; a rights
request for a period can use it the same way (`source` names what the grant comes from)."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Model, OuterRef, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from units.models import SecretGrant, TimedGrant

#: sent when a grant ends (expired or revoked), inside the transaction: `grant`, `expired`
grant_ended = Signal()


def source_of(obj: Model) -> str:
    """The `source` text of a grant that comes from `obj`."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def hidden_rows(model: type[Model], user_id: int, today: date | None = None) -> Exists:
    """For a guardian row of `model` (the outer query): an open grant holds it and today is
    outside its days. The door excludes such rows; the subquery runs only for rows that matched
    the user, so it costs nothing on lists where he holds no grant."""
    today = today or timezone.localdate()
    return Exists(
        TimedGrant.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id=OuterRef("content_object_id"),
            user_id=user_id,
            revoked_at__isnull=True,
            holds_row=True,
        ).filter(Q(ends_on__lt=today) | Q(starts_on__gt=today))
    )


def _open_grant(obj: Model, user) -> TimedGrant | None:
    return (
        TimedGrant.objects.select_for_update()
        .filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            user=user,
            revoked_at__isnull=True,
        )
        .first()
    )


def _row_exists(obj: Model, user) -> bool:
    from units import permissions

    model = type(obj)
    return (
        permissions.grant_model(model)
        .objects.filter(
            content_object=obj, user=user, permission_id=permissions._permission_id(model, "view")
        )
        .exists()
    )


@transaction.atomic
@in_office_language
def grant_for_period(
    obj: Model,
    user,
    *,
    ends_on: date,
    reason: str,
    granted_by,
    source: str,
    starts_on: date | None = None,
) -> TimedGrant:
    """Let `user` see `obj` from `starts_on` (today) until the end of `ends_on`. A grant still
    open for the same person and object is replaced (its days joined to the new ones); a view
    row the person held before stays his when this one ends. A secret object's grant is also
    recorded as a secret grant (who let him in), as every secret hand-over is."""
    from units import permissions

    today = timezone.localdate()
    starts_on = starts_on or today
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do cấp quyền xem.")})
    if ends_on < starts_on or ends_on < today:
        raise ValidationError({"ends_on": _("Ngày hết hạn phải từ hôm nay và từ ngày bắt đầu.")})
    previous = _open_grant(obj, user)
    holds_row = True
    if previous is not None:
        starts_on = min(starts_on, previous.starts_on)
        ends_on = max(ends_on, previous.ends_on)
        holds_row = previous.holds_row
        previous.revoked_at = timezone.now()
        previous.revoke_reason = _("Thay bằng lượt cấp mới")
        audited_save(
            previous,
            actor=granted_by,
            reason=previous.revoke_reason,
            update_fields=["revoked_at", "revoke_reason"],
        )
    elif _row_exists(obj, user):
        holds_row = False
    grant = TimedGrant(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip()[:500],
        granted_by=granted_by,
        source=source,
        holds_row=holds_row,
    )
    grant.full_clean()
    audited_save(grant, actor=granted_by, reason=grant.reason)
    permissions.grant_view(obj, user)
    if getattr(obj, "is_secret", False):
        SecretGrant.objects.create(
            content_type=grant.content_type,
            object_id=obj.pk,
            user=user,
            granted_by=granted_by,
            reason=grant.reason[:300],
        )
    return grant


def _end(grant: TimedGrant, *, actor, reason: str, expired: bool) -> None:
    from units import permissions

    if grant.holds_row:
        obj = grant.content_type.get_object_for_this_type(pk=grant.object_id)
        permissions.revoke_view(obj, grant.user)
    grant.revoked_at = timezone.now()
    grant.revoke_reason = reason[:300]
    audited_save(grant, actor=actor, reason=reason, update_fields=["revoked_at", "revoke_reason"])
    grant_ended.send(sender=TimedGrant, grant=grant, expired=expired)


@transaction.atomic
@in_office_language
def grant_revoke(grant: TimedGrant, *, actor, reason: str) -> TimedGrant:
    """End a grant before its day (the request was withdrawn, the reader left)."""
    grant = TimedGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise ValidationError(_("Quyền xem này đã hết hoặc đã được thu hồi."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do thu hồi.")})
    _end(grant, actor=actor, reason=reason.strip(), expired=False)
    return grant


@in_office_language
def expired_sweep(today: date | None = None) -> int:
    """Delete the view rows of the grants whose last day has passed and mark them revoked
    (the system is the actor: no person ended them). One transaction per grant, so a failure
    leaves the others swept; the door hid them already."""
    today = today or timezone.localdate()
    swept = 0
    ids = list(
        TimedGrant.objects.filter(revoked_at__isnull=True, ends_on__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            grant = (
                TimedGrant.objects.select_for_update()
                .select_related("content_type", "user")
                .filter(pk=pk, revoked_at__isnull=True)
                .first()
            )
            if grant is None:
                continue
            _end(grant, actor=None, reason=_("Hết thời hạn được xem"), expired=True)
            swept += 1
    return swept


def grants_of(obj: Model):
    """Every grant of an object, newest first, with who got it and who gave it."""
    return TimedGrant.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("user", "granted_by")


def grants_from(source: str):
    return TimedGrant.objects.filter(source=source).select_related("user", "content_type")
