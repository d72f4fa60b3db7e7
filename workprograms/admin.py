"""Leadership decide programs, change requests and reports here (DOMAIN §5), seeing the items
diff from the previous version before they approve."""

from django.contrib import admin

from units.admin import ApprovalAdmin
from workprograms import selectors
from workprograms.models import ChangeRequest, Report, ReportDeadline, WorkProgram


class ItemsDiffMixin:
    """Put the diff of program items on the change page (template below)."""

    change_form_template = "admin/workprograms/approval_change_form.html"

    def versions_to_compare(self, obj):
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            old, new = self.versions_to_compare(obj)
            extra_context["items_diff"] = selectors.compare_versions(old, new)
            extra_context["diff_old"] = old
            extra_context["diff_new"] = new
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(WorkProgram)
class WorkProgramAdmin(ItemsDiffMixin, ApprovalAdmin):
    list_display = (
        "title",
        "lead_unit",
        "period_kind",
        "year",
        "number",
        "version",
        "approval_status",
        "approval_step",
        "submitted_at",
    )
    list_select_related = ("lead_unit", "owner")
    list_filter = (*ApprovalAdmin.list_filter, "period_kind", "scope")
    search_fields = ("title",)

    def versions_to_compare(self, obj):
        return obj.previous_version, obj


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ItemsDiffMixin, ApprovalAdmin):
    list_display = ("__str__", "lead_unit", "owner", "is_urgent", "approval_status", "submitted_at")
    list_select_related = ("lead_unit", "owner", "program")

    def versions_to_compare(self, obj):
        return obj.program, obj.draft


@admin.register(Report)
class ReportAdmin(ApprovalAdmin):
    list_display = (
        "title",
        "lead_unit",
        "kind",
        "year",
        "number",
        "is_urgent",
        "due_date",
        "approval_status",
        "approval_step",
        "submitted_at",
    )
    list_select_related = ("lead_unit", "owner")
    list_filter = (*ApprovalAdmin.list_filter, "kind", "is_urgent")
    search_fields = ("title",)


@admin.register(ReportDeadline)
class ReportDeadlineAdmin(admin.ModelAdmin):
    list_display = ("kind", "working_day", "remind_days_before")
