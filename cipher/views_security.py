"""Pages of the second factor (code, enrolment, recovery codes), CY's reset, the person's
sessions, and the download of a signed PDF (through the document's door)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cipher import twofactor
from cipher.forms_security import CodeForm, DeviceResetForm
from cipher.otp_models import SecondFactorEvent
from cipher.permissions_security import is_cipher_staff
from cipher.signing_models import DocumentSignature
from core.uploads import serve
from units.mixins import submit_form
from units.permissions import get_visible_or_404


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _locked(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(
        request,
        "cipher/second_factor_locked.html",
        {"message": twofactor.locked_message()},
        status=403,
    )


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """The second step of the sign-in."""
    if twofactor.session_verified(request):
        return redirect(_next_url(request))
    if not twofactor.user_has_device(request.user):
        return redirect("cipher:second_factor_enrol")
    if twofactor.is_locked(request.user):
        return _locked(request)
    form = CodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            twofactor.second_factor_verify(request=request, token=form.cleaned_data["token"])
        except twofactor.SecondFactorLocked:
            return _locked(request)
        except ValidationError as error:
            form.add_error("token", error)
        else:
            return redirect(_next_url(request))
    return render(request, "cipher/second_factor.html", {"form": form, "next": _next_url(request)})


@login_required
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR (drawn here, no outside service), enter a
    code. A person with a device does this only from a verified session."""
    if not twofactor.may_enrol(request):
        return redirect("cipher:second_factor")
    form = CodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.second_factor_enrol(request=request, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            request.session[twofactor.CODES_SESSION] = codes
            return redirect("cipher:recovery_codes")
    key = twofactor.enrolment_key(request)
    uri = twofactor.provisioning_uri(request.user, key)
    qr = segno.make(uri, error="m").svg_inline(scale=4, omitsize=False, title=_("Mã QR"))
    return render(
        request,
        "cipher/second_factor_enrol.html",
        {
            "form": form,
            "qr_svg": qr,
            "secret": b32encode(bytes.fromhex(key)).decode(),
            "has_device": twofactor.user_has_device(request.user),
        },
    )


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once: taken out of the session as the page is drawn."""
    if request.method == "POST":
        try:
            codes = twofactor.recovery_codes_renew(request=request)
        except PermissionDenied:
            return redirect("cipher:second_factor")
        request.session[twofactor.CODES_SESSION] = codes
        return redirect("cipher:recovery_codes")
    codes = request.session.pop(twofactor.CODES_SESSION, None)
    return render(request, "cipher/recovery_codes.html", {"codes": codes})


@login_required
def device_reset(request: HttpRequest) -> HttpResponse:
    """CY removes a person's devices (lost phone); audited, the person told."""
    if not is_cipher_staff(request.user) and not request.user.is_superuser:
        raise Http404
    form = DeviceResetForm(request.POST or None, user=request.user)
    if request.method == "POST":

        def perform(data):
            return twofactor.second_factor_reset(
                actor=request.user, person=data["person"], reason=data["reason"]
            )

        try:
            done = submit_form(request, form, perform, _("Đã đặt lại thiết bị xác thực."))
        except PermissionDenied as error:
            form.add_error("person", str(error))
        else:
            if done is not None:
                return redirect("cipher:device_reset")
    events = SecondFactorEvent.objects.filter(
        kind=twofactor.SecondFactorEventKind.RESET
    ).select_related("user", "done_by")[:50]
    return render(request, "cipher/device_reset.html", {"form": form, "events": events})


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    rows = twofactor.sessions_of(request.user, current_key=request.session.session_key)
    return render(request, "cipher/session_list.html", {"rows": rows})


@login_required
@require_POST
def session_end(request: HttpRequest) -> HttpResponse:
    if twofactor.session_end(
        actor=request.user, request=request, handle=request.POST.get("phien", "")
    ):
        messages.success(request, _("Đã kết thúc phiên đăng nhập."))
    else:
        messages.error(request, _("Không tìm thấy phiên đăng nhập này (có thể đã kết thúc)."))
    return redirect("cipher:sessions")


@login_required
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = twofactor.end_other_sessions(request.user, keep=request.session.session_key)
    messages.success(request, _("Đã kết thúc %(count)d phiên khác.") % {"count": ended})
    return redirect("cipher:sessions")


@login_required
@require_GET
def signed_file(request: HttpRequest, signature_id: int) -> HttpResponse:
    """The signed PDF, to whoever may see its document (the document's own door)."""
    row = get_object_or_404(DocumentSignature.objects.exclude(signed_file=""), pk=signature_id)
    model = ContentType.objects.get_for_id(row.content_type_id).model_class()
    if model is None:
        raise Http404
    get_visible_or_404(model.objects.all(), request.user, pk=row.object_id)
    return serve(row.signed_file, row.file_name or "van-ban-da-ky.pdf")
