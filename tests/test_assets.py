"""The office LAN has no internet: every asset a page uses must come from this server.

These tests fail when someone adds a CDN link (to a rendered page, to any template, or to our CSS)
or references a static file that is not there.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

TEST_HOSTS = {"testserver", "localhost", "127.0.0.1"}
HARMLESS_SCHEMES = {"data", "mailto", "tel", "javascript", "about", "blob"}
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "poster", "data", "srcset"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""", re.IGNORECASE)
SOURCE_MAP = re.compile(r"""[#@]\s*sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$""", re.MULTILINE)
# A literal off-host reference in template or stylesheet source, whatever the syntax around it.
OFF_HOST_IN_SOURCE = re.compile(
    r"""(?:\b(?:src|href|action|srcset)\s*=\s*['"]?\s*|url\(\s*['"]?\s*|@import\s+['"]?\s*)"""
    r"""(?:https?:)?//""",
    re.IGNORECASE,
)
# JavaScript strings that load something from another host.
OFF_HOST_IN_JS = re.compile(r"""['"`](?:https?:)?//[a-z0-9.-]+""", re.IGNORECASE)


class ReferenceCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                self.references += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in URL_ATTRIBUTES:
                self.references.append(value)
            elif name == "style":
                self.inline_css.append(value)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


def css_references(css: str) -> list[str]:
    return [m.group(2).strip() for m in CSS_URL.finditer(css)] + [
        m.group(2).strip() for m in CSS_IMPORT.finditer(css)
    ]


def is_off_host(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in HARMLESS_SCHEMES:
        return False
    if parts.scheme and parts.scheme.lower() not in {"http", "https"}:
        return True  # ftp:, ws:, file: ... nothing of that belongs in a page either
    return bool(parts.netloc) and (parts.hostname or "") not in TEST_HOSTS


def static_path(url: str) -> str | None:
    """`/static/css/office.css?v=1` -> `css/office.css`; None for non-static URLs."""
    path = urlsplit(url).path
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not path.startswith(prefix):
        return None
    return path[len(prefix) :]


def check_page(html: str, page_url: str) -> tuple[list[str], list[str]]:
    """Return (off-host references, static URLs) of one rendered page."""
    collector = ReferenceCollector()
    collector.feed(html)
    references = list(collector.references)
    for css in collector.inline_css:
        references += css_references(css)
    references += css_references(html)
    off_host = sorted({ref for ref in references if is_off_host(ref)})
    static_urls = sorted(
        {urljoin(page_url, ref) for ref in references if static_path(urljoin(page_url, ref))}
    )
    return off_host, static_urls


def assert_static_tree_served(static_urls: list[str]) -> set[str]:
    """Every static file exists, is served with 200, and so is everything its CSS pulls in."""
    seen: set[str] = set()
    pending = [urlsplit(url).path for url in static_urls]
    # WhiteNoise reads its settings when a new client builds the middleware: serve from the
    # finders, as in development, since the tests have no collected STATIC_ROOT.
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=False):
        client = Client()
        while pending:
            url = pending.pop()
            if url in seen:
                continue
            seen.add(url)
            relative = static_path(url)
            assert finders.find(relative), f"{url} is referenced but no such static file exists"
            response = client.get(url)
            assert response.status_code == 200, f"{url} is referenced but answers {response}"
            if not url.endswith((".css", ".js")):
                continue
            text = b"".join(response.streaming_content).decode("utf-8", errors="replace")
            references = [m.group(1) for m in SOURCE_MAP.finditer(text)]
            if url.endswith(".css"):
                references += css_references(text)
            off_host = [ref for ref in references if is_off_host(ref)]
            assert not off_host, f"{url} loads from another host: {off_host}"
            for ref in references:
                if urlsplit(ref).scheme:
                    continue
                target = urljoin(url, ref)
                if static_path(target):
                    pending.append(urlsplit(target).path)
    return seen


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_superuser(
        username="kiemtra.tainguyen", password="Mat-khau-Rat-Dai-2025", email=""
    )
    client = Client()
    client.force_login(user)
    return client


def rendered(client: Client, url: str) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200, f"{url} answers {response.status_code}"
    assert "text/html" in response["Content-Type"]
    return response.content.decode()


def test_login_page_uses_only_local_assets(client):
    html = rendered(client, "/dang-nhap/")

    off_host, static_urls = check_page(html, "http://testserver/dang-nhap/")

    assert not off_host, f"login page loads from another host: {off_host}"
    served = assert_static_tree_served(static_urls)
    assert any("bootstrap.min.css" in url for url in served)
    assert any("bootstrap.bundle.min.js" in url for url in served)
    assert any("htmx.min.js" in url for url in served)
    assert any(url.endswith("css/office.css") for url in served)
    assert any(url.endswith("js/office.js") for url in served)


@pytest.mark.parametrize("url", ["/", "/admin/"], ids=["home", "admin-index"])
def test_signed_in_pages_use_only_local_assets(staff_client, url):
    html = rendered(staff_client, url)

    off_host, static_urls = check_page(html, f"http://testserver{url}")

    assert not off_host, f"{url} loads from another host: {off_host}"
    assert static_urls, f"{url} references no static file at all: is it really a page?"
    assert_static_tree_served(static_urls)


def test_base_template_essentials(staff_client):
    html = rendered(staff_client, "/")

    assert '<html lang="vi">' in html
    assert 'name="csrf-token"' in html
    assert 'action="/dang-xuat/"' in html  # logout is a POST form
    assert 'name="language"' in html


def test_detector_catches_a_cdn_link():
    """Guard the guard: these must all count as off-host."""
    html = (
        '<link href="https://cdn.jsdelivr.net/npm/bootstrap.css">'
        '<script src="//unpkg.com/htmx.org"></script>'
        "<div style=\"background:url('http://example.com/a.png')\"></div>"
        "<style>@import 'https://fonts.googleapis.com/css';</style>"
        '<img srcset="/static/a.png 1x, https://cdn.example/b.png 2x">'
    )
    off_host, _ = check_page(html, "http://testserver/")
    assert off_host == [
        "//unpkg.com/htmx.org",
        "http://example.com/a.png",
        "https://cdn.example/b.png",
        "https://cdn.jsdelivr.net/npm/bootstrap.css",
        "https://fonts.googleapis.com/css",
    ]
    assert not is_off_host("data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'")
    assert not is_off_host("http://testserver/static/x.css")
    assert OFF_HOST_IN_SOURCE.search('<script src="https://cdn.example/x.js">')
    assert not OFF_HOST_IN_SOURCE.search("<script src=\"{% static 'js/office.js' %}\">")


def project_template_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += [p for p in base.glob("*/templates") if ".venv" not in p.parts]
    return sorted({f for root in roots if root.is_dir() for f in root.rglob("*.html")})


def test_no_template_links_to_another_host():
    """Catches CDN links in templates that the page tests above do not render."""
    offenders = []
    for template in project_template_files():
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if OFF_HOST_IN_SOURCE.search(line):
                offenders.append(f"{template.relative_to(settings.BASE_DIR)}:{number}: {line}")
    assert not offenders, "templates load from another host:\n" + "\n".join(offenders)


def own_static_files(suffix: str) -> list[Path]:
    files = []
    for directory in settings.STATICFILES_DIRS:
        root = Path(directory)
        files += [f for f in root.rglob(f"*{suffix}") if "vendor" not in f.relative_to(root).parts]
    return files


def test_own_css_and_js_stay_on_this_host():
    offenders = []
    for css in own_static_files(".css"):
        refs = css_references(css.read_text(encoding="utf-8"))
        offenders += [f"{css.name}: {ref}" for ref in refs if is_off_host(ref)]
    for js in own_static_files(".js"):
        offenders += [f"{js.name}: {m.group(0)}" for m in OFF_HOST_IN_JS.finditer(js.read_text())]
    assert not offenders, offenders


def test_vendored_files_have_no_dangling_source_maps():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor"
    for asset in [*vendor.rglob("*.css"), *vendor.rglob("*.js")]:
        for match in SOURCE_MAP.finditer(asset.read_text(encoding="utf-8")):
            assert (asset.parent / match.group(1)).exists(), f"{asset} points to a missing map"
    for licence in ["bootstrap-5.3.9/LICENSE", "htmx-2.0.11/LICENSE"]:
        assert (vendor / licence).is_file()


def test_collectstatic_builds_the_production_manifest(tmp_path):
    """Production uses WhiteNoise's manifest storage, which refuses dangling references."""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Compression is WhiteNoise's business and slow (brotli over the fonts): skip it here.
    no_compression = [
        "css",
        "js",
        "ttf",
        "otf",
        "woff",
        "woff2",
        "svg",
        "txt",
        "html",
        "md",
        "json",
    ]
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES=storages, WHITENOISE_SKIP_COMPRESS_EXTENSIONS=no_compression
    ):
        call_command("collectstatic", interactive=False, verbosity=0)

    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/bootstrap-5.3.9/bootstrap.min.css" in manifest
    assert "vendor/htmx-2.0.11/htmx.min.js" in manifest


def test_pages_work_in_a_real_browser(live_server, page):
    """No request leaves the server, nothing fails to load, and the scripts really run."""
    requests: list[str] = []
    failures: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and failures.append(f"{response.status} {response.url}")
        ),
    )

    page.goto(f"{live_server.url}/dang-nhap/")

    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("typeof window.bootstrap") == "object"
    assert page.locator("html").get_attribute("lang") == "vi"

    page.fill("#id_username", "khong-ton-tai")
    page.fill("#id_password", "sai-mat-khau")
    page.click("button[type=submit].btn-primary")

    page.wait_for_load_state("networkidle")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page.inner_text(".alert-danger")
    server = urlsplit(live_server.url).netloc
    assert not [url for url in requests if urlsplit(url).netloc != server], requests
    assert not failures, failures


# --- The sign-in pages (templates/registration/) ----------------------------------------------


def test_wrong_password_shows_a_clear_message(client, django_user_model):
    django_user_model.objects.create_user(username="vanthu", password="Mat-khau-Rat-Dai-2025")

    response = client.post("/dang-nhap/", {"username": "vanthu", "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert response.context["form"].non_field_errors()


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=0.25)
def test_repeated_failures_show_the_lockout_page(client, django_user_model):
    django_user_model.objects.create_user(username="vanthu", password="Mat-khau-Rat-Dai-2025")
    wrong = {"username": "vanthu", "password": "sai-mat-khau"}

    for _ in range(3):
        client.post("/dang-nhap/", wrong)
    response = client.post("/dang-nhap/", wrong)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Tài khoản tạm thời bị khóa" in html
    assert "15 phút" in html
    assert "Cơ yếu – Công nghệ thông tin" in html
