import os

import pytest
from django.db import OperationalError
from django.test import override_settings

from office import health
from office.celery import app as celery_app

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://monitor:s3cr3t-password@127.0.0.1:1/0"


@pytest.fixture
def eager_celery():
    """The laptop defaults: no broker, no workers (CI runs the suite with REDIS_URL set)."""
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        yield


@pytest.fixture
def broker_url():
    """Point the Celery app at another broker for one test, then restore it."""
    original = celery_app.conf.broker_url
    original_write = celery_app.conf.broker_write_url

    def set_url(url):
        celery_app.conf.broker_url = url
        celery_app.conf.broker_write_url = None

    yield set_url
    celery_app.conf.broker_url = original
    celery_app.conf.broker_write_url = original_write


class BrokenConnection:
    """Stands in for `django.db.connection` when the database server is gone."""

    vendor = "postgresql"

    def cursor(self):
        raise OperationalError("connection to server at 127.0.0.1 failed")


def test_healthy_on_defaults(client, eager_celery):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["broker"] == {"ok": True, "configured": False}
    assert body["checks"]["workers"] == {"ok": True, "configured": False}


def test_needs_no_login_and_is_not_cached(client, eager_celery):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_database_failure_answers_503(client, eager_celery, monkeypatch):
    monkeypatch.setattr(health, "connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["error"] == "OperationalError"
    assert body["checks"]["cache"]["ok"] is True
    # The exception text (host names, sometimes credentials) is never shown.
    assert "127.0.0.1" not in response.content.decode()


def test_cache_failure_answers_503(client, eager_celery, monkeypatch):
    class ForgetfulCache:
        def set(self, *args, **kwargs):
            pass

        def get(self, *args, **kwargs):
            return None

        def delete(self, *args, **kwargs):
            pass

    monkeypatch.setattr(health, "cache", ForgetfulCache())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {
        "ok": False,
        "error": "RuntimeError",
        "ms": response.json()["checks"]["cache"]["ms"],
    }
    assert response.json()["checks"]["database"]["ok"] is True


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_unreachable_broker_answers_503_without_leaking_the_url(client, broker_url):
    broker_url(UNREACHABLE_BROKER)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["broker"]["ok"] is False
    assert "configured" not in body["checks"]["broker"]
    assert body["checks"]["workers"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    text = response.content.decode()
    assert "s3cr3t" not in text
    assert "monitor" not in text


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_broker_without_workers_answers_503(client):
    celery_app.control.purge()

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["broker"]["ok"] is True
    assert body["checks"]["broker"]["transport"] == "redis"
    assert body["checks"]["workers"] == {
        "ok": False,
        "error": "RuntimeError",
        "ms": body["checks"]["workers"]["ms"],
    }


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_healthy_with_real_broker_and_worker(client, celery_worker_process):
    response = client.get("/healthz")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["broker"]["ok"] is True
    assert body["checks"]["workers"]["ok"] is True
    assert body["checks"]["workers"]["count"] >= 1
