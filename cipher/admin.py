from django.contrib import admin
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cipher import permissions as cipher_permissions
from cipher.models import (
    CipherMessage,
    CipherTerms,
    EntryRequest,
    NetworkInspection,
    RoomLogEntry,
    SupportTicket,
    TicketPriority,
)
from units.admin import ApprovalAdmin, GuardedWorkAdmin, Reading


@admin.register(EntryRequest)
class EntryRequestAdmin(ApprovalAdmin):
    """The chief's decision on a request to enter the cipher-machine room, beforehand."""

    list_select_related = ("lead_unit", "owner")
    search_fields = ("purpose",)
    decision_summary_fields = ("purpose_kind", "window_start", "window_end")

    def decision_reading(self, request, obj) -> Reading:
        requester = obj.requested_by.get_full_name() or obj.requested_by.get_username()
        text = _(
            "Người đề nghị: %(requester)s\nNội dung: %(purpose)s\nNgười vào phòng:\n%(people)s"
        ) % {
            "requester": requester,
            "purpose": obj.purpose,
            "people": obj.people,
        }
        return Reading(text=text)


class CipherBooksAdmin(admin.ModelAdmin):
    """Cipher–IT's books in the admin: read-only, and unknown (404) to anyone but its members
    and the chief, whatever group or role they hold."""

    def _books(self, request) -> bool:
        return cipher_permissions.may_see_cipher_books(request.user)

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows if self._books(request) else rows.none()

    def has_module_permission(self, request):
        return self._books(request)

    def has_view_permission(self, request, obj=None):
        return self._books(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self._books(request):
            raise Http404
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if not self._books(request):
            raise Http404
        return super().history_view(request, object_id, extra_context)


@admin.register(CipherMessage)
class CipherMessageAdmin(CipherBooksAdmin, SimpleHistoryAdmin):
    list_display = ("number", "year", "direction", "at", "counterpart", "urgency", "handler")
    list_filter = ("direction", "year")
    list_select_related = ("handler",)


@admin.register(RoomLogEntry)
class RoomLogEntryAdmin(CipherBooksAdmin):
    """The room's log: append-only (the database refuses changes too)."""

    list_display = ("request", "kind", "at", "recorded_by", "minutes_due_at")
    list_filter = ("kind",)
    list_select_related = ("request", "recorded_by")


@admin.register(SupportTicket)
class SupportTicketAdmin(GuardedWorkAdmin):
    list_display = ("subject", "requested_by", "owner", "status", "resolve_by")
    list_filter = ("status",)
    list_select_related = ("requested_by", "owner")
    search_fields = ("subject",)


@admin.register(NetworkInspection)
class NetworkInspectionAdmin(GuardedWorkAdmin):
    list_display = ("body_name", "inspected_on", "owner")
    list_select_related = ("owner",)
    search_fields = ("body_name",)


@admin.register(CipherTerms)
class CipherTermsAdmin(SimpleHistoryAdmin):
    list_display = (
        "minutes_within_hours",
        "maintenance_remind_days",
        "workday_starts",
        "workday_ends",
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CipherTerms.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TicketPriority)
class TicketPriorityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "respond_within_hours", "resolve_within_hours", "order")
