"""Guards asked before a staff member is deactivated (leaving, retiring, moving).

An app that holds work a person must hand over first registers a guard from its
`AppConfig.ready()`: a function `(user) -> list[str]` returning the Vietnamese reasons that
refuse the deactivation (empty: nothing to hand over). `units.services.staff_deactivate` and the
account pages of the admin ask every guard; office leadership may override with a reason. units
imports none of the apps that register guards."""

from __future__ import annotations

from collections.abc import Callable

DeactivationGuard = Callable[[object], list[str]]

GUARDS: dict[str, DeactivationGuard] = {}


def register_deactivation_guard(name: str, guard: DeactivationGuard) -> DeactivationGuard:
    """Register `guard` under `name` (a second registration of the name replaces it)."""
    GUARDS[name] = guard
    return guard


def deactivation_refusals(user) -> list[str]:
    """Every registered guard's reasons for refusing to deactivate `user`."""
    refusals: list[str] = []
    for guard in GUARDS.values():
        refusals.extend(guard(user))
    return refusals
