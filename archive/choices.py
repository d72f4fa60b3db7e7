from django.db import models
from django.utils.translation import gettext_lazy as _


class FileState(models.TextChoices):
    OPEN = "open", _("Đang lập")
    CLOSED = "closed", _("Đã kết thúc")
    TRANSFERRED = "transferred", _("Đã nộp, chờ Lưu trữ nhận")
    AGENCY = "agency", _("Trong Lưu trữ cơ quan")
    HISTORICAL = "historical", _("Trong Lưu trữ lịch sử")


#: files still with the person who compiles them: they must be handed over before he leaves
HELD_STATES = (FileState.OPEN, FileState.CLOSED)


class TransferKind(models.TextChoices):
    AGENCY = "agency", _("Nộp lưu vào Lưu trữ cơ quan")
    HISTORICAL = "historical", _("Nộp lưu vào Lưu trữ lịch sử")


class TransferState(models.TextChoices):
    DRAFT = "draft", _("Đang lập mục lục")
    SUBMITTED = "submitted", _("Đã nộp, chờ kiểm tra")
    ACCEPTED = "accepted", _("Đã giao nhận")
    RETURNED = "returned", _("Trả lại")


class LineCondition(models.TextChoices):
    COMPLETE = "complete", _("Đủ")
    MISSING = "missing", _("Thiếu")
    DAMAGED = "damaged", _("Hư hỏng")


class ArchiveTermKey(models.TextChoices):
    """The periods and thresholds of the archival rules: data, with the date each took effect."""

    AGENCY_TRANSFER_YEARS = (
        "agency_transfer_years",
        _("Thời hạn nộp lưu vào Lưu trữ cơ quan (năm kể từ khi kết thúc công việc)"),
    )
    HISTORICAL_TRANSFER_YEARS = (
        "historical_transfer_years",
        _("Thời hạn nộp lưu vào Lưu trữ lịch sử (năm kể từ khi vào Lưu trữ cơ quan)"),
    )
    MIN_TRANSFER_RETENTION = (
        "min_transfer_retention",
        _("Thời hạn bảo quản tối thiểu của hồ sơ phải nộp lưu (năm)"),
    )
    SHEET_NUMBERING_RETENTION = (
        "sheet_numbering_retention",
        _("Thời hạn bảo quản từ đó hồ sơ được đánh số tờ (năm)"),
    )


class SourceKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy, tổ chức đảng")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    SOCIO_POLITICAL = "socio_political", _("Tổ chức chính trị - xã hội")
    OTHER = "other", _("Cơ quan khác")


#: the item kind of an uploaded paper (not an object of another app)
PAPER = "paper"
