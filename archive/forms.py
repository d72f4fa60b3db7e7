from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive import selectors
from archive.choices import (
    CopyKind,
    CouncilRole,
    IdentityPaper,
    LineCondition,
    LineOutcome,
    SourceKind,
    Verdict,
)
from archive.models import Box, RecordFile, RetentionRule, Series, SourceList
from core.forms import OfficeForm
from units import permissions
from units.choices import Secrecy
from units.forms import DATE_WIDGET, PersonChoiceField


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} – {obj.name} ({obj.term_label})"


def _rules():
    return selectors.current_rules().order_by("order", "code")


def _year_field():
    return forms.IntegerField(
        label=_("Năm"), min_value=1945, max_value=2100, initial=lambda: timezone.localdate().year
    )


class FileOpenForm(OfficeForm):
    code = forms.CharField(label=_("Số, ký hiệu hồ sơ"), max_length=40)
    title = forms.CharField(label=_("Tiêu đề hồ sơ"), max_length=500)
    year = _year_field()
    retention = RuleChoiceField(label=_("Thời hạn bảo quản"), queryset=RetentionRule.objects.none())
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    is_reference_copy = forms.BooleanField(
        label=_("Hồ sơ tham khảo (bản sao, không nộp lưu)"), required=False
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention"].queryset = _rules()


class FileEditForm(OfficeForm):
    title = forms.CharField(label=_("Tiêu đề hồ sơ"), max_length=500)
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PaperForm(OfficeForm):
    title = forms.CharField(label=_("Tên tài liệu, trích yếu"), max_length=1000)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=80, required=False)
    date = forms.DateField(label=_("Ngày"), widget=DATE_WIDGET, required=False)
    sheets = forms.IntegerField(label=_("Số tờ"), min_value=1, max_value=100000)
    retention = RuleChoiceField(
        label=_("Thời hạn bảo quản"), queryset=RetentionRule.objects.none(), required=False
    )
    upload = forms.FileField(label=_("Bản quét"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention"].queryset = _rules()


class RetentionForm(OfficeForm):
    retention = RuleChoiceField(
        label=_("Thời hạn bảo quản mới"), queryset=RetentionRule.objects.none()
    )
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention"].queryset = _rules()


class CustodyForm(OfficeForm):
    box = forms.ModelChoiceField(
        label=_("Kho / giá / hộp"),
        queryset=Box.objects.select_related("shelf__repository"),
    )
    series = forms.ModelChoiceField(
        label=_("Phông / mục lục"),
        queryset=Series.objects.select_related("fonds"),
        required=False,
    )


class ReasonForm(OfficeForm):
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class FileListForm(OfficeForm):
    year = _year_field()
    title = forms.CharField(label=_("Tên danh mục"), max_length=300)


class EntryForm(OfficeForm):
    code = forms.CharField(label=_("Số, ký hiệu hồ sơ"), max_length=40)
    title = forms.CharField(label=_("Tiêu đề hồ sơ"), max_length=500)
    retention = RuleChoiceField(label=_("Thời hạn bảo quản"), queryset=RetentionRule.objects.none())
    person = PersonChoiceField(label=_("Người lập hồ sơ"), queryset=None)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention"].queryset = _rules()
        self.fields["person"].queryset = permissions.members_of(unit_id).order_by("last_name")


class TransferForm(OfficeForm):
    secrecy = forms.ChoiceField(
        label=_("Độ mật của mục lục"), choices=Secrecy.choices, required=False
    )


class TransferFilesForm(OfficeForm):
    files = forms.ModelMultipleChoiceField(
        label=_("Hồ sơ"), queryset=RecordFile.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, transfer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].queryset = selectors.transferable_files(transfer)


class LineCheckForm(OfficeForm):
    line = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=None)
    condition = forms.ChoiceField(label=_("Tình trạng"), choices=LineCondition.choices)
    note = forms.CharField(label=_("Ghi chú (tờ thiếu, hư hỏng)"), max_length=500, required=False)

    def __init__(self, *args, transfer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = transfer.lines.select_related("record_file")
        self.fields["line"].label_from_instance = lambda line: str(line.record_file)


class AcceptForm(OfficeForm):
    notes = forms.CharField(
        label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SourceForm(OfficeForm):
    name = forms.CharField(label=_("Tên cơ quan, tổ chức"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại"), choices=SourceKind.choices)
    valid_from = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    valid_to = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET, required=False)
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SourceListForm(OfficeForm):
    title = forms.CharField(label=_("Danh mục tài liệu nộp lưu"), max_length=500)
    approved_on = forms.DateField(label=_("Ngày duyệt"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Văn bản duyệt"), max_length=100, required=False)
    due_on = forms.DateField(label=_("Hạn nộp lưu"), widget=DATE_WIDGET)


class ReceiptForm(OfficeForm):
    source_list = forms.ModelChoiceField(
        label=_("Theo danh mục"), queryset=SourceList.objects.none()
    )
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DATE_WIDGET)
    list_number = forms.CharField(label=_("Số mục lục"), max_length=40)
    minutes_number = forms.CharField(label=_("Số biên bản giao nhận"), max_length=40)
    file_count = forms.IntegerField(label=_("Số hồ sơ"), min_value=1, max_value=1_000_000)
    sheet_count = forms.IntegerField(label=_("Số tờ"), min_value=1, max_value=100_000_000)
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    past_fields = ("received_on",)

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_list"].queryset = body.lists.all()


class DescriptionForm(OfficeForm):
    """The ISAD(G) elements the Archives unit writes, and the reason of the change."""

    reference_code = forms.CharField(label=_("Mã tham chiếu"), max_length=120)
    title = forms.CharField(label=_("Tiêu đề"), max_length=1000)
    date_from = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET, required=False)
    date_to = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET, required=False)
    extent = forms.CharField(label=_("Số lượng, khối lượng"), max_length=300, required=False)
    creator = forms.CharField(
        label=_("Cơ quan, cá nhân hình thành"), max_length=300, required=False
    )
    scope_content = forms.CharField(
        label=_("Phạm vi và nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    access_conditions = forms.CharField(
        label=_("Điều kiện tiếp cận"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    language = forms.CharField(label=_("Ngôn ngữ (mã ISO 639-2)"), max_length=3, initial="vie")
    reason = forms.CharField(label=_("Lý do"), max_length=500)


# The reading room ------------------------------------------------------------------------------


class ResearcherForm(OfficeForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    id_kind = forms.ChoiceField(label=_("Loại giấy tờ tùy thân"), choices=IdentityPaper.choices)
    id_number = forms.CharField(label=_("Số giấy tờ"), max_length=40)
    organisation = forms.CharField(label=_("Cơ quan, tổ chức"), max_length=300)
    introduction_ref = forms.CharField(
        label=_("Giấy giới thiệu (số, ngày, nơi cấp)"), max_length=300
    )
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, max_length=128)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)


class ReadingRequestForm(OfficeForm):
    file_codes = forms.CharField(
        label=_("Số, ký hiệu hồ sơ (theo mục lục; cách nhau bởi dấu phẩy)"),
        max_length=2000,
        required=False,
    )
    boxes = forms.ModelMultipleChoiceField(
        label=_("Hoặc cả hộp"), queryset=Box.objects.none(), required=False
    )
    purpose = forms.CharField(label=_("Mục đích sử dụng"), max_length=500)
    period_start = forms.DateField(label=_("Đọc từ ngày"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Đến hết ngày"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boxes"].queryset = Box.objects.select_related("shelf__repository")


class DecisionForm(OfficeForm):
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(OfficeForm):
    comment = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class CopyForm(OfficeForm):
    record_file = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=RecordFile.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=CopyKind.choices)
    content = forms.CharField(label=_("Tài liệu được sao, trích"), max_length=500)
    pages = forms.IntegerField(label=_("Số trang"), min_value=1, max_value=10000)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request is not None:
            self.fields["record_file"].queryset = RecordFile.objects.filter(
                reading_lines__request=request
            )


# Appraisal and disposal ----------------------------------------------------------------------


class ExpiredFileField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        expires = selectors.expires_on(obj)
        return _("%(code)s – %(title)s (%(term)s, hết hạn %(date)s)") % {
            "code": obj.code,
            "title": obj.title,
            "term": obj.retention.term_label,
            "date": expires.strftime("%d/%m/%Y") if expires else "",
        }


class AppraisalForm(OfficeForm):
    title = forms.CharField(label=_("Tên đợt thẩm định"), max_length=300)
    note = forms.CharField(label=_("Bản thuyết minh"), widget=forms.Textarea(attrs={"rows": 4}))
    files = ExpiredFileField(
        label=_("Hồ sơ hết thời hạn bảo quản đề nghị hủy"),
        queryset=RecordFile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    kept_files = ExpiredFileField(
        label=_("Hồ sơ hết thời hạn đề nghị giữ lại"),
        queryset=RecordFile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    kept_note = forms.CharField(
        label=_("Thuyết minh hồ sơ giữ lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, archivist, **kwargs):
        super().__init__(*args, **kwargs)
        expired = selectors.expired_files(archivist)
        self.fields["files"].queryset = expired
        self.fields["kept_files"].queryset = expired


class CouncilMemberForm(OfficeForm):
    user = PersonChoiceField(label=_("Thành viên"), queryset=None)
    role = forms.ChoiceField(label=_("Vai trò"), choices=CouncilRole.choices)
    unit = forms.ModelChoiceField(label=_("Đại diện đơn vị"), queryset=None, required=False)

    def __init__(self, *args, appraisal, **kwargs):
        from django.contrib.auth import get_user_model

        from units.models import Unit

        self.base_fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, staff__isnull=False)
            .order_by("first_name", "username")
        )
        self.base_fields["unit"].queryset = Unit.objects.all()
        super().__init__(*args, **kwargs)


class OpinionForm(OfficeForm):
    """One member's opinion on each file proposed for destruction, in one form."""

    def __init__(self, *args, appraisal, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = [
            line
            for line in selectors.appraisal_lines(appraisal)
            if line.proposal == Verdict.DESTROY
        ]
        for line in self.lines:
            self.fields[f"verdict_{line.pk}"] = forms.ChoiceField(
                label=str(line.record_file), choices=Verdict.choices, widget=forms.RadioSelect
            )
            self.fields[f"reason_{line.pk}"] = forms.CharField(label=_("Lý do"), max_length=1000)

    def opinions(self):
        for line in self.lines:
            yield (
                line,
                self.cleaned_data[f"verdict_{line.pk}"],
                self.cleaned_data[f"reason_{line.pk}"],
            )


class CouncilDecisionForm(OfficeForm):
    held_on = forms.DateField(
        label=_("Ngày họp Hội đồng"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    past_fields = ("held_on",)


class ConfirmDestructionForm(OfficeForm):
    line = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=None)
    reason = forms.CharField(label=_("Lý do xác nhận hủy"), max_length=500)

    def __init__(self, *args, appraisal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = appraisal.lines.filter(
            outcome=LineOutcome.CONTESTED, chief_confirmed=False
        ).select_related("record_file")
        self.fields["line"].label_from_instance = lambda line: str(line.record_file)
