"""The admin site every `admin.register` goes to (`django.contrib.admin` is installed through
`core.apps.OfficeAdminConfig`): each registered ModelAdmin, the project's and Django's own (users,
groups), has its forms guarded by `core.inputs`, like every form of the site."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.audit import audited_delete, audited_save
from core.forms import AdminLoginForm
from core.inputs import guarded_form

#: Stored when a catalogue row is changed from the list's editable columns, which ask nothing.
LIST_EDIT_REASON = _("Sửa trong danh sách của trang quản trị")
#: Stored when a catalogue row is deleted in the admin (its confirmation page asks nothing).
DELETE_REASON = _("Xóa trong trang quản trị")


class CatalogueReasonAdmin:
    """A catalogue edited in the admin (units, document types, registers, days off, terms,
    deadlines…) keeps why in its history, like every service write: the change form asks for a
    reason ("Lý do thay đổi", required) and the save goes through `core.audit`. Applied by
    `OfficeAdminSite.register` to every model with `office_catalogue = True`; other admins mix
    it in themselves."""

    def get_form(self, request, obj=None, **kwargs):
        base = kwargs.get("form") or self.form
        kwargs["form"] = type(
            base.__name__,
            (base,),
            {
                "reason": forms.CharField(
                    label=_("Lý do thay đổi"),
                    max_length=300,
                    help_text=_("Được lưu vào lịch sử thay đổi của mục này."),
                )
            },
        )
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("reason") if "reason" in form.fields else ""
        audited_save(obj, actor=request.user, reason=reason or LIST_EDIT_REASON)

    def delete_model(self, request, obj):
        audited_delete(obj, actor=request.user, reason=DELETE_REASON)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class InputGuardAdmin:
    """Mixed in front of every registered ModelAdmin by `OfficeAdminSite.register`."""

    def get_form(self, request, obj=None, **kwargs):
        return guarded_form(super().get_form(request, obj, **kwargs))

    def get_changelist_form(self, request, **kwargs):
        return guarded_form(super().get_changelist_form(request, **kwargs))

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        for inline in instances:
            inline.form = guarded_form(inline.form)
        return instances


class OfficeAdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        models = (
            model_or_iterable
            if isinstance(model_or_iterable, list | tuple)
            else [model_or_iterable]
        )
        catalogue = any(getattr(model, "office_catalogue", False) for model in models)
        if catalogue and not issubclass(admin_class, CatalogueReasonAdmin):
            admin_class = type(
                admin_class.__name__,
                (CatalogueReasonAdmin, admin_class),
                {"__module__": admin_class.__module__},
            )
        if not issubclass(admin_class, InputGuardAdmin):
            attrs = {"__module__": admin_class.__module__}
            if getattr(admin_class, "change_password_form", None):
                attrs["change_password_form"] = guarded_form(admin_class.change_password_form)
            admin_class = type(admin_class.__name__, (InputGuardAdmin, admin_class), attrs)
        super().register(model_or_iterable, admin_class, **options)
