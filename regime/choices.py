from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    PROPOSAL = "proposal", _("Kiến nghị, đề xuất")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Trưởng phòng đã nhận")
    FORWARDED = "forwarded", _("Đã chuyển Văn phòng giải quyết")
    RESOLVED = "resolved", _("Đã giải quyết")


#: The disclosure category of the unit's own rules: an approved regulation is published there.
REGULATION_CATEGORY = "quy-che"
