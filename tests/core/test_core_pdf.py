import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from core import pdf, services
from core.generated import FILE_BUILDERS
from core.models import GeneratedFile, GeneratedFileStatus, Notification
from core.templatetags.core_tags import party_date

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "units.backends.OfficeModelBackend"

PARTY_CONTEXT = {
    "issuer_parent": "TỈNH ỦY QUẢNG NAM",
    "issuer": "VĂN PHÒNG",
    "number": "Số 21-HD/VPTW",
    "place": "Tam Kỳ",
    "date": date(2026, 2, 5),
    "doc_type": "Hướng dẫn",
    "summary": "chế độ làm việc của các phòng",
    "signer_authority": "T/L CHÁNH VĂN PHÒNG",
    "signer_title": "Phó Chánh Văn phòng",
    "signer_name": "Nguyễn Thị Ánh Tuyết",
    "recipients": ["Các phòng, trung tâm", "Lưu Văn phòng Tỉnh ủy"],
    "secrecy": "Mật",
    "urgency": "Khẩn",
}


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def embedded_fonts(content: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.fixture
def party_pdf() -> bytes:
    return pdf.render_pdf("core/pdf/party_document.html", PARTY_CONTEXT)


def test_party_document_keeps_vietnamese_text_exactly(party_pdf):
    assert party_pdf.startswith(b"%PDF-")
    text = pdf_text(party_pdf)
    for expected in [
        "TỈNH ỦY QUẢNG NAM",
        "VĂN PHÒNG",
        "Số 21-HD/VPTW",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Tam Kỳ, ngày 05 tháng 02 năm 2026",
        "HƯỚNG DẪN",
        "chế độ làm việc của các phòng",
        "Nơi nhận:",
        "- Lưu Văn phòng Tỉnh ủy.",
        "T/L CHÁNH VĂN PHÒNG",
        "PHÓ CHÁNH VĂN PHÒNG",
        "Nguyễn Thị Ánh Tuyết",
        "MẬT",
        "KHẨN",
    ]:
        assert expected in text, expected


def test_content_block_of_a_document_extending_the_layout(tmp_path, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    (tmp_path / "huong_dan.html").write_text(
        '{% extends "core/pdf/party_document.html" %}{% block content %}'
        "<p>Văn phòng Tỉnh ủy Hướng dẫn các phòng thực hiện.</p>{% endblock %}",
        encoding="utf-8",
    )
    text = pdf_text(pdf.render_pdf("huong_dan.html", {"doc_type": "Hướng dẫn"}))
    assert "Văn phòng Tỉnh ủy Hướng dẫn các phòng thực hiện." in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text


def test_shipped_fonts_are_used_in_all_four_faces(party_pdf):
    for url in pdf.font_urls().values():
        assert url.startswith("file://")
    assert all((pdf.fonts_dir() / name).is_file() for name in pdf.FONT_FILES.values())
    assert (pdf.fonts_dir() / "LICENSE-LiberationFonts.txt").is_file()
    assert {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
    } <= embedded_fonts(party_pdf)


def test_pdf_may_only_read_shipped_static_files():
    fetcher = pdf._make_url_fetcher()
    font = fetcher.fetch(pdf.font_urls()["regular"])
    assert font.read(4) == b"\x00\x01\x00\x00"  # TrueType
    font.close()
    for url in ["file:///etc/passwd", "http://169.254.169.254/latest/", "https://example.com/"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_register_is_landscape_and_repeats_its_header(tmp_path):
    columns = ["STT", "Số ký hiệu", "Trích yếu nội dung", "Đơn vị chủ trì"]
    rows = [
        [i, f"{i}-CV/VPTU", "Về việc chuẩn bị hội nghị tổng kết", "Phòng Tổng hợp"]
        for i in range(150)
    ]
    content = pdf.render_pdf(
        "core/pdf/register.html",
        {"title": "Sổ đăng ký văn bản đi", "columns": columns, "rows": rows},
    )
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 2
    for page in reader.pages:
        assert page.mediabox.width > page.mediabox.height
        assert "Số ký hiệu" in page.extract_text()
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in reader.pages[0].extract_text()
    assert "149-CV/VPTU" in reader.pages[-1].extract_text()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 25), "ngày 25 tháng 11 năm 2026"),
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 12, 10), "ngày 10 tháng 12 năm 2026"),
        (None, ""),
    ],
)
def test_party_date(value, expected):
    assert party_date(value) == expected


# --- Background PDFs -----------------------------------------------------------------------


def build_test_register(params: dict) -> tuple[str, dict]:
    return "core/pdf/register.html", {
        "title": params["title"],
        "columns": ["STT", "Nội dung"],
        "rows": [[1, "Hướng dẫn chế độ làm việc"]],
    }


def build_broken(params: dict) -> tuple[str, dict]:
    raise RuntimeError("thiếu dữ liệu")


@pytest.fixture
def builders():
    pdf.register_pdf_builder("tests.register", build_test_register)
    pdf.register_pdf_builder("tests.broken", build_broken)
    yield
    FILE_BUILDERS.pop("tests.register", None)
    FILE_BUILDERS.pop("tests.broken", None)


def request_pdf(user, builder, capture):
    with capture(execute=True):
        return services.file_request(
            actor=user, builder=builder, params={"title": "Sổ theo dõi"}, title="Sổ theo dõi 2026"
        )


def test_builder_names_are_an_allow_list(user, builders):
    with pytest.raises(ValidationError, match=r"Loại tệp không được hỗ trợ: os\.system\."):
        services.file_request(actor=user, builder="os.system", params={}, title="x")
    with pytest.raises(ValueError):
        pdf.register_pdf_builder("tests.register", build_broken)
    assert GeneratedFile.objects.count() == 0


def test_register_as_decorator():
    @pdf.register_pdf_builder("tests.decorated")
    def build(params):
        return "core/pdf/base.html", {}

    try:
        assert pdf.get_pdf_builder("tests.decorated") is build
    finally:
        FILE_BUILDERS.pop("tests.decorated")


def test_generated_pdf_becomes_ready_and_only_its_owner_downloads_it(
    client, user, other_user, builders, eager_celery, media_root, django_capture_on_commit_callbacks
):
    generated = request_pdf(user, "tests.register", django_capture_on_commit_callbacks)
    generated.refresh_from_db()
    assert generated.status == GeneratedFileStatus.READY
    assert generated.finished_at is not None
    assert generated.file.name.startswith("generated/") and generated.file.name.endswith(".pdf")
    assert Notification.objects.filter(recipient=user, title__contains="Sổ theo dõi 2026").exists()

    client.force_login(user, backend=MODEL_BACKEND)
    detail = client.get(reverse("core:generated_file_detail", args=[generated.pk]))
    assert detail.status_code == 200
    assert 'http-equiv="refresh"' not in detail.content.decode()
    assert reverse("core:generated_file_download", args=[generated.pk]) in detail.content.decode()

    download = client.get(reverse("core:generated_file_download", args=[generated.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    body = b"".join(download.streaming_content)
    assert "Hướng dẫn chế độ làm việc" in pdf_text(body)

    client.force_login(other_user, backend=MODEL_BACKEND)
    assert client.get(reverse("core:generated_file_detail", args=[generated.pk])).status_code == 404
    assert (
        client.get(reverse("core:generated_file_download", args=[generated.pk])).status_code == 404
    )


def test_pending_file_page_refreshes_and_cannot_be_downloaded_yet(
    client, user, builders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generated = services.file_request(
            actor=user, builder="tests.register", params={"title": "x"}, title="Đang chờ"
        )
    assert len(callbacks) == 1  # the build is queued only after commit
    client.force_login(user, backend=MODEL_BACKEND)
    detail = client.get(reverse("core:generated_file_detail", args=[generated.pk]))
    assert '<meta http-equiv="refresh" content="2">' in detail.content.decode()
    download = client.get(reverse("core:generated_file_download", args=[generated.pk]))
    assert download.status_code == 404


def test_a_failing_builder_marks_the_file_failed(
    client, user, builders, eager_celery, media_root, django_capture_on_commit_callbacks
):
    generated = request_pdf(user, "tests.broken", django_capture_on_commit_callbacks)
    generated.refresh_from_db()
    assert generated.status == GeneratedFileStatus.FAILED
    assert "thiếu dữ liệu" in generated.error
    assert not generated.file
    client.force_login(user, backend=MODEL_BACKEND)
    detail = client.get(reverse("core:generated_file_detail", args=[generated.pk]))
    assert "Không tạo được tệp" in detail.content.decode()
    assert "thiếu dữ liệu" not in detail.content.decode()  # internals stay in the admin


def test_the_task_runs_only_the_builder_that_was_requested(user, builders, media_root):
    from core.tasks import build_file

    generated = GeneratedFile.objects.create(owner=user, title="x", kind="tests.register")
    assert build_file(generated.pk, "tests.broken", {}) == GeneratedFileStatus.FAILED
    # Redelivery of a finished task does nothing.
    assert build_file(generated.pk, "tests.register", {"title": "x"}) == GeneratedFileStatus.FAILED


# --- Party layout helpers ------------------------------------------------------------------


def test_number_and_symbol_in_the_party_form():
    assert pdf.number_and_symbol(7, "CV", "VPTU") == "07-CV/VPTU"
    assert pdf.number_and_symbol(123, "HD", "VPTU", unit_code="th") == "123-HD/VPTU/TH"
    assert pdf.number_and_symbol(None, "BC", "VPTU") == f"{pdf.BLANK_NUMBER}-BC/VPTU"
    assert pdf.number_line(None, "CTr", "VPTU", unit_code="th") == (
        f"Số {pdf.BLANK_NUMBER}-CTr/VPTU/TH"
    )


def test_heading_signer_and_recipients_are_context_for_the_party_template(user):
    context = {
        **pdf.heading(issuer_parent="TỈNH ỦY QUẢNG NAM", issuer="VĂN PHÒNG"),
        "number": pdf.number_line(21, "HD", "VPTW"),
        "doc_type": "HƯỚNG DẪN",
        "summary": "về thể thức văn bản",
        **pdf.signer_block(
            authority="K/T CHÁNH VĂN PHÒNG", title="PHÓ CHÁNH VĂN PHÒNG", name=pdf.person_name(user)
        ),
        **pdf.recipients("Các phòng", "", "Lưu VP"),
    }
    assert context["recipients"] == ["Các phòng", "Lưu VP"]
    assert pdf.signer_block(title="CHÁNH VĂN PHÒNG", name="A") == {
        "signer_title": "CHÁNH VĂN PHÒNG",
        "signer_name": "A",
    }
    text = pdf_text(pdf.render_pdf("core/pdf/party_document.html", context))
    for expected in ["Số 21-HD/VPTW", "K/T CHÁNH VĂN PHÒNG", "Thị Bình", "Lưu VP"]:
        assert expected in text
