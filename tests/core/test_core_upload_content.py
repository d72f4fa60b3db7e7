"""Uploads are checked by their structure, not their first bytes: hostile files built here are
refused with a Vietnamese message, and an upload past the limit is cut at the limit."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

from core.uploads import BoundedUploadHandler, validate_upload

BROKEN_PDF = "Tệp bị hỏng hoặc không thực sự là tệp PDF."
ACTIVE = (
    "Tệp PDF có nội dung tự chạy (JavaScript, lệnh tự động, mở chương trình hoặc tệp nhúng) nên "
    "không được nhận. Hãy in lại văn bản ra PDF thường rồi gửi."
)


def upload(content: bytes, name: str = "tep.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refusal(content: bytes, name: str = "tep.pdf") -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload(content, name))
    return excinfo.value.messages


def pdf(build=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if build is not None:
        build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def javascript_action(script: str = "app.alert(1)") -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(script),
        }
    )


def open_action_js(writer):
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(javascript_action())


def page_additional_action(writer):
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): writer._add_object(javascript_action())}
    )


def launch_action(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )


def embedded_file(writer):
    writer.add_attachment("chay-toi.exe", b"MZ\x90\x00")


def javascript_name_tree(writer):
    names = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("mo"), writer._add_object(javascript_action())]
            )
        }
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(names)}
    )


def test_a_real_pdf_with_a_plain_open_action_is_accepted():
    def go_to_first_page(writer):
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/GoTo"),
                NameObject("/D"): ArrayObject([writer.pages[0].indirect_reference]),
            }
        )

    assert validate_upload(upload(pdf())) == "pdf"
    assert validate_upload(upload(pdf(go_to_first_page))) == "pdf"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>",
        b'%PDF-1.4\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        pdf()[:200],
    ],
    ids=["html", "svg", "no-catalogue", "truncated"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(content):
    assert refusal(content) == [BROKEN_PDF]


def test_a_real_pdf_carrying_html_near_its_start_is_refused():
    """A polyglot: a valid PDF whose first comment line is a page a sniffing browser runs."""
    content = pdf().replace(b"\n", b"\n%<html><script>alert(1)</script>\n", 1)
    assert refusal(content) == [BROKEN_PDF]


@pytest.mark.parametrize(
    "build",
    [open_action_js, page_additional_action, launch_action, embedded_file, javascript_name_tree],
    ids=["open-action-js", "page-aa", "launch", "embedded-file", "javascript-names"],
)
def test_a_pdf_with_active_content_is_refused(build):
    assert refusal(pdf(build)) == [ACTIVE]


def test_an_obfuscated_javascript_name_is_still_found():
    content = pdf(open_action_js).replace(b"/JS ", b"/J#53 ")
    assert b"/J#53" in content
    assert refusal(content) == [ACTIVE]


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas (a decompression bomb's signature)."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, format="PNG")
    content = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(content[24:29])
    content[16:29] = ihdr
    content[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(content)


def test_an_image_claiming_too_many_pixels_is_refused_before_decoding():
    messages = refusal(png_claiming(100_000, 100_000), "anh.png")
    assert messages == ["Ảnh quá lớn: tối đa 50 triệu điểm ảnh."]


def test_a_compressed_image_over_the_pixel_limit_is_refused(settings):
    settings.UPLOAD_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("1", (2000, 2000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 10_000
    assert refusal(buffer.getvalue(), "anh.png") == ["Ảnh quá lớn: tối đa 1 triệu điểm ảnh."]


def test_a_truncated_or_mislabelled_image_is_refused():
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(buffer, format="JPEG")
    half = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    assert refusal(half, "anh.jpg") == ["Tệp bị hỏng hoặc không thực sự là tệp JPEG."]
    fake_png = b"\x89PNG\r\n\x1a\n" + b"<html><script>alert(1)</script></html>"
    assert refusal(fake_png, "anh.png") == ["Tệp bị hỏng hoặc không thực sự là tệp PNG."]


def test_the_upload_handler_keeps_nothing_past_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    handler = BoundedUploadHandler()
    handler.new_file("tep", "to.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    assert handler.receive_data_chunk(b"x" * 600, 600) is None
    assert handler.receive_data_chunk(b"x" * 600, 1200) is None
    cut = handler.file_complete(1800)
    assert cut.size == 1800 and cut.read() == b""
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(cut)
    assert excinfo.value.code == "file_too_large"

    handler.new_file("tep", "nho.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    assert handler.file_complete(600) is None
