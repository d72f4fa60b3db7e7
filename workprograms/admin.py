"""Leadership decide programs, change requests and reports here (DOMAIN §5), on the shared
decision page (`units.admin.ApprovalAdmin`): the PDF in the Party layout to read, and for
programs the items diff from the previous version."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from units.admin import ApprovalAdmin, Reading
from workprograms import documents, selectors
from workprograms.models import ChangeRequest, Report, ReportDeadline, WorkProgram


def _program_pdf(program: WorkProgram, text: str = "") -> Reading:
    """A long program is built in the background: it is offered as a link, not embedded (an
    embedded page would request a new build at every visit)."""
    url = reverse("workprograms:program-pdf", args=[program.pk])
    if documents.program_is_long(program):
        return Reading(text=text, file_url=url, file_label=_("Tạo bản PDF"))
    return Reading(text=text, pdf_url=f"{url}?xem=1", file_url=url)


class ItemsDiffMixin:
    """The diff of program items from the previous version, with a link to the compare page."""

    decision_diff_template = "workprograms/_items_diff.html"

    def versions_to_compare(self, obj):
        raise NotImplementedError

    def decision_diff_context(self, request, obj) -> dict:
        old, new = self.versions_to_compare(obj)
        return {
            "items_diff": selectors.compare_versions(old, new, request.user),
            "diff_old": old,
            "diff_new": new,
            "decision_compare_url": reverse("workprograms:program-compare", args=[new.pk])
            if old is not None
            else "",
        }


@admin.register(WorkProgram)
class WorkProgramAdmin(ItemsDiffMixin, ApprovalAdmin):
    list_display = (*ApprovalAdmin.list_display, "version")
    list_select_related = ("lead_unit", "owner")
    list_filter = (*ApprovalAdmin.list_filter, "period_kind", "scope")
    search_fields = ("title",)
    decision_summary_fields = ("scope", "period_kind", "year", "number", "version", "secrecy")

    def versions_to_compare(self, obj):
        return obj.previous_version, obj

    def decision_reading(self, request, obj) -> Reading:
        return _program_pdf(obj, obj.introduction)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ItemsDiffMixin, ApprovalAdmin):
    list_display = (*ApprovalAdmin.list_display, "is_urgent")
    list_select_related = ("lead_unit", "owner", "program")
    decision_summary_fields = ("program", "is_urgent", "secrecy")

    def versions_to_compare(self, obj):
        return obj.program, obj.draft

    def decision_reading(self, request, obj) -> Reading:
        return _program_pdf(obj.draft, obj.reason)


@admin.register(Report)
class ReportAdmin(ApprovalAdmin):
    list_display = (*ApprovalAdmin.list_display, "kind", "due_date")
    list_select_related = ("lead_unit", "owner")
    list_filter = (*ApprovalAdmin.list_filter, "kind", "is_urgent")
    search_fields = ("title",)
    decision_summary_fields = (
        "scope",
        "kind",
        "year",
        "number",
        "is_urgent",
        "due_date",
        "secrecy",
    )

    def decision_reading(self, request, obj) -> Reading:
        url = reverse("workprograms:report-pdf", args=[obj.pk])
        text = "\n\n".join(part for part in (obj.content, obj.proposal) if part)
        if documents.report_is_long(obj):
            return Reading(text=text, file_url=url, file_label=_("Tạo bản PDF"))
        return Reading(pdf_url=f"{url}?xem=1", file_url=url)


@admin.register(ReportDeadline)
class ReportDeadlineAdmin(admin.ModelAdmin):
    list_display = ("kind", "working_day", "remind_days_before")
