from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CipherConfig(AppConfig):
    name = "cipher"
    verbose_name = _("Cơ yếu – Công nghệ thông tin")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from cipher import admin_security, tasks_security, twofactor  # noqa: F401
        from cipher.signing import check_store_key

        user_logged_in.connect(twofactor.remember_session, dispatch_uid="cipher.remember_session")
        checks.register(check_store_key, checks.Tags.security)
