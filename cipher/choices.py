from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryPurpose(models.TextChoices):
    WORK = "work", _("Làm việc")
    INSPECTION = "inspection", _("Kiểm tra")


class RoomEventKind(models.TextChoices):
    """What the cipher-machine room's log records against an approved entry request."""

    ENTRY = "entry", _("Vào phòng")
    EXIT = "exit", _("Ra khỏi phòng")
    MINUTES = "minutes", _("Biên bản")


class Direction(models.TextChoices):
    SENT = "sent", _("Điện đi")
    RECEIVED = "received", _("Điện đến")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Khẩn")
    VERY_URGENT = "very_urgent", _("Thượng khẩn")
    FLASH = "flash", _("Hỏa tốc")


class EquipmentKind(models.TextChoices):
    CIPHER_MACHINE = "cipher_machine", _("Máy mã, thiết bị cơ yếu")
    NETWORK_DEVICE = "network_device", _("Thiết bị mạng")
    WORKSTATION = "workstation", _("Máy trạm")
    SERVER = "server", _("Máy chủ")
    OTHER = "other", _("Thiết bị khác")


class EquipmentStatus(models.TextChoices):
    IN_USE = "in_use", _("Đang sử dụng")
    REPAIR = "repair", _("Đang sửa chữa")
    RETIRED = "retired", _("Đã thanh lý")


class TicketStatus(models.TextChoices):
    NEW = "new", _("Mới gửi")
    ASSIGNED = "assigned", _("Đã phân công")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    RESOLVED = "resolved", _("Đã xử lý xong")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Chưa khắc phục")
    FIXED = "fixed", _("Đã khắc phục")
