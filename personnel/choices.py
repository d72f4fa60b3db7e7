from django.db import models
from django.utils.translation import gettext_lazy as _


class TripMeans(models.TextChoices):
    OFFICE_CAR = "office_car", _("Xe ô tô cơ quan")
    PUBLIC = "public", _("Phương tiện công cộng")
    TRAIN_PLANE = "train_plane", _("Tàu hỏa, máy bay")
    OWN = "own", _("Phương tiện cá nhân")


class CourseResult(models.TextChoices):
    COMPLETED = "completed", _("Hoàn thành khóa học")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành khóa học")


class CountingPeriod(models.TextChoices):
    MONTH = "month", _("Theo tháng")
    QUARTER = "quarter", _("Theo quý")


class Grade(models.TextChoices):
    """The four grades of Nghị định 335/2025/NĐ-CP, also those of the Party members' review
    (Quy định 366-QĐ/TW)."""

    EXCELLENT = "xuat_sac", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "tot", _("Hoàn thành tốt nhiệm vụ")
    DONE = "hoan_thanh", _("Hoàn thành nhiệm vụ")
    FAILED = "khong_hoan_thanh", _("Không hoàn thành nhiệm vụ")


#: best first: a title's minimum grade is met by this grade or any before it
GRADE_ORDER = [Grade.EXCELLENT, Grade.GOOD, Grade.DONE, Grade.FAILED]


class EvaluationStage(models.TextChoices):
    SELF = "self", _("Chờ cá nhân tự đánh giá")
    SELF_DONE = "self_done", _("Đã tự đánh giá, chờ Trưởng phòng đề xuất")
    PROPOSED = "proposed", _("Trưởng phòng đã đề xuất")


class TitleKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class ItemKind(models.TextChoices):
    """What a task-result item was counted from."""

    TASK = "task", _("Công việc được giao")
    CONSULTATION = "consultation", _("Trả lời xin ý kiến")
    TRIP = "trip", _("Báo cáo kết quả công tác")
    TRAINING = "training", _("Báo cáo kết quả bồi dưỡng")
