"""Who may do what in Party finance. Estimates and settlements are owned work and go through
the door (`units.permissions`); the follow-up pages, imports and dues are read by role: the
unit designated for finance (TC) and office leadership see everything, a unit that prepares a
budget unit's estimate (QT for the office) sees that unit, a cell's secretary his cell, a member
his own dues. Published estimates and settlements are read by every staff member."""

from django.db.models import Q, QuerySet

from units import permissions
from units.choices import Designation
from units.designations import designated_unit


def finance_unit_id() -> int | None:
    unit = designated_unit(Designation.FINANCE)
    return unit.pk if unit is not None else None


def is_finance_staff(user) -> bool:
    viewer = permissions.viewer_for(user)
    return viewer.unit_id is not None and viewer.unit_id == finance_unit_id()


def is_finance_head(user) -> bool:
    unit_id = finance_unit_id()
    return unit_id is not None and permissions.viewer_for(user).is_head_of(unit_id)


def oversees_finance(user) -> bool:
    """Office leadership and TC follow every unit's budget and every member's dues."""
    viewer = permissions.viewer_for(user)
    if viewer.user_id is None:
        return False
    return viewer.is_leadership or is_finance_staff(user)


def may_prepare_estimates(user) -> bool:
    """Heads of TC and of the units that prepare a budget unit's estimate draft estimates."""
    from finance.models import BudgetUnit

    viewer = permissions.viewer_for(user)
    if not viewer.head_unit_ids:
        return False
    if is_finance_head(user):
        return True
    return BudgetUnit.objects.filter(prepared_by_id__in=viewer.head_unit_ids).exists()


def budget_units_for(user, queryset: QuerySet) -> QuerySet:
    """The budget units whose figures the user follows."""
    viewer = permissions.viewer_for(user)
    if viewer.user_id is None:
        return queryset.none()
    if oversees_finance(user):
        return queryset
    if viewer.unit_id is None:
        return queryset.none()
    return queryset.filter(prepared_by_id=viewer.unit_id)


def may_import(user) -> bool:
    """TC imports the accounting software's exports."""
    return is_finance_staff(user)


def may_see_imports(user) -> bool:
    return oversees_finance(user)


def may_record_dues(user) -> bool:
    """TC enters incomes, decisions, payments and the organisations' reports."""
    return is_finance_staff(user)


def dues_members(queryset: QuerySet, user) -> QuerySet:
    """The members whose dues the user may read: all for TC and leadership, his cell for a
    secretary, himself for a member."""
    viewer = permissions.viewer_for(user)
    if viewer.user_id is None:
        return queryset.none()
    if oversees_finance(user):
        return queryset
    return queryset.filter(Q(user_id=viewer.user_id) | Q(cell__secretary_id=viewer.user_id))
