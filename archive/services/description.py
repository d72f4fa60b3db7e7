"""Archival description (ISAD(G)) kept by the Archives unit: one description per fonds, series,
file or item, each change a history row with its reason."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import permissions as archive_permissions
from archive.models import Fonds, RecordFile, RecordItem, Series
from archive.models_description import LEVEL_FIELDS, Description, DescriptionLevel
from core.audit import audited_save, in_office_language

#: the fields of a description its editors write
DESCRIPTION_FIELDS = (
    "reference_code",
    "title",
    "date_from",
    "date_to",
    "extent",
    "creator",
    "scope_content",
    "access_conditions",
    "language",
)

LEVEL_OF = {
    Fonds: DescriptionLevel.FONDS,
    Series: DescriptionLevel.SERIES,
    RecordFile: DescriptionLevel.FILE,
    RecordItem: DescriptionLevel.ITEM,
}


def level_of(target) -> str:
    return LEVEL_OF[type(target)]


def may_describe(user, target) -> bool:
    if isinstance(target, RecordFile):
        return archive_permissions.can_describe_file(user, target)
    if isinstance(target, RecordItem):
        return archive_permissions.can_describe_file(user, target.record_file)
    return archive_permissions.can_describe(user)


def _extent(target) -> str:
    if isinstance(target, RecordFile):
        return _("%(sheets)d tờ") % {"sheets": target.sheet_total}
    if isinstance(target, RecordItem):
        return _("%(sheets)d tờ") % {"sheets": target.sheets}
    return ""


def proposed(target) -> dict:
    """What a new description starts from: the catalogue's own data (reference code, title,
    dates, extent, creator), for the archivist to complete."""
    if isinstance(target, Fonds):
        return {
            "reference_code": f"VN-{target.code}",
            "title": target.title,
            "creator": target.creator,
            "access_conditions": target.restriction_note if target.access_restricted else "",
        }
    if isinstance(target, Series):
        return {
            "reference_code": f"VN-{target.fonds.code}-{target.code}",
            "title": target.title,
            "creator": target.fonds.creator,
        }
    if isinstance(target, RecordFile):
        prefix = (
            f"VN-{target.series.fonds.code}-{target.series.code}-" if target.series_id else "VN-"
        )
        return {
            "reference_code": f"{prefix}{target.code}",
            "title": target.title,
            "date_from": target.starts_on,
            "date_to": target.ends_on,
            "extent": _extent(target),
            "creator": target.lead_unit.name,
        }
    return {
        "reference_code": f"{target.record_file.code}-{target.position}",
        "title": target.title,
        "date_from": target.date,
        "date_to": target.date,
        "extent": _extent(target),
    }


def description_of(target) -> Description | None:
    return Description.objects.filter(**{LEVEL_FIELDS[level_of(target)]: target}).first()


@transaction.atomic
@in_office_language
def description_save(*, actor, target, reason: str, **values) -> Description:
    """Write the ISAD(G) description of a fonds, series, file or item, with a reason."""
    if not may_describe(actor, target):
        raise PermissionDenied(_("Chỉ Phòng Lưu trữ mô tả tài liệu đã vào lưu trữ."))
    unknown = set(values) - set(DESCRIPTION_FIELDS)
    if unknown:
        raise ValueError(f"Not description fields: {sorted(unknown)}")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ghi lý do sửa mô tả.")})
    level = level_of(target)
    description = description_of(target) or Description(
        level=level, **{LEVEL_FIELDS[level]: target}
    )
    created = description.pk is None
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(description, name, value)
    description.language = (description.language or "").lower()
    if not description.reference_code:
        raise ValidationError({"reference_code": _("Ghi mã tham chiếu.")})
    if not description.title:
        raise ValidationError({"title": _("Ghi tiêu đề.")})
    if not (len(description.language) == 3 and description.language.isalpha()):
        raise ValidationError(
            {"language": _("Ngôn ngữ ghi bằng mã ISO 639-2 gồm 3 chữ cái (tiếng Việt: vie).")}
        )
    _check_dates(description.date_from, description.date_to)
    description.updated_by = actor
    description.updated_at = timezone.now()
    description.full_clean()
    audited_save(
        description,
        actor=actor,
        reason=(_("Lập mô tả: %(reason)s") if created else _("Sửa mô tả: %(reason)s"))
        % {"reason": reason.strip()},
    )
    return description


def _check_dates(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationError({"date_to": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
