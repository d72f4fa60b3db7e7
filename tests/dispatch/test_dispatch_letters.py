"""Letters and petitions, citizen reception and travel papers (Điều 7.3, 7.7)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.workdays import add_working_days
from dispatch import selectors, services
from dispatch.choices import LetterCategory, LetterStage, LetterStatus
from dispatch.models import LetterDeadline, TravelPaper

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 11, 23)


@pytest.fixture
def receive(office):
    def make(**fields):
        values = {
            "actor": office["clerk"],
            "received_on": RECEIVED,
            "sender_name": "Nguyễn Văn Dân",
            "sender_address": "Xã Quảng Phú",
            "summary": "Khiếu nại việc thu hồi đất",
        }
        values.update(fields)
        return services.letter_receive(**values)

    return make


def test_a_letter_is_numbered_and_given_its_classify_deadline(office, receive):
    first, second = receive(), receive()
    assert (first.number, second.number) == (1, 2)
    assert first.classify_deadline == add_working_days(RECEIVED, 10)
    assert (first.lead_unit, first.owner) == (office.units["hc"], office["clerk"])


def test_a_named_sender_is_required_unless_anonymous(office, receive):
    with pytest.raises(ValidationError, match=r"Cần ghi người gửi, hoặc đánh dấu đơn nặc danh\."):
        receive(sender_name="")
    assert receive(sender_name="", is_anonymous=True).is_anonymous


@pytest.mark.parametrize(
    "flags",
    [
        {"is_anonymous": True, "out_of_competence": False},
        {"is_anonymous": False, "out_of_competence": True},
    ],
)
def test_anonymous_or_out_of_competence_is_filed_without_action(office, receive, flags):
    letter = services.letter_classify(
        actor=office["clerk"], letter=receive(), category=LetterCategory.DENUNCIATION, **flags
    )
    assert letter.status == LetterStatus.FILED and letter.closed_at


def test_classify_propose_route_and_result_with_deadlines_from_data(office, receive):
    LetterDeadline.objects.filter(stage=LetterStage.RESOLVE, category="complaint").update(
        working_days=20
    )
    letter = receive()
    services.letter_classify(
        actor=office["clerk"],
        letter=letter,
        category=LetterCategory.COMPLAINT,
        is_anonymous=False,
        out_of_competence=False,
        proposal="Chuyển UBND huyện giải quyết",
    )
    with pytest.raises(PermissionDenied, match=r"Chỉ Trưởng phòng mới duyệt chuyển đơn\."):
        services.letter_route(
            actor=office["clerk"], letter=letter, routed_to="UBND huyện", to_standing_board=False
        )
    services.letter_route(
        actor=office["hc_head"], letter=letter, routed_to="UBND huyện", to_standing_board=False
    )
    assert letter.result_deadline == add_working_days(timezone.localdate(), 20)
    services.letter_record_result(actor=office["clerk"], letter=letter, result="Đã giải quyết")
    assert letter.status == LetterStatus.RESOLVED


def test_a_recommendation_has_no_result_deadline_by_default(office, receive):
    letter = receive()
    services.letter_classify(
        actor=office["clerk"],
        letter=letter,
        category=LetterCategory.RECOMMENDATION,
        is_anonymous=False,
        out_of_competence=False,
        proposal="Báo cáo Thường trực",
    )
    services.letter_route(
        actor=office["hc_head"], letter=letter, routed_to="", to_standing_board=True
    )
    assert letter.result_deadline is None and letter.to_standing_board


def test_letters_are_seen_by_hc_clerks_not_by_other_units(office, receive, client):
    letter = receive()
    assert selectors.visible_letters(office["clerk2"]).get() == letter
    assert not selectors.visible_letters(office["tc_staff"]).exists()
    client.force_login(office["tc_staff"])
    assert client.get(letter.get_absolute_url()).status_code == 404


def test_only_the_hc_head_signs_travel_papers(office):
    fields = {
        "traveller": "Trần Văn Khách",
        "agency": "Huyện ủy Đông Sơn",
        "purpose": "Làm việc với Văn phòng",
        "arrived_on": RECEIVED,
        "left_on": RECEIVED + timedelta(days=1),
    }
    for who in ("clerk", "th_head", "chief"):
        with pytest.raises(
            PermissionDenied, match=r"Chỉ Trưởng phòng Hành chính ký giấy đi đường\."
        ):
            services.travel_paper_sign(actor=office[who], **fields)
    paper = services.travel_paper_sign(actor=office["hc_head"], **fields)
    again = services.travel_paper_sign(actor=office["hc_head"], **fields)
    assert (paper.number, again.number) == (1, 2)
    assert paper.signed_by == office["hc_head"]


def test_pages_of_the_hc_books(client, office, receive):
    client.force_login(office["hc_head"])
    response = client.post(
        reverse("dispatch:travel-papers"),
        {
            "traveller": "Trần Văn Khách",
            "agency": "Huyện ủy A",
            "purpose": "Công tác",
            "arrived_on": "23/11/2026",
            "left_on": "24/11/2026",
        },
    )
    assert response.status_code == 302 and TravelPaper.objects.count() == 1
    client.force_login(office["clerk"])
    response = client.post(
        reverse("dispatch:receptions"),
        {
            "held_on": "20/11/2026",
            "leader": "Bí thư Tỉnh ủy",
            "citizens": "Ông A, bà B",
            "citizen_count": 2,
            "matters": "Đất đai",
            "outcome": "Giao UBND tỉnh xem xét",
        },
    )
    assert response.status_code == 302
    assert client.post(reverse("dispatch:travel-papers"), {}).status_code == 403
    client.force_login(office["tc_staff"])
    assert client.get(reverse("dispatch:receptions")).status_code == 404
    client.force_login(office["clerk"])
    receive()
    report = client.get(
        reverse("dispatch:letter-report"), {"date_from": "01/11/2026", "date_to": "30/11/2026"}
    ).context["report"]
    assert (report["total"], report["sessions"], report["citizens"]) == (1, 1, 2)


def test_the_letter_register_costs_the_same_queries(
    client, office, receive, django_assert_num_queries
):
    client.force_login(office["clerk"])
    receive()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dispatch:letter-list"))
    for _ in range(8):
        receive()
    with django_assert_num_queries(len(few)):
        client.get(reverse("dispatch:letter-list"))


def test_only_hc_records_citizen_reception(office):
    from datetime import date

    from django.core.exceptions import PermissionDenied

    from dispatch import services as dispatch_services

    session = {
        "held_on": date(2026, 11, 20),
        "leader": "Bí thư Tỉnh ủy",
        "citizens": "Ông Nguyễn Văn A",
        "matters": "Kiến nghị về đất đai",
    }
    for outsider in ("tc_head", "th_staff", "hc_staff"):
        with pytest.raises(
            PermissionDenied, match="Chỉ văn thư hoặc Trưởng phòng Hành chính – Tiếp dân ghi sổ"
        ):
            dispatch_services.reception_record(actor=office[outsider], **session)
    for member in ("hc_head", "clerk"):
        recorded = dispatch_services.reception_record(actor=office[member], **session)
        assert recorded.recorded_by == office[member]


def test_a_signed_travel_paper_prints_in_the_party_layout_for_hc_books_only(client, office):
    import io

    from pypdf import PdfReader

    paper = services.travel_paper_sign(
        actor=office["hc_head"],
        traveller="Trần Văn Khách",
        position="Chuyên viên",
        agency="Huyện ủy Đông Sơn",
        purpose="Làm việc với Văn phòng",
        arrived_on=RECEIVED,
        left_on=RECEIVED + timedelta(days=1),
    )
    url = reverse("dispatch:travel-paper-pdf", args=[paper.pk])
    client.force_login(office["clerk"])
    listing = client.get(reverse("dispatch:travel-papers")).content.decode()
    assert f'href="{url}"' in listing
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for expected in (
        "TỈNH ỦY THANH HÓA",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "GIẤY ĐI ĐƯỜNG",
        f"Số {paper.number}/GĐĐ",
        "Trần Văn Khách",
        "Huyện ủy Đông Sơn",
        RECEIVED.strftime("%d/%m/%Y"),
        "T/L CHÁNH VĂN PHÒNG",
        office["hc_head"].get_full_name(),
    ):
        assert expected in text, expected
    client.force_login(office["tc_staff"])
    assert client.get(url).status_code == 404


def test_a_proposal_asks_the_hc_head_to_route_and_the_notice_is_done_once_routed(office, receive):
    from core.models import Notification

    letter = receive()
    services.letter_classify(
        actor=office["clerk"],
        letter=letter,
        category=LetterCategory.COMPLAINT,
        is_anonymous=False,
        out_of_competence=False,
        proposal="Chuyển UBND huyện giải quyết",
    )
    notice = Notification.objects.get(recipient=office["hc_head"], kind=services.AWAIT_ROUTING)
    assert notice.title == f"Đơn thư chờ duyệt chuyển: {letter.summary}"
    assert notice.body == "Chuyển UBND huyện giải quyết"
    assert notice.url == letter.get_absolute_url()
    services.letter_route(
        actor=office["hc_head"], letter=letter, routed_to="UBND huyện", to_standing_board=False
    )
    notice.refresh_from_db()
    assert notice.done_at is not None
