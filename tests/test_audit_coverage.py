"""Every app that tracks a model with simple-history has an audit walker: the four first apps in
`tests/workprograms/test_workprograms_audit.py`, every other app in its own
`tests/<app>/test_<app>_audit.py` built with `tests.kit.audit.audit_tests`."""

import importlib

from tests.kit.audit import tracked_models
from tests.workprograms.test_workprograms_audit import AUDITED_APPS


def test_every_app_with_tracked_models_has_its_audit_walker():
    apps_tracking = {model._meta.app_label for model in tracked_models(_labels())}
    without = []
    for label in sorted(apps_tracking - set(AUDITED_APPS) - {"auth"}):
        name = f"tests.{label}.test_{label}_audit"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            without.append(name)
            continue
        if not hasattr(module, "test_every_tracked_model_says_which_services_write_it"):
            without.append(name)
    assert without == []


def _labels():
    from django.apps import apps

    return [config.label for config in apps.get_app_configs()]
