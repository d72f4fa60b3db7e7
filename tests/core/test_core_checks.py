import pytest
from django.core.checks import registry
from django.db import OperationalError
from django.test import override_settings

from core import checks


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.mark.django_db
def test_database_reachable():
    assert checks.check_database(databases=["default"]) == []


def test_database_unreachable(monkeypatch):
    def refuse(alias):
        raise OperationalError("connection refused")

    monkeypatch.setattr(checks, "probe_database", refuse)
    assert ids(checks.check_database(databases=["default"])) == ["core.E001"]
    # Like Django's own database checks, nothing is probed unless databases are named.
    assert checks.check_database(databases=None) == []


def test_weasyprint_loadable():
    assert checks.check_weasyprint() == []


@pytest.mark.parametrize("error", [OSError("cannot load library 'libpango-1.0-0'"), ImportError])
def test_weasyprint_missing_native_libraries(monkeypatch, error):
    def fail():
        raise error

    monkeypatch.setattr(checks, "probe_weasyprint", fail)
    assert ids(checks.check_weasyprint()) == ["core.E002"]


@pytest.mark.parametrize("key", ["", "insecure-development-key"])
def test_secret_key_missing_in_production(key):
    with override_settings(DEBUG=False, SECRET_KEY=key):
        assert ids(checks.check_secret_key()) == ["core.E003"]


def test_secret_key_set_in_production():
    with override_settings(DEBUG=False, SECRET_KEY="k" * 50):
        assert checks.check_secret_key() == []


def test_secret_key_not_needed_while_debugging():
    with override_settings(DEBUG=True, SECRET_KEY=""):
        assert checks.check_secret_key() == []


def test_checks_are_registered():
    ordinary = registry.registry.get_checks(include_deployment_checks=False)
    deploy = registry.registry.get_checks(include_deployment_checks=True)
    assert checks.check_database in ordinary
    assert checks.check_weasyprint in ordinary
    assert checks.check_secret_key not in ordinary
    assert checks.check_secret_key in deploy


@pytest.mark.django_db
def test_deploy_run_flags_the_missing_key_only():
    with override_settings(
        DEBUG=False, SECRET_KEY="", OFFICE_PLACE="Quảng Nam", OFFICE_PARENT_NAME="TỈNH ỦY QUẢNG NAM"
    ):
        messages = registry.run_checks(include_deployment_checks=True, databases=["default"])
    core_ids = {m.id for m in messages if m.id and m.id.startswith("core.")}
    assert core_ids == {"core.E003"}


@pytest.mark.parametrize(
    ("place", "parent", "named"),
    [
        ("Thanh Hóa", "TỈNH ỦY THANH HÓA", "OFFICE_PLACE, OFFICE_PARENT_NAME"),
        ("", "TỈNH ỦY QUẢNG NAM", "OFFICE_PLACE"),
        ("Quảng Nam", "TỈNH ỦY THANH HÓA", "OFFICE_PARENT_NAME"),
    ],
)
def test_production_warns_while_the_pdf_heading_is_the_demo_one(place, parent, named):
    with override_settings(DEBUG=False, OFFICE_PLACE=place, OFFICE_PARENT_NAME=parent):
        messages = checks.check_office_heading()
    assert ids(messages) == ["core.W001"]
    assert messages[0].msg.startswith(f"{named} not set")


def test_a_configured_heading_or_a_laptop_passes():
    with override_settings(
        DEBUG=False, OFFICE_PLACE="Quảng Nam", OFFICE_PARENT_NAME="TỈNH ỦY QUẢNG NAM"
    ):
        assert checks.check_office_heading() == []
    with override_settings(DEBUG=True, OFFICE_PLACE="Thanh Hóa"):
        assert checks.check_office_heading() == []
    deploy = registry.registry.get_checks(include_deployment_checks=True)
    assert checks.check_office_heading in deploy
