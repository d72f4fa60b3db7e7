"""PDF output with WeasyPrint.

Fonts are shipped in `static/fonts/` (Liberation Serif, metric-compatible with Times New Roman,
the typeface of Party documents) and loaded through `@font-face`, so the PDF looks the same on
every server whatever fonts the system has.

WeasyPrint may only read those shipped files and inline `data:` URLs: a template that shows user
input can never make the server fetch a network address or a file elsewhere on disk.

Long documents are built in the background: an app registers a *builder* (a function from the
request's parameters to a template name and context) under a name with `register_pdf_builder`,
which makes it one of the file builders of `core.generated`, and `core.services.file_request`
queues it. Only registered names can be run; nothing is ever imported from user input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.generated import FILE_BUILDERS, PDF, register_file_builder

logger = logging.getLogger(__name__)

PdfBuilder = Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]

FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}


@dataclass(frozen=True)
class TemplatePdf:
    """A file builder made of a template builder: the parameters give a template and its
    context, rendered by `render_pdf`."""

    template_builder: PdfBuilder
    variant: str | None = None

    def __call__(self, params: dict[str, Any]) -> bytes:
        return render_pdf(*self.template_builder(params), variant=self.variant)


def register_pdf_builder(
    name: str, fn: PdfBuilder | None = None, *, variant: str | None = None
) -> Any:
    """Allow `name` to be built in the background as a PDF. Call it from your app's
    `AppConfig.ready()` (or a module it imports), directly or as a decorator:

        @register_pdf_builder("workprograms.program")
        def build_program(params): return "workprograms/pdf/program.html", {...}

    `variant` names a PDF standard the file must follow (`PDF_A` for records kept for good).
    """

    def decorator(function: PdfBuilder) -> PdfBuilder:
        register_file_builder(name, TemplatePdf(function, variant), file_format=PDF)
        return function

    if fn is not None:
        return decorator(fn)
    return decorator


def get_pdf_builder(name: str) -> PdfBuilder:
    """The registered template builder, or KeyError: the allow-list is the only way in."""
    build = FILE_BUILDERS[name].build
    if not isinstance(build, TemplatePdf):
        raise KeyError(name)
    return build.template_builder


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


#: PDF/A-3b (ISO 19005-3): the archival PDF, self-contained (fonts embedded, colours declared,
#: XMP metadata naming the conformance), for what is kept permanently (finding aids)
PDF_A = "pdf/a-3b"


def render_pdf(template_name: str, context: dict[str, Any], *, variant: str | None = None) -> bytes:
    """Render a Django template to PDF bytes. Templates extend `core/pdf/base.html` (or
    `core/pdf/party_document.html`, `core/pdf/register.html`). `variant` is one of
    WeasyPrint's PDF variants (`PDF_A`, "pdf/ua-1"…)."""
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
    if variant:
        return document.write_pdf(font_config=font_config, pdf_variant=variant)
    return document.write_pdf(font_config=font_config)


# The Party layout (21-HD/VPTW): heading, number and symbol, signer block ----------------------

#: an empty sequence number, filled in by hand or by the register when the document is issued
BLANK_NUMBER = "\u00a0" * 8


def _symbol(type_code: str, issuer_code: str, unit_code: str) -> str:
    symbol = f"{type_code}/{issuer_code}"
    return f"{symbol}/{unit_code.upper()}" if unit_code else symbol


def _sequence_number(number: int | None) -> str:
    return BLANK_NUMBER if number is None else f"{number:02d}"


def number_and_symbol(
    number: int | None, type_code: str, issuer_code: str, *, unit_code: str = ""
) -> str:
    """`01-CV/VPTU` (the number zero-padded below 10), `…/VPTU/TH` for a unit's own document (the
    issuing sub-unit after a second slash), and a blank number for a document not issued yet."""
    return f"{_sequence_number(number)}-{_symbol(type_code, issuer_code, unit_code)}"


def number_line(
    number: int | None, type_code: str, issuer_code: str, *, unit_code: str = ""
) -> str:
    """The number line under the issuer: `Số 01-CV/VPTU`."""
    return _("Số %(number)s-%(symbol)s") % {
        "number": _sequence_number(number),
        "symbol": _symbol(type_code, issuer_code, unit_code),
    }


def heading(*, issuer_parent: str, issuer: str) -> dict[str, str]:
    """The left heading of `core/pdf/party_document.html`: the body above and the issuer."""
    return {"issuer_parent": issuer_parent, "issuer": issuer}


def person_name(user: Any) -> str:
    """The name printed under a signature (the user name when no full name is recorded)."""
    return (user.get_full_name() or user.username) if user is not None else ""


def signer_block(*, title: str, name: str, authority: str = "") -> dict[str, str]:
    """The signature block: the authority line (`K/T CHÁNH VĂN PHÒNG`) when someone signs for
    the head, the signer's title and name."""
    block = {"signer_title": title, "signer_name": name}
    if authority:
        block["signer_authority"] = authority
    return block


def recipients(*lines: str) -> dict[str, list[str]]:
    """The "Nơi nhận" list, one line per recipient, the archive copy last."""
    return {"recipients": [line for line in lines if line]}
