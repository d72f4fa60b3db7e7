"""What each pytest-xdist worker keeps to itself, so `make test` can run the suite on both cores.

Loaded with `-p tests.kit.workers` (pyproject's addopts), so it runs before pytest-django imports
the settings: the environment it changes is the one `office.settings` reads, and the one every
process a test starts (the real Celery worker, the booking racers) inherits.

- PostgreSQL: pytest-django already gives worker `gwN` its own `test_<name>_gwN` database.
- Redis (`REDIS_URL`): worker N gets its own database number, derived from the run's one (the
  cache, the sessions, the Celery broker and its control messages), emptied when the worker
  starts. Above the run's number when there is room (5 -> 6, 7), below it otherwise (CI's 15 ->
  14, 13). Sharing one Redis database would let one worker's `cache.clear()` or Celery `purge()`
  hit the other's test, and the two test databases have the same primary keys.
- Files (`MEDIA_ROOT`): a temporary folder per worker, removed at the end, instead of the shared
  `var/media`.

A run without xdist (`PYTEST_XDIST_WORKER` unset) is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # Redis' default `databases`
REDIS_URL_SETTINGS = ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")


def worker_index(worker: str) -> int:
    """`gw0` -> 0, `gw1` -> 1."""
    if not worker.startswith("gw") or not worker[2:].isdigit():
        raise ValueError(f"unexpected pytest-xdist worker id {worker!r}")
    return int(worker[2:])


def redis_database(url: str) -> int:
    path = urlsplit(url).path.strip("/")
    return int(path) if path else 0


def worker_redis_database(base: int, index: int, workers: int) -> int:
    """A database number for worker `index` of `workers`, distinct from `base` and from every
    other worker's: above `base` when all fit there, below it otherwise."""
    if base + workers < REDIS_DATABASES:
        return base + 1 + index
    if base - workers >= 0:
        return base - 1 - index
    raise ValueError(
        f"Redis database {base} leaves no room for {workers} workers' own databases "
        f"(0–{REDIS_DATABASES - 1}): use fewer workers or another REDIS_URL"
    )


def with_database(url: str, database: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def isolate(environ: dict, worker: str, workers: int) -> dict:
    """The environment changes for `worker`: {name: value}."""
    changes = {}
    index = worker_index(worker)
    redis_url = environ.get("REDIS_URL", "")
    if redis_url:
        base = redis_database(redis_url)
        own = worker_redis_database(base, index, workers)
        for name in REDIS_URL_SETTINGS:
            value = environ.get(name, "")
            # Only the URLs naming the run's Redis database (not e.g. an explicit memory://).
            if value.startswith(("redis://", "rediss://")) and redis_database(value) == base:
                changes[name] = with_database(value, own)
    changes["MEDIA_ROOT"] = tempfile.mkdtemp(prefix=f"vps-media-{worker}-")
    return changes


WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_DIR = ""
if WORKER:
    _changes = isolate(
        os.environ, WORKER, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    )
    os.environ.update(_changes)
    MEDIA_DIR = _changes["MEDIA_ROOT"]


def pytest_configure(config):
    if WORKER and os.environ.get("REDIS_URL"):
        # This worker's own database: what an earlier run left there must not leak into this one.
        import redis

        # No Redis: the tests that need it say so themselves.
        with contextlib.suppress(redis.exceptions.ConnectionError):
            redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def pytest_unconfigure(config):
    if MEDIA_DIR:
        shutil.rmtree(MEDIA_DIR, ignore_errors=True)
