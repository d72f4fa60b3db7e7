"""Reads of core data, already limited to what the given user may see (their own rows)."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from core.models import GeneratedFile, Notification


def notifications_for(user: AbstractBaseUser) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_notifications_for(user: AbstractBaseUser) -> QuerySet[Notification]:
    return notifications_for(user).filter(read_at__isnull=True)


def unread_count(user: AbstractBaseUser) -> int:
    """One COUNT query on the (recipient, read_at) index; 0 for anonymous visitors."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def generated_files_for(user: AbstractBaseUser) -> QuerySet[GeneratedFile]:
    """Files the user asked for. Nobody else's generated file is ever visible, not even to staff:
    they may contain secret registers."""
    return GeneratedFile.objects.filter(owner=user).order_by("-created_at", "-id")
