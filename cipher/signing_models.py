"""Digital signatures (Điều 7.6, 11.6): the office's signing certificates CY keeps (PKCS#12,
encrypted at rest with `CERTIFICATE_STORE_KEY`), the trust anchors CY loads, and every
signature the office applied to an issued PDF or found on a received one."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.uploads import random_upload_to

__all__ = [
    "DocumentSignature",
    "SignatureDirection",
    "SignatureVerdict",
    "SigningCertificate",
    "TrustAnchor",
]


class TrustAnchor(models.Model):
    """A root (or intermediate) certificate CY trusts, e.g. the Party–State Cipher
    Department's CA. Verification builds every chain to one of the active anchors."""

    name = models.CharField(_("tên"), max_length=200)
    certificate_der = models.BinaryField(_("chứng thư (DER)"), editable=False)
    subject = models.CharField(_("chủ thể"), max_length=500, editable=False)
    fingerprint = models.CharField(
        _("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False
    )
    not_after = models.DateTimeField(_("hết hạn"), editable=False)
    is_active = models.BooleanField(_("đang tin cậy"), default=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("nạp lúc"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["certificate_der"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")

    def __str__(self) -> str:
        return self.name


class SigningCertificate(models.Model):
    """A signing certificate with its private key: the office's (no holder) or a leader's own
    (holder). The PKCS#12 is re-packed without passphrase and encrypted with Fernet under
    `CERTIFICATE_STORE_KEY`; the passphrase CY typed is never stored."""

    name = models.CharField(_("tên"), max_length=200)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký (để trống: chứng thư của Văn phòng)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_certificates",
    )
    sealed_pkcs12 = models.BinaryField(_("PKCS#12 đã mã hóa"), editable=False)
    subject = models.CharField(_("chủ thể"), max_length=500, editable=False)
    issuer = models.CharField(_("tổ chức cấp"), max_length=500, editable=False)
    serial = models.CharField(_("số hiệu"), max_length=100, editable=False)
    fingerprint = models.CharField(
        _("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False
    )
    not_before = models.DateTimeField(_("hiệu lực từ"), editable=False)
    not_after = models.DateTimeField(_("hết hạn"), editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("nạp lúc"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["sealed_pkcs12"])

    class Meta:
        ordering = ["not_after", "pk"]
        verbose_name = _("chứng thư ký số")
        verbose_name_plural = _("chứng thư ký số")
        indexes = [models.Index(fields=["holder", "is_active", "not_after"])]

    def __str__(self) -> str:
        return self.name


class SignatureDirection(models.TextChoices):
    APPLIED = "applied", _("Văn phòng ký")
    RECEIVED = "received", _("Trên văn bản đến")


class SignatureVerdict(models.TextChoices):
    VALID = "valid", _("Hợp lệ")
    UNTRUSTED = "untrusted", _("Chữ ký nguyên vẹn nhưng chứng thư không tin cậy")
    ALTERED = "altered", _("Văn bản đã bị sửa sau khi ký")
    INVALID = "invalid", _("Chữ ký không hợp lệ")


class DocumentSignature(models.Model):
    """One signature on one document's PDF: applied by the office at issue (with the signed
    file), or found on a received PDF and verified at registration. The document is any model
    (generic key), so this app imports no app of documents."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    direction = models.CharField(_("loại"), max_length=10, choices=SignatureDirection.choices)
    file_name = models.CharField(_("tệp"), max_length=255, blank=True)
    signed_file = models.FileField(
        _("tệp đã ký"), upload_to=random_upload_to("signed"), blank=True, editable=False
    )
    certificate = models.ForeignKey(
        SigningCertificate,
        verbose_name=_("chứng thư"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    signed_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    field_name = models.CharField(_("ô chữ ký"), max_length=100)
    signer = models.CharField(_("người ký (theo chứng thư)"), max_length=500)
    certificate_issuer = models.CharField(_("tổ chức cấp"), max_length=500, blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    verdict = models.CharField(_("kết quả"), max_length=10, choices=SignatureVerdict.choices)
    intact = models.BooleanField(_("nguyên vẹn"))
    trusted = models.BooleanField(_("chuỗi chứng thư tin cậy"))
    covers_whole_file = models.BooleanField(_("phủ toàn bộ tệp"))
    details = models.TextField(_("chi tiết"), blank=True)
    verified_at = models.DateTimeField(_("kiểm tra lúc"), auto_now_add=True)
    seal_use_id = models.PositiveBigIntegerField(_("lần đóng dấu"), null=True, blank=True)
    sealed_at = models.DateTimeField(_("ghi sổ con dấu lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("chữ ký số")
        verbose_name_plural = _("chữ ký số")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.signer} ({self.get_verdict_display()})"

    @property
    def is_valid(self) -> bool:
        return self.verdict == SignatureVerdict.VALID
