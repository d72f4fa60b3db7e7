"""Fixtures shared by every test folder: a headless Chromium for end-to-end tests and a real
Celery worker for the tests that need one. Domain fixtures belong in each folder's own conftest.

Optional parts (Chromium, Redis) are skipped on a laptop that lacks them and FAIL in CI (env `CI`
set), so a misconfigured CI cannot pass by silently skipping them. What was left out is printed at
the end of the run.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest

# Playwright's sync API runs an event loop in the test thread; without this Django refuses ORM
# calls from `live_server` tests ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_MISSING = "Chromium not installed: browser tests left out (apt-get install chromium)"
REDIS_MISSING = "Redis not configured: Celery worker tests left out"
GETTEXT_MISSING = "GNU gettext not installed: translation tests left out (apt-get install gettext)"
GETTEXT_PROGRAMS = ("xgettext", "msguniq", "msgmerge", "msgattrib")
WORKER_START_TIMEOUT_SECONDS = 30

# reason -> number of tests skipped for it; printed by pytest_terminal_summary.
LEFT_OUT: dict[str, int] = {}


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def leave_out(reason: str) -> None:
    """Skip on a laptop, fail in CI: an optional part missing in CI is a broken CI."""
    if running_in_ci():
        pytest.fail(f"{reason} (env CI is set, so this is an error)", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config):
    # WhiteNoise warns once per test client that STATIC_ROOT was never collected; tests serve
    # static files from the finders instead (see tests/test_assets.py).
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def pytest_collection_modifyitems(config, items):
    """Mark by fixture, so `-m "not browser"` works without every test remembering the marker."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"page", "browser"}:
            item.add_marker(pytest.mark.browser)
        if "celery_worker_process" in fixtures:
            item.add_marker(pytest.mark.celery_worker)


def pytest_runtest_logreport(report):
    """Count here, not in leave_out(): a session fixture's skip is raised once and then cached."""
    if not report.skipped or not isinstance(report.longrepr, tuple):
        return
    message = str(report.longrepr[2])
    for reason in (CHROMIUM_MISSING, REDIS_MISSING, GETTEXT_MISSING):
        if reason in message:
            LEFT_OUT[reason] = LEFT_OUT.get(reason, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not LEFT_OUT:
        return
    parts = "; ".join(f"{reason} ({count} tests)" for reason, count in LEFT_OUT.items())
    terminalreporter.write_line(f"Optional parts left out: {parts}")


# --- Translations --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def gettext_tools():
    """The GNU gettext programs `makemessages` runs to extract the messages of the code."""
    if not all(shutil.which(program) for program in GETTEXT_PROGRAMS):
        leave_out(GETTEXT_MISSING)


# --- Browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        leave_out(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


# --- Celery worker -------------------------------------------------------------------------


def database_url_for_subprocess(settings_dict: dict) -> str:
    """The URL of the database this test run really uses (pytest-django's `test_<name>`)."""
    engine = settings_dict["ENGINE"]
    name = str(settings_dict["NAME"])
    if engine.endswith("postgresql"):
        credentials = quote(settings_dict.get("USER") or "", safe="")
        if settings_dict.get("PASSWORD"):
            credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
        host = settings_dict.get("HOST") or "localhost"
        port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
        at = "@" if credentials else ""
        return f"postgres://{credentials}{at}{host}{port}/{quote(name, safe='')}"
    if engine.endswith("sqlite3"):
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError(
                "the SQLite test database lives in memory, a worker process cannot share it; "
                "run the Celery worker tests with DATABASE_URL=postgres://…"
            )
        return "sqlite:///" + str(Path(name).resolve())
    raise RuntimeError(f"no DATABASE_URL form known for {engine}")


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """A request in English leaves English active in the thread; the next test starts in the
    default language again, as a new request would."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _celery_eager_unless_a_worker_is_requested(request):
    """Tasks run in the test process, as on a laptop, even when CI sets REDIS_URL (which makes
    the settings non-eager); only tests that ask for `celery_worker_process` send them to Redis.
    So the suite behaves the same with and without Redis. Through the settings, not `app.conf`:
    Celery reads Django's settings live, and a test's own override_settings still wins."""
    from django.test import override_settings

    eager = "celery_worker_process" not in request.fixturenames
    with override_settings(CELERY_TASK_ALWAYS_EAGER=eager):
        yield


@pytest.fixture
def celery_worker_process(django_db_setup, transactional_db, tmp_path):
    """A real `celery worker` subprocess on the test database and Redis.

    `transactional_db` because the worker is another connection: it only sees committed rows.
    """
    if not os.environ.get("REDIS_URL"):
        leave_out(REDIS_MISSING)

    from django.conf import settings
    from django.db import connection

    from office.celery import app
    from office.env import parse_database_url

    try:
        database_url = database_url_for_subprocess(connection.settings_dict)
    except RuntimeError as exc:
        pytest.fail(f"Celery worker tests: {exc}", pytrace=False)
    # The worker must land on pytest-django's test_<name> database, never the real one.
    worker_database = parse_database_url(database_url, "")
    assert worker_database["NAME"] == connection.settings_dict["NAME"], database_url

    # Messages queued by earlier tests (no worker then) must not run against this test's data.
    app.control.purge()

    nodename = f"pytest-{uuid.uuid4().hex[:8]}@vps-test"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "office.settings",
        "DATABASE_URL": database_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    celery = [sys.executable, "-m", "celery"]
    venv_celery = Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"
    if venv_celery.exists():
        celery = [str(venv_celery)]
    command = [*celery, "-A", "office", "worker", "-l", "warning", "--pool", "solo"]
    command += ["-Q", "celery", "-n", nodename, "--without-mingle", "--without-gossip"]

    log_path = tmp_path / "celery-worker.log"

    def log_tail() -> str:
        return log_path.read_text(errors="replace")[-3000:]

    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"Celery worker exited with {process.returncode}:\n{log_tail()}", pytrace=False
                )
            if app.control.ping(destination=[nodename], timeout=1.0):
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Celery worker did not answer ping in {WORKER_START_TIMEOUT_SECONDS} s:\n"
                    f"{log_tail()}",
                    pytrace=False,
                )
        yield SimpleNamespace(app=app, nodename=nodename, process=process, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete_on_postgresql():
    """After a transactional test, empty the tables with DELETE rather than one TRUNCATE of
    every table: the same empty tables, a fraction of the time (tests/kit/flush.py)."""
    from django.db import connection

    from tests.kit import flush

    patch = pytest.MonkeyPatch()
    if connection.vendor == "postgresql":
        flush.install(patch)
    yield
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Every test hashes with MD5 unless it asks for another hasher: PBKDF2's million rounds
    cost a noticeable part of a second per account, and most tests make a dozen. Production
    settings are untouched (office.settings keeps Django's default hashers); the area conftests
    that already said so keep saying it."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _force_login_verifies_the_second_factor():
    """`client.force_login` also marks the session verified through django-otp with a real
    device (tests/kit/otp.py): the suite's leaders reach the admin as in production after
    their code. Tests of the second step use `force_login_unverified` or the real pages."""
    from django.test import Client

    from tests.kit.otp import verified_force_login

    patch = pytest.MonkeyPatch()
    patch.setattr(Client, "force_login", verified_force_login)
    yield
    patch.undo()


@pytest.fixture
def session_queries(settings) -> int:
    """Queries a signed-in page spends on its session: none when sessions are read from the
    shared cache (REDIS_URL set), one from the database otherwise."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
