"""The incoming pages: who reaches what, the clerk's registration form, the actions of the
document page, attachments behind the permission check, constant query counts on lists."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dispatch.choices import IncomingStatus
from dispatch.models import DocumentType, IncomingDocument

pytestmark = pytest.mark.django_db

LIST = reverse("dispatch:incoming-list")
CREATE = reverse("dispatch:incoming-create")


def form_data(**overrides):
    data = {
        "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "sender": "Ủy ban Kiểm tra Tỉnh ủy",
        "number_and_symbol": "12-CV/UBKTTU",
        "document_date": "20/11/2026",
        "doc_type": DocumentType.objects.get(name="Công văn").pk,
        "summary": "Về việc kiểm tra việc thực hiện Quy định 22",
        "urgency": "",
        "secrecy": "",
        "pages": 2,
        "copies": 1,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("url_name", ["incoming-list", "incoming-create", "follow-up", "overdue"])
def test_anonymous_is_sent_to_login(client, url_name):
    response = client.get(reverse(f"dispatch:{url_name}"))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize(
    "url_name", ["incoming-create", "letter-create", "receptions", "travel-papers"]
)
def test_the_clerks_registration_pages_are_404_to_anyone_else(client, office, url_name):
    """A forbidden page answers 404 like an unknown one (the door's rule), never 403: a staff
    member who is not a records clerk, GET or POST, learns nothing and writes nothing."""
    url = reverse(f"dispatch:{url_name}")
    client.force_login(office["tc_staff"])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert not IncomingDocument.objects.exists()
    client.force_login(office["clerk"])
    assert client.get(url).status_code == 200


def test_only_clerks_open_the_registration_form(client, office):
    client.force_login(office["hc_staff"])
    assert client.get(CREATE).status_code == 404
    client.force_login(office["clerk"])
    assert client.get(CREATE).status_code == 200


def test_leadership_has_no_drafting_page(client, office):
    """Drafting is a unit's: office leadership, who belongs to none, gets 404, not 403."""
    client.force_login(office["chief"])
    assert client.get(reverse("dispatch:outgoing-create")).status_code == 404


def test_a_clerk_registers_with_a_scan(client, office, media_root, pdf):
    client.force_login(office["clerk"])
    response = client.post(CREATE, {**form_data(), "attachments": [pdf()]})
    document = IncomingDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert (document.number, document.pages) == (1, 2)
    assert document.attachments.count() == 1


def test_a_scan_that_is_not_pdf_or_image_is_refused_by_its_content(client, office, media_root):
    client.force_login(office["clerk"])
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(CREATE, {**form_data(), "attachments": [fake]})
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF" in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_a_likely_duplicate_is_shown_and_needs_confirmation(client, office):
    client.force_login(office["clerk"])
    client.post(CREATE, form_data())
    response = client.post(CREATE, form_data(sender="ủy ban kiểm tra tỉnh ủy"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="duplicate-warning"' in page
    assert 'type="checkbox" name="allow_duplicate"' in page
    assert IncomingDocument.objects.count() == 1
    response = client.post(CREATE, form_data(allow_duplicate="on"))
    assert response.status_code == 302
    assert IncomingDocument.objects.count() == 2


def test_the_whole_flow_through_the_document_page(client, office, register):
    document = register()
    url = document.get_absolute_url()
    client.force_login(office["clerk"])
    client.post(url, {"action": "present"})
    client.force_login(office["chief"])
    response = client.post(
        url,
        {
            "action": "distribute",
            "distribute-lead_unit": office.units["th"].pk,
            "distribute-coordinating_units": [office.units["tc"].pk],
            "distribute-handling_days": 5,
            "distribute-instruction": "Phòng Tổng hợp tham mưu trả lời.",
        },
    )
    assert response.status_code == 302
    client.force_login(office["th_head"])
    client.post(url, {"action": "assign", "assign-owner": office["th_staff"].pk})
    client.force_login(office["th_staff"])
    client.post(url, {"action": "progress", "progress-note": "Đang dự thảo"})
    client.post(
        url, {"action": "close", "close-reply_number": "15-CV/VPTU", "close-result_note": ""}
    )
    document.refresh_from_db()
    assert document.status == IncomingStatus.CLOSED
    assert (document.lead_unit, document.owner) == (office.units["th"], office["th_staff"])
    page = client.get(url).content.decode()
    assert "15-CV/VPTU" in page and "Đang dự thảo" in page


def test_a_leader_not_in_charge_gets_no_distribute_form(client, office, register):
    document = register()
    client.force_login(office["dc_other"])
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(office["dc"])
    assert 'id="action-distribute"' in client.get(document.get_absolute_url()).content.decode()


def test_bad_distribution_input_keeps_the_typed_text(client, office, register):
    document = register()
    client.force_login(office["chief"])
    response = client.post(
        document.get_absolute_url(),
        {
            "action": "distribute",
            "distribute-lead_unit": office.units["th"].pk,
            "distribute-handling_days": 0,
            "distribute-instruction": "Ý kiến đã gõ",
        },
    )
    assert response.status_code == 200
    assert "Ý kiến đã gõ" in response.content.decode()


def test_someone_without_sight_gets_404_for_the_page_and_the_scan(
    client, office, media_root, register, pdf, pdf_bytes
):
    document = register(attachments=[pdf()])
    attachment = document.attachments.get()
    scan = reverse("dispatch:incoming-attachment", args=[document.pk, attachment.pk])
    client.force_login(office["tc_staff"])
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(scan).status_code == 404
    client.force_login(office["clerk2"])
    response = client.get(scan)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes


def test_a_scan_of_another_document_is_404(client, office, media_root, register, pdf):
    mine = register(n=1)
    other = register(n=2, attachments=[pdf()])
    client.force_login(office["clerk"])
    url = reverse("dispatch:incoming-attachment", args=[mine.pk, other.attachments.get().pk])
    assert client.get(url).status_code == 404


def test_the_register_is_searched_without_diacritics_and_paged_by_key(
    client, office, settings, register
):
    register(n=1, summary="Về công tác Đảng ở cơ sở")
    register(n=2, summary="Về lịch tiếp công dân")
    client.force_login(office["clerk"])
    page = client.get(LIST, {"q": "cong tac dang"}).content.decode()
    assert "công tác Đảng" in page and "tiếp công dân" not in page


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["incoming-list", "follow-up", "overdue"])
@pytest.mark.parametrize("who", ["clerk", "th_head", "chief"])
def test_lists_cost_the_same_queries_for_few_and_many_rows(
    client, office, url_name, who, django_assert_num_queries, register, distribute
):
    url = reverse(f"dispatch:{url_name}")
    client.force_login(office[who])

    def add(first, last):
        for n in range(first, last):
            distribute(register(n=n))
        IncomingDocument.objects.update(handling_deadline=timezone.localdate() - timedelta(days=1))

    add(1, 2)
    few = count_queries(client, url)
    add(2, 12)
    with django_assert_num_queries(few):
        client.get(url)
    assert IncomingDocument.objects.count() == 11


def test_an_oversized_scan_is_refused(client, office, media_root, settings, pdf):
    settings.UPLOAD_MAX_BYTES = 10
    client.force_login(office["clerk"])
    response = client.post(CREATE, {**form_data(), "attachments": [pdf()]})
    assert "Tệp quá lớn" in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_a_scan_is_served_as_the_type_found_not_the_name_given(client, office, media_root, pdf):
    """A PDF uploaded as `trang.html` comes back as application/pdf, an attachment, no sniffing."""
    client.force_login(office["clerk"])
    scan = SimpleUploadedFile("trang.html", pdf().read(), content_type="text/html")
    client.post(CREATE, {**form_data(), "attachments": [scan]})
    attachment = IncomingDocument.objects.get().attachments.get()
    response = client.get(
        reverse("dispatch:incoming-attachment", args=[attachment.document_id, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="trang.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_oversized_scan_is_cut_at_the_limit_and_refused_on_the_form(
    client, office, media_root, settings, pdf
):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(office["clerk"])
    big = SimpleUploadedFile("to.pdf", pdf().read() + b"\0" * (3 * 1024 * 1024))
    response = client.post(CREATE, {**form_data(), "attachments": [big]})
    assert response.status_code == 200
    assert "Tệp quá lớn: tối đa 1 MB." in response.content.decode()
    assert not IncomingDocument.objects.exists()
    assert response.wsgi_request.FILES["attachments"].size == big.size


def test_a_scan_with_javascript_is_refused_on_the_form(client, office, media_root):
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    content = io.BytesIO()
    writer.write(content)
    client.force_login(office["clerk"])
    scan = SimpleUploadedFile("scan.pdf", content.getvalue(), content_type="application/pdf")
    response = client.post(CREATE, {**form_data(), "attachments": [scan]})
    assert response.status_code == 200
    assert "Tệp PDF có nội dung tự chạy" in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_each_status_is_offered_once_in_the_filter(client, office):
    client.force_login(office["clerk"])
    html = client.get(reverse("dispatch:incoming-list")).content.decode()
    assert html.count(">Đang xử lý</option>") == 1
    assert html.count(">Chưa xử lý xong</option>") == 1
