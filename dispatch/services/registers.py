"""The registers themselves: the register in use for a kind, the seal-use book and the
recipients' receipt signatures."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import services_signing
from core.audit import audited_save, in_office_language
from dispatch import selectors
from dispatch.choices import (
    OutgoingStage,
    RegisterKind,
)
from dispatch.models import (
    Delivery,
    OutgoingDocument,
    Register,
    SealUse,
)
from dispatch.services.common import _require_clerk


def register_of(kind: str) -> Register:
    register = selectors.default_register(kind)
    if register is None:
        raise ValidationError(
            _("Chưa có sổ đang dùng: %(kind)s.") % {"kind": RegisterKind(kind).label}
        )
    return register


@transaction.atomic
@in_office_language
def seal_use_record(
    *, actor, document: OutgoingDocument, seal: str, impressions: int = 1
) -> SealUse:
    _require_clerk(actor)
    if document.stage not in (OutgoingStage.ISSUED, OutgoingStage.DISPATCHED):
        raise ValidationError(_("Chỉ đóng dấu văn bản đã cấp số."))
    use = SealUse(document=document, seal=seal.strip(), impressions=impressions, used_by=actor)
    use.full_clean()
    audited_save(use, actor=actor, reason=_("Ghi sổ sử dụng con dấu"))
    services_signing.seal_recorded(actor=actor, document=document, seal_use_id=use.pk)
    return use


@transaction.atomic
@in_office_language
def delivery_receive(*, actor, delivery: Delivery, received_by: str) -> Delivery:
    """The receipt signature of one recipient."""
    _require_clerk(actor)
    if delivery.sent_at is None:
        raise ValidationError(_("Văn bản chưa gửi nơi này."))
    if not received_by.strip():
        raise ValidationError({"received_by": _("Cần ghi người nhận.")})
    delivery.received_at = timezone.now()
    delivery.received_by = received_by.strip()
    audited_save(
        delivery,
        actor=actor,
        reason=_("Ký nhận văn bản"),
        update_fields=["received_at", "received_by"],
    )
    return delivery
