from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterKind(models.TextChoices):
    INCOMING = "incoming", _("Sổ văn bản đến")
    OUTGOING = "outgoing", _("Sổ văn bản đi")
    LETTERS = "letters", _("Sổ đơn thư")
    TRAVEL = "travel", _("Sổ giấy đi đường")


class PeriodScheme(models.TextChoices):
    TERM = "term", _("Theo nhiệm kỳ")
    YEAR = "year", _("Theo năm dương lịch")


class SequenceScope(models.TextChoices):
    PER_TYPE = "per_type", _("Mỗi loại văn bản một dãy số")
    SHARED = "shared", _("Một dãy số chung")


class IncomingStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã vào sổ")
    PRESENTED = "presented", _("Đã trình lãnh đạo")
    DISTRIBUTED = "distributed", _("Đã phân phối, chờ giao người xử lý")
    ASSIGNED = "assigned", _("Đang xử lý")
    CLOSED = "closed", _("Đã xử lý xong")
    CANCELLED = "cancelled", _("Đã hủy đăng ký")


#: Waiting for leadership to distribute.
AWAITING_DISTRIBUTION = (IncomingStatus.REGISTERED, IncomingStatus.PRESENTED)
#: At a unit, with a handling deadline running.
IN_HANDLING = (IncomingStatus.DISTRIBUTED, IncomingStatus.ASSIGNED)


class OutgoingStage(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    REVIEWED = "reviewed", _("Trưởng phòng đã duyệt")
    CHECKED = "checked", _("Đã kiểm tra thể thức")
    SIGNED = "signed", _("Đã ký, chờ cấp số")
    ISSUED = "issued", _("Đã vào sổ, chờ phát hành")
    DISPATCHED = "dispatched", _("Đã phát hành")


class SignerAuthority(models.TextChoices):
    NONE = "", _("Người đứng đầu ký trực tiếp")
    ON_BEHALF = "T/M", _("T/M – thay mặt")
    DEPUTY = "K/T", _("K/T – ký thay")
    BY_ORDER = "T/L", _("T/L – thừa lệnh")
    AUTHORISED = "TUQ", _("TUQ – thừa ủy quyền")


class LetterCategory(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")


class LetterStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    PROPOSED = "proposed", _("Đã phân loại, đề xuất")
    FILED = "filed", _("Lưu, không xử lý")
    ROUTED = "routed", _("Đã chuyển, chờ kết quả")
    RESOLVED = "resolved", _("Đã có kết quả")


class LetterStage(models.TextChoices):
    CLASSIFY = "classify", _("Phân loại, chuyển đơn")
    RESOLVE = "resolve", _("Giải quyết")
