from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Tổ chức và phân công")

    def ready(self) -> None:
        from django.core.checks import register

        from core.dashboard import register_panel
        from core.forms import register_choice_restrictor
        from units.designations import forget_designations
        from units.forms import restrict_choices
        from units.models import Unit, UnitDesignation
        from units.panels import my_work
        from units.permissions import check_role_sight, forget_permission_ids

        register(check_role_sight)

        post_migrate.connect(forget_permission_ids, dispatch_uid="units.forget_permission_ids")
        post_migrate.connect(_refresh_groups, dispatch_uid="units.refresh_groups")
        register_panel(my_work)
        for model in (Unit, UnitDesignation):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_designations,
                    sender=model,
                    dispatch_uid=f"units.forget_designations.{model.__name__}.{id(signal)}",
                )
        post_migrate.connect(forget_designations, dispatch_uid="units.forget_designations")
        register_choice_restrictor(restrict_choices)
        _register_record_sources()


def _register_record_sources() -> None:
    """A unit's tasks may be gathered into record files (core.records)."""
    from core.records import register_record_source
    from units.models import Task

    register_record_source(
        "units.task",
        Task,
        label=_("Công việc"),
        title=lambda task: task.title,
        date=lambda task: task.assigned_on,
        retention_kind="task",
        search_fields=("title",),
    )


def _refresh_groups(sender, **kwargs) -> None:
    """After the last app with models has its permissions, so every app's models are covered
    (Django sends post_migrate only to apps that have models)."""
    from django.apps import apps

    from units.roles import ensure_groups

    if sender is [config for config in apps.get_app_configs() if config.models_module][-1]:
        ensure_groups()
