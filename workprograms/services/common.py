"""What the workprograms services share: the head's check, the office's own scope and what a
new program or report may be pre-filled from."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from units import permissions
from units.choices import Designation, Secrecy
from units.designations import is_designated
from units.models import Unit
from workprograms.choices import Scope


def _require_head(actor, unit: Unit) -> None:
    if not permissions.viewer_for(actor).is_head_of(unit.pk):
        raise PermissionDenied(
            _(
                "Chỉ Trưởng phòng (hoặc người được ủy quyền) mới lập chương trình, "
                "báo cáo của đơn vị."
            )
        )


def _scope_unit(scope: str, unit: Unit) -> None:
    if scope == Scope.OFFICE and not is_designated(unit.pk, Designation.OFFICE_PROGRAMS):
        raise ValidationError(
            {
                "scope": _(
                    "Chương trình, báo cáo của Văn phòng do Phòng Hành chính – Tiếp dân tổng hợp."
                )
            }
        )


def _copyable_sources(queryset, target):
    """What a new program or report may be pre-filled from: no secret text into a target that
    is not secret (its readers would read it there, in its PDF and on its compare page)."""
    if target.is_secret:
        return queryset
    return queryset.filter(secrecy=Secrecy.NONE)
