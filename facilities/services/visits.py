"""Visiting delegations (Điều 9.2): one case with one owner in QT; its lodging, meals,
vehicles and room are requests of the engine (`facilities.services.requests.request_create`
with `visit=`), which go to QT's deputy chief after QT's head."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from facilities import permissions as rules
from facilities.models import VisitingDelegation
from units import ownership, permissions
from units.choices import Designation
from units.designations import designated_unit


@transaction.atomic
@in_office_language
def visit_create(
    *,
    actor,
    title: str,
    guests: str,
    arrives_on: date,
    leaves_on: date,
    programme: str = "",
    budget_line: str = "",
    owner=None,
) -> VisitingDelegation:
    if not rules.is_qt_staff(actor):
        raise PermissionDenied(_("Chỉ Phòng Quản trị lập hồ sơ đón tiếp đoàn khách."))
    if arrives_on < timezone.localdate():
        raise ValidationError({"arrives_on": _("Ngày đến không được trước hôm nay.")})
    unit = designated_unit(Designation.FACILITIES)
    visit = VisitingDelegation(
        lead_unit=unit,
        owner=owner or actor,
        title=title,
        guests=guests,
        arrives_on=arrives_on,
        leaves_on=leaves_on,
        programme=programme,
        budget_line=budget_line,
    )
    visit.full_clean()
    audited_save(visit, actor=actor, reason=_("Lập hồ sơ đón tiếp đoàn khách"))
    ownership.record_assignment(visit, actor=actor, reason=_("Lập hồ sơ đón tiếp đoàn khách"))
    return visit


@transaction.atomic
@in_office_language
def visit_settle(*, actor, visit: VisitingDelegation, settlement: str) -> VisitingDelegation:
    """The settlement after the visit: what was spent, against the budget line."""
    if not permissions.can_edit(actor, visit):
        raise PermissionDenied(_("Bạn không có quyền quyết toán đoàn khách này."))
    if not settlement.strip():
        raise ValidationError({"settlement": _("Cần ghi nội dung quyết toán.")})
    if visit.leaves_on > timezone.localdate():
        raise ValidationError(_("Chỉ quyết toán sau khi đoàn về."))
    visit.settlement = settlement
    visit.settled_at = timezone.now()
    return audited_save(
        visit,
        actor=actor,
        reason=_("Quyết toán đón tiếp đoàn khách"),
        update_fields=["settlement", "settled_at", "updated_at"],
    )
