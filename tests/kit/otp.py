"""Test support for the two-factor sign-in (cipher.twofactor), so the suite signs people in as
production does without weakening it:

- `give_device(user)`: a real, confirmed django-otp TOTP device with a known key;
- `code_for(device)`: the code the person's phone would show now;
- `verify_client_session(client, user)`: marks a test client's session verified through
  django-otp's own `login(request, device)`. `tests/conftest.py` calls it after every
  `client.force_login` (so the existing tests, which force leaders in and use the admin, keep
  working); `force_login_unverified` is the plain Django one, for the tests of the second step;
- `browser_second_factor(page, username)`: after the password in a browser, types the code
  on the second-factor page when the site asks for it.

The tests of the second factor itself (tests/cipher/test_cipher_2fa*) sign in through the real
pages: password, then code."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import Client
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

#: A fixed key (hex), so a test can compute the codes.
TEST_KEY = "3132333435363738393031323334353637383930"

ORIGINAL_FORCE_LOGIN = Client.force_login


def give_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Thiết bị thử", key=TEST_KEY, confirmed=True
        )
    return device


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def fresh_code(device: TOTPDevice) -> str:
    """A code the device accepts now: django-otp refuses a time step already used, and a test
    may sign the same person in twice within 30 seconds."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return code_for(device)


def verify_client_session(client: Client, user) -> None:
    device = give_device(user)
    session = client.session
    request = HttpRequest()
    request.session = session
    request.user = user
    otp_login(request, device)
    session.save()


def force_login_unverified(client: Client, user, backend: str | None = None) -> None:
    ORIGINAL_FORCE_LOGIN(client, user, backend)


def verified_force_login(client: Client, user, backend: str | None = None) -> None:
    ORIGINAL_FORCE_LOGIN(client, user, backend)
    verify_client_session(client, user)


def browser_second_factor(page, username: str) -> None:
    """Call after submitting the password form: answers the second-factor page if shown."""
    page.wait_for_url(lambda url: "/dang-nhap/" not in url and "/admin/login/" not in url)
    if "/co-yeu/xac-thuc/" not in page.url:
        return
    user = get_user_model().objects.get(username=username)
    device = give_device(user)
    if "/dang-ky/" in page.url:
        # No device yet: the suite's people get one as if they had enrolled before.
        page.goto(page.url.replace("/xac-thuc/dang-ky/", "/xac-thuc/"))
    page.fill("#id_token", fresh_code(device))
    page.click("#second-factor-form button[type=submit]")
    page.wait_for_url(lambda url: "/co-yeu/xac-thuc/" not in url)
