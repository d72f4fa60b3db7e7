"""Uploaded files: what we accept and where we store them.

The type is read from the file's first bytes, never from its name or the browser's content type,
which the sender controls. Stored names are random so that a file's name reveals nothing about
its content and cannot collide or be guessed."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# kind -> (magic prefix, extension)
SIGNATURES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF-", ".pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "jpeg": (b"\xff\xd8\xff", ".jpg"),
}
DEFAULT_ALLOWED: tuple[str, ...] = ("pdf", "png", "jpeg")
_HEADER_BYTES = max(len(magic) for magic, _ext in SIGNATURES.values())

MESSAGE_TOO_LARGE = _("Tệp quá lớn: tối đa %(max)s MB.")
MESSAGE_WRONG_TYPE = _("Chỉ nhận tệp PDF hoặc ảnh (PNG, JPEG).")
MESSAGE_WRONG_TYPE_CUSTOM = _("Chỉ nhận tệp thuộc loại: %(types)s.")
_KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG"}


def _read_header(file: Any) -> bytes:
    """The first bytes of the file, leaving the read position where it was so that the storage
    later saves the whole file."""
    stream: IO[bytes] = file
    try:
        position = stream.tell()
    except (AttributeError, OSError, ValueError):
        position = None
    try:
        stream.seek(0)
        header = stream.read(_HEADER_BYTES)
    except OSError:
        return b""
    finally:
        if position is not None:
            stream.seek(position)
    return header if isinstance(header, bytes) else b""


def detect_type(file: Any) -> str | None:
    """`"pdf"`, `"png"`, `"jpeg"` or None, from the file's magic number."""
    header = _read_header(file)
    for kind, (magic, _ext) in SIGNATURES.items():
        if header.startswith(magic):
            return kind
    return None


def _max_megabytes(max_bytes: int) -> str:
    megabytes = max_bytes / (1024 * 1024)
    return f"{megabytes:g}"


def validate_upload(
    file: Any,
    *,
    allowed: Iterable[str] = DEFAULT_ALLOWED,
    max_bytes: int | None = None,
) -> str:
    """Reject files larger than `settings.UPLOAD_MAX_BYTES` (or `max_bytes`) and files whose
    content is not one of the `allowed` kinds. Returns the detected kind."""
    allowed = tuple(allowed)
    unknown = set(allowed) - set(SIGNATURES)
    if unknown:
        raise ValueError(f"Unknown upload kinds: {sorted(unknown)}")
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            MESSAGE_TOO_LARGE, code="file_too_large", params={"max": _max_megabytes(limit)}
        )
    kind = detect_type(file)
    if kind not in allowed:
        if set(allowed) == set(DEFAULT_ALLOWED):
            raise ValidationError(MESSAGE_WRONG_TYPE, code="file_type")
        raise ValidationError(
            MESSAGE_WRONG_TYPE_CUSTOM,
            code="file_type",
            params={"types": ", ".join(_KIND_LABELS[k] for k in allowed)},
        )
    return kind


@deconstructible(path="core.uploads.UploadValidator")
class UploadValidator:
    """`validate_upload` as a field validator: `FileField(validators=[UploadValidator()])`.

    The size limit is read from settings when a file is validated (unless given), so migrations do
    not freeze the deployment's limit."""

    def __init__(self, allowed: Iterable[str] = DEFAULT_ALLOWED, max_bytes: int | None = None):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes

    def __call__(self, file: Any) -> None:
        if isinstance(file, FieldFile) and file._committed:
            # Already stored: it passed when uploaded; a later change of limits must not make
            # every unrelated edit of the row fail.
            return
        validate_upload(file, allowed=self.allowed, max_bytes=self.max_bytes)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )

    def __hash__(self) -> int:
        return hash((self.allowed, self.max_bytes))


def _pending_file_for(instance: Any, filename: str) -> Any | None:
    """The not-yet-saved file the model instance is about to store under `filename`.

    Django calls `upload_to(instance, filename)` without the content, but while saving, the
    instance's FieldFile still holds the uncommitted file, so we can sniff it."""
    meta = getattr(instance, "_meta", None)
    if meta is None:
        return None
    basename = os.path.basename(filename)
    for field in meta.concrete_fields:
        value = instance.__dict__.get(field.attname)
        if not isinstance(value, FieldFile) or value._committed:
            continue
        content = getattr(value, "_file", None)
        if content is not None and os.path.basename(value.name or "") == basename:
            return content
    return None


@deconstructible(path="core.uploads.RandomUploadTo")
class RandomUploadTo:
    """`upload_to` callable storing files as `<prefix>/YYYY/MM/<uuid4 hex><ext>`, the extension
    taken from the detected type (falling back to a known extension of the original name, else
    `.bin`)."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        extension = ".bin"
        content = _pending_file_for(instance, filename)
        kind = detect_type(content) if content is not None else None
        if kind is not None:
            extension = SIGNATURES[kind][1]
        else:
            original = os.path.splitext(filename)[1].lower()
            known = {ext for _magic, ext in SIGNATURES.values()} | {".jpeg"}
            if original in known:
                extension = ".jpg" if original == ".jpeg" else original
        now = timezone.localtime()
        return f"{self.prefix}/{now:%Y/%m}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomUploadTo) and self.prefix == other.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def random_upload_to(prefix: str) -> RandomUploadTo:
    """`FileField(upload_to=random_upload_to("escalations"))`."""
    return RandomUploadTo(prefix)
