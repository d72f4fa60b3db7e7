"""The second factor's own log (`cipher.twofactor`): enrolments, failed and accepted codes,
lock-outs and the resets CY makes. The devices themselves are django-otp's (TOTP and static
recovery codes); their keys never reach a history row or the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["SecondFactorEvent", "SecondFactorEventKind"]


class SecondFactorEventKind(models.TextChoices):
    ENROLLED = "enrolled", _("Đăng ký xác thực hai lớp")
    VERIFIED = "verified", _("Nhập đúng mã")
    FAILED = "failed", _("Nhập sai mã")
    LOCKED = "locked", _("Tạm khóa đăng nhập")
    RESET = "reset", _("Cơ yếu đặt lại thiết bị")
    CODES_RENEWED = "codes", _("Cấp lại mã dự phòng")


class SecondFactorEvent(models.Model):
    """One event of a person's second factor. Failures since the last accepted code (or reset)
    within `OTP_LOCK_MINUTES` count towards the lock at `OTP_FAILURE_LIMIT`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="second_factor_events",
    )
    kind = models.CharField(_("sự kiện"), max_length=10, choices=SecondFactorEventKind.choices)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("lý do"), max_length=500, blank=True)
    address = models.GenericIPAddressField(_("địa chỉ"), null=True, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sự kiện xác thực hai lớp")
        verbose_name_plural = _("nhật ký xác thực hai lớp")
        indexes = [models.Index(fields=["user", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.user}"
