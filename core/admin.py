from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import Counter, DayOff, GeneratedFile, Notification, PartyTerm

# django-axes registers its own English admin pages; the office's replace them (below).
for _model in (AccessAttempt, AccessFailureLog, AccessLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


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


# Sign-in lockouts (django-axes): Cipher–IT's administrators unlock accounts -----------------


def _at(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


class _AxesListAdmin(admin.ModelAdmin):
    """Axes' rows in Vietnamese, read only (its own admin speaks English only)."""

    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("tài khoản"), ordering="username")
    def account(self, obj) -> str:
        return obj.username or ""

    @admin.display(description=_("địa chỉ IP"), ordering="ip_address")
    def address(self, obj) -> str:
        return obj.ip_address or ""

    @admin.display(description=_("lúc"), ordering="attempt_time")
    def at(self, obj) -> str:
        return _at(obj.attempt_time)

    @admin.display(description=_("trình duyệt"))
    def browser(self, obj) -> str:
        return obj.user_agent


@admin.register(AccessAttempt)
class AccessAttemptAdmin(_AxesListAdmin):
    """Failed sign-ins counted in the current window: deleting an address's row unlocks it (the
    action "Mở khóa"), recorded in the admin's log with who did it."""

    list_display = ["at", "account", "address", "failures", "state"]
    fields = readonly_fields = ["at", "account", "address", "failures", "state", "browser"]
    actions = ["unlock"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("axes.delete_accessattempt")

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("số lần sai"), ordering="failures_since_start")
    def failures(self, obj: AccessAttempt) -> int:
        return obj.failures_since_start

    @admin.display(description=_("trạng thái"))
    def state(self, obj: AccessAttempt) -> str:
        if obj.failures_since_start >= settings.AXES_FAILURE_LIMIT:
            return gettext("Đang bị khóa")
        return gettext("Còn %(n)s lần thử") % {
            "n": settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        }

    @admin.action(description=_("Mở khóa đăng nhập"), permissions=["delete"])
    def unlock(self, request: HttpRequest, queryset) -> None:
        count = queryset.count()
        self.log_deletions(request, queryset)
        queryset.delete()
        self.message_user(
            request,
            gettext("Đã mở khóa %(n)s lượt đăng nhập bị chặn.") % {"n": count},
            messages.SUCCESS,
        )


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(_AxesListAdmin):
    list_display = ["at", "account", "address", "locked"]
    list_filter = ["locked_out"]
    fields = readonly_fields = ["at", "account", "address", "locked", "browser"]

    @admin.display(description=_("bị khóa"), boolean=True, ordering="locked_out")
    def locked(self, obj: AccessFailureLog) -> bool:
        return obj.locked_out


@admin.register(AccessLog)
class AccessLogAdmin(_AxesListAdmin):
    list_display = ["at", "account", "address", "left_at"]
    fields = readonly_fields = ["at", "account", "address", "left_at", "browser"]

    @admin.display(description=_("đăng xuất lúc"), ordering="logout_time")
    def left_at(self, obj: AccessLog) -> str:
        return _at(obj.logout_time)
