"""The audit walker as a kit, for every app: an app's `tests/<app>/test_<app>_audit.py` says which
scenario (a function driving the real services) writes each model the app tracks with
simple-history, and which are catalogues written only by migrations and the admin. The walker
then checks that each scenario leaves history rows that name their user and their reason, under
an English-browsing actor too. `tests/test_audit_coverage.py` fails for an app with tracked
models and no such module.

Usage::

    from tests.kit.audit import audit_tests

    SERVICES = {"archive.RecordFile": [record_file_flow]}
    CATALOGUES = {"archive.RetentionRule"}
    test_listed, test_history = audit_tests("archive", SERVICES, CATALOGUES, fixtures=("office",))

A scenario receives the fixtures named in `fixtures`, as keyword arguments.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

import pytest
from django.apps import apps
from django.utils import translation


def tracked_models(app_labels: Iterable[str]) -> list:
    labels = set(app_labels)
    return sorted(
        (
            model
            for model in apps.get_models()
            if hasattr(model._meta, "simple_history_manager_attribute")
            and model._meta.app_label in labels
        ),
        key=lambda model: model._meta.label,
    )


def incomplete_history(run: Callable[[], object]) -> tuple[set, list]:
    """Run `run` under English and return (history models written, rows without user or
    reason)."""
    history_models = [model.history.model for model in tracked_models(_all_app_labels())]
    before = {row: set(row.objects.values_list("pk", flat=True)) for row in history_models}
    with translation.override("en"):
        run()
    written = {row: row.objects.exclude(pk__in=before[row]) for row in history_models}
    missing = [
        (row._meta.label, entry.history_type, entry.history_user_id, entry.history_change_reason)
        for row, entries in written.items()
        for entry in entries
        if entry.history_user_id is None or not (entry.history_change_reason or "").strip()
    ]
    return {row for row, entries in written.items() if entries.exists()}, missing


def _all_app_labels() -> list[str]:
    return [config.label for config in apps.get_app_configs()] + ["auth"]


def audit_tests(
    app_label: str,
    services: dict[str, list[Callable]],
    catalogues: set[str],
    fixtures: tuple[str, ...] = (),
    elsewhere: tuple[str, ...] = (),
):
    """The two tests of an app's walker, to assign to module-level names. An app whose models
    need different fixtures splits its walker: `elsewhere` names the sibling walker modules whose
    `SERVICES` and `CATALOGUES` list the app's other models."""

    def test_every_tracked_model_says_which_services_write_it():
        labels = {model._meta.label for model in tracked_models([app_label])}
        listed = set(services) | catalogues
        for name in elsewhere:
            sibling = importlib.import_module(name)
            listed |= set(sibling.SERVICES) | sibling.CATALOGUES
        assert labels - listed == set()
        assert set(services) | catalogues <= labels

    @pytest.mark.django_db
    @pytest.mark.parametrize("label", sorted(services))
    def test_every_history_row_of_a_service_write_has_its_user_and_reason(label, request):
        given = {name: request.getfixturevalue(name) for name in fixtures}
        history = apps.get_model(label).history.model

        def run():
            for scenario in services[label]:
                scenario(**given)

        written, missing = incomplete_history(run)
        assert history in written, f"no history row of {label}"
        assert missing == []

    return (
        test_every_tracked_model_says_which_services_write_it,
        test_every_history_row_of_a_service_write_has_its_user_and_reason,
    )
