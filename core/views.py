"""Thin views: read through selectors, write through services. Every object is looked up among the
user's own rows, so someone else's id answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import passwords, selectors, services
from core.dashboard import panels_for
from core.models import GeneratedFileStatus
from core.paging import page_of

NOTIFICATIONS_PER_PAGE = 20
HOME_UNREAD_LIMIT = 5


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Welcome page with the panels other apps register in `core.dashboard`."""
    unread = list(selectors.unread_notifications_for(request.user)[:HOME_UNREAD_LIMIT])
    return render(
        request,
        "core/home.html",
        {"latest_unread": unread, "dashboard_sections": panels_for(request)},
    )


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own password: old one, new one twice; other sessions end."""
    form = passwords.PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        passwords.password_change(actor=request.user, form=form, request=request)
        messages.success(
            request, _("Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã được đăng xuất.")
        )
        return redirect("home")
    return render(request, "core/password_change.html", {"form": form})


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.notifications_for(request.user), size=NOTIFICATIONS_PER_PAGE)
    return render(request, "core/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark read, then go where the notification points (only ever a path on this site)."""
    notification = services.notification_mark_read(
        actor=request.user, notification_id=notification_id
    )
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("core:notifications")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    return redirect("core:notifications")


@login_required
@require_GET
def generated_file_detail(request: HttpRequest, generated_file_id: int) -> HttpResponse:
    generated = get_object_or_404(selectors.generated_files_for(request.user), pk=generated_file_id)
    return render(request, "core/generated_file_detail.html", {"generated": generated})


@login_required
@require_GET
def generated_file_download(request: HttpRequest, generated_file_id: int) -> FileResponse:
    """Served by Django after the owner check: generated files may hold secret registers and are
    never reachable through a media URL."""
    generated = get_object_or_404(
        selectors.generated_files_for(request.user),
        pk=generated_file_id,
        status=GeneratedFileStatus.READY,
    )
    if not generated.file:
        raise Http404
    try:
        handle = generated.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=generated.download_name,
        content_type=generated.content_type,
    )


#: The longest span the working-day endpoint answers (the forms allow at most a year).
WORKDAYS_MAX = 365


@login_required
@require_GET
def working_day_after(request: HttpRequest) -> JsonResponse:
    """`?so=N`: the day N working days after today (`core.workdays`), as a deadline field shows
    it while it is typed. Bad input answers 400 with a Vietnamese message."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from core.tables import day
    from core.workdays import add_working_days

    raw = request.GET.get("so", "").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= WORKDAYS_MAX:
        message = _("Số ngày làm việc phải từ 1 đến %(max)s.") % {"max": WORKDAYS_MAX}
        return JsonResponse({"error": message}, status=400)
    deadline = add_working_days(timezone.localdate(), int(raw))
    return JsonResponse({"date": day(deadline), "iso": deadline.isoformat()})
