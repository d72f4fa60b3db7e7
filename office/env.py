"""Typed readers for the environment: every setting the deployment may change has the prefix-free
name documented in README and `.env.example`."""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    """An empty value counts as unset: `MEDIA_ROOT=` must not mean the current directory."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url: str, sqlite_default_path: str) -> dict:
    """`postgres://user:pass@host:port/name` or `sqlite:///path`; empty means the SQLite file."""
    if not url:
        url = f"sqlite:///{sqlite_default_path}"
    parsed = urlparse(url)
    options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    if parsed.scheme == "sqlite":
        # sqlite:///var/db.sqlite3 is relative to the project, sqlite:////srv/db.sqlite3 absolute.
        path = unquote(parsed.path)[1:]
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or sqlite_default_path,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        try:
            port = parsed.port
            conn_max_age = int(options.pop("conn_max_age", 60))
        except ValueError as exc:
            raise ImproperlyConfigured(f"DATABASE_URL is malformed: {exc}") from exc
        # The office runs short queries only. JIT compilation would add 20 ms to a search the
        # planner thinks dear (core.text); and the ORM writes joins from the main table out to the
        # rows it refers to, the order PostgreSQL would pick anyway, so it is told not to search
        # all orders: planning a page's six-way join drops from 1.6 to 0.35 ms.
        # `?options=` in the URL replaces both.
        options.setdefault("options", "-c jit=off -c join_collapse_limit=1")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported")
