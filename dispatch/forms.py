from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from core.uploads import validate_upload
from dispatch.choices import LetterCategory, RegisterKind, SignerAuthority
from dispatch.models import DocumentType, Issuer, Urgency
from units import permissions
from units.choices import Position, Secrecy
from units.forms import PersonChoiceField
from units.models import Unit

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
DATETIME_WIDGET = forms.DateTimeInput(
    format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
)
MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several scans at once, each checked by its content (core.uploads)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Tối đa %(max)d tệp mỗi lần.") % {"max": MAX_FILES})
        cleaned = [super(MultipleFileField, self).clean(upload, initial) for upload in files]
        for upload in cleaned:
            validate_upload(upload)
        return cleaned


class IncomingForm(OfficeForm):
    """Field order is the order of the paper envelope, so a clerk types it through with Tab."""

    past_fields = ("received_at", "document_date")

    received_at = forms.DateTimeField(label=_("Ngày giờ đến"), widget=DATETIME_WIDGET)
    sender = forms.CharField(
        label=_("Nơi gửi"), max_length=255, widget=forms.TextInput(attrs={"autofocus": True})
    )
    number_and_symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=60)
    document_date = forms.DateField(label=_("Ngày văn bản"), widget=DATE_WIDGET)
    doc_type = forms.ModelChoiceField(
        label=_("Loại văn bản"),
        queryset=DocumentType.objects.filter(is_active=True),
        widget=forms.Select(attrs={"data-picker": "search"}),
    )
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    urgency = forms.ModelChoiceField(
        label=_("Độ khẩn"), queryset=Urgency.objects.all(), required=False, empty_label=_("Thường")
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    pages = forms.IntegerField(label=_("Số trang"), min_value=1, max_value=9999, initial=1)
    copies = forms.IntegerField(label=_("Số bản"), min_value=1, max_value=999, initial=1)
    document_deadline = forms.DateField(
        label=_("Hạn do văn bản yêu cầu"), widget=DATE_WIDGET, required=False
    )
    attachments = MultipleFileField(label=_("Bản quét (PDF, ảnh)"))
    allow_duplicate = forms.BooleanField(
        label=_("Tôi đã kiểm tra: đây không phải văn bản đã vào sổ"),
        required=False,
        widget=forms.HiddenInput,
    )

    allow_late_document_date = forms.BooleanField(
        label=_("Tôi xác nhận: văn bản đề ngày sau ngày đến là đúng"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def ask_duplicate_confirmation(self) -> None:
        self.fields["allow_duplicate"].widget = forms.CheckboxInput(
            attrs={"class": "form-check-input"}
        )

    def ask_document_date_confirmation(self) -> None:
        self.fields["allow_late_document_date"].widget = forms.CheckboxInput(
            attrs={"class": "form-check-input"}
        )


class DistributeForm(OfficeForm):
    lead_unit = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.filter(is_active=True)
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.filter(is_active=True), required=False
    )
    handling_days = forms.IntegerField(
        label=_("Thời hạn xử lý (ngày làm việc)"),
        min_value=1,
        max_value=365,
        initial=5,
        widget=forms.NumberInput(attrs={"data-workdays": reverse_lazy("core:working_day_after")}),
    )
    instruction = forms.CharField(
        label=_("Ý kiến chỉ đạo"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AssignForm(OfficeForm):
    owner = PersonChoiceField(label=_("Người xử lý"), queryset=None)
    reason = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = permissions.members_of(unit_id).order_by("first_name")


class ProgressForm(OfficeForm):
    note = forms.CharField(label=_("Tiến độ"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(OfficeForm):
    reply_number = forms.CharField(label=_("Số văn bản trả lời"), max_length=60, required=False)
    result_note = forms.CharField(
        label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CancelForm(OfficeForm):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=300)


class AttachForm(OfficeForm):
    attachments = MultipleFileField(label=_("Bản quét (PDF, ảnh)"), required=True)


class LeaderChoiceField(PersonChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()} – {obj.staff.get_position_display()}"


class OutgoingForm(OfficeForm):
    doc_type = forms.ModelChoiceField(
        label=_("Loại văn bản"),
        queryset=DocumentType.objects.filter(is_active=True),
        widget=forms.Select(attrs={"data-picker": "search"}),
    )
    issuer = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"), queryset=Issuer.objects.filter(is_active=True)
    )
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    content_file = forms.FileField(label=_("Tệp nội dung (PDF)"), required=False)
    signer = LeaderChoiceField(label=_("Người ký dự kiến"), queryset=None)
    signer_authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"), choices=SignerAuthority.choices, required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200)
    urgency = forms.ModelChoiceField(
        label=_("Độ khẩn"), queryset=Urgency.objects.all(), required=False, empty_label=_("Thường")
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    copies = forms.IntegerField(label=_("Số bản"), min_value=1, max_value=999, initial=1)
    recipient_units = forms.ModelMultipleChoiceField(
        label=_("Nơi nhận trong Văn phòng"),
        queryset=Unit.objects.filter(is_active=True),
        required=False,
    )
    outside_recipients = forms.CharField(
        label=_("Nơi nhận bên ngoài (mỗi dòng một cơ quan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                staff__is_active=True,
                staff__position__in=[Position.CHIEF, Position.DEPUTY_CHIEF],
            )
            .select_related("staff")
        )

    def clean_content_file(self):
        upload = self.cleaned_data.get("content_file")
        if upload:
            validate_upload(upload, allowed=("pdf",))
        return upload

    def clean_outside_recipients(self) -> list[str]:
        lines = self.cleaned_data.get("outside_recipients", "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean(self):
        data = super().clean()
        if not data.get("recipient_units") and not data.get("outside_recipients"):
            raise forms.ValidationError(_("Cần ít nhất một nơi nhận."))
        return data


class ReviseForm(OfficeForm):
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}))
    signer_authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"), choices=SignerAuthority.choices, required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200)
    content_file = forms.FileField(label=_("Tệp nội dung mới (PDF)"), required=False)

    def clean_content_file(self):
        upload = self.cleaned_data.get("content_file")
        if upload:
            validate_upload(upload, allowed=("pdf",))
        return upload


class ConsultForm(OfficeForm):
    asked_unit = forms.ModelChoiceField(
        label=_("Đơn vị được hỏi"), queryset=Unit.objects.filter(is_active=True)
    )
    question = forms.CharField(
        label=_("Nội dung xin ý kiến"), widget=forms.Textarea(attrs={"rows": 3})
    )
    due_working_days = forms.IntegerField(
        label=_("Thời hạn trả lời (ngày làm việc)"), min_value=1, max_value=60, initial=3
    )


class SealForm(OfficeForm):
    seal = forms.CharField(label=_("Con dấu"), max_length=120, initial=_("Dấu Văn phòng"))
    impressions = forms.IntegerField(label=_("Số lần đóng dấu"), min_value=1, initial=1)


class ReceiveForm(OfficeForm):
    delivery = forms.ModelChoiceField(label=_("Nơi nhận"), queryset=None)
    received_by = forms.CharField(label=_("Người ký nhận"), max_length=200)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery"].queryset = document.deliveries.filter(
            sent_at__isnull=False, received_at__isnull=True
        ).select_related("unit")


class RegisterExportForm(OfficeForm):
    kind = forms.ChoiceField(
        label=_("Sổ"),
        choices=[
            (RegisterKind.INCOMING, RegisterKind.INCOMING.label),
            (RegisterKind.OUTGOING, RegisterKind.OUTGOING.label),
        ],
    )
    date_from = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    output = forms.ChoiceField(
        label=_("Định dạng"), choices=[("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "Excel (XLSX)")]
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
        return data


class LetterForm(OfficeForm):
    past_fields = ("received_on",)
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DATE_WIDGET)
    sender_name = forms.CharField(label=_("Người gửi"), max_length=200, required=False)
    sender_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    is_anonymous = forms.BooleanField(label=_("Đơn nặc danh"), required=False)
    summary = forms.CharField(label=_("Nội dung tóm tắt"), widget=forms.Textarea(attrs={"rows": 3}))
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class LetterClassifyForm(OfficeForm):
    category = forms.ChoiceField(label=_("Loại đơn"), choices=LetterCategory.choices)
    is_anonymous = forms.BooleanField(label=_("Đơn nặc danh"), required=False)
    out_of_competence = forms.BooleanField(label=_("Không thuộc thẩm quyền"), required=False)
    proposal = forms.CharField(
        label=_("Đề xuất xử lý"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class LetterRouteForm(OfficeForm):
    routed_to = forms.CharField(
        label=_("Chuyển đến cơ quan có thẩm quyền"), max_length=255, required=False
    )
    to_standing_board = forms.BooleanField(label=_("Báo cáo Thường trực Tỉnh ủy"), required=False)


class LetterResultForm(OfficeForm):
    result = forms.CharField(
        label=_("Kết quả giải quyết"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReceptionForm(OfficeForm):
    held_on = forms.DateField(label=_("Ngày tiếp"), widget=DATE_WIDGET)
    leader = forms.CharField(label=_("Lãnh đạo tiếp"), max_length=200)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    citizens = forms.CharField(label=_("Công dân đến"), widget=forms.Textarea(attrs={"rows": 2}))
    citizen_count = forms.IntegerField(label=_("Số lượt công dân"), min_value=1, initial=1)
    matters = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.CharField(
        label=_("Kết quả, ý kiến của lãnh đạo"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class TravelPaperForm(OfficeForm):
    traveller = forms.CharField(label=_("Họ tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    agency = forms.CharField(label=_("Cơ quan"), max_length=255)
    purpose = forms.CharField(label=_("Nội dung công tác"), max_length=300)
    arrived_on = forms.DateField(label=_("Ngày đến"), widget=DATE_WIDGET)
    left_on = forms.DateField(label=_("Ngày đi"), widget=DATE_WIDGET)


class PeriodForm(OfficeForm):
    date_from = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
