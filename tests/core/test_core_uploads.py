import io
import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from core.models import GeneratedFile
from core.uploads import RandomUploadTo, UploadValidator, random_upload_to, validate_upload

WRONG_TYPE = "Chỉ nhận tệp PDF hoặc ảnh (PNG, JPEG)."


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def pdf_bytes() -> bytes:
    from core.pdf import render_pdf

    return render_pdf("core/pdf/base.html", {})


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("kind", "make"),
    [("png", lambda: image_bytes("PNG")), ("jpeg", lambda: image_bytes("JPEG"))],
)
def test_real_images_are_accepted(kind, make):
    assert validate_upload(upload(f"anh.{kind}", make())) == kind


def test_real_pdf_is_accepted(pdf_bytes):
    assert validate_upload(upload("van-ban.pdf", pdf_bytes, "application/pdf")) == "pdf"


def test_type_comes_from_content_not_name_or_client_type(pdf_bytes):
    # A PDF called .png with an image content type is still a PDF...
    assert validate_upload(upload("anh.png", pdf_bytes, "image/png")) == "pdf"
    # ...and a script called .pdf claiming application/pdf is refused.
    with pytest.raises(
        ValidationError, match=r"Chỉ nhận tệp PDF hoặc ảnh \(PNG, JPEG\)\."
    ) as excinfo:
        validate_upload(upload("van-ban.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"))
    assert excinfo.value.messages == [WRONG_TYPE]
    assert excinfo.value.code == "file_type"


def test_html_and_empty_files_are_refused():
    for content in (b"<html><script>alert(1)</script></html>", b""):
        with pytest.raises(
            ValidationError, match=r"Chỉ nhận tệp PDF hoặc ảnh \(PNG, JPEG\)\."
        ) as excinfo:
            validate_upload(upload("x.pdf", content))
        assert excinfo.value.messages == [WRONG_TYPE]


def test_too_large(settings, pdf_bytes):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    big = pdf_bytes + b"\0" * (settings.UPLOAD_MAX_BYTES - len(pdf_bytes) + 1)
    with pytest.raises(ValidationError, match=r"Tệp quá lớn: tối đa 2 MB\.") as excinfo:
        validate_upload(upload("to.pdf", big))
    assert excinfo.value.messages == ["Tệp quá lớn: tối đa 2 MB."]
    assert excinfo.value.code == "file_too_large"
    # Exactly at the limit is fine.
    assert validate_upload(upload("vua.pdf", big[:-1])) == "pdf"


def test_restricting_the_allowed_kinds():
    png = upload("anh.png", image_bytes("PNG"))
    with pytest.raises(ValidationError, match=r"Chỉ nhận tệp thuộc loại: PDF\.") as excinfo:
        validate_upload(png, allowed=("pdf",))
    assert excinfo.value.messages == ["Chỉ nhận tệp thuộc loại: PDF."]
    with pytest.raises(ValueError):
        validate_upload(png, allowed=("exe",))


def test_validation_leaves_the_file_readable_from_where_it_was(pdf_bytes):
    file = upload("van-ban.pdf", pdf_bytes)
    validate_upload(file)
    assert file.read() == pdf_bytes


def test_validator_in_a_form_field(settings):
    class EvidenceForm(forms.Form):
        file = forms.FileField(validators=[UploadValidator()])

    good = EvidenceForm(files={"file": upload("a.jpg", image_bytes("JPEG"))})
    bad = EvidenceForm(files={"file": upload("a.jpg", b"GIF89a......")})
    assert good.is_valid()
    assert not bad.is_valid()
    assert bad.errors["file"] == [WRONG_TYPE]


def test_validator_and_upload_to_deconstruct_for_migrations():
    validator = UploadValidator(allowed=("pdf",))
    path, args, kwargs = validator.deconstruct()
    assert path == "core.uploads.UploadValidator"
    assert UploadValidator(*args, **kwargs) == validator
    assert UploadValidator() != validator

    upload_to = random_upload_to("escalations")
    path, args, kwargs = upload_to.deconstruct()
    assert path == "core.uploads.RandomUploadTo"
    assert RandomUploadTo(*args, **kwargs) == upload_to
    assert random_upload_to("other") != upload_to


def test_stored_name_is_random_with_the_detected_extension(media_root, user):
    generated = GeneratedFile(owner=user, title="t", kind="k")
    generated.file = ContentFile(image_bytes("PNG"), name="bao-cao-mat.php")
    generated.save()

    now = timezone.localtime()  # the same clock as the upload_to
    assert re.fullmatch(rf"generated/{now:%Y}/{now:%m}/[0-9a-f]{{32}}\.png", generated.file.name), (
        generated.file.name
    )
    assert (media_root / generated.file.name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    second = GeneratedFile(owner=user, title="t", kind="k")
    second.file = ContentFile(image_bytes("PNG"), name="bao-cao-mat.php")
    second.save()
    assert second.file.name != generated.file.name


def test_unknown_content_gets_a_neutral_extension(media_root, user):
    generated = GeneratedFile(owner=user, title="t", kind="k")
    generated.file = ContentFile(b"#!/bin/sh\n", name="script.sh")
    generated.save()
    assert generated.file.name.endswith(".bin")
