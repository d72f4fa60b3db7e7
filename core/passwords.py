"""Password rules with their messages in Vietnamese (AUTH_PASSWORD_VALIDATORS), and the change of
a person's own password, which ends every other session of that person."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation, update_session_auth_hash
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import BootstrapMixin


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.")

    def get_help_text(self):
        return _("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Mật khẩu quá giống thông tin tài khoản (%(verbose_name)s).")

    def get_help_text(self):
        return _("Mật khẩu không được giống tên đăng nhập, họ tên hoặc thư điện tử.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu này quá phổ biến, dễ bị đoán.")

    def get_help_text(self):
        return _("Không dùng mật khẩu phổ biến.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")


class PasswordChangeForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    """Django's form (old password, new one twice, the validators above) in Vietnamese."""

    error_messages = {
        "password_incorrect": gettext_lazy("Mật khẩu hiện tại không đúng."),
        "password_mismatch": gettext_lazy("Hai lần nhập mật khẩu mới không khớp."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
        self.fields["new_password2"].help_text = ""
        for field in self.fields.values():
            field.error_messages["required"] = _("Trường này là bắt buộc.")


@transaction.atomic
def password_change(*, actor: AbstractBaseUser, form: PasswordChangeForm, request) -> None:
    """Save the new password, keep the current session signed in, end every other one."""
    user = form.save()
    update_session_auth_hash(request, user)
    end_other_sessions(user, keep=request.session.session_key)


def end_other_sessions(user: AbstractBaseUser, *, keep: str | None) -> int:
    """Delete every unexpired session of `user` except the one with key `keep`, through the
    session engine (cache and database alike). Sessions are not indexed by user, so the live
    ones are read; an office has a few hundred at most. Returns how many were ended."""
    from django.contrib.sessions.models import Session

    engine: type[SessionBase] = import_string(settings.SESSION_ENGINE + ".SessionStore")
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep:
            continue
        if session.get_decoded().get("_auth_user_id") != str(user.pk):
            continue
        engine(session_key=session.session_key).delete()
        ended += 1
    return ended
