"""The papers of an appraisal in the Party layout (core.pdf): the council's minutes (each
file, the votes, every opinion kept against the majority), the destruction list and the
destruction minutes (biên bản hủy tài liệu), numbered by `core.numbering`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import selectors
from archive.choices import LineOutcome
from archive.documents import _date_range
from archive.models import Appraisal
from core import pdf

Document = tuple[str, dict[str, Any]]


def _common(appraisal: Appraisal, type_code: str, number) -> dict[str, Any]:
    return {
        **pdf.heading(issuer_parent=settings.OFFICE_NAME, issuer=appraisal.lead_unit.name_vi),
        "number": pdf.number_line(
            number, type_code, settings.OFFICE_ISSUER_CODE, unit_code=appraisal.lead_unit.code
        ),
        "secrecy": appraisal.get_secrecy_display() if appraisal.is_secret else "",
        "appraisal": appraisal,
        "members": selectors.council_members(appraisal),
    }


def _row(index: int, line) -> list[str]:
    record_file = line.record_file
    return [
        str(index),
        record_file.code,
        record_file.title,
        _date_range(record_file),
        record_file.retention.term_label,
        str(record_file.sheet_total),
    ]


def _dissent(line) -> list:
    """The opinions against the council's decision on the file, with their reasons."""
    kept = line.outcome in (LineOutcome.KEEP,) or (
        line.outcome == LineOutcome.CONTESTED and not line.on_list and not line.chief_confirmed
    )
    against = "destroy" if kept else "keep"
    return [opinion for opinion in line.opinions.all() if opinion.verdict == against]


def council_minutes(appraisal: Appraisal) -> Document:
    lines = selectors.appraisal_lines(appraisal)
    number = appraisal.minutes_number
    context = _common(appraisal, "BB", int(number) if number.isdigit() else None)
    context.update(
        date=appraisal.minutes_date,
        doc_type=_("Biên bản"),
        summary=_("Họp Hội đồng xác định giá trị tài liệu"),
        lines=[
            {"row": _row(i, line), "line": line, "dissent": _dissent(line)}
            for i, line in enumerate(lines, start=1)
        ],
        signer_title=_("Thư ký Hội đồng"),
    )
    return "archive/pdf/council_minutes.html", context


def _listed(appraisal: Appraisal) -> list:
    return [line for line in selectors.appraisal_lines(appraisal) if line.on_list]


def destruction_list(appraisal: Appraisal) -> Document:
    lines = _listed(appraisal)
    context = _common(appraisal, "DMTLH", appraisal.list_number)
    context.update(
        date=timezone.localtime(appraisal.decided_at) if appraisal.decided_at else None,
        doc_type=_("Danh mục tài liệu hủy"),
        summary=_("Kèm theo %(reference)s") % {"reference": appraisal.decision_reference},
        rows=[_row(i, line) for i, line in enumerate(lines, start=1)],
        sheet_total=sum(line.record_file.sheet_total for line in lines),
        signer_title=_("Người lập"),
        signer_name=pdf.person_name(appraisal.owner),
    )
    return "archive/pdf/destruction_list.html", context


def destruction_minutes(appraisal: Appraisal) -> Document:
    lines = selectors.appraisal_lines(appraisal)
    destroyed = [line for line in lines if line.destroyed_at]
    kept = [line for line in lines if not line.on_list]
    context = _common(appraisal, "BB", appraisal.destruction_minutes_number)
    context.update(
        date=timezone.localtime(appraisal.destroyed_at or timezone.now()),
        doc_type=_("Biên bản"),
        summary=_("Hủy tài liệu hết giá trị"),
        destroyed=[_row(i, line) for i, line in enumerate(destroyed, start=1)],
        kept=[_row(i, line) for i, line in enumerate(kept, start=1)],
        sheet_total=sum(line.record_file.sheet_total for line in destroyed),
        destroyer_name=pdf.person_name(appraisal.destroyed_by or appraisal.owner),
    )
    return "archive/pdf/destruction_minutes.html", context
