"""Digital signatures: CY's certificate store, the issued PDF signed with the office's (and the
leader's) certificate, the seal step, and incoming PDFs verified at registration."""

import io
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, pkcs12
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cipher import services_signing, signing
from cipher.signing_models import DocumentSignature, SignatureVerdict, SigningCertificate
from dispatch import services
from tests.cipher.security.conftest import PASSPHRASE, content_pdf, validate
from units import approvals
from units.choices import DecisionKind

pytestmark = pytest.mark.django_db


def load_office_certificate(cy_head, ca, *, holder=None, name="Văn phòng Tỉnh ủy"):
    return services_signing.certificate_load(
        actor=cy_head,
        name=name,
        pkcs12_data=ca.issue(name),
        passphrase=PASSPHRASE,
        holder=holder,
    )


def trust(cy_head, ca):
    return services_signing.trust_anchor_load(actor=cy_head, name="CA Ban Cơ yếu", data=ca.pem)


def signed_draft(office, draft, content: bytes):
    document = draft(content_file=SimpleUploadedFile("du-thao.pdf", content))
    services.outgoing_review(actor=office["th_head"], document=document)
    services.outgoing_confirm_check(actor=office["clerk"], document=document)
    services.outgoing_submit(actor=office["th_staff"], document=document)
    approvals.approval_decide(actor=office["dc"], obj=document, kind=DecisionKind.APPROVE)
    document.refresh_from_db()
    return document


def test_a_wrong_passphrase_is_refused_and_nothing_is_stored(cy_head, ca):
    with pytest.raises(ValidationError, match="sai mật khẩu của tệp"):
        services_signing.certificate_load(
            actor=cy_head, name="VP", pkcs12_data=ca.issue("VP"), passphrase="sai"
        )
    with pytest.raises(ValidationError, match="không phải chứng thư PKCS#12"):
        services_signing.certificate_load(
            actor=cy_head, name="VP", pkcs12_data=b"%PDF-1.4 not a p12", passphrase=PASSPHRASE
        )
    assert not SigningCertificate.objects.exists()


def test_only_cy_keeps_certificates(office, ca):
    with pytest.raises(PermissionDenied, match="cơ yếu"):
        services_signing.certificate_load(
            actor=office["chief"], name="VP", pkcs12_data=ca.issue("VP"), passphrase=PASSPHRASE
        )


def test_the_stored_pkcs12_opens_only_with_the_environments_key(cy_head, ca, settings):
    certificate = load_office_certificate(cy_head, ca)
    sealed = bytes(certificate.sealed_pkcs12)
    assert b"BEGIN" not in sealed and certificate.subject.startswith("CN=Văn phòng Tỉnh ủy")
    assert signing.unseal_pkcs12(sealed)[:1] == b"0"  # DER of the re-packed PKCS#12
    settings.CERTIFICATE_STORE_KEY = "mot-khoa-khac"
    with pytest.raises(ValidationError, match="CERTIFICATE_STORE_KEY"):
        signing.unseal_pkcs12(sealed)


def test_a_trust_anchor_must_be_a_certificate(cy_head):
    with pytest.raises(ValidationError, match="không phải chứng thư số"):
        services_signing.trust_anchor_load(actor=cy_head, name="CA", data=b"%PDF-1.4 ...")


def test_the_issued_pdf_carries_its_number_and_date_and_verifies(
    office, draft, cy_head, ca, media_root
):
    load_office_certificate(cy_head, ca)
    trust(cy_head, ca)
    document = signed_draft(office, draft, content_pdf())
    services.outgoing_issue(actor=office["clerk"], document=document)
    (row,) = services_signing.signatures_of(document)
    assert row.verdict == SignatureVerdict.VALID and row.intact and row.trusted
    assert "Văn phòng Tỉnh ủy" in row.signer
    signed = row.signed_file.read()
    text = PdfReader(io.BytesIO(signed)).pages[0].extract_text()
    day = timezone.localdate().strftime("%d/%m/%Y")
    assert f"Số {document.number_and_symbol}, ngày {day}" in text
    assert "Nội dung hướng dẫn" in text
    (status,) = validate(signed, [ca.certificate])
    assert status.bottom_line and status.intact and status.trusted
    # The seal step records the office's signature.
    use = services.seal_use_record(actor=office["clerk"], document=document, seal="Dấu VPTU")
    row.refresh_from_db()
    assert row.seal_use_id == use.pk and row.sealed_at is not None


def test_the_leaders_own_certificate_signs_first_where_configured(
    office, draft, cy_head, ca, media_root
):
    load_office_certificate(cy_head, ca)
    load_office_certificate(cy_head, ca, holder=office["dc"], name="Phó Chánh Văn phòng")
    trust(cy_head, ca)
    document = signed_draft(office, draft, content_pdf())
    services.outgoing_issue(actor=office["clerk"], document=document)
    leader, seal = services_signing.signatures_of(document)
    assert (leader.signed_for, leader.field_name) == (office["dc"], services_signing.LEADER_FIELD)
    assert seal.field_name == services_signing.OFFICE_FIELD
    assert {leader.verdict, seal.verdict} == {SignatureVerdict.VALID}
    statuses = validate(seal.signed_file.read(), [ca.certificate])
    assert [status.bottom_line for status in statuses] == [True, True]


def test_without_a_certificate_the_document_is_issued_unsigned(office, draft, media_root):
    document = signed_draft(office, draft, content_pdf())
    services.outgoing_issue(actor=office["clerk"], document=document)
    assert document.number_and_symbol and not DocumentSignature.objects.exists()


def _signed_pdf(authority, name="Ban Tổ chức Tỉnh ủy") -> bytes:
    data = authority.issue(name)
    key, cert, chain = pkcs12.load_key_and_certificates(data, PASSPHRASE.encode())
    plain = pkcs12.serialize_key_and_certificates(None, key, cert, chain, NoEncryption())
    return signing.sign_pdf(
        content_pdf("Công văn của Ban Tổ chức"),
        pkcs12_data=plain,
        field_name="BTC",
        reason="Ban hành",
        location="Thanh Hóa",
    )


def test_a_received_signed_pdf_is_verified_at_registration(
    office, register, cy_head, ca, media_root
):
    trust(cy_head, ca)
    scan = SimpleUploadedFile("cv-btc.pdf", _signed_pdf(ca), content_type="application/pdf")
    document = register(attachments=[scan])
    (row,) = services_signing.signatures_of(document)
    assert row.verdict == SignatureVerdict.VALID
    assert "Ban Tổ chức Tỉnh ủy" in row.signer and row.signed_at is not None
    assert row.file_name == "cv-btc.pdf"


def test_a_tampered_pdf_fails_verification(cy_head, ca):
    trust(cy_head, ca)
    signed = bytearray(_signed_pdf(ca))
    at = signed.index(b"/MediaBox")
    signed[at + 1 : at + 9] = b"MediaBoy"
    (result,) = signing.verify_pdf(bytes(signed), [ca.certificate.public_bytes(Encoding.DER)])
    assert services_signing._verdict(result) == SignatureVerdict.ALTERED
    assert not result.intact


def test_an_untrusted_chain_is_reported_as_such(office, register, cy_head, ca, stranger_ca):
    trust(cy_head, ca)
    scan = SimpleUploadedFile("la.pdf", _signed_pdf(stranger_ca), content_type="application/pdf")
    document = register(attachments=[scan])
    (row,) = services_signing.signatures_of(document)
    assert row.verdict == SignatureVerdict.UNTRUSTED and row.intact and not row.trusted


def test_the_verdict_shows_on_the_document_page_and_in_the_register(
    office, register, cy_head, ca, stranger_ca, client
):
    trust(cy_head, ca)
    scan = SimpleUploadedFile("la.pdf", _signed_pdf(stranger_ca), content_type="application/pdf")
    document = register(attachments=[scan])
    client.force_login(office["clerk"], backend="units.backends.OfficeModelBackend")
    page = client.get(reverse("dispatch:incoming", args=[document.pk])).content.decode()
    assert "Chữ ký nguyên vẹn nhưng chứng thư không tin cậy" in page
    listing = client.get(reverse("dispatch:incoming-list")).content.decode()
    assert "signature-untrusted" in listing


def test_expiring_certificates_remind_cy_once_a_day(cy_head, ca):
    from core.models import Notification

    data = ca.issue("Sắp hết hạn", days=10)
    services_signing.certificate_load(
        actor=cy_head, name="Sắp hết hạn", pkcs12_data=data, passphrase=PASSPHRASE
    )
    assert services_signing.certificates_remind_expiry() == {"expiring": 1, "expired": 0}
    assert services_signing.certificates_remind_expiry() == {"expiring": 0, "expired": 0}
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert services_signing.certificates_remind_expiry(today=tomorrow)["expiring"] == 1
    assert Notification.objects.filter(recipient=cy_head, title__contains="sẽ hết hạn").count() == 2
