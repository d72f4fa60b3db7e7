"""Who keeps the office's certificates and second factors, and who must sign in with one."""

from __future__ import annotations

from django.utils import timezone

from units.choices import Designation, RoleCode
from units.designations import designated_unit
from units.models import RoleAssignment, SecretGrant
from units.permissions import viewer_for


def is_cipher_staff(user) -> bool:
    """A member of the unit designated for the cipher function, or a cipher officer today."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    viewer = viewer_for(user)
    if viewer.has_role(RoleCode.CIPHER_OFFICER):
        return True
    unit = designated_unit(Designation.CIPHER)
    return unit is not None and viewer.unit_id == unit.pk


def may_keep_certificates(user) -> bool:
    """The certificate store's keepers: cipher officers and system administrators today (by
    role, so the admin's menu costs no query beyond the viewer)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    viewer = viewer_for(user)
    return viewer.has_role(RoleCode.CIPHER_OFFICER) or viewer.is_system_admin


def may_reset_second_factor(actor, person) -> bool:
    """CY resets a person's devices; never his own (another CY member does it)."""
    if actor.pk == person.pk:
        return False
    return bool(actor.is_superuser or is_cipher_staff(actor))


def holds_secret_access(user) -> bool:
    """Someone who can see secret items beyond his own: an explicit secret grant, or a role or
    secrecy right granted today (cipher officer, system administrator, a secret item, a
    secrecy clearance)."""
    if SecretGrant.objects.filter(user_id=user.pk).exists():
        return True
    return (
        RoleAssignment.objects.valid_on(timezone.localdate())
        .filter(user_id=user.pk)
        .filter(
            role__code__in=[
                RoleCode.CIPHER_OFFICER,
                RoleCode.SYSTEM_ADMIN,
                RoleCode.SECRET_ITEM,
                RoleCode.SECRECY_CLEARANCE,
            ]
        )
        .exists()
    )


def requires_second_factor(user) -> bool:
    """Leadership, records clerks, CY, administrators and anyone who sees secret items sign in
    with a second factor (issue 14)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    viewer = viewer_for(user)
    if viewer.is_leadership or viewer.is_records_clerk:
        return True
    if is_cipher_staff(user):
        return True
    return holds_secret_access(user)


__all__ = [
    "holds_secret_access",
    "is_cipher_staff",
    "may_keep_certificates",
    "may_reset_second_factor",
    "requires_second_factor",
]
