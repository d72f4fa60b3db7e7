from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm


class CodeForm(OfficeForm):
    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        help_text=_("6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
        error_messages={"required": _("Nhập mã xác thực.")},
    )


class DeviceResetForm(OfficeForm):
    person = forms.ModelChoiceField(
        label=_("Người cần đặt lại"),
        queryset=get_user_model().objects.none(),
        error_messages={
            "required": _("Chọn người cần đặt lại."),
            "invalid_choice": _("Người này không có trong danh sách."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nhập lý do.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, staff__is_active=True)
            .order_by("last_name", "first_name", "username")
        )
        self.fields["person"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
