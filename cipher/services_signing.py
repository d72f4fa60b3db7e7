"""Writes of the digital signatures (Điều 7.6, 11.6): CY loads certificates and trust anchors;
dispatch calls `issued_document_sign` when the clerk issues a signed draft, `seal_recorded`
at the seal step and `received_files_verify` when a clerk registers an incoming document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cipher import signing
from cipher.permissions_security import may_keep_certificates
from cipher.signing_models import (
    DocumentSignature,
    SignatureDirection,
    SignatureVerdict,
    SigningCertificate,
    TrustAnchor,
)
from core.audit import audited_create, audited_save, in_office_language
from core.pdf import render_pdf
from core.reminders import remind_once
from units.choices import DecisionKind, Designation
from units.designations import designated_unit
from units.models import Decision
from units.permissions import members_of

#: The field names of the signatures the office applies (one per role on the document).
LEADER_FIELD = "LanhDaoKy"
OFFICE_FIELD = "VanPhong"


def _require_keeper(actor) -> None:
    if not may_keep_certificates(actor):
        raise PermissionDenied(_("Chỉ cán bộ cơ yếu quản lý chứng thư số."))


@transaction.atomic
@in_office_language
def certificate_load(
    *, actor, name: str, pkcs12_data: bytes, passphrase: str, holder=None
) -> SigningCertificate:
    """CY loads a signing certificate (PKCS#12 and its passphrase): the office's, or a
    leader's own (`holder`). The passphrase is used once and not kept."""
    _require_keeper(actor)
    loaded = signing.seal_pkcs12(pkcs12_data, passphrase)
    if loaded.not_after <= timezone.now():
        raise ValidationError(_("Chứng thư số đã hết hạn, không nạp được."), code="expired")
    if SigningCertificate.objects.filter(fingerprint=loaded.fingerprint).exists():
        raise ValidationError(_("Chứng thư số này đã được nạp."), code="duplicate")
    certificate = SigningCertificate(
        name=name.strip(),
        holder=holder,
        sealed_pkcs12=loaded.sealed,
        subject=loaded.subject,
        issuer=loaded.issuer,
        serial=loaded.serial,
        fingerprint=loaded.fingerprint,
        not_before=loaded.not_before,
        not_after=loaded.not_after,
        loaded_by=actor,
    )
    certificate.full_clean()
    audited_save(certificate, actor=actor, reason=_("Nạp chứng thư ký số"))
    return certificate


@transaction.atomic
@in_office_language
def certificate_retire(*, actor, certificate: SigningCertificate) -> SigningCertificate:
    _require_keeper(actor)
    certificate.is_active = False
    audited_save(
        certificate,
        actor=actor,
        reason=_("Ngừng dùng chứng thư ký số"),
        update_fields=["is_active"],
    )
    return certificate


@transaction.atomic
@in_office_language
def trust_anchor_load(*, actor, name: str, data: bytes) -> TrustAnchor:
    """CY loads a CA certificate the office trusts (PEM or DER)."""
    _require_keeper(actor)
    loaded = signing.read_certificate(data)
    if TrustAnchor.objects.filter(fingerprint=loaded.fingerprint).exists():
        raise ValidationError(_("Chứng thư gốc này đã được nạp."), code="duplicate")
    anchor = TrustAnchor(
        name=name.strip(),
        certificate_der=loaded.der,
        subject=loaded.subject,
        fingerprint=loaded.fingerprint,
        not_after=loaded.not_after,
        loaded_by=actor,
    )
    anchor.full_clean()
    audited_save(anchor, actor=actor, reason=_("Nạp chứng thư gốc tin cậy"))
    return anchor


@transaction.atomic
@in_office_language
def trust_anchor_retire(*, actor, anchor: TrustAnchor) -> TrustAnchor:
    _require_keeper(actor)
    anchor.is_active = False
    audited_save(
        anchor, actor=actor, reason=_("Thôi tin cậy chứng thư gốc"), update_fields=["is_active"]
    )
    return anchor


def usable_certificate(holder=None) -> SigningCertificate | None:
    """The active certificate valid now: the office's (no holder) or a person's own."""
    now = timezone.now()
    rows = SigningCertificate.objects.filter(is_active=True, not_before__lte=now, not_after__gt=now)
    rows = rows.filter(holder=holder) if holder is not None else rows.filter(holder__isnull=True)
    return rows.order_by("-not_after").first()


def _anchors() -> list[bytes]:
    return [
        bytes(der)
        for der in TrustAnchor.objects.filter(is_active=True).values_list(
            "certificate_der", flat=True
        )
    ]


def _verdict(result: signing.Verification) -> str:
    if not result.intact:
        return SignatureVerdict.ALTERED
    if not result.valid:
        return SignatureVerdict.INVALID
    if not result.trusted:
        return SignatureVerdict.UNTRUSTED
    if not result.bottom_line:
        return SignatureVerdict.ALTERED
    return SignatureVerdict.VALID


def _record(
    document: Model,
    result: signing.Verification,
    *,
    actor,
    direction: str,
    file_name: str,
    reason: str,
    **extra,
) -> DocumentSignature:
    return audited_create(
        DocumentSignature,
        actor=actor,
        reason=reason,
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        direction=direction,
        file_name=file_name[:255],
        field_name=result.field_name[:100],
        signer=result.signer[:500],
        certificate_issuer=result.issuer[:500],
        signed_at=result.signed_at,
        verdict=_verdict(result),
        intact=result.intact,
        trusted=result.trusted,
        covers_whole_file=result.covers_whole_file,
        details=result.details,
        **extra,
    )


def _issue_overlay(*, number: str, issued_on: date | None) -> bytes:
    return render_pdf(
        "cipher/pdf/issue_stamp.html",
        {"number": number, "issued_on": issued_on, "place": settings.OFFICE_PLACE},
    )


def _leader_who_signed(document: Model):
    """Who approved the draft last (the signature in the admin), through units' decisions."""
    decision = (
        Decision.objects.filter(
            content_type=ContentType.objects.get_for_model(document),
            object_id=document.pk,
            kind=DecisionKind.APPROVE,
        )
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    return decision.actor if decision is not None else None


def issued_document_sign(*, actor, document: Model, pdf_file) -> list[DocumentSignature]:
    """At issue: stamp the number and date (`number_and_symbol`, `document_date`) on the signed
    draft's PDF, sign it with the leader's own certificate when CY loaded one, then with the
    office's, verify the result and record each signature; the last row keeps the signed file.
    Nothing happens when there is no PDF or the office has no usable certificate (the document
    is then issued on paper)."""
    if not pdf_file:
        return []
    office = usable_certificate()
    if office is None:
        return []
    return _issued_document_sign(actor=actor, document=document, pdf_file=pdf_file, office=office)


@transaction.atomic
@in_office_language
def _issued_document_sign(
    *, actor, document: Model, pdf_file, office: SigningCertificate
) -> list[DocumentSignature]:
    with pdf_file.open("rb") as handle:
        pdf = handle.read()
    number = document.number_and_symbol
    content = signing.stamp_first_page(
        pdf, _issue_overlay(number=number, issued_on=document.document_date)
    )
    signed_for = _leader_who_signed(document)
    plan = []
    own = usable_certificate(holder=signed_for) if signed_for is not None else None
    if own is not None:
        plan.append((own, LEADER_FIELD, _("Lãnh đạo ký ban hành")))
    plan.append((office, OFFICE_FIELD, _("Văn phòng phát hành")))
    for certificate, field_name, reason in plan:
        content = signing.sign_pdf(
            content,
            pkcs12_data=signing.unseal_pkcs12(certificate.sealed_pkcs12),
            field_name=field_name,
            reason=reason,
            location=settings.OFFICE_PLACE,
        )
    results = {result.field_name: result for result in signing.verify_pdf(content, _anchors())}
    file_name = f"{number or 'van-ban'}.pdf".replace("/", "-")
    rows = [
        _record(
            document,
            results[field_name],
            actor=actor,
            direction=SignatureDirection.APPLIED,
            file_name=file_name,
            reason=_("Ký số văn bản phát hành"),
            certificate=certificate,
            signed_for=signed_for if field_name == LEADER_FIELD else None,
        )
        for certificate, field_name, _reason in plan
    ]
    last = rows[-1]
    last.signed_file.save(file_name, ContentFile(content), save=False)
    audited_save(last, actor=actor, reason=_("Lưu tệp đã ký số"), update_fields=["signed_file"])
    return rows


@transaction.atomic
@in_office_language
def seal_recorded(*, actor, document: Model, seal_use_id: int) -> DocumentSignature | None:
    """The seal step records the office's digital signature against the seal's use."""
    row = (
        signatures_of(document)
        .filter(direction=SignatureDirection.APPLIED, field_name=OFFICE_FIELD, seal_use_id=None)
        .first()
    )
    if row is None:
        return None
    row.seal_use_id = seal_use_id
    row.sealed_at = timezone.now()
    audited_save(
        row,
        actor=actor,
        reason=_("Ghi sổ con dấu kèm chữ ký số của Văn phòng"),
        update_fields=["seal_use_id", "sealed_at"],
    )
    return row


@dataclass(frozen=True)
class Checked:
    file_name: str
    result: signing.Verification


def received_files_check(scans: Iterable) -> list[Checked]:
    """Verify every signature on received PDFs (signer, chain against CY's trust anchors,
    integrity, time) without writing: dispatch calls this before it takes the number. `scans`
    are stored files with `file` and `original_name`. Reads the anchors only when a file
    carries a signature."""
    anchors = None
    checked = []
    for scan in scans:
        with scan.file.open("rb") as handle:
            content = handle.read()
        if not content.startswith(b"%PDF") or b"/ByteRange" not in content:
            continue
        if anchors is None:
            anchors = _anchors()
        name = getattr(scan, "original_name", "") or scan.file.name
        checked += [Checked(name, result) for result in signing.verify_pdf(content, anchors)]
    return checked


def received_files_record(
    *, actor, document: Model, checked: list[Checked]
) -> list[DocumentSignature]:
    """Record the verification results against the registered document. No signature, no
    statement: dispatch calls this while the register's counter is locked."""
    if not checked:
        return []
    return _received_files_record(actor=actor, document=document, checked=checked)


@transaction.atomic
@in_office_language
def _received_files_record(
    *, actor, document: Model, checked: list[Checked]
) -> list[DocumentSignature]:
    return [
        _record(
            document,
            item.result,
            actor=actor,
            direction=SignatureDirection.RECEIVED,
            file_name=item.file_name,
            reason=_("Kiểm tra chữ ký số văn bản đến"),
        )
        for item in checked
    ]


def signatures_of(document: Model):
    return DocumentSignature.objects.filter(
        content_type=ContentType.objects.get_for_model(document), object_id=document.pk
    ).select_related("certificate", "signed_for")


def _keepers() -> list:
    unit = designated_unit(Designation.CIPHER)
    return list(members_of(unit.pk)) if unit is not None else []


@in_office_language
def certificates_remind_expiry(*, today: date | None = None) -> dict[str, int]:
    """Daily: CY is told of each active certificate or trust anchor that expires within
    `CERTIFICATE_EXPIRY_WARN_DAYS` (once a day, `core.reminders.remind_once`) or has expired."""
    today = today or timezone.localdate()
    horizon = timezone.now() + timedelta(days=settings.CERTIFICATE_EXPIRY_WARN_DAYS)
    now = timezone.now()
    keepers = _keepers()
    sent = {"expiring": 0, "expired": 0}
    rows = [
        *SigningCertificate.objects.filter(is_active=True, not_after__lte=horizon),
        *TrustAnchor.objects.filter(Q(is_active=True) & Q(not_after__lte=horizon)),
    ]
    for row in rows:
        expired = row.not_after <= now
        kind = "expired" if expired else "expiring"
        day = timezone.localtime(row.not_after).strftime("%d/%m/%Y")
        title = (
            _("Chứng thư số %(name)s đã hết hạn ngày %(day)s")
            if expired
            else _("Chứng thư số %(name)s sẽ hết hạn ngày %(day)s")
        ) % {"name": row.name, "day": day}
        if remind_once(
            row,
            kind=kind,
            recipients=keepers,
            title=title,
            body=_("Đề nghị gia hạn hoặc nạp chứng thư mới trước khi hết hạn."),
            url="",
            today=today,
        ):
            sent[kind] += 1
    return sent
