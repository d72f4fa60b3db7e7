"""The audit walker for the cipher app (tests/kit/audit.py): every tracked model of the app and
the scenario, through the real services, that writes it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from cipher import services_signing, twofactor
from tests.cipher.security.conftest import PASSPHRASE, make_authority
from tests.kit.audit import audit_tests
from tests.kit.otp import give_device


def signatures_flow(office, cy_head, **_fixtures):
    cy = cy_head
    ca = make_authority("CA kiểm toán")
    certificate = services_signing.certificate_load(
        actor=cy, name="VP", pkcs12_data=ca.issue("VP"), passphrase=PASSPHRASE
    )
    services_signing.certificate_retire(actor=cy, certificate=certificate)
    anchor = services_signing.trust_anchor_load(actor=cy, name="CA", data=ca.pem)
    services_signing.trust_anchor_retire(actor=cy, anchor=anchor)


def received_flow(office, register, **_fixtures):
    from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12

    from cipher import signing
    from tests.cipher.security.conftest import content_pdf

    ca = make_authority("CA nơi gửi")
    key, cert, chain = pkcs12.load_key_and_certificates(ca.issue("BTC"), PASSPHRASE.encode())
    plain = pkcs12.serialize_key_and_certificates(None, key, cert, chain, NoEncryption())
    signed = signing.sign_pdf(
        content_pdf(), pkcs12_data=plain, field_name="BTC", reason="Ban hành", location="TH"
    )
    register(attachments=[SimpleUploadedFile("a.pdf", signed, content_type="application/pdf")])


def second_factor_flow(office, cy_head, **_fixtures):
    from django.contrib.sessions.backends.db import SessionStore

    leader = office["dc"]
    give_device(leader)
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request.user = leader
    assert twofactor.second_factor_check(request=request, token="000000") is None
    twofactor.second_factor_reset(
        actor=cy_head, person=leader, reason="Mất điện thoại công vụ hôm nay"
    )


SERVICES = {
    "cipher.SigningCertificate": [signatures_flow],
    "cipher.TrustAnchor": [signatures_flow],
    "cipher.DocumentSignature": [received_flow],
    "cipher.SecondFactorEvent": [second_factor_flow],
}
CATALOGUES: set[str] = set()
FIXTURES = ("office", "register", "media_root", "cy_head")

test_every_tracked_model_says_which_services_write_it, test_history_has_user_and_reason = (
    audit_tests(
        "cipher",
        SERVICES,
        CATALOGUES,
        fixtures=FIXTURES,
        elsewhere=("tests.cipher.test_cipher_audit",),
    )
)
