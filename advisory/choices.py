from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    """What a General Affairs specialist follows (Điều 6.1)."""

    SECTOR = "sector", _("Ngành")
    FIELD = "field", _("Lĩnh vực")
    PARTY_BODY = "party_body", _("Cấp ủy, tổ chức đảng trực thuộc")
    LOCALITY = "locality", _("Địa bàn")


class WorkKind(models.TextChoices):
    """The specialist's advisory work (Điều 6.2–6.5)."""

    RESEARCH = "research", _("Nghiên cứu")
    FOLLOW_UP = "follow_up", _("Theo dõi, đôn đốc")
    SURVEY = "survey", _("Dự hội nghị, khảo sát")
    APPRAISAL = "appraisal", _("Thẩm định dự thảo")
    SPEECH = "speech", _("Dự thảo bài phát biểu")


class Source(models.TextChoices):
    """Who assigned the work: office leadership (6.2) or the standing board directly (6.3)."""

    OFFICE_LEADERSHIP = "office", _("Lãnh đạo Văn phòng")
    PROVINCIAL_SECRETARY = "secretary", _("Bí thư Tỉnh ủy")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư Tỉnh ủy")


#: Assignments that come straight from the standing board: leadership and the head are told.
DIRECT_SOURCES = (Source.PROVINCIAL_SECRETARY, Source.DEPUTY_SECRETARY)


class WorkStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Đã giao")
    PLANNED = "planned", _("Đã báo cáo phạm vi, tiến độ")
    DONE = "done", _("Đã báo cáo kết quả")
