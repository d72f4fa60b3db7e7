"""Điều 6.1: a document or letter concerning an area is suggested to its follower at
distribution — on the page only, nothing preselected, never for a secret item."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisory import services as advisory_services
from advisory.choices import AreaKind
from units.choices import Secrecy

pytestmark = pytest.mark.django_db

HEADING = "Gợi ý người theo dõi lĩnh vực"


@pytest.fixture
def follows(office):
    """`follows(area_name, follower_key)`: leadership gives a TH member an area from today."""

    def make(name: str, who: str = "th_staff"):
        area = advisory_services.area_create(actor=office["chief"], kind=AreaKind.FIELD, name=name)
        advisory_services.follow_up_assign(
            actor=office["chief"], area=area, follower=office[who], starts_on=timezone.localdate()
        )
        return area

    return make


def _page(client, user, item) -> str:
    client.force_login(user)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _suggestions(page: str) -> str:
    start = page.find('id="follower-suggestions"')
    return page[start : page.find("</div>", start)] if start >= 0 else ""


def test_the_follower_is_suggested_for_a_summary_written_without_diacritics(
    client, office, register, follows
):
    follows("Kinh tế tư nhân")
    document = register(summary="Ve phat trien KINH TE TU NHAN nam 2027")
    block = _suggestions(_page(client, office["chief"], document))
    assert HEADING in block
    assert office["th_staff"].get_full_name() in block and "Kinh tế tư nhân" in block


def test_the_sender_is_matched_too(client, office, register, follows):
    follows("Ban Tổ chức")
    document = register(sender="Ban To chuc Tinh uy", summary="Về việc nhân sự")
    assert office["th_staff"].get_full_name() in _suggestions(
        _page(client, office["chief"], document)
    )


def test_no_suggestion_for_a_summary_of_another_area(client, office, register, follows):
    follows("Kinh tế tư nhân")
    document = register(summary="Về công tác phòng chống thiên tai")
    page = _page(client, office["chief"], document)
    assert 'id="action-distribute"' in page
    assert HEADING not in page


def test_no_suggestion_for_a_secret_document(client, office, register, follows):
    follows("Kinh tế tư nhân")
    document = register(summary="Về phát triển kinh tế tư nhân", secrecy=Secrecy.SECRET)
    page = _page(client, office["chief"], document)
    assert 'id="action-distribute"' in page
    assert HEADING not in page and office["th_staff"].get_full_name() not in page


def test_nothing_is_preselected_in_the_assignment_form(
    client, office, register, distribute, follows
):
    follows("Kinh tế tư nhân")
    document = distribute(register(summary="Về phát triển kinh tế tư nhân"))
    page = _page(client, office["th_head"], document)
    assert office["th_staff"].get_full_name() in _suggestions(page)
    form = page[page.find('id="action-assign"') :]
    select = form[: form.find("</select>")]
    assert f'<option value="{office["th_staff"].pk}">' in select
    assert f'<option value="{office["th_staff"].pk}" selected>' not in select


def test_the_suggestions_cost_one_query_whatever_their_number(client, office, register, follows):
    follows("Kinh tế")
    document = register(summary="Về kinh tế, văn hóa, xã hội và quốc phòng")
    client.force_login(office["chief"])
    with CaptureQueriesContext(connection) as few:
        client.get(document.get_absolute_url())
    follows("Văn hóa", "th_head")
    follows("Xã hội", "th_staff2")
    follows("Quốc phòng", "th_staff2")
    with CaptureQueriesContext(connection) as many:
        page = client.get(document.get_absolute_url()).content.decode()
    assert page.count("<li>", page.find('id="follower-suggestions"')) >= 4
    assert len(many) == len(few)


def test_a_letter_being_routed_suggests_the_follower_unless_secret(client, office, follows):
    from dispatch import services

    follows("Đất đai")
    letter = services.letter_receive(
        actor=office["clerk"],
        received_on=timezone.localdate(),
        sender_name="Nguyễn Văn Dân",
        sender_address="Xã Quảng Phú",
        summary="Khieu nai viec thu hoi DAT DAI",
    )
    assert office["th_staff"].get_full_name() in _suggestions(
        _page(client, office["clerk"], letter)
    )
    other = services.letter_receive(
        actor=office["clerk"],
        received_on=timezone.localdate(),
        is_anonymous=True,
        summary="Phản ánh về giao thông",
    )
    assert HEADING not in _page(client, office["clerk"], other)
    secret = services.letter_receive(
        actor=office["clerk"],
        received_on=timezone.localdate(),
        sender_name="Nguyễn Văn Dân",
        summary="Tố cáo về đất đai",
        secrecy=Secrecy.SECRET,
    )
    assert HEADING not in _page(client, office["clerk"], secret)


def test_the_suggestions_are_read_in_one_query(office, follows, django_assert_num_queries):
    from advisory.selectors import follow_suggestions

    for name, who in [("Kinh tế", "th_staff"), ("Văn hóa", "th_head"), ("Xã hội", "th_staff2")]:
        follows(name, who)
    with django_assert_num_queries(1):
        rows = follow_suggestions("Về kinh tế, văn hóa và xã hội")
        names = [(row.follower.get_full_name(), row.area.name) for row in rows]
    assert {area for _name, area in names} == {"Kinh tế", "Văn hóa", "Xã hội"}
