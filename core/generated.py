"""Files built in the background, in any format (PDF, XLSX, CSV, ZIP).

An app registers a *builder* under a name: a function from the request's parameters to the file's
bytes, with the file's format (extension and content type). `core.services.file_request` queues
it for a user; the Celery task `core.tasks.build_file` runs it and stores a `GeneratedFile` that
only its owner downloads. Only registered names can be run; nothing is ever imported from user
input. PDF builders from templates register through `core.pdf.register_pdf_builder`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FileFormat:
    extension: str
    content_type: str


PDF = FileFormat("pdf", "application/pdf")
XLSX = FileFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
CSV = FileFormat("csv", "text/csv; charset=utf-8")
ZIP = FileFormat("zip", "application/zip")

FileBuild = Callable[[dict[str, Any]], bytes]


@dataclass(frozen=True)
class FileBuilder:
    build: FileBuild
    file_format: FileFormat


FILE_BUILDERS: dict[str, FileBuilder] = {}


def register_file_builder(name: str, fn: FileBuild | None = None, *, file_format: FileFormat):
    """Allow `name` to be built in the background, from your app's `AppConfig.ready()` (or a
    module it imports), directly or as a decorator:

        @register_file_builder("dispatch.register.xlsx", file_format=XLSX)
        def build_register_xlsx(params): return to_xlsx(...)
    """

    def decorator(function: FileBuild) -> FileBuild:
        builder = FileBuilder(build=function, file_format=file_format)
        existing = FILE_BUILDERS.get(name)
        if existing is not None and existing != builder:
            raise ValueError(f"File builder {name!r} is already registered")
        FILE_BUILDERS[name] = builder
        return function

    if fn is not None:
        return decorator(fn)
    return decorator


def get_file_builder(name: str) -> FileBuilder:
    """The registered builder, or KeyError: the allow-list is the only way in."""
    return FILE_BUILDERS[name]
