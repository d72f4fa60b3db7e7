"""`/healthz`: one URL the monitoring (and `.ci/run`) polls to know the office can work.

Answers 200 only when every configured part answers; 503 otherwise, so a load balancer or
`curl --fail` notices. Parts that a laptop setup does not use (broker and workers when Celery runs
eagerly) are reported as not configured instead of failing. Errors are reported by exception
class only: messages can contain connection URLs with passwords.
"""

import secrets
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

BROKER_TIMEOUT_SECONDS = 2.0
WORKER_PING_TIMEOUT_SECONDS = 1.0


def _timed(probe) -> dict:
    started = time.monotonic()
    try:
        result = probe() or {}
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        result = {"ok": False, "error": type(exc).__name__}
    else:
        result = {"ok": True, **result}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    if not row or row[0] != 1:
        raise RuntimeError("unexpected answer")
    return {"vendor": connection.vendor}


def check_cache() -> dict:
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("value not read back")
    finally:
        cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def celery_is_eager() -> bool:
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))


def check_broker() -> dict:
    from office.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    # Only the scheme: the URL itself may carry a password.
    return {"transport": urlsplit(app.conf.broker_url or "").scheme}


def check_workers() -> dict:
    from office.celery import app

    replies = app.control.ping(timeout=WORKER_PING_TIMEOUT_SECONDS) or []
    if not replies:
        raise RuntimeError("no worker answered")
    return {"count": len(replies)}


NOT_CONFIGURED = {"ok": True, "configured": False}


def run_checks() -> dict:
    checks = {
        "database": _timed(check_database),
        "cache": _timed(check_cache),
    }
    if celery_is_eager():
        checks["broker"] = dict(NOT_CONFIGURED)
        checks["workers"] = dict(NOT_CONFIGURED)
    else:
        checks["broker"] = _timed(check_broker)
        # Without a broker the worker ping would only wait for its timeout.
        if checks["broker"]["ok"]:
            checks["workers"] = _timed(check_workers)
        else:
            checks["workers"] = {"ok": False, "error": "broker unreachable"}
    return checks


@never_cache
@require_safe
def healthz(request):
    checks = run_checks()
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
