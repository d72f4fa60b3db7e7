"""The PDFs of this app in the Party document layout (`core/pdf/party_document.html`): programs,
reports, meeting minutes, the leadership's conclusion notice and the weekly calendar.

Each `*_document` function builds the template name and context from an object the caller has
already fetched through the permission door. The background builders registered in
`WorkprogramsConfig.ready()` fetch again through the same door with the requesting user, so a
file queued before that user lost sight of the object fails instead of leaking it.

An approved program or report prints the number it took when approved (`Số 07-CTr/VPTU`); a
draft, minutes and notices carry their type and issuer code with an empty sequence number
(`Số      -CTr/VPTU`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from core import pdf
from core.report_sources import report_source
from units import approvals, ownership, permissions
from units.choices import ApprovalStatus, DecisionKind, Designation, Position
from units.designations import designated_unit
from units.models import Unit
from workprograms import selectors
from workprograms.choices import Scope
from workprograms.models import Meeting, Report, WorkProgram
from workprograms.services.reports import report_figures

#: Programs with more items than this are built in the background (core.services.file_request).
INLINE_MAX_ITEMS = 40
#: Reports longer than this (characters of content and proposal) are built in the background.
INLINE_MAX_CHARS = 20_000

PROGRAM_BUILDER = "workprograms.program"
REPORT_BUILDER = "workprograms.report"

Document = tuple[str, dict[str, Any]]


def issuer_code() -> str:
    return settings.OFFICE_ISSUER_CODE


def issuer_parent() -> str:
    return settings.OFFICE_PARENT_NAME


def number_symbol(type_code: str, unit: Unit | None = None, number: int | None = None) -> str:
    """`Số 07-BC/VPTU`, or `Số 07-BC/VPTU/TH` for a unit's own document; the number is blank
    (`Số      -BC/VPTU`) until the document is approved or issued."""
    return pdf.number_line(number, type_code, issuer_code(), unit_code=unit.code if unit else "")


def _heading(unit: Unit | None) -> dict[str, Any]:
    """The office's documents are issued by "VĂN PHÒNG" under the provincial committee; a
    unit's own documents by the unit under the office."""
    if unit is None:
        return pdf.heading(issuer_parent=issuer_parent(), issuer=_("VĂN PHÒNG"))
    return pdf.heading(issuer_parent=settings.OFFICE_NAME, issuer=unit.name_vi)


def _secrecy(obj) -> str:
    return obj.get_secrecy_display() if obj.is_secret else ""


def _summary(title: str, doc_type: str) -> str:
    """The summary line under the type: the title without a leading repeat of the type."""
    if title.lower().startswith(doc_type.lower()):
        title = title[len(doc_type) :].strip(" :–-")
    return title


def _approver_signer(obj) -> dict[str, str]:
    """An office document is signed by the leader who approved it: the chief himself, or a
    deputy chief "K/T CHÁNH VĂN PHÒNG"; before approval the line stays for the deputy chief in
    charge of the lead unit."""
    approval = (
        approvals.decisions_for(obj).filter(kind=DecisionKind.APPROVE).order_by("-at").first()
    )
    signer = approval.actor if approval else obj.lead_unit.deputy_chief
    staff = getattr(signer, "staff", None) if signer is not None else None
    if staff is not None and staff.position == Position.CHIEF:
        return pdf.signer_block(title=_("CHÁNH VĂN PHÒNG"), name=pdf.person_name(signer))
    return pdf.signer_block(
        authority=_("K/T CHÁNH VĂN PHÒNG"),
        title=_("PHÓ CHÁNH VĂN PHÒNG"),
        name=pdf.person_name(signer),
    )


def _head_signer(owner) -> dict[str, str]:
    return pdf.signer_block(title=_("TRƯỞNG PHÒNG"), name=pdf.person_name(owner))


def _office_recipients() -> dict[str, list[str]]:
    return pdf.recipients(
        _("Thường trực Tỉnh ủy (để báo cáo)"),
        _("Lãnh đạo Văn phòng"),
        _("Các phòng, đơn vị trực thuộc"),
        _("Lưu Văn phòng"),
    )


def _unit_recipients(unit: Unit) -> dict[str, list[str]]:
    return pdf.recipients(
        _("Lãnh đạo Văn phòng (để báo cáo)"),
        _("Phòng Hành chính – Tiếp dân (để tổng hợp)"),
        _("Lưu %(unit)s") % {"unit": unit.code.upper()},
    )


def _approval_parts(obj) -> dict[str, Any]:
    """Heading, number, signer and recipients shared by programs and reports."""
    office = obj.scope == Scope.OFFICE
    unit = None if office else obj.lead_unit
    approved = obj.approval_status == ApprovalStatus.APPROVED
    return {
        **_heading(unit),
        "number": number_symbol(obj.type_code, unit, obj.issued_number if approved else None),
        "date": timezone.localtime(obj.decided_at).date() if approved and obj.decided_at else None,
        "secrecy": _secrecy(obj),
        "is_draft": not approved,
        **(_approver_signer(obj) if office else _head_signer(obj.owner)),
        **(_office_recipients() if office else _unit_recipients(obj.lead_unit)),
    }


# Programs and reports -----------------------------------------------------------------------


def program_document(program: WorkProgram, user) -> Document:
    doc_type = _("Chương trình")
    return "workprograms/pdf/program.html", {
        **_approval_parts(program),
        "doc_type": doc_type,
        "summary": _summary(program.title, doc_type),
        "program": program,
        "items": permissions.log_secret_rows(
            selectors.program_items(program, user), user, via="pdf"
        ),
    }


def program_is_long(program: WorkProgram) -> bool:
    return program.items.count() > INLINE_MAX_ITEMS


def report_document(report: Report, user) -> Document:
    doc_type = _("Báo cáo")
    context = {
        **_approval_parts(report),
        "doc_type": doc_type,
        "summary": _summary(report.title, doc_type),
        "urgency": _("Đột xuất") if report.is_urgent else "",
        "report": report,
        "implementation": None,
    }
    if report.scope == Scope.OFFICE and report.period:
        context["implementation"] = selectors.implementation_table(*report.period, user=user)
    source = report_source(report.source) if report.source else None
    if source is not None:
        # a report to an outside body (Cipher–IT's to the Party–State Cipher Department):
        # addressed to it, with the period's figures counted from the source's records
        context["addressee"] = source.recipient
        context["figures"] = report_figures(report)
        context.update(
            pdf.recipients(
                _("Như trên"),
                _("Lãnh đạo Văn phòng (để báo cáo)"),
                _("Lưu %(unit)s") % {"unit": report.lead_unit.code.upper()},
            )
        )
    return "workprograms/pdf/report.html", context


def report_is_long(report: Report) -> bool:
    return len(report.content) + len(report.proposal) > INLINE_MAX_CHARS


# Meetings -----------------------------------------------------------------------------------


def _meeting_unit(meeting: Meeting) -> Unit | None:
    return None if meeting.is_leadership else meeting.lead_unit


def minutes_document(meeting: Meeting) -> Document:
    """The minutes (biên bản) signed by the person who took them and the chair."""
    unit = _meeting_unit(meeting)
    return "workprograms/pdf/minutes.html", {
        **_heading(unit),
        "number": number_symbol("BB", unit),
        "date": timezone.localtime(meeting.starts_at).date(),
        "secrecy": _secrecy(meeting),
        "doc_type": _("Biên bản"),
        "summary": meeting.title,
        "meeting": meeting,
        "starts_at": timezone.localtime(meeting.starts_at),
        "participants": [
            pdf.person_name(user) for user in meeting.participants.order_by("first_name")
        ],
        "conclusions": list(selectors.meeting_conclusions(meeting)),
        "secretary_name": pdf.person_name(meeting.owner),
        "chair_name": pdf.person_name(meeting.chair),
        **pdf.recipients(
            _("Các thành viên dự họp"),
            _("Lưu %(unit)s") % {"unit": meeting.lead_unit.code.upper()},
        ),
    }


def notice_document(meeting: Meeting) -> Document:
    """The notice of the leadership's conclusions that HC drafts (Điều 7.2), signed for the
    chief by HC's head."""
    hc = designated_unit(Designation.LEADERSHIP_MINUTES)
    day = timezone.localtime(meeting.starts_at).date()
    return "workprograms/pdf/notice.html", {
        **_heading(None),
        "number": number_symbol("TB"),
        "date": None,
        "secrecy": _secrecy(meeting),
        "doc_type": _("Thông báo"),
        "summary": _("Kết luận của lãnh đạo Văn phòng tại cuộc họp ngày %(day)s")
        % {"day": day.strftime("%d/%m/%Y")},
        "meeting": meeting,
        "conclusions": list(selectors.meeting_conclusions(meeting)),
        **pdf.signer_block(
            authority=_("T/L CHÁNH VĂN PHÒNG"),
            title=_("TRƯỞNG PHÒNG HÀNH CHÍNH – TIẾP DÂN"),
            name=pdf.person_name(ownership.head_of(hc)),
        ),
        **pdf.recipients(
            _("Lãnh đạo Văn phòng"),
            _("Các phòng, đơn vị trực thuộc"),
            _("Lưu %(unit)s") % {"unit": hc.code.upper()},
        ),
        "is_draft": True,
    }


# Weekly calendar ----------------------------------------------------------------------------


def calendar_document(user, monday: date) -> Document:
    hc = designated_unit(Designation.OFFICE_PROGRAMS)
    sunday = monday + timedelta(days=6)
    return "workprograms/pdf/calendar.html", {
        **_heading(None),
        "number": "",
        "date": timezone.localdate(),
        "doc_type": _("Lịch công tác"),
        "summary": _("của lãnh đạo Văn phòng tuần từ ngày %(start)s đến ngày %(end)s")
        % {"start": monday.strftime("%d/%m/%Y"), "end": sunday.strftime("%d/%m/%Y")},
        "days": selectors.calendar_week(user, monday),
        **pdf.signer_block(
            authority=_("T/L CHÁNH VĂN PHÒNG"),
            title=_("TRƯỞNG PHÒNG HÀNH CHÍNH – TIẾP DÂN"),
            name=pdf.person_name(ownership.head_of(hc)),
        ),
        **_office_recipients(),
    }


# Background builders ------------------------------------------------------------------------


def _requester(params: dict[str, Any]):
    return get_user_model().objects.get(pk=params["user_id"])


def build_program(params: dict[str, Any]) -> Document:
    """Fetch again through the door as the requester: sight lost since the request = failure."""
    requester = _requester(params)
    program = permissions.get_visible_or_404(
        WorkProgram.objects.select_related("lead_unit__deputy_chief", "owner"),
        requester,
        via="pdf",
        pk=params["pk"],
    )
    return program_document(program, requester)


def build_report(params: dict[str, Any]) -> Document:
    requester = _requester(params)
    report = permissions.get_visible_or_404(
        Report.objects.select_related("lead_unit__deputy_chief", "owner"),
        requester,
        via="pdf",
        pk=params["pk"],
    )
    return report_document(report, requester)
