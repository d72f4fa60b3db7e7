from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Tổ chức và phân công")

    def ready(self) -> None:
        from django.core.checks import register

        from core.dashboard import register_panel
        from units.panels import my_work
        from units.permissions import check_role_sight, forget_permission_ids

        register(check_role_sight)

        post_migrate.connect(forget_permission_ids, dispatch_uid="units.forget_permission_ids")
        post_migrate.connect(_refresh_groups, dispatch_uid="units.refresh_groups")
        register_panel(my_work)


def _refresh_groups(sender, **kwargs) -> None:
    """After the last app with models has its permissions, so every app's models are covered
    (Django sends post_migrate only to apps that have models)."""
    from django.apps import apps

    from units.roles import ensure_groups

    if sender is [config for config in apps.get_app_configs() if config.models_module][-1]:
        ensure_groups()
