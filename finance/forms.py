from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from finance.choices import (
    IMPORT_FIELDS,
    FollowUpStatus,
    MemberCategory,
    PaymentMethod,
    ReliefKind,
)
from finance.models import (
    BudgetLine,
    BudgetUnit,
    Estimate,
    ImportMapping,
    InspectionFinding,
    PartyOrganisation,
    ReliefGround,
    SettlementLine,
)
from units.choices import Secrecy
from units.forms import DATE_WIDGET

User = get_user_model()

MONTH_INPUT_FORMATS = ["%m/%Y"]


def _year_field():
    return forms.IntegerField(
        label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )


def _money_field(label, **kwargs):
    return forms.DecimalField(label=label, max_digits=18, decimal_places=0, **kwargs)


class MonthField(forms.DateField):
    """A month typed mm/yyyy."""

    input_formats = MONTH_INPUT_FORMATS

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/yyyy"})
        )
        kwargs.setdefault("help_text", _("Tháng/năm, ví dụ 03/2026."))
        super().__init__(**kwargs)


def _line_field():
    return forms.ModelChoiceField(
        label=_("Mục lục ngân sách"), queryset=BudgetLine.objects.filter(is_active=True)
    )


def _unit_field(required=True):
    return forms.ModelChoiceField(
        label=_("Đơn vị dự toán"), queryset=BudgetUnit.objects.all(), required=required
    )


class EstimateForm(OfficeForm):
    budget_unit = _unit_field()
    year = _year_field()
    title = forms.CharField(label=_("Tên dự toán"), max_length=300)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)


class ConsolidateForm(OfficeForm):
    year = _year_field()
    title = forms.CharField(label=_("Tên dự toán tổng hợp"), max_length=300)
    parts = forms.ModelMultipleChoiceField(
        label=_("Dự toán của các đơn vị"),
        queryset=Estimate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].queryset = parts


class LineForm(OfficeForm):
    budget_unit = _unit_field(required=False)
    budget_line = _line_field()
    amount = _money_field(_("Số tiền (đồng)"))
    explanation = forms.CharField(label=_("Thuyết minh"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, consolidated: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not consolidated:
            del self.fields["budget_unit"]


class DecisionRecordForm(OfficeForm):
    decision_number = forms.CharField(label=_("Số quyết định của Ban Thường vụ"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE_WIDGET)
    allocation_number = forms.CharField(
        label=_("Số quyết định giao dự toán (HĐND)"), max_length=60, required=False
    )
    allocation_date = forms.DateField(label=_("Ngày giao"), widget=DATE_WIDGET, required=False)


class ReviseForm(OfficeForm):
    reason = forms.CharField(label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 2}))


class AllocationForm(OfficeForm):
    budget_unit = _unit_field()
    budget_line = _line_field()
    q1 = _money_field(_("Quý I"), min_value=0)
    q2 = _money_field(_("Quý II"), min_value=0)
    q3 = _money_field(_("Quý III"), min_value=0)
    q4 = _money_field(_("Quý IV"), min_value=0)


class CommitmentForm(OfficeForm):
    budget_unit = _unit_field()
    budget_line = _line_field()
    amount = _money_field(_("Số tiền cam kết"))
    source = forms.CharField(label=_("Đề xuất chi đã được duyệt"), max_length=300)
    committed_on = forms.DateField(label=_("Ngày cam kết"), widget=DATE_WIDGET)


class SettlementForm(OfficeForm):
    title = forms.CharField(label=_("Tên quyết toán"), max_length=300)


class ExplainForm(OfficeForm):
    line = forms.ModelChoiceField(label=_("Dòng"), queryset=SettlementLine.objects.none())
    explanation = forms.CharField(
        label=_("Giải trình chênh lệch"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, settlement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = settlement.lines.select_related("budget_unit", "budget_line")
        self.fields["line"].label_from_instance = lambda line: (
            f"{line.budget_unit.code} · {line.budget_line.code} {line.budget_line.name}"
        )


class MappingForm(OfficeForm):
    name = forms.CharField(label=_("Tên mẫu"), max_length=100, initial=_("Phần mềm kế toán"))
    date_format = forms.ChoiceField(
        label=_("Định dạng ngày"),
        choices=[
            ("%d/%m/%Y", "dd/mm/yyyy"),
            ("%Y-%m-%d", "yyyy-mm-dd"),
            ("%d-%m-%Y", "dd-mm-yyyy"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, required in IMPORT_FIELDS:
            self.fields[f"col_{key}"] = forms.CharField(
                label=_("Cột “%(field)s”") % {"field": label}, max_length=100, required=required
            )

    def columns(self) -> dict:
        return {
            key: self.cleaned_data.get(f"col_{key}", "") for key, _label, _required in IMPORT_FIELDS
        }


class ImportForm(OfficeForm):
    year = _year_field()
    mapping = forms.ModelChoiceField(label=_("Mẫu nhập"), queryset=ImportMapping.objects.all())
    file = forms.FileField(label=_("Tệp CSV hoặc XLSX xuất từ phần mềm kế toán"))


# Dues ------------------------------------------------------------------------------------------


class MonthPickForm(OfficeForm):
    month = MonthField(label=_("Tháng"))


class PayrollForm(OfficeForm):
    month = MonthField(label=_("Tháng"))
    file = forms.FileField(label=_("Bảng lương (CSV hoặc XLSX, cột “Số thẻ”, “Số tiền”)"))


class IncomeForm(OfficeForm):
    month = MonthField(label=_("Tháng"))
    amount = _money_field(_("Số tiền căn cứ (đồng)"))
    category = forms.ChoiceField(
        label=_("Đối tượng trong tháng (nếu khác)"),
        choices=[("", "—"), *MemberCategory.choices],
        required=False,
    )


class ReliefForm(OfficeForm):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ReliefKind.choices)
    ground = forms.ModelChoiceField(label=_("Lý do"), queryset=ReliefGround.objects.all())
    percent = forms.IntegerField(label=_("Mức giảm (%)"), required=False, min_value=1, max_value=99)
    starts_on = MonthField(label=_("Từ tháng"))
    ends_on = MonthField(label=_("Đến hết tháng"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)


class PaymentForm(OfficeForm):
    month = MonthField(label=_("Đóng cho tháng"))
    amount = _money_field(_("Số tiền (đồng)"))
    paid_on = forms.DateField(label=_("Ngày nộp"), widget=DATE_WIDGET)
    method = forms.ChoiceField(label=_("Hình thức"), choices=PaymentMethod.choices)
    reference = forms.CharField(label=_("Số tham chiếu"), max_length=100, required=False)


class ExcuseForm(OfficeForm):
    month = MonthField(label=_("Tháng"))
    excuse = forms.CharField(label=_("Lý do chưa đóng"), max_length=300)


class DuesReportForm(OfficeForm):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức đảng"), queryset=PartyOrganisation.objects.all()
    )
    members = forms.IntegerField(label=_("Số đảng viên"), min_value=0, max_value=10_000_000)
    collected = _money_field(_("Đảng phí thu được"), min_value=0)
    remitted = _money_field(_("Đã nộp cấp trên"), min_value=0)
    reported_on = forms.DateField(label=_("Ngày báo cáo"), widget=DATE_WIDGET)
    remitted_on = forms.DateField(label=_("Ngày nộp"), widget=DATE_WIDGET, required=False)
    remittance_reference = forms.CharField(label=_("Chứng từ nộp"), max_length=100, required=False)


class MemberForm(OfficeForm):
    cell = forms.ModelChoiceField(label=_("Chi bộ"), queryset=None)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    card_number = forms.CharField(label=_("Số thẻ đảng viên"), max_length=30, required=False)
    joined_on = forms.DateField(label=_("Ngày vào Đảng"), widget=DATE_WIDGET)
    category = forms.ChoiceField(label=_("Đối tượng"), choices=MemberCategory.choices)
    user = forms.ModelChoiceField(
        label=_("Tài khoản cán bộ (nếu là cán bộ Văn phòng)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        from finance.models import PartyCell

        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = PartyCell.objects.all()
        self.fields["user"].queryset = get_user_model().objects.filter(party_member__isnull=True)


class InspectionForm(OfficeForm):
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức đảng được kiểm tra"), queryset=PartyOrganisation.objects.all()
    )
    title = forms.CharField(label=_("Tên cuộc kiểm tra"), max_length=300)
    period_from = forms.DateField(label=_("Kỳ kiểm tra từ ngày"), widget=DATE_WIDGET)
    period_to = forms.DateField(label=_("Kỳ kiểm tra đến ngày"), widget=DATE_WIDGET)
    planned_start = forms.DateField(label=_("Dự kiến bắt đầu"), widget=DATE_WIDGET)
    planned_end = forms.DateField(label=_("Dự kiến kết thúc"), widget=DATE_WIDGET)
    team = forms.ModelMultipleChoiceField(
        label=_("Đoàn kiểm tra"), queryset=User.objects.none(), required=False
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = User.objects.filter(is_active=True).order_by("username")


class FindingForm(OfficeForm):
    finding = forms.CharField(
        label=_("Nội dung phát hiện"), widget=forms.Textarea(attrs={"rows": 2})
    )
    recommendation = forms.CharField(label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible_body = forms.CharField(label=_("Đơn vị, người chịu trách nhiệm"), max_length=200)
    due_on = forms.DateField(label=_("Hạn thực hiện"), widget=DATE_WIDGET)


class ConclusionForm(OfficeForm):
    conclusion = forms.CharField(
        label=_("Kết luận kiểm tra"), widget=forms.Textarea(attrs={"rows": 4})
    )


class FollowUpForm(OfficeForm):
    finding = forms.ModelChoiceField(
        label=_("Kiến nghị"), queryset=InspectionFinding.objects.none()
    )
    status = forms.ChoiceField(label=_("Tình hình thực hiện"), choices=FollowUpStatus.choices)
    result = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = inspection.findings.all()
