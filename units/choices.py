from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    CHIEF = "chief", _("Chánh Văn phòng")
    DEPUTY_CHIEF = "deputy_chief", _("Phó Chánh Văn phòng")
    HEAD = "head", _("Trưởng phòng")
    DEPUTY = "deputy", _("Phó Trưởng phòng")
    SPECIALIST = "specialist", _("Chuyên viên")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    EMPLOYEE = "employee", _("Người lao động")


LEADERSHIP_POSITIONS = (Position.CHIEF, Position.DEPUTY_CHIEF)


class Secrecy(models.TextChoices):
    NONE = "", _("Thường")
    CONFIDENTIAL = "mat", _("Mật")
    SECRET = "toi_mat", _("Tối mật")
    TOP_SECRET = "tuyet_mat", _("Tuyệt mật")


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Đã giao")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    RETURNED = "returned", _("Trả lại")


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ lãnh đạo quyết định")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


class ApprovalStep(models.TextChoices):
    """The kinds of step an approval path is declared from (`units.approvals.Step`)."""

    UNIT_HEAD = "unit_head", _("Trưởng phòng")
    DESIGNATED_HEAD = "designated_head", _("Trưởng đơn vị đảm nhiệm")
    DEPUTY_CHIEF = "deputy_chief", _("Phó Chánh Văn phòng phụ trách")
    CHIEF = "chief", _("Chánh Văn phòng")
    TWO_APPROVERS = "two_approvers", _("Hai người duyệt")
    COLLECTIVE = "collective", _("Quyết định của tập thể")


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("Duyệt")
    RETURN = "return", _("Trả lại")
    FORWARD = "forward", _("Chuyển Chánh Văn phòng")
    SUBMIT = "submit", _("Trình")


class Designation(models.TextChoices):
    """What the office entrusts to one unit (Điều 6–11). Which unit holds each is data
    (`UnitDesignation`), so a reorganisation is an edit in the admin, not a release."""

    RECORDS_OFFICE = "records_office", _("Văn thư cơ quan (đăng ký văn bản đến, đi)")
    OFFICE_PROGRAMS = (
        "office_programs",
        _("Tổng hợp chương trình, báo cáo, lịch công tác của Văn phòng"),
    )
    LEADERSHIP_MINUTES = "leadership_minutes", _("Ghi biên bản họp tập thể lãnh đạo Văn phòng")
    ARCHIVES = "archives", _("Lưu trữ")
    FINANCE = "finance", _("Tài chính đảng")
    FACILITIES = "facilities", _("Quản trị, cơ sở vật chất")
    CIPHER = "cipher", _("Cơ yếu")
    GENERAL_AFFAIRS = "general_affairs", _("Tổng hợp")


class RoleCode(models.TextChoices):
    """The roles the code knows: role sight and the office's checks name them. Which roles exist
    and who holds them is data (`units.Role`, `units.RoleAssignment`)."""

    RECORDS_CLERK = "records_clerk", _("Văn thư")
    ARCHIVIST = "archivist", _("Lưu trữ viên")
    FINANCE_OFFICER = "finance_officer", _("Cán bộ tài chính")
    CIPHER_OFFICER = "cipher_officer", _("Cán bộ cơ yếu")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    #: a right to see one secret item (the assignment names it), granted for a period
    SECRET_ITEM = "secret_item", _("Quyền xem tài liệu mật (từng tài liệu)")
    #: a secrecy clearance within one's unit (the assignment names the level and the unit)
    SECRECY_CLEARANCE = "secrecy_clearance", _("Quyền tiếp cận tài liệu mật theo mức độ")


#: Roles that are rights to secrets: asked for with their own kinds of request (the item, the
#: level), never offered as a plain role.
SECRET_RIGHT_CODES = (RoleCode.SECRET_ITEM, RoleCode.SECRECY_CLEARANCE)

#: How high a secrecy level is: a clearance covers its level and the levels below it.
SECRECY_RANK = {
    Secrecy.NONE: 0,
    Secrecy.CONFIDENTIAL: 1,
    Secrecy.SECRET: 2,
    Secrecy.TOP_SECRET: 3,
}


def levels_up_to(level: str) -> list[str]:
    """The secret levels a clearance of `level` covers (none for an unknown level)."""
    rank = SECRECY_RANK.get(level, 0)
    return [value for value, value_rank in SECRECY_RANK.items() if 0 < value_rank <= rank]


class PrivilegedChangeKind(models.TextChoices):
    """A change of an account's rights that one person may ask for and a second must approve."""

    PASSWORD = "password", _("Đặt lại mật khẩu")
    SUPERUSER = "superuser", _("Quyền quản trị tối cao (superuser)")
    STAFF = "staff", _("Quyền vào trang quản trị")
    GROUPS = "groups", _("Nhóm quyền")
    ROLE = "role", _("Giao vai trò")
    SECRET_ITEM = "secret_item", _("Quyền xem một tài liệu mật")
    CLEARANCE = "clearance", _("Quyền tiếp cận mức độ mật")


class PrivilegedChangeStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt, đã áp dụng")
    REJECTED = "rejected", _("Từ chối")


class RecertificationDecision(models.TextChoices):
    KEEP = "keep", _("Giữ quyền")
    REVOKE = "revoke", _("Thu hồi")
