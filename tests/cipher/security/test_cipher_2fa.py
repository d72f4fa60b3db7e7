"""Two-factor sign-in through the real pages: password, then code; lock-out; enrolment; CY's
reset."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cipher.otp_models import SecondFactorEvent, SecondFactorEventKind
from core.models import Notification
from tests.cipher.security.conftest import cy_person
from tests.kit.otp import force_login_unverified, fresh_code, give_device

pytestmark = pytest.mark.django_db

PASSWORD = "matkhau-thu-2026"
VERIFY = reverse("cipher:second_factor")
ENROL = reverse("cipher:second_factor_enrol")


def password_step(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_a_leader_owes_a_code_after_his_password(client, office):
    device = give_device(office["dc"])
    response = password_step(client, office["dc"])
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"token": "000000", "next": "/admin/"})
    assert "Mã xác thực không đúng. Còn 4 lần thử" in wrong.content.decode()
    right = client.post(VERIFY, {"token": fresh_code(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_leader_without_a_device_is_sent_to_enrol(client, office):
    response = password_step(client, office["chief"])
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


def test_ordinary_staff_sign_in_with_the_password_but_the_admin_wants_a_code(client, office):
    response = password_step(client, office["th_staff"])
    assert response.status_code == 200
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_clerks_and_cy_owe_a_code(client, office):
    for user in (office["clerk"], cy_person("cy_staff")):
        client.logout()
        force_login_unverified(client, user)
        assert client.get("/")["Location"].startswith(ENROL), user


def test_wrong_codes_lock_the_sign_in_after_the_set_number(client, office, settings):
    settings.OTP_FAILURE_LIMIT = 3
    device = give_device(office["dc"])
    password_step(client, office["dc"])
    for left in (2, 1):
        page = client.post(VERIFY, {"token": "123456"}).content.decode()
        assert f"Còn {left} lần thử" in page, page[page.find("invalid-feedback") :][:300]
    locked = client.post(VERIFY, {"token": "123456"})
    assert locked.status_code == 403
    assert "Nhập sai mã xác thực quá 3 lần" in locked.content.decode()
    assert client.get("/")["Location"].startswith(reverse("login"))  # signed out
    assert SecondFactorEvent.objects.filter(kind=SecondFactorEventKind.LOCKED).count() == 1
    assert Notification.objects.filter(recipient=office["dc"], title__contains="khóa").exists()
    # Even the right code is refused while locked, and nothing more is counted.
    password_step(client, office["dc"])
    again = client.post(VERIFY, {"token": fresh_code(device)})
    assert again.status_code == 403
    assert SecondFactorEvent.objects.filter(kind=SecondFactorEventKind.FAILED).count() == 3


def test_enrolment_shows_a_qr_and_needs_a_right_code(client, office):
    force_login_unverified(client, office["chief"])
    page = client.get(ENROL).content.decode()
    assert '<svg width="' in page and 'class="segno"' in page and "https://" not in page
    key = client.session["cipher_otp_enrol_key"]
    refused = client.post(ENROL, {"token": "000000"})
    assert "Mã xác thực không đúng" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=office["chief"]).exists()
    code = f"{TOTP(bytes.fromhex(key)).token():06d}"
    done = client.post(ENROL, {"token": code})
    assert done["Location"] == reverse("cipher:recovery_codes")
    codes_page = client.get(done["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=office["chief"]))
    assert len(codes) == 10 and all(token.token in codes_page for token in codes)
    assert codes[0].token not in client.get(reverse("cipher:recovery_codes")).content.decode()
    assert client.get("/admin/").status_code == 200


def test_a_password_alone_cannot_replace_the_device(client, office):
    give_device(office["dc"])
    force_login_unverified(client, office["dc"])
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    client.post(ENROL, {"token": "123456"})
    assert TOTPDevice.objects.filter(user=office["dc"]).count() == 1


def test_a_recovery_code_works_once(client, office):
    give_device(office["dc"])
    static = StaticDevice.objects.create(user=office["dc"], name="Mã dự phòng")
    StaticToken.objects.create(device=static, token="abcd2345")
    password_step(client, office["dc"])
    assert client.post(VERIFY, {"token": "abcd2345"}).status_code == 302
    client.logout()
    password_step(client, office["dc"])
    assert "Mã xác thực không đúng" in client.post(VERIFY, {"token": "abcd2345"}).content.decode()


def test_cy_resets_a_persons_devices_with_a_reason(client, office):
    cy = cy_person("cy_staff")
    leader = office["dc"]
    give_device(leader)
    other = type(client)()
    other.force_login(leader)
    client.force_login(cy)
    url = reverse("cipher:device_reset")
    short = client.post(url, {"person": leader.pk, "reason": "mất máy"})
    assert "Lý do cần ít nhất 20 ký tự" in short.content.decode()
    assert TOTPDevice.objects.filter(user=leader).exists()
    reason = "Đồng chí báo mất điện thoại công vụ ngày hôm nay"
    done = client.post(url, {"person": leader.pk, "reason": reason})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=leader).exists()
    event = SecondFactorEvent.objects.get(kind=SecondFactorEventKind.RESET)
    assert (event.user, event.done_by, event.note) == (leader, cy, reason)
    assert event.history.first().history_change_reason == reason
    assert other.get("/")["Location"].startswith(reverse("login"))  # his sessions ended
    assert Notification.objects.filter(recipient=leader, title__contains="đặt lại").exists()


def test_only_cy_resets_and_never_its_own(client, office):
    url = reverse("cipher:device_reset")
    client.force_login(office["chief"])
    assert client.get(url).status_code == 404
    cy = cy_person("cy_staff")
    give_device(cy)
    client.force_login(cy)
    page = client.post(url, {"person": cy.pk, "reason": "Tự đặt lại thiết bị của chính mình"})
    assert "Chỉ bộ phận Cơ yếu đặt lại thiết bị xác thực của người khác" in page.content.decode()
    assert TOTPDevice.objects.filter(user=cy).exists()
    assert get_user_model().objects.filter(pk=cy.pk).exists()


def test_whoever_was_handed_a_secret_item_owes_a_code(client, office, register):
    from units.choices import Secrecy
    from units.permissions import hand_secret

    staff = office["th_staff"]
    force_login_unverified(client, staff)
    assert client.get("/").status_code == 200
    document = register(secrecy=Secrecy.SECRET)
    hand_secret(document, [staff], actor=office["clerk"], reason="Chuyển xử lý văn bản mật")
    assert client.get("/")["Location"].startswith(ENROL)
