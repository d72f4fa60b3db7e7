"""PDF signing and verification with pyHanko (PAdES baseline B-B), and the certificate store's
encryption. No database here: `cipher.services_signing` calls these and records the results.

- The store: a PKCS#12 is opened once with the passphrase CY types, re-packed without it and
  encrypted with Fernet under `settings.CERTIFICATE_STORE_KEY` (a Fernet key, or any passphrase,
  stretched with PBKDF2). Without the environment's key the stored certificates are useless.
- Issue: the office's number and date are stamped on the first page of the draft as an
  incremental update, then each signature is one more incremental update, so the leader's and
  the office's signatures both cover the numbered document.
- Verification: every embedded signature is checked for integrity (the signed bytes' digest),
  the certificate chain against the trust anchors CY loaded (no network fetching), the signing
  time, and whether it covers the whole file (nothing added after signing)."""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: PBKDF2 salt of a passphrase-style store key (fixed: the key itself is the secret).
_STORE_SALT = b"vanphongso.cipher.certificate-store"
_STORE_ITERATIONS = 600_000


@lru_cache(maxsize=4)
def _fernet_for(secret: str) -> Fernet:
    try:
        return Fernet(secret.encode())
    except ValueError:
        kdf = PBKDF2HMAC(
            algorithm=hashes.SHA256(), length=32, salt=_STORE_SALT, iterations=_STORE_ITERATIONS
        )
        return Fernet(base64.urlsafe_b64encode(kdf.derive(secret.encode())))


def store_fernet() -> Fernet:
    secret = settings.CERTIFICATE_STORE_KEY
    if not secret:
        raise ImproperlyConfigured("CERTIFICATE_STORE_KEY is not set")
    return _fernet_for(secret)


@dataclass(frozen=True)
class LoadedCertificate:
    sealed: bytes
    subject: str
    issuer: str
    serial: str
    fingerprint: str
    not_before: datetime
    not_after: datetime


def _name(name: x509.Name) -> str:
    return name.rfc4514_string()


def seal_pkcs12(data: bytes, passphrase: str) -> LoadedCertificate:
    """Open a PKCS#12 with its passphrase and return it sealed for the store, with what the
    office reads of its certificate. A wrong passphrase or a file that is not PKCS#12 is a
    Vietnamese ValidationError."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None
        )
    except ValueError as exc:
        raise ValidationError(
            _(
                "Không mở được tệp PKCS#12: sai mật khẩu của tệp, hoặc tệp không phải chứng thư "
                "PKCS#12 (.p12, .pfx)."
            ),
            code="pkcs12",
        ) from exc
    if key is None or certificate is None:
        raise ValidationError(
            _("Tệp PKCS#12 không có khóa bí mật và chứng thư ký số."), code="pkcs12"
        )
    repacked = pkcs12.serialize_key_and_certificates(
        None, key, certificate, chain or None, serialization.NoEncryption()
    )
    return LoadedCertificate(
        sealed=store_fernet().encrypt(repacked),
        subject=_name(certificate.subject),
        issuer=_name(certificate.issuer),
        serial=format(certificate.serial_number, "X"),
        fingerprint=certificate.fingerprint(hashes.SHA256()).hex(),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
    )


def unseal_pkcs12(sealed: bytes) -> bytes:
    try:
        return store_fernet().decrypt(bytes(sealed))
    except InvalidToken as exc:
        raise ValidationError(
            _(
                "Không giải mã được chứng thư đã lưu: khóa kho chứng thư (CERTIFICATE_STORE_KEY) "
                "đã đổi. Báo bộ phận Cơ yếu nạp lại chứng thư."
            ),
            code="store_key",
        ) from exc


@dataclass(frozen=True)
class LoadedAnchor:
    der: bytes
    subject: str
    fingerprint: str
    not_after: datetime


def read_certificate(data: bytes) -> LoadedAnchor:
    """A trust anchor from a PEM or DER file."""
    try:
        certificate = (
            x509.load_pem_x509_certificate(data)
            if data.lstrip().startswith(b"-----BEGIN")
            else x509.load_der_x509_certificate(data)
        )
    except ValueError as exc:
        raise ValidationError(
            _("Tệp không phải chứng thư số (PEM hoặc DER: .cer, .crt, .pem)."), code="certificate"
        ) from exc
    return LoadedAnchor(
        der=certificate.public_bytes(serialization.Encoding.DER),
        subject=_name(certificate.subject),
        fingerprint=certificate.fingerprint(hashes.SHA256()).hex(),
        not_after=certificate.not_valid_after_utc,
    )


# Issue stamp and signing -----------------------------------------------------------------------


def stamp_first_page(pdf: bytes, overlay: bytes) -> bytes:
    """Lay the one-page PDF `overlay` (the number and date, rendered by core.pdf) over the first
    page of `pdf`, as an incremental update: the drafted bytes stay as they were."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    stamp = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(overlay)), page_ix=0)
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    if "/Contents" not in page:
        # A page with nothing drawn on it: pyHanko appends to an existing /Contents only.
        page[generic.pdf_name("/Contents")] = writer.add_object(generic.ArrayObject())
        writer.mark_update(page_ref)
    stream = writer.add_object(generic.StreamObject(stream_data=b"q /VpsIssue Do Q"))
    resources = generic.DictionaryObject(
        {
            generic.pdf_name("/XObject"): generic.DictionaryObject(
                {generic.pdf_name("/VpsIssue"): stamp}
            )
        }
    )
    writer.add_stream_to_page(0, stream, resources=resources)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_pdf(pdf: bytes, *, pkcs12_data: bytes, field_name: str, reason: str, location: str):
    """One more PAdES signature on `pdf` (an incremental update); returns the signed bytes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12_data, [], passphrase=None)
    if signer is None:
        raise ValidationError(_("Không dùng được chứng thư ký số đã lưu."), code="signer")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


# Verification ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    field_name: str
    signer: str
    issuer: str
    signed_at: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    #: pyHanko's verdict: intact, valid, trusted and nothing but signatures added after it
    bottom_line: bool
    details: str


def _human(name) -> str:
    return name.human_friendly


def verify_pdf(pdf: bytes, anchors: list[bytes]) -> list[Verification]:
    """Every signature of `pdf`, verified against the DER `anchors` only (no system roots, no
    fetching): an empty list when it carries none. A file pyHanko cannot read is refused."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(der) for der in anchors]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except (PdfReadError, ValueError) as exc:
        raise ValidationError(
            _("Không đọc được tệp PDF để kiểm tra chữ ký số."), code="pdf"
        ) from exc
    results = []
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except (SignatureValidationError, ValueError) as exc:
            logger.info("signature %s not validated: %s", signature.field_name, exc)
            certificate = signature.signer_cert
            results.append(
                Verification(
                    field_name=signature.field_name or "",
                    signer=_human(certificate.subject) if certificate else "",
                    issuer=_human(certificate.issuer) if certificate else "",
                    signed_at=None,
                    intact=False,
                    valid=False,
                    trusted=False,
                    covers_whole_file=False,
                    bottom_line=False,
                    details=str(exc)[:2000],
                )
            )
            continue
        certificate = status.signing_cert
        results.append(
            Verification(
                field_name=signature.field_name or "",
                signer=_human(certificate.subject),
                issuer=_human(certificate.issuer),
                signed_at=status.signer_reported_dt,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                bottom_line=bool(status.bottom_line),
                details=status.summary(),
            )
        )
    return results


def check_store_key(app_configs=None, **kwargs):
    """cipher.E001: a deployment sets its own key for the certificate store."""
    from django.core import checks

    if settings.DEBUG or settings.CERTIFICATE_STORE_KEY:
        return []
    return [
        checks.Error(
            "CERTIFICATE_STORE_KEY is not set: the office's signing certificates cannot be "
            "stored or used.",
            id="cipher.E001",
        )
    ]
