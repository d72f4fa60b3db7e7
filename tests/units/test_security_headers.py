"""Every page carries a strict Content-Security-Policy and a Permissions-Policy; pages shown to a
signed-in person (secret items among them) are never stored by the browser."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
    "frame-src": "'self'",
}


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()
    }


def assert_strict(response):
    directives = policy(response)
    for name, value in STRICT.items():
        assert directives[name] == value, name
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    features = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in features


def test_the_sign_in_page_is_strict(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.parametrize(
    "url",
    [reverse("home"), reverse("units:tasks"), reverse("dispatch:search") + "?q=a"],
)
def test_site_pages_are_strict_and_never_stored(client, office, url):
    client.force_login(office["staff"])
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", [reverse("admin:index"), reverse("admin:units_task_changelist")])
def test_admin_pages_are_strict_and_never_stored(client, office, url):
    client.force_login(office["chief"])
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)
    assert "no-store" in response["Cache-Control"]


def test_a_secret_item_and_the_list_holding_it_are_never_stored(client, office, work):
    client.force_login(office["owner"])
    detail = client.get(work["secret_task"].get_absolute_url())
    assert detail.status_code == 200
    assert "no-store" in detail["Cache-Control"]
    listing = client.get(reverse("units:tasks"))
    assert "Rà soát tài liệu mật" in listing.content.decode()
    assert "no-store" in listing["Cache-Control"]


def test_templates_hold_no_inline_script_style_or_handler():
    """The policy would block them: behaviour lives in static/js, looks in static/css."""
    import re
    from pathlib import Path

    from django.conf import settings

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        if "pdf" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if inline.search(line):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert offenders == []
