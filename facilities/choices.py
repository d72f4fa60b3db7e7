from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    """What a resource is; the engine books any of them the same way."""

    VEHICLE = "vehicle", _("Xe ô tô")
    ROOM = "room", _("Phòng họp")
    LODGING = "lodging", _("Phòng nghỉ")


class DeputyApproval(models.TextChoices):
    """When a kind of request also goes to the deputy chief in charge of QT (Điều 9.1)."""

    NEVER = "never", _("Không")
    ALWAYS = "always", _("Luôn luôn")
    OUTSIDE_PROVINCE = "outside_province", _("Khi đi ngoài tỉnh")


class ServiceStatus(models.TextChoices):
    WAITING = "waiting", _("Chờ bố trí")
    ASSIGNED = "assigned", _("Đã bố trí")
    IN_USE = "in_use", _("Đang sử dụng")
    CLOSED = "closed", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class BookingKind(models.TextChoices):
    SERVICE = "service", _("Phục vụ yêu cầu")
    MAINTENANCE = "maintenance", _("Bảo dưỡng, sửa chữa")


class AssetState(models.TextChoices):
    IN_USE = "in_use", _("Đang sử dụng")
    IN_REPAIR = "in_repair", _("Đang sửa chữa")
    IDLE = "idle", _("Chưa sử dụng")
    LIQUIDATED = "liquidated", _("Đã thanh lý")


class Handling(models.TextChoices):
    """What the inventory proposes for a counted line (Điều 9.6)."""

    NONE = "", _("Không đề xuất")
    REPAIR = "repair", _("Sửa chữa")
    TRANSFER = "transfer", _("Điều chuyển")
    LIQUIDATE = "liquidate", _("Thanh lý")
