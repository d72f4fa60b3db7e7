"""Which unit the office entrusts with a function (records, archives, finance, cipher room…):
read here, never from a unit code. Its own module because every layer asks it (models' `clean()`,
approvals, forms), and `units.selectors` sits above those."""

from __future__ import annotations

from django.core.cache import cache

from units.models import Unit, UnitDesignation

DESIGNATIONS_CACHE_KEY = "units:designations"


def _designations() -> dict[str, Unit]:
    """Every designation in one query, kept in the shared cache (Redis when configured, so all
    workers forget it together) until a designation or a unit is saved."""
    designations = cache.get(DESIGNATIONS_CACHE_KEY)
    if designations is None:
        designations = {row.key: row.unit for row in UnitDesignation.objects.select_related("unit")}
        cache.set(DESIGNATIONS_CACHE_KEY, designations, timeout=None)
    return designations


def forget_designations(**kwargs) -> None:
    cache.delete(DESIGNATIONS_CACHE_KEY)


def designated_unit(key: str) -> Unit | None:
    """The unit the office entrusts with `key` (a `units.choices.Designation`), or None while
    the administrator has named none."""
    return _designations().get(key)


def is_designated(unit_id: int | None, key: str) -> bool:
    unit = designated_unit(key)
    return unit is not None and unit_id == unit.pk
