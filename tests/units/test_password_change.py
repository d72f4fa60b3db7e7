"""A staff member changes their own password on the site: Vietnamese rules, and every other
session of theirs ends while the current one stays signed in."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import import_string

pytestmark = pytest.mark.django_db

URL = reverse("core:password_change")
PASSWORD = "matkhau-thu-2026"
NEW = "Sông-Hàn-chảy-mãi-2027"


def signed_in(username: str, password: str = PASSWORD) -> Client:
    """A browser signed in through the sign-in page, as a person does."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


def change(client, old=PASSWORD, new1=NEW, new2=None):
    return client.post(
        URL, {"old_password": old, "new_password1": new1, "new_password2": new2 or new1}
    )


def test_the_user_menu_links_to_the_page(office):
    client = signed_in("th_staff")
    page = client.get(reverse("home")).content.decode()
    assert f'href="{URL}"' in page
    response = client.get(URL)
    assert response.status_code == 200
    assert "Mật khẩu hiện tại" in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_change_ends_other_sessions_and_keeps_this_one(office):
    laptop, phone = signed_in("th_staff"), signed_in("th_staff")
    colleague = signed_in("th_owner")
    assert phone.get(reverse("home")).status_code == 200

    phone_key = phone.cookies[settings.SESSION_COOKIE_NAME].value
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    assert store().exists(phone_key)

    response = change(laptop)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    # Ended in the store itself (cache and database), not merely refused at its next request.
    assert not Session.objects.filter(session_key=phone_key).exists()
    assert not store().exists(phone_key)
    assert laptop.get(reverse("home")).status_code == 200
    gone = phone.get(reverse("home"))
    assert gone.status_code == 302 and "/dang-nhap/" in gone["Location"]
    assert colleague.get(reverse("home")).status_code == 200

    user = get_user_model().objects.get(username="th_staff")
    assert user.check_password(NEW)
    assert signed_in("th_staff", NEW).get(reverse("home")).status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"old": "sai-mat-khau-cu"}, "Mật khẩu hiện tại không đúng."),
        ({"new2": "Sông-Hàn-khác-2027"}, "Hai lần nhập mật khẩu mới không khớp."),
        ({"new1": "ngan-3"}, "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ({"new1": "12345678901234"}, "Mật khẩu không được chỉ gồm chữ số."),
        ({"new1": "password123"}, "Mật khẩu này quá phổ biến, dễ bị đoán."),
        ({"new1": "th_staff_2026"}, "Mật khẩu quá giống thông tin tài khoản"),
    ],
    ids=["wrong-old", "mismatch", "short", "numeric", "common", "like-username"],
)
def test_a_refused_change_says_why_in_vietnamese_and_changes_nothing(office, data, message):
    laptop, phone = signed_in("th_staff"), signed_in("th_staff")
    response = change(laptop, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.get(username="th_staff").check_password(PASSWORD)
    assert phone.get(reverse("home")).status_code == 200
