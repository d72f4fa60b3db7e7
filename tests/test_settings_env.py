import pytest
from django.core.exceptions import ImproperlyConfigured

from office.env import env_bool, env_int, env_list, env_str, parse_database_url

NAME = "VPS_TEST_SETTING"
SQLITE_DEFAULT = "/srv/vanphongso/var/db.sqlite3"


@pytest.fixture(autouse=True)
def no_setting(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


def test_env_str_default_and_value(monkeypatch):
    assert env_str(NAME) == ""
    assert env_str(NAME, "x") == "x"
    monkeypatch.setenv(NAME, "Văn phòng Tỉnh ủy")
    assert env_str(NAME, "x") == "Văn phòng Tỉnh ủy"


@pytest.mark.parametrize("raw", ["1", "true", "True", "YES", "on", " on "])
def test_env_bool_true_words(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    assert env_bool(NAME, False) is True


@pytest.mark.parametrize("raw", ["0", "false", "FALSE", "no", "off"])
def test_env_bool_false_words(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    assert env_bool(NAME, True) is False


@pytest.mark.parametrize("default", [True, False])
def test_empty_values_count_as_unset(monkeypatch, default):
    monkeypatch.setenv(NAME, "  ")
    assert env_bool(NAME, default) is default
    monkeypatch.setenv(NAME, "")
    assert env_str(NAME, "mặc định") == "mặc định"


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_unset_gives_default(default):
    assert env_bool(NAME, default) is default


@pytest.mark.parametrize("raw", ["2", "yes please", "đúng", "t"])
def test_env_bool_rejects_other_words(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME, False)


def test_env_int(monkeypatch):
    assert env_int(NAME, 15) == 15
    monkeypatch.setenv(NAME, "")
    assert env_int(NAME, 15) == 15
    monkeypatch.setenv(NAME, "25")
    assert env_int(NAME, 15) == 25
    monkeypatch.setenv(NAME, "-3")
    assert env_int(NAME, 15) == -3


@pytest.mark.parametrize("raw", ["abc", "2.5", "25MB"])
def test_env_int_rejects_non_integers(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_int(NAME, 15)


def test_env_list(monkeypatch):
    assert env_list(NAME) == []
    assert env_list(NAME, ["localhost"]) == ["localhost"]
    monkeypatch.setenv(NAME, "vanphongso.tinhuy.vn, 10.0.0.5 ,,localhost")
    assert env_list(NAME, ["x"]) == ["vanphongso.tinhuy.vn", "10.0.0.5", "localhost"]
    monkeypatch.setenv(NAME, "")
    assert env_list(NAME, ["x"]) == []


def test_env_list_default_is_a_copy():
    default = ["localhost"]
    env_list(NAME, default).append("evil")
    assert default == ["localhost"]


def test_postgres_url():
    config = parse_database_url(
        "postgres://vps:p%40ss%2Fword@db.local:5433/van_phong?sslmode=require", SQLITE_DEFAULT
    )

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "van_phong"
    assert config["USER"] == "vps"
    assert config["PASSWORD"] == "p@ss/word"
    assert config["HOST"] == "db.local"
    assert config["PORT"] == "5433"
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"] == {
        "sslmode": "require",
        "options": "-c jit=off -c join_collapse_limit=1",
    }


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
def test_postgres_scheme_aliases_and_defaults(scheme):
    config = parse_database_url(f"{scheme}://postgres@127.0.0.1/vps_ci", SQLITE_DEFAULT)

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "vps_ci"
    assert config["USER"] == "postgres"
    assert config["PASSWORD"] == ""
    assert config["PORT"] == ""
    assert config["OPTIONS"] == {"options": "-c jit=off -c join_collapse_limit=1"}


def test_postgres_options_in_the_url_replace_the_jit_default():
    config = parse_database_url("postgres://u@h/db?options=-c%20work_mem%3D64MB", SQLITE_DEFAULT)

    assert config["OPTIONS"] == {"options": "-c work_mem=64MB"}


def test_postgres_conn_max_age_is_taken_out_of_options():
    config = parse_database_url("postgres://u@h/db?conn_max_age=0", SQLITE_DEFAULT)

    assert config["CONN_MAX_AGE"] == 0
    assert "conn_max_age" not in config["OPTIONS"]


def test_empty_url_means_sqlite_file():
    config = parse_database_url("", SQLITE_DEFAULT)

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == SQLITE_DEFAULT
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_sqlite_relative_and_absolute_paths():
    assert parse_database_url("sqlite:///var/db.sqlite3", SQLITE_DEFAULT)["NAME"] == (
        "var/db.sqlite3"
    )
    assert parse_database_url("sqlite:////srv/db.sqlite3", SQLITE_DEFAULT)["NAME"] == (
        "/srv/db.sqlite3"
    )
    assert parse_database_url("sqlite://", SQLITE_DEFAULT)["NAME"] == SQLITE_DEFAULT


@pytest.mark.parametrize("url", ["mysql://u:p@h/db", "oracle://h/db", "db.sqlite3"])
def test_unsupported_database_url_raises(url):
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        parse_database_url(url, SQLITE_DEFAULT)


@pytest.mark.parametrize(
    "url", ["postgres://u@h:port/db", "postgres://u@h/db?conn_max_age=forever"]
)
def test_malformed_postgres_url_raises_improperly_configured(url):
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url, SQLITE_DEFAULT)


def test_env_example_documents_every_setting():
    """A variable settings.py reads but `.env.example` does not mention is a deployment trap."""
    import re
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    read = set(
        re.findall(
            r"""env_\w+\(\s*["']([A-Z0-9_]+)["']""", (base / "office/settings.py").read_text()
        )
    )
    documented = set(
        re.findall(r"^#?(?:PROD )?([A-Z0-9_]+)=", (base / ".env.example").read_text(), re.M)
    )

    assert read, "no env_*() call found in office/settings.py"
    assert not read - documented, f"missing from .env.example: {sorted(read - documented)}"
