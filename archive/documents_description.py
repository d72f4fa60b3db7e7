"""Finding aids printed to PDF/A (mục lục hồ sơ of a series, the fonds guide) and the EAD3 and
BagIt exports built in the background (`core.generated`): the builders run for the user who
asked and export only the files he may see, the secret ones logged as for any export."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from archive.models import Fonds, RecordFile, Series
from archive.services import exchange
from core.generated import ZIP, FileFormat, register_file_builder
from core.pdf import PDF_A, register_pdf_builder
from units import permissions

XML = FileFormat("xml", "application/xml")

TARGETS = {"fonds": Fonds, "series": Series, "file": RecordFile}


def target_of(level: str, pk: int):
    return TARGETS[level]._default_manager.get(pk=pk)


def visible_scope(user, target) -> exchange.Scope:
    """The target's files the user may see; a file he may not see is refused outright."""
    scope = exchange.scope_for(target, permissions.visible(exchange.files_queryset(), user))
    if isinstance(target, RecordFile) and not scope.files.exists():
        raise PermissionDenied(_("Anh/chị không có quyền xem hồ sơ này."))
    return scope


def _log(user):
    def on_file(record_file):
        if record_file.is_secret:
            permissions.log_secret_rows([record_file], user, via="export")

    return on_file


def finding_aid(user, target) -> tuple[str, dict[str, Any]]:
    """The template and context of a series' file list or a fonds guide (PDF/A)."""
    scope = visible_scope(user, target)
    files = permissions.log_secret_rows(
        exchange.iterate(scope.files), user, via="export", model=RecordFile
    )
    rows = [(record_file, exchange.values_of(record_file)) for record_file in files]
    context = {"target": target, "values": exchange.values_of(target), "rows": rows}
    if isinstance(target, Fonds):
        series = list(Series.objects.filter(fonds=target).select_related("description", "fonds"))
        context["series"] = [(row, exchange.values_of(row)) for row in series]
        context["title"] = _("Hướng dẫn phông %(code)s") % {"code": target.code}
        return "archive/description/fonds_guide.html", context
    context["title"] = _("Mục lục hồ sơ %(series)s") % {"series": str(target)}
    return "archive/description/series_finding_aid.html", context


@register_pdf_builder("archive.finding_aid", variant=PDF_A)
def build_finding_aid(params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    user = get_user_model().objects.get(pk=params["user"])
    return finding_aid(user, target_of(params["level"], params["pk"]))


@register_file_builder("archive.ead", file_format=XML)
def build_ead(params: dict[str, Any]) -> bytes:
    user = get_user_model().objects.get(pk=params["user"])
    scope = visible_scope(user, target_of(params["level"], params["pk"]))
    permissions.log_secret_rows(exchange.iterate(scope.files), user, via="export")
    out = io.BytesIO()
    exchange.write_ead(out, scope)
    return out.getvalue()


@register_file_builder("archive.bag", file_format=ZIP)
def build_bag(params: dict[str, Any]) -> bytes:
    user = get_user_model().objects.get(pk=params["user"])
    scope = visible_scope(user, target_of(params["level"], params["pk"]))
    workdir = Path(tempfile.mkdtemp(prefix="vps-bag-"))
    try:
        bag = workdir / "bag"
        exchange.write_bag(bag, scope, on_file=_log(user))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(bag.rglob("*")):
                if path.is_file():
                    archive.write(path, Path("bag") / path.relative_to(bag))
        return out.getvalue()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
