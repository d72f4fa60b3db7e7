from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cipher.choices import Direction, EntryPurpose, EquipmentKind, Urgency
from cipher.models import TicketPriority
from core.forms import OfficeForm
from units import permissions
from units.choices import SECRET_RIGHT_CODES, Designation, Secrecy
from units.designations import designated_unit
from units.forms import DATE_WIDGET, PersonChoiceField
from units.models import Role, Unit
from units.rights import item_key, item_models

DATETIME_WIDGET = forms.DateTimeInput(
    format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
)


def _now_text() -> str:
    return timezone.localtime().strftime("%d/%m/%Y %H:%M")


def cipher_members():
    unit = designated_unit(Designation.CIPHER)
    if unit is None:
        return get_user_model().objects.none()
    return permissions.members_of(unit.pk).order_by("first_name")


class EntryRequestForm(OfficeForm):
    purpose_kind = forms.ChoiceField(label=_("Mục đích"), choices=EntryPurpose.choices)
    purpose = forms.CharField(label=_("Nội dung công việc, kiểm tra"), max_length=500)
    people = forms.CharField(
        label=_("Người vào phòng"),
        help_text=_("Họ tên, chức vụ, cơ quan của từng người, mỗi người một dòng."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    window_start = forms.DateTimeField(label=_("Được vào từ"), widget=DATETIME_WIDGET)
    window_end = forms.DateTimeField(label=_("Đến"), widget=DATETIME_WIDGET)


class RoomTimeForm(OfficeForm):
    past_fields = ("at",)
    at = forms.DateTimeField(label=_("Lúc"), widget=DATETIME_WIDGET, initial=_now_text)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class MinutesForm(OfficeForm):
    work_done = forms.CharField(
        label=_("Nội dung làm việc, kiểm tra"), widget=forms.Textarea(attrs={"rows": 3})
    )
    result = forms.CharField(label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 2}))
    signatories = forms.CharField(label=_("Những người ký biên bản"), max_length=500)


class MessageForm(OfficeForm):
    past_fields = ("at",)
    direction = forms.ChoiceField(label=_("Chiều"), choices=Direction.choices)
    at = forms.DateTimeField(label=_("Thời điểm gửi, nhận"), widget=DATETIME_WIDGET)
    counterpart = forms.CharField(label=_("Nơi gửi, nơi nhận"), max_length=200)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices)
    handler = PersonChoiceField(label=_("Người xử lý"), queryset=None)
    document_number = forms.CharField(
        label=_("Số, ký hiệu văn bản liên quan"), max_length=100, required=False
    )
    document_id = forms.IntegerField(
        label=_("Mã văn bản trong sổ"), min_value=1, max_value=2**62, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = cipher_members()


class EquipmentForm(OfficeForm):
    name = forms.CharField(label=_("Tên thiết bị"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=EquipmentKind.choices)
    serial_number = forms.CharField(label=_("Số hiệu, số sê-ri"), max_length=100, required=False)
    location = forms.CharField(label=_("Vị trí đặt"), max_length=200, required=False)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị sử dụng"), queryset=Unit.objects.filter(is_active=True), required=False
    )
    ip_address = forms.GenericIPAddressField(label=_("Địa chỉ IP"), required=False)
    maintenance_every_days = forms.IntegerField(
        label=_("Chu kỳ bảo dưỡng (ngày)"), min_value=1, max_value=3650, required=False
    )


class MaintenanceForm(OfficeForm):
    past_fields = ("done_on",)
    done_on = forms.DateField(label=_("Ngày bảo dưỡng"), widget=DATE_WIDGET)
    work = forms.CharField(label=_("Nội dung bảo dưỡng"), max_length=500)
    result = forms.CharField(label=_("Kết quả"), max_length=500)


class InspectionForm(OfficeForm):
    past_fields = ("inspected_on",)
    body_name = forms.CharField(label=_("Cơ quan được kiểm tra"), max_length=200)
    inspected_on = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE_WIDGET)
    team = forms.CharField(label=_("Thành phần đoàn kiểm tra"), max_length=500)
    owner = PersonChoiceField(label=_("Cán bộ phụ trách"), queryset=None)
    conclusion = forms.CharField(
        label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = cipher_members()


class FindingForm(OfficeForm):
    description = forms.CharField(label=_("Tồn tại, hạn chế"), max_length=500)
    action_required = forms.CharField(label=_("Yêu cầu khắc phục"), max_length=500)
    due_on = forms.DateField(label=_("Hạn khắc phục"), widget=DATE_WIDGET)


class FollowUpForm(OfficeForm):
    finding = forms.ModelChoiceField(label=_("Tồn tại"), queryset=None)
    follow_up = forms.CharField(label=_("Kết quả theo dõi"), max_length=500)
    fixed = forms.BooleanField(label=_("Đã khắc phục xong"), required=False)

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = inspection.findings.filter(status="open")


class TicketForm(OfficeForm):
    subject = forms.CharField(label=_("Vấn đề cần hỗ trợ"), max_length=300)
    description = forms.CharField(
        label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    priority = forms.ModelChoiceField(
        label=_("Mức ưu tiên"), queryset=TicketPriority.objects.all(), empty_label=None
    )


class AssignForm(OfficeForm):
    assignee = PersonChoiceField(label=_("Cán bộ xử lý"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = cipher_members()


class ResolutionForm(OfficeForm):
    resolution = forms.CharField(label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 3}))


# Rights -----------------------------------------------------------------------------------------


class RightsRequestForm(OfficeForm):
    """A head asks a right for one of his staff: a role, its scope, its period, why."""

    target = PersonChoiceField(label=_("Cán bộ"), queryset=None)
    role = forms.ModelChoiceField(
        label=_("Quyền (vai trò)"), queryset=Role.objects.exclude(code__in=SECRET_RIGHT_CODES)
    )
    scope = forms.CharField(
        label=_("Phạm vi"),
        max_length=300,
        help_text=_("Quyền dùng cho việc gì: sổ, ứng dụng, mảng công việc."),
    )
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class SecretItemRequestForm(OfficeForm):
    """A head asks that one of his staff may see one secret item of the unit, for a period."""

    target = PersonChoiceField(label=_("Cán bộ"), queryset=None)
    item = forms.ChoiceField(label=_("Loại tài liệu"), choices=())
    item_id = forms.IntegerField(label=_("Số hiệu tài liệu (ID)"), min_value=1)
    scope = forms.CharField(label=_("Phạm vi"), max_length=300)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["item"].choices = sorted(
            ((item_key(model), capfirst(model._meta.verbose_name)) for model in item_models()),
            key=lambda choice: str(choice[1]),
        )


class ClearanceRequestForm(OfficeForm):
    """A head asks a secrecy clearance for one of his staff, within the unit, for a period."""

    target = PersonChoiceField(label=_("Cán bộ"), queryset=None)
    level = forms.ChoiceField(
        label=_("Mức độ mật"),
        choices=[(value, label) for value, label in Secrecy.choices if value],
    )
    scope = forms.CharField(label=_("Phạm vi"), max_length=300)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class DecideForm(OfficeForm):
    change = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        choices=[("approve", _("Duyệt")), ("reject", _("Từ chối"))], widget=forms.HiddenInput
    )
    comment = forms.CharField(label=_("Ý kiến"), max_length=500, required=False)


class RecertifyForm(OfficeForm):
    assignment = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        choices=[("keep", _("Giữ quyền")), ("revoke", _("Thu hồi"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(label=_("Lý do"), max_length=500)
