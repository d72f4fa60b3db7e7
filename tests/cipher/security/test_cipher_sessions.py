"""The person's sessions: listed, one ended, all others ended; constant queries."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "matkhau-thu-2026"


def signed_in(user) -> Client:
    client = Client(HTTP_USER_AGENT="Trình duyệt thử")
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_staff_see_their_sessions_and_end_one(office):
    user = office["th_staff"]
    mine, laptop = signed_in(user), signed_in(user)
    signed_in(office["th_staff2"])
    page = mine.get(reverse("cipher:sessions")).content.decode()
    assert page.count('name="phien"') == 1 and "Phiên này" in page
    handle = page.split('name="phien" value="')[1].split('"')[0]
    assert mine.post(reverse("cipher:session_end"), {"phien": handle}).status_code == 302
    assert laptop.get("/")["Location"].startswith(reverse("login"))
    assert mine.get("/").status_code == 200


def test_ending_all_other_sessions(office):
    user = office["th_staff"]
    mine, others = signed_in(user), [signed_in(user) for _ in range(2)]
    colleague = signed_in(office["th_staff2"])
    mine.post(reverse("cipher:sessions_end_others"))
    assert all(c.get("/")["Location"].startswith(reverse("login")) for c in others)
    assert colleague.get("/").status_code == 200 and mine.get("/").status_code == 200


def test_a_handle_of_someone_elses_session_ends_nothing(office):
    from cipher.twofactor import session_handle

    colleague = signed_in(office["th_staff2"])
    mine = signed_in(office["th_staff"])
    handle = session_handle(colleague.session.session_key)
    page = mine.post(reverse("cipher:session_end"), {"phien": handle}, follow=True)
    assert "Không tìm thấy phiên đăng nhập này" in page.content.decode()
    assert colleague.get("/").status_code == 200


def test_the_session_list_costs_the_same_queries_for_one_and_many(
    office, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mine = signed_in(office["th_staff"])
    url = reverse("cipher:sessions")
    mine.get(url)
    with CaptureQueriesContext(connection) as one:
        mine.get(url)
    for _ in range(4):
        signed_in(office["th_staff"])
    with CaptureQueriesContext(connection) as many:
        mine.get(url)
    assert len(many) == len(one)
