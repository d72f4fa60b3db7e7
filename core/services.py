"""Every write of the core app. Other apps call `notify` and `file_request`; they never create
`Notification` or `GeneratedFile` rows themselves."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.audit import office_language
from core.generated import FILE_BUILDERS, get_file_builder
from core.models import GeneratedFile, GeneratedFileStatus, Notification
from core.selectors import notifications_for
from core.text import clip

logger = logging.getLogger(__name__)


def safe_label(obj: Model) -> str:
    """How a notification names a secret item: its kind, secrecy and number, nothing of its
    content ("Văn bản đến Mật số 12"). A model may say it better with `secret_label()`."""
    custom = getattr(obj, "secret_label", None)
    if callable(custom):
        return custom()
    number = getattr(obj, "number", None) or obj.pk
    return _("%(kind)s %(secrecy)s số %(number)s") % {
        "kind": capfirst(obj._meta.verbose_name),
        "secrecy": obj.get_secrecy_display(),
        "number": number,
    }


def notify(
    *,
    recipients: Iterable[AbstractBaseUser],
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    about: Model | None = None,
    secret_title: str = "",
    kind: str = "",
) -> list[Notification]:
    """Tell people something happened. One row per active recipient (a user listed twice gets one
    notification); the e-mail copy is queued only after the surrounding transaction commits, so
    nobody is e-mailed about a change that was rolled back.

    `about` is the item the notification is about. When it is secret, the title and body the
    caller wrote are not stored or e-mailed: the recipients read only its safe label, and open
    the item (through the permission door) to read more. Every caller gets this by naming the
    item; none has to remember which of its texts quote a summary. `secret_title` (with
    `%(item)s` for the label) says what happened in words that quote nothing of the item.

    Titles and bodies are stored in the office's language (Vietnamese; staff keep no language
    of their own), whatever language the actor's browser asked for.

    A notice that asks for something (`kind`: "await_distribution", "await_decision", …) is
    stored with its item, and `notifications_done(item, kind=…)` marks it done once somebody
    has handled it."""
    if not url and about is not None and hasattr(about, "get_absolute_url"):
        url = about.get_absolute_url()
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError(f"Notification URLs are paths inside the site, not {url!r}")
    with office_language():
        if about is not None and getattr(about, "is_secret", False):
            title = (secret_title or _("%(item)s: có thông tin mới, mở để xem")) % {
                "item": safe_label(about)
            }
            body = ""
        title, body = str(title), str(body)
    subject = {}
    if about is not None:
        subject = {
            "content_type": ContentType.objects.get_for_model(about),
            "object_id": about.pk,
            "kind": kind,
        }
    elif kind:
        raise ValueError("A notification of a kind names what it is about")
    seen: set[Any] = set()
    rows: list[Notification] = []
    for user in recipients:
        if user is None or user.pk is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(recipient=user, title=clip(title, 255), body=body, url=url, **subject)
        )
    if not rows:
        return []
    for row in rows:
        row.full_clean(exclude=["recipient", "content_type"])
    created = Notification.objects.bulk_create(rows)
    # PostgreSQL and SQLite >= 3.35 return the new primary keys from a bulk insert.
    to_email = [row.pk for row in created if row.recipient.email]
    if email and to_email:
        _queue_notification_email(to_email)
    return created


def notifications_done(about: Model, *, kind: str) -> int:
    """Somebody handled what the notices of `kind` about `about` asked for: every open one is
    marked done (and read), so nobody else is left asked to do it. Returns how many changed."""
    now = timezone.now()
    return Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(about),
        object_id=about.pk,
        kind=kind,
        done_at__isnull=True,
    ).update(done_at=now, read_at=Coalesce("read_at", Value(now)))


def _queue_notification_email(notification_ids: list[int]) -> None:
    from core.tasks import send_notification_email

    transaction.on_commit(lambda: send_notification_email.delay(notification_ids))


def notification_mark_read(*, actor: AbstractBaseUser, notification_id: int) -> Notification:
    """Mark one of the actor's own notifications read. Someone else's id raises Http404: the
    actor may not even learn it exists."""
    notification = get_object_or_404(notifications_for(actor), pk=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor: AbstractBaseUser) -> int:
    """Mark all the actor's unread notifications read; returns how many changed."""
    return notifications_for(actor).filter(read_at__isnull=True).update(read_at=timezone.now())


def notification_emails_send(*, notification_ids: Iterable[int]) -> int:
    """E-mail each notification whose recipient has an address, once: `emailed_at` is set so a
    retried task does not send it again. Returns the number of messages sent."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection

    pending = (
        Notification.objects.filter(pk__in=list(notification_ids), emailed_at__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient")
    )
    messages = []
    sent_ids = []
    site_url = getattr(settings, "SITE_URL", "").rstrip("/")
    for notification in pending:
        lines = [notification.body] if notification.body else []
        if notification.url:
            lines.append(f"{site_url}{notification.url}")
        messages.append(
            EmailMessage(
                subject=f"[{settings.OFFICE_NAME}] {notification.title}",
                body="\n\n".join(lines),
                to=[notification.recipient.email],
            )
        )
        sent_ids.append(notification.pk)
    if not messages:
        return 0
    with get_connection() as connection:
        sent = connection.send_messages(messages) or 0
    Notification.objects.filter(pk__in=sent_ids).update(emailed_at=timezone.now())
    return sent


@transaction.atomic
def file_request(
    *, actor: AbstractBaseUser, builder: str, params: dict[str, Any], title: str
) -> GeneratedFile:
    """Ask for a file (PDF, XLSX, CSV, ZIP…) to be built in the background by a registered
    builder. Unknown builder names are refused here, so a request can never name arbitrary
    code."""
    if builder not in FILE_BUILDERS:
        raise ValidationError(_("Loại tệp không được hỗ trợ: %(kind)s."), params={"kind": builder})
    file_format = FILE_BUILDERS[builder].file_format
    generated = GeneratedFile(
        owner=actor,
        title=title,
        kind=builder,
        params=params,
        extension=file_format.extension,
        content_type=file_format.content_type,
    )
    generated.full_clean()
    generated.save()
    from core.tasks import build_file

    transaction.on_commit(lambda: build_file.delay(generated.pk, builder, params))
    return generated


def generated_file_build(
    *, generated_file_id: int, builder: str, params: dict[str, Any]
) -> GeneratedFile:
    """Run the builder and store its file; on any error record it on the row instead of leaving
    the owner looking at "pending" forever. Runs once: a row that is no longer pending (task
    redelivered) is left alone."""
    generated = GeneratedFile.objects.select_related("owner").get(pk=generated_file_id)
    if generated.status != GeneratedFileStatus.PENDING:
        return generated
    try:
        if builder != generated.kind:
            raise ValueError(f"Builder {builder!r} does not match the request ({generated.kind!r})")
        content = get_file_builder(builder).build(params)
    except Exception as exc:  # noqa: BLE001 - any failure must reach the owner, not vanish
        logger.exception("Building %s (GeneratedFile %s) failed", builder, generated.pk)
        generated.status = GeneratedFileStatus.FAILED
        generated.error = f"{type(exc).__name__}: {exc}"
        generated.finished_at = timezone.now()
        generated.save(update_fields=["status", "error", "finished_at"])
        _notify_generated(generated)
        return generated
    generated.file = ContentFile(content, name=generated.download_name)
    generated.status = GeneratedFileStatus.READY
    generated.finished_at = timezone.now()
    generated.save(update_fields=["file", "status", "finished_at"])
    _notify_generated(generated)
    return generated


def _notify_generated(generated: GeneratedFile) -> None:
    """The owner may have left the status page: tell them in the app (no e-mail for this)."""
    if generated.status == GeneratedFileStatus.READY:
        title = _("Tệp đã sẵn sàng: %(title)s") % {"title": generated.title}
    else:
        title = _("Không tạo được tệp: %(title)s") % {"title": generated.title}
    notify(
        recipients=[generated.owner],
        title=title,
        url=reverse("core:generated_file_detail", args=[generated.pk]),
        email=False,
    )
