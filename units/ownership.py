"""Writes of the one-unit-one-owner mechanism, shared by every workflow object (Điều 1.3, 13.1,
22.2). Apps call these from their own services; nothing else changes `lead_unit` or `owner`."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_m2m_set, audited_save, in_office_language
from core.services import notify
from units import permissions
from units.choices import Position
from units.models import Delegation, OwnedWork, OwnershipChange, StaffMember, Unit


def validate_owner(unit: Unit, owner) -> None:
    """The person in charge must be an active member of the lead unit (as the permission door
    sees them: no query when that is already known for this request, as for the actor)."""
    if permissions.viewer_for(owner).unit_id != unit.pk:
        raise ValidationError(
            {
                "owner": _("Người phụ trách phải là cán bộ đang công tác tại %(unit)s.")
                % {"unit": unit.name_vi}
            }
        )


def record_assignment(obj: OwnedWork, *, actor, reason: str = "") -> OwnershipChange:
    """First assignment of a freshly created object: records it and gives the owner his rights."""
    validate_owner(obj.lead_unit, obj.owner)
    permissions.move_owner_rights(obj, old_owner_id=None, new_owner=obj.owner)
    return record_owner_change(obj, actor=actor, reason=reason)


def record_assignments(objs: Iterable[OwnedWork], *, actor, reason: str) -> None:
    """`record_assignment` for objects created together (a program's lines copied from another
    program): the owners' `change` rows and the who/when/why rows, two inserts for all of
    them. The caller has checked the owners."""
    objs = list(objs)
    if not objs:
        return
    model = type(objs[0])
    rows = permissions.grant_model(model).objects
    change_id = permissions._permission_id(model, "change")
    rows.bulk_create(
        [
            rows.model(content_object=obj, user_id=obj.owner_id, permission_id=change_id)
            for obj in objs
        ],
        ignore_conflicts=True,
    )
    content_type = ContentType.objects.get_for_model(model)
    OwnershipChange.objects.bulk_create(
        OwnershipChange(
            content_type=content_type,
            object_id=obj.pk,
            to_unit_id=obj.lead_unit_id,
            to_owner_id=obj.owner_id,
            actor=actor,
            reason=str(reason),
        )
        for obj in objs
    )


def record_owner_change(
    obj, *, actor, reason: str, from_unit_id=None, from_owner_id=None
) -> OwnershipChange:
    """The who/when/why row of an assignment or a reassignment of owned work."""
    return OwnershipChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        from_unit_id=from_unit_id,
        to_unit_id=obj.lead_unit_id,
        from_owner_id=from_owner_id,
        to_owner_id=obj.owner_id,
        actor=actor,
        reason=str(reason),
    )


@transaction.atomic
@in_office_language
def work_reassign(*, actor, obj: OwnedWork, new_owner, reason: str) -> OwnedWork:
    """The head (or acting head) names another person in charge inside the unit."""
    if not permissions.can_reassign(actor, obj):
        raise PermissionDenied(
            _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới giao lại người phụ trách.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do giao lại.")})
    validate_owner(obj.lead_unit, new_owner)
    return _change_owner(obj, actor=actor, unit=obj.lead_unit, owner=new_owner, reason=reason)


@transaction.atomic
@in_office_language
def work_move(*, actor, obj: OwnedWork, new_unit: Unit, new_owner=None, reason: str) -> OwnedWork:
    """Office leadership moves work to another unit; its head becomes the person in charge
    unless leadership names a member of that unit."""
    if not permissions.can_move(actor, obj):
        raise PermissionDenied(
            _(
                "Chỉ Chánh Văn phòng hoặc Phó Chánh Văn phòng phụ trách "
                "mới chuyển việc sang đơn vị khác."
            )
        )
    if new_unit.pk == obj.lead_unit_id:
        raise ValidationError({"new_unit": _("Công việc đã thuộc đơn vị này.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do chuyển đơn vị.")})
    if new_owner is None:
        new_owner = head_of(new_unit)
        if new_owner is None:
            raise ValidationError(
                {
                    "new_unit": _("%(unit)s chưa có Trưởng phòng; hãy chỉ định người phụ trách.")
                    % {"unit": new_unit.name_vi}
                }
            )
    validate_owner(new_unit, new_owner)
    audited_m2m_set(
        obj,
        "coordinating_units",
        [unit for unit in obj.coordinating_units.all() if unit.pk != new_unit.pk],
        actor=actor,
        reason=_("Đơn vị phối hợp"),
    )
    return _change_owner(obj, actor=actor, unit=new_unit, owner=new_owner, reason=reason)


@transaction.atomic
@in_office_language
def change_owner(*, actor, obj: OwnedWork, unit: Unit, owner, reason: str) -> OwnedWork:
    """A reassignment decided under the caller's own rule (a program's editor names who carries
    each line of the draft, whatever its unit): the same write, history, rights and notice as
    `work_reassign` and `work_move`. The caller has checked the actor's right."""
    if unit.pk == obj.lead_unit_id and owner.pk == obj.owner_id:
        return obj
    if not str(reason).strip():
        raise ValidationError({"reason": _("Cần ghi lý do giao lại.")})
    validate_owner(unit, owner)
    if unit.pk != obj.lead_unit_id:
        audited_m2m_set(
            obj,
            "coordinating_units",
            [other for other in obj.coordinating_units.all() if other.pk != unit.pk],
            actor=actor,
            reason=_("Đơn vị phối hợp"),
        )
    return _change_owner(obj, actor=actor, unit=unit, owner=owner, reason=reason)


def _change_owner(obj: OwnedWork, *, actor, unit: Unit, owner, reason: str) -> OwnedWork:
    old_unit_id, old_owner_id = obj.lead_unit_id, obj.owner_id
    obj.lead_unit = unit
    obj.owner = owner
    obj.full_clean(exclude=["coordinating_units"])
    audited_save(
        obj, actor=actor, reason=reason, update_fields=["lead_unit", "owner", "updated_at"]
    )
    permissions.move_owner_rights(obj, old_owner_id=old_owner_id, new_owner=owner)
    record_owner_change(
        obj, actor=actor, reason=reason, from_unit_id=old_unit_id, from_owner_id=old_owner_id
    )
    # A model may name itself better in notices: `notice_name()` (an incoming document's
    # number, type, deadline and summary) and, for a secret one named by its safe label,
    # `notice_facts()` (its type and deadline, nothing of its content).
    name = obj.notice_name() if callable(getattr(obj, "notice_name", None)) else obj
    facts = obj.notice_facts() if callable(getattr(obj, "notice_facts", None)) else ""
    secret_title = _("Bạn được giao phụ trách: %(item)s")
    if facts:
        secret_title = _("Bạn được giao phụ trách: %(item)s (%(facts)s)") % {
            "item": "%(item)s",
            "facts": facts.replace("%", "%%"),
        }
    notify(
        about=obj,
        recipients=[owner],
        title=_("Bạn được giao phụ trách: %(item)s") % {"item": name},
        secret_title=secret_title,
        body=reason,
        url=obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
    )
    return obj


def set_coordinating_units(obj: OwnedWork, units: Iterable[Unit], *, actor, reason) -> None:
    """Replace the coordinating units; a change is a history row naming the new ones."""
    units = [unit for unit in units if unit.pk != obj.lead_unit_id]
    audited_m2m_set(obj, "coordinating_units", units, actor=actor, reason=reason)


def head_of(unit: Unit):
    """The unit's head today; the acting head when a delegation is active."""
    today = timezone.localdate()
    delegation = (
        Delegation.objects.filter(
            unit=unit, cancelled_at__isnull=True, starts_on__lte=today, ends_on__gte=today
        )
        .select_related("delegate")
        .first()
    )
    if delegation is not None:
        return delegation.delegate
    head = (
        StaffMember.objects.filter(unit=unit, position=Position.HEAD, is_active=True)
        .select_related("user")
        .first()
    )
    return head.user if head else None


def ownership_changes(obj: OwnedWork):
    return OwnershipChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("from_unit", "to_unit", "from_owner", "to_owner", "actor")
