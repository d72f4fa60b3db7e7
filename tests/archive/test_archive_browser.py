"""End to end in Chromium: a specialist opens a file from the approved list, adds two
registered documents and a scan, closes it; the head hands in the unit's transfer; the
archivist checks it, notes one missing sheet, accepts and shelves it; the file shows its
location; the transfer list PDF has the columns of the regulation."""

import io
import re
from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from archive import services
from dispatch import services as dispatch_services
from dispatch.models import DocumentType
from tests.dispatch.conftest import PDF_BYTES
from tests.kit.otp import browser_second_factor
from units import approvals, ownership
from units.choices import DecisionKind


def sign_in(page, base, username, password):
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].btn-primary")
    browser_second_factor(page, username)


def _documents(office):
    """Two incoming documents registered by the clerk, distributed to TH and given by its head
    to the specialist."""
    documents = []
    for n in (1, 2):
        document = dispatch_services.incoming_register(
            actor=office["clerk"],
            received_at=timezone.now(),
            sender="Ban Tổ chức Tỉnh ủy",
            number_and_symbol=f"{n:02d}-CV/BTCTU",
            document_date=date(2026, 11, 20),
            doc_type=DocumentType.objects.get(name="Công văn"),
            summary=f"Về việc chuẩn bị hội nghị tổng kết lần {n}",
        )
        document = dispatch_services.incoming_distribute(
            actor=office["chief"], document=document, lead_unit=office.units["th"], handling_days=5
        )
        ownership.work_reassign(
            actor=office["head"], obj=document, new_owner=office["staff"], reason="Giao xử lý"
        )
        documents.append(document)
    return documents


def _approved_list(office, flow):
    file_list = services.file_list_create(
        actor=office["head"], unit=office.units["th"], year=2026, title="Danh mục hồ sơ 2026"
    )
    services.file_list_entry_add(
        actor=office["head"],
        file_list=file_list,
        code="TH-05",
        title="Hồ sơ hội nghị tổng kết năm",
        retention=flow.rules["10-01"],
        person=office["staff"],
    )
    approvals.approval_submit(actor=office["head"], obj=file_list)
    approvals.approval_decide(actor=office["lt_head"], obj=file_list, kind=DecisionKind.APPROVE)
    file_list.refresh_from_db()
    approvals.approval_decide(actor=office["dc"], obj=file_list, kind=DecisionKind.APPROVE)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_file_compiled_transferred_checked_and_shelved(
    live_server, page, office, flow, password, media_root, tmp_path
):
    _approved_list(office, flow)
    _documents(office)
    box = flow.box()
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, base, "th_staff", password)
    page.goto(f"{base}/luu-tru/")
    page.click("#entries-to-open a")
    page.click("#open-from-entry")
    page.wait_for_url(re.compile(r".*/luu-tru/ho-so/\d+/$"))
    file_url = page.url
    page.click("#pick-items")
    page.select_option("select[name=nguon]", "dispatch.incoming")
    page.click("form[role=search] button[type=submit]")
    page.check("#candidates input[type=checkbox] >> nth=0")
    page.check("#candidates input[type=checkbox] >> nth=1")
    page.click("#add-picked")
    page.wait_for_url(file_url)
    assert "hội nghị tổng kết lần 1" in page.inner_text("#items")
    assert "hội nghị tổng kết lần 2" in page.inner_text("#items")
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(PDF_BYTES)
    page.fill("#id_paper-title", "Bản quét biên bản hội nghị")
    page.fill("#id_paper-sheets", "3")
    page.set_input_files("#id_paper-upload", str(scan))
    page.click("button[name=submit-paper]")
    assert "Bản quét biên bản hội nghị" in page.inner_text("#items")
    assert page.inner_text("#file-sheets").startswith("5")
    page.click("button[name=submit-close]")
    assert "Đã kết thúc" in page.inner_text("#file-state")

    sign_in(page, base, "th_head", password)
    page.goto(f"{base}/luu-tru/nop-luu/")
    page.click("#transfer-create")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(re.compile(r".*/luu-tru/nop-luu/\d+/$"))
    transfer_url = page.url
    page.check("#action-files input[type=checkbox] >> nth=0")
    page.click("button[name=submit-files]")
    assert "TH-05" in page.inner_text("#lines")
    page.click("button[name=submit-submit]")
    assert "chờ kiểm tra" in page.inner_text("#transfer-state")

    sign_in(page, base, "lt_cv", password)
    page.goto(transfer_url)
    page.select_option("#id_check-line", index=1)
    page.select_option("#id_check-condition", "missing")
    page.fill("#id_check-note", "Thiếu 01 tờ (tờ số 4)")
    page.click("button[name=submit-check]")
    assert "Thiếu 01 tờ" in page.inner_text("#lines")
    page.click("button[name=submit-accept]")
    assert "Đã giao nhận" in page.inner_text("#transfer-state")
    pdf = page.request.get(f"{transfer_url}muc-luc.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages).split()
    )
    for column in (
        "Số TT",
        "Số, ký hiệu hồ sơ",
        "Tiêu đề hồ sơ",
        "Thời gian tài liệu",
        "Thời hạn bảo quản",
        "Số tờ",
        "Ghi chú",
    ):
        assert column in text
    assert "TH-05" in text and "Thiếu 01 tờ" in text
    page.goto(file_url)
    page.select_option("#id_custody-box", str(box.pk))
    page.click("button[name=submit-custody]")
    assert "Kho số 1" in page.inner_text("#file-location")

    sign_in(page, base, "th_staff", password)
    page.goto(file_url)
    assert "Trong Lưu trữ cơ quan" in page.inner_text("#file-state")
    assert "hộp 001" in page.inner_text("#file-location")
