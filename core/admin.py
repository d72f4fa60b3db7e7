from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import Counter, DayOff, GeneratedFile, Notification, PartyTerm


class YearListFilter(admin.SimpleListFilter):
    """Filter by calendar year: the calendar is planned one year at a time."""

    title = _("năm")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request: HttpRequest, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


@admin.register(DayOff)
class DayOffAdmin(SimpleHistoryAdmin):
    list_display = ["date", "weekday", "name", "kind"]
    list_filter = [YearListFilter, "kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

    @admin.display(description=_("thứ"))
    def weekday(self, obj: DayOff) -> str:
        from django.utils.formats import date_format

        return date_format(obj.date, "l")


@admin.register(PartyTerm)
class PartyTermAdmin(SimpleHistoryAdmin):
    list_display = ("name", "starts_on", "ends_on")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services: the admin may look, never change."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["title", "recipient__username", "recipient__last_name"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(GeneratedFile)
class GeneratedFileAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner", "kind", "status", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "owner__username"]
    list_select_related = ["owner"]
    exclude = ["file"]  # downloads go through the owner-only view, never the media URL
    readonly_fields = ["error"]


@admin.register(Counter)
class CounterAdmin(ReadOnlyAdmin):
    """Read-only: a counter changed by hand would repeat or skip numbers."""

    list_display = ["sequence", "last_number"]
    search_fields = ["sequence"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
