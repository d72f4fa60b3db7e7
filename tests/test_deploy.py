"""`manage.py check --deploy` is clean with production settings, and refuses a missing key."""

import os
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


def _check(tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DEBUG="0", ALLOWED_HOSTS="vanphongso.example.vn", VAR_DIR=str(tmp_path), **env
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_SECRET = "k" * 30 + "-production-secret-key-" + "x" * 20
PRODUCTION_STORE_KEY = "khoa-kho-chung-thu-cua-van-phong-" + "y" * 20


def test_production_settings_pass_the_deploy_checks(tmp_path):
    result = _check(
        tmp_path,
        SECRET_KEY=PRODUCTION_SECRET,
        OFFICE_PLACE="Quảng Nam",
        OFFICE_PARENT_NAME="TỈNH ỦY QUẢNG NAM",
        CERTIFICATE_STORE_KEY=PRODUCTION_STORE_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_the_pdf_heading_is_warned(tmp_path):
    result = _check(tmp_path, SECRET_KEY=PRODUCTION_SECRET)
    assert result.returncode == 1
    assert "core.W001" in result.stdout + result.stderr


def test_missing_secret_key_is_refused(tmp_path):
    result = _check(tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_production_without_the_certificate_store_key_is_refused(tmp_path):
    result = _check(
        tmp_path,
        SECRET_KEY=PRODUCTION_SECRET,
        OFFICE_PLACE="Quảng Nam",
        OFFICE_PARENT_NAME="TỈNH ỦY QUẢNG NAM",
    )
    assert result.returncode == 1
    assert "cipher.E001" in result.stdout + result.stderr
