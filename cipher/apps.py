from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CipherConfig(AppConfig):
    name = "cipher"
    verbose_name = _("Cơ yếu – Công nghệ thông tin")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from cipher import admin_security, reports, tasks_security, twofactor  # noqa: F401
        from cipher.demo import seed
        from cipher.models import EntryRequest
        from cipher.panels import cipher_panel
        from cipher.services import room
        from cipher.signing import check_store_key
        from core.dashboard import register_panel
        from core.demo import register_demo
        from core.report_sources import register_report_source
        from units.approvals import register_effects
        from units.choices import Designation

        register_effects(EntryRequest, on_approved=room.on_approved)
        register_report_source(
            reports.SOURCE_KEY,
            label=_("Báo cáo gửi Cục Cơ yếu Đảng - Chính quyền"),
            designation=Designation.CIPHER,
            kinds=("half_year", "yearly"),
            recipient=reports.RECIPIENT,
            figures=reports.department_figures,
        )
        register_panel(cipher_panel)
        register_demo("cipher", seed)
        user_logged_in.connect(twofactor.remember_session, dispatch_uid="cipher.remember_session")
        checks.register(check_store_key, checks.Tags.security)
