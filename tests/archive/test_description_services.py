"""ISAD(G) description: the Archives unit writes it with a reason; bad input is refused with a
Vietnamese message and nothing is written; others may not."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from archive import services
from archive.models import Description, Fonds, Series
from core.audit import audited_create


def archived(flow, office, code="TH-01", **extra):
    record_file = flow.closed(code=code, **extra)
    # A secret file goes to the archive on a secret transfer list.
    flow.accepted([record_file], **({"secrecy": extra["secrecy"]} if "secrecy" in extra else {}))
    record_file.refresh_from_db()
    return record_file


def fonds_and_series(office):
    actor, reason = office["sysadmin"], "Khai báo phông"
    fonds = audited_create(
        Fonds, actor=actor, reason=reason, code="P01", title="Phông Tỉnh ủy", creator="Tỉnh ủy"
    )
    series = audited_create(
        Series, actor=actor, reason=reason, fonds=fonds, code="01", title="Mục lục số 01"
    )
    return fonds, series


def test_the_archivist_describes_a_file_with_a_reason_kept_in_history(office, flow):
    record_file = archived(flow, office)
    description = services.description_save(
        actor=office["archivist"],
        target=record_file,
        reason="Mô tả khi chỉnh lý",
        reference_code="VN-TH-01",
        title="Hồ sơ tổng hợp",
        date_from=date(2026, 1, 2),
        date_to=date(2026, 3, 2),
        extent="3 tờ",
        creator="Phòng Tổng hợp",
        scope_content="Báo cáo, tờ trình",
        access_conditions="Sử dụng rộng rãi",
        language="vie",
    )
    # LT's head describes only the files the door lets him see: not this unit's file.
    with pytest.raises(PermissionDenied):
        services.description_save(
            actor=office["lt_head"], target=record_file, reason="Bổ sung", title="Khác"
        )
    services.description_save(
        actor=office["archivist"], target=record_file, reason="Bổ sung", title="Hồ sơ tổng hợp 2026"
    )
    description.refresh_from_db()
    assert description.level == "file" and description.title == "Hồ sơ tổng hợp 2026"
    reasons = [row.history_change_reason for row in description.history.order_by("history_id")]
    assert reasons == ["Lập mô tả: Mô tả khi chỉnh lý", "Sửa mô tả: Bổ sung"]
    assert description.history.first().history_user == office["archivist"]


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"reference_code": ""}, "reference_code", "Ghi mã tham chiếu."),
        ({"title": "  "}, "title", "Ghi tiêu đề."),
        ({"language": "viet"}, "language", "mã ISO 639-2"),
        (
            {"date_from": date(2026, 3, 2), "date_to": date(2026, 1, 1)},
            "date_to",
            "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
        ),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
    office, flow, values, field, message
):
    fonds, _series = fonds_and_series(office)
    base = {"reference_code": "VN-P01", "title": "Phông Tỉnh ủy", "language": "vie"}
    with pytest.raises(ValidationError) as error:
        services.description_save(
            actor=office["archivist"], target=fonds, reason="Mô tả", **{**base, **values}
        )
    assert message in " ".join(error.value.message_dict[field])
    assert not Description.objects.exists()


def test_a_reason_is_required(office, flow):
    fonds, _series = fonds_and_series(office)
    with pytest.raises(ValidationError) as error:
        services.description_save(
            actor=office["archivist"], target=fonds, reason=" ", reference_code="X", title="Y"
        )
    assert "Ghi lý do sửa mô tả." in error.value.message_dict["reason"]


def test_only_the_archives_unit_describes_and_only_what_reached_the_archives(office, flow):
    fonds, _series = fonds_and_series(office)
    with pytest.raises(PermissionDenied):
        services.description_save(
            actor=office["head"], target=fonds, reason="Mô tả", reference_code="X", title="Y"
        )
    still_open = flow.open(code="TH-09")
    with pytest.raises(PermissionDenied):
        services.description_save(
            actor=office["archivist"],
            target=still_open,
            reason="Mô tả",
            reference_code="X",
            title="Y",
        )
    assert not Description.objects.exists()
