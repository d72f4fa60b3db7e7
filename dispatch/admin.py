"""Catalogues and registers are edited here by the Cipher–IT administrators (office_catalogue);
documents are read through the permission door (GuardedWorkAdmin)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dispatch.models import (
    DocumentType,
    IncomingDocument,
    Issuer,
    Letter,
    LetterDeadline,
    OutgoingDocument,
    Register,
    Urgency,
)
from units.admin import ApprovalAdmin, GuardedWorkAdmin, Reading


@admin.register(DocumentType)
class DocumentTypeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name", "code")


@admin.register(Issuer)
class IssuerAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "is_active")
    search_fields = ("name", "code")


@admin.register(Urgency)
class UrgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "order")


@admin.register(Register)
class RegisterAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "period_scheme", "sequence_scope", "is_active")
    list_filter = ("kind",)


@admin.register(IncomingDocument)
class IncomingDocumentAdmin(GuardedWorkAdmin):
    list_display = (
        "number",
        "number_and_symbol",
        "sender",
        "lead_unit",
        "owner",
        "status",
        "handling_deadline",
    )
    list_filter = ("status",)
    list_select_related = ("lead_unit", "owner")
    show_full_result_count = False


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(ApprovalAdmin):
    """Leadership sign outgoing drafts here, or return them with a comment."""

    list_display = (*ApprovalAdmin.list_display, "doc_type")
    list_select_related = ("doc_type", "lead_unit", "owner", "signer")
    search_fields = ("summary", "number_and_symbol")
    show_full_result_count = False
    approve_label = _("Ký")
    decision_summary_fields = (
        "doc_type",
        "issuer",
        "signer",
        "signer_authority",
        "signer_title",
        "urgency",
        "secrecy",
        "reviewed_by",
        "consultations",
    )

    def decision_reading(self, request, obj) -> Reading:
        if not obj.content_file:
            return Reading(text=obj.summary)
        url = reverse("dispatch:outgoing-content", args=[obj.pk])
        return Reading(text=obj.summary, pdf_url=f"{url}?xem=1", file_url=url)


@admin.register(LetterDeadline)
class LetterDeadlineAdmin(SimpleHistoryAdmin):
    list_display = ("stage", "category", "working_days")


@admin.register(Letter)
class LetterAdmin(GuardedWorkAdmin):
    list_display = ("number", "sender_name", "category", "status", "owner")
    list_filter = ("status", "category")
    list_select_related = ("owner",)
    show_full_result_count = False
