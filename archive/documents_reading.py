"""The reading room's printed paper: a certified copy's or extract's certificate (giấy chứng
thực bản sao, trích lục), numbered, in the Party layout (core.pdf)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.documents import Document, _date_range
from archive.models import CertifiedCopy
from core import pdf

#: the type codes of the numbered papers (number-and-symbol, core.pdf)
TYPE_CODES = {"copy": "SY", "extract": "TL"}


def copy_document(copy: CertifiedCopy) -> Document:
    record_file = copy.record_file
    request = copy.request
    reader = (
        request.researcher.full_name
        if request.researcher_id
        else pdf.person_name(request.requester)
    )
    return "archive/reading/pdf/copy.html", {
        **pdf.heading(issuer_parent=settings.OFFICE_NAME, issuer=request.lead_unit.name_vi),
        "number": pdf.number_line(
            copy.number,
            TYPE_CODES[copy.kind],
            settings.OFFICE_ISSUER_CODE,
            unit_code=request.lead_unit.code,
        ),
        "date": timezone.localtime(copy.issued_at),
        "secrecy": record_file.get_secrecy_display() if record_file.is_secret else "",
        "doc_type": copy.get_kind_display(),
        "summary": copy.content,
        "copy": copy,
        "record_file": record_file,
        "date_range": _date_range(record_file),
        "reader": reader,
        "organisation": request.researcher.organisation if request.researcher_id else "",
        "purpose": request.purpose,
        "signer_title": _("Lưu trữ viên chứng thực"),
        "signer_name": pdf.person_name(copy.issued_by),
    }
