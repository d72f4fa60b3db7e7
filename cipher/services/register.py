"""The register of cipher messages (Điều 11.2): metadata only, numbered per year and direction
through `core.numbering`, kept by Cipher–IT."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import permissions as cipher_permissions
from cipher.models import CipherMessage
from core.audit import audited_save, in_office_language
from core.numbering import number_next, sequence_key


@transaction.atomic
@in_office_language
def message_record(
    *,
    actor,
    direction: str,
    at: datetime,
    counterpart: str,
    secrecy: str,
    urgency: str,
    handler,
    document_number: str = "",
    document_id: int | None = None,
) -> CipherMessage:
    """Enter a message sent or received in the register; its number is taken last, in the
    transaction that saves it (never repeated, never skipped)."""
    if not cipher_permissions.may_keep_cipher_books(actor):
        raise PermissionDenied(_("Chỉ Phòng Cơ yếu – CNTT vào sổ điện mật."))
    if not cipher_permissions.is_cipher_member(handler):
        raise ValidationError({"handler": _("Người xử lý phải là cán bộ Cơ yếu – CNTT.")})
    if at > timezone.now():
        raise ValidationError({"at": _("Thời điểm gửi, nhận không được ở tương lai.")})
    message = CipherMessage(
        year=timezone.localtime(at).year,
        direction=direction,
        number=1,
        at=at,
        counterpart=counterpart.strip(),
        secrecy=secrecy,
        urgency=urgency,
        handler=handler,
        document_number=(document_number or "").strip(),
        document_id=document_id,
        recorded_by=actor,
    )
    message.full_clean(validate_unique=False, validate_constraints=False)
    message.number = number_next(sequence_key("cipher.message", message.year, direction))
    audited_save(message, actor=actor, reason=_("Vào sổ điện mật"))
    return message
