"""Uploaded files: what we accept, where we store them, how we serve them back.

The type is read from the file's content, never from its name or the browser's content type,
which the sender controls: the first bytes name a kind, and the file must then really be one (a
PDF parses and carries no active content: no JavaScript, automatic action, launch or embedded
file; an image decodes within a pixel limit). The stored name takes the extension of the kind
found, and files are served back with that kind's content type, as attachments. Stored names are
random so that a file's name reveals nothing about its content and cannot collide or be guessed.
`BoundedUploadHandler` stops storing an upload at the size limit, so an oversized file costs no
disk and is refused on the form like any other."""

from __future__ import annotations

import io
import logging
import os
import uuid
import warnings
from collections.abc import Iterable
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
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
MESSAGE_BROKEN = _("Tệp bị hỏng hoặc không thực sự là tệp %(kind)s.")
MESSAGE_ACTIVE_CONTENT = _(
    "Tệp PDF có nội dung tự chạy (JavaScript, lệnh tự động, mở chương trình hoặc tệp nhúng) nên "
    "không được nhận. Hãy in lại văn bản ra PDF thường rồi gửi."
)
MESSAGE_ENCRYPTED = _("Tệp PDF có mật khẩu: hãy gửi bản không đặt mật khẩu.")
MESSAGE_TOO_MANY_PIXELS = _("Ảnh quá lớn: tối đa %(max)s triệu điểm ảnh.")
_KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG"}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG"}

#: Markup a browser or an old viewer could run if it sniffed a PDF as HTML or SVG (images are
#: decoded whole, and their metadata may hold XML, so only PDFs are searched for it).
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<body", b"<iframe")
_MARKUP_WINDOW = 1024
#: PDF dictionary keys that make a reader run something: scripts, actions on open or on events,
#: forms that post or import data, embedded files, rich media and XFA forms.
_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
)
_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute", "/Rendition"}
)

# pypdf logs a warning for every small defect of a scanner's PDF; a refusal is what counts here.
logging.getLogger("pypdf").setLevel(logging.ERROR)


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
    content = _read_all(file)
    if kind == "pdf":
        _check_pdf(content)
    else:
        _check_image(content, kind)
    return kind


def _read_all(file: Any) -> bytes:
    """The whole content (at most the size limit, checked before), leaving the read position."""
    try:
        position = file.tell()
    except (AttributeError, OSError, ValueError):
        position = None
    try:
        file.seek(0)
        content = file.read()
    finally:
        if position is not None:
            file.seek(position)
    return content if isinstance(content, bytes) else b""


def _check_pdf(content: bytes) -> None:
    """The file parses as a PDF, holds no page markup near its start, is readable without a
    password, and no object in it holds active content (object streams included: every object
    of the cross-reference is read)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    broken = ValidationError(MESSAGE_BROKEN, code="file_broken", params={"kind": "PDF"})
    if any(marker in content[:_MARKUP_WINDOW].lower() for marker in _MARKUP):
        raise broken
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(MESSAGE_ENCRYPTED, code="file_encrypted")
            if len(reader.pages) < 1:
                raise broken
            numbers = {number for entries in reader.xref.values() for number in entries}
            numbers |= set(reader.xref_objStm)
            objects = [reader.trailer] + [reader.get_object(number) for number in sorted(numbers)]
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a broken file
        raise broken from exc
    for obj in objects:
        dictionaries = [obj] if isinstance(obj, DictionaryObject) else []
        if isinstance(obj, ArrayObject):
            dictionaries = [item for item in obj if isinstance(item, DictionaryObject)]
        for dictionary in dictionaries:
            if _is_active(dictionary):
                raise ValidationError(MESSAGE_ACTIVE_CONTENT, code="file_active_content")


def _is_active(dictionary) -> bool:
    from pypdf.generic import DictionaryObject

    if _ACTIVE_KEYS & set(dictionary.keys()):
        return True
    if dictionary.get("/S") in _ACTIVE_ACTIONS or dictionary.get("/Type") == "/EmbeddedFile":
        return True
    open_action = dictionary.get("/OpenAction")
    if open_action is not None:
        action = open_action.get_object()
        if isinstance(action, DictionaryObject) and action.get("/S") != "/GoTo":
            return True
    return False


def _check_image(content: bytes, kind: str) -> None:
    """The image is of the kind its first bytes name, within the pixel limit, and decodes.

    WeasyPrint switches Pillow's process-wide `LOAD_TRUNCATED_IMAGES` on when it is imported (it
    prints what it can of a damaged picture); an upload must decode whole, so the check turns it
    off for its own decoding."""
    from PIL import Image, ImageFile

    limit = settings.UPLOAD_MAX_PIXELS
    broken = ValidationError(
        MESSAGE_BROKEN, code="file_broken", params={"kind": _KIND_LABELS[kind]}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format != _PILLOW_FORMATS[kind]:
                    raise broken
                width, height = image.size
                if width * height > limit:
                    raise ValidationError(
                        MESSAGE_TOO_MANY_PIXELS,
                        code="image_too_large",
                        params={"max": f"{limit / 1_000_000:g}"},
                    )
                image.verify()
            truncated_allowed = ImageFile.LOAD_TRUNCATED_IMAGES
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            try:
                with Image.open(io.BytesIO(content)) as image:
                    image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            MESSAGE_TOO_MANY_PIXELS,
            code="image_too_large",
            params={"max": f"{limit / 1_000_000:g}"},
        ) from exc
    except Exception as exc:  # Pillow raises many kinds of error on a broken file
        raise broken from exc


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


def stored_kind(file: FieldFile) -> str | None:
    """The kind the check found when the file was stored: its stored name's extension."""
    extension = os.path.splitext(file.name or "")[1].lower()
    for kind, (_magic, kind_extension) in SIGNATURES.items():
        if extension == kind_extension:
            return kind
    return None


def serve(file: FieldFile, filename: str, *, inline: bool = False) -> FileResponse:
    """The stored file as a download, with the content type of the kind the check found (never
    one guessed from the uploader's file name) and a file name ending in that kind's extension;
    `X-Content-Type-Options: nosniff` comes from SecurityMiddleware. `inline` shows a PDF in the
    page that embeds it (the admin's decision page); anything else is always a download."""
    kind = stored_kind(file)
    stem = os.path.splitext(os.path.basename(filename))[0] or "tep"
    extension = SIGNATURES[kind][1] if kind else ".bin"
    response = FileResponse(
        file.open("rb"),
        as_attachment=not (inline and kind == "pdf"),
        filename=stem + extension,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    return response


class _OversizedUpload(UploadedFile):
    """What is left of an upload cut at the size limit: its name and true size, no content, so
    that `validate_upload` refuses it on the form with the size message."""

    def __init__(self, name: str, size: int, content_type: str | None, charset: str | None):
        super().__init__(io.BytesIO(), name, content_type, size, charset)


class BoundedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes each file's chunks on to the next handlers until
    the file exceeds `settings.UPLOAD_MAX_BYTES`, then swallows the rest (nothing more is kept in
    memory or on disk) and hands the form an empty file of the true size."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.oversized = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self.oversized = True
        return None if self.oversized else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.oversized:
            return None
        return _OversizedUpload(self.file_name, self.received, self.content_type, self.charset)
