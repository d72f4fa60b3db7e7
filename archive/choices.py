from django.db import models
from django.utils.translation import gettext_lazy as _


class FileState(models.TextChoices):
    OPEN = "open", _("Đang lập")
    CLOSED = "closed", _("Đã kết thúc")
    TRANSFERRED = "transferred", _("Đã nộp, chờ Lưu trữ nhận")
    AGENCY = "agency", _("Trong Lưu trữ cơ quan")
    HISTORICAL = "historical", _("Trong Lưu trữ lịch sử")
    DESTROYED = "destroyed", _("Đã hủy theo quyết định")


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


# The reading room (Điều 8.2: tổ chức sử dụng tài liệu) -----------------------------------------


class IdentityPaper(models.TextChoices):
    CITIZEN_ID = "cccd", _("Căn cước công dân / căn cước")
    PASSPORT = "passport", _("Hộ chiếu")
    OFFICIAL_CARD = "card", _("Thẻ công chức, viên chức, nhà báo")
    OTHER = "other", _("Giấy tờ tùy thân khác")


class ReadingEventKind(models.TextChoices):
    """What the reading room's log records: every reading, copy and extract, and each step of
    the request that let the reader in."""

    FILED = "filed", _("Đăng ký đọc")
    APPROVED = "approved", _("Được duyệt")
    RETURNED = "returned", _("Trả lại")
    GRANTED = "granted", _("Cấp quyền xem")
    READ = "read", _("Đọc hồ sơ")
    COPY = "copy", _("Sao tài liệu")
    EXTRACT = "extract", _("Trích lục tài liệu")
    EXPIRED = "expired", _("Hết hạn được xem")
    REVOKED = "revoked", _("Thu hồi quyền xem")


class CopyKind(models.TextChoices):
    COPY = "copy", _("Bản sao chứng thực")
    EXTRACT = "extract", _("Bản trích lục")


# Appraisal and disposal (Điều 8.2) -----------------------------------------------------------


class Verdict(models.TextChoices):
    """What the archivist proposes, a council member advises, or the council decides for a
    file whose retention has expired."""

    DESTROY = "destroy", _("Hủy")
    KEEP = "keep", _("Giữ lại")


class LineOutcome(models.TextChoices):
    """The council's decision on one file. A file a member kept is kept unless the majority
    said destroy and the chief confirms it (CONTESTED until then)."""

    PENDING = "", _("Chưa quyết định")
    DESTROY = "destroy", _("Hủy")
    KEEP = "keep", _("Giữ lại")
    CONTESTED = "contested", _("Đa số hủy, có ý kiến giữ lại: chờ Chánh Văn phòng")


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký Hội đồng (Lưu trữ)")
    UNIT = "unit", _("Đại diện đơn vị có tài liệu")
    EXPERT = "expert", _("Chuyên gia")
