"""The archive's pages: lists with constant queries, the file page, picking items through the
door, the PDFs, the home page's transfer clock and the statistics."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from archive import services
from archive.models import RecordFile
from tests.archive.conftest import scan
from units.choices import Secrecy

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _queries_of(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["staff", "archivist"])
def test_file_list_costs_the_same_queries_for_one_file_or_many(
    office, flow, who, django_assert_num_queries
):
    """The list, the search and the archive scope: one query a page whatever the rows."""
    record_file = flow.closed(code="TH-01")
    flow.accepted([record_file])
    client = _client(office[who])
    urls = [
        reverse("archive:files"),
        reverse("archive:files") + "?q=tong hop",
        reverse("archive:files") + "?pham-vi=luu-tru",
    ]
    client.get(urls[0])
    counts = {}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[url] = len(captured)
    for index in range(2, 30):
        flow.closed(code=f"TH-{index:02d}")
    more = [flow.closed(code=f"TH-{index:02d}") for index in range(30, 34)]
    flow.accepted(more)
    for url in urls:
        _queries_of(django_assert_num_queries, client, url, counts[url])


def test_transfer_and_source_lists_cost_constant_queries(office, flow, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    flow.submitted([flow.closed(code="TH-01")])
    client = _client(office["archivist"])
    urls = [reverse("archive:transfers"), reverse("archive:sources"), reverse("archive:file-lists")]
    counts = {}
    client.get(urls[0])
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[url] = len(captured)
    for index in range(2, 8):
        flow.submitted([flow.closed(code=f"TH-{index:02d}")])
    for url in urls:
        _queries_of(django_assert_num_queries, client, url, counts[url])


def test_a_file_page_costs_constant_queries_whatever_its_items(
    office, flow, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    record_file = flow.open()
    flow.paper(record_file)
    client = _client(office["staff"])
    url = record_file.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    for _index in range(10):
        flow.paper(record_file)
    _queries_of(django_assert_num_queries, client, url, len(captured))


def test_the_search_ignores_diacritics(office, flow):
    flow.open(code="TH-01")
    page = _client(office["staff"]).get(reverse("archive:files") + "?q=HO SO TH-01 VE CONG TAC")
    assert "TH-01" in page.content.decode()
    page = _client(office["staff"]).get(reverse("archive:files") + "?q=khong co")
    assert "TH-01" not in page.content.decode()


def test_picking_offers_only_what_the_user_sees_and_files_it(office, flow):
    record_file = flow.open()
    mine = flow.task(title="Việc tôi phụ trách")
    other = flow.task(title="Việc của đồng nghiệp", owner="staff2")
    client = _client(office["staff"])
    url = reverse("archive:file-pick", args=[record_file.pk])
    page = client.get(url + "?nguon=units.task").content.decode()
    assert mine.title in page and other.title not in page
    response = client.post(url, {"nguon": "units.task", "chon": [other.pk]})
    assert response.status_code == 200
    assert not record_file.items.exists()
    response = client.post(url, {"nguon": "units.task", "chon": [mine.pk]})
    assert response.status_code == 302
    assert record_file.items.get().object_id == mine.pk


def test_a_specialist_adds_a_scan_and_closes(office, flow, media_root):
    record_file = flow.open()
    client = _client(office["staff"])
    url = record_file.get_absolute_url()
    response = client.post(
        url,
        {
            "action": "paper",
            "paper-title": "Bản quét tờ trình",
            "paper-sheets": "2",
            "paper-upload": scan(),
        },
    )
    assert response.status_code == 302
    item = record_file.items.get()
    assert item.upload
    assert client.get(reverse("archive:item-scan", args=[item.pk])).status_code == 200
    assert (
        _client(office["tc_staff"]).get(reverse("archive:item-scan", args=[item.pk])).status_code
        == 404
    )
    assert client.post(url, {"action": "close"}).status_code == 302
    assert RecordFile.objects.get(pk=record_file.pk).state == "closed"


def test_lower_retention_on_the_page_shows_the_message_and_changes_nothing(office, flow):
    record_file = flow.open(retention="10-01")
    flow.paper(record_file, retention="70-01")
    response = _client(office["staff"]).post(
        record_file.get_absolute_url(),
        {
            "action": "retention",
            "retention-retention": flow.rules["20-01"].pk,
            "retention-reason": "Hạ",
        },
    )
    assert response.status_code == 200
    assert "không được thấp hơn thời hạn cao nhất" in response.content.decode()
    assert RecordFile.objects.get(pk=record_file.pk).retention.years == 70


def test_transfer_list_pdf_has_the_columns_and_the_minutes_the_checks(office, flow):
    record_file = flow.closed(code="TH-01")
    transfer = flow.submitted([record_file])
    client = _client(office["head"])
    text = _pdf_text(client.get(reverse("archive:transfer-list-pdf", args=[transfer.pk])))
    for column in (
        "Số TT",
        "Số, ký hiệu hồ sơ",
        "Tiêu đề hồ sơ",
        "Thời gian tài liệu",
        "Thời hạn bảo quản",
        "Số tờ",
        "Ghi chú",
        "MỤC LỤC HỒ SƠ NỘP LƯU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TH-01",
    ):
        assert column in text, column
    assert (
        client.get(reverse("archive:transfer-minutes-pdf", args=[transfer.pk])).status_code == 404
    )
    line = transfer.lines.get()
    services.transfer_check_line(
        actor=office["archivist"], line=line, condition="missing", note="Thiếu tờ số 3"
    )
    services.transfer_accept(actor=office["archivist"], transfer=transfer)
    text = _pdf_text(client.get(reverse("archive:transfer-minutes-pdf", args=[transfer.pk])))
    assert "BIÊN BẢN" in text and "Thiếu tờ số 3" in text and "Số 01-BB" in text
    other = _client(office["tc_staff"])
    assert other.get(reverse("archive:transfer-list-pdf", args=[transfer.pk])).status_code == 404


def test_a_permanent_file_prints_its_document_list(office, flow):
    record_file = flow.open(retention="VV-01")
    flow.paper(record_file, sheets=3)
    services.file_close(actor=office["staff"], record_file=record_file)
    client = _client(office["staff"])
    text = _pdf_text(client.get(reverse("archive:document-list-pdf", args=[record_file.pk])))
    assert "MỤC LỤC VĂN BẢN" in text and "1–3" in text
    ten_years = flow.closed(code="TH-02")
    assert client.get(reverse("archive:document-list-pdf", args=[ten_years.pk])).status_code == 404


def test_the_home_page_shows_the_transfer_clock_to_the_holder_and_his_head(office, flow):
    record_file = flow.age(flow.closed(code="TH-01"))
    assert "TH-01" in _client(office["staff"]).get(reverse("home")).content.decode()
    assert "TH-01" in _client(office["head"]).get(reverse("home")).content.decode()
    assert "TH-01" not in _client(office["staff2"]).get(reverse("home")).content.decode()
    flow.submitted([record_file])
    assert "TH-01" not in _client(office["staff"]).get(reverse("home")).content.decode()


def test_statistics_count_what_the_user_sees(office, flow):
    flow.accepted([flow.closed(code="TH-01", secrecy="")])
    flow.closed(code="TH-02", secrecy=Secrecy.CONFIDENTIAL)
    page = _client(office["archivist"]).get(reverse("archive:statistics")).content.decode()
    assert "Trong Lưu trữ cơ quan" in page and "Phòng Tổng hợp" in page


def test_the_archivist_checks_the_file_list_on_the_site(office, flow):
    from units import approvals

    file_list = services.file_list_create(
        actor=office["head"], unit=office.units["th"], year=2026, title="Danh mục 2026"
    )
    services.file_list_entry_add(
        actor=office["head"],
        file_list=file_list,
        code="TH-01",
        title="Hồ sơ tổng hợp",
        retention=flow.rules["10-01"],
        person=office["staff"],
    )
    approvals.approval_submit(actor=office["head"], obj=file_list)
    client = _client(office["lt_head"])
    assert "Lưu trữ đã kiểm tra" in client.get(file_list.get_absolute_url()).content.decode()
    response = client.post(file_list.get_absolute_url(), {"action": "check", "check-notes": ""})
    assert response.status_code == 302
    file_list.refresh_from_db()
    assert approvals.current_step(file_list).kind == "deputy_chief"


def _pdf_pages(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    ]


def test_the_transfer_papers_hold_two_copies_each_on_pages_of_its_own(office, flow):
    """The transfer list and the handover minutes print twice in one PDF, each copy marked."""
    record_file = flow.closed(code="TH-01")
    transfer = flow.accepted([record_file])
    client = _client(office["head"])
    for name, title in (
        ("archive:transfer-list-pdf", "TH-01"),
        ("archive:transfer-minutes-pdf", "Số 01-BB"),
    ):
        pages = _pdf_pages(client.get(reverse(name, args=[transfer.pk])))
        first = [index for index, text in enumerate(pages) if "Bản số 1" in text]
        second = [index for index, text in enumerate(pages) if "Bản số 2" in text]
        assert len(first) == 1 and len(second) == 1, name
        assert first[0] < second[0], name
        copy_one = " ".join(pages[first[0] : second[0]])
        copy_two = " ".join(pages[second[0] :])
        for copy in (copy_one, copy_two):
            assert title in copy and "ĐẢNG CỘNG SẢN VIỆT NAM" in copy, name
            assert "lập thành 2 bản" in copy.lower(), name
