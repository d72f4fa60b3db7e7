"""End to end in Chromium: the archivist registers an outside reader; the reader asks for a
Tối mật file; LT's head approves on the site and the chief in the admin; the reader reads it;
the grant expires (its last day moved into the past, then the sweep); the reader gets 404; the
reading room's log shows each step."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import ReadingRequest
from tests.archive.test_archive_browser import sign_in
from units import grants
from units.choices import Secrecy
from units.models import TimedGrant

READER_PASSWORD = "mat-khau-doc-gia-2026"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_reader_reads_a_secret_file_until_the_grant_expires(
    live_server, page, office, flow, password, media_root
):
    record_file = flow.closed(code="TH-05", secrecy=Secrecy.SECRET)
    flow.accepted([record_file], secrecy=Secrecy.SECRET)
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, base, "lt_cv", password)
    page.goto(f"{base}/luu-tru/phong-doc/nguoi-doc/moi/")
    page.fill("#id_full_name", "Lê Văn Đọc")
    page.select_option("#id_id_kind", "cccd")
    page.fill("#id_id_number", "038090001234")
    page.fill("#id_organisation", "Viện Lịch sử Đảng")
    page.fill("#id_introduction_ref", "Giấy giới thiệu số 15/GGT-VLSĐ ngày 20/11/2026")
    page.fill("#id_username", "docgia")
    page.fill("#id_password", READER_PASSWORD)
    page.click("#reading-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/phong-doc/nguoi-doc/$"))
    assert "Lê Văn Đọc" in page.inner_text("#researcher-table")

    sign_in(page, base, "docgia", READER_PASSWORD)
    today = timezone.localdate()
    page.goto(f"{base}/luu-tru/phong-doc/moi/")
    page.fill("#id_file_codes", "TH-05")
    page.fill("#id_purpose", "Nghiên cứu lịch sử Đảng bộ tỉnh")
    page.fill("#id_period_start", today.strftime("%d/%m/%Y"))
    page.fill("#id_period_end", (today + timedelta(days=5)).strftime("%d/%m/%Y"))
    page.click("#reading-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/phong-doc/\d+/$"))
    request_url = page.url
    request = ReadingRequest.objects.get()
    assert request.secrecy == Secrecy.SECRET

    sign_in(page, base, "lt_head", password)
    page.goto(request_url)
    with page.expect_navigation():
        page.click("button[name=submit-approve]")
    assert "Chánh Văn phòng" in page.inner_text("#request-state")

    sign_in(page, base, "chief", password)
    page.goto(f"{base}/admin/archive/readingrequest/{request.pk}/change/")
    assert "Lê Văn Đọc" in page.content()
    with page.expect_navigation():
        page.click("#decision-buttons button[value=approve]")
    request.refresh_from_db()
    assert request.approval_status == "approved"

    sign_in(page, base, "docgia", READER_PASSWORD)
    page.goto(request_url)
    page.click("#request-lines a.read-file")
    page.wait_for_url(re.compile(r".*/phong-doc/\d+/ho-so/\d+/$"))
    reading_url = page.url
    assert "TH-05" in page.inner_text("#reading-title")

    TimedGrant.objects.filter(user__username="docgia").update(
        starts_on=today - timedelta(days=6), ends_on=today - timedelta(days=1)
    )
    assert page.goto(reading_url).status == 404
    assert page.goto(f"{base}{record_file.get_absolute_url()}").status == 404
    assert grants.expired_sweep() == 1
    assert page.goto(f"{base}{record_file.get_absolute_url()}").status == 404

    sign_in(page, base, "lt_cv", password)
    page.goto(request_url)
    log = page.inner_text("#reading-log")
    for step in (
        "Đăng ký đọc",
        "Được duyệt",
        "Cấp quyền xem",
        "Đọc hồ sơ",
        "Hết hạn được xem",
    ):
        assert step in log
