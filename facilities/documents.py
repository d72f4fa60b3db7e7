"""QT's printouts: the weekly calendar of vehicles and rooms in the Party layout, the sheet of
QR labels of the asset register (each label opens the asset's page through the door)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import pdf
from facilities import selectors
from units import ownership
from units.choices import Designation
from units.designations import designated_unit

Document = tuple[str, dict[str, Any]]


def qr_svg(url: str, *, scale: int = 3) -> str:
    """The QR code of a URL as inline SVG, made here (segno, no network)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=scale))  # noqa: S308 - segno's own markup


def week_document(monday: date) -> Document:
    unit = designated_unit(Designation.FACILITIES)
    days, rows = selectors.week_grid(monday)
    return "facilities/pdf/week.html", {
        **pdf.heading(issuer_parent=settings.OFFICE_NAME, issuer=unit.name_vi if unit else ""),
        "number": "",
        "date": timezone.localdate(),
        "doc_type": _("Lịch"),
        "summary": _("bố trí xe, phòng họp tuần từ ngày %(start)s đến ngày %(end)s")
        % {
            "start": monday.strftime("%d/%m/%Y"),
            "end": (monday + timedelta(days=6)).strftime("%d/%m/%Y"),
        },
        "days": days,
        "rows": rows,
        **pdf.signer_block(
            title=_("TRƯỞNG PHÒNG QUẢN TRỊ"),
            name=pdf.person_name(ownership.head_of(unit)) if unit else "",
        ),
        **pdf.recipients(_("Lãnh đạo Văn phòng"), _("Các phòng"), _("Lưu Phòng Quản trị")),
    }


def labels_document(assets, url_of) -> Document:
    """A4 sheet of labels: code, name and the QR of the asset's page."""
    labels = [{"asset": asset, "qr": qr_svg(url_of(asset), scale=2)} for asset in assets]
    return "facilities/pdf/labels.html", {"labels": labels}
