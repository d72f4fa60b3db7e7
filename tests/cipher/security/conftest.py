"""Fixtures of the cipher tests: the dispatch office (people built by the real services) and a
test PKI generated here with `cryptography` (a CA CY trusts, another it does not, and PKCS#12
files for the office and a leader)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tests.dispatch.conftest import (  # noqa: F401
    _fast_passwords,
    draft,
    media_root,
    office,
    pdf,
    register,
    seed_data,
)

PASSPHRASE = "mat-khau-tep-p12"


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tỉnh ủy Thanh Hóa"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass
class Authority:
    key: object
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def issue(self, common: str, *, days: int = 365, passphrase: str = PASSPHRASE) -> bytes:
        """A PKCS#12 (key, certificate, this CA) for `common`."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(common))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(_usage(ca=False), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        return pkcs12.serialize_key_and_certificates(
            common.encode(),
            key,
            certificate,
            [self.certificate],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )


def make_authority(common: str) -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(_name(common))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority(key, certificate)


@pytest.fixture(scope="session")
def ca():
    return make_authority("CA thử nghiệm Ban Cơ yếu")


@pytest.fixture(scope="session")
def stranger_ca():
    return make_authority("CA không tin cậy")


@pytest.fixture(autouse=True)
def _store_key(settings):
    settings.CERTIFICATE_STORE_KEY = "khoa-kho-chung-thu-thu-nghiem"


def cy_person(username="cy_head", position=None, *, admin=False):
    from units import services as unit_services
    from units.choices import Position, RoleCode
    from units.models import Unit

    return unit_services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position or Position.HEAD,
        unit=Unit.objects.get(code="cy"),
        password="matkhau-thu-2026",
        email=f"{username}@vanphong.local",
        roles=[RoleCode.CIPHER_OFFICER, *([RoleCode.SYSTEM_ADMIN] if admin else [])],
    ).user


@pytest.fixture
def cy_head(office):  # noqa: F811
    return cy_person()


def content_pdf(text: str = "Nội dung hướng dẫn thể thức văn bản") -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


def validate(content: bytes, roots: list[x509.Certificate]):
    """pyHanko's own validation of every signature, against `roots`."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    anchors = [
        asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER)) for root in roots
    ]
    reader = PdfFileReader(io.BytesIO(content))
    return [
        validate_pdf_signature(signature, ValidationContext(trust_roots=anchors))
        for signature in reader.embedded_signatures
    ]
