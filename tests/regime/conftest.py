"""The office of tests/units (fifteen roles, TH's head away with his deputy acting), with the
regime catalogues its migrations seed put back if a transactional test flushed them."""

import importlib

import pytest
from django.apps import apps

from tests.units.conftest import PASSWORD, _fast_passwords, office  # noqa: F401

seed_catalogues = importlib.import_module("regime.migrations.0002_catalogue_defaults").seed


@pytest.fixture(autouse=True)
def _catalogues(db):
    seed_catalogues(apps, None)


@pytest.fixture
def password():
    return PASSWORD
