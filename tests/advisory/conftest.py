"""The office of tests/units (fifteen roles, TH's head away with his deputy acting), with the
advisory catalogue its migrations seed put back if a transactional test flushed it."""

import importlib

import pytest
from django.apps import apps

from tests.units.conftest import PASSWORD, _fast_passwords, office  # noqa: F401

seed_terms = importlib.import_module("advisory.migrations.0002_report_terms").seed


@pytest.fixture(autouse=True)
def _report_terms(db):
    seed_terms(apps, None)


@pytest.fixture
def password():
    return PASSWORD
