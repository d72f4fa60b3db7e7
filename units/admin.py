"""The admin: leadership decide submissions here (DOMAIN §5); Cipher–IT administrators keep
accounts, the organisation and catalogues (Điều 11.6). Objects of work pass through the same
permission door as the site: a leader sees what the rules let him see, nothing more."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from units import approvals, permissions
from units.choices import ApprovalStatus, DecisionKind, Position
from units.forms import DecisionForm
from units.models import (
    Consultation,
    Decision,
    Delegation,
    Escalation,
    SecretAccess,
    SecretGrant,
    StaffMember,
    Task,
    Unit,
    UnitDesignation,
)
from units.roles import sync_role_groups


def _log_once(request, obj, *, via: str) -> None:
    """An admin page fetches its object more than once (a change page with a diff, a history
    page); opening a secret item is logged once per request."""
    if not getattr(obj, "is_secret", False):
        return
    logged = request.__dict__.setdefault("_secret_logged", set())
    key = (obj._meta.label_lower, obj.pk)
    if key not in logged:
        logged.add(key)
        permissions.log_secret_access(obj, request.user, via=via)


def _narrowed(field, user):
    if field is not None and getattr(field, "queryset", None) is not None:
        field.queryset = permissions.choosable(field.queryset, user)
    return field


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" shortcut, through the door: a piece of work the user may not
    see answers 404 like an unknown id, so the shortcut cannot be used to probe which ids
    exist."""
    from django.contrib.contenttypes.views import shortcut

    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    if model is not None and permissions.is_owned_work(model):
        if not str(object_id).isdigit():
            raise Http404
        queryset = permissions.visible(model._default_manager.filter(pk=object_id), request.user)
        if not queryset.exists():
            raise Http404
    return shortcut(request, content_type_id, object_id)


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
        if obj is not None:
            _log_once(request, obj, via="admin")
        return obj

    def changelist_view(self, request, extra_context=None):
        """The list and its search show only visible rows; the secret ones among them are
        logged once for the request."""
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            changelist.result_list = permissions.log_secret_rows(
                changelist.result_list,
                request.user,
                via="admin-search" if changelist.query else "admin-list",
            )
        return response

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _narrowed(field, request.user)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """History versions render the object's form: related work (consultations, unit
        reports) is listed only as far as the viewer may see it."""
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _narrowed(field, request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """An object the user may not see answers 404, as an unknown id does, whoever asks:
        before Django's model-permission check (403) and its "doesn't exist" redirect."""
        self._visible_or_404(request, unquote(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def _visible_or_404(self, request, object_id):
        try:
            obj = self.get_queryset(request).filter(pk=object_id).first()
        except (ValueError, ValidationError):
            obj = None
        if obj is None:
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        _log_once(request, self._visible_or_404(request, object_id), via="admin-history")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _log_once(request, self._visible_or_404(request, object_id), via="admin-history")
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
        return [("toi", _("Chờ tôi quyết định")), ("tat-ca", _("Tất cả"))]

    def queryset(self, request, queryset):
        if self.value() == "toi":
            return approvals.awaiting_decision(queryset, request.user)
        return queryset


def person_label(user) -> str:
    """A person as leaders know him: full name and position, never the login."""
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    if staff is not None:
        return str(staff)
    return user.get_full_name() or user.username


def _display_value(obj, field) -> str:
    """A field's value as a reader wants it: labels of choices, people by name and position,
    dates dd/mm/yyyy; never a storage path (files are offered by `decision_reading`)."""
    if field.many_to_many:
        return ", ".join(str(related) for related in getattr(obj, field.name).all())
    value = getattr(obj, field.name)
    if value is None or value == "":
        return ""
    if field.is_relation and field.related_model is get_user_model():
        return person_label(value)
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, date):
        return date_format(value, "d/m/Y")
    return str(value)


@dataclass(frozen=True)
class Reading:
    """What the leader reads before deciding: a text, a PDF shown in the page, or a file to
    open; every URL goes through the door (the site's own views)."""

    text: str = ""
    pdf_url: str = ""
    file_url: str = ""
    file_label: str = ""


def _submitter(content_type, field: str):
    """The latest submission's actor, read in the list's own query (no query per row)."""
    return Subquery(
        Decision.objects.filter(
            content_type=content_type,
            object_id=OuterRef("pk"),
            kind=DecisionKind.SUBMIT,
        )
        .order_by("-at", "-pk")
        .values(field)[:1]
    )


class ApprovalAdmin(GuardedWorkAdmin):
    """One decision page for every kind of submission: what it is, who submitted it, the text
    or file to read, the difference from the previous version, the previous decisions, and the
    decision buttons at the top. Each model's admin declares what differs:

    - `decision_summary_fields`: the fields under "what it is" (their Vietnamese verbose names);
    - `decision_reading(request, obj)`: a `Reading` (text, PDF to embed, file to open);
    - `decision_diff_template` and `decision_diff_context(request, obj)`: the difference from
      the previous version;
    - `approve_label`: the approve button ("Ký" where the leader signs).
    """

    change_form_template = "admin/units/approval_change_form.html"
    list_filter = (AwaitingMeFilter, "approval_status")
    list_display = (
        "decision_subject",
        "lead_unit",
        "decision_submitter",
        "submitted_at",
        "decision_step",
    )
    list_display_links = ("decision_subject",)
    show_facets = admin.ShowFacets.NEVER
    actions = ["approve_selected"]

    decision_summary_fields: tuple[str, ...] = ()
    decision_diff_template = ""
    approve_label = DecisionKind.APPROVE.label
    return_label = _("Trả lại với ý kiến")
    forward_label = _("Trình Chánh Văn phòng")

    class Media:
        css = {"all": ("css/admin-decision.css",)}

    def get_queryset(self, request):
        content_type = ContentType.objects.get_for_model(self.model)
        return (
            super()
            .get_queryset(request)
            .annotate(
                submitter_first_name=_submitter(content_type, "actor__first_name"),
                submitter_last_name=_submitter(content_type, "actor__last_name"),
                submitter_position=_submitter(content_type, "actor__staff__position"),
            )
        )

    @admin.display(description=_("Nội dung trình"), ordering="pk")
    def decision_subject(self, obj):
        return str(obj)

    @admin.display(description=_("Người trình"))
    def decision_submitter(self, obj):
        name = " ".join(
            part for part in (obj.submitter_first_name, obj.submitter_last_name) if part
        )
        if not name:
            return ""
        if obj.submitter_position:
            return f"{name} ({Position(obj.submitter_position).label})"
        return name

    @admin.display(description=_("Bước"), ordering="approval_step")
    def decision_step(self, obj):
        if obj.approval_status == ApprovalStatus.SUBMITTED:
            return obj.get_approval_step_display()
        return obj.get_approval_status_display()

    def decision_reading(self, request, obj) -> Reading:
        return Reading()

    def decision_diff_context(self, request, obj) -> dict:
        return {}

    def _summary(self, obj) -> list[tuple[str, str]]:
        submission = (
            approvals.decisions_for(obj)
            .filter(kind=DecisionKind.SUBMIT)
            .select_related("actor__staff")
            .last()
        )
        rows = [
            (_("Người trình"), person_label(submission.actor) if submission else ""),
            (_("Trình lúc"), _display_value(obj, obj._meta.get_field("submitted_at"))),
            (_("Bước chờ quyết định"), self.decision_step(obj)),
        ]
        for name in ("lead_unit", "owner", *self.decision_summary_fields):
            field = obj._meta.get_field(name)
            rows.append((capfirst(field.verbose_name), _display_value(obj, field)))
        return rows

    def _buttons(self, obj) -> list[tuple[str, str, str]]:
        buttons = [
            (DecisionKind.APPROVE, self.approve_label, "default"),
            (DecisionKind.RETURN, self.return_label, "decision-return"),
        ]
        if approvals.can_forward(obj):
            buttons.append((DecisionKind.FORWARD, self.forward_label, ""))
        return buttons

    def _choices(self, obj):
        return [(kind, label) for kind, label, _css in self._buttons(obj)]

    def _decision_form(self, obj, data=None, *, user):
        return DecisionForm(
            data, choices=self._choices(obj), collective=approvals.needs_record(obj), user=user
        )

    def _decision_context(self, request, obj, form=None) -> dict:
        context = {
            "decisions": approvals.decisions_for(obj).select_related("actor__staff"),
            "decision_summary": self._summary(obj),
            "decision_reading": self.decision_reading(request, obj),
            "decision_diff_template": self.decision_diff_template,
            **self.decision_diff_context(request, obj),
        }
        if form is None and approvals.can_decide(request.user, obj):
            form = self._decision_form(obj, user=request.user)
        if form is not None:
            context["decision_form"] = form
            context["decision_buttons"] = self._buttons(obj)
            context["decide_url"] = reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_decide", args=[obj.pk]
            )
        return context

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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if obj is not None:
            extra_context.update(self._decision_context(request, obj))
            extra_context["title"] = f"{capfirst(obj._meta.verbose_name)}: {obj}"
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
            )
        form = self._decision_form(obj, request.POST, user=request.user)
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
            **self._decision_context(request, obj, form),
            "opts": self.model._meta,
            "original": obj,
            "media": self.media,
            "title": f"{capfirst(obj._meta.verbose_name)}: {obj}",
        }
        return TemplateResponse(request, "admin/units/decide.html", context, status=400)

    def get_actions(self, request):
        """The list's approve action carries the model's label ("Ký" for outgoing drafts)."""
        actions = super().get_actions(request)
        if "approve_selected" in actions:
            func, name, _description = actions["approve_selected"]
            description = _("%(decision)s các mục đã chọn") % {"decision": self.approve_label}
            actions["approve_selected"] = (func, name, description)
        return actions

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
    list_select_related = ("lead_unit", "owner")
    search_fields = ("title",)
    decision_summary_fields = ("secrecy",)

    def decision_reading(self, request, obj) -> Reading:
        if not obj.attachment:
            return Reading(text=obj.dossier)
        url = reverse("units:escalation-attachment", args=[obj.pk])
        if obj.attachment.name.lower().endswith(".pdf"):
            return Reading(text=obj.dossier, pdf_url=f"{url}?xem=1", file_url=url)
        return Reading(text=obj.dossier, file_url=url, file_label=_("Tài liệu kèm theo"))


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


@admin.register(UnitDesignation)
class UnitDesignationAdmin(SimpleHistoryAdmin):
    """Which unit keeps the records, the archives, the finance, the cipher room: the system
    administrator changes it when the standing committee reorganises the office."""

    list_display = ("key", "unit")
    list_select_related = ("unit",)

    def has_delete_permission(self, request, obj=None):
        return False


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
    list_display = ("content_type", "object_id", "object_ids", "user", "via", "at")
    list_select_related = ("content_type", "user")


@admin.register(SecretGrant)
class SecretGrantAdmin(DecisionAdmin):
    list_display = ("content_type", "object_id", "user", "granted_by", "reason", "at")
    list_select_related = ("content_type", "user", "granted_by")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class OfficeUserAdmin(UserAdmin):
    list_select_related = ("staff", "staff__unit")
