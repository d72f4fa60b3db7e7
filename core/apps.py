from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Nền tảng chung")

    def ready(self) -> None:
        from core import checks  # noqa: F401 - registers the system checks
        from core.inputs import bound_model_dates
        from core.text import connect_sqlite_function

        connect_sqlite_function()

        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from core import lockout

        user_logged_in.connect(lockout.on_logged_in, dispatch_uid="core.lockout.logged_in")
        user_locked_out.connect(lockout.on_locked_out, dispatch_uid="core.lockout.locked_out")
        bound_model_dates()

        # django-axes names its app in English in the admin; the lists are Cipher–IT's.
        from django.apps import apps

        apps.get_app_config("axes").verbose_name = _("Khóa đăng nhập")


class OfficeAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the project's site: every registered admin gets bounded input."""

    default = False
    default_site = "core.admin_site.OfficeAdminSite"
