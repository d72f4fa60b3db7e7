"""Who may do what in Cipher–IT's work. Entry requests, inspections and tickets are owned work
and go through the door (`units.permissions`); the message register, the room's log, the
equipment and the rights register are Cipher–IT's books: its members and the chief, nobody
else, whatever else they hold (rule 7, Điều 11.2)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from units import permissions
from units.choices import Designation, Position
from units.designations import designated_unit, is_designated


def is_cipher_member(user) -> bool:
    """A member of the unit the office designates for the cipher work, in service today."""
    if not user.is_authenticated:
        return False
    viewer = permissions.viewer_for(user)
    return viewer.unit_id is not None and is_designated(viewer.unit_id, Designation.CIPHER)


def may_see_cipher_books(user) -> bool:
    """The message register and the room's log: Cipher–IT's members and the chief. Not the
    deputy chief in charge, not a system administrator outside Cipher–IT, not a superuser."""
    if not user.is_authenticated:
        return False
    return is_cipher_member(user) or permissions.viewer_for(user).is_chief


def may_keep_cipher_books(user) -> bool:
    """Who writes them: Cipher–IT's members (the chief reads)."""
    return is_cipher_member(user)


def cipher_heads() -> QuerySet:
    """Cipher–IT's head today (the acting head under a delegation)."""
    from units.ownership import head_of

    unit = designated_unit(Designation.CIPHER)
    head = head_of(unit) if unit else None
    return get_user_model().objects.filter(pk=head.pk if head else None)


def chiefs() -> QuerySet:
    return get_user_model().objects.filter(
        is_active=True, staff__is_active=True, staff__position=Position.CHIEF
    )


def may_record_room(user, request) -> bool:
    """Entry, exit and minutes are recorded by Cipher–IT against a request it sees."""
    return may_keep_cipher_books(user) and permissions.can_see(user, request)


def is_cipher_head(user) -> bool:
    return user.is_authenticated and cipher_heads().filter(pk=user.pk).exists()


def may_handle_ticket(user, ticket) -> bool:
    """The officer in charge and Cipher–IT's head (the door's edit right)."""
    return permissions.can_edit(user, ticket)


def may_assign_ticket(user, ticket) -> bool:
    return permissions.can_reassign(user, ticket)
