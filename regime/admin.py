"""Office leadership approve the units' regulations here (Điều 24), on the shared decision page
with the line difference from the version in force; complaints are read-only through the door;
the catalogues are the administrator's."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regime import selectors
from regime.models import Complaint, ComplaintTerm, DisclosureCategory, RegulationVersion
from units.admin import ApprovalAdmin, GuardedWorkAdmin, Reading


@admin.register(RegulationVersion)
class RegulationVersionAdmin(ApprovalAdmin):
    list_display = (*ApprovalAdmin.list_display, "number", "effective_from")
    list_select_related = ("lead_unit", "owner")
    search_fields = ("title",)
    decision_summary_fields = ("number", "effective_from", "previous", "change_note")
    decision_diff_template = "regime/_regulation_diff_admin.html"

    def decision_reading(self, request, obj) -> Reading:
        return Reading(text=obj.text)

    def decision_diff_context(self, request, obj) -> dict:
        return {
            "regulation_diff": selectors.version_diff(obj),
            "diff_old": obj.previous,
            "diff_new": obj,
        }


@admin.register(Complaint)
class ComplaintAdmin(GuardedWorkAdmin):
    list_display = ("subject", "lead_unit", "kind", "status", "deadline")
    list_select_related = ("lead_unit",)
    list_filter = ("kind", "status")
    search_fields = ("subject",)


@admin.register(DisclosureCategory)
class DisclosureCategoryAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "order", "is_active")


@admin.register(ComplaintTerm)
class ComplaintTermAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "working_days", "basis")
