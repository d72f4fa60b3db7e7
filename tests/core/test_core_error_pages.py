"""Error pages with DEBUG off: Vietnamese (English under EN), in the site's layout, with a way
home; the 500 page renders without a request and without the database."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

MODEL_BACKEND = "units.backends.OfficeModelBackend"

PAGES = [
    ("/loi/400/", 400, "Yêu cầu không hợp lệ"),
    ("/loi/403/", 403, "Không có quyền truy cập"),
    ("/khong-co-trang-nay/", 404, "Không tìm thấy trang"),
    ("/loi/500/", 500, "Lỗi hệ thống"),
]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.core.error_urls"


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "status", "heading"), PAGES)
def test_each_error_answers_a_vietnamese_page_in_the_layout(production, user, url, status, heading):
    client = Client(raise_request_exception=False)
    client.force_login(user, backend=MODEL_BACKEND)
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'id="main-navbar"' in html
    assert 'href="/"' in html  # a way back
    if status != 500:  # the menu needs the request; the 500 page has none
        assert "Văn bản đến" in html and user.get_full_name() in html


def test_the_500_page_needs_no_request_and_no_database():
    # No django_db mark: any query would fail the test.
    html = render_to_string("500.html")
    assert "<h1>Lỗi hệ thống</h1>" in html and 'href="/"' in html


def test_the_500_page_follows_the_language():
    with translation.override("en"):
        html = render_to_string("500.html")
    assert '<html lang="en">' in html
