from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CipherConfig(AppConfig):
    name = "cipher"
    verbose_name = _("Cơ yếu – Công nghệ thông tin")

    def ready(self) -> None:
        from cipher.demo import seed
        from cipher.models import EntryRequest
        from cipher.panels import cipher_panel
        from cipher.services import room
        from core.dashboard import register_panel
        from core.demo import register_demo
        from units.approvals import register_effects

        register_effects(EntryRequest, on_approved=room.on_approved)
        register_panel(cipher_panel)
        register_demo("cipher", seed)
