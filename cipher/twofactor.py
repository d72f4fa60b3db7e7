"""Two-factor sign-in (django-otp: TOTP and static recovery codes) and the person's sessions.

- After the password (the site's and the admin's login pages, unchanged, counted by axes) the
  session is signed in but not verified. `SecondFactorRequiredMiddleware` sends whoever
  `requires_second_factor` (leadership, records clerks, CY, administrators, holders of secret
  access), and anyone opening the admin, to the code page, or to enrolment when he has no
  device yet. A code is checked by django-otp's own devices and the session marked verified by
  `django_otp.login(request, device)`.
- `OfficeOTPMiddleware` replaces django-otp's middleware: `user.is_verified()` reads the
  session's device id without a query. That is sound because the only ways a device goes away
  (CY's reset, a new enrolment) end the person's other sessions in the same step.
- Wrong codes: each is a `SecondFactorEvent`; `OTP_FAILURE_LIMIT` failures within
  `OTP_LOCK_MINUTES` since the last accepted code or reset lock the account's second step for
  that window (the session is signed out; axes' `user_locked_out` is sent, so the owner is told
  as for a password lock). django-otp's own exponential throttle is off (settings): this lock
  replaces it with a fixed window.
- Sessions: each sign-in notes its address, browser and time in the session; the person lists
  his live sessions and ends the others (`core.passwords.end_other_sessions`)."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cipher.otp_models import SecondFactorEvent, SecondFactorEventKind
from cipher.permissions_security import may_reset_second_factor, requires_second_factor
from core.audit import audited_create, in_office_language
from core.passwords import end_other_sessions
from core.services import notify

ENROL_KEY_SESSION = "cipher_otp_enrol_key"
CODES_SESSION = "cipher_otp_codes"
META_SESSION = "cipher_session"
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
STATIC_DEVICE_NAME = "Mã dự phòng"

#: Views reachable by a signed-in session that still owes its second factor.
OPEN_VIEWS = frozenset(
    {
        "login",
        "logout",
        "healthz",
        "set_language",
        "javascript-catalog",
        "admin:logout",
        "cipher:second_factor",
        "cipher:second_factor_enrol",
    }
)

#: Admin pages routed outside the admin's namespace (its "view on site" shortcut).
ADMIN_VIEWS = frozenset({"admin-view-on-site"})


# Middleware ------------------------------------------------------------------------------------


def session_verified(request) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


class OfficeOTPMiddleware:
    """django-otp's middleware without its query per page (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(functools.partial(self._verify, request, user))
        return self.get_response(request)

    @staticmethod
    def _verify(request, user):
        user.otp_device = None
        user.is_verified = functools.partial(session_verified, request)
        return user


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.view_name in OPEN_VIEWS:
            return None
        in_admin = "admin" in match.namespaces or match.view_name in ADMIN_VIEWS
        if not in_admin and not requires_second_factor(user):
            return None
        target = "cipher:second_factor" if user_has_device(user) else "cipher:second_factor_enrol"
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")


# Failures and the lock -------------------------------------------------------------------------


def _window() -> timedelta:
    return timedelta(minutes=settings.OTP_LOCK_MINUTES)


def failures_counted(user) -> int:
    """Wrong codes within the window since the last accepted code or reset."""
    since = timezone.now() - _window()
    cleared = SecondFactorEvent.objects.filter(
        user=user,
        kind__in=[SecondFactorEventKind.VERIFIED, SecondFactorEventKind.RESET],
    ).aggregate(at=Max("created_at"))["at"]
    if cleared is not None and cleared > since:
        since = cleared
    return SecondFactorEvent.objects.filter(
        user=user, kind=SecondFactorEventKind.FAILED, created_at__gte=since
    ).count()


def is_locked(user) -> bool:
    return failures_counted(user) >= settings.OTP_FAILURE_LIMIT


def locked_message() -> str:
    return _(
        "Nhập sai mã xác thực quá %(limit)d lần nên việc đăng nhập tạm thời bị khóa để bảo vệ "
        "tài khoản. Vui lòng thử lại sau %(minutes)d phút, hoặc liên hệ bộ phận Cơ yếu – Công "
        "nghệ thông tin."
    ) % {"limit": settings.OTP_FAILURE_LIMIT, "minutes": settings.OTP_LOCK_MINUTES}


class SecondFactorLocked(Exception):
    pass


#: What `second_factor_check` answers when the account's second step is locked.
LOCKED = "locked"


def _address(request) -> str | None:
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")


@transaction.atomic
@in_office_language
def second_factor_check(*, request, token: str):
    """Check a code (TOTP or a recovery code) of the signed-in person; on success the session
    is verified through django-otp and the device returned. A wrong code is counted (the
    refusal is raised by `second_factor_verify`, outside this transaction, so the count stays);
    the failure that reaches the limit, or any try while locked, answers LOCKED."""
    user = request.user
    if is_locked(user):
        return LOCKED
    token = (token or "").strip().replace(" ", "")
    device = None
    for candidate in devices_for_user(user, for_verify=True):
        if candidate.verify_token(token):
            device = candidate
            break
    if device is not None:
        otp_login(request, device)
        request.session.cycle_key()
        audited_create(
            SecondFactorEvent,
            actor=user,
            reason=_("Xác thực hai lớp khi đăng nhập"),
            done_by=user,
            user=user,
            kind=SecondFactorEventKind.VERIFIED,
            address=_address(request),
        )
        return device
    audited_create(
        SecondFactorEvent,
        actor=user,
        reason=_("Nhập sai mã xác thực hai lớp"),
        done_by=user,
        user=user,
        kind=SecondFactorEventKind.FAILED,
        address=_address(request),
    )
    if is_locked(user):
        audited_create(
            SecondFactorEvent,
            actor=user,
            reason=_("Tạm khóa đăng nhập do nhập sai mã xác thực"),
            done_by=user,
            user=user,
            kind=SecondFactorEventKind.LOCKED,
            address=_address(request),
        )
        user_locked_out.send(
            "cipher", request=request, username=user.get_username(), ip_address=_address(request)
        )
        return LOCKED
    return None


def second_factor_verify(*, request, token: str):
    """`second_factor_check`, with a wrong code refused by a Vietnamese ValidationError."""
    device = second_factor_check(request=request, token=token)
    if device == LOCKED:
        raise SecondFactorLocked
    if device is None:
        left = settings.OTP_FAILURE_LIMIT - failures_counted(request.user)
        raise ValidationError(
            _("Mã xác thực không đúng. Còn %(left)d lần thử trước khi bị tạm khóa.")
            % {"left": left},
            code="wrong_code",
        )
    return device


# Enrolment and recovery codes ------------------------------------------------------------------


def enrolment_key(request) -> str:
    """The new device's secret, kept in the session until the person proves he set it up (no
    row is written before that)."""
    key = request.session.get(ENROL_KEY_SESSION)
    if not key:
        key = secrets.token_hex(20)
        request.session[ENROL_KEY_SESSION] = key
    return key


def provisioning_uri(user, key_hex: str) -> str:
    device = TOTPDevice(user=user, key=key_hex, name=TOTP_DEVICE_NAME)
    return device.config_url


def may_enrol(request) -> bool:
    """A person without a device enrols; one with a device only from a verified session (a
    password alone must never replace the second factor)."""
    return session_verified(request) or not user_has_device(request.user)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=STATIC_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


@transaction.atomic
@in_office_language
def second_factor_enrol(*, request, token: str) -> list[str]:
    """Confirm the authenticator app with one of its codes: the person's devices are replaced
    by the new one and ten recovery codes, the session is verified, his other sessions end.
    Returns the recovery codes (shown once)."""
    user = request.user
    if not may_enrol(request):
        raise PermissionDenied
    key = request.session.get(ENROL_KEY_SESSION)
    if not key:
        raise ValidationError(_("Phiên đăng ký đã hết hạn, hãy quét lại mã QR."), code="expired")
    totp = TOTP(bytes.fromhex(key))
    token = (token or "").strip().replace(" ", "")
    if not (token.isdigit() and totp.verify(int(token), tolerance=1)):
        raise ValidationError(
            _("Mã xác thực không đúng: kiểm tra giờ trên điện thoại và nhập mã đang hiện."),
            code="wrong_code",
        )
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, key=key, name=TOTP_DEVICE_NAME, confirmed=True, last_t=totp.t()
    )
    codes = _new_recovery_codes(user)
    del request.session[ENROL_KEY_SESSION]
    otp_login(request, device)
    request.session.cycle_key()
    end_other_sessions(user, keep=request.session.session_key)
    audited_create(
        SecondFactorEvent,
        actor=user,
        reason=_("Đăng ký ứng dụng xác thực hai lớp"),
        done_by=user,
        user=user,
        kind=SecondFactorEventKind.ENROLLED,
        address=_address(request),
    )
    return codes


@transaction.atomic
@in_office_language
def recovery_codes_renew(*, request) -> list[str]:
    user = request.user
    if not session_verified(request):
        raise PermissionDenied
    codes = _new_recovery_codes(user)
    audited_create(
        SecondFactorEvent,
        actor=user,
        reason=_("Cấp lại mã dự phòng"),
        done_by=user,
        user=user,
        kind=SecondFactorEventKind.CODES_RENEWED,
        address=_address(request),
    )
    return codes


@transaction.atomic
@in_office_language
def second_factor_reset(*, actor, person, reason: str) -> int:
    """CY removes a person's devices (a lost phone): every session of his ends, and he enrols
    again at his next sign-in. Recorded with the reason; the person is told."""
    from units.services import privileged_reason_min_length

    if not may_reset_second_factor(actor, person):
        raise PermissionDenied(_("Chỉ bộ phận Cơ yếu đặt lại thiết bị xác thực của người khác."))
    reason = (reason or "").strip()
    min_length = privileged_reason_min_length()
    if len(reason) < min_length:
        raise ValidationError(
            {"reason": _("Lý do cần ít nhất %(count)d ký tự.") % {"count": min_length}}
        )
    removed = TOTPDevice.objects.filter(user=person).delete()[0]
    removed += StaticDevice.objects.filter(user=person).delete()[0]
    ended = end_other_sessions(person, keep=None)
    audited_create(
        SecondFactorEvent,
        actor=actor,
        reason=reason,
        done_by=actor,
        note=reason,
        user=person,
        kind=SecondFactorEventKind.RESET,
    )
    notify(
        recipients=[person],
        title=_("Thiết bị xác thực hai lớp của bạn đã được đặt lại"),
        body=_(
            "Bộ phận Cơ yếu đã gỡ thiết bị xác thực của bạn (lý do: %(reason)s). Lần đăng nhập "
            "tới, hãy đăng ký lại ứng dụng xác thực."
        )
        % {"reason": reason},
        url=reverse("cipher:second_factor_enrol"),
    )
    return ended


# Sessions --------------------------------------------------------------------------------------


def remember_session(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: note where and when this session began, for the sessions page."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[META_SESSION] = {
        "address": _address(request) or "",
        "agent": (request.META.get("HTTP_USER_AGENT") or "")[:300],
        "at": timezone.now().isoformat(),
    }


def session_handle(session_key: str) -> str:
    """What the page names a session by: never its key."""
    return hashlib.sha256(session_key.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class SessionRow:
    handle: str
    address: str
    agent: str
    signed_in_at: datetime | None
    expires_at: datetime
    is_current: bool
    verified: bool


def sessions_of(user, *, current_key: str | None) -> list[SessionRow]:
    """The person's live sessions, newest sign-in first (one query: sessions are not indexed by
    user, an office has a few hundred at most)."""
    rows = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if data.get("_auth_user_id") != str(user.pk):
            continue
        meta = data.get(META_SESSION) or {}
        rows.append(
            SessionRow(
                handle=session_handle(session.session_key),
                address=meta.get("address", ""),
                agent=meta.get("agent", ""),
                signed_in_at=parse_datetime(meta["at"]) if meta.get("at") else None,
                expires_at=session.expire_date,
                is_current=session.session_key == current_key,
                verified=bool(data.get(DEVICE_ID_SESSION_KEY)),
            )
        )
    oldest = timezone.make_aware(datetime(1970, 1, 1))
    rows.sort(key=lambda row: (not row.is_current, -(row.signed_in_at or oldest).timestamp()))
    return rows


def session_end(*, actor, request, handle: str) -> bool:
    """End one of the person's other sessions, named by its handle."""
    engine: type[SessionBase] = import_string(settings.SESSION_ENGINE + ".SessionStore")
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == request.session.session_key:
            continue
        if session_handle(session.session_key) != handle:
            continue
        if session.get_decoded().get("_auth_user_id") != str(actor.pk):
            continue
        engine(session_key=session.session_key).delete()
        return True
    return False
