"""The registers on screen: the columns of each list page (drawn by `core.tables`)."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cipher.selectors_signing import VERDICT_FIELD, signature_cell, with_signature_verdict
from core.tables import Column, Table, badge, day, full_name, link_to, shorten
from dispatch.choices import IncomingStatus, OutgoingStage
from dispatch.models import handling_overdue
from units.choices import ApprovalStatus, Secrecy

_incoming_link = link_to("dispatch:incoming")
_outgoing_link = link_to("dispatch:outgoing")


#: What `_summary` and `_unit_and_owner` read.
_SUMMARY = ("doc_type__name", "summary", "secrecy", "urgency__name")
_UNIT_AND_OWNER = ("lead_unit__code", "owner__first_name", "owner__last_name")


def _summary(row: dict):
    """Type and summary, with the secrecy and urgency marks."""
    html = format_html("{}: {}", row["doc_type__name"], shorten(row["summary"], 140))
    if row["secrecy"]:
        html += format_html(" {}", badge(Secrecy(row["secrecy"]).label, "danger"))
    if row["urgency__name"]:
        html += format_html(" {}", badge(row["urgency__name"], "warning"))
    return html


def _unit_and_owner(row: dict) -> str:
    owner = full_name(row["owner__first_name"], row["owner__last_name"])
    return f"{row['lead_unit__code'].upper()} – {owner}"


class IncomingTable(Table):
    fields = (
        "id",
        "number",
        "received_at",
        "sender",
        "number_and_symbol",
        "document_date",
        *_SUMMARY,
        *_UNIT_AND_OWNER,
        "handling_deadline",
        "status",
        VERDICT_FIELD,
    )
    empty = _("Không có văn bản nào.")
    columns = (
        Column(_("Số đến"), lambda row: _incoming_link(row["id"], row["number"]), token=True),
        Column(_("Ngày đến"), lambda row: day(row["received_at"]), token=True),
        Column(_("Nơi gửi"), lambda row: row["sender"]),
        Column(_("Số, ký hiệu"), lambda row: row["number_and_symbol"], token=True),
        Column(_("Ngày VB"), lambda row: day(row["document_date"]), token=True),
        Column(_("Loại và trích yếu"), _summary),
        Column(_("Đơn vị, người nhận"), _unit_and_owner),
        Column(
            _("Hạn xử lý"),
            lambda row: day(row["handling_deadline"]),
            token=True,
            css=lambda row: (
                "text-danger fw-bold"
                if handling_overdue(row["status"], row["handling_deadline"])
                else ""
            ),
        ),
        Column(
            _("Trạng thái"),
            lambda row: format_html(
                '<span class="badge text-bg-secondary status-{}">{}</span>',
                row["status"],
                IncomingStatus(row["status"]).label,
            ),
        ),
        Column(_("Chữ ký số"), signature_cell),
    )

    @classmethod
    def values(cls, queryset):
        return super().values(with_signature_verdict(queryset))


class OutgoingTable(Table):
    fields = (
        "id",
        "number_and_symbol",
        "document_date",
        *_SUMMARY,
        "signer__first_name",
        "signer__last_name",
        *_UNIT_AND_OWNER,
        "stage",
        "approval_status",
    )
    empty = _("Không có văn bản nào.")
    columns = (
        Column(
            _("Số, ký hiệu"),
            lambda row: _outgoing_link(row["id"], row["number_and_symbol"] or _("(chưa cấp số)")),
            token=True,
        ),
        Column(_("Ngày VB"), lambda row: day(row["document_date"]), token=True),
        Column(_("Loại và trích yếu"), _summary),
        Column(
            _("Người ký"),
            lambda row: full_name(row["signer__first_name"], row["signer__last_name"]),
        ),
        Column(_("Đơn vị soạn thảo"), _unit_and_owner),
        Column(
            _("Giai đoạn"),
            lambda row: format_html(
                "{} {}",
                badge(OutgoingStage(row["stage"]).label, "secondary"),
                badge(ApprovalStatus(row["approval_status"]).label, "light"),
            ),
        ),
    )
