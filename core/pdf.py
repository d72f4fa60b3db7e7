"""PDF output with WeasyPrint.

Fonts are shipped in `static/fonts/` (Liberation Serif, metric-compatible with Times New Roman,
the typeface of Party documents) and loaded through `@font-face`, so the PDF looks the same on
every server whatever fonts the system has.

WeasyPrint may only read those shipped files and inline `data:` URLs: a template that shows user
input can never make the server fetch a network address or a file elsewhere on disk.

Long documents are built in the background: an app registers a *builder* (a function from the
request's parameters to a template name and context) under a name, and `core.services.pdf_request`
queues it. Only registered names can be run; nothing is ever imported from user input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

PdfBuilder = Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]
PDF_BUILDERS: dict[str, PdfBuilder] = {}

FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}


def register_pdf_builder(name: str, fn: PdfBuilder | None = None) -> Any:
    """Allow `name` to be built in the background. Call it from your app's `AppConfig.ready()`
    (or a module it imports), directly or as a decorator:

        @register_pdf_builder("workprograms.program")
        def build_program(params): return "workprograms/pdf/program.html", {...}
    """

    def decorator(function: PdfBuilder) -> PdfBuilder:
        existing = PDF_BUILDERS.get(name)
        if existing is not None and existing is not function:
            raise ValueError(f"PDF builder {name!r} is already registered")
        PDF_BUILDERS[name] = function
        return function

    if fn is not None:
        return decorator(fn)
    return decorator


def get_pdf_builder(name: str) -> PdfBuilder:
    """The registered builder, or KeyError: the allow-list is the only way in."""
    return PDF_BUILDERS[name]


def fonts_dir() -> Path:
    """The directory holding the shipped fonts (found like any static file)."""
    found = finders.find(f"fonts/{FONT_FILES['regular']}")
    if found:
        return Path(found).resolve().parent
    return (Path(settings.BASE_DIR) / "static" / "fonts").resolve()


def font_urls() -> dict[str, str]:
    """`file://` URLs of the four faces, for the `@font-face` rules of `core/pdf/base.html`."""
    directory = fonts_dir()
    return {face: (directory / filename).as_uri() for face, filename in FONT_FILES.items()}


def _allowed_roots() -> list[Path]:
    roots = [fonts_dir()]
    for directory in getattr(settings, "STATICFILES_DIRS", []):
        path = directory[1] if isinstance(directory, (tuple, list)) else directory
        roots.append(Path(path).resolve())
    return roots


def _make_url_fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    roots = _allowed_roots()

    class LocalOnlyURLFetcher(URLFetcher):
        """Fetches `data:` URLs and files under the static directories; refuses everything else
        (WeasyPrint logs the refusal and leaves the resource out)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"PDF resources are limited to the shipped static files: {url}")

    return LocalOnlyURLFetcher(allowed_protocols=("file", "data"))


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a Django template to PDF bytes. Templates extend `core/pdf/base.html` (or
    `core/pdf/party_document.html`, `core/pdf/register.html`)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    full_context = {
        "pdf_fonts": font_urls(),
        "office_name": settings.OFFICE_NAME,
        "office_place": settings.OFFICE_PLACE,
        **context,
    }
    html = render_to_string(template_name, full_context)
    font_config = FontConfiguration()
    document = weasyprint.HTML(
        string=html, base_url=fonts_dir().as_uri() + "/", url_fetcher=_make_url_fetcher()
    )
    return document.write_pdf(font_config=font_config)
