from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetLevel(models.TextChoices):
    LEVEL_1 = "cap_1", _("Đơn vị dự toán cấp I")
    LEVEL_2 = "cap_2", _("Đơn vị dự toán cấp II")


class EstimateKind(models.TextChoices):
    UNIT = "unit", _("Dự toán của đơn vị")
    CONSOLIDATED = "consolidated", _("Dự toán tổng hợp của Tỉnh ủy")


class ThresholdKey(models.TextChoices):
    COMMITMENT_WARNING = "commitment_warning", _("Cảnh báo khi cam kết chi đạt (% phân bổ)")
    COMMITMENT_REFUSAL = "commitment_refusal", _("Từ chối khi cam kết chi vượt (% phân bổ)")
    SETTLEMENT_VARIANCE = (
        "settlement_variance",
        _("Quyết toán chênh lệch phải giải trình khi vượt (% dự toán)"),
    )


class MemberCategory(models.TextChoices):
    SALARIED = "salaried", _("Hưởng lương (tiền lương làm căn cứ đóng BHXH)")
    LEAVE_BENEFIT = "leave_benefit", _("Nghỉ ốm đau, thai sản hưởng trợ cấp BHXH")
    PENSIONER = "pensioner", _("Hưởng lương hưu")
    STUDENT = "student", _("Học sinh, sinh viên")


class RateKind(models.TextChoices):
    PERCENT = "percent", _("Tỷ lệ % trên căn cứ")
    FIXED = "fixed", _("Mức cố định mỗi tháng")


class ReliefKind(models.TextChoices):
    EXEMPTION = "exemption", _("Miễn đóng")
    REDUCTION = "reduction", _("Giảm mức đóng")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt nộp chi bộ")
    BANK = "bank", _("Chuyển khoản ngân hàng")
    PORTAL = "portal", _("Cổng dịch vụ công quốc gia")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Đang xem trước")
    DONE = "done", _("Đã nhập")


#: What an accounting export's columns are mapped to (field, label, required).
IMPORT_FIELDS = [
    ("spent_on", _("Ngày chứng từ"), True),
    ("voucher", _("Số chứng từ"), False),
    ("description", _("Diễn giải"), False),
    ("unit", _("Mã đơn vị dự toán"), True),
    ("chapter", _("Chương"), True),
    ("type_item", _("Loại – Khoản"), True),
    ("section", _("Mục"), True),
    ("subsection", _("Tiểu mục"), True),
    ("amount", _("Số tiền"), True),
]


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Theo kế hoạch")
    IN_PROGRESS = "in_progress", _("Đang kiểm tra")
    CONCLUDED = "concluded", _("Đã kết luận")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện")
    NOT_DONE = "not_done", _("Không thực hiện")
