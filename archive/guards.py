"""693-QĐ/VPTW Điều 23: whoever leaves, retires or moves hands over every file first."""

from django.utils.translation import gettext as _

from archive import selectors

#: files named in the refusal; the rest are counted
NAMED_FILES = 10


def files_held(user) -> list[str]:
    """The deactivation guard: refuse while the person holds files not handed over."""
    held = list(selectors.held_files(user).order_by("code", "pk").values_list("code", "title"))
    if not held:
        return []
    names = "; ".join(f"{code} – {title}" for code, title in held[:NAMED_FILES])
    if len(held) > NAMED_FILES:
        names += _(" và %(count)d hồ sơ khác") % {"count": len(held) - NAMED_FILES}
    return [
        _(
            "Cán bộ còn giữ %(count)d hồ sơ chưa nộp lưu hoặc chưa bàn giao: %(files)s. "
            "Nộp lưu hoặc giao lại hồ sơ trước khi cho thôi công tác."
        )
        % {"count": len(held), "files": names}
    ]
