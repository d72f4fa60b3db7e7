from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from units.choices import Designation
from units.designations import designated_unit
from units.models import Unit


def cipher_unit() -> Unit:
    """The unit the office designates for the cipher work (data: `UnitDesignation`)."""
    unit = designated_unit(Designation.CIPHER)
    if unit is None:
        raise ValidationError(_("Chưa chỉ định đơn vị đảm nhiệm công tác cơ yếu."))
    return unit


def person(user) -> str:
    return user.get_full_name() or user.get_username()
