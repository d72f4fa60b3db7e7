"""End to end in Chromium: CY loads the office's certificate in the admin (a wrong passphrase
and a file that is no certificate refused first), the deputy chief signs a draft in the admin
after his password and code, the clerk issues it, and the issued PDF verifies with pyHanko."""

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from cipher.signing_models import SigningCertificate, TrustAnchor
from dispatch import services
from dispatch.models import OutgoingDocument
from tests.cipher.security.conftest import PASSPHRASE, content_pdf, cy_person, validate
from tests.dispatch.conftest import draft_outgoing
from tests.kit.otp import browser_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-2026"


def sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)


def test_cy_loads_the_certificate_and_the_issued_pdf_verifies(
    live_server, page, office, ca, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    cy_person("cy_admin", admin=True)
    p12 = tmp_path / "van-phong.p12"
    p12.write_bytes(ca.issue("Văn phòng Tỉnh ủy Thanh Hóa"))
    root = tmp_path / "ca.pem"
    root.write_bytes(ca.pem)
    not_a_certificate = tmp_path / "ghi-chu.pem"
    not_a_certificate.write_bytes(b"%PDF-1.4 day khong phai chung thu")

    sign_in(page, base, "cy_admin")
    page.goto(f"{base}/admin/cipher/signingcertificate/add/")
    page.fill("#id_name", "Văn phòng Tỉnh ủy")
    page.set_input_files("#id_pkcs12", str(p12))
    page.fill("#id_passphrase", "sai-mat-khau")
    page.click("input[name=_save]")
    assert "sai mật khẩu của tệp" in page.inner_text("#content")
    assert not SigningCertificate.objects.exists()
    page.set_input_files("#id_pkcs12", str(p12))
    page.fill("#id_passphrase", PASSPHRASE)
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/signingcertificate/$"))
    assert SigningCertificate.objects.count() == 1

    page.goto(f"{base}/admin/cipher/trustanchor/add/")
    page.fill("#id_name", "CA Ban Cơ yếu Chính phủ")
    page.set_input_files("#id_certificate", str(not_a_certificate))
    page.click("input[name=_save]")
    assert "không phải chứng thư số" in page.inner_text("#content")
    assert not TrustAnchor.objects.exists()
    page.set_input_files("#id_certificate", str(root))
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/trustanchor/$"))

    document = draft_outgoing(office, content_file=SimpleUploadedFile("du-thao.pdf", content_pdf()))
    services.outgoing_review(actor=office["th_head"], document=document)
    services.outgoing_confirm_check(actor=office["clerk"], document=document)
    services.outgoing_submit(actor=office["th_staff"], document=document)

    sign_in(page, base, "dc1")
    page.goto(f"{base}/admin/dispatch/outgoingdocument/{document.pk}/change/")
    page.click("#decision-form button[name=kind][value=approve]")
    page.wait_for_load_state("load")

    sign_in(page, base, "clerk1")
    page.goto(f"{base}{document.get_absolute_url()}")
    page.click("#action-issue button[type=submit]")
    page.wait_for_selector("#digital-signatures")
    assert "Hợp lệ" in page.inner_text("#digital-signatures")
    with page.expect_download() as download:
        page.click("#digital-signatures a.signed-file")
    with open(download.value.path(), "rb") as handle:
        signed = handle.read()
    document = OutgoingDocument.objects.get(pk=document.pk)
    assert document.number_and_symbol
    # pyHanko runs its own event loop: outside Playwright's, in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        (status,) = pool.submit(validate, signed, [ca.certificate]).result()
    assert status.bottom_line and status.intact and status.trusted
    text = PdfReader(io.BytesIO(signed)).pages[0].extract_text()
    assert f"Số {document.number_and_symbol}" in text
