"""The PDFs of this app in the Party document layout (`core/pdf/party_document.html`): the
travel paper (giấy đi đường, Điều 7.7). The caller fetches the paper through
`selectors.travel_papers(user)`, HC's books, first."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from dispatch.models import TravelPaper

Document = tuple[str, dict[str, Any]]


def travel_paper_document(paper: TravelPaper) -> Document:
    """Signed by HC's head for the chief ("T/L CHÁNH VĂN PHÒNG"), dated the day it was signed."""
    signer = paper.signed_by
    return "dispatch/pdf/travel_paper.html", {
        "issuer_parent": settings.OFFICE_PARENT_NAME,
        "issuer": _("VĂN PHÒNG"),
        "number": _("Số %(number)s/GĐĐ") % {"number": paper.number},
        "date": timezone.localtime(paper.signed_at).date(),
        "doc_type": _("Giấy đi đường"),
        "paper": paper,
        "signer_authority": _("T/L CHÁNH VĂN PHÒNG"),
        "signer_title": _("TRƯỞNG PHÒNG"),
        "signer_name": signer.get_full_name() or signer.get_username(),
    }
