"""tests/kit/workers.py: each pytest-xdist worker gets its own Redis database and media folder,
derived from the run's, and a run without xdist is left alone."""

import os
import shutil

import pytest
from django.conf import settings

from tests.kit import workers


def test_worker_databases_sit_above_the_runs_own_when_there_is_room():
    assert [workers.worker_redis_database(5, i, 2) for i in range(2)] == [6, 7]
    assert [workers.worker_redis_database(0, i, 4) for i in range(4)] == [1, 2, 3, 4]


def test_worker_databases_sit_below_ci_s_database_15():
    assert [workers.worker_redis_database(15, i, 2) for i in range(2)] == [14, 13]
    assert [workers.worker_redis_database(13, i, 3) for i in range(3)] == [12, 11, 10]


def test_too_many_workers_for_the_redis_databases_is_refused():
    with pytest.raises(ValueError, match="no room"):
        workers.worker_redis_database(8, 0, 9)


def test_isolate_moves_every_url_of_the_runs_database_and_gives_a_media_folder():
    environ = {
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/15",
        "CELERY_RESULT_BACKEND": "redis://127.0.0.1:6379/3",
    }
    changes = workers.isolate(environ, "gw1", 2)
    try:
        assert changes["REDIS_URL"] == "redis://127.0.0.1:6379/13"
        assert changes["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/13"
        # Another database, named on purpose: not the run's, so left as it is.
        assert "CELERY_RESULT_BACKEND" not in changes
        assert os.path.isdir(changes["MEDIA_ROOT"])
        assert "gw1" in changes["MEDIA_ROOT"]
    finally:
        shutil.rmtree(changes["MEDIA_ROOT"], ignore_errors=True)


def test_isolate_without_redis_changes_only_the_media_folder():
    changes = workers.isolate({}, "gw0", 2)
    try:
        assert set(changes) == {"MEDIA_ROOT"}
    finally:
        shutil.rmtree(changes["MEDIA_ROOT"], ignore_errors=True)


def test_unexpected_worker_ids_are_refused():
    with pytest.raises(ValueError):
        workers.worker_index("main")


def test_this_process_uses_what_the_kit_chose():
    """Under xdist the settings read the worker's own Redis database and media folder; alone, the
    environment's own (the settings were read after the kit ran, not before)."""
    if workers.WORKER:
        assert str(settings.MEDIA_ROOT) == workers.MEDIA_DIR
        assert os.environ["MEDIA_ROOT"] == workers.MEDIA_DIR
    else:
        assert workers.MEDIA_DIR == ""
    assert os.environ.get("REDIS_URL", "") == settings.REDIS_URL
