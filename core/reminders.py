"""The one reminder engine: every deadline of every app reminds through `remind_once`, which
writes a `ReminderLog` row keyed by (object, kind, day) in the same transaction as the
notification, so a daily job run again the same day (a retry, a second beat) sends nothing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from core.models import ReminderLog
from core.services import notify


@transaction.atomic
def remind_once(
    obj: models.Model,
    *,
    kind: str,
    recipients: Iterable[AbstractBaseUser | None],
    title: str,
    body: str = "",
    url: str = "",
    secret_title: str = "",
    today: date | None = None,
) -> bool:
    """Notify the recipients about `obj` unless a reminder of this kind about it was already sent
    today; True when this call sent it. A secret `obj` is named by its safe label only
    (`core.services.notify`'s `about`)."""
    _log, created = ReminderLog.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        kind=kind,
        day=today or timezone.localdate(),
    )
    if created:
        notify(
            recipients=recipients,
            title=title,
            body=body,
            url=url,
            about=obj,
            secret_title=secret_title,
        )
    return created


def reminders_sent(obj: models.Model, *, kind: str | None = None):
    """The log rows of one object, newest first (optionally of one kind)."""
    rows = ReminderLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    return rows if kind is None else rows.filter(kind=kind)
