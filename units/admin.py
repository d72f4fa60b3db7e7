"""The admin: leadership decide submissions here (DOMAIN §5); Cipher–IT administrators keep
accounts, the organisation and catalogues (Điều 11.6). Objects of work pass through the same
permission door as the site: a leader sees what the rules let him see, nothing more."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from units import approvals, permissions
from units.choices import DecisionKind
from units.forms import DecisionForm
from units.models import (
    Consultation,
    Decision,
    Delegation,
    Escalation,
    SecretAccess,
    StaffMember,
    Task,
    Unit,
)
from units.roles import sync_role_groups


class GuardedWorkAdmin(SimpleHistoryAdmin):
    """Read-only view of a piece of work, filtered by the permission layer; history included."""

    def get_queryset(self, request):
        return permissions.visible(super().get_queryset(request), request.user)

    def get_search_results(self, request, queryset, search_term):
        """Search as the site does: "van ban" finds "Văn bản"."""
        term = search_term.strip()
        if not term:
            return queryset, False
        condition = Q()
        for field in self.get_search_fields(request):
            condition |= Q(**{f"{field}__ucontains": term})
        return queryset.filter(condition), False

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.is_secret:
            permissions.log_secret_access(obj, request.user, via="admin")
        return obj

    def _require_visible(self, request, object_id) -> None:
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields] + ["coordinating_units"]


class AwaitingMeFilter(admin.SimpleListFilter):
    title = _("quyết định")
    parameter_name = "cho"

    def lookups(self, request, model_admin):
        # Django's own "Tất cả" (no parameter) is the other choice.
        return [("toi", _("Chờ tôi quyết định"))]

    def queryset(self, request, queryset):
        if self.value() == "toi":
            return approvals.awaiting_decision(queryset, request.user)
        return queryset


class ApprovalAdmin(GuardedWorkAdmin):
    """Approve, return with a comment, or forward: from the list (approve) or the object's page."""

    change_form_template = "admin/units/approval_change_form.html"
    list_filter = (AwaitingMeFilter, "approval_status")
    actions = ["approve_selected"]

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<int:object_id>/quyet-dinh/",
                self.admin_site.admin_view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    def _choices(self, obj):
        choices = [
            (DecisionKind.APPROVE, DecisionKind.APPROVE.label),
            (DecisionKind.RETURN, DecisionKind.RETURN.label),
        ]
        if obj.approval_forward_allowed and obj.approval_step == "deputy_chief":
            choices.append((DecisionKind.FORWARD, DecisionKind.FORWARD.label))
        return choices

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["decisions"] = approvals.decisions_for(obj)
            if approvals.can_decide(request.user, obj):
                extra_context["decision_form"] = DecisionForm(choices=self._choices(obj))
                extra_context["decide_url"] = reverse(
                    f"admin:{obj._meta.app_label}_{obj._meta.model_name}_decide", args=[obj.pk]
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
            )
        form = DecisionForm(request.POST, choices=self._choices(obj))
        if form.is_valid():
            try:
                approvals.approval_decide(actor=request.user, obj=obj, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.message_user(
                    request, _("Đã ghi quyết định: %(item)s") % {"item": obj}, messages.SUCCESS
                )
                changelist = reverse(
                    f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist"
                )
                return HttpResponseRedirect(f"{changelist}?cho=toi")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "decision_form": form,
            "decisions": approvals.decisions_for(obj),
            "decide_url": request.path,
            "title": _("Quyết định: %(item)s") % {"item": obj},
        }
        return TemplateResponse(request, "admin/units/decide.html", context, status=400)

    @admin.action(description=_("Duyệt các mục đã chọn"))
    def approve_selected(self, request, queryset):
        done = 0
        for obj in approvals.awaiting_decision(queryset, request.user):
            if approvals.can_decide(request.user, obj):
                approvals.approval_decide(actor=request.user, obj=obj, kind=DecisionKind.APPROVE)
                done += 1
        self.message_user(request, _("Đã duyệt %(count)d mục.") % {"count": done}, messages.SUCCESS)


@admin.register(Escalation)
class EscalationAdmin(ApprovalAdmin):
    list_display = (
        "title",
        "lead_unit",
        "owner",
        "approval_status",
        "approval_step",
        "submitted_at",
    )
    list_select_related = ("lead_unit", "owner")
    search_fields = ("title",)


@admin.register(Task)
class TaskAdmin(GuardedWorkAdmin):
    list_display = ("title", "lead_unit", "owner", "status", "due_date")
    list_filter = ("status", "lead_unit")
    list_select_related = ("lead_unit", "owner")
    search_fields = ("title",)


@admin.register(Consultation)
class ConsultationAdmin(GuardedWorkAdmin):
    list_display = ("subject", "lead_unit", "asked_unit", "status", "deadline")
    list_filter = ("status",)
    list_select_related = ("lead_unit", "asked_unit")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_vi", "name_en", "deputy_chief", "order", "is_active")
    list_editable = ("order",)
    list_select_related = ("deputy_chief",)
    search_fields = ("code", "name_vi", "name_en")


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    list_display = ("user", "unit", "position", "is_records_clerk", "is_system_admin", "is_active")
    list_filter = ("unit", "position", "is_records_clerk", "is_active")
    list_select_related = ("user", "unit")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_role_groups(obj)


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "delegator", "delegate", "starts_on", "ends_on", "cancelled_at")
    list_select_related = ("unit", "delegator", "delegate")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """The record of leadership decisions, read-only. Only the superuser browses it whole:
    each leader reads decisions on the items themselves."""

    list_display = ("content_type", "object_id", "kind", "step", "actor", "at")
    list_select_related = ("content_type", "actor")

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SecretAccess)
class SecretAccessAdmin(DecisionAdmin):
    list_display = ("content_type", "object_id", "user", "via", "at")
    list_select_related = ("content_type", "user")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class OfficeUserAdmin(UserAdmin):
    list_select_related = ("staff", "staff__unit")
