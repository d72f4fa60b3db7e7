"""Advisory work in the admin: read-only through the door, with history; the report terms are a
catalogue the administrator edits."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from advisory.models import AdvisoryWork, ReportTerm
from units.admin import GuardedWorkAdmin


@admin.register(AdvisoryWork)
class AdvisoryWorkAdmin(GuardedWorkAdmin):
    list_display = ("title", "kind", "source", "owner", "status", "assigned_on")
    list_select_related = ("owner",)
    list_filter = ("kind", "source", "status")
    search_fields = ("title",)


@admin.register(ReportTerm)
class ReportTermAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "working_days", "basis")
