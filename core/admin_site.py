"""The admin site every `admin.register` goes to (`django.contrib.admin` is installed through
`core.apps.OfficeAdminConfig`): each registered ModelAdmin, the project's and Django's own (users,
groups), has its forms guarded by `core.inputs`, like every form of the site."""

from django.contrib import admin

from core.forms import AdminLoginForm
from core.inputs import guarded_form


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
        if not issubclass(admin_class, InputGuardAdmin):
            attrs = {"__module__": admin_class.__module__}
            if getattr(admin_class, "change_password_form", None):
                attrs["change_password_form"] = guarded_form(admin_class.change_password_form)
            admin_class = type(admin_class.__name__, (InputGuardAdmin, admin_class), attrs)
        super().register(model_or_iterable, admin_class, **options)
