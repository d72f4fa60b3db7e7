"""Guarding and fire safety in the admin: the register and the roster (QT's books) with their
history, drills and inspections read-only through the door."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from facilities.models_fire import FireDrill, FireEquipment, FireInspection, GuardShift
from units.admin import GuardedWorkAdmin


@admin.register(FireEquipment)
class FireEquipmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "location", "quantity", "last_inspected_on", "next_due_on")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "location")


@admin.register(GuardShift)
class GuardShiftAdmin(SimpleHistoryAdmin):
    list_display = ("guard", "post", "starts_at", "ends_at")
    list_select_related = ("guard",)
    search_fields = ("post",)


@admin.register(FireDrill)
class FireDrillAdmin(GuardedWorkAdmin):
    list_display = ("held_at", "location", "owner")
    list_select_related = ("owner",)


@admin.register(FireInspection)
class FireInspectionAdmin(GuardedWorkAdmin):
    list_display = ("inspected_on", "inspector", "scope", "owner")
    list_select_related = ("owner",)
