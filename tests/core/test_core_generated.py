"""Files of any format built in the background: an XLSX from a registered builder, served to its
owner with its own content type and extension."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core import services
from core.generated import FILE_BUILDERS, XLSX, ZIP, get_file_builder, register_file_builder
from core.models import GeneratedFile, GeneratedFileStatus

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "units.backends.OfficeModelBackend"


def build_sheet(params: dict) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Nội dung"])
    for number in range(1, params["rows"] + 1):
        sheet.append([number, f"Văn bản số {number}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def sheet_builder():
    register_file_builder("tests.sheet", build_sheet, file_format=XLSX)
    yield
    FILE_BUILDERS.pop("tests.sheet", None)


def test_an_xlsx_is_built_in_the_background_and_served_as_xlsx(
    client,
    user,
    other_user,
    sheet_builder,
    eager_celery,
    media_root,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        generated = services.file_request(
            actor=user, builder="tests.sheet", params={"rows": 3}, title="Sổ tháng 11"
        )
    generated.refresh_from_db()
    assert generated.status == GeneratedFileStatus.READY
    assert (generated.extension, generated.content_type) == ("xlsx", XLSX.content_type)
    assert generated.download_name == "Sổ_tháng_11.xlsx"

    client.force_login(user, backend=MODEL_BACKEND)
    download = client.get(reverse("core:generated_file_download", args=[generated.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == XLSX.content_type
    assert ".xlsx" in download["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.values)
    assert rows == [
        ("STT", "Nội dung"),
        (1, "Văn bản số 1"),
        (2, "Văn bản số 2"),
        (3, "Văn bản số 3"),
    ]

    client.force_login(other_user, backend=MODEL_BACKEND)
    assert (
        client.get(reverse("core:generated_file_download", args=[generated.pk])).status_code == 404
    )


def test_a_name_holds_one_builder_and_unknown_names_are_refused(user, sheet_builder):
    assert get_file_builder("tests.sheet").file_format == XLSX
    register_file_builder("tests.sheet", build_sheet, file_format=XLSX)  # the same again: fine
    with pytest.raises(ValueError):
        register_file_builder("tests.sheet", build_sheet, file_format=ZIP)
    with pytest.raises(ValidationError):
        services.file_request(actor=user, builder="tests.unknown", params={}, title="x")
    assert not GeneratedFile.objects.exists()
