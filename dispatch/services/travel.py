"""Travel papers (Điều 7.7): signed by HC's head and numbered in their register."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from dispatch.choices import RegisterKind
from dispatch.models import TravelPaper
from dispatch.numbering import number_next
from dispatch.permissions import can_sign_travel_papers
from dispatch.services.registers import register_of


@transaction.atomic
@in_office_language
def travel_paper_sign(
    *,
    actor,
    traveller: str,
    agency: str,
    purpose: str,
    arrived_on: date,
    left_on: date,
    position: str = "",
) -> TravelPaper:
    if not can_sign_travel_papers(actor):
        raise PermissionDenied(_("Chỉ Trưởng phòng Hành chính ký giấy đi đường."))
    register = register_of(RegisterKind.TRAVEL)
    paper = TravelPaper(
        register=register,
        traveller=traveller.strip(),
        position=position.strip(),
        agency=agency.strip(),
        purpose=purpose.strip(),
        arrived_on=arrived_on,
        left_on=left_on,
        signed_by=actor,
    )
    paper.full_clean(exclude=["period_key", "number"])
    # The number last: other signatures wait from here to the commit.
    numbered = number_next(register, doc_type=None, on_date=timezone.localdate())
    paper.period_key, paper.number = numbered.period_key, numbered.number
    audited_save(paper, actor=actor, reason=_("Ký giấy đi đường"))
    return paper
