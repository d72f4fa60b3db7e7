"""No path destroys a record but the approved destruction list (Điều 8.2): a record file is
never deleted, only marked destroyed by `archive.services.appraisal.appraisal_destroy`, its
catalogue entry kept; an item leaves a file only while the file is still being compiled
(`item_remove`: a paper filed by mistake), never once the file is closed or in the archive.
The model's `delete()` and its querysets' `delete()` refuse; the admin has no delete button or
bulk delete; PostgreSQL refuses the DELETE itself (migration archive 0004)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

NEVER_DELETED = (
    "Hồ sơ lưu trữ không được xóa: chỉ hủy theo quyết định đã duyệt của Chánh Văn phòng."
)
ITEM_KEPT = (
    "Văn bản, tài liệu của hồ sơ đã kết thúc hoặc đã vào lưu trữ không được xóa: chỉ hủy theo "
    "quyết định đã duyệt của Chánh Văn phòng."
)


class UndeletableQuerySet(models.QuerySet):
    """`.delete()` refused, whatever the filter: `RecordFile.objects.filter(...).delete()`."""

    def delete(self):
        raise PermissionDenied(_(self.model.deletion_refusal))

    delete.alters_data = True
    delete.queryset_only = True

    def _raw_delete(self, using):
        raise PermissionDenied(_(self.model.deletion_refusal))


class UndeletableManager(models.Manager.from_queryset(UndeletableQuerySet)):
    pass


def refuse_delete(obj) -> None:
    raise PermissionDenied(_(type(obj).deletion_refusal))
