"""Sign-in lockout (django-axes) that an outsider cannot turn against the account's owner.

Failures are counted three ways within a fixed window (`AXES_COOLOFF_TIME`, never extended by
failures during the lock): one address trying one account (locked after
`AXES_FAILURE_LIMIT`), one address trying any accounts (`AXES_ADDRESS_FAILURE_LIMIT`, higher:
the office signs in from behind one NAT address), and one account tried from anywhere
(`AXES_ACCOUNT_FAILURE_LIMIT`, the highest: the source is locked harder than the account). A
device that has signed in as a person before carries a signed "known device" cookie; its
attempts for that person are never blocked, so a stranger's failures do not keep the owner out.
When an account sees a lock, its owner is told once per window (notification and e-mail)."""

from __future__ import annotations

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

KNOWN_DEVICE_COOKIE = "vps_thiet_bi"
KNOWN_DEVICE_SALT = "core.lockout.known-device"
#: People remembered per device (a shared office computer).
KNOWN_DEVICE_PEOPLE = 5


def known_usernames(request) -> list[str]:
    """The people who signed in on this device before, from its signed cookie."""
    try:
        value = request.get_signed_cookie(
            KNOWN_DEVICE_COOKIE, salt=KNOWN_DEVICE_SALT, max_age=settings.KNOWN_DEVICE_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return []
    return [name for name in value.split("\n") if name]


def is_known_device(request, credentials=None) -> bool:
    """AXES_WHITELIST_CALLABLE: the attempt is for a person who signed in on this device."""
    username = get_client_username(request, credentials)
    return bool(username) and username in known_usernames(request)


def remember_device(request, response, username: str) -> None:
    names = [username] + [name for name in known_usernames(request) if name != username]
    response.set_signed_cookie(
        KNOWN_DEVICE_COOKIE,
        "\n".join(names[:KNOWN_DEVICE_PEOPLE]),
        salt=KNOWN_DEVICE_SALT,
        max_age=settings.KNOWN_DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class KnownDeviceMiddleware:
    """Sets the known-device cookie on the response to a successful sign-in (marked by the
    `user_logged_in` receiver, which has no response to write to)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        username = getattr(request, "signed_in_as", None)
        if username:
            remember_device(request, response, username)
        return response


def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        request.signed_in_as = user.get_username()


class OfficeLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with three limits instead of one (see the module docstring).

    Axes compares `get_failures` with `AXES_FAILURE_LIMIT`; this returns the highest count
    scaled to that limit, so each way of counting locks at its own limit."""

    def get_failures(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        attempts = AccessAttempt.objects.all()
        cool_off = get_cool_off(request)
        if cool_off is not None:
            attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)

        def total(**lookup) -> int:
            result = attempts.filter(**lookup).aggregate(n=Sum("failures_since_start"))["n"]
            return result or 0

        limit = get_failure_limit(request, credentials)
        counts = [total(ip_address=address, username=username) if username else 0]
        counts.append(total(ip_address=address) * limit // settings.AXES_ADDRESS_FAILURE_LIMIT)
        if username:
            account = total(username=username)
            counts.append(account * limit // settings.AXES_ACCOUNT_FAILURE_LIMIT)
        return max(counts)


def on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    """Tell the account's owner, once per lock window, that sign-ins to it were locked."""
    from core.services import notify

    if not username:
        return
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        return
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 24 * 3600
    key = f"core.lockout.notified:{user.pk}:{user.date_joined.timestamp()}"
    if not cache.add(key, True, timeout=seconds):
        return
    notify(
        recipients=[user],
        title=_("Đăng nhập vào tài khoản của bạn đã bị tạm khóa"),
        body=_(
            "Có nhiều lần đăng nhập sai vào tài khoản %(username)s từ địa chỉ %(address)s lúc "
            "%(time)s. Việc đăng nhập từ nơi đó tạm thời bị khóa; bạn vẫn đăng nhập được từ "
            "thiết bị đã dùng trước đây. Nếu không phải bạn, hãy báo bộ phận Cơ yếu – Công nghệ "
            "thông tin và đổi mật khẩu."
        )
        % {
            "username": username,
            "address": ip_address,
            "time": timezone.localtime().strftime("%H:%M %d/%m/%Y"),
        },
    )
