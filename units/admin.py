"""The admin: leadership decide submissions here (DOMAIN §5); Cipher–IT administrators keep
accounts, the organisation and catalogues (Điều 11.6). Objects of work pass through the same
permission door as the site: a leader sees what the rules let him see, nothing more."""

from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_site import CatalogueReasonAdmin
from core.audit import audited_save
from units import approvals, permissions, selectors, services
from units.choices import (
    LEADERSHIP_POSITIONS,
    SECRET_RIGHT_CODES,
    ApprovalStatus,
    DecisionKind,
    Position,
    PrivilegedChangeKind,
    RoleCode,
)
from units.deactivation import deactivation_refusals
from units.forms import DecisionForm
from units.models import (
    Consultation,
    Decision,
    Delegation,
    Escalation,
    PrivilegedChange,
    RightsPolicy,
    Role,
    RoleAssignment,
    RoleRecertification,
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
        # Django's own "Tất cả" (no parameter) is the other choice.
        return [("toi", _("Chờ tôi quyết định"))]

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
class UnitAdmin(CatalogueReasonAdmin, SimpleHistoryAdmin):
    list_display = ("code", "name_vi", "name_en", "deputy_chief", "order", "is_active")
    list_editable = ("order",)
    list_select_related = ("deputy_chief",)
    search_fields = ("code", "name_vi", "name_en")


@admin.register(UnitDesignation)
class UnitDesignationAdmin(CatalogueReasonAdmin, SimpleHistoryAdmin):
    """Which unit keeps the records, the archives, the finance, the cipher room: the system
    administrator changes it when the standing committee reorganises the office."""

    list_display = ("key", "unit")
    list_select_related = ("unit",)

    def has_delete_permission(self, request, obj=None):
        return False


class StaffMemberForm(forms.ModelForm):
    """Deactivating someone who still holds work to hand over is refused by the registered
    guards (`units.deactivation`); leadership may override with a reason."""

    reason = forms.CharField(
        label=_("Lý do"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Lãnh đạo ghi lý do khi cho thôi công tác người còn giữ hồ sơ, công việc."),
    )
    actor = None

    class Meta:
        model = StaffMember
        fields = ("user", "unit", "position", "title", "is_active")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "is_active" in self.changed_data and not cleaned.get("is_active"):
            try:
                services.staff_deactivation_check(
                    actor=self.actor,
                    user=self.instance.user,
                    override_reason=cleaned.get("reason", ""),
                )
            except ValidationError as error:
                self.add_error("is_active", error)
        return cleaned


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    form = StaffMemberForm
    list_display = ("user", "unit", "position", "is_active")
    list_filter = ("unit", "position", "is_active")
    list_select_related = ("user", "unit")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)

    def has_change_permission(self, request, obj=None):
        """Nobody changes his own place in the office (position, unit): that is a grant."""
        if obj is not None and obj.user_id == request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """While the guards refuse the deactivation, the page points to office leadership's
        page that names what is held and overrides with a reason."""
        extra_context = dict(extra_context or {})
        staff = self.get_object(request, unquote(object_id))
        if staff is not None and staff.is_active and deactivation_refusals(staff.user):
            extra_context["deactivation_url"] = reverse("units:staff-deactivate", args=[staff.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        reason = (form.cleaned_data.get("reason") or "").strip()
        audited_save(
            obj,
            actor=request.user,
            reason=reason or (_("Sửa thông tin cán bộ") if change else _("Thêm cán bộ")),
        )
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
    """The secret-document access log (Điều 17), read only: the superuser and whoever holds
    its view right (Cipher–IT's administrators, `units.roles.SYSTEM_ADMIN_RIGHTS`)."""

    list_display = ("accessed_at", "reader", "kind", "items", "channel")
    list_select_related = ("content_type", "user", "user__staff")
    list_filter = ("via", "content_type")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    date_hierarchy = "at"
    fields = readonly_fields = ("accessed_at", "reader", "kind", "items", "channel")
    show_facets = admin.ShowFacets.NEVER

    def has_module_permission(self, request):
        return request.user.is_superuser or request.user.has_perm("units.view_secretaccess")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    @admin.display(description=_("lúc"), ordering="at")
    def accessed_at(self, obj):
        return timezone.localtime(obj.at).strftime("%d/%m/%Y %H:%M")

    @admin.display(description=_("người xem"), ordering="user__last_name")
    def reader(self, obj):
        return person_label(obj.user)

    @admin.display(description=_("loại tài liệu"))
    def kind(self, obj):
        model = obj.content_type.model_class()
        return capfirst(model._meta.verbose_name) if model else obj.content_type.model

    @admin.display(description=_("mục mật (mã)"))
    def items(self, obj):
        ids = [obj.object_id] if obj.object_id else obj.object_ids
        return ", ".join(str(pk) for pk in ids)

    @admin.display(description=_("qua"), ordering="via")
    def channel(self, obj):
        return obj.via


@admin.register(SecretGrant)
class SecretGrantAdmin(DecisionAdmin):
    list_display = ("content_type", "object_id", "user", "granted_by", "reason", "at")
    list_select_related = ("content_type", "user", "granted_by")


User = get_user_model()
admin.site.unregister(User)

#: Fields of an account that are rights: changed only through an approved `PrivilegedChange`.
PRIVILEGED_FIELDS = {
    "is_superuser": PrivilegedChangeKind.SUPERUSER,
    "is_staff": PrivilegedChangeKind.STAFF,
    "groups": PrivilegedChangeKind.GROUPS,
}


def _reason_field(required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=_("Lý do"),
        required=required,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Bắt buộc khi đổi quyền hoặc mật khẩu của lãnh đạo, quản trị viên: thay đổi chỉ "
            "áp dụng khi người thứ hai duyệt."
        ),
    )


class OfficeUserChangeForm(UserChangeForm):
    """A change of rights (superuser, admin access, groups) is refused for oneself and needs a
    reason; it is then asked for, not applied (`OfficeUserAdmin.save_related`)."""

    reason = _reason_field()
    actor = None

    def privileged_changes(self) -> dict[str, dict]:
        changes = {}
        for name, kind in PRIVILEGED_FIELDS.items():
            if name not in self.changed_data:
                continue
            value = self.cleaned_data.get(name)
            if name == "groups":
                changes[kind] = {"group_ids": sorted(group.pk for group in value or [])}
            else:
                changes[kind] = {"value": bool(value)}
        return changes

    def clean(self):
        cleaned = super().clean()
        if "is_active" in self.changed_data and not cleaned.get("is_active"):
            try:
                services.staff_deactivation_check(
                    actor=self.actor,
                    user=self.instance,
                    override_reason=cleaned.get("reason", ""),
                )
            except ValidationError as error:
                self.add_error("is_active", error)
        for kind, payload in self.privileged_changes().items():
            try:
                services.privileged_change_check(
                    actor=self.actor,
                    target=self.instance,
                    kind=kind,
                    payload=payload,
                    reason=cleaned.get("reason", ""),
                )
            except ValidationError as error:
                self.add_error(None, error)
                break
        return cleaned


class OfficePasswordForm(AdminPasswordChangeForm):
    reason = _reason_field()


class AccountCreationForm(forms.ModelForm):
    """One page creates the account and the person's place in the office: login, full name,
    password, unit, position and the roles it starts with (`services.staff_create`). Leadership
    accounts and the system administrator's role carry rights over others: only a superuser
    creates them here; anyone else asks for them through "Đề nghị thay đổi quyền"."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    password1 = forms.CharField(
        label=_("Mật khẩu"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        help_text=_("Để trống cho Chánh Văn phòng, Phó Chánh Văn phòng."),
    )
    position = forms.ChoiceField(label=_("Chức vụ"), choices=Position.choices)
    title = forms.CharField(label=_("Chức danh"), max_length=120, required=False)
    roles = forms.ModelMultipleChoiceField(
        label=_("Vai trò"),
        queryset=Role.objects.exclude(code__in=SECRET_RIGHT_CODES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Có hiệu lực từ hôm nay; vai trò cấp sau phải qua đề nghị thay đổi quyền."),
    )
    actor = None

    class Meta:
        model = User
        fields = ("username", "email")
        labels = {"username": _("Tên đăng nhập"), "email": _("Thư điện tử")}
        help_texts = {"username": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.actor and self.actor.is_superuser):
            self.fields["position"].choices = [
                choice for choice in Position.choices if choice[0] not in LEADERSHIP_POSITIONS
            ]
            self.fields["roles"].queryset = Role.objects.exclude(code=RoleCode.SYSTEM_ADMIN)

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise ValidationError(_("Hai mật khẩu không khớp."))
        if second:
            password_validation.validate_password(second, User(username=self.data.get("username")))
        return second

    def clean(self):
        cleaned = super().clean()
        if "position" in cleaned:
            staff = StaffMember(
                unit=cleaned.get("unit"),
                position=cleaned["position"],
                title=cleaned.get("title", ""),
            )
            try:
                staff.full_clean(exclude=["user"])
            except ValidationError as error:
                if "__all__" in error.message_dict:
                    raise ValidationError(
                        _(
                            "Lãnh đạo Văn phòng không thuộc đơn vị nào; "
                            "cán bộ khác phải thuộc một đơn vị (và mỗi đơn vị một Trưởng phòng)."
                        )
                    ) from error
                for field, errors in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
        return cleaned

    def create(self) -> StaffMember:
        data = self.cleaned_data
        return services.staff_create(
            actor=self.actor,
            username=data["username"],
            full_name=data["full_name"].strip(),
            position=data["position"],
            unit=data.get("unit"),
            password=data["password1"],
            email=data.get("email", ""),
            title=data.get("title", ""),
            roles=[role.code for role in data.get("roles") or ()],
        )


@admin.register(User)
class OfficeUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Cipher–IT's account administrators create accounts, deactivate them and reset ordinary
    staff's passwords. A leader's or an administrator's password, superuser, admin access and
    groups change only when a second person approves (issue 16); the account keeps history."""

    form = OfficeUserChangeForm
    add_form = AccountCreationForm
    add_form_template = "admin/change_form.html"
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "email", "password1", "password2")}),
        (_("Vị trí công tác"), {"fields": ("unit", "position", "title", "roles")}),
    )
    change_password_form = OfficePasswordForm
    list_select_related = ("staff", "staff__unit")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("first_name", "last_name", "email")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "reason")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_form(self, request, form, change):
        """A new account is made whole by the service (account, staff member, roles)."""
        if not change:
            return form.create().user
        return super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        if not change:
            return  # saved by `save_form` through the service
        stored = User.objects.get(pk=obj.pk)
        obj.is_superuser = stored.is_superuser
        obj.is_staff = stored.is_staff
        audited_save(
            obj,
            actor=request.user,
            reason=(form.cleaned_data.get("reason") or "").strip() or _("Sửa tài khoản"),
        )

    def save_related(self, request, form, formsets, change):
        if not change:
            return
        privileged = form.privileged_changes()
        if PrivilegedChangeKind.GROUPS in privileged:
            form.cleaned_data["groups"] = form.instance.groups.all()
        super().save_related(request, form, formsets, change)
        for kind, payload in privileged.items():
            services.privileged_change_request(
                actor=request.user,
                target=form.instance,
                kind=kind,
                payload=payload,
                reason=form.cleaned_data["reason"],
            )
        if privileged:
            self.message_user(
                request,
                _("Thay đổi quyền đã được gửi đề nghị, chờ người thứ hai duyệt."),
                messages.WARNING,
            )

    def user_change_password(self, request, id, form_url=""):
        """The password is set through the service: applied for ordinary staff, asked for
        (pending a second person) for a leader, an administrator or oneself."""
        target = self.get_object(request, unquote(id))
        if request.method == "POST" and target is not None:
            if not self.has_change_permission(request, target):
                raise PermissionDenied
            form = self.change_password_form(target, request.POST)
            if form.is_valid():
                password = (
                    form.cleaned_data["password1"]
                    if form.cleaned_data.get("set_usable_password", True)
                    else None
                )
                try:
                    pending = services.account_password_set(
                        actor=request.user,
                        user=target,
                        password=password,
                        reason=form.cleaned_data.get("reason", ""),
                    )
                except ValidationError as error:
                    for message in error.messages:
                        self.message_user(request, message, messages.ERROR)
                    return HttpResponseRedirect(request.get_full_path())
                if pending is None:
                    self.message_user(request, _("Đã đặt lại mật khẩu."), messages.SUCCESS)
                else:
                    self.message_user(
                        request,
                        _("Đã gửi đề nghị đặt lại mật khẩu, chờ người thứ hai duyệt."),
                        messages.WARNING,
                    )
                return HttpResponseRedirect(reverse("admin:auth_user_change", args=[target.pk]))
        return super().user_change_password(request, id, form_url)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    """The roles are data seeded by migration; who holds them is `RoleAssignment`."""

    list_display = ("code", "name")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    """Read-only: a role is given through an approved `PrivilegedChange`."""

    list_display = ("user", "role", "scope", "starts_on", "ends_on", "granted_by", "reason")
    list_filter = ("role",)
    list_select_related = ("user", "role", "granted_by")
    search_fields = ("user__username", "user__first_name", "user__last_name")

    def has_module_permission(self, request):
        return permissions.may_see_privileged_changes(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.may_see_privileged_changes(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PrivilegedChangeForm(forms.ModelForm):
    """Ask for a role or a right for an account; a second person approves it."""

    role = forms.ModelChoiceField(
        label=_("Vai trò"),
        queryset=Role.objects.exclude(code__in=SECRET_RIGHT_CODES),
        required=False,
    )
    starts_on = forms.DateField(label=_("Từ ngày"), required=False)
    ends_on = forms.DateField(label=_("Đến ngày"), required=False)
    value = forms.BooleanField(label=_("Bật quyền"), required=False)
    actor = None

    class Meta:
        model = PrivilegedChange
        fields = ["target", "kind", "role", "scope", "starts_on", "ends_on", "value", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" not in self.fields:
            return  # an existing request's page: every field is read-only
        self.fields["kind"].choices = [
            choice
            for choice in PrivilegedChangeKind.choices
            if choice[0] in (PrivilegedChangeKind.ROLE, *PRIVILEGED_FIELDS.values())
            and choice[0] != PrivilegedChangeKind.GROUPS
        ]

    def payload(self) -> dict:
        data = self.cleaned_data
        if data.get("kind") == PrivilegedChangeKind.ROLE:
            return {
                "role": data["role"].code if data.get("role") else "",
                "starts_on": data["starts_on"].isoformat() if data.get("starts_on") else "",
                "ends_on": data["ends_on"].isoformat() if data.get("ends_on") else None,
            }
        return {"value": bool(data.get("value"))}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            services.privileged_change_check(
                actor=self.actor,
                target=cleaned["target"],
                kind=cleaned["kind"],
                payload=self.payload(),
                reason=cleaned.get("reason", ""),
                scope=cleaned.get("scope", ""),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(PrivilegedChange)
class PrivilegedChangeAdmin(SimpleHistoryAdmin):
    """Requests for rights: asked by an account administrator, decided (approve and apply, or
    reject) by a second person from the list's actions."""

    form = PrivilegedChangeForm
    list_display = ("kind", "target", "summary", "requested_by", "requested_at", "status")
    list_filter = ("status", "kind")
    list_select_related = ("target", "requested_by", "decided_by")
    actions = ["approve_selected", "reject_selected"]

    def get_queryset(self, request):
        return selectors.privileged_changes_for(request.user)

    def has_module_permission(self, request):
        return permissions.may_see_privileged_changes(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.may_see_privileged_changes(request.user)

    def has_add_permission(self, request):
        return permissions.may_administer_accounts(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (
            "kind",
            "target",
            "summary",
            "scope",
            "reason",
            "requested_by",
            "requested_at",
            "status",
            "head_approved_by",
            "head_approved_at",
            "decided_by",
            "decided_at",
            "decision_comment",
        )

    def get_fields(self, request, obj=None):
        if obj is None:
            return super().get_fields(request, obj)
        return self.get_readonly_fields(request, obj)

    @admin.display(description=_("Nội dung"))
    def summary(self, obj) -> str:
        payload = obj.payload
        if obj.kind == PrivilegedChangeKind.ROLE:
            return _("%(role)s từ %(start)s đến %(end)s") % {
                "role": payload.get("role", ""),
                "start": payload.get("starts_on", ""),
                "end": payload.get("ends_on") or "…",
            }
        if "value" in payload:
            return _("Bật") if payload["value"] else _("Tắt")
        if "group_ids" in payload:
            return ", ".join(
                Group.objects.filter(pk__in=payload["group_ids"]).values_list("name", flat=True)
            )
        return ""

    def save_model(self, request, obj, form, change):
        created = services.privileged_change_request(
            actor=request.user,
            target=form.cleaned_data["target"],
            kind=form.cleaned_data["kind"],
            payload=form.payload(),
            reason=form.cleaned_data["reason"],
            scope=form.cleaned_data.get("scope", ""),
        )
        obj.pk = created.pk
        obj.requested_by = created.requested_by
        obj.requested_at = created.requested_at

    def save_related(self, request, form, formsets, change):
        return None

    def _decide(self, request, queryset, decide, done_message) -> None:
        done = passed_on = 0
        for change in queryset:
            try:
                decided = decide(actor=request.user, change=change)
            except (PermissionDenied, ValidationError) as error:
                message = error.messages if isinstance(error, ValidationError) else [str(error)]
                self.message_user(request, " ".join(message), messages.ERROR)
            else:
                if decided.is_pending:
                    passed_on += 1
                else:
                    done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        if passed_on:
            self.message_user(
                request,
                _("Trưởng đơn vị đã duyệt %(count)d đề nghị; chờ Trưởng phòng Cơ yếu – CNTT duyệt.")
                % {"count": passed_on},
                messages.SUCCESS,
            )

    @admin.action(description=_("Duyệt và áp dụng các đề nghị đã chọn"))
    def approve_selected(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.privileged_change_approve,
            _("Đã duyệt và áp dụng %(count)d đề nghị."),
        )

    @admin.action(description=_("Từ chối các đề nghị đã chọn"))
    def reject_selected(self, request, queryset):
        self._decide(
            request, queryset, services.privileged_change_reject, _("Đã từ chối %(count)d đề nghị.")
        )


@admin.register(RightsPolicy)
class RightsPolicyAdmin(SimpleHistoryAdmin):
    """The rules of rights requests and recertification: data, edited by the system
    administrators (catalogue rights), one row."""

    list_display = (
        "reason_min_length",
        "max_period_days",
        "recertify_every_months",
        "recertify_within_days",
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not RightsPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoleRecertification)
class RoleRecertificationAdmin(SimpleHistoryAdmin):
    """Read-only: each unit head recertifies on the site (`cipher`'s rights pages)."""

    list_display = ("assignment", "period_start", "decision", "decided_by", "decided_at")
    list_filter = ("decision",)
    list_select_related = ("assignment__user", "assignment__role", "decided_by")

    def has_module_permission(self, request):
        return permissions.may_see_privileged_changes(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.may_see_privileged_changes(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
