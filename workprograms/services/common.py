"""What the workprograms services share: the head's check, the office's own scope and what a
new program or report may be pre-filled from."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save
from core.numbering import number_next, sequence_key, term_on
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


def issued_sequence(obj, term) -> str:
    """The Party scheme (DOMAIN §6): one sequence per type, per issuer (the office, or the unit
    for its own documents: `…/VPTU/TH`) and per term of the committee; secret ones share it."""
    issuer = settings.OFFICE_ISSUER_CODE
    if obj.scope != Scope.OFFICE:
        issuer = f"{issuer}/{obj.lead_unit.code.upper()}"
    return sequence_key("workprograms", obj.type_code, issuer, f"term-{term.pk}")


def issue_number(obj, *, actor) -> None:
    """Approval effect: an approved program or report takes its number in the approval's
    transaction, so the number and the approval commit or roll back together."""
    term = term_on(timezone.localtime(obj.decided_at).date())
    obj.issued_number = number_next(issued_sequence(obj, term))
    audited_save(
        obj, actor=actor, reason=_("Cấp số văn bản"), update_fields=["issued_number", "updated_at"]
    )
