"""The PDFs in the Party document layout, read back with pypdf: the Vietnamese text with its
diacritics, the layout parts (heading, number and symbol, type, recipients, signer), the door
(no sight = 404), and the background path for a long program."""

import io
from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.models import GeneratedFile, GeneratedFileStatus
from units.choices import Secrecy
from workprograms import documents, services
from workprograms.choices import MeetingKind, PeriodKind, ReportKind, Scope

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def download(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    return pdf_text(response.content)


def test_unit_program_pdf_has_the_layout_and_the_items(login, office, flow):
    program = flow.program(items=2)
    url = reverse("workprograms:program-pdf", args=[program.pk])
    text = download(login(office["head"]), url)
    for expected in (
        PARTY,
        "VĂN PHÒNG TỈNH ỦY",
        "PHÒNG TỔNG HỢP",
        "-CTr/VPTU/TH",
        "CHƯƠNG TRÌNH",
        "công tác TH kỳ 1",
        "Tháng 1 năm",
        "Việc số 1 – tổng hợp",
        "Việc số 2 – tổng hợp",
        "Nơi nhận:",
        "Phòng Hành chính – Tiếp dân (để tổng hợp)",
        "TRƯỞNG PHÒNG",
        "Cán bộ th_head",
        "DỰ THẢO",
    ):
        assert expected in text, expected
    assert login(office["tc_head"]).get(url).status_code == 404
    assert login(office["staff"]).get(url).status_code == 404
    assert login(office["deputy"]).get(url).status_code == 200


def test_approved_office_program_is_signed_by_the_deciding_leader(login, office, flow):
    program = flow.program(
        unit="hc", head="hc_head", scope=Scope.OFFICE, kind=PeriodKind.QUARTER, number=2
    )
    flow.approve(program, head="hc_head")
    text = download(login(office["chief"]), reverse("workprograms:program-pdf", args=[program.pk]))
    assert "-CTr/VPTU" in text and "-CTr/VPTU/" not in text
    assert "TỈNH ỦY" in text and "K/T CHÁNH VĂN PHÒNG" in text
    assert "PHÓ CHÁNH VĂN PHÒNG" in text and "Cán bộ dc1" in text
    assert "DỰ THẢO" not in text
    decided = timezone.localtime(program.decided_at).date()
    assert f"năm {decided.year}" in text and "Thường trực Tỉnh ủy (để báo cáo)" in text


def test_report_pdf_keeps_the_vietnamese_text(login, office, flow):
    report = flow.report(
        kind=ReportKind.URGENT,
        content="Mưa lũ gây ngập kho lưu trữ tầng trệt; đã di dời hồ sơ lên tầng hai.",
        proposal="Đề nghị bổ sung kinh phí sửa chữa mái kho.",
    )
    url = reverse("workprograms:report-pdf", args=[report.pk])
    text = download(login(office["dc"]), url)
    for expected in (
        PARTY,
        "-BC/VPTU/TH",
        "BÁO CÁO",
        "ĐỘT XUẤT",
        "Mưa lũ gây ngập kho lưu trữ tầng trệt; đã di dời hồ sơ lên tầng hai.",
        "Đề nghị bổ sung kinh phí sửa chữa mái kho.",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    assert login(office["dc_other"]).get(url).status_code == 404
    assert login(office["tc_head"]).get(url).status_code == 404


def test_office_report_pdf_carries_the_implementation_table(login, office, flow):
    report = flow.report(unit="hc", head="hc_head", scope=Scope.OFFICE)
    text = download(login(office["hc_head"]), reverse("workprograms:report-pdf", args=[report.pk]))
    assert "Kết quả thực hiện chương trình công tác" in text
    assert "Phòng Tài chính đảng" in text and "-BC/VPTU" in text


def test_minutes_pdf_of_a_review(login, office, flow):
    meeting = flow.meeting(kind=MeetingKind.YEAR_REVIEW, title="Hội nghị tổng kết năm")
    services.meeting_record_minutes(
        actor=office["staff"],
        meeting=meeting,
        minutes="Đồng chí Trưởng phòng trình bày báo cáo tổng kết.",
        self_criticism="Tập thể phòng nghiêm túc kiểm điểm, chỉ rõ hạn chế về tiến độ.",
    )
    services.conclusion_add(
        actor=office["staff"], meeting=meeting, text="Xây dựng chương trình năm mới trước quý I."
    )
    url = reverse("workprograms:meeting-minutes-pdf", args=[meeting.pk])
    text = download(login(office["staff"]), url)
    for expected in (
        PARTY,
        "-BB/VPTU/TH",
        "BIÊN BẢN",
        "Hội nghị tổng kết năm",
        "Phòng họp tầng 2",
        "Đồng chí Trưởng phòng trình bày báo cáo tổng kết.",
        "Tự phê bình và phê bình (Điều 20)",
        "chỉ rõ hạn chế về tiến độ",
        "Xây dựng chương trình năm mới trước quý I.",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "Cán bộ th_staff",
        "Nơi nhận:",
        "Các thành viên dự họp",
    ):
        assert expected in text, expected
    assert login(office["tc_head"]).get(url).status_code == 404
    assert login(office["hc_staff"]).get(url).status_code == 404


def test_conclusion_notice_pdf_of_a_leadership_meeting(login, office, flow):
    meeting = flow.leadership_meeting()
    services.conclusion_add(
        actor=office["hc_staff"], meeting=meeting, text="Giao Phòng Quản trị sửa chữa hội trường."
    )
    services.meeting_draft_notice(
        actor=office["hc_staff"],
        meeting=meeting,
        conclusion_notice="Ngày họp, tập thể lãnh đạo Văn phòng đã thống nhất kết luận như sau:",
    )
    url = reverse("workprograms:meeting-notice-pdf", args=[meeting.pk])
    text = download(login(office["dc_other"]), url)
    day = timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y")
    for expected in (
        PARTY,
        "-TB/VPTU",
        "THÔNG BÁO",
        f"Kết luận của lãnh đạo Văn phòng tại cuộc họp ngày {day}",
        "tập thể lãnh đạo Văn phòng đã thống nhất kết luận",
        "Giao Phòng Quản trị sửa chữa hội trường.",
        "T/L CHÁNH VĂN PHÒNG",
        "Cán bộ hc_head",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    assert login(office["tc_head"]).get(url).status_code == 404
    briefing = flow.meeting()
    notice = reverse("workprograms:meeting-notice-pdf", args=[briefing.pk])
    assert login(office["head"]).get(notice).status_code == 403


def test_weekly_calendar_pdf_shows_what_the_reader_may_see(login, office, flow):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    flow.calendar_entry(day=monday, content="Dự phiên họp Ban Thường vụ Tỉnh ủy")
    flow.calendar_entry(
        day=monday + timedelta(days=1), content="Làm việc về nhân sự", secrecy=Secrecy.SECRET
    )
    url = reverse("workprograms:calendar-pdf") + f"?tuan={monday:%Y-%m-%d}"
    text = download(login(office["staff"]), url)
    sunday = monday + timedelta(days=6)
    for expected in (
        PARTY,
        "LỊCH CÔNG TÁC",
        f"tuần từ ngày {monday:%d/%m/%Y} đến ngày {sunday:%d/%m/%Y}",
        "Dự phiên họp Ban Thường vụ Tỉnh ủy",
        "Hội trường Tỉnh ủy",
        "Cán bộ dc1",
        monday.strftime("%d/%m/%Y"),
        sunday.strftime("%d/%m/%Y"),
        "Nơi nhận:",
    ):
        assert expected in text, expected
    assert "Làm việc về nhân sự" not in text
    assert "Làm việc về nhân sự" in download(login(office["dc"]), url)


def test_a_long_program_is_built_in_the_background(
    login, office, flow, monkeypatch, media_root, django_capture_on_commit_callbacks
):
    program = flow.program(items=3)
    monkeypatch.setattr(documents, "INLINE_MAX_ITEMS", 2)
    client = login(office["head"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("workprograms:program-pdf", args=[program.pk]))
    generated = GeneratedFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:generated_file_detail", args=[generated.pk])
    assert generated.status == GeneratedFileStatus.READY, generated.error
    download_url = reverse("core:generated_file_download", args=[generated.pk])
    body = b"".join(client.get(download_url).streaming_content)
    text = pdf_text(body)
    assert PARTY in text and "-CTr/VPTU/TH" in text and "Việc số 3 – tổng hợp" in text
    assert login(office["tc_head"]).get(download_url).status_code == 404
    with pytest.raises(Http404):
        documents.build_program({"user_id": office["tc_head"].pk, "pk": program.pk})


def test_a_long_report_is_built_in_the_background_and_fails_for_lost_sight(
    login, office, flow, monkeypatch, media_root, django_capture_on_commit_callbacks
):
    report = flow.report(content="Báo cáo dài về kết quả công tác.")
    monkeypatch.setattr(documents, "INLINE_MAX_CHARS", 10)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(office["head"]).get(reverse("workprograms:report-pdf", args=[report.pk]))
    assert response.status_code == 302
    assert GeneratedFile.objects.get().status == GeneratedFileStatus.READY
    with pytest.raises(Http404):
        documents.build_report({"user_id": office["tc_staff"].pk, "pk": report.pk})


def test_the_heading_names_the_demo_province_unless_configured(login, office, flow, settings):
    program = flow.program(
        unit="hc", head="hc_head", scope=Scope.OFFICE, kind=PeriodKind.QUARTER, number=3
    )
    flow.approve(program, head="hc_head")
    url = reverse("workprograms:program-pdf", args=[program.pk])
    text = download(login(office["chief"]), url)
    assert "TỈNH ỦY THANH HÓA" in text and "Thanh Hóa, ngày" in text
    assert "Tỉnh, ngày" not in text
    settings.OFFICE_PLACE, settings.OFFICE_PARENT_NAME = "Tam Kỳ", "TỈNH ỦY QUẢNG NAM"
    text = download(login(office["chief"]), url)
    assert "TỈNH ỦY QUẢNG NAM" in text and "Tam Kỳ, ngày" in text
